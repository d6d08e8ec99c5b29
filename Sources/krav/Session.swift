import ArgumentParser
import Foundation
import KravApp
import KravCore
import KravExchange
import KravStore

/// A repeated `--request-id`: the change was recorded by an earlier attempt.
struct AlreadyRecorded: Error {
  var requestId: String
}

/// One command's view of the store: the folded ledger and this writer's journal.
///
/// Writer names: the terminal UI writes `journal/<user>@<host>.jsonl` and holds its lock for
/// the session; one-shot commands write `<user>@<host>-cli.jsonl` and wait briefly for its lock,
/// so a collector can script Krav while their own Krav window is open.
final class Session: AppStore {
  /// A bank file import from the TUI: the creditor's accounts, the stored ids and the payment
  /// history, as `krav import payments` uses them.
  func bankImport() -> BankImportContext? {
    guard let accounts = try? store.currentAccounts() else { return nil }
    let store = self.store
    return BankImportContext(
      accounts: accounts, stored: { store.containsEvent(id: $0) },
      history: ImportCommand.Payments.history(self))
  }

  let store: Store
  private(set) var ledger: Ledger
  let today: Day
  let global: GlobalOptions

  private init(store: Store, ledger: Ledger, today: Day, global: GlobalOptions) {
    self.store = store
    self.ledger = ledger
    self.today = today
    self.global = global
  }

