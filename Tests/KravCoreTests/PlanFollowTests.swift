import Testing

@testable import KravCore

private func pd(_ s: String) -> Day { Day(parsing: s)! }
private func pk(_ s: String) -> Money { Money(parsing: s)! }

private let creditor = PlanLetter.Creditor(
  name: "Fjord Rør AS", orgnr: "123456785", account: "86011117947", email: "post@fjord.example")

/// A ledger with one customer owing 10 000.00 (due Thu 2026-10-01), built event by event.
private struct Book {
  var ledger = Ledger()
  var n = 0

  init() {
    add(.customerAdded, "2026-09-01", customer: "K1") {
      $0.name = "Bjørn Løvås"; $0.kind = "consumer"; $0.email = "bjorn@example.no"
    }
    add(.claimAdded, "2026-09-17", customer: "K1", invoice: "1001") {
      $0.amount = 1_000_000; $0.issued = pd("2026-09-17"); $0.due = pd("2026-10-01")
      $0.kid = "12344"
    }
  }

  mutating func apply(_ e: Event) {
    var e = e
    n += 1
    if e.id.isEmpty { e.id = "kari:\(n)" }
    e.seq = n
    if e.at.isEmpty { e.at = "2026-11-30T10:00:00+01:00" }
    ledger.apply(e, ref: EventRef(journal: 0, offset: UInt64(n)))
  }

  mutating func add(
    _ type: EventType, _ on: String, customer: String? = nil, invoice: String? = nil,
    _ configure: (inout Event) -> Void = { _ in }
  ) {
    var e = Event(
      id: "", seq: 0, at: "\(on)T10:00:00+01:00", by: "kari", type: type, customer: customer,
      invoice: invoice)
    configure(&e)
    apply(e)
  }

  mutating func pay(_ amount: String, on d: String) {
    add(.paymentRegistered, d, invoice: "1001") {
      $0.amount = pk(amount).ore; $0.date = pd(d)
    }
  }

  /// Proposes 3 monthly instalments on 2026-11-30 (sign by 2026-12-07) with `grace` days.
  mutating func propose(grace: Int = 3) throws -> Plan {
    let draft = try ledger.draftPlan(
      customer: "K1", size: .instalments(3), graceDays: grace, today: pd("2026-11-30"),
      creditor: creditor, timestamp: "2026-11-30T10:00:00+01:00")
    apply(draft.event)
    return ledger.plans.last!
  }

  mutating func sign(_ plan: Plan, on d: String, today: String) throws {
    apply(
      try ledger.draftSignature(plan: plan.id, signed: pd(d), channel: "email", today: pd(today)))
  }

  func state(_ plan: Plan, _ d: String) -> PlanState { progress(plan, pd(d)).state }

  /// The plan's progress as the ledger now has it (`plan` may be a copy from before signing).
  func progress(_ plan: Plan, _ d: Day) -> PlanProgress {
    ledger.progress(of: ledger.plan(named: plan.id)!, on: d)
  }
}

