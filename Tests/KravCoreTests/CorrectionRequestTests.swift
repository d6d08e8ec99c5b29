import Testing

@testable import KravCore

// Issue 20: the correction requests the case's forms and the CLI share (CorrectionRequests.swift),
// each with a worked example: what is refused, and the one event written.

private func ev(
  _ type: EventType, _ d: String, customer: String? = nil, invoice: String? = nil, id: String,
  _ set: (inout Event) -> Void = { _ in }
) -> Event {
  var e = Event(
    id: id, seq: 0, at: "\(d)T10:00:00+01:00", by: "kari", type: type, customer: customer,
    invoice: invoice)
  set(&e)
  return e
}

private let today = day("2026-11-30")

/// Kari Nordmann (K0132) owes F-1 1 000 kr and F-2 2 000 kr; 400 kr was paid by hand on F-1
/// (p1), 250 kr came from the bank unmatched (u1), a promise (pr1), a hold to 10.12 (h1), an
/// objection on F-2 (d1).
private func events() -> [Event] {
  [
    ev(.customerAdded, "2026-01-01", customer: "K0132", id: "c1") {
      $0.name = "Kari Nordmann"; $0.kind = "consumer"; $0.address = "Storgata 1, 0155 Oslo"
    },
    ev(.claimAdded, "2026-01-02", customer: "K0132", invoice: "F-1", id: "f1") {
      $0.amount = 100_000; $0.due = day("2026-10-01")
    },
    ev(.claimAdded, "2026-01-02", customer: "K0132", invoice: "F-2", id: "f2") {
      $0.amount = 200_000; $0.due = day("2026-10-01")
    },
    ev(.paymentRegistered, "2026-11-20", invoice: "F-1", id: "p1") {
      $0.amount = 40_000; $0.date = day("2026-11-20"); $0.channel = "manual"
    },
    ev(.paymentRegistered, "2026-11-21", id: "u1") {
      $0.amount = 25_000; $0.date = day("2026-11-21"); $0.name = "Ukjent"
    },
    ev(.promiseMade, "2026-11-25", customer: "K0132", id: "pr1") {
      $0.amount = 100_000; $0.date = day("2026-12-05")
    },
    ev(.holdSet, "2026-11-25", customer: "K0132", id: "h1") {
      $0.until = day("2026-12-10"); $0.text = "Ferie"
    },
    ev(.disputeOpened, "2026-11-26", customer: "K0132", invoice: "F-2", id: "d1") {
      $0.reason = "defect"; $0.text = "Feil vare"
    },
  ]
}

private func fold(_ events: [Event]) -> Ledger {
  var l = Ledger()
  for (i, e) in events.enumerated() { l.apply(e, ref: EventRef(journal: 0, offset: UInt64(i))) }
  return l
}

@Test("a payment correction: the hand payment is offered and taken back; the unmatched line is not")
func paymentCorrection() {
  let all = events()
  let l = fold(all)
  let timeline = all.reversed().filter { $0.customer == "K0132" || $0.invoice != nil }
  let offered = PaymentCorrection.candidates(timeline: Array(timeline), ledger: l)
  #expect(offered.map(\.id) == ["p1"])
  let p1 = all.first { $0.id == "p1" }!
  // No reason: refused, nothing else wrong.
  let blank = PaymentCorrection(payment: p1, refunded: false, reason: " ", today: today)
  #expect(blank.problems(ledger: l, timeline: Array(timeline)).map(\.code) == [.required])
  // The unmatched bank line is not a collector's payment to correct.
  let u1 = all.first { $0.id == "u1" }!
  #expect(
    PaymentCorrection(payment: u1, refunded: false, reason: "x", today: today)
      .problems(ledger: l, timeline: []).map(\.code) == [.notAPayment])
  let r = PaymentCorrection(payment: p1, refunded: false, reason: "Feil faktura", today: today)
  #expect(r.problems(ledger: l, timeline: Array(timeline)).isEmpty)
  var e = r.event(ledger: l)
  #expect(e.type == .paymentReversed && e.ref == "p1" && e.invoice == "F-1")
  #expect(e.customer == "K0132" && e.amount == 40_000 && e.paidOn == day("2026-11-20"))
  #expect(e.reason == "correction" && e.channel == "manual" && e.text == "Feil faktura")
  // Folded: F-1 has nothing paid; 400 kr is back among the unmatched payments.
  e.id = "r1"
  var after = l
  after.apply(e, ref: EventRef(journal: 0, offset: 99))
  #expect(after.claims["F-1"]!.balance(asOf: today).paid == .zero)
  #expect(after.unmatchedPayments.map(\.amount).contains(Money(kroner: 400)))
  // Once only.
  let again = [e] + timeline
  #expect(PaymentCorrection.candidates(timeline: again, ledger: after).isEmpty)
  #expect(r.problems(ledger: after, timeline: again).map(\.code) == [.alreadyCorrected])
  // Refunded: the money leaves instead.
  #expect(
    PaymentCorrection(payment: p1, refunded: true, reason: "Betalt tilbake", today: today)
      .event(ledger: l).reason == "refunded")
}

