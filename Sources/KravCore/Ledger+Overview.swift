/// Where a claim stands on a day, as the collector sees it.
public enum ClaimStatus: String, Sendable, Hashable, CaseIterable {
  case notDue = "not-due"
  case overdue
  case disputed
  case onHold = "on-hold"
  case paid
  case closed

  /// Whether the claim is still being collected.
  public var isOpen: Bool { self != .paid && self != .closed }
}

/// One customer's line in the customers list.
public struct CustomerSummary: Hashable, Sendable {
  public var id: String
  public var name: String
  public var kind: CustomerKind
  /// Outstanding on claims past their due date.
  public var overdue: Money
  /// Outstanding on all open claims.
  public var outstanding: Money
  /// The earliest due date among open claims.
  public var oldestDue: Day?
  /// The furthest formal step reached among open claims.
  public var step: Step
  /// Open claims.
  public var openClaims: Int
  /// Whether any open claim is disputed or on hold.
  public var isDisputed: Bool
  public var isOnHold: Bool
}

/// One claim's line in the case view and in `krav show`.
public struct ClaimSummary: Hashable, Sendable {
  public var claim: Claim
  public var balance: ClaimBalance
  public var status: ClaimStatus
  /// The disputed part of the claim, or all of it, while an objection stands.
  public var disputed: Money?
}

extension Ledger {
  /// The status of a claim on `today`.
  public func status(of claim: Claim, balance: ClaimBalance, today: Day) -> ClaimStatus {
    guard let owner = customers.position(of: claim.customer) else {
      return status(of: claim, owner: nil, balance: balance, today: today)
    }
    return status(of: claim, owner: customers.values[owner], balance: balance, today: today)
  }

  /// The status of a claim whose owner the caller already holds (no lookup, no copy).
  func status(of claim: Claim, owner: Customer?, balance: ClaimBalance, today: Day)
    -> ClaimStatus
  {
    status(
      of: claim, ownerDisputes: owner?.disputes ?? [], ownerHold: owner?.holdUntil,
      balance: balance, today: today)
  }

  /// The status of a claim given the two things of its owner that matter: open objections and
  /// a hold on all the owner's claims. (Hot path: the queue passes these without copying the
  /// whole customer.)
  func status(
    of claim: Claim, ownerDisputes: [Dispute], ownerHold: Day?, balance: ClaimBalance, today: Day
  ) -> ClaimStatus {
    if claim.closed == .paid
      || (claim.closed == nil && !balance.outstanding.isPositive && balance.paid.isPositive)
    {
      return .paid
    }
    if claim.closed != nil { return .closed }
    if ownerDisputes.contains(where: { $0.invoice == claim.invoice && $0.isOpen }) {
      return .disputed
    }
    if let hold = later(claim.holdUntil, ownerHold), hold >= today { return .onHold }
    return claim.isOverdue(on: today) ? .overdue : .notDue
  }

  /// The objection that stands against a claim, if any.
  public func openDispute(on claim: Claim) -> Dispute? {
    guard let i = customers.position(of: claim.customer) else { return nil }
    return customers.values[i].disputes.first { $0.invoice == claim.invoice && $0.isOpen }
  }

  /// The later of two optional days.
  func later(_ a: Day?, _ b: Day?) -> Day? {
    guard let a else { return b }
    guard let b else { return a }
    return Swift.max(a, b)
  }

  /// A customer's claims with balances and status on `today`, oldest due date first.
  public func claimSummaries(customer id: String, today: Day) -> [ClaimSummary] {
    guard let owner = customers.position(of: id) else { return [] }
    let c = customers.values[owner]
    return customerClaims[owner].map { claims.values[Int($0)] }
      .sorted { ($0.due, $0.invoice) < ($1.due, $1.invoice) }
      .map { claim in
        let b = claim.balance(asOf: today)
        let d = c.disputes.first { $0.invoice == claim.invoice && $0.isOpen }
        return ClaimSummary(
          claim: claim, balance: b, status: status(of: claim, owner: c, balance: b, today: today),
          disputed: d.map { $0.amount ?? b.outstanding })
      }
  }

  /// A customer's totals on `today`; nil when the customer has no open claims.
  public func summary(customer id: String, today: Day) -> CustomerSummary? {
    customers.position(of: id).flatMap { summary(ofCustomerAt: $0, today: today) }
  }

  /// The totals of the customer at position `i`.
  func summary(ofCustomerAt i: Int, today: Day) -> CustomerSummary? {
    let c = customers.values[i]
    var s = CustomerSummary(
      id: c.id, name: c.name, kind: c.kind, overdue: .zero, outstanding: .zero, oldestDue: nil,
      step: .invoice, openClaims: 0, isDisputed: false, isOnHold: false)
    for p in customerClaims[i] {
      let claim = claims.values[Int(p)]
      guard claim.closed == nil else { continue }
      let b = claim.balance(asOf: today)
      let st = status(of: claim, owner: c, balance: b, today: today)
      guard st.isOpen else { continue }
      s.openClaims += 1
      s.outstanding += b.outstanding
      if st != .notDue { s.overdue += b.outstanding }
      s.oldestDue = min(s.oldestDue ?? claim.due, claim.due)
      s.step = max(s.step, claim.step)
      s.isDisputed = s.isDisputed || st == .disputed
      s.isOnHold = s.isOnHold || st == .onHold
    }
    return s.openClaims > 0 ? s : nil
  }

  /// Customers with open claims (or only overdue ones), largest overdue amount first.
  public func customerSummaries(today: Day, overdueOnly: Bool) -> [CustomerSummary] {
    customers.values.indices.compactMap { summary(ofCustomerAt: $0, today: today) }
      .filter { !overdueOnly || $0.overdue.isPositive }
      .sorted { a, b in
        if a.overdue != b.overdue { return a.overdue > b.overdue }
        if a.outstanding != b.outstanding { return a.outstanding > b.outstanding }
        return a.id < b.id
      }
  }
}
