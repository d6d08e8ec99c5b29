/// Folding events into the ledger: one handler per event type (see Event.swift for fields).
extension Ledger {
  /// The event types whose `text` the fold never reads (it reads it only for objections,
  /// rate rows and payments that match no claim): a replay may leave it out of these, which
  /// spares making a string for every note, call and claim. A test folds a store with and
  /// without these texts and compares the ledgers; a handler that starts reading the text of
  /// one of these types must take it out of this list.
  public static let textNotFolded: [EventType] = [
    .noteAdded, .callLogged, .claimAdded, .claimUpdated, .letterSent, .stepTriggered,
    .promiseMade, .customerAdded, .customerUpdated, .holdSet, .caseClosed, .callPreferenceSet,
    .paymentAssigned, .paymentReversed, .disputeResolved, .claimFiled,
  ]

  /// Folds one event into the state; `ref` says where the event lives for the timeline.
  public mutating func apply(_ e: Event, ref: EventRef) {
    var copy = e
    apply(taking: &copy, ref: ref)
  }

  /// Folds one event that is not needed afterwards: the strings the state keeps (a new
  /// customer's name, e-mail and address; a promise's id) are moved out of it, not copied. A
  /// replay folds events decoded on other cores, where a copy's retain of each string was a
  /// cache miss (and the decoder's later release another): 6 % of the fold's time at a
  /// million events.
  ///
  /// The handlers read the event's fields before any closure: a closure that captured the
  /// event copied all of it (a retain of every string), and a handler that took it by value
  /// from here was handed a byte copy of it (416 bytes).
  package mutating func apply(taking e: inout Event, ref: EventRef) {
    eventCount += 1
    // An amount beyond the bound (written by hand or by a hostile tool) is never folded, so
    // no sum in the ledger can overflow; `krav check` names its line (Money.maximumAmount).
    if let a = e.amount, !Money.isWithinBound(ore: a) {
      return reject(e, "amount above the upper bound")
    }
    switch FoldedType(e.type) {
    case .customerAdded: addCustomer(taking: &e, ref: ref)
    case .customerUpdated: updateCustomer(e, ref: ref)
    case .claimAdded: addClaim(&e, ref: ref)
    case .paymentRegistered: registerPayment(&e, ref: ref)
    case .callLogged:
      let day = Ledger.day(atPacked: e.atPacked, atText: e.atText)
      guard let i = customerPosition(customer: e.customer, invoice: e.invoice, kid: e.kid) else {
        return reject(e, "unknown customer")
      }
      link(ref, toCustomerAt: i)
      customers.update(at: i) { c in
        c.callCount += 1
        guard let d = day else { return }
        if c.lastCallOn.map({ d > $0 }) ?? true { c.lastCallOn = d }
        Ledger.noteCall(on: d, in: &c.callDays)
      }
      if let d = day {
        let outcome = e.outcome.flatMap(CallOutcome.init(rawValue:))
        let code =
          outcome.flatMap { ReportEntry.callOutcomes.firstIndex(of: $0) }
          ?? ReportEntry.callOutcomes.count
        reportLog.append(
          ReportEntry(
            kind: .call, day: d, target: Int32(i), collector: reportLog.collector(e.by),
            detail: UInt8(code)))
      }
    case .customerAssigned:
      let to = e.assignedCollector
      withCustomer(&e, ref: ref) { c in c.collector = to }
    case .approvalRequested:
      let request = ApprovalRequest(e)
      withCustomer(&e, ref: ref) { c in
        // The same action asked again for the same claims (a second run before the first was
        // decided) waits once.
        if let request,
          !c.approvals.contains(where: {
            $0.id == request.id
              || ($0.action == request.action && $0.invoice == request.invoice
                && $0.invoices == request.invoices)
          })
        {
          c.approvals.append(request)
        }
      }
    case .approvalDecided:
      let id = e.ref
      withCustomer(&e, ref: ref) { c in c.approvals.removeAll { $0.id == id } }
    case .callPreferenceSet:
      let doNotCall: Bool? =
        e.callPreference.map { $0 == .doNotCall }
      withCustomer(&e, ref: ref) { c in
        if let doNotCall { c.doNotCall = doNotCall }
      }
    case .promiseMade:
      guard let i = customerPosition(customer: e.customer, invoice: e.invoice, kid: e.kid) else {
        return reject(e, "unknown customer")
      }
      link(ref, toCustomerAt: i)
      guard let amount = e.amount, let due = e.date else { return }
      // The id is moved into the promise (the event is not used again): a copy retained a
      // string made on a decoder's core.
      var id = ""
      swap(&id, &e.id)
      let promise = Promise(
        eventId: id, madeOn: Ledger.day(atPacked: e.atPacked, atText: e.atText) ?? due,
        amount: Money(ore: amount),
        due: due, invoice: e.invoice)
      let index = customers.values[i].promises.count
      customers.update(at: i) { $0.promises.append(promise) }
      reportLog.append(
        ReportEntry(
          kind: .promise, day: promise.madeOn, target: Int32(i),
          collector: reportLog.collector(e.by), extra: Int32(index)))
    case .disputeOpened: openDispute(e, ref: ref)
    case .disputeResolved: resolveDispute(e, ref: ref)
    case .holdSet: setHold(e, ref: ref)
    case .holdLifted: liftHold(e, ref: ref)
    case .promiseCancelled: cancelPromise(e, ref: ref)
    case .stepTriggered: triggerStep(&e, ref: ref)
    case .rateSet: setRate(e)
    case .ladderSet: setLadder(e)
    case .claimUpdated: updateClaim(e, ref: ref)
    case .paymentAssigned: assignPayment(e, ref: ref)
    case .paymentReversed: reversePayment(e, ref: ref)
    case .caseClosed:
      let closed = e.reason.flatMap(ClosureReason.init(rawValue:)) ?? .withdrawn
      guard let c = claimPosition(invoice: e.invoice, kid: e.kid) else {
        return reject(e, "unknown invoice")
      }
      link(ref, toCustomerAt: Int(claimOwner[c]))
      claims.update(at: c) { $0.closed = closed }
      if let d = e.date ?? Ledger.day(atPacked: e.atPacked, atText: e.atText) {
        reportLog.append(
          ReportEntry(
            kind: .closed, day: d, target: Int32(c), collector: reportLog.collector(e.by),
            detail: UInt8(ReportEntry.closureReasons.firstIndex(of: closed) ?? 3)))
      }
    case .claimFiled: fileClaim(&e, ref: ref)
    case .documentLeft: documentLeft(e, ref: ref)
    case .plan where applyPlanEvent(e, ref: ref): break
    case .timelineOnly, .plan:
      // note-added, letter-sent and types this version does not know: timeline only.
      if let i = customerPosition(customer: e.customer, invoice: e.invoice, kid: e.kid) {
        link(ref, toCustomerAt: i)
      }
    }
  }

