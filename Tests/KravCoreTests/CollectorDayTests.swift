import Testing

@testable import KravCore

/// Events for the collector's-day tests, stamped at 10:00 Oslo time on a day.
private func ev(
  _ type: EventType, _ d: String, customer: String? = nil, invoice: String? = nil,
  _ set: (inout Event) -> Void = { _ in }
) -> Event {
  var e = Event(
    id: "", seq: 0, at: "\(d)T10:00:00+01:00", by: "kari", type: type, customer: customer,
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

private func customer(_ id: String, _ name: String, phone: String? = "+47 900 00 000") -> Event {
  ev(.customerAdded, "2026-01-01", customer: id) {
    $0.name = name
    $0.kind = "consumer"
    $0.phone = phone
    // Issue 16, point 8: a customer without any address is not ready for a letter.
    $0.address = "Storgata 1, 0155 Oslo"
  }
}

private func claim(_ c: String, _ inv: String, kroner: Int64, due: String) -> Event {
  ev(.claimAdded, "2026-01-02", customer: c, invoice: inv) {
    $0.amount = kroner * 100
    $0.issued = day("2026-01-02")
    $0.due = day(due)
  }
}

private func step(_ inv: String, _ from: Step, _ to: Step, on d: String) -> Event {
  ev(.stepTriggered, d, invoice: inv) {
    $0.from = from.rawValue
    $0.step = to.rawValue
    $0.date = day(d)
  }
}

private func promise(_ c: String, kroner: Int64, by d: String, made: String, invoice: String? = nil)
  -> Event
{
  ev(.promiseMade, made, customer: c, invoice: invoice) {
    $0.amount = kroner * 100
    $0.date = day(d)
  }
}

private func pay(_ inv: String, kroner: Int64, on d: String) -> Event {
  ev(.paymentRegistered, d, invoice: inv) {
    $0.amount = kroner * 100
    $0.date = day(d)
  }
}

private func call(_ c: String, on d: String) -> Event {
  ev(.callLogged, d, customer: c) { $0.outcome = "reached" }
}

private let today = day("2026-11-30")

/// Six customers, each with one reason to call today (Monday 30 Nov 2026), and one without.
private func sixReasons() -> [Event] {
  [
    customer("A", "Anne Ås"), claim("A", "A1", kroner: 1_000, due: "2026-10-01"),
    promise("A", kroner: 1_000, by: "2026-11-20", made: "2026-11-10"),
    customer("B", "Bjørn Bø"), claim("B", "B1", kroner: 100_000, due: "2026-10-15"),
    step("B1", .invoice, .reminder, on: "2026-11-02"),
    customer("C", "Cecilie Cø"), claim("C", "C1", kroner: 20_000, due: "2026-08-01"),
    step("C1", .invoice, .inkassovarsel, on: "2026-10-01"),
    step("C1", .inkassovarsel, .betalingsoppfordring, on: "2026-11-27"),
    customer("D", "Dag Dæhli"), claim("D", "D1", kroner: 5_000, due: "2026-11-01"),
    ev(.holdSet, "2026-11-10", customer: "D") {
      $0.until = today
      $0.text = "Sykdom"
    },
    customer("E", "Eva Eng"), claim("E", "E1", kroner: 8_000, due: "2026-10-20"),
    ev(.disputeOpened, "2026-11-20", invoice: "E1") {
      $0.reason = "defect"
      $0.text = "Ødelagt vare"
    },
    // F's reminder is unpaid past its deadline, but the collector called after the deadline.
    customer("F", "Finn Fjære"), claim("F", "F1", kroner: 9_000, due: "2026-10-15"),
    step("F1", .invoice, .reminder, on: "2026-11-02"), call("F", on: "2026-11-18"),
  ]
}

@Test("the call list: each reason, a broken promise on top, the rest by score")
func callListRanking() {
  let l = fold(sixReasons())
  let list = l.callList(today: today)
  #expect(list.map(\.customer) == ["A", "B", "C", "E", "D"])
  let a = list[0]
  #expect(a.isPinned)
  #expect(a.factors.map(\.reason) == [.brokenPromise])
  // A broke on 24 Nov (20 Nov + 3 days' grace, then the next day); 1 000 kr = 1 point;
  // 60 days past 1 Oct = 30 points.
  #expect(a.factors[0].day == day("2026-11-20"))
  #expect(a.reasonPoints == 100 && a.amountPoints == 1 && a.overduePoints == 30)
  #expect(a.score == 131)
  let b = list[1]
  // Reminder 2 Nov, deadline 16 Nov, unpaid, no call since: 60; 100 000 kr caps at 50;
  // 46 days overdue (15 Oct → 30 Nov) = 23.
  #expect(b.factors.map(\.reason) == [.noticeUnpaid])
  #expect(b.factors[0].day == day("2026-11-16"))
  #expect(b.score == 60 + 50 + 23)
  #expect(list[2].factors.map(\.reason) == [.stepTaken])
  #expect(list[3].factors.map(\.reason) == [.disputeFollowUp])
  #expect(list[4].factors.map(\.reason) == [.holdEnds])
  #expect(!list.contains { $0.customer == "F" }, "called after the deadline: not on the list")
}

@Test("the ranking is configurable: a heavier weight moves a reason up")
func callListWeights() {
  var s = CallSettings()
  s.weights[.holdEnds] = 500
  let list = fold(sixReasons()).callList(today: today, settings: s)
  #expect(list.map(\.customer) == ["A", "D", "B", "C", "E"], "a broken promise stays on top")
  s.kronerPerPoint = 100
  s.amountCap = 1_000
  let byAmount = fold(sixReasons()).callList(today: today, settings: s)
  #expect(byAmount[1].customer == "B", "100 000 kr = 1 000 points with one point per 100 kr")
}

@Test("a logged call takes the customer off today's list; another reason brings it back")
func callClearsReason() {
  var events = sixReasons()
  events.append(call("A", on: "2026-11-30"))
  events.append(call("B", on: "2026-11-30"))
  let list = fold(events).callList(today: today)
  #expect(!list.contains { $0.customer == "A" || $0.customer == "B" })
  // The plans feature's reasons (instalment due/missed) plug in and are weighed the same way.
  let extra: ExtraCallReasons = ["B": [CallFactor(reason: .instalmentMissed, points: 0)]]
  let withPlan = fold(events).callList(today: today, extra: extra)
  #expect(withPlan.first { $0.customer == "B" }?.reasonPoints == 90)
  // A plan reason that arose before the call is answered by it.
  let answered: ExtraCallReasons = [
    "B": [CallFactor(reason: .planUnsigned, points: 0, day: day("2026-11-27"))]
  ]
  #expect(!fold(events).callList(today: today, extra: answered).contains { $0.customer == "B" })
}

@Test("call days: the fold keeps 30 days of calls for the limits, and the do-not-call flag")
func foldCallDaysAndFlag() {
  var events = [customer("A", "Anne Ås")]
  for d in ["2026-10-01", "2026-11-02", "2026-11-20", "2026-11-30"] {
    events.append(call("A", on: d))
  }
  events.append(ev(.callPreferenceSet, "2026-11-30", customer: "A") { $0.reason = "do-not-call" })
  let l = fold(events)
  let c = l.customers["A"]!
  #expect(c.callDays == [day("2026-11-02"), day("2026-11-20"), day("2026-11-30")])
  #expect(c.callCount == 4)
  #expect(c.doNotCall)
  let lifted = fold(
    events + [ev(.callPreferenceSet, "2026-12-01", customer: "A") { $0.reason = "may-call" }])
  #expect(!lifted.customers["A"]!.doNotCall)
}

@Test(
  "call days: calls folded out of day order are kept sorted, and the 30-day horizon follows the newest"
)
func foldCallDaysOutOfOrder() {
  var events = [customer("A", "Anne Ås")]
  for d in ["2026-11-20", "2026-11-05", "2026-11-20", "2026-10-25", "2026-11-30", "2026-11-10"] {
    events.append(call("A", on: d))
  }
  let c = fold(events).customers["A"]!
  // 2026-10-25 is dropped once 2026-11-30 is the newest (horizon 2026-10-31); 2026-11-10
  // arrives last and goes into its place.
  #expect(
    c.callDays == ["2026-11-05", "2026-11-10", "2026-11-20", "2026-11-20", "2026-11-30"].map(day))
  #expect(c.callCount == 6)
}

// MARK: - Promises

private func promiseStore(payments: [Event]) -> [Event] {
  [
    customer("P", "Per Pål"), claim("P", "P1", kroner: 5_000, due: "2026-09-01"),
    step("P1", .invoice, .reminder, on: "2026-09-15"),
    promise("P", kroner: 2_000, by: "2026-12-04", made: "2026-11-30"),
  ] + payments
}

@Test("a promise is kept when the amount is paid by its day plus grace")
func promiseKept() {
  let l = fold(promiseStore(payments: [pay("P1", kroner: 2_000, on: "2026-12-03")]))
  let s = l.promiseStatuses(customer: "P", today: day("2026-12-10"))
  #expect(s.map(\.state) == [.kept])
  #expect(s[0].settledOn == day("2026-12-03"))
  // Two payments, the second within the grace days, keep it too.
  let two = fold(
    promiseStore(payments: [
      pay("P1", kroner: 1_500, on: "2026-12-01"), pay("P1", kroner: 500, on: "2026-12-07"),
    ]))
  #expect(two.promiseStatuses(customer: "P", today: day("2026-12-10"))[0].state == .kept)
}

@Test("a promise is partly kept or broken once its day plus 3 days' grace has passed")
func promiseBroken() {
  let part = fold(promiseStore(payments: [pay("P1", kroner: 500, on: "2026-12-02")]))
  #expect(part.promiseStatuses(customer: "P", today: day("2026-12-07"))[0].state == .pending)
  let p = part.promiseStatuses(customer: "P", today: day("2026-12-08"))[0]
  #expect(p.state == .partlyKept)
  #expect(p.paid == Money(kroner: 500))
  #expect(p.settledOn == day("2026-12-08"))
  let none = fold(promiseStore(payments: []))
  #expect(none.promiseStatuses(customer: "P", today: day("2026-12-08"))[0].state == .broken)
  // A payment before the promise was made, or after its last day, does not count.
  let outside = fold(
    promiseStore(payments: [
      pay("P1", kroner: 2_000, on: "2026-11-29"), pay("P1", kroner: 2_000, on: "2026-12-08"),
    ]))
  #expect(outside.promiseStatuses(customer: "P", today: day("2026-12-09"))[0].state == .broken)
}

@Test("a newer promise made before the old one fell due replaces it (not a break)")
func promiseSuperseded() {
  let l = fold(
    promiseStore(payments: []) + [
      promise("P", kroner: 2_500, by: "2026-12-15", made: "2026-12-03")
    ])
  let s = l.promiseStatuses(customer: "P", today: day("2026-12-10"))
  #expect(s.map(\.state) == [.superseded, .pending])
}

@Test("a pending promise pauses the ladder; broken, the next step is eligible at once")
func promiseAndLadder() {
  // The reminder of 15 Sep had a deadline of 29 Sep: the inkassovarsel is due from 30 Sep.
  let l = fold(promiseStore(payments: []))
  let pending = l.queue(today: day("2026-12-01"))[0]
  #expect(pending.next?.blockedBy == "promise-pending")
  #expect(pending.next?.from == day("2026-12-08"))
  #expect(!pending.isEligible(on: day("2026-12-01")))
  let broken = l.queue(today: day("2026-12-08"))[0]
  #expect(broken.next?.blockedBy == nil)
  #expect(broken.isEligible(on: day("2026-12-08")))
  // And the customer goes to the top of the call list that day.
  let list = fold(promiseStore(payments: []) + sixReasons()).callList(today: day("2026-12-08"))
  #expect(list.first?.customer == "P")
  #expect(list.first?.isPinned == true)
  // Kept: the promise pauses nothing either and the customer is not called for it.
  let kept = fold(promiseStore(payments: [pay("P1", kroner: 2_000, on: "2026-12-02")]))
  #expect(kept.queue(today: day("2026-12-03"))[0].next?.blockedBy == nil)
}

// MARK: - Disputes

private func disputeStore(_ extra: [Event]) -> Ledger {
  fold(
    [
      customer("K", "Kari Kjær"), claim("K", "K1", kroner: 10_000, due: "2026-09-01"),
      step("K1", .invoice, .reminder, on: "2026-09-15"),
    ] + extra)
}

private func opened(amount kroner: Int64?) -> Event {
  ev(.disputeOpened, "2026-10-01", customer: "K", invoice: "K1") {
    $0.amount = kroner.map { $0 * 100 }
    $0.reason = "defect"
    $0.text = "Riper i lakken"
    $0.date = day("2026-10-01")
  }
}

@Test("a partial objection withholds the defect's value; the remainder goes on up the ladder")
func partialDispute() {
  let l = disputeStore([opened(amount: 2_500)])
  let c = l.claims["K1"]!
  let b = c.balance(asOf: today)
  // Interest runs on the whole 10 000,00 from 1 Sep (Tuesday) to 30 Nov: 90 days at 12 %,
  // 10 000 × 0,12 × 90 / 365 = 295,89.
  #expect(b.interest == Money(ore: 29_589))
  #expect(l.status(of: c, balance: b, today: today) == .overdue)
  let split = l.disputeSplit(invoice: "K1", today: today)!
  #expect(split.isPartial)
  #expect(split.disputed == Money(kroner: 2_500))
  #expect(split.undisputed == b.outstanding - Money(kroner: 2_500))
  #expect(l.collectible(invoice: "K1", today: today) == split.undisputed)
  let row = l.queue(today: today)[0]
  #expect(row.next?.step == .inkassovarsel)
  #expect(row.isEligible(on: today), "the undisputed part is not held back")
  #expect(l.claimSummaries(customer: "K", today: today)[0].disputed == Money(kroner: 2_500))
}

@Test("a whole-claim objection stops the ladder: no step, no fee")
func wholeDispute() {
  let l = disputeStore([opened(amount: nil)])
  let c = l.claims["K1"]!
  #expect(l.status(of: c, balance: c.balance(asOf: today), today: today) == .disputed)
  #expect(l.queue(today: today)[0].next?.blockedBy == "disputed")
  #expect(l.collectible(invoice: "K1", today: today) == .zero)
  // A disputed amount as large as the principal is the whole claim.
  let all = disputeStore([opened(amount: 10_000)])
  #expect(all.queue(today: today)[0].next?.blockedBy == "disputed")
}

@Test("accepted with a credit note: the claim is reduced and interest runs on the rest")
func disputeAccepted() {
  let l = disputeStore([
    opened(amount: 2_500),
    ev(.disputeResolved, "2026-10-10", customer: "K", invoice: "K1") {
      $0.ref = "t:4"
      $0.outcome = "accepted"
      $0.amount = 250_000
    },
  ])
  let b = l.claims["K1"]!.balance(asOf: today)
  #expect(b.principal == Money(kroner: 7_500))
  // 7 500,00 × 12 % × 90 / 365 = 221,92.
  #expect(b.interest == Money(ore: 22_192))
  #expect(l.disputeSplit(invoice: "K1", today: today) == nil)
}

@Test("rejected: collection resumes only after the debtor's 14-day reply window")
func disputeRejected() {
  let l = disputeStore([
    opened(amount: nil),
    ev(.disputeResolved, "2026-11-16", customer: "K", invoice: "K1") {
      $0.ref = "t:4"
      $0.outcome = "rejected"
      $0.text = "Varen var feilfri ved levering"
      $0.date = day("2026-11-16")
    },
  ])
  let d = l.customers["K"]!.disputes[0]
  #expect(d.resumesOn == day("2026-12-01"))
  #expect(l.queue(today: day("2026-11-30"))[0].next?.blockedBy == "disputed")
  let resumed = l.queue(today: day("2026-12-01"))[0]
  #expect(resumed.next?.blockedBy == nil && resumed.isEligible(on: day("2026-12-01")))
  // The call list asks for a follow-up call the day collection resumes.
  let list = l.callList(today: day("2026-12-01"))
  #expect(list.first?.factors.contains { $0.reason == .disputeFollowUp } == true)
}

@Test("to the forliksråd: the claim stays disputed and its court step is forliksklage")
func disputeToForliksrad() {
  let l = disputeStore([
    step("K1", .reminder, .inkassovarsel, on: "2026-09-30"),
    step("K1", .inkassovarsel, .betalingsoppfordring, on: "2026-10-15"),
    opened(amount: nil),
    ev(.disputeResolved, "2026-11-20", customer: "K", invoice: "K1") {
      $0.ref = "t:6"
      $0.outcome = "forliksrad"
    },
  ])
  let row = l.queue(today: today)[0]
  #expect(row.status == .disputed)
  #expect(row.next?.step == .forliksklage)
  #expect(row.next?.blockedBy == nil)
}

@Test("the demo's call list shows every kind of row on its today")
func demoCallList() {
  let events = DemoGenerator(seed: 7, customers: 150, today: today).events()
  let l = fold(events)
  let list = l.callList(today: today)
  let now = LocalMoment(day: today, minute: 10 * 60)
  let permissions = list.map { $0.permission(.standard, at: now) }
  #expect(list.count >= 20)
  #expect(permissions.contains { $0.allowedNow })
  #expect(permissions.contains { !$0.allowedNow && $0.from != nil }, "called this morning")
  #expect(permissions.contains { $0.from == nil }, "asked not to be called")
  #expect(list.last?.doNotCall == true, "those who may not be called come last")
  let reasons = Set(list.flatMap { $0.factors.map(\.reason) })
  #expect(
    reasons.isSuperset(of: [
      .brokenPromise, .noticeUnpaid, .stepTaken, .disputeFollowUp, .holdEnds,
      // From the demo's instalment plans (`planCallReasons`): one in default, one unsigned.
      .instalmentMissed, .planUnsigned,
    ]))
  #expect(list.first?.isPinned == true)
}

