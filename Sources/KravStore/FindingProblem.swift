import KravCore

/// What a `Finding` says is wrong, as a value: `text(_:)` words it in Norwegian bokmål or
/// English (issue 20: `krav check` in the run's language). Like every finding message it names
/// at most a field, a count or a file, never a value from a journal line.
public enum FindingProblem: Hashable, Sendable {
  // A line that cannot be decoded (LineDecoder).
  case noCrc, checksumMismatch, noFields, malformedKey, missingColon
  case fieldTwice(String), expectedInteger(String), prevNotHex, expectedDate(String)
  case typeNotString, badUTF8(String), expectedString(String), badTimestamp
  case unknownFieldMalformed, unknownFieldTwice, unknownFieldUTF8, missingComma
  case fieldMissing(String), emptyHeader, seqOutOfRange
  // The journal as a whole (replay).
  case chainBroken(seq: Int, after: Int), seqGap(seq: Int, after: Int), shorterThanRead
  case duplicateId, tornTailRemoved(length: UInt64, movedTo: String), tornTailOpen(length: UInt64)
  case noSuchJournal, noCompleteLine
  // The store's files (check).
  case newerFormat(version: Int), storeFileMissing, openToOthers(mode: UInt32)
  case aboveBound(field: String)
  /// A file-sync conflict copy of a journal: the events (id and type) the store lacks.
  case journalConflictCopy(original: String, missing: [String], count: Int)
  case symlink, temporaryFile, conflictCopy, unknownRootFile, notAJournal, notASnapshot
  case notALetter, orphanLetter

