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
  /// its outstanding on `today`, in the bucket of `today − interestDue` days. Large ledgers
  /// are done in two halves on two threads (`parallelFrom` claims; tests pass 0 and Int.max
  /// and compare).
  public func ageingReport(today: Day, parallelFrom: Int = 8192) -> AgeingReport {
    let curve = InterestCurve(table: rateTable, through: today)
    let facts = ownerFacts(today: today)
    let n = claims.count
    let part: AgeingPart
    if n >= parallelFrom {
      let (a, b) = Parallel.both(
        { ageingPart(0..<n / 2, today: today, curve: curve, facts: facts) },
        { ageingPart(n / 2..<n, today: today, curve: curve, facts: facts) })
      part = a.merged(b)
    } else {
      part = ageingPart(0..<n, today: today, curve: curve, facts: facts)
    }
    var report = AgeingReport(
      today: today, buckets: part.buckets, byKind: [:], byStep: [:],
      claimsInBucket: part.claims)
    report.byKind = [.consumer: part.kinds[0], .business: part.kinds[1]]
    for s in Step.allCases where part.steps[s.rank].contains(where: { $0.claims > 0 }) {
      report.byStep[s] = part.steps[s.rank]
    }
    return report
  }

  /// The ageing sums of the claims at `range`.
  private func ageingPart(
    _ range: Range<Int>, today: Day, curve: InterestCurve, facts: [OwnerFacts]
  ) -> AgeingPart {
    var part = AgeingPart()
    claims.values.withUnsafeBufferPointer { all in
      for i in range where all[i].closed == nil {
        let owner = Int(claimOwner[i])
        let b = all[i].balance(asOf: today, curve: curve)
        let st = status(of: all[i], at: i, facts: facts[owner], balance: b, today: today)
        guard st.isOpen else { continue }
        let k = AgeingReport.bucket(days: all[i].interestDue.days(to: today))
        let amount = b.outstanding
        part.buckets[k].amount += amount
        part.buckets[k].claims += 1
        part.claims[k].append(Int32(i))
        let kind = customers.values[owner].kind == .business ? 1 : 0
        part.kinds[kind][k].amount += amount
        part.kinds[kind][k].claims += 1
        part.steps[all[i].step.rank][k].amount += amount
        part.steps[all[i].step.rank][k].claims += 1
      }
    }
    return part
  }
}

/// Ageing sums over some claims, to be merged.
private struct AgeingPart {
  var buckets = AgeingReport.emptyBuckets()
  var claims = [[Int32]](repeating: [], count: AgeingReport.bounds.count)
  var kinds = Array(repeating: AgeingReport.emptyBuckets(), count: 2)
  var steps = Array(repeating: AgeingReport.emptyBuckets(), count: Step.allCases.count)

  func merged(_ o: AgeingPart) -> AgeingPart {
    func add(_ a: [AgeingReport.Bucket], _ b: [AgeingReport.Bucket]) -> [AgeingReport.Bucket] {
      zip(a, b).map {
        var x = $0
        x.amount += $1.amount
        x.claims += $1.claims
        return x
      }
    }
    var m = self
    m.buckets = add(buckets, o.buckets)
    m.claims = zip(claims, o.claims).map { $0 + $1 }
    m.kinds = zip(kinds, o.kinds).map { add($0, $1) }
    m.steps = zip(steps, o.steps).map { add($0, $1) }
    return m
  }
}
