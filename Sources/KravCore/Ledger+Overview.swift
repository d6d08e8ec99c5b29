/// Where a claim stands on a day, as the collector sees it.
public enum ClaimStatus: String, Sendable, Hashable, CaseIterable {
  case notDue = "not-due"
  case overdue
  case disputed
  case onHold = "on-hold"
  case paid
  /// Nothing left to pay because credit notes (accepted objections) took it to zero.
  case credited
  /// Written off by the collector (`krav claim write-off`): history kept, no longer pursued.
  case writtenOff = "written-off"
  case closed

  /// Whether the claim is still being collected.
  public var isOpen: Bool {
    self != .paid && self != .closed && self != .credited && self != .writtenOff
  }
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
  /// Whether any open claim is disputed as a whole (its ladder stopped) or on hold.
  public var isDisputed: Bool
  public var isOnHold: Bool
  /// What standing partial objections withhold (a defect's value), summed over the open
  /// claims; the rest of those claims is still collected. Zero when there are none.
  public var partlyDisputed: Money = .zero
  /// The customer's position in `Ledger.customers.values` (what `SearchIndex` is keyed by).
  public internal(set) var position: Int32 = -1
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
  @inline(__always)
  func status(
    of claim: borrowing Claim, ownerDisputes: [Dispute], ownerHold: Day?, balance: ClaimBalance,
    today: Day
  ) -> ClaimStatus {
    if claim.closed == .paid
      || (claim.closed == nil && !balance.outstanding.isPositive && balance.paid.isPositive)
    {
      return .paid
    }
    // Credited to nothing (an accepted objection's credit note covered it all): closed too,
    // off the queue and the call list, but named for what happened.
    if claim.closed == nil && !balance.outstanding.isPositive && claim.credits.isPositive {
      return .credited
    }
    if claim.closed == .writtenOff { return .writtenOff }
    if claim.closed != nil { return .closed }
    // A whole-claim objection stops the ladder; a partial one (a defect's value) withholds only
    // the disputed part and the undisputed remainder goes on (see DisputeFacts.swift).
    if let d = ownerDisputes.first(where: { $0.invoice == claim.invoice && $0.stands(on: today) }),
      !d.isPartial(of: balance)
    {
      return .disputed
    }
    if let hold = later(claim.holdUntil, ownerHold), hold >= today { return .onHold }
    return claim.isOverdue(on: today) ? .overdue : .notDue
  }

  /// The objection that stands against a claim on `today`, if any.
  public func openDispute(on claim: Claim, today: Day) -> Dispute? {
    guard let i = customers.position(of: claim.customer) else { return nil }
    return customers.values[i].disputes.first {
      $0.invoice == claim.invoice && $0.stands(on: today)
    }
  }

  /// The later of two optional days.
  func later(_ a: Day?, _ b: Day?) -> Day? {
    guard let a else { return b }
    guard let b else { return a }
    return Swift.max(a, b)
  }

  /// A customer's claims with balances and status on `today`, oldest due date first.
  public func claimSummaries(customer id: String, today: Day) -> [ClaimSummary] {
    claimSummaries(
      customer: id, today: today, curve: InterestCurve(table: rateTable, through: today))
  }

  /// `claimSummaries(customer:today:)` with interest from `curve` (built for `today` from this
  /// ledger's rate table), for callers that go through many customers.
  public func claimSummaries(customer id: String, today: Day, curve: InterestCurve)
    -> [ClaimSummary]
  {
    guard let owner = customers.position(of: id) else { return [] }
    let c = customers.values[owner]
    return claimPositions(ofCustomerAt: owner).map { claims.values[$0] }
      .sorted { ($0.due, $0.invoice) < ($1.due, $1.invoice) }
      .map { claim in
        let b = claim.balance(asOf: today, curve: curve)
        let d = c.disputes.first { $0.invoice == claim.invoice && $0.stands(on: today) }
        return ClaimSummary(
          claim: claim, balance: b, status: status(of: claim, owner: c, balance: b, today: today),
          disputed: d.map { $0.amount ?? b.outstanding })
      }
  }

