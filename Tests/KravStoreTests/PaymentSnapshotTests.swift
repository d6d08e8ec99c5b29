import KravCore
import Testing

@testable import KravStore

/// Issue 7's ledger fields survive a snapshot: unmatched payments with their details, and the
/// payments placed by hand.
@Test("unmatched and assigned payments round-trip through a snapshot")
func unmatchedPaymentsSnapshot() throws {
  func ev(_ type: EventType, id: String, _ set: (inout Event) -> Void) -> Event {
    var e = Event(id: id, seq: 1, at: "2026-11-27T10:00:00+01:00", by: "kari", type: type)
    set(&e)
    return e
  }
  let events = [
    ev(.customerAdded, id: "k:1") {
      $0.customer = "K1"; $0.name = "Bjørn Løvås"
    },
    ev(.claimAdded, id: "k:2") {
      $0.customer = "K1"; $0.invoice = "1001"; $0.amount = 100_000;
      $0.due = Day(parsing: "2026-10-01")
    },
    ev(.paymentRegistered, id: "bank:a") {
      $0.amount = 5_000; $0.date = Day(parsing: "2026-11-20"); $0.kid = "123"; $0.name = "Søren";
      $0.text = "rør"
    },
    ev(.paymentRegistered, id: "bank:b") {
      $0.amount = 7_000; $0.date = Day(parsing: "2026-11-21")
    },
    ev(.paymentAssigned, id: "k:3") {
      $0.ref = "bank:b"; $0.invoice = "1001"; $0.amount = 7_000
    },
  ]
  var l = Ledger()
  for (i, e) in events.enumerated() { l.apply(e, ref: EventRef(journal: 0, offset: UInt64(i))) }
  #expect(l.unmatchedPayments.map(\.eventId) == ["bank:a"] && l.assignedPayments == ["bank:b"])
  let back = try Ledger(snapshot: l.encodeSnapshot())
  #expect(back == l)
  #expect(back.unmatchedPayments[0].payer == "Søren" && back.unmatchedPayments[0].text == "rør")
}

/// Issue 22: a reversal that found no payment is kept as a negative unmatched payment, and
/// its bank keys stay on the event.
@Test("a negative unmatched payment (a reversal of nothing known) round-trips through a snapshot")
func negativeUnmatchedSnapshot() throws {
  var e = Event(
    id: "bank:camt/rvsl/ref/R-1", seq: 1, at: "2026-11-27T10:00:00+01:00", by: "kari",
    type: .paymentReversed)
  e.amount = 45_000
  e.date = Day(parsing: "2026-11-25")
  e.kid = "10017"
  e.endToEndId = "E2E-1"
  e.bookedOn = Day(parsing: "2026-11-26")
  var l = Ledger()
  l.apply(e, ref: EventRef(journal: 0, offset: 0))
  #expect(l.unmatchedPayments.map(\.amount) == [Money(ore: -45_000)])
  let back = try Ledger(snapshot: l.encodeSnapshot())
  #expect(back == l && back.unmatchedPayments[0].amount == Money(ore: -45_000))
  // The bank keys are written as JSON text in the line and read back.
  let line = try JournalLine.encode(e, prev: 0)
  #expect(String(decoding: line, as: UTF8.self).contains(#""booked":"2026-11-26""#))
  let decoded = try JournalLine.decode(line).get().event
  #expect(decoded.endToEndId == "E2E-1" && decoded.bookedOn == Day(parsing: "2026-11-26"))
}
