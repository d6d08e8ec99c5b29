/// Promises to pay by the period they were made in and by the collector who took them, with
/// their state on the report's day.
public struct PromisesReport: Hashable, Sendable {
  public struct Counts: Hashable, Sendable {
    public var made = 0
    public var kept = 0
    public var partlyKept = 0
    public var broken = 0
    public var pending = 0
    public var superseded = 0
    /// Σ of the promised amounts.
    public var promised = Money.zero
    /// Σ paid towards them (`PromiseStatus.paid`).
    public var paid = Money.zero

    /// Kept ÷ (kept + partly kept + broken): the share of settled promises kept in full.
    public var keptShare: Double? {
      let settled = kept + partlyKept + broken
      return settled == 0 ? nil : Double(kept) / Double(settled)
    }

    mutating func merge(_ o: Counts) {
      made += o.made
      kept += o.kept
      partlyKept += o.partlyKept
      broken += o.broken
      pending += o.pending
      superseded += o.superseded
      promised += o.promised
      paid += o.paid
    }

    mutating func add(_ s: PromiseStatus) {
      made += 1
      promised += s.promise.amount
      paid += s.paid
      switch s.state {
      case .kept: kept += 1
      case .partlyKept: partlyKept += 1
      case .broken: broken += 1
      case .pending: pending += 1
      case .superseded: superseded += 1
      }
    }
  }

  public struct Row: Hashable, Sendable {
    public var period: ReportPeriod
    public var counts = Counts()
  }

  public struct CollectorRow: Hashable, Sendable {
    /// The collector's name (the event's `by`).
    public var collector: String
    /// Over the whole range.
    public var counts = Counts()
    /// Per period of `periods`.
    public var periods: [Counts] = []
  }

  public var periods: ReportPeriods
  public var today: Day
  public var rows: [Row]
  public var collectors: [CollectorRow]
  /// Customer positions with a promise made in each period (drill-down), aligned with `rows`.
  public var customersInPeriod: [[Int32]]

  public var total: Counts {
    var t = Counts()
    for r in rows { t.merge(r.counts) }
    return t
  }
}

extension Ledger {
  /// Every promise made in `periods`, in its state on `today` (`PromiseFacts.evaluate` with
  /// the grace days the ladder uses), by period made and by collector.
  public func promisesReport(periods: ReportPeriods, today: Day, facts: ReportFacts)
    -> PromisesReport
  {
    var rows = periods.periods.map { PromisesReport.Row(period: $0) }
    var drill = [[Int32]](repeating: [], count: rows.count)
    var byCollector: [String: [PromisesReport.Counts]] = [:]
    let none = [PromisesReport.Counts](repeating: .init(), count: rows.count)
    for u in customers.values.indices where !customers.values[u].promises.isEmpty {
      let promises = customers.values[u].promises
      guard promises.contains(where: { periods.index(of: $0.madeOn) != nil }) else { continue }
      let statuses = promiseStatuses(
        ofCustomerAt: u, today: today, graceDays: Ledger.promiseGraceDays)
      var last = -1
      for (n, s) in statuses.enumerated() {
        guard let k = periods.index(of: s.promise.madeOn) else { continue }
        rows[k].counts.add(s)
        if k != last {
          drill[k].append(Int32(u))
          last = k
        }
        let who = facts.name(facts.promiseCollector[Int64(u) << 32 | Int64(n)])
        byCollector[who, default: none][k].add(s)
      }
    }
    let collectors = byCollector.keys.sorted().map { who in
      let periods = byCollector[who]!
      var total = PromisesReport.Counts()
      for c in periods { total.merge(c) }
      return PromisesReport.CollectorRow(collector: who, counts: total, periods: periods)
    }
    return PromisesReport(
      periods: periods, today: today, rows: rows, collectors: collectors,
      customersInPeriod: drill)
  }
}
