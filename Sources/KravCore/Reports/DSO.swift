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
  public func dsoReport(from: Day, to: Day, facts: ReportFacts) -> DSOReport {
    let periods = ReportPeriods(
      from: ReportGrouping.month.start(of: from), to: to, grouping: .month)
    let ends = [periods.from.adding(days: -1)] + periods.periods.map(\.to)
    let curve = InterestCurve(table: rateTable, through: periods.to)
    var totals = [Money](repeating: .zero, count: ends.count)
    var current = [Money](repeating: .zero, count: ends.count)
    var rows = periods.periods.map { DSOReport.Row(period: $0) }
    let closedOn = facts.closedOn
    claims.values.withUnsafeBufferPointer { all in
      for c in all.indices {
        let claim = all[c]
        if let k = periods.index(of: claim.issued) { rows[k].sales += claim.principal }
        for (k, day) in ends.enumerated() where claim.issued <= day {
          if let closed = closedOn[c], claim.closed != nil, closed <= day { break }
          let owed = claim.balance(asOf: day, curve: curve).outstanding
          guard owed.isPositive else { continue }
          totals[k] += owed
          if day <= claim.interestDue { current[k] += owed }
        }
      }
    }
    for k in rows.indices {
      rows[k].receivablesStart = totals[k]
      rows[k].receivablesEnd = totals[k + 1]
      rows[k].currentEnd = current[k + 1]
    }
    return DSOReport(periods: periods, rows: rows)
  }
}