  /// A customer's totals on `today`; nil when the customer has no open claims.
  public func summary(customer id: String, today: Day) -> CustomerSummary? {
    customers.position(of: id).flatMap {
      summary(
        ofCustomerAt: $0, today: today, curve: InterestCurve(table: rateTable, through: today))
    }
  }

  /// The totals of the customer at position `i`, with interest from `curve`.
  func summary(ofCustomerAt i: Int, today: Day, curve: InterestCurve) -> CustomerSummary? {
    let c = customers.values[i]
    var totals = Totals()
    for p in claimPositions(ofCustomerAt: i) {
      let claim = claims.values[p]
      guard claim.closed == nil else { continue }
      let b = claim.balance(asOf: today, curve: curve)
      let st = status(of: claim, owner: c, balance: b, today: today)
      guard st.isOpen else { continue }
      totals.add(
        claim, outstanding: b.outstanding, status: st,
        partlyDisputed: st == .disputed
          ? .zero
          : c.disputes.first { $0.invoice == claim.invoice && $0.stands(on: today) }
            .map { $0.split(of: b).disputed } ?? .zero)
    }
    return totals.openClaims > 0 ? totals.summary(of: c, at: i) : nil
  }

  /// Customers with open claims (or only overdue ones), largest overdue amount first.
  ///
  /// Claims are visited once in claim order and their amounts added to their owner's line,
  /// rather than customer by customer (which reads the claims in no particular order).
  public func customerSummaries(today: Day, overdueOnly: Bool) -> [CustomerSummary] {
    let curve = InterestCurve(table: rateTable, through: today)
    let facts = ownerFacts(today: today)
    var lines = [Totals](repeating: Totals(), count: customers.count)
    claims.values.withUnsafeBufferPointer { all in
      for i in all.indices where all[i].closed == nil {
        let claim = all[i]
        let owner = Int(claimOwner[i])
        let b = claim.balance(asOf: today, curve: curve)
        let st = status(of: claim, at: i, facts: facts[owner], balance: b, today: today)
        guard st.isOpen else { continue }
        lines[owner].add(
          claim, outstanding: b.outstanding, status: st,
          partlyDisputed: !facts[owner].disputes || st == .disputed
            ? .zero
            : customers.values[owner].disputes.first {
              $0.invoice == claim.invoice && $0.stands(on: today)
            }.map { $0.split(of: b).disputed } ?? .zero)
      }
    }
    var result: [CustomerSummary] = []
    customers.values.withUnsafeBufferPointer { all in
      for i in all.indices where lines[i].openClaims > 0 {
        guard !overdueOnly || lines[i].overdue.isPositive else { continue }
        result.append(lines[i].summary(of: all[i], at: i))
      }
    }
    return result.sorted(by: CustomerSummary.listOrder)
  }
}

/// A customer's running totals over its open claims (the numbers of a `CustomerSummary`).
struct Totals {
  var overdue = Money.zero
  var outstanding = Money.zero
  var oldestDue: Day?
  var step = Step.invoice
  var openClaims = 0
  var isDisputed = false
  var isOnHold = false
  var partlyDisputed = Money.zero

  /// Adds an open claim with its amount and status on the day, and what a partial objection
  /// on it withholds.
  mutating func add(
    _ claim: Claim, outstanding amount: Money, status: ClaimStatus,
    partlyDisputed part: Money = .zero
  ) {
    openClaims += 1
    outstanding += amount
    if status != .notDue { overdue += amount }
    oldestDue = min(oldestDue ?? claim.due, claim.due)
    step = max(step, claim.step)
    isDisputed = isDisputed || status == .disputed
    partlyDisputed += part
    isOnHold = isOnHold || status == .onHold
  }

  /// The summary line of `c` with these totals.
  func summary(of c: Customer, at position: Int) -> CustomerSummary {
    CustomerSummary(
      id: c.id, name: c.name, kind: c.kind, overdue: overdue, outstanding: outstanding,
      oldestDue: oldestDue, step: step, openClaims: openClaims, isDisputed: isDisputed,
      isOnHold: isOnHold, partlyDisputed: partlyDisputed, position: Int32(position))
  }
}
