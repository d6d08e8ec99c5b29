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
  public var message: String

  /// Creates a finding.
  public init(kind: Kind, file: String, line: Int, byteOffset: UInt64, message: String) {
    self.kind = kind
    self.file = file
    self.line = line
    self.byteOffset = byteOffset
    self.message = message
  }

  /// Whether the store must stop writing until this is resolved.
  ///
  /// A torn tail is not: it is a write that was never acknowledged, and the writer's own
  /// session cuts it off (after quarantining it); in other writers' journals it is ignored.
  public var blocksWriting: Bool { kind != .tornTail }

  /// `file:line: message`, the form every Krav error uses.
  public var description: String { "\(file):\(line): \(message)" }
}

/// Why a store operation failed; every message is free of personal data.
public enum StoreError: Error, Sendable, CustomStringConvertible, Equatable {
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
  case readOnly(reason: String)
  /// `append` before the journals were replayed or loaded once.
  case notLoaded
  /// A draft cannot be encoded (field named), or carries an id already in the store.
  case invalidEvent(String)
  /// The write did not complete; the journal was cut back and nothing was saved.
  case writeFailed(file: String, errno: Int32)
  /// fsync failed: the kernel may have dropped the data; this session must end.
  case syncFailed(file: String, errno: Int32)
  /// The journal changed behind this session's back (size differs from what it wrote).
  case journalChanged(file: String)
  /// A line referenced by an `EventRef` could not be read back.
  case badRef(file: String, offset: UInt64, reason: String)
  /// A repair plan no longer matches the files (they changed since the plan was made).
  case stalePlan(file: String)
  /// This writer's journal was replaced or extended by someone else while this session
  /// writes it: another machine writes a journal of the same name (a file-sync engine
  /// carried its copy here). Nothing more is written in this session.
  case writerClash(file: String, writer: String)

  /// One line naming what went wrong and where.
  public var description: String {
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
    case .badRef(let f, let o, let r): return "\(f) at byte \(o): \(r)"
    case .stalePlan(let f): return "\(f) changed since the repair plan was made; plan again"
    case .writerClash(let f, let w):
      return "journal \(f) was changed by another machine that also writes as \(w) (a "
        + "file-sync engine brought its copy here); nothing more is written in this session. "
        + "Give each machine its own name (KRAV_MACHINE) and run 'krav check' (docs: team.md)"
    }
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
