import Testing

@testable import KravCore

/// The fold's shortcuts give what the general code gives.
@Suite("Ledger fold shortcuts")
struct LedgerFoldTests {
  @Test("the day of an event is read from `at` exactly as Event.atDay reads it")
  func dayOfEvent() {
    let instants = [
      "2026-11-30T09:12:44+01:00", "2024-02-29T23:59:59+01:00", "2025-02-29T10:00:00+01:00",
      "2026-13-01T10:00:00+01:00", "2026-1-30T10:00:00+01:00", "20261130", "", "2026-11-30",
      " 2026-11-30T10:00:00+01:00", "30.11.2026 10:00", "2026-11-3x", "2026-11-30\u{301}T10",
    ]
    for at in instants {
      let e = Event(id: "x:1", seq: 1, at: at, by: "kari", type: .noteAdded)
      #expect(Ledger.day(of: e) == e.atDay, "at = \(at)")
    }
  }

  @Test("every known event type reaches its handler; unknown types only the timeline")
  func typeDispatch() {
    var l = Ledger()
    var add = Event(
      id: "k:1", seq: 1, at: "2026-01-05T10:00:00+01:00", by: "kari", type: .customerAdded,
      customer: "K1")
    add.name = "Åse"
    var call = Event(
      id: "k:2", seq: 2, at: "2026-01-06T10:00:00+01:00", by: "kari", type: .callLogged,
      customer: "K1")
    call.outcome = "reached"
    let odd = Event(
      id: "k:3", seq: 3, at: "2026-01-07T10:00:00+01:00", by: "kari", type: "call-loggedx",
      customer: "K1")
    let hold = Event(
      id: "k:4", seq: 4, at: "2026-01-07T10:00:00+01:00", by: "kari", type: "hold-sex",
      customer: "K1")
    for (i, e) in [add, call, odd, hold].enumerated() {
      l.apply(e, ref: EventRef(journal: 0, offset: UInt64(i)))
    }
    #expect(l.customers["K1"]?.callCount == 1)
    #expect(l.customers["K1"]?.lastCallOn == Day(year: 2026, month: 1, day: 6))
    #expect(l.timeline(of: "K1").count == 4)
    #expect(l.rejected.isEmpty)
  }

  @Test("the arrays stage hands over the buffers the fold appends to, and nothing for others")
  func lookupArrays() {
    var l = Ledger()
    var events: [Event] = []
    var add = Event(
      id: "k:1", seq: 1, at: "2026-01-05T10:00:00+01:00", by: "kari", type: .customerAdded,
      customer: "K1")
    add.name = "Åse"
    events.append(add)
    var claim = Event(
      id: "k:2", seq: 2, at: "2026-01-05T10:01:00+01:00", by: "kari", type: .claimAdded,
      customer: "K1", invoice: "100")
    claim.amount = 50_000
    claim.due = Day(year: 2026, month: 1, day: 20)
    claim.issued = Day(year: 2026, month: 1, day: 5)
    events.append(claim)
    var pay = Event(
      id: "k:3", seq: 3, at: "2026-01-21T10:00:00+01:00", by: "kari", type: .paymentRegistered,
      customer: "K1", invoice: "100")
    pay.amount = 1_000
    pay.date = Day(year: 2026, month: 1, day: 21)
    events.append(pay)
    events.append(
      Event(
        id: "k:4", seq: 4, at: "2026-01-22T10:00:00+01:00", by: "kari", type: .callLogged,
        customer: "K1"))
    for (i, e) in events.enumerated() { l.apply(e, ref: EventRef(journal: 0, offset: UInt64(i))) }
    // Each array's buffer: its elements start after the buffer's header.
    func buffer<T>(_ a: [T]) -> UnsafeRawPointer? {
      a.withUnsafeBufferPointer { UnsafeRawPointer($0.baseAddress) }
    }
    func handed(_ e: Event) -> [UnsafeRawPointer] {
      var out: [UnsafeRawPointer] = []
      withUnsafePointer(to: e) { p in l.lookupArrays(for: p) { out.append($0) } }
      return out
    }
    let customer = l.customers["K1"]!
    let header = MemoryLayout<Int>.size * 4
    #expect(handed(events[3]).map { $0 + header } == [buffer(customer.callDays)])
    #expect(handed(pay).map { $0 + header } == [buffer(l.claims["100"]!.payments)])
    #expect(handed(add).isEmpty && handed(claim).isEmpty)
    var unknown = pay
    unknown.invoice = "999"
    #expect(handed(unknown).isEmpty)
  }
}
