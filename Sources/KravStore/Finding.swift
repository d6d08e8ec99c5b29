import KravCore

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Something wrong found in a store: what, where (file, line, byte offset) and a short message.
///
/// Messages name only places and field names, never values: a journal holds names, identity
/// numbers and notes, and findings end up in terminals, logs and bug reports.
public struct Finding: Hashable, Sendable, CustomStringConvertible {
  /// What kind of damage or inconsistency was found.
  public enum Kind: String, Sendable, Hashable, CaseIterable {
    /// The last line has no `\n`: a write was cut short (crash, power loss, full disk).
    case tornTail
    /// The line's `crc` does not match its bytes: the line was changed after it was written.
    case badChecksum
    /// The line's `prev` does not match the previous line's `crc`: lines deleted, inserted,
    /// duplicated or swapped.
    case brokenChain
    /// The chain holds but `seq` is not the previous `seq` plus one.
    case badSeq
    /// An event id seen before; the later line is skipped so nothing counts twice.
    case duplicateId
    /// The line is not a valid event (JSON syntax, missing or malformed field).
    case parseError
    /// A file or folder the store needs is missing, unreadable or has unsafe permissions.
    case badFile
    /// A well-formed event carries a value the fold refuses (an amount above
    /// `Money.maximumAmount`): the event is not folded; the rest of the store loads.
    case badValue
    /// A copy of a journal made by a file-sync tool on a conflict (`….sync-conflict-….jsonl`,
    /// `… (conflicted copy …).jsonl`); it may hold events the store lacks.
    case conflictCopy
    /// A file or link in the store that Krav did not write (or left behind: a `.tmp` file, a
    /// letter no event names), or a symlink where a store file should be.
    case unknownFile
  }

  /// What kind of problem this is.
  public var kind: Kind
  /// Path relative to the store folder, e.g. `journal/kari@pc1.jsonl`.
  public var file: String
  /// 1-based line number (0 when the finding is about the whole file).
  public var line: Int
  /// Byte offset of the start of the line in the file.
  public var byteOffset: UInt64
  /// What is wrong, naming at most a field; never a value from the line.
  public var problem: FindingProblem

  /// Creates a finding.
  public init(kind: Kind, file: String, line: Int, byteOffset: UInt64, problem: FindingProblem) {
    self.kind = kind
    self.file = file
    self.line = line
    self.byteOffset = byteOffset
    self.problem = problem
  }

  /// What is wrong, in English (`text(_:)` in either language).
  public var message: String { problem.text(.en) }

  /// Whether the store must stop writing until this is resolved.
  ///
  /// A torn tail is not: it is a write that was never acknowledged, and the writer's own
  /// session cuts it off (after quarantining it); in other writers' journals it is ignored.
  public var blocksWriting: Bool { kind != .tornTail }

  /// `file:line: message`, the form every Krav error uses, in `lang`.
  public func text(_ lang: Language) -> String { "\(file):\(line): \(problem.text(lang))" }

  /// `file:line: message` in English.
  public var description: String { text(.en) }
}

/// Why a store operation failed; every message is free of personal data.
public enum StoreError: WordedError, Sendable, Equatable {
  /// A system call failed (operation, path relative to the store or absolute, errno).
  case io(op: String, path: String, errno: Int32)
  /// The folder is not a Krav store (no readable `krav-store.json`).
  case notAStore(path: String)
  /// `krav-store.json` names a format version newer than this Krav reads.
  case newerFormat(version: Int)
  /// `Store.create` found an existing store or a non-empty folder.
  case alreadyExists(path: String)
  /// Another session holds this writer's journal lock.
  case journalInUse(file: String, writer: String)
  /// The writer name cannot be used as a file name.
  case invalidWriter(String)
  /// Writing is refused; the reason says why (read-only open, findings, failed session).
  case readOnly(reason: ReadOnlyReason)
  /// `append` before the journals were replayed or loaded once.
  case notLoaded
  /// A draft cannot be encoded (field named).
  case invalidEvent(String)
  /// A draft carries an id already in the store; nothing was written.
  case idTaken
  /// The write did not complete; the journal was cut back and nothing was saved.
  case writeFailed(file: String, errno: Int32)
  /// fsync failed: the kernel may have dropped the data; this session must end.
  case syncFailed(file: String, errno: Int32)
  /// The journal changed behind this session's back (size differs from what it wrote).
  case journalChanged(file: String)
  /// A line referenced by an `EventRef` could not be read back.
  case badRef(file: String, offset: UInt64, reason: FindingProblem)
  /// A repair plan no longer matches the files (they changed since the plan was made).
  case stalePlan(file: String)
  /// This writer's journal was replaced or extended by someone else while this session
  /// writes it: another machine writes a journal of the same name (a file-sync engine
  /// carried its copy here). Nothing more is written in this session.
  case writerClash(file: String, writer: String)

