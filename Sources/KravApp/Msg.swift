import KravCore
import TerminalUI

/// Something that happened, fed to `update`.
public enum Msg: Sendable {
  /// A key was pressed.
  case key(Key)
  /// The terminal changed size.
  case resized(Size)
  /// The clock ticked; `today` may have rolled over at midnight.
  case tick(today: Day)
  /// Events were written and fsynced by this session (after an `.append` effect).
  case appended([(Event, EventRef)])
  /// Letters were written and their events stored (after a `.sendLetters` effect).
  case lettersSent([String], [(Event, EventRef)])
  /// Events another writer (a colleague, a CLI command) appended since the last look.
  case external([(Event, EventRef)])
  /// The store refused or failed a write; nothing was folded.
  case storeFailed(String)
  /// A customer's timeline was read back from the journals.
  case timelineLoaded(customer: String, events: [Event])
  /// The clock's time of day (minutes after midnight in Oslo), for the call rules.
  case clock(minute: Int)
  /// A follow-up e-mail draft was written durably to `letters/` (before its event).
  case draftWritten(path: String, body: String)
  /// The outbox screen's request was carried out (Outbox/OutboxScreen.swift).
  case outbox(OutboxResult)
}

/// Work `update` asks the runtime to do; values, never closures, so tests can compare them.
public enum Effect: Hashable, Sendable {
  /// Append these drafts to the store (one write, fsync), then send `.appended`.
  case append([Event])
  /// Write these letter files durably first, then append the drafts (a plan and its document).
  case appendWithDocuments([DocumentFile], [Event])
  /// Write these letters to `letters/` and append their events, then send `.lettersSent`.
  case sendLetters([LetterDraft], Creditor)
  /// Read these events back for a customer's timeline, then send `.timelineLoaded`.
  case loadTimeline(customer: String, refs: [EventRef])
  /// Write an e-mail draft durably, then append the events with the draft's path in the first
  /// event (in `ref` when `link` is "ref", else in the extra key `link`); sends `.appended`
  /// then `.draftWritten`. The follow-up after a call, the answer to a rejected objection.
  case draftThenAppend(draftName: String, eml: String, body: String, events: [Event], link: String)
  /// The outbox screen's request (load, read, send, print), with the ledger and creditor.
  case outbox(OutboxRequest, LedgerValue, Creditor?)
  /// Restore the terminal and exit.
  case quit
}
