import Testing

@testable import KravCore

private func ev(
  _ type: EventType, _ on: String, customer: String? = nil, invoice: String? = nil,
  _ configure: (inout Event) -> Void = { _ in }
) -> Event {
  var e = Event(
    id: "", seq: 0, at: "\(on)T10:00:00+01:00", by: "kari", type: type, customer: customer,
    invoice: invoice)
  configure(&e)
  return e
}

/// A ledger folded from events (ids filled in).
private func fold(_ events: [Event]) -> Ledger {
  var l = Ledger()
  for (i, var e) in events.enumerated() {
    e.id = "kari:\(i + 1)"
    e.seq = i + 1
    l.apply(e, ref: EventRef(journal: 0, offset: UInt64(i)))
  }
  return l
}

private func customer(_ id: String, kind: String = "consumer", email: String? = "a@b.no")
  -> Event
{
  ev(.customerAdded, "2020-01-01", customer: id) {
    $0.name = "Kåre Ødegård"
    $0.kind = kind
    $0.email = email
    $0.address = "Fjellveien 2, 5003 Bergen"
    if kind == "business" { $0.orgnr = "123456785" }
  }
}

private func claim(_ inv: String, _ cust: String, due: String, amount: Int64 = 1_000_000)
  -> Event
{
  ev(.claimAdded, "2020-01-01", customer: cust, invoice: inv) {
    $0.amount = amount
    $0.issued = day(due).adding(days: -14)
    $0.due = day(due)
    $0.kid = KID.make(body: inv)
  }
}

private func step(_ inv: String, _ from: Step, _ to: Step, on: String, fee: Int64? = nil)
  -> Event
{
  ev(.stepTriggered, on, invoice: inv) {
    $0.from = from.rawValue
    $0.step = to.rawValue
    $0.date = day(on)
    $0.amount = fee
  }
}

@Suite("The ladder: steps, earliest days and blockers")
struct LadderTests {
  @Test("fastest lawful path: inkassovarsel D+14, betalingsoppfordring D+29, utlegg D+44")
  func fastestPath() {
    // Strict process, due Monday 2026-09-07 (a business day, so not moved).
    var c = Claim(
      invoice: "1", customer: "K", principal: Money(kroner: 1000), issued: day("2026-08-24"),
      due: day("2026-09-07"))
    let strict = Ladder(sendsReminder: false)
    var next = strict.next(for: c, context: LadderContext())!
    #expect(next.step == .inkassovarsel && next.from == day("2026-09-21"))
    #expect(next.reason(on: day("2026-09-20")) == .deadlineRunning)
    #expect(next.isEligible(on: day("2026-09-21")))
    c.step = .inkassovarsel
    c.stepOn = day("2026-09-21")
    #expect(Ladder.deadline(of: c) == day("2026-10-05"))
    next = strict.next(for: c, context: LadderContext())!
    #expect(next.step == .betalingsoppfordring && next.from == day("2026-10-06"))
    c.step = .betalingsoppfordring
    c.stepOn = day("2026-10-06")
    next = strict.next(for: c, context: LadderContext())!
    #expect(next.step == .utlegg && next.from == day("2026-10-21"))
    c.step = .utlegg
    #expect(strict.next(for: c, context: LadderContext()) == nil)
  }

  @Test("the standard ladder sends a reminder first; a due date on Good Friday moves to Tuesday")
  func easter() {
    // Easter 2026: Good Friday 3 April, Easter Monday 6 April → due moves to Tuesday 7 April.
    let c = Claim(
      invoice: "1", customer: "K", principal: Money(kroner: 1000), issued: day("2026-03-20"),
      due: day("2026-04-03"))
    #expect(c.interestDue == day("2026-04-07"))
    let next = Ladder.standard.next(for: c, context: LadderContext())!
    #expect(next.step == .reminder && next.from == day("2026-04-21"))
    #expect(!next.isEligible(on: day("2026-04-17")), "not counted from the unmoved due date")
  }

