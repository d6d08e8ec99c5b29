/// What is owed on a claim on a day, after payments were allocated.
public struct ClaimBalance: Hashable, Sendable {
  /// Principal after credits for accepted objections.
  public var principal: Money = .zero
  public var principalPaid: Money = .zero
  /// Late-payment interest accrued up to the day.
  public var interest: Money = .zero
  public var interestPaid: Money = .zero
  /// Fees added up to the day.
  public var fees: Money = .zero
  public var feesPaid: Money = .zero
  /// Paid beyond what was owed.
  public var overpaid: Money = .zero

  /// Everything paid up to the day.
  public var paid: Money { principalPaid + interestPaid + feesPaid + overpaid }

  /// What is still owed: principal, interest and fees less what was paid.
  public var outstanding: Money {
    (principal - principalPaid) + (interest - interestPaid) + (fees - feesPaid)
  }
}

extension Claim {
  /// The balance on `day`: payments up to that day are allocated to fees, then interest, then
  /// principal (domain-norway.md §6, Krav's default order), and interest runs on what is left.
  public func balance(asOf day: Day, table: RateTable = .norway) -> ClaimBalance {
    balance(asOf: day) {
      LateInterest.amount(principal: $0, due: $1, reductions: $2, asOf: $3, table: table)
    }
  }

  /// `balance(asOf:table:)` with interest from a curve built for many claims at once.
  public func balance(asOf day: Day, curve: InterestCurve) -> ClaimBalance {
    balance(asOf: day) { curve.amount(principal: $0, due: $1, reductions: $2, asOf: $3) }
  }

  /// Principal reductions (principal paid or credited) sorted by day, as `allocate` passes them
  /// to the interest function: a view of a buffer it fills in place.
  typealias Reductions = UnsafeBufferPointer<(day: Day, amount: Money)>

  /// Late interest on a principal from a due day, with principal reductions sorted by day.
  typealias InterestFunction = (Money, Day, Reductions, Day) -> Money

  @inline(__always)
  private func balance(asOf day: Day, interest: InterestFunction) -> ClaimBalance {
    guard !payments.isEmpty else {
      // Nothing paid: no allocation to do (the common case, and the hot one).
      var b = ClaimBalance()
      b.principal = principal - credits
      for f in fees where f.day <= day { b.fees += f.amount }
      b.interest = interest(b.principal, interestDue, Reductions(start: nil, count: 0), day)
      return b
    }
    return allocate(asOf: day, interest: interest) { b, _ in b }
  }

  /// The principal part of each payment up to `day`, for the interest breakdown.
  public func principalReductions(asOf day: Day, table: RateTable = .norway)
    -> [(day: Day, amount: Money)]
  {
    allocate(
      asOf: day,
      interest: {
        LateInterest.amount(principal: $0, due: $1, reductions: $2, asOf: $3, table: table)
      },
      { _, reductions in Array(reductions) })
  }

  /// Allocates the payments up to `day` in day order and hands `result` the balance and the
  /// reductions it built (sorted by day, as `interest` also gets them).
  ///
  /// The reductions live in a temporary buffer (on the stack for the usual few payments) and
  /// the payments are sorted only when they are out of day order: the queue does this for
  /// every claim with a payment, and an array or two per claim was most of its allocations.
  private func allocate<R>(
    asOf day: Day, interest: InterestFunction,
    _ result: (ClaimBalance, Reductions) -> R
  ) -> R {
    var inOrder = true
    if payments.count > 1 {
      for k in 1..<payments.count where payments[k].day < payments[k - 1].day {
        inOrder = false
        break
      }
    }
    let ordered = inOrder ? payments : payments.sorted { $0.day < $1.day }
    return withUnsafeTemporaryAllocation(
      of: (day: Day, amount: Money).self, capacity: ordered.count
    ) { buffer in
      var count = 0
      defer { buffer.baseAddress?.deinitialize(count: count) }
      func reductions() -> Reductions { Reductions(rebasing: buffer[0..<count]) }
      var b = ClaimBalance()
      b.principal = principal - credits
      let start = interestDue
      for p in ordered where p.day <= day {
        var left = p.amount
        let feesDue = fees.reduce(Money.zero) { $0 + ($1.day <= p.day ? $1.amount : .zero) }
        let toFees = min(left, feesDue - b.feesPaid)
        if toFees.isPositive {
          b.feesPaid += toFees
          left -= toFees
        }
        if left.isPositive {
          let accrued = interest(b.principal, start, reductions(), p.day)
          let toInterest = min(left, accrued - b.interestPaid)
          if toInterest.isPositive {
            b.interestPaid += toInterest
            left -= toInterest
          }
        }
        if left.isPositive {
          let toPrincipal = min(left, b.principal - b.principalPaid)
          if toPrincipal.isPositive {
            b.principalPaid += toPrincipal
            (buffer.baseAddress! + count).initialize(to: (p.day, toPrincipal))
            count += 1
            left -= toPrincipal
          }
        }
        if left.isPositive { b.overpaid += left }
      }
      b.fees = fees.reduce(.zero) { $0 + ($1.day <= day ? $1.amount : .zero) }
      b.interest = interest(b.principal, start, reductions(), day)
      return result(b, reductions())
    }
  }

  /// Whether the claim is past its due date on `day` and not closed.
  public func isOverdue(on day: Day) -> Bool { closed == nil && day > interestDue }
}