  /// The problem in `lang`.
  // swiftlint:disable:next cyclomatic_complexity function_body_length
  public func text(_ lang: Language) -> String {
    let nb = lang == .nb
    switch self {
    case .noCrc: return nb ? "ingen crc-felt til slutt" : "no crc field at the end"
    case .checksumMismatch: return nb ? "kontrollsummen stemmer ikke" : "checksum mismatch"
    case .noFields: return nb ? "ingen felt" : "no fields"
    case .malformedKey: return nb ? "ugyldig nøkkel" : "malformed key"
    case .missingColon: return nb ? "mangler ':' etter en nøkkel" : "missing ':' after a key"
    case .fieldTwice(let f):
      return nb ? "feltet \(f) står to ganger" : "field \(f) appears twice"
    case .expectedInteger(let f):
      return nb ? "felt \(f): forventet et heltall" : "field \(f): expected an integer"
    case .prevNotHex:
      return nb
        ? "felt prev: forventet 8 heksadesimale sifre (små bokstaver)"
        : "field prev: expected 8 lowercase hex digits"
    case .expectedDate(let f):
      return nb ? "felt \(f): forventet en dato YYYY-MM-DD" : "field \(f): expected a date YYYY-MM-DD"
    case .typeNotString: return nb ? "felt type: forventet en streng" : "field type: expected a string"
    case .badUTF8(let f):
      return nb
        ? "felt \(f): ugyldig UTF-8 eller escape-sekvens" : "field \(f): invalid UTF-8 or escape"
    case .expectedString(let f):
      return nb ? "felt \(f): forventet en streng" : "field \(f): expected a string"
    case .badTimestamp:
      return nb
        ? "felt at: forventet YYYY-MM-DDTHH:MM:SS med tidssone"
        : "field at: expected YYYY-MM-DDTHH:MM:SS with an offset"
    case .unknownFieldMalformed:
      return nb ? "ukjent felt: ugyldig verdi" : "unknown field: malformed value"
    case .unknownFieldTwice: return nb ? "et felt står to ganger" : "a field appears twice"
    case .unknownFieldUTF8: return nb ? "ukjent felt: ugyldig UTF-8" : "unknown field: invalid UTF-8"
    case .missingComma: return nb ? "mangler ',' mellom feltene" : "missing ',' between fields"
    case .fieldMissing(let f): return nb ? "feltet \(f) mangler" : "field \(f) missing"
    case .emptyHeader: return nb ? "tomt hodefelt" : "empty header field"
    case .seqOutOfRange: return nb ? "feltet seq eller v er utenfor gyldig område" : "field seq or v out of range"
    case .chainBroken(let seq, let after):
      return nb
        ? "felt prev: stemmer ikke med linjen før (seq \(seq) etter \(after)): en linje er fjernet, lagt til, gjentatt eller flyttet"
        : "field prev: does not match the line before (seq \(seq) after \(after)): a line was removed, added, repeated or moved"
    case .seqGap(let seq, let after):
      return nb ? "felt seq: \(seq) følger \(after)" : "field seq: \(seq) follows \(after)"
    case .shorterThanRead:
      return nb
        ? "journalen er kortere enn det som allerede er lest"
        : "journal is shorter than what was already read"
    case .duplicateId:
      return nb
        ? "felt id: gjentar en tidligere hendelse; hoppet over"
        : "field id: repeats an earlier event; skipped"
    case .tornTailRemoved(let n, let place):
      return nb
        ? "siste linje ble avbrutt (\(n) byte, aldri lagret); flyttet til \(place) og fjernet"
        : "last line was cut short (\(n) bytes, never saved); moved to \(place) and removed"
    case .tornTailOpen(let n):
      return nb
        ? "siste linje mangler linjeskift (\(n) byte): avbrutt eller under skriving"
        : "last line has no newline (\(n) bytes): cut short or being written"
    case .noSuchJournal: return nb ? "ingen slik journal" : "no such journal"
    case .noCompleteLine: return nb ? "ingen hel linje" : "no complete line"
    case .newerFormat(let v): return StoreError.newerFormat(version: v).text(lang)
    case .storeFileMissing: return nb ? "mangler eller kan ikke leses" : "missing or unreadable"
    case .openToOthers(let mode):
      let m = String(mode, radix: 8)
      return nb ? "åpen for andre brukere (modus \(m))" : "open to other users (mode \(m))"
    case .aboveBound(let f):
      return nb
        ? "\(f): over det største beløpet Krav godtar (eller ugyldig); hendelsen er ikke tatt med"
        : "\(f): above the largest amount Krav accepts (or malformed); the event is not folded"
    case .journalConflictCopy(let original, let missing, let count):
      let list = missing.joined(separator: ", ") + (count > missing.count ? ", …" : "")
      if nb {
        return "konfliktkopi av \(original) laget av et synkroniseringsverktøy; "
          + (count == 0
            ? "alle hendelsene i den finnes i databasen"
            : "\(count) hendelse(r) databasen mangler: \(list); 'krav check --repair' fletter dem inn")
      }
      return "conflict copy of \(original) made by a file-sync tool; "
        + (count == 0
          ? "every event in it is in the store"
          : "\(count) event(s) the store lacks: \(list); 'krav check --repair' merges them")
    case .symlink:
      return nb
        ? "en symbolsk lenke; Krav leser og skriver aldri gjennom lenker i en database"
        : "a symbolic link; Krav never reads or writes through links in a store"
    case .temporaryFile:
      return nb
        ? "en midlertidig fil etter en avbrutt skriving; trygg å slette"
        : "a temporary file left by an interrupted write; safe to delete"
    case .conflictCopy:
      return nb
        ? "en konfliktkopi laget av et synkroniseringsverktøy (to maskiner skrev denne filen); sammenlign den med originalen og flytt en av dem til side"
        : "a conflict copy made by a file-sync tool (two machines wrote this file); compare it with the original and move one aside"
    case .unknownRootFile: return nb ? "ikke en fil Krav kjenner" : "not a file Krav knows"
    case .notAJournal:
      return nb
        ? "ikke en journal (journal/<skriver>.jsonl)" : "not a journal (journal/<writer>.jsonl)"
    case .notASnapshot:
      return nb
        ? "ikke et øyeblikksbilde (cache/snapshot-<skriver>.bin)"
        : "not a snapshot (cache/snapshot-<writer>.bin)"
    case .notALetter:
      return nb
        ? "ikke et brev (.txt, .eml, .pdf eller .layout.json)"
        : "not a letter (.txt, .eml, .pdf or .layout.json)"
    case .orphanLetter:
      return nb
        ? "et brev ingen hendelse nevner (etter en skriving som ikke ble fulgt av hendelsen); det ble aldri sendt"
        : "a letter no event names (left by a write that was not followed by its event); it was never sent"
    }
  }
}