  /// The day an event happened: `e.atDay`, read straight from the bytes of a well-formed
  /// `at` (the fold needs it for most events; the general parser trims and copies first).
  static func day(of e: Event) -> Day? { day(atPacked: e.atPacked, atText: e.atText) }

  /// `day(of:)` from the event's `at` fields (see `Event.at`).
  @inline(__always)
  static func day(atPacked: UInt64, atText: String?) -> Day? {
    // Packed (Krav's own form): the day is read from the packed fields.
    guard let text = atText else { return EventTime.day(atPacked) }
    var at = text
    let parsed = at.withUTF8 { u -> Day?? in
      // Ten ASCII bytes `YYYY-MM-DD` then nothing or another ASCII byte (so the first ten
      // characters are exactly these bytes); anything else goes to the general parser.
      guard u.count >= 10, u.count == 10 || u[10] < 0x80, u[4] == UInt8(ascii: "-"),
        u[7] == UInt8(ascii: "-")
      else { return nil }
      func number(_ range: Range<Int>) -> Int? {
        var v = 0
        for i in range {
          let c = u[i] &- 48
          guard c <= 9 else { return nil }
          v = v * 10 + Int(c)
        }
        return v
      }
      guard let y = number(0..<4), let m = number(5..<7), let d = number(8..<10) else {
        return nil
      }
      return .some(Day(year: y, month: m, day: d))
    }
    return parsed ?? Day(parsing: String(text.prefix(10)))
  }

