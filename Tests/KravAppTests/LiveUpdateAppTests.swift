import Foundation
import KravApp
import KravCore
import KravStore
import KravTestSupport
import Testing

/// Issue 18: what a file-sync engine brings into the store reaches the open screen.
@Suite("Live updates from replaced files")
struct LiveUpdateAppTests {
  static let today = Day(parsing: "2026-11-30")!
  static let info = StoreInfo(
    name: "Fjordkraft Regnskap AS", orgnr: "123456785", account: "86011117947",
    created: "2026-11-30T09:00:00+01:00")

  /// Two copies of a store: `here` (this machine, open in the app) and `there` (a colleague).
  final class Machines {
    let base = NSTemporaryDirectory() + "krav-live-\(UUID().uuidString)"
    var here: String { base + "/here" }
    var there: String { base + "/there" }
    init() throws {
      try FileManager.default.createDirectory(atPath: base, withIntermediateDirectories: true)
      try Store.create(at: here, info: LiveUpdateAppTests.info)
      try Store.create(at: there, info: LiveUpdateAppTests.info)
    }
    deinit { try? FileManager.default.removeItem(atPath: base) }

    /// The colleague appends in their copy; the engine carries the journal over.
    func colleague(_ drafts: [Event], as writer: String = "ola") throws {
      let s = try Store.open(at: there, writer: writer)
      _ = try s.replay { _, _ in }
      _ = try s.append(drafts)
      try SyncCopy.carry("journal/\(writer).jsonl", from: there, to: here)
    }
  }

  static func customer(_ id: String, _ name: String, overdue amount: Int64) -> [Event] {
    [
      Fixtures.event(.customerAdded, today.adding(days: -60), customer: id) {
        $0.name = name
        $0.kind = "consumer"
      },
      Fixtures.event(.claimAdded, today.adding(days: -60), customer: id, invoice: "I\(id)") {
        $0.amount = amount
        $0.issued = today.adding(days: -60)
        $0.due = today.adding(days: -40)
      },
    ]
  }

  @Test("a colleague's customer arrives by rename and shows on the next poll")
  func replacedJournalShows() throws {
    let m = try Machines()
    try m.colleague(Self.customer("K1", "Bjørn Løvås", overdue: 100_000))
    let adapter = try StoreAdapter(path: m.here, writer: "kari")
    var d = AppDriver(appStore: adapter, ledger: adapter.ledger, today: Self.today)
    #expect(d.screenText.contains("Bjørn Løvås"))
    try m.colleague(Self.customer("K2", "Åse Kjærstad", overdue: 200_000))
    #expect(!d.screenText.contains("Åse Kjærstad"))
    d.poll()
    #expect(d.screenText.contains("Åse Kjærstad"))
    #expect(d.screenText.contains("Bjørn Løvås"))
  }

  @Test("a new journal (a new colleague) shows on the next poll")
  func createdJournalShows() throws {
    let m = try Machines()
    let adapter = try StoreAdapter(path: m.here, writer: "kari")
    var d = AppDriver(appStore: adapter, ledger: adapter.ledger, today: Self.today)
    try m.colleague(Self.customer("K7", "Ærlig Økonomi AS", overdue: 300_000), as: "per")
    d.poll()
    #expect(d.screenText.contains("Ærlig Økonomi AS"))
  }

  @Test("a replacement that rewrites history is folded anew and says so")
  func reloadShows() throws {
    let m = try Machines()
    try m.colleague(Self.customer("K1", "Bjørn Løvås", overdue: 100_000))
    let adapter = try StoreAdapter(path: m.here, writer: "kari")
    var d = AppDriver(appStore: adapter, ledger: adapter.ledger, today: Self.today)
    #expect(d.screenText.contains("Bjørn Løvås"))
    // A different history of ola's journal wins (e.g. after a sync conflict).
    let other = try Machines()
    try other.colleague(Self.customer("K9", "Kåre Ødegård", overdue: 50_000))
    try SyncCopy.carry("journal/ola.jsonl", from: other.here, to: m.here)
    d.poll()
    #expect(d.screenText.contains("Kåre Ødegård"))
    #expect(!d.screenText.contains("Bjørn Løvås"))
    #expect(d.screenText.contains("Lagret lest på nytt"))
  }

