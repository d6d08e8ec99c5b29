import Testing

@testable import KravCore

// Issue 20: append-only corrections (a promise cancelled, a hold lifted, an objection
// withdrawn, a payment taken back), each a worked example folded from events.

private func ev(
  _ type: EventType, _ d: String, customer: String? = nil, invoice: String? = nil, id: String = "",
  _ set: (inout Event) -> Void = { _ in }
) -> Event {
  var e = Event(
    id: id, seq: 0, at: "\(d)T10:00:00+01:00", by: "kari", type: type, customer: customer,
    invoice: invoice)
  set(&e)
  return e
}

private func fold(_ events: [Event]) -> Ledger {
  var l = Ledger()
  for (i, e) in events.enumerated() {
    var e = e
    if e.id.isEmpty { e.id = "t:\(i + 1)" }
    l.apply(e, ref: EventRef(journal: 0, offset: UInt64(i)))
  }
  return l
}

/// Kari Nordmann with two claims of 1 000 kr and 2 000 kr, both due 1 Oct 2026.
private func base() -> [Event] {
  [
    ev(.customerAdded, "2026-01-01", customer: "K0132") {
      $0.name = "Kari Nordmann"
      $0.kind = "consumer"
      $0.address = "Storgata 1, 0155 Oslo"
    },
    ev(.claimAdded, "2026-01-02", customer: "K0132", invoice: "F-1") {
      $0.amount = 100_000
      $0.due = day("2026-10-01")
    },
    ev(.claimAdded, "2026-01-02", customer: "K0132", invoice: "F-2") {
      $0.amount = 200_000
      $0.due = day("2026-10-01")
    },
  ]
}

private let today = day("2026-11-30")

private func blocker(_ l: Ledger, _ invoice: String) -> Blocker? {
  l.queue(today: today).first { l.claims.values[Int($0.claim)].invoice == invoice }?.next?.blocker
}

@Test("a promise on one invoice pauses that claim's ladder only; cancelling it lifts the pause")
func promiseOnOneInvoice() {
  var events = base()
  events.append(
    ev(.promiseMade, "2026-11-25", customer: "K0132", invoice: "F-1", id: "p1") {
      $0.amount = 100_000
      $0.date = day("2026-12-05")
    })
  let l = fold(events)
  #expect(blocker(l, "F-1") == .promisePending)
  #expect(blocker(l, "F-2") == nil)
  events.append(
    ev(.promiseCancelled, "2026-11-28", customer: "K0132") {
      $0.ref = "p1"
      $0.text = "Ringte feil kunde"
    })
  let after = fold(events)
  #expect(blocker(after, "F-1") == nil)
  #expect(after.customers["K0132"]!.promises.isEmpty)
  #expect(after.rejected.isEmpty)
  // Both promise and cancellation stay in the timeline.
  #expect(after.timeline(of: "K0132").count == 5)
}

@Test("cancelling a promise that does not exist is rejected and changes nothing")
func cancelUnknownPromise() {
  var events = base()
  events.append(ev(.promiseCancelled, "2026-11-28", customer: "K0132") { $0.ref = "nope" })
  let l = fold(events)
  #expect(l.rejected.map(\.reason) == ["unknown promise"])
}

@Test("a hold lifted early: the customer's hold and a claim's hold end at once")
func holdLifted() {
  var events = base()
  events.append(
    ev(.holdSet, "2026-11-20", customer: "K0132") {
      $0.until = day("2026-12-31")
      $0.text = "Sykehus"
    })
  events.append(
    ev(.holdSet, "2026-11-20", invoice: "F-2") {
      $0.until = day("2026-12-31")
      $0.text = "Venter på kreditnota"
    })
  let held = fold(events)
  #expect(blocker(held, "F-1") == .onHold)
  events.append(ev(.holdLifted, "2026-11-29", customer: "K0132") { $0.text = "Frisk igjen" })
  let partly = fold(events)
  #expect(partly.customers["K0132"]!.holdUntil == nil)
  #expect(blocker(partly, "F-1") == nil)
  #expect(blocker(partly, "F-2") == .onHold)
  events.append(ev(.holdLifted, "2026-11-29", invoice: "F-2") { $0.text = "Avklart" })
  #expect(blocker(fold(events), "F-2") == nil)
}

