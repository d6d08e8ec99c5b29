import Testing

@testable import KravCore

/// Builds an event for ledger tests.
private func ev(
  _ type: EventType, _ day: String, customer: String? = nil, invoice: String? = nil,
  id: String = "", _ set: (inout Event) -> Void = { _ in }
) -> Event {
  var e = Event(
    id: id, seq: 0, at: "\(day)T10:00:00+01:00", by: "kari", type: type, customer: customer,
    invoice: invoice)
  set(&e)
  return e
}



private func fold(_ events: [Event]) -> Ledger {
  var l = Ledger()
  for (i, e) in events.enumerated() { l.apply(e, ref: EventRef(journal: 0, offset: UInt64(i))) }
  return l
}

private let customer = ev(.customerAdded, "2025-01-01", customer: "K1") {
  $0.name = "Bjørn Løvås"
  $0.kind = "consumer"
}

private func claim(_ inv: String, _ amount: Int64, due: String) -> Event {
  ev(.claimAdded, "2025-01-02", customer: "K1", invoice: inv) {
    $0.amount = amount
    $0.issued = day("2025-01-02")
    $0.due = day(due)
  }
}

@Test("a payment covers fees, then interest, then principal, and interest runs on the rest")
func paymentAllocationOrder() {
  // 10 000,00 due Mon 2025-03-03; reminder fee 35,00 on 2025-03-17; 2 000,00 paid 2025-04-02.
  // Interest 4 Mar–2 Apr: 30 days × 12.5 % on 10 000,00 = 102.7397 → 102,74 at the payment.
  // The payment: 35,00 fee + 102,74 interest + 1 862,26 principal.
  // Then 3 Apr–2 May: 30 days × 12.5 % on 8 137,74 = 83.6069; total exact 186.3466 → 186,35.
  let l = fold([
    customer, claim("1", 1_000_000, due: "2025-03-03"),
    ev(.stepTriggered, "2025-03-17", customer: "K1", invoice: "1") {
      $0.from = "invoice"; $0.step = "reminder"; $0.date = day("2025-03-17"); $0.amount = 3_500
    },
    ev(.paymentRegistered, "2025-04-02", invoice: "1") { $0.amount = 200_000; $0.date = day("2025-04-02") },
  ])
  let b = l.claims["1"]!.balance(asOf: day("2025-05-02"))
  #expect(b.feesPaid == Money(ore: 3_500))
  #expect(b.interestPaid == Money(ore: 10_274))
  #expect(b.principalPaid == Money(ore: 186_226))
  #expect(b.interest == Money(ore: 18_635))
  #expect(b.outstanding == Money(ore: 813_774 + 18_635 - 10_274))
  #expect(b.paid == Money(ore: 200_000))
}

@Test("interest starts after a due date moved past a weekend (gjeldsbrevloven § 5)")
func dueDateOnSunday() {
  // Due Sun 2025-06-01 moves to Mon 2025-06-02; as of 2025-06-12 that is 10 days (3–12 June)
  // at 12.5 %: 10 000 × 0.125 × 10 / 365 = 34.2466 → 34,25 (not 11 days = 37,67).
  let l = fold([customer, claim("1", 1_000_000, due: "2025-06-01")])
  #expect(l.claims["1"]!.interestDue == day("2025-06-02"))
  #expect(l.claims["1"]!.balance(asOf: day("2025-06-12")).interest == Money(ore: 3_425))
}

@Test("a payment naming only the customer covers the oldest claim first")
func customerPaymentOldestFirst() {
  let l = fold([
    customer, claim("new", 50_000, due: "2025-02-20"), claim("old", 30_000, due: "2025-02-01"),
    ev(.paymentRegistered, "2025-02-01", customer: "K1") { $0.amount = 40_000; $0.date = day("2025-02-01") },
  ])
  // Paid on the old claim's due date: no interest yet, so 300,00 clears it; 100,00 to the next.
  #expect(l.claims["old"]!.paid == Money(ore: 30_000))
  #expect(l.claims["new"]!.paid == Money(ore: 10_000))
  #expect(l.status(of: l.claims["old"]!, balance: l.claims["old"]!.balance(asOf: day("2025-03-01")), today: day("2025-03-01")) == .paid)
}

@Test("a payment by KID finds its claim")
func paymentByKid() {
  var c = claim("1", 10_000, due: "2025-02-01")
  c.kid = "12344"
  let l = fold([customer, c, ev(.paymentRegistered, "2025-02-01") { $0.kid = "12344"; $0.amount = 10_000 }])
  #expect(l.claims["1"]!.paid == Money(ore: 10_000))
  #expect(l.unmatchedPayments.isEmpty)
}

@Test("a payment matching nothing is kept as unmatched, not dropped")
func unmatchedPayment() {
  let l = fold([customer, ev(.paymentRegistered, "2025-02-01", id: "x:1") { $0.kid = "999"; $0.amount = 10 }])
  #expect(l.unmatchedPayments.map(\.eventId) == ["x:1"])
  #expect(l.rejected.map(\.eventId) == ["x:1"])
}

