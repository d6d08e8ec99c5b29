/// Outstanding on open claims by days past the moved due date (`Claim.interestDue`).
public struct AgeingReport: Hashable, Sendable {
  /// One bucket of days past due; `to` nil = no upper end; the not-due bucket is -∞…0.
  public struct Bucket: Hashable, Sendable {
    public var label: String
    /// Lowest days past due in the bucket (nil for "not due": zero or fewer days).
    public var fromDays: Int?
    public var toDays: Int?
    public var amount: Money = .zero
    public var claims: Int = 0

    public func contains(days: Int) -> Bool {
      (fromDays.map { days >= $0 } ?? true) && (toDays.map { days <= $0 } ?? true)
    }
  }

  /// The buckets, not due first.
  public static let bounds: [(label: String, from: Int?, to: Int?)] = [
    ("not due", nil, 0), ("1-30", 1, 30), ("31-60", 31, 60), ("61-90", 61, 90),
    ("91-180", 91, 180), ("181-365", 181, 365), ("over 365", 366, nil),
  ]

  public var today: Day
  public var buckets: [Bucket]
  /// The same buckets for consumers and for businesses.
  public var byKind: [CustomerKind: [Bucket]]
  /// The same buckets for each step an open claim stands at.
  public var byStep: [Step: [Bucket]]
  /// Positions of the claims in each bucket (drill-down), aligned with `buckets`.
  public var claimsInBucket: [[Int32]]

  /// Σ of the buckets: equals the customers list's total outstanding.
  public var total: Money { buckets.reduce(.zero) { $0 + $1.amount } }

  static func emptyBuckets() -> [Bucket] {
    bounds.map { Bucket(label: $0.label, fromDays: $0.from, toDays: $0.to) }
  }

  /// The bucket index for `days` past due.
  public static func bucket(days: Int) -> Int {
    if days <= 0 { return 0 }
    if days <= 30 { return 1 }
    if days <= 60 { return 2 }
    if days <= 90 { return 3 }
    if days <= 180 { return 4 }
    if days <= 365 { return 5 }
    return 6
  }
}

extension Ledger {
  /// Ageing on `today`: every claim the customers list counts (not closed, status open) with
  /// its outstanding on `today`, in the bucket of `today − interestDue` days.
  public func ageingReport(today: Day) -> AgeingReport {
    let curve = InterestCurve(table: rateTable, through: today)
    let facts = ownerFacts(today: today)
    var report = AgeingReport(
      today: today, buckets: AgeingReport.emptyBuckets(), byKind: [:], byStep: [:],
      claimsInBucket: Array(repeating: [], count: AgeingReport.bounds.count))
    var kinds = Array(repeating: AgeingReport.emptyBuckets(), count: 2)
    var steps = Array(repeating: AgeingReport.emptyBuckets(), count: Step.allCases.count)
    claims.values.withUnsafeBufferPointer { all in
      for i in all.indices where all[i].closed == nil {
        let owner = Int(claimOwner[i])
        let b = all[i].balance(asOf: today, curve: curve)
        let st = status(of: all[i], at: i, facts: facts[owner], balance: b, today: today)
        guard st.isOpen else { continue }
        let k = AgeingReport.bucket(days: all[i].interestDue.days(to: today))
        let amount = b.outstanding
        report.buckets[k].amount += amount
        report.buckets[k].claims += 1
        report.claimsInBucket[k].append(Int32(i))
        let kind = customers.values[owner].kind == .business ? 1 : 0
        kinds[kind][k].amount += amount
        kinds[kind][k].claims += 1
        steps[all[i].step.rank][k].amount += amount
        steps[all[i].step.rank][k].claims += 1
      }
    }
    report.byKind = [.consumer: kinds[0], .business: kinds[1]]
    for s in Step.allCases where steps[s.rank].contains(where: { $0.claims > 0 }) {
      report.byStep[s] = steps[s.rank]
    }
    return report
  }
}
