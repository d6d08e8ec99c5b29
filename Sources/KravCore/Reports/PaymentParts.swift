/// One payment on a claim as the allocation split it (domain-norway.md §6: costs, then
/// interest, then principal), for the collected report.
public struct PaymentPart: Hashable, Sendable {
  /// The payment's value date.
  public var day: Day
  /// Position of the payment in `Claim.payments`.
  public var index: Int
  public var amount: Money
  /// The part that paid fees other than the B2B compensation.
  public var fees: Money = .zero
  /// The part that paid the B2B standard compensation (frl. § 3a).
  public var compensation: Money = .zero
  public var interest: Money = .zero
  public var principal: Money = .zero
  /// Paid beyond what was owed (a credit balance).
  public var overpaid: Money = .zero
}

extension Claim {
  /// Each payment up to `day`, split as `balance(asOf:)` allocates it: the same loop, kept
  /// apart so the hot balance path carries no per-payment bookkeeping (a test checks that the
  /// parts add up to the balance's paid amounts on every claim of the demo store).
  ///
  /// `compensationCap` is the B2B compensation the claim carries (nil or zero for a consumer):
  /// the compensation is charged with the first fee and counts first in the fees, so the first
  /// `min(cap, fees charged)` of the money put on fees paid it.
  public func paymentParts(
    through day: Day, curve: InterestCurve, compensationCap: Money? = nil
  ) -> [PaymentPart] {
    let order = payments.indices.sorted { (payments[$0].day, $0) < (payments[$1].day, $1) }
    var parts: [PaymentPart] = []
    var reductions: [(day: Day, amount: Money)] = []
    var principalPaid = Money.zero
    var interestPaid = Money.zero
    var feesPaid = Money.zero
    let base = principal - credits
    let charged = fees.reduce(Money.zero) { $0 + ($1.day <= day ? $1.amount : .zero) }
    let cap = min(compensationCap ?? .zero, charged)
    for k in order where payments[k].day <= day {
      let p = payments[k]
      var part = PaymentPart(day: p.day, index: k, amount: p.amount)
      var left = p.amount
      let feesDue = fees.reduce(Money.zero) { $0 + ($1.day <= p.day ? $1.amount : .zero) }
      let toFees = min(left, feesDue - feesPaid)
      if toFees.isPositive {
        let compensationBefore = min(feesPaid, cap)
        feesPaid += toFees
        part.compensation = min(feesPaid, cap) - compensationBefore
        part.fees = toFees - part.compensation
        left -= toFees
      }
      if left.isPositive {
        let accrued = reductions.withUnsafeBufferPointer {
          curve.amount(principal: base, due: interestDue, reductions: $0, asOf: p.day)
        }
        let toInterest = min(left, accrued - interestPaid)
        if toInterest.isPositive {
          interestPaid += toInterest
          part.interest = toInterest
          left -= toInterest
        }
      }
      if left.isPositive {
        let toPrincipal = min(left, base - principalPaid)
        if toPrincipal.isPositive {
          principalPaid += toPrincipal
          reductions.append((p.day, toPrincipal))
          part.principal = toPrincipal
          left -= toPrincipal
        }
      }
      if left.isPositive { part.overpaid = left }
      parts.append(part)
    }
    return parts
  }
}