  /// One line naming what went wrong and where, in `lang`.
  // swiftlint:disable:next cyclomatic_complexity function_body_length
  public func text(_ lang: Language) -> String {
    guard lang == .nb else { return english }
    switch self {
    case .io(let op, let path, let e) where e == EFBIG:
      return "\(StoreError.verb(op)) \(path): grensen for filstørrelse er nådd (ulimit -f, eller "
        + "filsystemets største fil)"
    case .io(let op, let path, let e) where e == ELOOP:
      return "\(StoreError.verb(op)) \(path): en symbolsk lenke inne i databasen; Krav følger "
        + "aldri lenker i en database (se krav check)"
    case .io(let op, let path, let e):
      return "\(StoreError.verb(op)) \(path): \(errnoText(e, lang))"
    case .notAStore(let p): return "\(p) er ikke en Krav-database (ingen lesbar krav-store.json)"
    case .newerFormat(let v):
      return "denne databasen er skrevet av en nyere Krav (formatversjon \(v); denne Krav leser "
        + "til og med \(StoreInfo.currentFormatVersion)): oppdater Krav for å åpne den"
    case .alreadyExists(let p): return "\(p) finnes allerede og er ikke tom"
    case .journalInUse(let f, let w):
      return "journalen \(f) er i bruk av en annen Krav-økt for \(w)"
    case .invalidWriter(let w):
      return "skrivernavnet \"\(w)\" kan ikke brukes som filnavn (bokstaver, sifre, @ . _ + -)"
    case .readOnly(let r): return "databasen er skrivebeskyttet: \(r.text(lang))"
    case .notLoaded: return "databasen må lastes (replay eller load) før noe legges til"
    case .invalidEvent(let r): return "hendelsen ble ikke lagret: \(r)"
    case .idTaken:
      return "hendelsen ble ikke lagret: en hendelse med denne id-en finnes allerede i databasen"
    case .writeFailed(let f, let e) where e == EFBIG:
      return "kunne ikke skrive \(f): grensen for filstørrelse er nådd (ulimit -f, eller "
        + "filsystemets største fil); ingenting ble lagret"
    case .writeFailed(let f, let e):
      return "kunne ikke skrive \(f): \(errnoText(e, lang)); ingenting ble lagret"
    case .syncFailed(let f, let e):
      return "kunne ikke synkronisere \(f) til disken: \(errnoText(e, lang)); lagrede data kan "
        + "være tapt, denne økten må avsluttes (start Krav på nytt og sjekk databasen)"
    case .journalChanged(let f):
      return "journalen \(f) ble endret utenfor denne økten; start Krav på nytt"
    case .badRef(let f, let o, let r): return "\(f) ved byte \(o): \(r.text(lang))"
    case .stalePlan(let f):
      return "\(f) er endret siden reparasjonsplanen ble laget; lag planen på nytt"
    case .writerClash(let f, let w):
      return "journalen \(f) ble endret av en annen maskin som også skriver som \(w) (et "
        + "synkroniseringsverktøy brakte kopien hit); ingenting mer skrives i denne økten. "
        + "Gi hver maskin sitt eget navn (KRAV_MACHINE) og kjør 'krav check' (dokumentasjon: team.md)"
    }
  }

  /// The message in English.
  var english: String {
    switch self {
    case .io(let op, let path, let e) where e == EFBIG:
      return "\(op) \(path): the file-size limit was reached (ulimit -f, or the file system's "
        + "largest file)"
    case .io(let op, let path, let e) where e == ELOOP:
      return "\(op) \(path): a symbolic link inside the store; Krav never follows links in a "
        + "store (see krav check)"
    case .io(let op, let path, let e): return "\(op) \(path): \(errnoText(e))"
    case .notAStore(let p): return "\(p) is not a Krav store (no readable krav-store.json)"
    case .newerFormat(let v):
      return "this store was written by a newer Krav (format version \(v); this Krav reads "
        + "up to \(StoreInfo.currentFormatVersion)): update Krav to open it"
    case .alreadyExists(let p): return "\(p) already exists and is not empty"
    case .journalInUse(let f, let w):
      return "journal \(f) is in use by another Krav session of \(w)"
    case .invalidWriter(let w):
      return "writer name \"\(w)\" is not usable as a file name (letters, digits, @ . _ + -)"
    case .readOnly(let r): return "the store is read-only: \(r)"
    case .notLoaded: return "the store must be loaded (replay or load) before appending"
    case .invalidEvent(let r): return "event not saved: \(r)"
    case .idTaken: return "event not saved: an event with this id is already in the store"
    case .writeFailed(let f, let e) where e == EFBIG:
      return "could not write \(f): the file-size limit was reached (ulimit -f, or the file "
        + "system's largest file); nothing was saved"
    case .writeFailed(let f, let e):
      return "could not write \(f): \(errnoText(e)); nothing was saved"
    case .syncFailed(let f, let e):
      return "could not sync \(f) to disk: \(errnoText(e)); saved data may be lost, "
        + "this session must end (restart Krav and check the store)"
    case .journalChanged(let f):
      return "journal \(f) changed outside this session; restart Krav"
    case .badRef(let f, let o, let r): return "\(f) at byte \(o): \(r.text(.en))"
    case .stalePlan(let f): return "\(f) changed since the repair plan was made; plan again"
    case .writerClash(let f, let w):
      return "journal \(f) was changed by another machine that also writes as \(w) (a "
        + "file-sync engine brought its copy here); nothing more is written in this session. "
        + "Give each machine its own name (KRAV_MACHINE) and run 'krav check' (docs: team.md)"
    }
  }

