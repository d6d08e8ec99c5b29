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
  ///
  /// The fast path (the TUI's first screen waits for it): only customers that pass
  /// `mayBeOnCallList` (field comparisons, and the time-bar test for claims over three years
  /// old; no balance) are weighed by the full rule, with the time-bar test's hints, on two
  /// threads from `parallelCallListCustomers` customers, and sorted by small keys. It gives
  /// exactly what `plainCallList` gives (CallListFastTests compares them).
  public func callList(
    today: Day, settings: CallSettings = .standard, extra: ExtraCallReasons? = nil
  ) -> [CallEntry] {
    callList(
      today: today, settings: settings, extra: extra,
      parallelFrom: Ledger.parallelCallListCustomers)
  }

  /// From this many customers the call list is weighed on two threads.
  static let parallelCallListCustomers = 8192

  /// `callList`, on two threads from `parallelFrom` customers (tests and the benchmark compare
  /// both ways with the plain twin).
  public func callList(
    today: Day, settings: CallSettings = .standard, extra: ExtraCallReasons? = nil,
    parallelFrom: Int
  ) -> [CallEntry] {
    let inputs = CallListInputs(self, today: today, settings: settings, extra: extra)
    let n = customers.count
    /// The entries of the customers in every other run of `chunk` positions from `first`
    /// (older customers carry more history, so two halves would not be even work).
    func part(_ first: Int, _ every: Int) -> [CallEntry] {
      var list: [CallEntry] = []
      var start = first * Ledger.callListChunk
      while start < n {
        for i in start..<Swift.min(n, start + Ledger.callListChunk) {
          let extra = inputs.extra[i]
          guard
            mayBeOnCallList(
              customerAt: i, today: today, graceDays: settings.promiseGraceDays,
              hasExtra: extra != nil, planSignings: inputs.planSignings),
            let e = callEntry(
              ofCustomerAt: i, today: today, settings: settings, extra: extra ?? [],
              curve: inputs.curve, plansInForce: inputs.plansInForce[i] ?? [],
              planSignings: inputs.planSignings)
          else { continue }
          list.append(e)
        }
        start += every * Ledger.callListChunk
      }
      return list
    }
    guard n >= parallelFrom else { return Ledger.rankSorted(part(0, 1)) }
    let (a, b) = Parallel.both({ part(0, 2) }, { part(1, 2) })
    return Ledger.rankSorted(a + b)
  }

  /// Customers a thread takes at a time, alternating with the other.
  static let callListChunk = 2048

  /// `entries` in `CallEntry.rankOrder`: sorted as small keys with the score summed once, then
  /// put in that order (sorting the entries themselves moves their strings and arrays at every
  /// step). The order is total (customer ids are unique), so any sort gives the same list.
  static func rankSorted(_ entries: [CallEntry]) -> [CallEntry] {
    struct Key {
      var doNotCall: Bool
      var pinned: Bool
      var score: Int
      var amount: Money
      var index: Int
    }
    var keys = entries.indices.map { i in
      Key(
        doNotCall: entries[i].doNotCall, pinned: entries[i].isPinned, score: entries[i].score,
        amount: entries[i].amount, index: i)
    }
    entries.withUnsafeBufferPointer { all in
      keys.sort { a, b in
        if a.doNotCall != b.doNotCall { return b.doNotCall }
        if a.pinned != b.pinned { return a.pinned }
        if a.score != b.score { return a.score > b.score }
        if a.amount != b.amount { return a.amount > b.amount }
        return all[a.index].customer < all[b.index].customer
      }
    }
    return keys.map { entries[$0.index] }
  }

  /// The plain twin of `callList`: the full rule for every customer, one thread, then a sort.
  public func plainCallList(
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

  /// Positions of the customers that pass `mayBeOnCallList` on `today` (for the benchmark).
  public func callListCandidates(
    today: Day, settings: CallSettings = .standard, extra: ExtraCallReasons? = nil
  ) -> [Int] {
    let inputs = CallListInputs(self, today: today, settings: settings, extra: extra)
    return customers.values.indices.filter {
      mayBeOnCallList(
        customerAt: $0, today: today, graceDays: settings.promiseGraceDays,
        hasExtra: inputs.extra[$0] != nil, planSignings: inputs.planSignings)
    }
  }

  /// Whether the customer at position `i` can be on the call list on `today`: a necessary
  /// condition of `callEntry(ofCustomerAt:)`, read from the customer's and its claims' fields
  /// without a balance, a status or an allocation. Something must be owed on a claim that is
  /// open and not time-barred, and there must be a reason: the customer's own (a hold ending,
  /// a promise broken since the last call, an objection to follow up, a reason from
  /// `extra`), or one of such a claim (a hold ending, a notice run out or a step taken since
  /// the last call). Customers it turns away are not on the list; the others are weighed by
  /// the full rule. (A reason added there needs its condition here: the twin test fails
  /// otherwise.)
  func mayBeOnCallList(
    customerAt i: Int, today: Day, graceDays: Int, hasExtra: Bool, planSignings: [Int32: [Day]]
  ) -> Bool {
    customers.values.withUnsafeBufferPointer { all in
      let c = all.baseAddress! + i
      let lastCall = c.pointee.lastCallOn
      /// Whether no call was logged on or after `day`.
      func notCalled(since day: Day) -> Bool { lastCall.map { $0 < day } ?? true }
      var reason = hasExtra || c.pointee.holdUntil == today
      // A breach settles the day after the promised day plus grace, once today is past that.
      for p in c.pointee.promises where !reason {
        let lastDay = p.due.adding(days: graceDays)
        reason = today > lastDay && notCalled(since: lastDay.adding(days: 1))
      }
      for d in c.pointee.disputes where !reason {
        if d.isOpen, d.openedOn < today, notCalled(since: d.openedOn.adding(days: 1)) {
          reason = true
        } else if let resumes = d.resumesOn, resumes <= today, notCalled(since: resumes) {
          reason = true
        }
      }
      let latestPromise = c.pointee.promises.reduce(Day(ordinal: .min)) {
        Swift.max($0, $1.madeOn)
      }
      return claims.values.withUnsafeBufferPointer { claims in
        let weekAgo = today.adding(days: -7)
        var live = false
        var p = Int(customerLastClaim[i])
        while p >= 0 {
          let claim = claims.baseAddress! + p
          let at = p
          p = Int(claimPrevious[p])
          guard claim.pointee.closed == nil else { continue }
          var claimReason = claim.pointee.holdUntil == today
          if !claimReason, let stepOn = claim.pointee.stepOn {
            let step = claim.pointee.step
            if step == .reminder || step == .inkassovarsel {
              let deadline = stepOn.adding(days: Ladder.noticeDays)
              claimReason = today > deadline && notCalled(since: deadline.adding(days: 1))
            }
            if !claimReason, step >= .inkassovarsel, stepOn <= today, stepOn >= weekAgo {
              claimReason = notCalled(since: stepOn)
            }
          }
          // Only whether it is time-barred is left to learn from this claim, and only if it
          // would make the claim the first live one or give the first reason.
          guard !live || (claimReason && !reason) else { continue }
          if !Limitation.cannotBeExpired(interestDue: claim.pointee.interestDue, today: today),
            isTimeBarred(
              claimAt: at, today: today, planSignings: planSignings, latestPromise: latestPromise)
          {
            continue
          }
          live = true
          reason = reason || claimReason
          if reason { return true }
        }
        return false
      }
    }
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
  ///
  /// `planSignings` (`signedPlanDays()`), when given, lets the time-bar test skip most of its
  /// reading for old claims (`isTimeBarred`'s bounds; the same answer either way).
  func callEntry(
    ofCustomerAt i: Int, today: Day, settings s: CallSettings, extra: [CallFactor],
    curve: InterestCurve, plansInForce: [Plan] = [], planSignings: [Int32: [Day]]? = nil
  ) -> CallEntry? {
    let c = customers.values[i]
    let latestPromise =
      planSignings == nil
      ? nil : c.promises.reduce(Day(ordinal: .min)) { Swift.max($0, $1.madeOn) }
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
        isTimeBarred(
          claimAt: p, today: today, planSignings: planSignings, latestPromise: latestPromise)
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

/// What the call list reads for every customer, worked out once: the interest curve, and the
/// plans' reasons and the plans in force keyed by customer position instead of id (so a
/// customer is not hashed by its id to find that it has none).
struct CallListInputs {
  let curve: InterestCurve
  let extra: [Int: [CallFactor]]
  let plansInForce: [Int: [Plan]]
  /// `Ledger.signedPlanDays()`, for the time-bar test.
  let planSignings: [Int32: [Day]]

  init(_ ledger: Ledger, today: Day, settings: CallSettings, extra: ExtraCallReasons?) {
    curve = InterestCurve(through: today)
    var byPosition: [Int: [CallFactor]] = [:]
    for (id, factors) in extra ?? ledger.planCallReasons(today: today) {
      if let i = ledger.customers.position(of: id) { byPosition[i] = factors }
    }
    self.extra = byPosition
    var inForce: [Int: [Plan]] = [:]
    for plan in ledger.plans where ledger.progress(of: plan, on: today).state.replacesPromises {
      if let i = ledger.customers.position(of: plan.customer) {
        inForce[i, default: []].append(plan)
      }
    }
    plansInForce = inForce
    planSignings = ledger.signedPlanDays()
  }
}