@Test("a withdrawn objection stops holding the claim back at once (no reply window)")
func objectionWithdrawn() {
  var events = base()
  events.append(
    ev(.disputeOpened, "2026-11-20", invoice: "F-1", id: "d1") {
      $0.reason = "defect"
      $0.text = "Ødelagt vare"
    })
  #expect(blocker(fold(events), "F-1") == .disputed)
  events.append(
    ev(.disputeResolved, "2026-11-29", customer: "K0132", invoice: "F-1") {
      $0.ref = "d1"
      $0.outcome = "withdrawn"
      $0.text = "Kunden fant feilen hos seg selv"
      $0.date = day("2026-11-29")
    })
  let l = fold(events)
  let d = l.customers["K0132"]!.disputes[0]
  #expect(!d.isOpen && d.outcome == "withdrawn")
  #expect(!d.stands(on: today) && d.resumesOn == nil)
  #expect(blocker(l, "F-1") == nil)
  #expect(l.claims["F-1"]!.credits == .zero)
}

/// A hand-registered payment of 400 kr on F-1 on 20 Nov.
private func paid() -> [Event] {
  base() + [
    ev(.paymentRegistered, "2026-11-20", invoice: "F-1", id: "pay1") {
      $0.amount = 40_000
      $0.date = day("2026-11-20")
      $0.channel = "manual"
    }
  ]
}

private func correction(_ reason: String) -> Event {
  ev(.paymentReversed, "2026-11-30", customer: "K0132", invoice: "F-1", id: "rev1") {
    $0.amount = 40_000
    $0.date = day("2026-11-30")
    $0.paidOn = day("2026-11-20")
    $0.ref = "pay1"
    $0.channel = "manual"
    $0.reason = reason
    $0.text = "Feil faktura"
  }
}

@Test("a payment corrected: taken off the claim, its 400 kr back in the unmatched list")
func paymentBackToUnmatched() {
  let before = fold(paid())
  #expect(before.claims["F-1"]!.paid == Money(ore: 40_000))
  let l = fold(paid() + [correction("correction")])
  #expect(l.claims["F-1"]!.paid == .zero)
  #expect(l.unmatchedPayments.count == 1)
  let u = l.unmatchedPayments[0]
  #expect(u.eventId == "rev1" && u.amount == Money(ore: 40_000) && u.day == day("2026-11-20"))
  // Placed again on F-2 from the unmatched list: F-2 has the 400 kr, paid on 20 Nov.
  let placed = fold(
    paid() + [correction("correction")] + [
      ev(.paymentAssigned, "2026-11-30", invoice: "F-2") {
        $0.ref = "rev1"
        $0.amount = 40_000
        $0.date = day("2026-11-20")
      }
    ])
  #expect(placed.claims["F-2"]!.paid == Money(ore: 40_000))
  #expect(placed.unmatchedPayments.isEmpty)
}

@Test("a payment refunded: taken off the claim and gone (not unmatched)")
func paymentRefunded() {
  let l = fold(paid() + [correction("refunded")])
  #expect(l.claims["F-1"]!.paid == .zero)
  #expect(l.unmatchedPayments.isEmpty)
  #expect(l.rejected.isEmpty)
}

@Test("a correction naming a payment the claim does not have is rejected, nothing moves")
func correctionOfNothing() {
  var wrong = correction("correction")
  wrong.amount = 12_300
  let l = fold(paid() + [wrong])
  #expect(l.claims["F-1"]!.paid == Money(ore: 40_000))
  #expect(l.unmatchedPayments.isEmpty)
  #expect(l.rejected.map(\.reason) == ["no such payment to correct"])
}

@Test("ids are found whatever their case: k0132 finds K0132, f-1 finds F-1")
func typedIds() {
  let l = fold(base())
  #expect(l.customerId(typed: "K0132") == "K0132")
  #expect(l.customerId(typed: "k0132") == "K0132")
  #expect(l.invoiceNumber(typed: "f-2") == "F-2")
  #expect(l.customerId(typed: "k0133") == nil)
}

@Test("customer-updated keeps the old value for the timeline")
func customerUpdateOldValue() {
  var events = base()
  var e = ev(.customerUpdated, "2026-11-30", customer: "K0132") {
    $0.address = "Kirkeveien 2, 0368 Oslo"
  }
  e.setOldValue("address", "Storgata 1, 0155 Oslo")
  events.append(e)
  let l = fold(events)
  #expect(l.customers["K0132"]!.address == "Kirkeveien 2, 0368 Oslo")
  #expect(e.oldValue("address") == "Storgata 1, 0155 Oslo")
  #expect(e.oldValue("phone") == nil)
}
