/// One reason a customer is on the call list, with its weight and what it is about.
public struct CallFactor: Hashable, Sendable {
  public var reason: CallReason
  /// The reason's weight in points (from `CallSettings.weights`).
  public var points: Int
  /// The claims it is about (several claims can give the same reason; it counts once).
  public var invoices: [String]
  /// The first claim it is about, if any.
  public var invoice: String? { invoices.first }
  /// The day that matters: promised day, notice deadline, step day, objection day, hold end.
  public var day: Day?
  /// The amount that matters (a promise's amount), if any.
  public var amount: Money?

  public init(
    reason: CallReason, points: Int, invoice: String? = nil, day: Day? = nil, amount: Money? = nil
  ) {
    self.reason = reason
    self.points = points
    self.invoices = invoice.map { [$0] } ?? []
    self.day = day
    self.amount = amount
  }
}

/// One customer on the call list: why, how the rank was scored, and the facts to call on.
public struct CallEntry: Hashable, Sendable {
  public var customer: String
  public var name: String
  public var phone: String?
  /// Outstanding on the customer's open claims.
  public var amount: Money
  /// Days since the oldest open claim fell due (0 when none is overdue).
  public var daysOverdue: Int
  public var factors: [CallFactor]
  /// Points for the amount (one per `kronerPerPoint`, capped).
  public var amountPoints: Int
  /// Points for the days overdue (one per `daysPerPoint`, capped).
  public var overduePoints: Int
  /// A broken promise: the customer goes to the top, above every score.
  public var isPinned: Bool
  /// Days of recent calls and the do-not-call flag, for `CallGuard`.
  public var callDays: [Day]
  public var doNotCall: Bool
  /// The collector the customer is assigned to (nil: unassigned).
  public var collector: String?
  /// The customer's position in `Ledger.customers.values` (what `SearchIndex` is keyed by).
  public internal(set) var position: Int32 = -1

  /// Whether the entry is on `user`'s own list: the customer is assigned to them, or to no one.
  public func isMine(_ user: String) -> Bool { collector == nil || collector == user }

  /// The reasons' points.
  public var reasonPoints: Int { factors.reduce(0) { $0 + $1.points } }
  /// The rank score: reasons + amount + days overdue.
  public var score: Int { reasonPoints + amountPoints + overduePoints }

  /// Whether and from when the customer may be called at `now`.
  public func permission(_ settings: CallSettings, at now: LocalMoment) -> CallPermission {
    CallGuard.check(
      settings: settings, callDays: callDays, doNotCall: doNotCall,
      hasPhone: !(phone ?? "").isEmpty, at: now)
  }

  /// The list order: customers who may not be called at all (do not call) last; pinned (a
  /// broken promise) first; then the higher score, the larger amount, the id.
  public static func rankOrder(_ a: CallEntry, _ b: CallEntry) -> Bool {
    if a.doNotCall != b.doNotCall { return b.doNotCall }
    if a.isPinned != b.isPinned { return a.isPinned }
    if a.score != b.score { return a.score > b.score }
    if a.amount != b.amount { return a.amount > b.amount }
    return a.customer < b.customer
  }
}

/// Reasons another feature adds for a customer (instalment plans: due, missed, unsigned), by
/// customer id. The call list weighs them like its own reasons; one with a `day` (when it
/// arose) no longer counts once the customer was called on or after that day.
public typealias ExtraCallReasons = [String: [CallFactor]]

extension Ledger {
  /// Today's call list, ranked (see `CallEntry.rankOrder`); customers without a reason today
  /// or without anything outstanding are not on it.
  ///
  /// `extra` defaults to the instalment plans' reasons (`planCallReasons`).
  public func callList(
    today: Day, settings: CallSettings = .standard, extra: ExtraCallReasons? = nil
  ) -> [CallEntry] {
    let extra = extra ?? planCallReasons(today: today)
    let curve = InterestCurve(through: today)
    var inForce: [String: [Plan]] = [:]
    for plan in plans where progress(of: plan, on: today).state.replacesPromises {
      inForce[plan.customer, default: []].append(plan)
    }
    var list: [CallEntry] = []
    for i in customers.values.indices {
      let id = customers.values[i].id
      if let e = callEntry(
        ofCustomerAt: i, today: today, settings: settings,
        extra: extra[id] ?? [], curve: curve, plansInForce: inForce[id] ?? [])
      {
        list.append(e)
      }
    }
    return list.sorted(by: CallEntry.rankOrder)
  }

  /// One customer's call-list entry on `today`, or nil when the customer is not on the list.
  public func callEntry(
    customer id: String, today: Day, settings: CallSettings = .standard,
    extra: [CallFactor]? = nil
  ) -> CallEntry? {
    guard let i = customers.position(of: id) else { return nil }
    return callEntry(
      ofCustomerAt: i, today: today, settings: settings,
      extra: extra ?? planCallReasons(today: today)[id] ?? [],
      curve: InterestCurve(through: today),
      plansInForce: plans(ofCustomer: id).filter {
        progress(of: $0, on: today).state.replacesPromises
      })
  }

