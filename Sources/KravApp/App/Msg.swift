import KravCore
import KravExchange
import TerminalUI

/// Something that happened, fed to `update`.
public enum Msg: Sendable {
  /// A key was pressed.
  case key(Key)
  /// The terminal changed size.
  case resized(Size)
  /// The clock ticked; `today` may have rolled over at midnight.
  case tick(today: Day)
  /// A write request was carried out: its files are on disk, its events fsynced.
  case written(WriteAck)
  /// Events another writer (a colleague, a CLI command) appended since the last look.
  case external([(Event, EventRef)])
  /// What was read could not be continued (a journal replaced by a file-sync engine with one
  /// that does not continue it, truncated or removed): everything was read again.
  case reloaded(Ledger, reason: String)
  /// `krav-store.json` (the creditor) or `call-settings.json` changed on disk.
  case settingsChanged(creditor: Creditor?, callSettings: CallSettings?)
  /// The store started (or stopped) refusing writes, e.g. another machine writes as this one.
  case readOnlyChanged(String?)
  /// The store refused or failed a write request; nothing was folded.
  case writeFailed(WritePurpose, String)
  /// Reading the store failed (a poll, a timeline); nothing was folded.
  case storeFailed(String)
  /// A customer's timeline was read back from the journals.
  case timelineLoaded(customer: String, events: [Event])
  /// The clock's time of day (minutes after midnight in Oslo), for the call rules.
  case clock(minute: Int)
  /// The outbox screen's request was carried out (Outbox/OutboxScreen.swift).
  case outbox(OutboxResult)
  /// A file to import was read and planned; nothing is written yet (ImportForm.swift).
  case importPreviewed(FilePreview)
  /// A store document the reader asked for (nil: it is missing).
  case documentRead(path: String, text: String?)
}

/// Work `update` asks the runtime to do; values, never closures, so tests can compare them.
public enum Effect: Hashable, Sendable {
  /// Carry out one write (files first, then the events in one fsynced append), then send
  /// `.written` or `.writeFailed`.
  case write(WriteRequest)
  /// Read these events back for a customer's timeline, then send `.timelineLoaded`.
  case loadTimeline(customer: String, refs: [EventRef])
  /// Restore the terminal and exit.
  /// The outbox screen's request (load, read, send, print), with the ledger and creditor.
  case outbox(OutboxRequest, LedgerValue, Creditor?)
  /// Read a file to import and plan it against the ledger, then send `.importPreviewed`.
  case previewImport(path: String, LedgerValue, today: Day, FileImport.Options)
  /// Read a store document (`letters/…`) for the reader, then send `.documentRead`.
  case readDocument(path: String)
  case quit
}

/// The one way the app writes: the files to put on disk first, the events to append after
/// them, and what the write is (which says what to tell the collector once it is stored).
public struct WriteRequest: Hashable, Sendable {
  /// What goes to disk before the events (durably: temp file, fsync, rename).
  public enum Files: Hashable, Sendable {
    case none
    /// Plan letters and notices (their events name them).
    case documents([DocumentFile])
    /// An e-mail draft (KravCore's `MailDraft`); its path goes into the first event (`link`).
    case draft(MailDraft, link: DraftLink)
    /// Formal-step letters: under the store's step lock, ids made unique, then their events
    /// (`sendLetters`); the letters carry theirs, and `events` (an approval's
    /// `approval-granted`, else none) go in the same append. Under `.approval` the letters are
    /// written though their step needs four eyes: this write is the second person's approval.
    case letters([LetterDraft], Creditor)
  }

  public var files: Files
  public var events: [Event]
  public var purpose: WritePurpose

  public init(_ purpose: WritePurpose, events: [Event], files: Files = .none) {
    self.purpose = purpose
    self.events = events
    self.files = files
  }
}

/// Where the first event names its e-mail draft.
public enum DraftLink: Hashable, Sendable {
  /// In `ref` (a logged call's follow-up).
  case ref
  /// In the `letter` key (the answer to a rejected objection).
  case letter
}

/// What a write is, so the acknowledgement says the right thing and does what follows.
public enum WritePurpose: Hashable, Sendable {
  case note, payment, paymentAssigned, hold, writeOff, disputeResolved
  case doNotCall(on: Bool)
  case planProposed, planSigned, planFollowUp
  /// A correction from the case (issue 20); the customer's details changed.
  case correction, customerEdited
  /// A logged call: then the follow-up review or the next customer; on failure the form
  /// comes back with everything typed.
  case call(CallForm)
  case letters
  /// A colleague's four-eyes request approved (issue 18): its `approval-granted`, with the
  /// write-off or the letters it allows.
  case approval
  /// A request rejected (issue 18): its `approval-rejected` with the reason.
  case approvalRejected
  /// A file imported from the TUI (its name).
  case imported(String)
}

/// The store's answer to a write request: what it was for and what was stored.
public struct WriteAck: Sendable {
  public var purpose: WritePurpose
  public var stored: [(Event, EventRef)]
  /// The e-mail draft's path in the store and its text, when the request wrote one.
  public var draft: (path: String, body: String)?
  /// The letters written, by id (court drafts included), when the request sent letters.
  public var letters: [String] = []

  public init(
    purpose: WritePurpose, stored: [(Event, EventRef)], draft: (path: String, body: String)? = nil,
    letters: [String] = []
  ) {
    self.purpose = purpose
    self.stored = stored
    self.draft = draft
    self.letters = letters
  }
}
