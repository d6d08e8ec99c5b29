/// What came before a payment (the first that applies, in this order).
public enum PaymentSource: String, Sendable, CaseIterable, Hashable {
  /// The claim was in an instalment plan signed on or before the payment day and not
  /// accelerated before it.
  case plan
  /// The debtor was reached by phone in the 14 days up to and including the payment day.
  case call
  /// The claim stood at a court step or later notice (betalingsoppfordring, § 4-18, § 5-2,
  /// utlegg, forliksklage, agency).
  case laterStep = "later-step"
  /// The claim stood at the inkassovarsel.
  case inkassovarsel
  /// The claim stood at the reminder.
  case reminder
  /// No formal step had been taken (the invoice alone).
  case invoice
}

/// Money collected in each period, split by what it paid and by what preceded it.
public struct CollectedReport: Hashable, Sendable {
  public struct Row: Hashable, Sendable {
    public var period: ReportPeriod
    public var principal = Money.zero
    public var interest = Money.zero
    public var fees = Money.zero
    public var compensation = Money.zero
    /// Paid beyond what was owed (kept on the claim as a credit).
    public var overpaid = Money.zero
    /// The same money by what preceded it, in `PaymentSource.allCases` order.
    public var bySource: [Money] = Array(repeating: .zero, count: PaymentSource.allCases.count)
    /// Payments (parts placed on claims) in the period.
    public var payments = 0

    public init(period: ReportPeriod) { self.period = period }

    public var total: Money { principal + interest + fees + compensation + overpaid }

    public func amount(from source: PaymentSource) -> Money {
      bySource[PaymentSource.allCases.firstIndex(of: source)!]
    }
  }

  public var periods: ReportPeriods
  public var rows: [Row]
  /// Positions of the claims paid in each period (drill-down), aligned with `rows`.
  public var claimsInPeriod: [[Int32]]

  public var total: Money { rows.reduce(.zero) { $0 + $1.total } }
}

/// The grace a call is given: a payment up to this many days after reaching the debtor counts
/// as coming after the call.
public let callInfluenceDays = 14

extension Ledger {
  /// Money placed on claims with a value date in `periods` (payments that matched no claim are
  /// not collected on any claim and are left out; reversed payments are gone from the claims).
  /// Each payment is split as the allocation split it (fees → interest → principal, the B2B
  /// compensation first within the fees) with the claim's payments up to `periods.to`.
  public func collectedReport(periods: ReportPeriods, facts: ReportFacts) -> CollectedReport {
    let curve = InterestCurve(table: rateTable, through: Swift.max(periods.to, periods.from))
    var rows = periods.periods.map { CollectedReport.Row(period: $0) }
    var drill = [[Int32]](repeating: [], count: rows.count)
    let inPlan = planWindows()
    let sources = PaymentSource.allCases
    claims.values.withUnsafeBufferPointer { all in
      for c in all.indices where !all[c].payments.isEmpty {
        guard all[c].payments.contains(where: { periods.index(of: $0.day) != nil }) else {
          continue
        }
        let owner = Int(claimOwner[c])
        let cap = Fees.b2bCompensation(
          kind: customers.values[owner].kind, due: all[c].due, table: rateTable)
        var lastPeriod = -1
        for part in all[c].paymentParts(through: periods.to, curve: curve, compensationCap: cap) {
          guard let k = periods.index(of: part.day) else { continue }
          rows[k].principal += part.principal
          rows[k].interest += part.interest
          rows[k].fees += part.fees
          rows[k].compensation += part.compensation
          rows[k].overpaid += part.overpaid
          rows[k].payments += 1
          let source = paymentSource(
            claim: c, owner: owner, day: part.day, facts: facts, plans: inPlan[Int32(c)] ?? [])
          rows[k].bySource[sources.firstIndex(of: source)!] += part.amount
          if k != lastPeriod {
            drill[k].append(Int32(c))
            lastPeriod = k
          }
        }
      }
    }
    return CollectedReport(periods: periods, rows: rows, claimsInPeriod: drill)
  }

  /// What preceded a payment on claim `c` on `day` (`PaymentSource`).
  func paymentSource(
    claim c: Int, owner: Int, day: Day, facts: ReportFacts, plans: [(Day, Day?)]
  ) -> PaymentSource {
    if plans.contains(where: { $0.0 <= day && ($0.1.map { day < $0 } ?? true) }) { return .plan }
    if facts.reached(customer: owner, within: callInfluenceDays, before: day) { return .call }
    switch facts.step(ofClaim: c, on: day) {
    case .invoice: return .invoice
    case .reminder: return .reminder
    case .inkassovarsel: return .inkassovarsel
    default: return .laterStep
    }
  }

  /// For each claim in a signed plan: the day the plan was signed and the day it was
  /// accelerated (nil: not accelerated).
  func planWindows() -> [Int32: [(Day, Day?)]] {
    var windows: [Int32: [(Day, Day?)]] = [:]
    for p in plans {
      guard let signed = p.signedOn else { continue }
      for inv in p.invoices {
        if let c = claims.position(of: inv) {
          windows[Int32(c), default: []].append((signed, p.acceleratedOn))
        }
      }
    }
    return windows
  }
}
