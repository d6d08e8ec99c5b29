import KravApp
import KravCore
import KravExchange

/// An in-memory store for headless app tests: appends succeed (or fail on demand) instantly.
public final class MemoryStore: AppStore {
  /// The creditor's bank accounts (canonical) for a bank file import; nil: bank files refused.
  public var bankAccounts: [String]?

  public func bankImport() -> BankImportContext? {
    guard let accounts = bankAccounts else { return nil }
    let ids = Set(events.map(\.id))
    return BankImportContext(accounts: accounts, stored: { ids.contains($0) }, history: .none)
  }

  /// Every stored event, in order; `EventRef.offset` is the index here.
  public private(set) var events: [Event] = []
  /// Events "another writer" appended, handed out by the next `poll`.
  private var pending: [Int] = []
  /// When set, the next append fails with this message and stores nothing.
  public var failNextAppend: String?
  /// When set, the next append fails with this error (a store's own, worded per language).
  public var failNextAppendError: (any Error)?
  public var readOnlyReason: String?
  /// The actions that need a second person's approval (as `four_eyes` in a real store).
  public var fourEyes: Set<FourEyesAction> = []
  private let writer: String

  /// Creates a store holding `events` (ids and seqs filled in when empty).
  public init(events: [Event] = [], writer: String = "test") {
    self.writer = writer
    for e in events { store(e, by: e.by.isEmpty ? writer : e.by) }
  }

  /// All events with their refs, as a replay would deliver them.
  public var replay: [(Event, EventRef)] {
    events.enumerated().map { ($1, EventRef(journal: 0, offset: UInt64($0))) }
  }

  /// A ledger folded from everything stored.
  public var ledger: Ledger {
    var l = Ledger()
    for (e, r) in replay { l.apply(e, ref: r) }
    return l
  }

  @discardableResult
  private func store(_ draft: Event, by: String) -> (Event, EventRef) {
    var e = draft
    e.by = by
    e.seq = events.count + 1
    if e.id.isEmpty { e.id = "\(by):\(e.seq)" }
    events.append(e)
    return (e, EventRef(journal: 0, offset: UInt64(events.count - 1)))
  }

  public func append(_ drafts: [Event]) throws -> [(Event, EventRef)] {
    if let error = failNextAppendError {
      failNextAppendError = nil
      throw error
    }
    if let message = failNextAppend {
      failNextAppend = nil
      throw MemoryStoreError(message: message)
    }
    return drafts.map { store($0, by: writer) }
  }

  /// Appends as another writer would; the app sees it on its next poll.
  public func appendExternally(_ draft: Event, by: String) {
    store(draft, by: by)
    pending.append(events.count - 1)
  }

  /// Letters written, by id: (text, eml); a court draft has no eml.
  public private(set) var letters: [String: (text: String, eml: String?)] = [:]

  public func letterExists(_ id: String) -> Bool { letters[id] != nil }

  /// The mail command the outbox sends through (a test sets a failing one).
  public var mailCommand: String = "sendmail -t -i"

  public func readDocument(_ path: String) -> [UInt8]? {
    if let d = documents[path] { return d }
    for (id, l) in letters {
      if path == "letters/\(id).txt" { return Array(l.text.utf8) }
      if path == "letters/\(id).eml" { return l.eml.map { Array($0.utf8) } }
    }
    return nil
  }

  public func writeLetter(id: String, text: String, eml: String?) throws {
    if let error = failNextAppendError {
      failNextAppendError = nil
      throw error
    }
    if let message = failNextAppend {
      failNextAppend = nil
      throw MemoryStoreError(message: message)
    }
    guard letters[id] == nil else { throw MemoryStoreError(message: "letter \(id) exists") }
    letters[id] = (text, eml)
  }

  public func poll() throws -> [(Event, EventRef)] {
    defer { pending = [] }
    return pending.map { (events[$0], EventRef(journal: 0, offset: UInt64($0))) }
  }

  public func events(at refs: [EventRef]) throws -> [Event] { refs.map { events[Int($0.offset)] } }

  /// Drafts written to `letters/`, by path.
  public private(set) var drafts: [String: String] = [:]

  public func writeDraft(named name: String, contents: String) throws -> String {
    var path = "letters/" + name
    var n = 2
    while drafts[path] != nil {
      path = "letters/\(n)-" + name
      n += 1
    }
    drafts[path] = contents
    return path
  }

  /// Letter files saved, by store-relative path.
  public private(set) var documents: [String: [UInt8]] = [:]

  public func saveDocuments(_ files: [DocumentFile]) throws {
    if let error = failNextAppendError {
      failNextAppendError = nil
      throw error
    }
    if let message = failNextAppend {
      failNextAppend = nil
      throw MemoryStoreError(message: message)
    }
    for f in files {
      guard documents[f.path] == nil else {
        throw MemoryStoreError(message: "letter \(f.path) already exists")
      }
    }
    for f in files { documents[f.path] = f.bytes }
  }
}

/// The failure `MemoryStore` throws when told to.
public struct MemoryStoreError: Error, CustomStringConvertible {
  public var message: String
  public var description: String { message }
}