  /// A file operation's name (`open`, `write letter`) as the Norwegian message says it.
  static func verb(_ op: String) -> String {
    let verbs = [
      "open": "åpne", "opendir": "åpne mappen", "read": "lese",
      "read (file shrank)":
        "lese (filen ble kortere)", "write": "skrive", "write letter": "skrive brevet",
      "write snapshot": "skrive øyeblikksbildet", "rename": "gi nytt navn til",
      "mkdir": "lage mappen", "fsync": "synkronisere", "stat": "undersøke",
      "lstat": "undersøke", "fstat": "undersøke", "flock": "låse", "ftruncate": "korte av",
      "fchmod": "sette rettigheter på", "fchown": "sette eier på", "find group": "finne gruppen",
    ]
    return "kunne ikke " + (verbs[op] ?? op)
  }

  /// Whether the session must end (data acknowledged by the kernel may not be on disk).
  public var isFatal: Bool {
    if case .syncFailed = self { return true }
    return false
  }
}

/// The C library's text for an errno value, e.g. `No space left on device`.
func errnoText(_ code: Int32) -> String {
  guard let p = strerror(code) else { return "errno \(code)" }
  return String(cString: p)
}

/// An errno value's text in `lang`: the common ones in bokmål, the rest as the C library says.
func errnoText(_ code: Int32, _ lang: Language) -> String {
  guard lang == .nb else { return errnoText(code) }
  switch code {
  case ENOSPC: return "ingen plass igjen på disken"
  case EDQUOT: return "diskkvoten er brukt opp"
  case EACCES: return "ingen tilgang"
  case EPERM: return "ikke tillatt"
  case ENOENT: return "finnes ikke"
  case EEXIST: return "finnes allerede"
  case EROFS: return "skrivebeskyttet filsystem"
  case EIO: return "inn/ut-feil på disken"
  case ENOTDIR: return "ikke en mappe"
  case EISDIR: return "er en mappe"
  case EINVAL: return "ugyldig argument"
  case EMFILE, ENFILE: return "for mange åpne filer"
  case ENAMETOOLONG: return "navnet er for langt"
  case EAGAIN: return "midlertidig utilgjengelig"
  default: return errnoText(code)
  }
}

/// Why a store refuses to write.
public enum ReadOnlyReason: Sendable, Equatable, CustomStringConvertible {
  /// The session failed (an fsync failed, another machine writes the same journal).
  indirect case failed(StoreError)
  /// Opened to read only.
  case openedReadOnly
  /// Opened read-only because the file system is read-only.
  case readOnlyFileSystem
  /// Opened read-only because this user may not write the store.
  case noWritePermission
  /// Findings that block writing: how many, and the first.
  case findings(count: Int, first: Finding)

  /// The reason in `lang`.
  public func text(_ lang: Language) -> String {
    let nb = lang == .nb
    switch self {
    case .failed(let e): return e.text(lang)
    case .openedReadOnly: return nb ? "åpnet bare for lesing" : "opened read-only"
    case .readOnlyFileSystem: return nb ? "skrivebeskyttet filsystem" : "read-only file system"
    case .noWritePermission: return nb ? "ingen skrivetilgang" : "no write permission"
    case .findings(let n, let first):
      return nb
        ? "\(n) problem(er) funnet, det første \(first.text(lang)); kjør krav check"
        : "\(n) problem(s) found, first \(first); run krav check"
    }
  }

  /// The reason in English.
  public var description: String { text(.en) }
}

/// Why a store must be read again from the start (a journal changed under it).
public enum ReloadReason: Hashable, Sendable, CustomStringConvertible {
  case changedByAnotherMachine(String), removed(String), replaced(String), shorter(String)

  /// The reason in `lang`.
  public func text(_ lang: Language) -> String {
    let nb = lang == .nb
    switch self {
    case .changedByAnotherMachine(let f):
      return nb ? "\(f) ble endret av en annen maskin" : "\(f) was changed by another machine"
    case .removed(let f): return nb ? "\(f) ble fjernet" : "\(f) was removed"
    case .replaced(let f):
      return nb
        ? "\(f) ble erstattet av en fil som ikke fortsetter den"
        : "\(f) was replaced by a file that does not continue it"
    case .shorter(let f):
      return nb ? "\(f) ble kortere enn det som var lest" : "\(f) got shorter than what was read"
    }
  }

  /// The reason in English.
  public var description: String { text(.en) }
}
