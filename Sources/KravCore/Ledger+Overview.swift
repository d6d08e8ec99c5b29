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
    if claim.closed == .paid || (claim.closed == nil && !balance.outstanding.isPositive
      && balance.paid.isPositive)
    {
      return .paid
    }
    if claim.closed != nil { return .closed }
    if openDispute(on: claim) != nil { return .disputed }
    let hold = [claim.holdUntil, customers[claim.customer]?.holdUntil].compactMap { $0 }.max()
    if let hold, hold >= today { return .onHold }
    return claim.isOverdue(on: today) ? .overdue : .notDue
  }

  /// The objection that stands against a claim, if any.
  public func openDispute(on claim: Claim) -> Dispute? {
    customers[claim.customer]?.disputes.first { $0.invoice == claim.invoice && $0.isOpen }
  }

  /// A customer's claims with balances and status on `today`, oldest due date first.
  public func claimSummaries(customer id: String, today: Day) -> [ClaimSummary] {
    guard let c = customers[id] else { return [] }
    return c.invoices.compactMap { claims[$0] }.sorted { ($0.due, $0.invoice) < ($1.due, $1.invoice) }
      .map { claim in
        let b = claim.balance(asOf: today)
        let d = openDispute(on: claim)
        return ClaimSummary(
          claim: claim, balance: b, status: status(of: claim, balance: b, today: today),
          disputed: d.map { $0.amount ?? b.outstanding })
      }
  }

  /// A customer's totals on `today`; nil when the customer has no open claims.
  public func summary(customer id: String, today: Day) -> CustomerSummary? {
    customers[id].flatMap { summary(of: $0, today: today) }
  }

  /// A customer's totals on `today`; nil when the customer has no open claims.
  func summary(of c: Customer, today: Day) -> CustomerSummary? {
    let id = c.id
    var s = CustomerSummary(
      id: id, name: c.name, kind: c.kind, overdue: .zero, outstanding: .zero, oldestDue: nil,
      step: .invoice, openClaims: 0, isDisputed: false, isOnHold: false)
    for inv in c.invoices {
      guard let claim = claims[inv], claim.closed == nil else { continue }
      let b = claim.balance(asOf: today)
      let st = status(of: claim, balance: b, today: today)
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
    customers.values.compactMap { summary(of: $0, today: today) }
      .filter { !overdueOnly || $0.overdue.isPositive }
      .sorted { a, b in
        if a.overdue != b.overdue { return a.overdue > b.overdue }
        if a.outstanding != b.outstanding { return a.outstanding > b.outstanding }
        return a.id < b.id
      }
  }
}
