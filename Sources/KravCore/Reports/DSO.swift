/// Days sales outstanding and the collection effectiveness index, per month.
public struct DSOReport: Hashable, Sendable {
  public struct Row: Hashable, Sendable {
    public var period: ReportPeriod
    /// Σ principal of the claims issued in the month ("credit sales").
    public var sales = Money.zero
    /// Receivables at the end of the day before the month (`receivables(on:)`).
    public var receivablesStart = Money.zero
    /// Receivables at the end of the month's last day.
    public var receivablesEnd = Money.zero
    /// The part of `receivablesEnd` not yet past its (moved) due date.
    public var currentEnd = Money.zero

    /// DSO = receivables at the end ÷ credit sales × days in the month (nil without sales).
    public var dso: Double? {
      sales.isPositive
        ? Double(receivablesEnd.ore) / Double(sales.ore) * Double(period.days) : nil
    }

    /// CEI = (start + sales − end) ÷ (start + sales − current end) × 100 (nil when the
    /// denominator is not positive).
    public var cei: Double? {
      let collectible = receivablesStart + sales - currentEnd
      guard collectible.isPositive else { return nil }
      return Double((receivablesStart + sales - receivablesEnd).ore) / Double(collectible.ore)
        * 100
    }
  }

  public var periods: ReportPeriods
  public var rows: [Row]

  public init(periods: ReportPeriods, rows: [Row]) {
    self.periods = periods
    self.rows = rows
  }
}

extension Ledger {
  /// DSO and CEI for each calendar month of `from`…`to` (the range starts on the first of
  /// `from`'s month; the last month ends on `to`, so a month in progress counts its days so
  /// far).
  ///
  /// Receivables on day D: Σ over claims issued on or before D and not closed by D
  /// (`case-closed` dated on or before D) of what was outstanding on D (`Claim.balance`:
  /// principal less credits, interest and fees to D, less payments to D). "Current" ones are
  /// those with D ≤ the moved due date.
  public func dsoReport(from: Day, to: Day, facts: ReportFacts, parallelFrom: Int = 8192)
    -> DSOReport
  {
    let periods = ReportPeriods(
      from: ReportGrouping.month.start(of: from), to: to, grouping: .month)
    let ends = [periods.from.adding(days: -1)] + periods.periods.map(\.to)
    let curve = InterestCurve(table: rateTable, through: periods.to)
    var rows = periods.periods.map { DSOReport.Row(period: $0) }
    let n = claims.count
    let part: DSOPart
    if n >= parallelFrom {
      let (a, b) = Parallel.both(
        { dsoPart(0..<n / 2, ends: ends, periods: periods, curve: curve, facts: facts) },
        { dsoPart(n / 2..<n, ends: ends, periods: periods, curve: curve, facts: facts) })
      part = a.merged(b)
    } else {
      part = dsoPart(0..<n, ends: ends, periods: periods, curve: curve, facts: facts)
    }
    let totals = part.totals
    let current = part.current
    for k in rows.indices { rows[k].sales = part.sales[k] }
    for k in rows.indices {
      rows[k].receivablesStart = totals[k]
      rows[k].receivablesEnd = totals[k + 1]
      rows[k].currentEnd = current[k + 1]
    }
    return DSOReport(periods: periods, rows: rows)
  }
}

extension Ledger {
  /// Receivables at each of `ends` and sales per month over the claims at `range`.
  ///
  /// A claim with nothing outstanding on an end, and no fee or payment after it, owes nothing
  /// on any later end either (no principal left to earn interest): the walk stops there, so old
  /// paid claims cost one balance, not one per month.
  fileprivate func dsoPart(
    _ range: Range<Int>, ends: [Day], periods: ReportPeriods, curve: InterestCurve,
    facts: ReportFacts
  ) -> DSOPart {
    var part = DSOPart(
      totals: Array(repeating: .zero, count: ends.count),
      current: Array(repeating: .zero, count: ends.count),
      sales: Array(repeating: .zero, count: periods.periods.count))
    let closedOn = facts.closedOn
    claims.values.withUnsafeBufferPointer { all in
      for c in range {
        let claim = all[c]
        if let k = periods.index(of: claim.issued) { part.sales[k] += claim.principal }
        let lastChange = Swift.max(
          claim.payments.reduce(claim.issued) { Swift.max($0, $1.day) },
          claim.fees.reduce(claim.issued) { Swift.max($0, $1.day) })
        for (k, day) in ends.enumerated() where claim.issued <= day {
          if let closed = closedOn[c], claim.closed != nil, closed <= day { break }
          let owed = claim.balance(asOf: day, curve: curve).outstanding
          guard owed.isPositive else {
            if day >= lastChange { break }
            continue
          }
          part.totals[k] += owed
          if day <= claim.interestDue { part.current[k] += owed }
        }
      }
    }
    return part
  }
}

/// DSO sums over some claims, to be merged.
private struct DSOPart {
  var totals: [Money]
  var current: [Money]
  var sales: [Money]

  func merged(_ o: DSOPart) -> DSOPart {
    DSOPart(
      totals: zip(totals, o.totals).map(+), current: zip(current, o.current).map(+),
      sales: zip(sales, o.sales).map(+))
  }
}