  @Test("a journal truncated under the screen is folded anew")
  func truncatedShows() throws {
    let m = try Machines()
    try m.colleague(Self.customer("K1", "Bjørn Løvås", overdue: 100_000))
    try m.colleague(Self.customer("K2", "Åse Kjærstad", overdue: 200_000))
    let adapter = try StoreAdapter(path: m.here, writer: "kari")
    var d = AppDriver(appStore: adapter, ledger: adapter.ledger, today: Self.today)
    #expect(d.screenText.contains("Åse Kjærstad"))
    let lines = try SyncCopy.read(m.here + "/journal/ola.jsonl").split(separator: 10)
    let keep = lines.prefix(2).map(\.count).reduce(0, +) + 2
    #expect(truncate(m.here + "/journal/ola.jsonl", off_t(keep)) == 0)
    d.poll()
    #expect(!d.screenText.contains("Åse Kjærstad"))
    #expect(d.screenText.contains("Bjørn Løvås"))
  }

  @Test("another machine writing as this collector turns the screen read-only")
  func clashShows() throws {
    let m = try Machines()
    try m.colleague(Self.customer("K1", "Bjørn Løvås", overdue: 100_000))
    let adapter = try StoreAdapter(path: m.here, writer: "kari")
    var d = AppDriver(appStore: adapter, ledger: adapter.ledger, today: Self.today)
    try m.colleague(Self.customer("K5", "Per Ås", overdue: 70_000), as: "kari")
    d.poll()
    #expect(d.state.readOnlyReason?.contains("also writes as kari") == true)
    #expect(d.screenText.contains("SKRIVEBESKYTTET"))
  }

  @Test("a changed krav-store.json gives the screen the new creditor")
  func creditorChanges() throws {
    let m = try Machines()
    let adapter = try StoreAdapter(path: m.here, writer: "kari")
    var d = AppDriver(appStore: adapter, ledger: adapter.ledger, today: Self.today)
    var info = Self.info
    info.name = "Nordlys Inkasso AS"
    try SyncCopy.replace(m.here + "/krav-store.json", with: Array(try JSONEncoder().encode(info)))
    d.poll()
    #expect(d.state.creditor?.name == "Nordlys Inkasso AS")
  }
}

/// The incremental rederive (rows taken out and put back by binary search) against the plain
/// twin: everything derived again and sorted.
@Test("a colleague's events keep the customers and call lists in the order a full derive gives")
func incrementalOrderMatchesFull() {
  let today = Day(parsing: "2026-11-30")!
  var events: [Event] = []
  for i in 0..<40 {
    events += LiveUpdateAppTests.customer(
      "K\(i)", "Kunde \(i)", overdue: Int64(10_000 * (i % 7 + 1)))
  }
  let store = MemoryStore(events: events)
  var d = AppDriver(store: store, today: today)
  var rng: UInt64 = 7
  for round in 0..<30 {
    rng = rng &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
    let c = Int(rng >> 33) % 40
    let payment = Fixtures.event(.paymentRegistered, today, customer: "K\(c)", invoice: "IK\(c)") {
      $0.amount = Int64(1_000 * (round % 5 + 1))
      $0.date = today
    }
    store.appendExternally(payment, by: "ola")
    if round % 3 == 0 {
      store.appendExternally(
        LiveUpdateAppTests.customer("N\(round)", "Ny \(round)", overdue: 20_000)[0], by: "ola")
      store.appendExternally(
        LiveUpdateAppTests.customer("N\(round)", "Ny \(round)", overdue: 20_000)[1], by: "ola")
    }
    d.poll()
    var full = d.state
    full.rederive()
    #expect(d.state.overview.map(\.id) == full.overview.map(\.id))
    #expect(d.state.calls.map(\.customer) == full.calls.map(\.customer))
  }
}
