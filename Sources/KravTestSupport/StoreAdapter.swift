import Foundation
import KravApp
import KravCore
import KravStore

/// A real store folder as the app sees it, for headless tests of what reaches the screen
/// from disk (files replaced by a sync engine, a colleague's journal).
public final class StoreAdapter: AppStore {
  public let store: Store
  /// The ledger folded when the adapter was made.
  public let ledger: Ledger

  /// Opens `path` as `writer` and folds it.
  public init(path: String, writer: String) throws {
    store = try Store.open(at: path, writer: writer)
    (ledger, _) = try store.loadLedger()
  }

  public func append(_ drafts: [Event]) throws -> [(Event, EventRef)] {
    try store.appendLocated(drafts)
  }

  public func poll() throws -> [(Event, EventRef)] {
    var out: [(Event, EventRef)] = []
    _ = try store.refresh { out.append(($0, $1)) }
    return out
  }

  public func pollChanges() throws -> StoreChanges { try store.followChanges(language) }

  public func events(at refs: [EventRef]) throws -> [Event] {
    try refs.map { try store.event(at: $0) }
  }

  /// The language the store's reasons are worded in (the app's).
  public var language: Language = .en

  public var readOnlyReason: String? { store.readOnlyReason?.text(language) }

  public func writeDraft(named name: String, contents: String) throws -> String {
    try store.writeDraft(named: name, contents: contents)
  }

  public func saveDocuments(_ files: [DocumentFile]) throws { try store.writeDocuments(files) }

  public func letterExists(_ id: String) -> Bool { store.letterExists(id) }

  /// A store-relative file's bytes, or nil when it is missing (never outside the store).
  public func readDocument(_ path: String) -> [UInt8]? {
    guard !path.split(separator: "/").contains("..") else { return nil }
    return FileManager.default.contents(atPath: store.root + "/" + path).map { Array($0) }
  }

  public var documentTag: String? { store.documentTag }

  public var fourEyes: Set<FourEyesAction> { store.info.fourEyesActions }

  public func writeLetter(id: String, text: String, eml: String?) throws {
    try store.writeLetter(id: id, text: text, eml: eml)
  }

  public func withStepLock<T>(_ body: () throws -> T) throws -> T {
    try store.withStepLock(body)
  }
}