@Suite("Plan follow-up: activation, lapse, default, acceleration")
struct PlanFollowTests {
  @Test("a proposed plan holds the ladder until its signing deadline, then lapses")
  func lapseWhenUnsigned() throws {
    var b = Book()
    let plan = try b.propose()
    #expect(plan.label == "K1#1")
    #expect(plan.signBy == pd("2026-12-07"))
    #expect(plan.instalments.first?.due == pd("2026-12-07"))
    #expect(b.state(plan, "2026-12-07") == .proposed)
    let row = b.ledger.queue(today: pd("2026-12-07")).first!
    #expect(row.next?.blockedBy == "in-plan")
    #expect(!row.isEligible(on: pd("2026-12-07")))
    // The day after the deadline: lapsed, and the ladder resumes.
    #expect(b.state(plan, "2026-12-08") == .lapsed)
    let p = b.progress(plan, pd("2026-12-08"))
    #expect(p.lapseReason == .unsigned)
    #expect(p.lapsedOn == pd("2026-12-08"))
    #expect(b.ledger.queue(today: pd("2026-12-08")).first?.next?.blockedBy == nil)
    #expect(b.ledger.planCalls(on: pd("2026-12-08")).map(\.reason) == [.unsignedPastDeadline])
    // A lapsed plan cannot be signed any more.
    #expect(throws: PlanInputError.self) {
      try b.ledger.draftSignature(
        plan: plan.id, signed: pd("2026-12-08"), channel: "email", today: pd("2026-12-08"))
    }
  }

  @Test("active only when signed and the first instalment is paid")
  func activation() throws {
    var b = Book()
    let plan = try b.propose()
    try b.sign(plan, on: "2026-12-03", today: "2026-12-03")
    #expect(b.state(plan, "2026-12-03") == .signed)
    #expect(!b.ledger.isInActivePlan(invoice: "1001", on: pd("2026-12-03")))
    #expect(b.ledger.planPausing(invoice: "1001", on: pd("2026-12-03")) != nil)
    // Part of the first instalment is not enough.
    b.pay("1000.00", on: "2026-12-04")
    #expect(b.state(plan, "2026-12-04") == .signed)
    b.pay(Money(ore: plan.instalments[0].amount.ore - 100_000).jsonString, on: "2026-12-05")
    #expect(b.state(plan, "2026-12-05") == .active)
    #expect(b.ledger.isInActivePlan(invoice: "1001", on: pd("2026-12-05")))
    #expect(b.progress(plan, pd("2026-12-05")).activeFrom == pd("2026-12-05"))
    #expect(b.ledger.queue(today: pd("2026-12-20")).first?.next?.blockedBy == "in-plan")
  }

  @Test("paid first and signed later: active from the signature")
  func paidBeforeSigning() throws {
    var b = Book()
    let plan = try b.propose()
    b.pay(plan.instalments[0].amount.jsonString, on: "2026-12-01")
    #expect(b.state(plan, "2026-12-02") == .proposed)
    try b.sign(plan, on: "2026-12-02", today: "2026-12-02")
    #expect(b.state(plan, "2026-12-02") == .active)
    #expect(b.progress(plan, pd("2026-12-02")).activeFrom == pd("2026-12-02"))
  }

  @Test("signed but the first instalment unpaid past its deadline: lapsed, ladder resumes")
  func lapseWhenFirstUnpaid() throws {
    var b = Book()
    let plan = try b.propose(grace: 3)
    try b.sign(plan, on: "2026-12-07", today: "2026-12-07")
    // Due Mon 7 Dec + 3 days grace: Thu 10 Dec is the last day.
    #expect(b.state(plan, "2026-12-10") == .signed)
    #expect(b.state(plan, "2026-12-11") == .lapsed)
    #expect(b.progress(plan, pd("2026-12-11")).lapseReason == .firstInstalmentUnpaid)
    #expect(b.ledger.planPausing(invoice: "1001", on: pd("2026-12-11")) == nil)
  }

  @Test("a missed instalment defaults the plan the day after due date plus grace")
  func defaultAfterGrace() throws {
    for (grace, last) in [(0, "2027-01-07"), (3, "2027-01-10"), (5, "2027-01-12")] {
      var b = Book()
      let plan = try b.propose(grace: grace)
      try b.sign(plan, on: "2026-12-03", today: "2026-12-03")
      b.pay(plan.instalments[0].amount.jsonString, on: "2026-12-07")
      // Instalment 2 is due Thu 2027-01-07 and never paid.
      #expect(b.ledger.planCalls(on: pd("2027-01-07")).map(\.reason) == [.instalmentDue])
      #expect(b.state(plan, last) == .active, "grace \(grace)")
      let next = pd(last).adding(days: 1)
      let p = b.progress(plan, next)
      #expect(p.state == .defaulted, "grace \(grace)")
      #expect(p.defaultedOn == next)
      #expect(p.missedInstalment == 2)
      #expect(p.instalments.map(\.state) == [.paid, .missed, .upcoming])
      #expect(b.ledger.planCalls(on: next).map(\.reason) == [.instalmentMissed])
      // The ladder no longer waits: the next step is eligible at once.
      let row = b.ledger.queue(today: next).first!
      #expect(row.isEligible(on: next))
      #expect(b.ledger.planFollowUps(on: next) == [.accelerate(plan: plan.id)])
    }
  }

  @Test("an instalment paid after its grace days still defaults the plan")
  func latePaymentStillDefaults() throws {
    var b = Book()
    let plan = try b.propose(grace: 3)
    try b.sign(plan, on: "2026-12-03", today: "2026-12-03")
    b.pay(plan.instalments[0].amount.jsonString, on: "2026-12-07")
    // Instalment 2: due Thu 7 Jan, last day Sun 10 Jan; paid Tue 12 Jan.
    b.pay(plan.instalments[1].amount.jsonString, on: "2027-01-12")
    let p = b.progress(plan, pd("2027-01-12"))
    #expect(p.state == .defaulted)
    #expect(p.defaultedOn == pd("2027-01-11"))
    #expect(p.instalments[1].state == .paid && p.instalments[1].wasMissed)
    #expect(p.instalments[1].paidOn == pd("2027-01-12"))
    // Paid on the last day of grace instead: still active.
    var c = Book()
    let q = try c.propose(grace: 3)
    try c.sign(q, on: "2026-12-03", today: "2026-12-03")
    c.pay(q.instalments[0].amount.jsonString, on: "2026-12-07")
    c.pay(q.instalments[1].amount.jsonString, on: "2027-01-10")
    #expect(c.state(q, "2027-01-12") == .active)
  }

  @Test("a due date on a weekend moves to Monday before the grace days count")
  func weekendDueDate() throws {
    var b = Book()
    // Proposed on Mon 2026-11-30 to be signed by Sat 2026-12-05: instalment 2 is Tue 5 Jan,
    // instalment 1 is Saturday 5 Dec, moved to Monday 7 Dec; grace 0.
    let draft = try b.ledger.draftPlan(
      customer: "K1", size: .instalments(2), signBy: pd("2026-12-05"), graceDays: 0,
      today: pd("2026-11-30"), creditor: creditor, timestamp: "2026-11-30T10:00:00+01:00")
    b.apply(draft.event)
    let plan = b.ledger.plans[0]
    try b.sign(plan, on: "2026-12-04", today: "2026-12-04")
    #expect(b.state(plan, "2026-12-07") == .signed)
    #expect(b.state(plan, "2026-12-08") == .lapsed)
  }

  @Test("acceleration: the event, the notice, the remainder due at once")
  func acceleration() throws {
    var b = Book()
    let plan = try b.propose(grace: 2)
    try b.sign(plan, on: "2026-12-03", today: "2026-12-03")
    b.pay(plan.instalments[0].amount.jsonString, on: "2026-12-07")
    b.pay("500.00", on: "2027-01-07")
    #expect(throws: PlanInputError.self) {
      try b.ledger.draftAcceleration(
        plan: plan.id, today: pd("2027-01-09"), creditor: creditor,
        timestamp: "2027-01-09T10:00:00+01:00")
    }
    let (docs, event) = try b.ledger.draftAcceleration(
      plan: plan.label, today: pd("2027-01-10"), creditor: creditor,
      timestamp: "2027-01-10T10:00:00+01:00")
    // Issue 15 point 5: one "remaining" figure, what the claim owes today (the schedule's
    // remainder, total less paid, counted interest to the last instalment: 10 324.06 − 3 442.00
    // − 500.00 = 6 382.06, a second and different total). Worked example, 12 % from 2 Oct 2026:
    // to 7 Dec, 67 days on 10 000 = 220.2739; the 3 442.00 pays 220.27 interest and 3 221.73
    // principal (6 778.27 left); to 7 Jan, 31 days on 6 778.27 = 69.0843, interest so far
    // 289.3582 → 289.36, so the 500.00 pays 69.09 interest and 430.91 principal (6 347.36
    // left); to 10 Jan, 3 days = 6.2604, interest 295.6186 → 295.62, 6.26 unpaid.
    // Owed: 6 347.36 + 6.26 = 6 353.62.
    let remaining = pk("6353.62")
    #expect(plan.total - plan.instalments[0].amount - pk("500.00") == pk("6382.06"))
    #expect(event.amount == remaining.ore)
    #expect(event.ref == plan.id)
    #expect(
      docs.map(\.path) == [
        "letters/2026/plan-K1-1-mislighold.txt", "letters/2026/plan-K1-1-mislighold.eml",
      ])
    let text = String(decoding: docs[0].bytes, as: UTF8.self)
    #expect(text.contains("hele restbeløpet til betaling straks"))
    #expect(text.contains("Avdrag nr. 2"))
    #expect(text.contains("Sum som forfaller nå: 6 353,62 kr"))
    #expect(!text.contains("6 382,06"), "one total per document")
    #expect(text.contains("Forsinkelsesrente løper videre"))
    #expect(text.contains("8601.11.17947") && text.contains("KID 12344"))
    // The call list shows the same figure for the missed instalment as the notice demands.
    let missed = b.ledger.planCalls(on: pd("2027-01-10")).first { $0.reason == .instalmentMissed }
    #expect(missed?.amount == remaining)
    b.apply(event)
    let entry = b.ledger.callEntry(customer: "K1", today: pd("2027-01-10"))
    #expect(entry?.amount == remaining)
    #expect(entry?.factors.first { $0.reason == .instalmentMissed }?.amount == remaining)
    let p = b.ledger.progress(of: b.ledger.plans[0], on: pd("2027-01-10"))
    #expect(p.state == .accelerated)
    #expect(p.instalments.map(\.state) == [.paid, .accelerated, .accelerated])
    #expect(p.instalments[1].paid == pk("500.00"))
    #expect(b.ledger.plans[0].acceleratedOn == pd("2027-01-10"))
    #expect(b.ledger.planFollowUps(on: pd("2027-01-10")).isEmpty)
    // Interest keeps running on the claim after the acceleration.
    let claim = b.ledger.claims["1001"]!
    #expect(
      claim.balance(asOf: pd("2027-02-10")).interest
        > claim.balance(asOf: pd("2027-01-10")).interest)
  }

  @Test("a plan paid in full completes and its claims are closed as paid")
  func completion() throws {
    var b = Book()
    let plan = try b.propose()
    try b.sign(plan, on: "2026-12-03", today: "2026-12-03")
    for inst in plan.instalments { b.pay(inst.amount.jsonString, on: inst.due.iso) }
    let last = plan.instalments.last!.due
    let p = b.progress(plan, last)
    #expect(p.state == .completed)
    #expect(p.completedOn == last)
    #expect(p.instalments.allSatisfy { $0.state == .paid })
    #expect(b.ledger.claims["1001"]!.balance(asOf: last).outstanding == .zero)
    #expect(b.ledger.planFollowUps(on: last) == [.close(plan: plan.id, invoices: ["1001"])])
    for e in b.ledger.closingEvents(plan: plan, invoices: ["1001"]) { b.apply(e) }
    #expect(b.ledger.claims["1001"]!.closed == .paid)
    #expect(b.ledger.planFollowUps(on: last).isEmpty)
  }

  @Test("payments cover instalments oldest first; a payment before the plan does not count")
  func matching() throws {
    var b = Book()
    b.pay("100.00", on: "2026-11-20")
    let plan = try b.propose()
    try b.sign(plan, on: "2026-12-01", today: "2026-12-01")
    let first = plan.instalments[0].amount
    b.pay((first + pk("250.00")).jsonString, on: "2026-12-01")
    let p = b.progress(plan, pd("2026-12-10"))
    #expect(p.paid == first + pk("250.00"))
    #expect(p.instalments.map(\.paid) == [first, pk("250.00"), .zero])
    #expect(p.instalments.map(\.state) == [.paid, .upcoming, .upcoming])
  }

  @Test("plan proposals refuse claims in a plan, disputed claims and bad grace days")
  func proposalRefusals() throws {
    var b = Book()
    _ = try b.propose()
    #expect(
      throws: PlanInputError(
        "customer K1 has no open claims that can go in a plan",
        norwegian: "kunde K1 har ingen åpne krav som kan legges i en avtale")
    ) {
      try b.ledger.draftPlan(
        customer: "K1", size: .instalments(2), today: pd("2026-11-30"), creditor: creditor,
        timestamp: "2026-11-30T10:00:00+01:00")
    }
    #expect(
      throws: PlanInputError(
        "invoice 1001 is already in plan K1#1",
        norwegian: "faktura 1001 er allerede i avtale K1#1")
    ) {
      try b.ledger.draftPlan(
        customer: "K1", invoices: ["1001"], size: .instalments(2), today: pd("2026-11-30"),
        creditor: creditor, timestamp: "2026-11-30T10:00:00+01:00")
    }
    #expect(
      throws: PlanInputError(
        "grace days must be from 0 to 5, got 6",
        norwegian: "respittdager må være fra 0 til 5, fikk 6")
    ) {
      try b.ledger.draftPlan(
        customer: "K1", size: .instalments(2), graceDays: 6, today: pd("2026-11-30"),
        creditor: creditor, timestamp: "2026-11-30T10:00:00+01:00")
    }
  }

  @Test("a signed plan acknowledges its claims: limitation restarts from the signing day")
  func signingRestartsLimitation() throws {
    var b = Book()
    // Due 2026-10-01: time-barred after 2029-10-01 until the debtor acknowledges the claim.
    #expect(b.ledger.limitation(of: "1001", today: pd("2026-11-30"))?.date == pd("2029-10-01"))
    let plan = try b.propose()
    #expect(
      b.ledger.limitation(of: "1001", today: pd("2026-12-05"))?.date == pd("2029-10-01"),
      "a proposal the debtor has not signed acknowledges nothing")
    try b.sign(plan, on: "2026-12-04", today: "2026-12-05")
    let s = b.ledger.limitation(of: "1001", today: pd("2026-12-05"))
    #expect(s?.date == pd("2029-12-04") && s?.restartedOn == pd("2026-12-04"))
  }

  @Test("plan events fold the same whole or in chunks, and survive an unknown plan reference")
  func foldRoundTrip() throws {
    var b = Book()
    let plan = try b.propose()
    var bad = Event.draft(.planSigned, customer: "K1", by: "kari")
    bad.ref = "nope"
    bad.date = pd("2026-12-01")
    b.apply(bad)
    #expect(b.ledger.rejected.last?.reason == "unknown plan")
    #expect(b.ledger.plans.count == 1)
    #expect(b.ledger.plans[0] == plan)
    #expect(plan.frequency == .month && plan.graceDays == 3)
    #expect(plan.letter == "letters/2026/plan-K1-1.txt")
    #expect(b.ledger.timeline(of: "K1").count == 4)
  }
}
