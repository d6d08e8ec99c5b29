/// One open claim's place in the formal ladder on a day (the `krav queue` row).
public struct QueueRow: Hashable, Sendable {
  public var customer: String
  public var invoice: String
  public var step: Step
  public var status: ClaimStatus
  public var outstanding: Money
  /// The next step, or nil when the ladder is exhausted.
  public var next: NextStep?

  /// Whether the next step may be taken on `today`.
  public func isEligible(on today: Day) -> Bool { next?.isEligible(on: today) ?? false }
}

extension Ledger {
  /// Every open claim with its next step, eligible ones first, then by the day they become due.
  public func queue(today: Day, ladder: Ladder = .standard) -> [QueueRow] {
    var rows: [QueueRow] = []
    rows.reserveCapacity(claims.count)
    for (i, claim) in claims.values.enumerated() where claim.closed == nil {
      let owner = customers.values[Int(claimOwner[i])]
      let b = claim.balance(asOf: today)
      let st = status(of: claim, owner: owner, balance: b, today: today)
      guard st.isOpen else { continue }
      let hold = later(claim.holdUntil, owner.holdUntil)
      let next = ladder.next(for: claim, disputed: st == .disputed, onHoldUntil: hold)
      rows.append(
        QueueRow(
          customer: claim.customer, invoice: claim.invoice, step: claim.step, status: st,
          outstanding: b.outstanding, next: next))
    }
    let far = Day(ordinal: Int32.max)
    return rows.sorted { a, b in
      let ea = a.isEligible(on: today)
      let eb = b.isEligible(on: today)
      if ea != eb { return ea }
      let da = a.next?.from ?? far
      let db = b.next?.from ?? far
      if da != db { return da < db }
      return (a.customer, a.invoice) < (b.customer, b.invoice)
    }
  }
}
