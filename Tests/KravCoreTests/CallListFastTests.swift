import Testing

@testable import KravCore

/// The call list's fast path (the pre-filter, the time-bar hints, two threads, the key sort)
/// against its plain twin (the full rule for every customer, one thread, a plain sort), on
/// demo ledgers over many days: the lists must be equal, entry for entry and in order.
@Suite("Call list: fast path against the plain twin")
struct CallListFastTests {
  static let today = Day(year: 2026, month: 11, day: 30)!

  static func ledger(seed: UInt64, customers: Int) -> Ledger {
    var l = Ledger()
    let events = DemoGenerator(seed: seed, customers: customers, today: today).events()
    for (i, e) in events.enumerated() { l.apply(e, ref: EventRef(journal: 0, offset: UInt64(i))) }
    return l
  }

  /// Days that give every kind of reason: the demo's today and days after it (notices run
  /// out, promises break, old claims become time-barred), and the days holds end.
  static func days(_ l: Ledger) -> [Day] {
    var days = [0, 1, 3, 8, 15, 22, 40, 75, 200, 800, 1200].map { today.adding(days: $0) }
    let holds =
      l.claims.values.compactMap(\.holdUntil) + l.customers.values.compactMap(\.holdUntil)
    days += Set(holds).sorted().prefix(6)
    return days
  }

  @Test(
    "fast and plain lists are equal on every day, on one thread and on two",
    arguments: [
      (UInt64(11), 400), (UInt64(5), 250), (UInt64(2026), 600),
    ])
  func sameAsPlain(seed: UInt64, customers: Int) {
    let l = Self.ledger(seed: seed, customers: customers)
    var reasons = Set<CallReason>()
    var turnedAway = 0
    var listed = 0
    var settings = CallSettings.standard
    settings.kronerPerPoint = 500
    settings.daysPerPoint = 1
    for day in Self.days(l) {
      for s in [CallSettings.standard, settings] {
        let plain = l.plainCallList(today: day, settings: s)
        let one = l.callList(today: day, settings: s, parallelFrom: Int.max)
        let two = l.callList(today: day, settings: s, parallelFrom: 0)
        #expect(one == plain, "one thread, \(day.iso)")
        #expect(two == plain, "two threads, \(day.iso)")
        #expect(l.callList(today: day, settings: s) == plain)
        listed += plain.count
        for e in plain { reasons.formUnion(e.factors.map(\.reason)) }
      }
      // The pre-filter is a necessary condition: no customer it turns away has an entry.
      let candidates = Set(l.callListCandidates(today: day))
      let extra = l.planCallReasons(today: day)
      for i in l.customers.values.indices where !candidates.contains(i) {
        turnedAway += 1
        let id = l.customers.values[i].id
        #expect(
          l.callEntry(customer: id, today: day, extra: extra[id] ?? []) == nil,
          "\(id) turned away on \(day.iso)")
      }
    }
    // The comparison covered the reasons the pre-filter reads, and it did turn customers away.
    #expect(listed > 100)
    #expect(turnedAway > 100)
    for r in [CallReason.noticeUnpaid, .stepTaken, .brokenPromise, .disputeFollowUp, .holdEnds] {
      #expect(reasons.contains(r), "no \(r.rawValue) on any day")
    }
  }

  @Test("plan reasons and plans in force by position give what the plain list gives")
  func planReasons() {
    let l = Self.ledger(seed: 7, customers: 300)
    #expect(!l.plans.isEmpty)
    for day in Self.days(l) {
      var extra = l.planCallReasons(today: day)
      // A reason for a customer with nothing else (kept only if something is owed), and one
      // for an id that is not a customer (ignored by both).
      if let id = l.customers.values.last?.id {
        extra[id, default: []].append(
          CallFactor(reason: .instalmentDue, points: 0, day: day, amount: Money(ore: 100)))
      }
      extra["NO-SUCH-CUSTOMER"] = [CallFactor(reason: .planUnsigned, points: 0, day: day)]
      let plain = l.plainCallList(today: day, extra: extra)
      #expect(l.callList(today: day, extra: extra, parallelFrom: 0) == plain)
      #expect(l.callList(today: day, extra: extra, parallelFrom: Int.max) == plain)
    }
  }

  @Test("the key sort gives rankOrder's order")
  func rankSorted() {
    let l = Self.ledger(seed: 3, customers: 300)
    for day in Self.days(l).prefix(6) {
      let list = l.plainCallList(today: day)
      var shuffled = list
      var rng = SplitMix64(state: UInt64(day.ordinal))
      for i in shuffled.indices.reversed() {
        shuffled.swapAt(i, Int(rng.next() % UInt64(i + 1)))
      }
      #expect(Ledger.rankSorted(shuffled) == list)
      #expect(Ledger.rankSorted(shuffled) == shuffled.sorted(by: CallEntry.rankOrder))
    }
  }
}
