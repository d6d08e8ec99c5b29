/// Instalment plans in the ledger: folding the plan events, and the questions other parts of
/// Krav ask about plans on a day (the ladder, the call list, the case view, `krav plans`).
extension Ledger {
  // MARK: Fold

  /// Folds a plan event; false when `e` is not one (the caller then treats it as timeline-only).
  @inline(__always)
  mutating func applyPlanEvent(_ e: Event, ref: EventRef) -> Bool {
    // Cheap test first: every plan type starts with "plan-"; most timeline-only events do not.
    guard e.type.rawValue.hasPrefix("plan-") else { return false }
    switch e.type {
    case .planProposed: proposePlan(e, ref: ref)
    case .planSigned: signPlan(e, ref: ref)
    case .planAccelerated: acceleratePlan(e, ref: ref)
    default: return false
    }
    return true
  }

  private mutating func proposePlan(_ e: Event, ref: EventRef) {
    guard let cid = e.customer, let owner = customers.position(of: cid) else {
      return reject(e, "unknown customer")
    }
    link(ref, toCustomerAt: owner)
    guard let invoices = e.planInvoices, !invoices.isEmpty,
      let instalments = e.planInstalments, !instalments.isEmpty, let signBy = e.until
    else { return reject(e, "missing invoices/instalments/until") }
    for inv in invoices {
      guard let c = claims.position(of: inv), Int(claimOwner[c]) == owner else {
        return reject(e, "plan names an invoice of another customer")
      }
    }
    let proposedOn = e.date ?? Ledger.day(of: e) ?? signBy
    var plan = Plan(
      id: e.id, customer: cid, invoices: invoices, instalments: instalments,
      frequency: e.planFrequency ?? .month, proposedOn: proposedOn, signBy: signBy,
      graceDays: min(Plan.graceRange.upperBound, max(0, e.planGraceDays ?? Plan.defaultGraceDays)),
      projectedInterest: e.planInterest ?? .zero,
      number: plans.reduce(1) { $0 + ($1.customer == cid ? 1 : 0) }, proposedBy: e.by)
    plan.letter = e.planLetter
    plans.append(plan)
  }

  private mutating func signPlan(_ e: Event, ref: EventRef) {
    guard let i = planIndex(for: e, ref: ref) else { return }
    guard plans[i].signedOn == nil else { return reject(e, "plan already signed") }
    let day = e.date ?? Ledger.day(of: e) ?? plans[i].signBy
    guard day <= plans[i].signBy, day >= plans[i].proposedOn else {
      return reject(e, "signature outside the signing period")
    }
    plans[i].signedOn = day
    plans[i].signChannel = e.channel
    plans[i].signedOffBy = e.by
  }

  private mutating func acceleratePlan(_ e: Event, ref: EventRef) {
    guard let i = planIndex(for: e, ref: ref) else { return }
    guard plans[i].acceleratedOn == nil else { return reject(e, "plan already accelerated") }
    plans[i].acceleratedOn = e.date ?? Ledger.day(of: e)
    plans[i].accelerationLetter = e.planLetter
  }

  /// The plan an event names in `ref`, linking the event to the customer's timeline.
  private mutating func planIndex(for e: Event, ref: EventRef) -> Int? {
    guard let id = e.ref, let i = plans.firstIndex(where: { $0.id == id }) else {
      if let c = customerPosition(of: e) { link(ref, toCustomerAt: c) }
      reject(e, "unknown plan")
      return nil
    }
    if let c = customers.position(of: plans[i].customer) { link(ref, toCustomerAt: c) }
    return i
  }

  /// Puts plans back from a snapshot (KravStore), replacing any.
  public mutating func restorePlans(_ restored: [Plan]) { plans = restored }

  /// Sets the report log restored from a snapshot.
  public mutating func restoreReportLog(_ restored: ReportLog) { reportLog = restored }

  // MARK: Queries

  /// A customer's plans, oldest first.
  public func plans(ofCustomer id: String) -> [Plan] { plans.filter { $0.customer == id } }

  /// A plan by its id, or by its label `CUSTOMER#N`.
  public func plan(named key: String) -> Plan? {
    plans.first { $0.id == key } ?? plans.first { $0.label == key }
  }

  /// The payments on a plan's claims (all of them; `Plan.progress` picks the days it needs).
  public func payments(for plan: Plan) -> [ClaimPayment] {
    plan.invoices.flatMap { claims[$0]?.payments ?? [] }
  }

