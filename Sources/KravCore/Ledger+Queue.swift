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
    var keys: [(key: Int64, row: Int32)] = []
    rows.reserveCapacity(claims.count)
    keys.reserveCapacity(claims.count)
    claims.values.withUnsafeBufferPointer { all in
      customers.values.withUnsafeBufferPointer { owners in
        for i in all.indices where all[i].closed == nil {
          let owner = Int(claimOwner[i])
          let ownerHold = owners[owner].holdUntil
          let b = all[i].balance(asOf: today)
          let st = status(
            of: all[i], ownerDisputes: owners[owner].disputes, ownerHold: ownerHold, balance: b,
            today: today)
          guard st.isOpen else { continue }
          let next = ladder.next(
            for: all[i], disputed: st == .disputed,
            onHoldUntil: later(all[i].holdUntil, ownerHold))
          // Eligible first, then by the day the next step is allowed, then in claim order.
          let eligible: Int64 = next?.isEligible(on: today) == true ? 0 : 1
          let from = Int64(next?.from.ordinal ?? Int32.max) + (1 << 31)
          keys.append((eligible << 40 | from, Int32(rows.count)))
          rows.append(
            QueueRow(
              customer: all[i].customer, invoice: all[i].invoice, step: all[i].step, status: st,
              outstanding: b.outstanding, next: next))
        }
      }
    }
    keys.sort { $0.key != $1.key ? $0.key < $1.key : $0.row < $1.row }
    return keys.map { rows[Int($0.row)] }
  }
}
