/// The claims of the demo data: each follows one scenario a collector meets.
enum DemoScenario: CaseIterable {
  case notDue, justOverdue, reminded, inkassovarsel, betalingsoppfordring
  case disputed, onHold, paid, partPaid, promised

  /// Relative frequency of the scenario.
  var weight: Int {
    switch self {
    case .notDue: return 12
    case .justOverdue: return 10
    case .reminded: return 13
    case .inkassovarsel: return 13
    case .betalingsoppfordring: return 8
    case .disputed: return 8
    case .onHold: return 5
    case .paid: return 15
    case .partPaid: return 9
    case .promised: return 7
    }
  }

  /// How many days overdue the claim is today (before the due date is moved to a business day).
  var overdueDays: ClosedRange<Int> {
    switch self {
    case .notDue: return 0...0
    case .justOverdue: return 1...13
    case .reminded: return 16...40
    case .inkassovarsel: return 30...80
    case .betalingsoppfordring: return 50...130
    case .disputed: return 20...100
    case .onHold: return 15...70
    case .paid: return 10...200
    case .partPaid: return 20...100
    case .promised: return 16...60
    }
  }
}

/// A planned claim before its events are written.
struct DemoClaim {
  var invoice: String
  var scenario: DemoScenario
  var issued: Day
  var due: Day
  var principal: Money
  var kid: String
  var text: String
}

extension DemoBuilder {
  /// Picks a scenario, dates, amount, invoice number and KID for a new claim.
  mutating func planClaim(for c: DemoCustomer) -> DemoClaim {
    var roll = rng.int(0...(DemoScenario.allCases.reduce(0) { $0 + $1.weight } - 1))
    var scenario = DemoScenario.notDue
    for s in DemoScenario.allCases {
      if roll < s.weight {
        scenario = s
        break
      }
      roll -= s.weight
    }
    let terms = c.isBusiness && rng.chance(0.5) ? 30 : 14
    var issued: Day
    if scenario == .notDue {
      issued = today.adding(days: -rng.int(0...min(terms - 1, 10)))
    } else {
      issued = today.adding(days: -rng.int(scenario.overdueDays) - terms)
    }
    if !issued.isBusinessDay { issued = issued.previousBusinessDay }
    let due = issued.adding(days: terms).adjustedDueDate
    if scenario == .notDue && due <= today { scenario = .justOverdue }
    if scenario != .notDue && due >= today { scenario = .notDue }
    let invoice = String(nextInvoice)
    nextInvoice += 1
    let body = String(10_000 + c.number % 10_000).dropFirst() + invoice
    return DemoClaim(
      invoice: invoice, scenario: scenario, issued: issued, due: due,
      principal: principal(business: c.isBusiness), kid: KID.make(body: String(body))!,
      text: rng.pick(DemoNames.invoiceTexts))
  }

  /// A realistic principal: consumers mostly a few thousand, businesses up to 250 000.
  mutating func principal(business: Bool) -> Money {
    let bands: [ClosedRange<Int>] =
      business
      ? [1_000...10_000, 10_000...60_000, 60_000...250_000]
      : [300...2_000, 2_000...8_000, 8_000...25_000]
    let r = rng.int(0...99)
    let band = bands[r < 40 ? 0 : (r < 85 ? 1 : 2)]
    return Money(ore: Int64(rng.int(band)) * 100 + Int64(rng.pick([0, 0, 0, 50, 90, 25])))
  }