@Test("a promise, a hold and an objection: each needs a reason and something to correct")
func promiseHoldObjection() {
  let l = fold(events())
  #expect(PromiseCancellation(promise: "pr1", reason: "Feil").problems(ledger: l).isEmpty)
  #expect(
    PromiseCancellation(promise: "nope", reason: "").problems(ledger: l).map(\.code) == [
      .unknownPromise, .required,
    ])
  #expect(PromiseCancellation(promise: "pr1", reason: "Feil").event(ledger: l).customer == "K0132")

  #expect(HoldLift.holds(of: "K0132", ledger: l, today: today) == [nil])
  let lift = HoldLift(customer: "K0132", invoice: nil, reason: "Tilbake", today: today)
  #expect(lift.problems(ledger: l).isEmpty && lift.until(ledger: l) == day("2026-12-10"))
  // A hold that ended yesterday is nothing to lift; nor is a claim that has none.
  #expect(
    HoldLift(customer: "K0132", invoice: nil, reason: "x", today: day("2026-12-11"))
      .problems(ledger: l).map(\.code) == [.noHold])
  #expect(
    HoldLift(customer: "K0132", invoice: "F-1", reason: "x", today: today).problems(ledger: l)
      .map(\.code) == [.noHold])
  #expect(lift.event().type == .holdLifted && lift.event().text == "Tilbake")

  let w = DisputeWithdrawal(dispute: "d1", reason: "Trukket i telefon", today: today)
  #expect(w.problems(ledger: l).isEmpty)
  var e = w.event(ledger: l)!
  #expect(e.outcome == Dispute.withdrawn && e.invoice == "F-2" && e.ref == "d1")
  e.id = "w1"
  var after = l
  after.apply(e, ref: EventRef(journal: 0, offset: 99))
  #expect(w.problems(ledger: after).map(\.code) == [.alreadyResolved])
}

@Test("a customer change: one event with the old values; the checks add and edit share")
func customerEdit() {
  let l = fold(events())
  let c = l.customers["K0132"]!
  let r = CustomerEditRequest(
    customer: "K0132", name: "Kari Nordmann", kind: "consumer",
    address: "Ærøveien 5, 9011 Tromsø", email: "kari@example.no", birthNumber: "311299 56715")
  #expect(r.problems(ledger: l).isEmpty)
  let (e, fields) = r.changes(c)
  // The name and kind did not change and are not written; the birth number's old value is not
  // copied into the event.
  #expect(fields == ["address", "email", "birth_number"])
  #expect(e.name == nil && e.kind == nil && e.address == "Ærøveien 5, 9011 Tromsø")
  #expect(e.oldValue("address") == "Storgata 1, 0155 Oslo" && e.oldValue("email") == "")
  #expect(e.birthNumber == "31129956715" && e.oldValue("birth_number") == nil)
  // Every problem at once.
  let bad = CustomerEditRequest(
    customer: "K0132", name: " ", kind: "robot", email: "kari@", orgnr: "123")
  #expect(Set(bad.problems(ledger: l).map(\.field)) == ["kind", "orgnr", "email", "name"])
  #expect(
    CustomerEditRequest.detailProblems(
      kind: nil, orgnr: nil, birthNumber: "12345678901", email: nil
    ).map(\.message) == ["expected a valid 11-digit fødselsnummer"])
  // Nothing changed; consent without an e-mail address.
  #expect(
    CustomerEditRequest(customer: "K0132", address: "Storgata 1, 0155 Oslo").problems(ledger: l)
      .map(\.code) == [.nothingChanged])
  #expect(
    CustomerEditRequest(customer: "K0132", consent: .given(today)).problems(ledger: l)
      .map(\.field) == ["email-consent"])
  let consent = CustomerEditRequest(
    customer: "K0132", email: "kari@example.no", consent: .given(today))
  #expect(consent.changes(c).event.emailConsent == "2026-11-30")
}