  /// What a plan's claims owe on `day` (principal, interest to that day and fees, less
  /// payments), over the ones still open.
  ///
  /// The one "remaining" figure of a broken plan (issue 15, point 5): the acceleration notice
  /// demands it, `plan-accelerated` records it and the call list shows it. The schedule's own
  /// remainder (`PlanProgress.remaining`, total less paid) counted interest up to the last
  /// instalment; once the whole remainder falls due, interest is counted to the day instead.
  public func owedOnPlan(_ plan: Plan, on day: Day) -> Money {
    // The same rows and balances the notice lists, so the two can never differ.
    claimSummaries(customer: plan.customer, today: day)
      .filter { plan.invoices.contains($0.claim.invoice) && $0.status.isOpen }
      .reduce(.zero) { $0 + $1.balance.outstanding }
  }

  /// A plan's state and instalments on `day`.
  public func progress(of plan: Plan, on day: Day) -> PlanProgress {
    plan.progress(on: day, payments: payments(for: plan))
  }

  /// The plan that holds a claim's ladder on `day` (proposed, signed or active), if any.
  public func planPausing(invoice: String, on day: Day) -> Plan? {
    plans.last { $0.invoices.contains(invoice) && progress(of: $0, on: day).state.pausesLadder }
  }

  /// Whether a claim is in an active plan (signed and first instalment paid, none missed) on
  /// `day`. A pure function of the ledger and the day: the ladder and the call list use it.
  public func isInActivePlan(invoice: String, on day: Day) -> Bool {
    plans.contains { $0.invoices.contains(invoice) && progress(of: $0, on: day).state == .active }
  }

  /// Positions of the claims whose ladder a plan holds on `day` (one pass over the plans, for
  /// the queue: plans are few, claims many).
  public func claimsPausedByPlans(on day: Day) -> Set<Int32> {
    var paused = Set<Int32>()
    for plan in plans where progress(of: plan, on: day).state.pausesLadder {
      for inv in plan.invoices {
        if let c = claims.position(of: inv) { paused.insert(Int32(c)) }
      }
    }
    return paused
  }

  /// Plan facts that put a customer on the call list on `day` (for the call list, issue 5):
  /// an instalment due today and unpaid, a plan in default (or accelerated today), a plan
  /// unsigned past its deadline (lapsed without a signature).
  public func planCalls(on day: Day) -> [PlanCall] {
    var calls: [PlanCall] = []
    for plan in plans {
      let p = progress(of: plan, on: day)
      switch p.state {
      case .signed, .active:
        for r in p.instalments where r.state == .due && r.due.adjustedDueDate == day {
          calls.append(
            PlanCall(
              customer: plan.customer, plan: plan.id, reason: .instalmentDue, since: r.due,
              instalment: r.number, amount: r.amount - r.paid))
        }
      case .defaulted, .accelerated:
        guard let since = p.defaultedOn, let n = p.missedInstalment else { continue }
        calls.append(
          PlanCall(
            customer: plan.customer, plan: plan.id, reason: .instalmentMissed, since: since,
            instalment: n, amount: owedOnPlan(plan, on: day)))
      case .lapsed where p.lapseReason == .unsigned:
        calls.append(
          PlanCall(
            customer: plan.customer, plan: plan.id, reason: .unsignedPastDeadline,
            since: p.lapsedOn ?? day, instalment: nil, amount: plan.total))
      default: break
      }
    }
    return calls
  }

  /// Instalments due or missed on `day`, plan by plan (`planCalls` without the lapsed ones).
  public func instalmentsDueOrMissed(on day: Day) -> [PlanCall] {
    planCalls(on: day).filter { $0.reason != .unsignedPastDeadline }
  }
}

/// Why a plan puts a customer on the call list.
public struct PlanCall: Hashable, Sendable {
  public enum Reason: String, Sendable, Hashable {
    /// An instalment falls due today (after the § 5 move) and is not paid yet.
    case instalmentDue = "instalment-due"
    /// An instalment was missed: the plan is in default (or was accelerated for it).
    case instalmentMissed = "instalment-missed"
    /// The plan was not signed by its deadline.
    case unsignedPastDeadline = "plan-unsigned"
  }

  public var customer: String
  /// The plan's id.
  public var plan: String
  public var reason: Reason
  /// The day the reason arose (the due day, the first day of default, the day after the
  /// signing deadline): the call list can rank by it and drop old ones.
  public var since: Day
  /// The instalment concerned (1-based), if one.
  public var instalment: Int?
  /// What to ask for: the instalment's unpaid part, or the plan's remainder.
  public var amount: Money
}