  /// Adds a call's day to a customer's recent call days (kept sorted; days more than 30 days
  /// before the newest are dropped, as no call limit looks further back).
  static func noteCall(on d: Day, in days: inout [Day]) {
    // Calls mostly come in day order: the new day then goes at the end.
    if let last = days.last, d < last {
      days.insert(d, at: days.firstIndex { $0 > d } ?? days.count)
    } else {
      days.append(d)
    }
    // The days are sorted, so the old ones are a prefix (often empty: nothing to rewrite).
    let horizon = days[days.count - 1].adding(days: -30)
    if days[0] < horizon { days.removeFirst(days.firstIndex { $0 >= horizon }!) }
  }

  /// Adds an event to the timeline of the customer at position `i`.
  @inline(__always)
  mutating func link(_ ref: EventRef, toCustomerAt i: Int) {
    timelinePrevious.append(customerLastEvent[i])
    customerLastEvent[i] = Int32(timelineRefs.count)
    timelineRefs.append(ref)
  }

  mutating func reject(_ e: Event, _ why: String) {
    rejected.append(RejectedEvent(eventId: e.id, type: e.type, reason: why))
  }

  // The handlers of the common types take the event `inout` and pass its fields on: handing
  // an event held `inout` to a function that takes it by value copied it byte by byte.

  @inline(__always)
  private mutating func withCustomer(
    _ e: inout Event, ref: EventRef, _ change: (inout Customer) -> Void
  ) {
    guard let i = customerPosition(customer: e.customer, invoice: e.invoice, kid: e.kid) else {
      return reject(e, "unknown customer")
    }
    link(ref, toCustomerAt: i)
    customers.update(at: i, change)
  }

  /// `withCustomer` for the rarer types, whose handlers take the event by value.
  private mutating func withCustomer(
    _ e: Event, ref: EventRef, _ change: (inout Customer) -> Void
  ) {
    var copy = e
    withCustomer(&copy, ref: ref, change)
  }

  /// `withClaim` for the rarer types, whose handlers take the event by value.
  mutating func withClaim(_ e: Event, ref: EventRef, _ change: (inout Claim) -> Void) {
    var copy = e
    withClaim(&copy, ref: ref, change)
  }

  @inline(__always)
  mutating func withClaim(_ e: inout Event, ref: EventRef, _ change: (inout Claim) -> Void) {
    guard let c = claimPosition(invoice: e.invoice, kid: e.kid) else {
      return reject(e, "unknown invoice")
    }
    link(ref, toCustomerAt: Int(claimOwner[c]))
    claims.update(at: c, change)
  }

  private mutating func addCustomer(taking e: inout Event, ref: EventRef) {
    guard let id = e.customer, e.name != nil else { return reject(e, "missing customer/name") }
    guard !customers.contains(id) else { return reject(e, "customer already exists") }
    // Added first and then filled in place: appending a filled customer copied it (the
    // optimizer does not move it into the array), retaining every string.
    customers.append(
      Customer(id: id, name: "", kind: e.kind.flatMap(CustomerKind.init(parsing:)) ?? .consumer))
    customers.update(at: customers.count - 1) { c in
      c.name = e.name.take()!
      c.orgnr = e.orgnr.take()
      c.birthNumber = e.birthNumber.take()
      c.email = e.email.take()
      c.phone = e.phone.take()
      c.address = e.address.take()
    }
    customerLastClaim.append(-1)
    customerLastEvent.append(-1)
    link(ref, toCustomerAt: customers.count - 1)
  }

  private mutating func updateCustomer(_ e: Event, ref: EventRef) {
    withCustomer(e, ref: ref) { c in
      if let v = e.name { c.name = v }
      if let v = e.kind.flatMap(CustomerKind.init(parsing:)) { c.kind = v }
      if let v = e.orgnr { c.orgnr = v }
      if let v = e.birthNumber { c.birthNumber = v }
      if let v = e.email { c.email = v }
      if let v = e.phone { c.phone = v }
      if let v = e.address { c.address = v }
    }
  }