@Test("a step whose precondition no longer holds is kept as a conflict, not applied twice")
func stepRace() {
  let step = { (id: String, fee: Int64) in
    ev(.stepTriggered, "2025-03-20", customer: "K1", invoice: "1", id: id) {
      $0.from = "invoice"; $0.step = "reminder"; $0.amount = fee
    }
  }
  let l = fold([customer, claim("1", 100_000, due: "2025-03-03"), step("kari:3", 3_500), step("ola:1", 3_500)])
  #expect(l.claims["1"]!.step == .reminder)
  #expect(l.claims["1"]!.fees.count == 1)
  #expect(l.claims["1"]!.conflicts == ["ola:1"])
}

@Test("an accepted objection's credit lowers the principal; an open one marks the claim disputed")
func disputes() {
  var l = fold([
    customer, claim("1", 100_000, due: "2025-03-03"),
    ev(.disputeOpened, "2025-03-10", customer: "K1", invoice: "1", id: "kari:3") {
      // The whole claim (a partial objection leaves the rest overdue: CollectorDayTests).
      $0.reason = "defect"; $0.text = "Ripe i lakken"
    },
  ])
  let t = day("2025-03-10")
  #expect(l.status(of: l.claims["1"]!, balance: l.claims["1"]!.balance(asOf: t), today: t) == .disputed)
  l.apply(
    ev(.disputeResolved, "2025-03-12", customer: "K1", invoice: "1") {
      $0.ref = "kari:3"; $0.outcome = "accepted"; $0.amount = 20_000
    }, ref: EventRef(journal: 0, offset: 9))
  #expect(l.claims["1"]!.balance(asOf: t).principal == Money(ore: 80_000))
  #expect(l.status(of: l.claims["1"]!, balance: l.claims["1"]!.balance(asOf: t), today: t) == .overdue)
  #expect(l.timeline(of: "K1").map(\.offset) == [0, 1, 2, 9], "oldest first, the resolution last")
}

@Test("the customers overview lists overdue customers, largest overdue amount first")
func overviewOrder() {
  let l = fold([
    customer,
    ev(.customerAdded, "2025-01-01", customer: "K2") { $0.name = "Ærlig AS"; $0.kind = "business" },
    ev(.customerAdded, "2025-01-01", customer: "K3") { $0.name = "Åse"; $0.kind = "consumer" },
    claim("1", 10_000, due: "2025-03-03"),
    ev(.claimAdded, "2025-01-02", customer: "K2", invoice: "2") {
      $0.amount = 90_000; $0.due = day("2025-03-03")
    },
    ev(.claimAdded, "2025-01-02", customer: "K3", invoice: "3") {
      $0.amount = 90_000; $0.due = day("2025-12-03")
    },
  ])
  let rows = l.customerSummaries(today: day("2025-04-01"), overdueOnly: true)
  #expect(rows.map(\.id) == ["K2", "K1"])
  #expect(rows[0].kind == .business)
  #expect(l.customerSummaries(today: day("2025-04-01"), overdueOnly: false).map(\.id) == ["K2", "K1", "K3"])
}

@Test("a hold pauses a claim until and including its last day")
func hold() {
  let l = fold([
    customer, claim("1", 10_000, due: "2025-03-03"),
    ev(.holdSet, "2025-03-05", customer: "K1") { $0.until = day("2025-03-20"); $0.text = "Sykmeldt" },
  ])
  let c = l.claims["1"]!
  #expect(l.status(of: c, balance: c.balance(asOf: day("2025-03-20")), today: day("2025-03-20")) == .onHold)
  #expect(l.status(of: c, balance: c.balance(asOf: day("2025-03-21")), today: day("2025-03-21")) == .overdue)
}

@Test("the ladder schedules each step 14 days after the last deadline and blocks disputes")
func ladder() {
  var c = Claim(invoice: "1", customer: "K1", principal: Money(kroner: 100), issued: day("2026-02-01"), due: day("2026-03-02"))
  let lad = Ladder.standard
  // Due Mon 2 March 2026: a reminder with a fee from 16 March (14 days after due).
  #expect(lad.next(for: c, disputed: false, onHoldUntil: nil) == NextStep(step: .reminder, from: day("2026-03-16")))
  c.step = .reminder
  c.stepOn = day("2026-03-16")
  // Its 14-day deadline ends 30 March; the inkassovarsel may go on 31 March.
  #expect(lad.next(for: c, disputed: false, onHoldUntil: nil)?.from == day("2026-03-31"))
  #expect(lad.next(for: c, disputed: true, onHoldUntil: nil)?.blockedBy == "disputed")
  let held = lad.next(for: c, disputed: false, onHoldUntil: day("2026-04-10"))
  #expect(held?.from == day("2026-04-11"))
  #expect(Ladder(sendsReminder: false).next(for: Claim(invoice: "2", customer: "K1", principal: .zero, issued: day("2026-02-01"), due: day("2026-03-02")), disputed: false, onHoldUntil: nil)?.step == .inkassovarsel)
}

@Test("a payment for a customer without claims is kept as unmatched, not lost")
func paymentWithoutClaims() {
  let l = fold([customer, ev(.paymentRegistered, "2025-02-01", customer: "K1", invoice: "404", id: "x:2") { $0.amount = 5_000 }])
  #expect(l.unmatchedPayments.map(\.eventId) == ["x:2"])
}