  @Test("a due date on 17 May (a Sunday in 2026) moves to Monday 18 May")
  func seventeenthOfMay() {
    let c = Claim(
      invoice: "1", customer: "K", principal: Money(kroner: 1000), issued: day("2026-05-03"),
      due: day("2026-05-17"))
    #expect(c.interestDue == day("2026-05-18"))
    #expect(Ladder.standard.next(for: c, context: LadderContext())!.from == day("2026-06-01"))
    // 17 May 2027 is a Monday and still a holiday: due moves to Tuesday.
    let c2 = Claim(
      invoice: "2", customer: "K", principal: Money(kroner: 1000), issued: day("2027-05-03"),
      due: day("2027-05-17"))
    #expect(c2.interestDue == day("2027-05-18"))
  }

  @Test("Christmas: a due date moves past 25–27 Dec; a notice deadline on Christmas Day stays")
  func christmas() {
    let c = Claim(
      invoice: "1", customer: "K", principal: Money(kroner: 1000), issued: day("2026-12-11"),
      due: day("2026-12-25"))
    #expect(c.interestDue == day("2026-12-28"))
    var sent = c
    sent.step = .inkassovarsel
    sent.stepOn = day("2026-12-11")
    // 14 days from a Friday ends on a Friday, even on a public holiday (Ot.prp. nr. 2 (1997–98)).
    #expect(Ladder.deadline(of: sent) == day("2026-12-25"))
    #expect(Ladder.standard.next(for: sent, context: LadderContext())!.from == day("2026-12-26"))
  }

  @Test("§ 4-18 as its own step, agency hand-off, and forliksklage when disputed")
  func configurations() {
    var c = Claim(
      invoice: "1", customer: "K", principal: Money(kroner: 1000), issued: day("2026-01-01"),
      due: day("2026-01-15"))
    c.step = .betalingsoppfordring
    c.stepOn = day("2026-03-02")
    let separate = Ladder(sendsReminder: true, combines418: false)
    #expect(
      separate.steps == [
        .invoice, .reminder, .inkassovarsel, .betalingsoppfordring, .varsel418, .utlegg,
      ])
    #expect(separate.next(for: c, context: LadderContext())!.step == .varsel418)
    c.step = .varsel418
    c.stepOn = day("2026-03-17")
    let u = separate.next(for: c, context: LadderContext())!
    #expect(u.step == .utlegg && u.from == day("2026-04-01"), "two weeks after the notice")
    let disputed = separate.next(for: c, context: LadderContext(disputed: true))!
    #expect(disputed.step == .forliksklage && disputed.blocker == nil)
    c.step = .inkassovarsel
    let agency = Ladder(sendsReminder: false, handoff: .agency)
    #expect(agency.steps == [.invoice, .inkassovarsel, .agency])
    #expect(agency.next(for: c, context: LadderContext())!.step == .agency)
  }

  @Test("each blocker: disputed, on hold, promise pending, in a plan, paid, deadline running")
  func blockers() {
    var c = Claim(
      invoice: "1", customer: "K", principal: Money(kroner: 1000), issued: day("2026-01-01"),
      due: day("2026-01-15"))
    c.step = .reminder
    c.stepOn = day("2026-02-01")
    let l = Ladder.standard
    let today = day("2026-03-01")
    #expect(l.next(for: c, context: LadderContext())!.isEligible(on: today))
    #expect(l.next(for: c, context: LadderContext(disputed: true))!.reason(on: today) == .disputed)
    #expect(l.next(for: c, context: LadderContext(inPlan: true))!.reason(on: today) == .inPlan)
    #expect(l.next(for: c, context: LadderContext(paid: true))!.reason(on: today) == .paid)
    let held = l.next(for: c, context: LadderContext(holdUntil: day("2026-03-10")))!
    #expect(held.reason(on: today) == .onHold && held.from == day("2026-03-11"))
    #expect(held.isEligible(on: day("2026-03-11")))
    let promised = l.next(
      for: c,
      context: LadderContext(holdUntil: day("2026-03-05"), promisePendingUntil: day("2026-03-08")))!
    #expect(promised.reason(on: today) == .promisePending && promised.from == day("2026-03-09"))
    // A hold that ended before the deadline does is not the reason: the deadline is.
    var early = c
    early.stepOn = day("2026-02-25")
    let running = l.next(for: early, context: LadderContext(holdUntil: day("2026-02-27")))!
    #expect(running.reason(on: today) == .deadlineRunning && running.from == day("2026-03-12"))
  }

  @Test("the ledger's context: a promise holds the ladder until its date plus 3 days")
  func promiseContext() {
    let l = fold([
      customer("K"), claim("1", "K", due: "2026-01-15"),
      step("1", .invoice, .reminder, on: "2026-02-01", fee: 3_750),
      ev(.promiseMade, "2026-02-20", customer: "K") {
        $0.amount = 500_000
        $0.date = day("2026-03-02")
      },
    ])
    let ctx = l.ladderContext(invoice: "1", today: day("2026-02-25"))!
    #expect(ctx.promisePendingUntil == day("2026-03-05"))
    #expect(
      l.nextStep(invoice: "1", today: day("2026-02-25"))!.reason(on: day("2026-02-25"))
        == .promisePending)
    #expect(l.nextStep(invoice: "1", today: day("2026-03-06"))!.isEligible(on: day("2026-03-06")))
    #expect(l.ladderContext(invoice: "1", today: day("2026-03-06"))!.promisePendingUntil == nil)
  }
}