  @inline(__always)
  private mutating func addClaim(_ e: inout Event, ref: EventRef) {
    guard let cid = e.customer, let owner = customers.position(of: cid) else {
      return reject(e, "unknown customer")
    }
    guard let inv = e.invoice, let amount = e.amount, let due = e.due else {
      return reject(e, "missing invoice/amount/due")
    }
    guard !claims.contains(inv) else { return reject(e, "invoice already exists") }
    var claim = Claim(
      invoice: inv, customer: cid, principal: Money(ore: amount), issued: e.issued ?? due,
      due: due)
    claim.kid = e.kid
    claimPrevious.append(customerLastClaim[owner])
    customerLastClaim[owner] = Int32(claims.count)
    claimOwner.append(Int32(owner))
    claims.append(claim)
    indexKid(ofClaimAt: claims.count - 1)
    link(ref, toCustomerAt: owner)
  }

  @inline(__always)
  mutating func registerPayment(_ e: inout Event, ref: EventRef) {
    guard let amount = e.amount, amount > 0 else { return reject(e, "missing amount") }
    if !assignedPayments.isEmpty, e.type == .paymentRegistered, assignedPayments.contains(e.id) {
      // Already placed by its assignment, folded first (see `assignPayment`).
      if let i = customerPosition(customer: e.customer, invoice: e.invoice, kid: e.kid) {
        link(ref, toCustomerAt: i)
      }
      return
    }
    let day = e.date ?? Ledger.day(atPacked: e.atPacked, atText: e.atText) ?? Day(ordinal: 0)
    if let c = claimPosition(invoice: e.invoice, kid: e.kid) {
      // Money on account placed on this claim from this day on was placed without this
      // payment: it is taken back and placed again after it (value-date order, whatever the
      // order of registration). Rare, and the check reads only this claim's payments.
      let owner = Int(claimOwner[c])
      let laterOnAccount = claims.values[c].payments.contains { $0.onAccount && $0.day >= day }
      var taken: [Day: Money] = [:]
      if laterOnAccount { taken = takeOnAccount(ofCustomerAt: owner, from: day) }
      claims.update(at: c) {
        $0.payments.append(ClaimPayment(day: day, amount: Money(ore: amount)))
      }
      link(ref, toCustomerAt: owner)
      if laterOnAccount { placeOnAccount(taken, ofCustomerAt: owner) }
      return
    }
    guard let cid = e.customer, let owner = customers.position(of: cid),
      customerLastClaim[owner] >= 0
    else {
      // Money that matches no claim (or a customer with no claim to put it on): kept and
      // shown, never dropped.
      unmatchedPayments.append(UnmatchedPayment(e, amount: Money(ore: amount), day: day))
      if let cid = e.customer, let owner = customers.position(of: cid) {
        link(ref, toCustomerAt: owner)
      }
      return reject(e, "payment matches no claim")
    }
    link(ref, toCustomerAt: owner)
    // A payment that names only the customer covers the oldest claims first (domain §6), as
    // they stood on its own value date: payments on account dated after it were placed
    // without it, so they are taken back and placed again after it.
    var taken = takeOnAccount(ofCustomerAt: owner, after: day)
    taken[day, default: .zero] += Money(ore: amount)
    placeOnAccount(taken, ofCustomerAt: owner)
  }

  /// Takes back the parts of payments on account that the customer at `owner` paid on or
  /// after `from`, summed by day (payments of one day may be placed as one: a part paid on a
  /// day changes no interest until the day after, see `LateInterest`).
  mutating func takeOnAccount(ofCustomerAt owner: Int, from: Day) -> [Day: Money] {
    takeOnAccount(ofCustomerAt: owner) { $0 >= from }
  }

  /// `takeOnAccount(ofCustomerAt:from:)` for the parts paid strictly after `day`.
  mutating func takeOnAccount(ofCustomerAt owner: Int, after day: Day) -> [Day: Money] {
    takeOnAccount(ofCustomerAt: owner) { $0 > day }
  }

  private mutating func takeOnAccount(ofCustomerAt owner: Int, where taken: (Day) -> Bool)
    -> [Day: Money]
  {
    var sums: [Day: Money] = [:]
    for c in claimPositions(ofCustomerAt: owner)
    where claims.values[c].payments.contains(where: { $0.onAccount && taken($0.day) }) {
      claims.update(at: c) { claim in
        for p in claim.payments where p.onAccount && taken(p.day) {
          sums[p.day, default: .zero] += p.amount
        }
        claim.payments.removeAll { $0.onAccount && taken($0.day) }
      }
    }
    return sums
  }