  /// `plansInForce`: the customer's plans signed or active on `today`; a broken promise made
  /// before such a plan was signed, on a claim it covers (or with no claim named), was
  /// replaced by the plan, so it neither pins the customer nor counts.
  func callEntry(
    ofCustomerAt i: Int, today: Day, settings s: CallSettings, extra: [CallFactor],
    curve: InterestCurve, plansInForce: [Plan] = []
  ) -> CallEntry? {
    let c = customers.values[i]
    let lastCall = c.lastCallOn
    /// Whether no call was logged on or after `day`.
    func notCalled(since day: Day) -> Bool { lastCall.map { $0 < day } ?? true }
    var factors: [CallFactor] = []
    var amount = Money.zero
    var oldestOverdue: Day?
    for p in claimPositions(ofCustomerAt: i) {
      let claim = claims.values[p]
      guard claim.closed == nil else { continue }
      let b = claim.balance(asOf: today, curve: curve)
      let st = status(of: claim, owner: c, balance: b, today: today)
      guard st.isOpen, b.outstanding.isPositive else { continue }
      // A time-barred claim is not pressed for by phone either (good collection practice):
      // it leaves the call list with the queue (the collector may still call about others).
      if !Limitation.cannotBeExpired(interestDue: claim.interestDue, today: today),
        isTimeBarred(claimAt: p, today: today)
      {
        continue
      }
      amount += b.outstanding
      if claim.isOverdue(on: today) {
        oldestOverdue = min(oldestOverdue ?? claim.interestDue, claim.interestDue)
      }
      if claim.holdUntil == today {
        factors.append(
          CallFactor(
            reason: .holdEnds, points: s.weight(.holdEnds), invoice: claim.invoice, day: today))
      }
      guard st == .overdue, let stepOn = claim.stepOn else { continue }
      let deadline = stepOn.adding(days: Ladder.noticeDays)
      if claim.step == .reminder || claim.step == .inkassovarsel, today > deadline,
        notCalled(since: deadline.adding(days: 1))
      {
        factors.append(
          CallFactor(
            reason: .noticeUnpaid, points: s.weight(.noticeUnpaid), invoice: claim.invoice,
            day: deadline))
      } else if claim.step >= .inkassovarsel, stepOn <= today, stepOn >= today.adding(days: -7),
        notCalled(since: stepOn)
      {
        factors.append(
          CallFactor(
            reason: .stepTaken, points: s.weight(.stepTaken), invoice: claim.invoice, day: stepOn))
      }
    }
    guard amount.isPositive else { return nil }
    if c.holdUntil == today {
      factors.append(CallFactor(reason: .holdEnds, points: s.weight(.holdEnds), day: today))
    }
    var pinned = false
    for st in promiseStatuses(ofCustomerAt: i, today: today, graceDays: s.promiseGraceDays)
    where st.state.isBreach {
      guard let broke = st.settledOn, notCalled(since: broke) else { continue }
      // A promise made before the plan was signed, on its claims: the plan replaced it.
      let replaced = plansInForce.contains { plan in
        (st.promise.invoice.map(plan.invoices.contains) ?? true)
          && plan.signedOn.map { st.promise.madeOn <= $0 } ?? false
      }
      if replaced { continue }
      pinned = true
      factors.append(
        CallFactor(
          reason: .brokenPromise, points: s.weight(.brokenPromise), invoice: st.promise.invoice,
          day: st.promise.due, amount: st.promise.amount))
    }
    for d in c.disputes {
      if d.isOpen, notCalled(since: d.openedOn.adding(days: 1)), d.openedOn < today {
        factors.append(
          CallFactor(
            reason: .disputeFollowUp, points: s.weight(.disputeFollowUp), invoice: d.invoice,
            day: d.openedOn, amount: d.amount))
      } else if let resumes = d.resumesOn, resumes <= today, notCalled(since: resumes) {
        factors.append(
          CallFactor(
            reason: .disputeFollowUp, points: s.weight(.disputeFollowUp), invoice: d.invoice,
            day: resumes, amount: d.amount))
      }
    }
    // A reason from another feature that names the day it arose counts until someone calls.
    factors += extra.filter { f in f.day.map(notCalled(since:)) ?? true }.map { f in
      var f = f
      f.points = s.weight(f.reason)
      return f
    }
    guard !factors.isEmpty else { return nil }
    // Each reason counts once, whatever the number of claims behind it: the first (by day)
    // stays, naming every claim.
    var merged: [CallFactor] = []
    for f in factors.sorted(by: { ($0.day ?? today) < ($1.day ?? today) }) {
      if let k = merged.firstIndex(where: { $0.reason == f.reason }) {
        for inv in f.invoices where !merged[k].invoices.contains(inv) {
          merged[k].invoices.append(inv)
        }
      } else {
        merged.append(f)
      }
    }
    factors = merged.sorted { ($0.points, $1.reason.rawValue) > ($1.points, $0.reason.rawValue) }
    let days = oldestOverdue.map { $0.days(to: today) } ?? 0
    let kroner = Int(amount.ore / 100)
    var entry = CallEntry(
      customer: c.id, name: c.name, phone: c.phone, amount: amount, daysOverdue: days,
      factors: factors, amountPoints: min(s.amountCap, kroner / max(1, s.kronerPerPoint)),
      overduePoints: min(s.overdueCap, days / max(1, s.daysPerPoint)), isPinned: pinned,
      callDays: c.callDays, doNotCall: c.doNotCall)
    entry.collector = c.collector
    entry.position = Int32(i)
    return entry
  }
}

extension Ledger {
  /// The instalment plans' reasons to call on `today` (`planCalls`: an instalment due today and
  /// unpaid, a plan in default, a plan unsigned past its deadline), as call-list factors with
  /// the day each arose, by customer id.
  public func planCallReasons(today: Day) -> ExtraCallReasons {
    var reasons: ExtraCallReasons = [:]
    for call in planCalls(on: today) {
      guard let reason = CallReason(rawValue: call.reason.rawValue) else { continue }
      reasons[call.customer, default: []].append(
        CallFactor(reason: reason, points: 0, day: call.since, amount: call.amount))
    }
    return reasons
  }
}