@Suite("Fees: § 1-3 combinations, disputes and B2B compensation")
struct FeeRuleTests {
  let due = day("2026-01-15")

  @Test("consumer path reminder + inkassovarsel + betalingsoppfordring at sats 750: 187.50")
  func consumerPath() {
    var history: [Fees.Notice] = []
    for (s, on) in [
      (Step.reminder, "2026-01-29"), (.inkassovarsel, "2026-02-13"),
      (.betalingsoppfordring, "2026-02-28"),
    ] {
      let d = Fees.charge(
        step: s, sent: day(on), due: due, history: history, kind: .consumer, disputed: false)
      #expect(d.refusal == nil && d.compensation == .zero)
      history.append(Fees.Notice(step: s, sent: day(on), fee: d.fee))
    }
    #expect(history.map(\.fee) == [Money(ore: 3_750), Money(ore: 3_750), Money(ore: 11_250)])
    #expect(Fees.isLawful(history: history, due: due))
  }

  @Test("no fee on a disputed claim, whatever the step")
  func disputed() {
    for s in [Step.reminder, .inkassovarsel, .betalingsoppfordring] {
      let d = Fees.charge(
        step: s, sent: day("2026-03-01"), due: due,
        history: [Fees.Notice(step: .reminder, sent: day("2026-01-29"), fee: Money(ore: 3_750))],
        kind: .consumer, disputed: true)
      #expect(d.fee == .zero && d.refusal == .disputed)
    }
  }

  @Test("a reminder sent 13 days after due carries no fee; the 14th day it does")
  func fourteenDays() {
    let early = Fees.charge(
      step: .reminder, sent: day("2026-01-28"), due: due, history: [], kind: .consumer,
      disputed: false)
    #expect(early.refusal == .tooEarly(from: day("2026-01-29")))
    let onTime = Fees.charge(
      step: .reminder, sent: day("2026-01-29"), due: due, history: [], kind: .consumer,
      disputed: false)
    #expect(onTime.fee == Money(ore: 3_750))
  }