  /// Places money on account, day by day in value-date order: each day's sum goes to the
  /// customer's open claims, oldest due date first, each taking what it owed on that day (fees,
  /// then interest, then principal: `Claim.balance`); what is left stays on the newest claim
  /// as a credit.
  mutating func placeOnAccount(_ sums: [Day: Money], ofCustomerAt owner: Int) {
    guard !sums.isEmpty else { return }
    let mine = claimPositions(ofCustomerAt: owner)
    let open = mine.filter { claims.values[$0].closed == nil }
      .sorted { (claims.values[$0].due, $0) < (claims.values[$1].due, $1) }
    for day in sums.keys.sorted() {
      var left = sums[day]!
      for c in open where left.isPositive {
        let owed = claims.values[c].balance(asOf: day, table: rateTable).outstanding
        guard owed.isPositive else { continue }
        let part = min(owed, left)
        claims.update(at: c) {
          $0.payments.append(ClaimPayment(day: day, amount: part, onAccount: true))
        }
        left -= part
      }
      guard left.isPositive, let last = open.last ?? mine.last else { continue }
      // An overpayment stays on the newest claim, shown as a credit balance.
      claims.update(at: last) {
        $0.payments.append(ClaimPayment(day: day, amount: left, onAccount: true))
      }
    }
  }

  /// `claim-filed`: the court draft the claim's step names was filed on `date`. Only a claim
  /// whose step is the utleggsbegjæring or the forliksklage can be filed; the earliest filing
  /// counts (a second one changes nothing).
  private mutating func fileClaim(_ e: inout Event, ref: EventRef) {
    guard let c = claimPosition(of: e) else { return reject(e, "unknown invoice") }
    link(ref, toCustomerAt: Int(claimOwner[c]))
    let step = claims.values[c].step
    guard step == .utlegg || step == .forliksklage else {
      return reject(e, "no court draft to file (the claim is at \(step.rawValue))")
    }
    guard let day = e.date ?? Ledger.day(of: e) else { return reject(e, "missing date") }
    claims.update(at: c) { claim in
      if claim.filedOn.map({ day < $0 }) ?? true { claim.filedOn = day }
    }
  }

  private mutating func openDispute(_ e: Event, ref: EventRef) {
    guard let c = claimPosition(of: e), let inv = e.invoice else {
      return reject(e, "unknown invoice")
    }
    let owner = Int(claimOwner[c])
    let due = claims.values[c].due
    link(ref, toCustomerAt: owner)
    customers.update(at: owner) { cu in
      cu.disputes.append(
        Dispute(
          eventId: e.id, invoice: inv, openedOn: e.date ?? Ledger.day(of: e) ?? due,
          amount: e.amount.map(Money.init(ore:)), reason: e.reason ?? "other", text: e.text ?? ""))
    }
  }

  private mutating func resolveDispute(_ e: Event, ref: EventRef) {
    guard let owner = customerPosition(of: e) else { return reject(e, "unknown customer") }
    link(ref, toCustomerAt: owner)
    // The resolution names its objection by id; without one, the open objection on the invoice.
    let match: (Dispute) -> Bool =
      e.ref != nil ? { $0.eventId == e.ref } : { $0.invoice == e.invoice && $0.isOpen }
    guard let i = customers.values[owner].disputes.firstIndex(where: match) else {
      return reject(e, "unknown dispute")
    }
    var d = customers.values[owner].disputes[i]
    guard d.isOpen else { return reject(e, "dispute already resolved") }
    d.outcome = e.outcome ?? "rejected"
    d.resolvedOn = e.date ?? Ledger.day(of: e)
    if d.outcome == DisputeOutcome.accepted.rawValue, let credit = e.amount, credit > 0 {
      d.credit = Money(ore: credit)
      claims.update(d.invoice) { $0.credits += Money(ore: credit) }
    }
    customers.update(at: owner) { $0.disputes[i] = d }
  }