  /// Writes the claim-added event and the events of the claim's scenario.
  mutating func addClaimEvents(_ claim: DemoClaim, customer c: DemoCustomer) {
    var added = event(.claimAdded, c, invoice: claim.invoice)
    added.amount = claim.principal.ore
    added.issued = claim.issued
    added.due = claim.due
    added.kid = claim.kid
    added.text = claim.text
    emit(added, on: claim.issued, rank: 1)
    var ladder = DemoLadder(claim: claim)

    func remind(_ b: inout DemoBuilder, probability: Double) -> Day? {
      guard b.rng.chance(probability), let d = b.place(claim.due.adding(days: 14), slack: 4)
      else { return nil }
      b.sendStep(.reminder, on: d, ladder: &ladder, customer: c)
      return d
    }
    switch claim.scenario {
    case .notDue, .justOverdue:
      break
    case .reminded:
      _ = remind(&self, probability: 1)
    case .inkassovarsel, .betalingsoppfordring:
      let r = remind(&self, probability: 0.5)
      // A quarter of the direct ones follow a strict process: inkassovarsel right after the
      // due date, which the law allows but without a fee.
      let strict = r == nil && rng.chance(0.25)
      let from = r.map { $0.adding(days: 15) } ?? claim.due.adding(days: strict ? 1 : 14)
      guard let v = place(from, slack: strict ? 4 : 5) else { break }
      sendStep(.inkassovarsel, on: v, ladder: &ladder, customer: c)
      if claim.scenario == .betalingsoppfordring, let b = place(v.adding(days: 15), slack: 7) {
        sendStep(.betalingsoppfordring, on: b, ladder: &ladder, customer: c)
      }
    case .disputed:
      let r = remind(&self, probability: 0.5)
      addDispute(claim, customer: c, after: r ?? claim.due)
    case .onHold:
      let r = remind(&self, probability: 0.5)
      guard let h = place((r ?? claim.due).adding(days: 3), slack: 15) else { break }
      var e = event(.holdSet, c, invoice: claim.invoice)
      e.until = today.adding(days: rng.int(5...40))
      e.text = rng.pick(DemoNames.holdTexts)
      emit(e, on: h)
    case .paid:
      if rng.chance(0.4) {
        let day = max(claim.issued, claim.due.adding(days: -rng.int(0...5)))
        pay(claim, customer: c, amount: claim.principal, on: min(day, today))
      } else {
        let r = remind(&self, probability: 0.7)
        guard let p = place((r ?? claim.due).adding(days: 2), slack: 15) else { break }
        let interest = LateInterest.amount(
          principal: claim.principal, due: claim.due, reductions: [], asOf: p)
        let amount = claim.principal + ladder.fees + interest
        // Every third of these paid as promised on a call a few days before: the promises
        // report has kept promises to show, not only broken ones.
        if Int(claim.invoice).map({ $0 % 3 == 0 }) == true {
          promiseOnCall(claim, customer: c, amount: amount, by: p, after: r ?? claim.due)
        }
        pay(claim, customer: c, amount: amount, on: p)
      }
    case .partPaid:
      let r = remind(&self, probability: 0.5)
      guard let p = place((r ?? claim.due).adding(days: 3), slack: 20) else { break }
      // Every fourth promised the whole claim and paid only a part by the day: partly kept.
      if Int(claim.invoice).map({ $0 % 4 == 0 }) == true {
        promiseOnCall(
          claim, customer: c, amount: claim.principal + ladder.fees, by: p, after: r ?? claim.due)
      }
      pay(claim, customer: c, amount: fraction(of: claim.principal, 20...60), on: p)
      if rng.chance(0.3), let p2 = place(p.adding(days: 10), slack: 10) {
        pay(claim, customer: c, amount: fraction(of: claim.principal, 10...20), on: p2)
      }
    case .promised:
      let r = remind(&self, probability: 0.8)
      guard let d = place((r ?? claim.due).adding(days: 2), slack: 10) else { break }
      let by = d.adding(days: rng.int(3...14))
      let amount =
        rng.chance(0.7) ? claim.principal + ladder.fees : fraction(of: claim.principal, 30...50)
      callAndPromise(claim, customer: c, on: d, amount: amount, by: by)
    }
  }

  /// A reached call and a promise of `amount` by `by`, made two days before it (never before
  /// `after`, the due date or the last reminder); none when there is no such day. Draws no
  /// random numbers, so the rest of the demo stays as it was.
  mutating func promiseOnCall(
    _ claim: DemoClaim, customer c: DemoCustomer, amount: Money, by: Day, after: Day
  ) {
    var d = by.adding(days: -2)
    if !d.isBusinessDay { d = d.previousBusinessDay }
    guard d > after, d <= today else { return }
    callAndPromise(claim, customer: c, on: d, amount: amount, by: by)
  }

  /// On `d`: a reached call (one a day per customer) and the promise of `amount` by `by`.
  mutating func callAndPromise(
    _ claim: DemoClaim, customer c: DemoCustomer, on d: Day, amount: Money, by: Day
  ) {
    if callDays.insert(d).inserted {
      var call = event(.callLogged, c, invoice: claim.invoice)
      call.outcome = "reached"
      call.text = "Kunden lovet å betale faktura \(claim.invoice) innen \(norwegianDate(by))."
      emit(call, on: d)
    }
    var promise = event(.promiseMade, c, invoice: claim.invoice)
    promise.amount = amount.ore
    promise.date = by
    emit(promise, on: d)
  }