  /// This machine's name in writer names: `KRAV_MACHINE` when set (two machines with the same
  /// host name sharing a store through a sync engine must set it), else the short host name;
  /// safe in a file name.
  static var host: String {
    if let m = ProcessInfo.processInfo.environment["KRAV_MACHINE"], !m.isEmpty {
      let safe = m.filter { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_") }
      if !safe.isEmpty { return String(safe.prefix(40)) }
    }
    var buf = [UInt8](repeating: 0, count: 256)
    _ = buf.withUnsafeMutableBufferPointer { b in
      b.withMemoryRebound(to: CChar.self) { gethostname($0.baseAddress!, $0.count - 1) }
    }
    let text = String(decoding: buf.prefix { $0 != 0 }, as: UTF8.self)
    let name = text.split(separator: ".").first.map(String.init) ?? "host"
    let safe = name.filter { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-") }
    return safe.isEmpty ? "host" : safe
  }

  /// Opens the store at `--store` and folds it; `interactive` selects the TUI's writer.
  static func open(_ g: GlobalOptions, writing: Bool, interactive: Bool = false) throws -> Session {
    let path = g.storePath
    guard FileManager.default.fileExists(atPath: path + "/krav-store.json") else {
      throw UserError(CLIText.storeMissing(path).text(g.language))
    }
    let writer = "\(g.user)@\(host)\(interactive ? "" : "-cli")"
    let store = try openWaiting(
      path: path, writer: writer, readOnly: !writing, wait: !interactive,
      readOnlyIfUnwritable: interactive)
    let (ledger, report) = try store.loadLedger()
    // Refresh the snapshot when a long tail had to be replayed; it only ever saves time.
    if writing, store.readOnlyReason == nil, report.events >= Session.snapshotAfter {
      try? store.writeSnapshot(ledger)
    }
    if writing, interactive == false, let reason = store.readOnlyReason {
      throw UserError(CLIText.readOnly(reason).text(g.language))
    }
    let session = Session(store: store, ledger: ledger, today: try g.today(), global: g)
    Session.keptUntilExit.append(session)
    return session
  }

  /// Every session this process opened, kept until it exits (`Krav.main` ends with `exit`):
  /// freeing a large store's ledger piece by piece took longer than the kernel takes to drop
  /// the whole process (45 ms after the last line of `krav customers` on a million events).
  /// Nothing is lost: every write was synced before it was acknowledged, and the journal's
  /// lock goes with the process.
  nonisolated(unsafe) private static var keptUntilExit: [Session] = []

  /// Opens the store, retrying for up to five seconds while another command holds the lock.
  private static func openWaiting(
    path: String, writer: String, readOnly: Bool, wait: Bool, readOnlyIfUnwritable: Bool = false
  ) throws -> Store {
    let deadline = Date().addingTimeInterval(wait ? 5 : 0)
    while true {
      do {
        return try Store.open(
          at: path, writer: writer, readOnly: readOnly,
          readOnlyIfUnwritable: readOnlyIfUnwritable)
      } catch StoreError.journalInUse where Date() < deadline {
        usleep(50_000)
      }
    }
  }

  /// Events replayed past the snapshot that make a writing session save a new one.
  static let snapshotAfter = 20_000

  var readOnlyReason: String? { store.readOnlyReason?.text(lang) }

  /// Appends drafts durably (timestamps from `--now`/`--today` or the clock) and folds them.
  @discardableResult
  func append(_ drafts: [Event]) throws -> [(Event, EventRef)] {
    let stamp = try global.timestamp()
    // Read once: `global.user` reads the environment (a bank file brings 100 000s of drafts).
    let user = global.user
    let stamped = drafts.map { d -> Event in
      var e = d
      if e.at.isEmpty { e.at = stamp }
      if e.by.isEmpty { e.by = user }
      return e
    }
    let keyed = stamped.enumerated().map { i, d -> Event in
      var e = d
      // A caller's request id makes the change idempotent: the store refuses a repeated id.
      // Drafts that bring their own id (a bank file's reference) keep it.
      if let key = global.requestId, e.id.isEmpty {
        e.id = stamped.count == 1 ? "req:\(key)" : "req:\(key)#\(i)"
      }
      return e
    }
    do {
      let stored = try store.appendLocated(keyed)
      for (e, r) in stored { ledger.apply(e, ref: r) }
      return stored
    } catch StoreError.idTaken where global.requestId != nil {
      // A retry (the same command again) is idempotent; a different command reusing the id is
      // an error, not silently dropped (issue 16, point 7). Nothing was written either way.
      let key = global.requestId!
      for d in keyed where !d.id.isEmpty {
        guard let stored = try store.storedEvent(id: d.id), stored.sameContent(as: d) else {
          throw UserError(CLIText.requestIdReused(VisibleText.escaped(key)).text(lang))
        }
      }
      throw AlreadyRecorded(requestId: key)
    }
  }

  func poll() throws -> [(Event, EventRef)] {
    var batch: [(Event, EventRef)] = []
    _ = try store.refresh { e, r in batch.append((e, r)) }
    return batch
  }

  func pollChanges() throws -> StoreChanges {
    let changes = try store.followChanges(lang)
    if let l = changes.reloaded { ledger = l }
    return changes
  }

  func letterExists(_ id: String) -> Bool { store.letterExists(id) }

  var documentTag: String? { store.documentTag }

  var fourEyes: Set<FourEyesAction> { store.info.fourEyesActions }

  func withStepLock<T>(_ body: () throws -> T) throws -> T { try store.withStepLock(body) }

  /// Folds what other writers appended since this session loaded (under the step lock, so a
  /// plan sees the steps another session just took).
  func catchUp() throws {
    _ = try store.refresh { e, r in ledger.apply(e, ref: r) }
    if store.reloadReason != nil {
      // A journal was replaced by one that does not continue what was read: fold anew.
      (ledger, _) = try store.loadLedger()
    }
  }

  func writeLetter(id: String, text: String, eml: String?) throws {
    try store.writeLetter(id: id, text: text, eml: eml)
  }

  /// The creditor as `krav-store.json` names it.
  var creditor: Creditor {
    let i = store.info
    var c = Creditor(
      name: i.name, orgnr: i.orgnr, account: i.account, email: i.email, phone: i.phone,
      address: i.address)
    // The logo path is kept relative to the store when it was given inside it.
    c.logo = i.logo.map { $0.hasPrefix("/") ? $0 : store.root + "/" + $0 }
    return c
  }

  func events(at refs: [EventRef]) throws -> [Event] { try refs.map { try store.event(at: $0) } }

  /// Prints what a write command stored: the events as JSON, or a one-line confirmation.
  func report(_ stored: [(Event, EventRef)], text: String) {
    if global.json {
      Output.json(["events": stored.map { Output.eventJSON($0.0) }])
    } else {
      Output.line(text)
    }
  }
}