  private mutating func setHold(_ e: Event, ref: EventRef) {
    guard let until = e.until else { return reject(e, "missing until") }
    if e.invoice != nil {
      withClaim(e, ref: ref) { $0.holdUntil = until }
    } else {
      withCustomer(e, ref: ref) { $0.holdUntil = until }
    }
  }

  /// `hold-lifted`: the collector ended the hold early; the claims go on from today.
  private mutating func liftHold(_ e: Event, ref: EventRef) {
    if e.invoice != nil {
      withClaim(e, ref: ref) { $0.holdUntil = nil }
    } else {
      withCustomer(e, ref: ref) { $0.holdUntil = nil }
    }
  }

  /// `promise-cancelled`: the promise `ref` is taken out of the customer's promises, so it
  /// pauses nothing and is never judged kept or broken; the promise-made event stays in the
  /// timeline with this correction after it.
  private mutating func cancelPromise(_ e: Event, ref: EventRef) {
    guard let owner = customerPosition(of: e) else { return reject(e, "unknown customer") }
    link(ref, toCustomerAt: owner)
    guard let id = e.ref,
      let k = customers.values[owner].promises.firstIndex(where: {
        $0.eventId == id
      })
    else { return reject(e, "unknown promise") }
    customers.update(at: owner) { _ = $0.promises.remove(at: k) }
  }

  /// The largest value a `rate-set` row may carry (basis points, øre or hundredths): rates up
  /// to 100 000 %, fees up to 100 000 kr. Interest multiplies a principal (at most
  /// `Money.maximumAmount`) by a rate, so a larger rate could overflow it.
  public static let maximumRateValue: Int64 = 10_000_000

  /// A rate row the creditor added or corrected; a bad one is rejected, never half-applied.
  private mutating func setRate(_ e: Event) {
    guard let kind = e.kind.flatMap(RateTable.Kind.init(rawValue:)), let from = e.date,
      let value = e.amount, value >= 0
    else { return reject(e, "rate-set needs kind, date and amount") }
    guard value <= Ledger.maximumRateValue else { return reject(e, "rate above the bound") }
    rules.add(
      RateTable.Row(
        kind: kind, from: from, value: RateTable.value(kind, integer: value),
        source: e.text ?? "", isVerified: true,
        note: e.reason ?? "set in this store by \(e.by)"))
  }

  /// The creditor's ladder settings; keys left out keep their value.
  private mutating func setLadder(_ e: Event) {
    var ladder = rules.ladder
    if let v = e.extra["reminder"] { ladder.sendsReminder = v == "true" }
    if let v = e.extra["notice_4_18"] { ladder.combines418 = v != "\"separate\"" }
    if let v = e.extra["handoff"] { ladder.handoff = v == "\"agency\"" ? .agency : .enforcement }
    if e.extra["agency_name"] != nil {
      ladder.agencyName = e.ladderAgencyName.flatMap { $0.isEmpty ? nil : $0 }
    }
    rules.ladder = ladder
  }

  @inline(__always)
  /// A letter left (sent or printed): each named claim still waiting for this step's letter
  /// starts its deadline on the day it left. A claim that moved on meanwhile, or whose step
  /// is another, is left alone.
  private mutating func documentLeft(_ e: Event, ref: EventRef) {
    if let i = customerPosition(customer: e.customer, invoice: nil, kid: nil) {
      link(ref, toCustomerAt: i)
    }
    // Only a step letter (it names its step) starts a deadline: a plan document that left
    // names the plan's claims but no step.
    guard let step = e.step, let invoices = e.extra["invoices"].flatMap(PlanJSON.strings) else {
      return
    }
    let day = e.date ?? Ledger.day(atPacked: e.atPacked, atText: e.atText)
    for inv in invoices {
      guard let c = claims.position(of: inv) else { continue }
      claims.update(at: c) { claim in
        guard claim.awaitingDispatch, step == claim.step.rawValue else { return }
        claim.awaitingDispatch = false
        if let day { claim.stepOn = day }
      }
    }
  }