@Test("the next step's letter for a partial objection demands the rest, with the usual fee")
func partialDisputeLetter() throws {
  func store(disputed kroner: Int64?) -> Ledger {
    fold([
      ev(.customerAdded, "2026-01-01", customer: "K") {
        $0.name = "Kari Kjær"
        $0.kind = "consumer"
        $0.address = "Storgata 1, 0155 Oslo"
      },
      claim("K", "K1", kroner: 10_000, due: "2026-09-01"),
      step("K1", .invoice, .reminder, on: "2026-09-15"),
      opened(amount: kroner),
    ])
  }
  let partial = try store(disputed: 2_500).planSteps(.invoices(["K1"]), today: today)
  #expect(partial.refused.isEmpty)
  let line = try #require(partial.letters.first?.lines.first)
  #expect(partial.letters.first?.step == .inkassovarsel)
  #expect(line.principal == Money(kroner: 7_500), "the disputed 2 500,00 is withheld")
  #expect(line.fee == Money(ore: 3_750), "inkassovarsel fee 1/20 of the 2026 sats 750")
  #expect(partial.letters.first?.objection?.contains("2 500,00 kr bestridt") == true)
  let whole = try store(disputed: nil).planSteps(.invoices(["K1"]), today: today)
  #expect(whole.letters.isEmpty)
  #expect(whole.refused.first?.reason == .disputed)
}
