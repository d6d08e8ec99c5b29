import Glibc
import KravCore
import Testing

@testable import KravStore

/// Plans in the store: their events on journal lines, their documents in letters/, and in
/// snapshots.
@Suite("Plans in the store")
struct PlanStoreTests {
  static let today = Day(year: 2026, month: 11, day: 30)!

  /// A folded demo with its seven plans, some signed, one accelerated.
  static func demoLedger() -> Ledger {
    var l = Ledger()
    for (i, e) in DemoGenerator(seed: 3, customers: 40, today: today).events().enumerated() {
      var x = e
      if x.id.isEmpty { x.id = "d:\(i)" }
      l.apply(x, ref: EventRef(journal: 0, offset: UInt64(i)))
    }
    return l
  }

  @Test("a snapshot keeps every plan with its signature and acceleration")
  func snapshotRoundTrip() throws {
    let l = Self.demoLedger()
    #expect(l.plans.count == 7)
    #expect(l.plans.contains { $0.signedOn != nil && $0.signChannel != nil })
    #expect(l.plans.contains { $0.acceleratedOn != nil && $0.accelerationLetter != nil })
    let back = try Ledger(snapshot: l.encodeSnapshot())
    #expect(back.plans == l.plans)
    #expect(back == l)
    for p in l.plans {
      #expect(back.progress(of: p, on: Self.today) == l.progress(of: p, on: Self.today))
    }
    #expect(back.queue(today: Self.today) == l.queue(today: Self.today))
  }

  @Test("plan-proposed round-trips through a journal line with its lists intact")
  func lineRoundTrip() throws {
    var e = Event(
      id: "kari:7", seq: 7, at: "2026-11-30T10:00:00+01:00", by: "kari", type: .planProposed,
      customer: "K1")
    e.until = Day(parsing: "2026-12-07")
    e.amount = 1_027_208
    e.planInvoices = ["1001", "A \"quoted\" nr"]
    e.planInstalments = [
      Instalment(due: Day(parsing: "2026-12-07")!, amount: Money(ore: 513_700)),
      Instalment(due: Day(parsing: "2027-01-07")!, amount: Money(ore: 513_508)),
    ]
    e.planFrequency = .fortnight
    e.planGraceDays = 2
    e.planInterest = Money(ore: 7_482)
    e.planLetter = "letters/2026/plan-K1-1.txt"
    let line = try JournalLine.encode(e, prev: 0)
    let text = String(decoding: line, as: UTF8.self)
    #expect(text.contains(#""instalments":[{"amount":513700,"due":"2026-12-07"},"#))
    #expect(text.contains(#""invoices":["1001","A \"quoted\" nr"]"#))
    let back = try JournalLine.decode(line).get().event
    #expect(back == e)
    #expect(back.planInstalments == e.planInstalments)
    #expect(back.planInvoices == ["1001", "A \"quoted\" nr"])
    #expect(back.planFrequency == .fortnight && back.planGraceDays == 2)
    #expect(back.planInterest == Money(ore: 7_482))
  }

  @Test("documents are written 0600 under letters/<year>/, never overwritten, never elsewhere")
  func documents() throws {
    let root = Fixtures.tempFolder() + "/store"
    defer { Fixtures.removeTree(String(root.dropLast(6))) }
    try Store.create(at: root, info: Fixtures.info)
    let store = try Store.open(at: root, writer: "kari")
    _ = try store.replay { _, _ in }
    let files = [
      DocumentFile(path: "letters/2026/plan-K1-1.txt", bytes: Array("Avtale – æøå\n".utf8)),
      DocumentFile(path: "letters/2026/plan-K1-1.eml", bytes: Array("Subject: x\r\n".utf8)),
    ]
    try store.writeDocuments(files)
    #expect(Fixtures.readFile(root + "/letters/2026/plan-K1-1.txt") == files[0].bytes)
    var st = stat()
    stat(root + "/letters/2026/plan-K1-1.txt", &st)
    #expect(st.st_mode & 0o777 == 0o600)
    stat(root + "/letters/2026", &st)
    #expect(st.st_mode & 0o777 == 0o700)
    #expect(!FileManager_exists(root + "/letters/2026/plan-K1-1.txt.tmp"))
    // A second write of the same name is refused and the first stays as it was.
    #expect(throws: StoreError.self) {
      try store.writeDocuments([DocumentFile(path: files[0].path, bytes: [1, 2, 3])])
    }
    #expect(Fixtures.readFile(root + "/letters/2026/plan-K1-1.txt") == files[0].bytes)
    for bad in ["journal/x.jsonl", "letters/../journal/x", "letters", "/etc/passwd", "letters//x"] {
      #expect(throws: StoreError.self, "\(bad)") {
        try store.writeDocuments([DocumentFile(path: bad, bytes: [1])])
      }
    }
    // A read-only session writes no letters.
    let reader = try Store.open(at: root, writer: "ola", readOnly: true)
    _ = try reader.replay { _, _ in }
    #expect(throws: StoreError.self) {
      try reader.writeDocuments([DocumentFile(path: "letters/2026/other.txt", bytes: [1])])
    }
    // Issue 16, point 13: documents no event names are findings (this test writes no event).
    let found = try Store.check(at: root).map(\.description)
    #expect(
      found.sorted() == [
        "letters/2026/plan-K1-1.eml:0: a letter no event names (left by a write that was not "
          + "followed by its event); it was never sent",
        "letters/2026/plan-K1-1.txt:0: a letter no event names (left by a write that was not "
          + "followed by its event); it was never sent",
      ])
  }
}

/// Whether a path exists (no Foundation in this target's helpers).
private func FileManager_exists(_ path: String) -> Bool {
  var st = stat()
  return stat(path, &st) == 0
}
