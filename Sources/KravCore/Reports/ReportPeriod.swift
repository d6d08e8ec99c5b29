/// How a report groups days: by day, by ISO week (Monday to Sunday) or by calendar month.
public enum ReportGrouping: String, Sendable, CaseIterable, Hashable {
  case day
  case week
  case month

  /// The first day of the period that holds `d`.
  public func start(of d: Day) -> Day {
    switch self {
    case .day: return d
    case .week: return d.adding(days: 1 - d.weekday)
    case .month: return Day(year: d.year, month: d.month, day: 1)!
    }
  }

  /// The first day of the period after the one starting on `start`.
  public func next(after start: Day) -> Day {
    switch self {
    case .day: return start.adding(days: 1)
    case .week: return start.adding(days: 7)
    case .month: return start.adding(months: 1)
    }
  }
}

/// A run of days, both ends included.
public struct ReportPeriod: Hashable, Sendable, Comparable {
  public var from: Day
  public var to: Day

  public init(from: Day, to: Day) {
    self.from = from
    self.to = to
  }

  public func contains(_ d: Day) -> Bool { d >= from && d <= to }

  /// Days in the period.
  public var days: Int { from.days(to: to) + 1 }

  public static func < (a: ReportPeriod, b: ReportPeriod) -> Bool { a.from < b.from }
}

/// The periods a report covers: `from`…`to` cut by `grouping` (the first and last period are
/// cut at `from` and `to`), and where each day falls.
public struct ReportPeriods: Hashable, Sendable {
  public var from: Day
  public var to: Day
  public var grouping: ReportGrouping
  public private(set) var periods: [ReportPeriod] = []

  /// Periods from `from` to `to` (at most 10 000 of them: a longer range is cut at its end).
  public init(from: Day, to: Day, grouping: ReportGrouping) {
    self.from = from
    self.to = max(from, to)
    self.grouping = grouping
    var start = from
    while start <= self.to, periods.count < 10_000 {
      let next = grouping.next(after: grouping.start(of: start))
      periods.append(ReportPeriod(from: start, to: min(next.adding(days: -1), self.to)))
      start = next
    }
  }

  /// The index of the period holding `d`, or nil outside `from`…`to`.
  public func index(of d: Day) -> Int? {
    guard d >= from, d <= to, !periods.isEmpty else { return nil }
    // Periods are sorted and contiguous: binary search on their first days.
    var lo = 0
    var hi = periods.count - 1
    while lo < hi {
      let mid = (lo + hi + 1) / 2
      if periods[mid].from <= d { lo = mid } else { hi = mid - 1 }
    }
    return lo
  }

  /// The default range of a report: the 12 months up to `today` by month, the 12 weeks up
  /// to it by week, the 31 days up to it by day.
  public static func standard(today: Day, grouping: ReportGrouping) -> ReportPeriods {
    let from: Day
    switch grouping {
    case .day: from = today.adding(days: -30)
    case .week: from = ReportGrouping.week.start(of: today).adding(days: -7 * 11)
    case .month: from = ReportGrouping.month.start(of: today).adding(months: -11)
    }
    return ReportPeriods(from: from, to: today, grouping: grouping)
  }
}
