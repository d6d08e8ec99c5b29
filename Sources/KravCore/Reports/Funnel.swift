/// The ladder's funnel: claims reaching each step per period, and how many of them were paid
/// within 14 and 30 days of the step; objections opened and resolved.
public struct FunnelReport: Hashable, Sendable {
  public struct StepRow: Hashable, Sendable {
    public var step: Step
    /// Claims that reached the step in the period.
    public var reached = 0
    /// Of those, claims whose 14 days after the step have passed on the report's day.
    public var matured14 = 0
    /// Of `matured14`, claims paid in full by the step day + 14.
    public var paid14 = 0
    public var matured30 = 0
    public var paid30 = 0

    /// paid14 ÷ matured14 (nil when nothing matured).
    public var share14: Double? { matured14 == 0 ? nil : Double(paid14) / Double(matured14) }
    public var share30: Double? { matured30 == 0 ? nil : Double(paid30) / Double(matured30) }
  }

  public struct Row: Hashable, Sendable {
    public var period: ReportPeriod
    /// One row per step after the invoice, in ladder order.
    public var steps: [StepRow]
    public var disputesOpened = 0
    /// Resolved in the period, by outcome (`accepted`, `rejected`, `forliksrad`, …).
    public var disputesResolved: [String: Int] = [:]
    /// Claims that reached a step in the period (drill-down).
    public var claims: [Int32] = []
  }

  public static let steps: [Step] = Array(Step.allCases.dropFirst())

  public var periods: ReportPeriods
  public var today: Day
  public var rows: [Row]

  /// The step rows summed over all periods.
  public var totals: [StepRow] {
    var t = FunnelReport.steps.map { StepRow(step: $0) }
    for r in rows {
      for (i, s) in r.steps.enumerated() {
        t[i].reached += s.reached
        t[i].matured14 += s.matured14
        t[i].paid14 += s.paid14
        t[i].matured30 += s.matured30
        t[i].paid30 += s.paid30
      }
    }
    return t
  }
}

extension Ledger {
  /// The funnel over `periods` as it stands on `today`. A claim is "paid within N days" of a
  /// step taken on day D when, on D + N, it was closed as paid or nothing was outstanding on it
  /// and something had been paid (`ClaimStatus.paid`'s test); only steps with D + N ≤ today
  /// count (matured).
  public func funnelReport(periods: ReportPeriods, today: Day, facts: ReportFacts)
    -> FunnelReport
  {
    let curve = InterestCurve(
      table: rateTable, through: Swift.max(today, periods.to.adding(days: 30)))
    let stepIndex = Dictionary(
      uniqueKeysWithValues: FunnelReport.steps.enumerated().map { ($1, $0) })
    var rows = periods.periods.map {
      FunnelReport.Row(period: $0, steps: FunnelReport.steps.map { FunnelReport.StepRow(step: $0) })
    }
    func paidBy(_ c: Int, _ day: Day) -> Bool {
      if claims.values[c].closed == .paid, let closed = facts.closedOn[c], closed <= day {
        return true
      }
      let b = claims.values[c].balance(asOf: day, curve: curve)
      return !b.outstanding.isPositive && b.paid.isPositive
    }
    for e in facts.entries where e.kind == .step {
      guard let k = periods.index(of: e.day), let s = stepIndex[e.step] else { continue }
      let c = Int(e.target)
      rows[k].steps[s].reached += 1
      if rows[k].claims.last != e.target { rows[k].claims.append(e.target) }
      let d14 = e.day.adding(days: 14)
      let d30 = e.day.adding(days: 30)
      if d14 <= today {
        rows[k].steps[s].matured14 += 1
        if paidBy(c, d14) { rows[k].steps[s].paid14 += 1 }
      }
      if d30 <= today {
        rows[k].steps[s].matured30 += 1
        if paidBy(c, d30) { rows[k].steps[s].paid30 += 1 }
      }
    }
    for u in customers.values where !u.disputes.isEmpty {
      for d in u.disputes {
        if let k = periods.index(of: d.openedOn) { rows[k].disputesOpened += 1 }
        if let resolved = d.resolvedOn, let outcome = d.outcome,
          let k = periods.index(of: resolved)
        {
          rows[k].disputesResolved[outcome, default: 0] += 1
        }
      }
    }
    return FunnelReport(periods: periods, today: today, rows: rows)
  }
}