  /// Sends a formal step with the fee `Fees.decide` allows and records it on the ladder.
  mutating func sendStep(
    _ step: Step, on day: Day, ladder: inout DemoLadder, customer c: DemoCustomer
  ) {
    let decision = Fees.decide(
      step: step, sent: day, due: ladder.claim.due, history: ladder.notices)
    var e = event(.stepTriggered, c, invoice: ladder.claim.invoice)
    e.from = ladder.step.rawValue
    e.step = step.rawValue
    e.date = day
    e.amount = decision.fee.isPositive ? decision.fee.ore : nil
    e.channel = rng.chance(0.7) ? "email" : "letter"
    emit(e, on: day)
    ladder.notices.append(Fees.Notice(step: step, sent: day, fee: decision.fee))
    ladder.step = step
  }

  /// An objection, for the whole claim or a part, sometimes resolved.
  mutating func addDispute(_ claim: DemoClaim, customer c: DemoCustomer, after: Day) {
    guard let d = place(after.adding(days: 2), slack: 12) else { return }
    let (reason, text) = rng.pick(DemoNames.disputes)
    var opened = event(.disputeOpened, c, invoice: claim.invoice)
    let partial = rng.chance(0.4) ? fraction(of: claim.principal, 15...60) : nil
    opened.amount = partial?.ore
    opened.reason = reason
    opened.text = text
    emit(opened, on: d)
    guard rng.chance(0.4), let r = place(d.adding(days: 5), slack: 10) else { return }
    var resolved = event(.disputeResolved, c, invoice: claim.invoice)
    // `ref` needs the store-assigned id of the dispute-opened event; left for the importer.
    if rng.chance(0.5) {
      resolved.outcome = DisputeOutcome.accepted.rawValue
      resolved.amount = (partial ?? claim.principal).ore
      resolved.text = "Kunden fikk medhold; kreditnota er sendt."
    } else {
      resolved.outcome = "rejected"
      resolved.text = "Innsigelsen er avvist etter gjennomgang av ordre og følgeseddel."
    }
    emit(resolved, on: r)
  }

  /// A payment by invoice number or, for about a third, by KID as from an OCR file.
  mutating func pay(_ claim: DemoClaim, customer c: DemoCustomer, amount: Money, on day: Day) {
    var e = event(.paymentRegistered, c)
    if rng.chance(0.35) {
      e.kid = claim.kid
      e.text = "Innbetaling med KID"
    } else {
      e.invoice = claim.invoice
    }
    e.amount = amount.ore
    e.date = day
    emit(e, on: day)
  }

  /// `percent` (a random whole percentage in the range) of an amount, in whole kroner.
  mutating func fraction(of amount: Money, _ percent: ClosedRange<Int>) -> Money {
    Money(kroner: max(1, amount.ore * Int64(rng.int(percent)) / 10_000))
  }

  /// `17.05.2026`.
  func norwegianDate(_ d: Day) -> String {
    let c = d.components
    return "\(c.day < 10 ? "0" : "")\(c.day).\(c.month < 10 ? "0" : "")\(c.month).\(c.year)"
  }

  /// Calls and notes about a customer's overdue claims, at most one call a day.
  mutating func addContacts(_ c: DemoCustomer, claims: [DemoClaim]) {
    let overdue = claims.filter { $0.scenario != .notDue && $0.scenario != .paid }
    guard let oldest = overdue.map(\.due).min() else { return }
    for _ in 0..<rng.int(0...2) {
      guard let d = place(oldest.adding(days: 3), slack: oldest.days(to: today)),
        callDays.insert(d).inserted
      else { continue }
      var call = event(.callLogged, c, invoice: rng.chance(0.5) ? rng.pick(overdue).invoice : nil)
      call.outcome = rng.pick(["reached", "no-answer", "no-answer", "voicemail"])
      switch call.outcome {
      case "reached": call.text = rng.pick(DemoNames.reachedSummaries)
      case "voicemail": call.text = rng.pick(DemoNames.voicemailSummaries)
      default: call.text = "Ingen svar."
      }
      emit(call, on: d)
    }
    for _ in 0..<rng.int(0...2) {
      guard let d = place(oldest.adding(days: 1), slack: oldest.days(to: today)) else { continue }
      var note = event(.noteAdded, c)
      note.text = rng.pick(DemoNames.notes)
      emit(note, on: d)
    }
  }
}

/// Where one demo claim stands on the ladder while its events are written.
struct DemoLadder {
  var claim: DemoClaim
  var step: Step = .invoice
  var notices: [Fees.Notice] = []

  /// Fees added so far.
  var fees: Money { notices.reduce(Money.zero) { $0 + $1.fee } }
}