  private mutating func triggerStep(_ e: inout Event, ref: EventRef) {
    guard let c = claimPosition(invoice: e.invoice, kid: e.kid) else {
      return reject(e, "unknown invoice")
    }
    link(ref, toCustomerAt: Int(claimOwner[c]))
    guard let to = e.step.flatMap(Step.init(rawValue:)) else { return reject(e, "unknown step") }
    // The event names the step it moves from; if another collector moved the claim first,
    // the precondition fails and the event is kept on the claim as a conflict (shown there),
    // instead of being applied twice.
    if let from = e.from.flatMap(Step.init(rawValue:)), from != claims.values[c].step {
      let id = e.id
      claims.update(at: c) { $0.conflicts.append(id) }
      return
    }
    let day = e.date ?? Ledger.day(atPacked: e.atPacked, atText: e.atText) ?? claims.values[c].due
    let fee = e.amount
    let awaiting = !e.extra.isEmpty && e.extra["dispatch"] == "\"outbox\""
    claims.update(at: c) { claim in
      claim.step = to
      claim.stepOn = day
      claim.awaitingDispatch = awaiting
      if let fee, fee > 0 {
        claim.fees.append(ClaimFee(day: day, amount: Money(ore: fee), step: to))
      }
    }
    reportLog.append(
      ReportEntry(
        kind: .step, day: day, target: Int32(c), collector: reportLog.collector(e.by),
        detail: UInt8(to.rank)))
  }
}

/// The event types the fold tells apart, found from the type's text with one or two
/// comparisons: `switch` on `EventType` compared the text with every case in turn (most type
/// names are too long to be compared inline), for every event.
private enum FoldedType {
  case customerAdded, customerUpdated, claimAdded, paymentRegistered, callLogged, promiseMade
  case disputeOpened, disputeResolved, holdSet, stepTriggered, caseClosed, timelineOnly
  /// `plan-proposed`, `plan-signed`, `plan-accelerated` (Ledger+Plans.swift).
  case plan
  case callPreferenceSet
  case rateSet, ladderSet
  case claimUpdated, paymentAssigned, paymentReversed
  case claimFiled
  case customerAssigned
  case approvalRequested, approvalDecided
  /// `document-sent`, `document-printed`: a letter left; its claims' deadlines start.
  case documentLeft
  case holdLifted, promiseCancelled

  init(_ t: EventType) {
    switch t.rawValue.utf8.count {
    case 8: self = t == .holdSet ? .holdSet : t == .rateSet ? .rateSet : .timelineOnly
    case 10: self = t == .ladderSet ? .ladderSet : .timelineOnly
    case 11:
      if t == .claimAdded {
        self = .claimAdded
      } else if t == .callLogged {
        self = .callLogged
      } else {
        self =
          t == .caseClosed
          ? .caseClosed
          : t == .planSigned
            ? .plan
            : t == .claimFiled ? .claimFiled : t == .holdLifted ? .holdLifted : .timelineOnly
      }
    case 12: self = t == .promiseMade ? .promiseMade : .timelineOnly
    case 13:
      if t == .documentSent {
        self = .documentLeft
      } else {
        self = t == .claimUpdated ? .claimUpdated : t == .planProposed ? .plan : .timelineOnly
      }
    case 14:
      if t == .customerAdded {
        self = .customerAdded
      } else if t == .stepTriggered {
        self = .stepTriggered
      } else {
        self = t == .disputeOpened ? .disputeOpened : .timelineOnly
      }
    case 16:
      if t == .customerUpdated {
        self = .customerUpdated
      } else if t == .approvalGranted {
        self = .approvalDecided
      } else if t == .paymentAssigned {
        self = .paymentAssigned
      } else if t == .paymentReversed {
        self = .paymentReversed
      } else {
        self =
          t == .disputeResolved
          ? .disputeResolved
          : t == .planAccelerated ? .plan : t == .documentPrinted ? .documentLeft : .timelineOnly
      }
    case 17:
      if t == .customerAssigned {
        self = .customerAssigned
      } else if t == .approvalRejected {
        self = .approvalDecided
      } else {
        self = t == .promiseCancelled ? .promiseCancelled : .timelineOnly
      }
    case 18:
      self =
        t == .paymentRegistered
        ? .paymentRegistered
        : t == .approvalRequested ? .approvalRequested : .timelineOnly
    case 19: self = t == .callPreferenceSet ? .callPreferenceSet : .timelineOnly
    default: self = .timelineOnly
    }
  }
}
