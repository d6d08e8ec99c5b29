/// One open claim's place in the formal ladder on a day (the `krav queue` row).
///
/// 24 bytes: the claim by position (its ids are read from the ledger when shown, see
/// `Ledger.customer(of:)` and `Ledger.invoice(of:)`) and the next step in flat fields. With two
/// strings and a `NextStep?` a row took 72 bytes, and the queue's ~200 000 rows were what pushed
/// a full load's peak memory over its budget.
public struct QueueRow: Hashable, Sendable {
  /// Why a next step cannot be taken (`NextStep.blockedBy`) in one byte.
  enum Block: UInt8, Sendable { case none, disputed, onHold, inPlan }

  /// The claim's position in `Ledger.claims.values`.
  public var claim: Int32
  /// The first day of the next step (meaningless when `nextStep` is nil).
  var nextFrom: Day
  public var outstanding: Money
  public var step: Step
  public var status: ClaimStatus
  /// The next step's step, or nil when the ladder is exhausted.
  var nextStep: Step?
  var block: Block

  /// A row for the claim at position `claim`.
  public init(
    claim: Int32, step: Step, status: ClaimStatus, outstanding: Money, next: NextStep?
  ) {
    self.claim = claim
    self.step = step
    self.status = status
    self.outstanding = outstanding
    nextStep = next?.step
    nextFrom = next?.from ?? Day(ordinal: 0)
    switch next?.blockedBy {
    case nil: block = .none
    case "disputed": block = .disputed
    case "on-hold": block = .onHold
    case PlanBlock.reason: block = .inPlan
    // `Ladder.next` gives only the two reasons above; anything else would lose its text.
    default: preconditionFailure("unknown reason a step is blocked")
    }
  }

  /// The next step, or nil when the ladder is exhausted.
  public var next: NextStep? {
    guard let step = nextStep else { return nil }
    let reason: String? =
      switch block {
      case .none: nil
      case .disputed: "disputed"
      case .onHold: "on-hold"
      case .inPlan: PlanBlock.reason
      }
    return NextStep(step: step, from: nextFrom, blockedBy: reason)
  }

  /// Whether the next step may be taken on `today`.
  public func isEligible(on today: Day) -> Bool {
    nextStep != nil && block == .none && today >= nextFrom
  }
}

extension Ledger {
  /// The id of the customer who owes a queue row's claim.
  public func customer(of row: QueueRow) -> String { claims.values[Int(row.claim)].customer }

  /// The invoice number of a queue row's claim.
  public func invoice(of row: QueueRow) -> String { claims.values[Int(row.claim)].invoice }
}

/// What a claim's status needs from its owner, in 8 bytes instead of a whole `Customer`.
///
/// The queue and the customers list visit claims in claim order, so their owners come in no
/// particular order; reading a 170-byte customer per claim was a cache miss per claim (most of
/// the queue's time). One sequential pass over the customers fills these instead.
struct OwnerFacts {
  /// A hold on all the owner's claims.
  var hold: Day?
  /// Whether the owner has an objection that still stands (on some claim).
  var disputes: Bool
}

extension Ledger {
  /// The `OwnerFacts` of every customer, by position.
  func ownerFacts() -> [OwnerFacts] {
    customers.values.withUnsafeBufferPointer { all in
      [OwnerFacts](unsafeUninitializedCapacity: all.count) { buffer, n in
        for i in all.indices {
          buffer.initializeElement(
            at: i,
            to: OwnerFacts(
              hold: all[i].holdUntil, disputes: all[i].disputes.contains { $0.isOpen }))
        }
        n = all.count
      }
    }
  }

  /// The status of `claim`, at position `i`, given its owner's facts (hot path: the claim is
  /// borrowed from the caller's buffer, not copied, and the owner is read only when disputed).
  @inline(__always)
  func status(
    of claim: borrowing Claim, at i: Int, facts: OwnerFacts, balance: ClaimBalance, today: Day
  ) -> ClaimStatus {
    status(
      of: claim,
      ownerDisputes: facts.disputes ? customers.values[Int(claimOwner[i])].disputes : [],
      ownerHold: facts.hold, balance: balance, today: today)
  }

  /// Every open claim with its next step, eligible ones first, then by the day they become due.
  public func queue(today: Day, ladder: Ladder = .standard) -> [QueueRow] {
    var rows: [QueueRow] = []
    // One UInt64 per row: eligible (1 bit), then the next step's day (32 bits), then the row
    // (31 bits), so one integer sort gives the order and half the memory of (key, row) pairs.
    var keys: [UInt64] = []
    let rowMask: UInt64 = (1 << 31) - 1
    precondition(claims.count < Int(rowMask), "row numbers fit in 31 bits")
    rows.reserveCapacity(claims.count)
    keys.reserveCapacity(claims.count)
    let curve = InterestCurve(through: today)
    let facts = ownerFacts()
    let inPlans = claimsPausedByPlans(on: today)
    claims.values.withUnsafeBufferPointer { all in
      for i in all.indices where all[i].closed == nil {
        // One copy of the claim for all that follows (each `all[i]` passed on was a copy).
        let claim = all[i]
        let owner = facts[Int(claimOwner[i])]
        let b = claim.balance(asOf: today, curve: curve)
        let st = status(of: claim, at: i, facts: owner, balance: b, today: today)
        guard st.isOpen else { continue }
        var next = ladder.next(
          for: claim, disputed: st == .disputed, onHoldUntil: later(claim.holdUntil, owner.hold))
        if !inPlans.isEmpty, inPlans.contains(Int32(i)) { next = PlanBlock.apply(to: next) }
        // Eligible first, then by the day the next step is allowed, then in claim order.
        let eligible: UInt64 = next?.isEligible(on: today) == true ? 0 : 1
        let from = UInt64(Int64(next?.from.ordinal ?? Int32.max) + (1 << 31))
        keys.append(eligible << 63 | from << 31 | UInt64(rows.count))
        rows.append(
          QueueRow(
            claim: Int32(i), step: claim.step, status: st, outstanding: b.outstanding,
            next: next))
      }
    }
    keys.sort()
    // Put the rows in that order in place, cycle by cycle, rather than into a second array:
    // with a few hundred thousand rows the copy would be the largest thing in memory.
    // A visited key becomes .max, which no row's key is (rows are below `rowMask`).
    for start in keys.indices where keys[start] != .max {
      var at = start
      while true {
        let from = Int(keys[at] & rowMask)
        keys[at] = .max
        if from == start { break }
        rows.swapAt(at, from)
        at = from
      }
    }
    return rows
  }
}