  @Test("B2B: the first notice claims 460 kr compensation, later § 1-3 fees are absorbed")
  func b2bCompensation() {
    var history: [Fees.Notice] = []
    var fees: [Money] = []
    for (s, on) in [
      (Step.reminder, "2026-01-29"), (.inkassovarsel, "2026-02-13"),
      (.betalingsoppfordring, "2026-02-28"),
    ] {
      let d = Fees.charge(
        step: s, sent: day(on), due: due, history: history, kind: .business, disputed: false)
      fees.append(d.fee)
      history.append(Fees.Notice(step: s, sent: day(on), fee: d.fee))
    }
    // 460 (2026) ≥ 37.50 + 37.50 + 112.50 = 187.50: the compensation covers all.
    #expect(fees == [Money(kroner: 460), .zero, .zero])
  }

  @Test("B2B: a reminder fee already charged is deducted from the compensation")
  func b2bDeduction() {
    let history = [Fees.Notice(step: .reminder, sent: day("2026-01-29"), fee: Money(ore: 3_750))]
    let d = Fees.charge(
      step: .inkassovarsel, sent: day("2026-02-13"), due: due, history: history, kind: .business,
      disputed: false)
    #expect(d.fee == Money(ore: 42_250) && d.compensation == Money(ore: 42_250))
  }

  @Test("B2B compensation by half-year of the day after due: 410 or 460 in 2023")
  func b2bRates() {
    #expect(Fees.b2bCompensation(kind: .business, due: day("2023-06-29")) == Money(kroner: 410))
    #expect(Fees.b2bCompensation(kind: .business, due: day("2023-06-30")) == Money(kroner: 460))
    #expect(Fees.b2bCompensation(kind: .consumer, due: day("2023-06-30")) == nil)
  }

  @Test("a claim's history: its fees, and a notice sent without a fee")
  func history() {
    var c = Claim(
      invoice: "1", customer: "K", principal: Money(kroner: 1000), issued: day("2026-01-01"),
      due: due)
    c.step = .inkassovarsel
    c.stepOn = day("2026-02-01")
    #expect(
      Fees.history(of: c) == [
        Fees.Notice(step: .inkassovarsel, sent: day("2026-02-01"), fee: .zero)
      ])
    c.fees = [ClaimFee(day: day("2026-02-01"), amount: Money(ore: 3_750), step: .inkassovarsel)]
    #expect(Fees.history(of: c).map(\.fee) == [Money(ore: 3_750)])
  }
}

@Suite("Limitation (foreldelse)")
struct LimitationTests {
  @Test("three years from the due date, warned 180 days before, barred the day after")
  func basic() {
    let c = Claim(
      invoice: "1", customer: "K", principal: Money(kroner: 1000), issued: day("2023-03-01"),
      due: day("2023-03-15"))
    let s = Limitation.status(of: c, acknowledgments: [], today: day("2025-09-15"))
    #expect(s.date == day("2026-03-15") && !s.warn && !s.expired)
    #expect(Limitation.status(of: c, acknowledgments: [], today: day("2025-09-16")).warn)
    #expect(!Limitation.status(of: c, acknowledgments: [], today: day("2026-03-15")).expired)
    #expect(Limitation.status(of: c, acknowledgments: [], today: day("2026-03-16")).expired)
  }

  @Test("a part payment or promise restarts it; 29 February ends on 28 February")
  func restart() {
    let c = Claim(
      invoice: "1", customer: "K", principal: Money(kroner: 1000), issued: day("2024-02-15"),
      due: day("2024-02-29"))
    #expect(Limitation.date(from: c.due) == day("2027-02-28"))
    let s = Limitation.status(
      of: c, acknowledgments: [day("2025-01-10")], today: day("2025-06-01"))
    #expect(s.date == day("2028-01-10") && s.restartedOn == day("2025-01-10"))
    // Issue 15 point 9: the court draft alone (step forliksklage) no longer stops the clock;
    // a recorded filing before the period ran out does.
    var court = c
    court.step = .forliksklage
    #expect(
      Limitation.status(of: court, acknowledgments: [], today: day("2027-06-01")).date
        == day("2027-02-28"))
    court.filedOn = day("2027-02-01")
    #expect(Limitation.status(of: court, acknowledgments: [], today: day("2027-06-01")).date == nil)
  }

  @Test("the ledger counts payments and promises as acknowledgments")
  func ledger() {
    let l = fold([
      customer("K"), claim("1", "K", due: "2023-03-15"),
      ev(.paymentRegistered, "2024-05-02", invoice: "1") {
        $0.amount = 10_000
        $0.date = day("2024-05-02")
      },
    ])
    #expect(l.limitation(of: "1", today: day("2024-06-01"))?.date == day("2027-05-02"))
  }
}

@Suite("Creditor rules in the store: rate rows and ladder settings")
struct CollectionRulesTests {
  @Test("a rate-set event corrects a row; interest and fees use it")
  func rateOverride() {
    let l = fold([
      ev(.rateSet, "2026-01-02") {
        $0.kind = "late-interest"
        $0.date = day("2026-01-01")
        $0.amount = 1_300
        $0.text = "https://lovdata.no/example"
      },
      ev(.rateSet, "2026-01-02") {
        $0.kind = "reminder-fee"
        $0.date = day("2026-01-01")
        $0.amount = 3_500
        $0.text = "https://example.no/fees"
      },
      customer("K"), claim("1", "K", due: "2026-01-30"),
    ])
    #expect(l.rateTable.lateInterestBasisPoints(on: day("2026-03-01")) == 1_300)
    let row = l.rateTable.row(.lateInterest, on: day("2026-03-01"))!
    #expect(row.isVerified && row.source == "https://lovdata.no/example")
    #expect(l.rules.overrides.count == 2)
    // 10 000 kr due Friday 30 Jan, 30 days to 1 Mar at 13 %: 10 000 × 0.13 × 30 / 365 = 106.85.
    let summary = l.claimSummaries(customer: "K", today: day("2026-03-01"))[0]
    #expect(summary.balance.interest == Money(ore: 10_685))
    let plan = try! l.planSteps(.invoices(["1"]), today: day("2026-03-01"))
    #expect(plan.letters[0].fee == Money(kroner: 35))
  }

  @Test("a bad rate-set is rejected whole")
  func badRate() {
    let l = fold([
      ev(.rateSet, "2026-01-02") {
        $0.kind = "nonsense"; $0.amount = 1
      }
    ])
    #expect(l.rules.overrides.isEmpty && l.rejected.count == 1)
  }

  @Test("ladder-set switches to strict process, separate § 4-18 notice, agency hand-off")
  func ladderSet() {
    let l = fold([
      ev(.ladderSet, "2026-01-02") {
        $0.extra = ["reminder": "false", "notice_4_18": "\"separate\""]
      },
      ev(.ladderSet, "2026-01-03") { $0.extra = ["handoff": "\"agency\""] },
    ])
    #expect(l.rules.ladder == Ladder(sendsReminder: false, combines418: false, handoff: .agency))
  }
}

@Suite("The demo store in the ladder")
struct DemoLadderTests {
  @Test("the demo queue has eligible claims at each step, and all of them can be planned")
  func demoQueue() throws {
    let today = Day(year: 2026, month: 11, day: 30)!
    var l = Ledger()
    for (i, e) in DemoGenerator(seed: 7, customers: 160, today: today).events().enumerated() {
      l.apply(e, ref: EventRef(journal: 0, offset: UInt64(i)))
    }
    let eligible = l.queue(today: today).filter { $0.isEligible(on: today) }
    let nextSteps = Set(eligible.compactMap { $0.next?.step })
    #expect(nextSteps.isSuperset(of: [.reminder, .inkassovarsel, .betalingsoppfordring, .utlegg]))
    let blockers = Set(l.queue(today: today).compactMap { $0.reason(on: today) })
    #expect(blockers.isSuperset(of: [.deadlineRunning, .disputed, .onHold]))
    let plan = try l.planSteps(.allEligible, today: today)
    #expect(plan.letters.reduce(0) { $0 + $1.lines.count } == eligible.count)
    #expect(plan.letters.count < eligible.count, "some customers' claims share a letter")
  }
}
