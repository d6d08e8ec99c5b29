/// Forsinkelsesrente (frl. § 3) on a claim's principal, per domain-norway.md §3.
///
/// Conventions:
/// - Interest accrues for each calendar day **after** `due`, up to and including `asOf`
///   (days = asOf − due). Pass the due date as the claim states it, or its `adjustedDueDate` to
///   apply gjeldsbrevloven § 5; this type does not move it (the §3 worked check uses the raw date).
/// - Simple interest on outstanding principal only; fees and earlier interest never bear interest.
/// - Each day earns rate/365 of the principal, or rate/366 when that day's year is a leap year.
/// - The rate of a day is the table's late-interest row in force on that day; days before the
///   table's first row earn nothing (the table starts 2020-01-01).
/// - A reduction `(day: p, amount: a)` (principal paid or credited) lowers the principal for the
///   days after `p`: day `p` itself still earns interest on the old principal, matching "days
///   after" for the due date. Reductions on or before `due` lower the principal from the start;
///   reductions after `asOf` are ignored; the principal never goes below zero.
/// - The sum is kept exactly (whole øre plus a remainder over a common denominator) and only the
///   final amount is rounded half up to whole øre. Periods in `breakdown` are rounded one by
///   one for display, so their sum may differ from `amount` by an øre or two.
public enum LateInterest {
  /// A run of days with the same rate, principal and year length.
  public struct Period: Sendable, Hashable {
    /// First interest day of the period.
    public var from: Day
    /// Last interest day of the period (inclusive).
    public var to: Day
    /// Number of days, `to − from + 1`.
    public var days: Int
    /// Yearly rate in basis points (0 where the table has no rate).
    public var basisPoints: Int
    /// 365 or 366: the length of the year these days belong to.
    public var yearDays: Int
    /// Principal the interest runs on.
    public var principal: Money
    /// Interest for the period, rounded half up to whole øre (for display).
    public var interest: Money
  }

  /// The late interest on `principal` due on `due`, as of `asOf`, rounded to whole øre.
  public static func amount<R: Collection<(day: Day, amount: Money)>>(
    principal: Money, due: Day, reductions: R, asOf: Day,
    table: RateTable = .norway
  ) -> Money {
    if reductions.isEmpty { return unchanged(principal: principal, due: due, asOf: asOf, table) }
    var sum = ExactSum()
    for p in periods(principal: principal, due: due, reductions: reductions, asOf: asOf, table) {
      sum.add(p)
    }
    return sum.rounded
  }

  /// `amount` for a principal that never changed, without building period lists: the case of
  /// most claims, computed for every claim whenever the queue or the customer list is shown.
  static func unchanged(principal: Money, due: Day, asOf: Day, _ table: RateTable) -> Money {
    var start = due.adding(days: 1)
    guard start <= asOf, principal.isPositive else { return .zero }
    var sum = ExactSum()
    let points = table.lateInterestPoints
    while start <= asOf {
      let year = start.year
      var next = Day(year: year + 1, month: 1, day: 1)!
      var bp = 0
      for p in points {
        if p.from <= start {
          bp = p.basisPoints
        } else {
          if p.from < next { next = p.from }
          break
        }
      }
      let end = min(asOf, next.adding(days: -1))
      sum.add(
        Period(
          from: start, to: end, days: start.days(to: end) + 1, basisPoints: bp,
          yearDays: Day.isLeapYear(year) ? 366 : 365, principal: principal, interest: .zero))
      start = end.adding(days: 1)
    }
    return sum.rounded
  }

  /// The periods behind `amount`, split at every rate change, principal change and new year.
  public static func breakdown(
    principal: Money, due: Day, reductions: [(day: Day, amount: Money)], asOf: Day,
    table: RateTable = .norway
  ) -> [Period] {
    periods(principal: principal, due: due, reductions: reductions, asOf: asOf, table).map {
      var one = ExactSum()
      one.add($0)
      var p = $0
      p.interest = one.rounded
      return p
    }
  }

  /// Periods with `interest` left at zero.
  static func periods<R: Collection<(day: Day, amount: Money)>>(
    principal: Money, due: Day, reductions: R, asOf: Day,
    _ table: RateTable
  ) -> [Period] {
    let first = due.adding(days: 1)
    guard first <= asOf else { return [] }
    var starts: [Day] = [first]
    for p in table.lateInterestPoints where p.from > first && p.from <= asOf { starts.append(p.from) }
    for year in first.year...asOf.year {
      let newYear = Day(year: year, month: 1, day: 1)!
      if newYear > first && newYear <= asOf { starts.append(newYear) }
    }
    for r in reductions {
      let next = r.day.adding(days: 1)
      if next > first && next <= asOf { starts.append(next) }
    }
    starts.sort()
    var sorted: [Day] = []
    sorted.reserveCapacity(starts.count)
    for d in starts where sorted.last != d { sorted.append(d) }
    var result: [Period] = []
    for (i, start) in sorted.enumerated() {
      let end = i + 1 < sorted.count ? sorted[i + 1].adding(days: -1) : asOf
      let paid = reductions.filter { $0.day < start }.reduce(Money.zero) { $0 + $1.amount }
      let remaining = max(Money.zero, principal - paid)
      result.append(
        Period(
          from: start, to: end, days: start.days(to: end) + 1,
          basisPoints: table.lateInterestBasisPoints(on: start) ?? 0,
          yearDays: Day.isLeapYear(start.year) ? 366 : 365, principal: remaining,
          interest: .zero))
    }
    return result
  }

  /// An exact running total: whole øre plus `remainder / denominator` øre.
  struct ExactSum {
    /// 10 000 (basis points) × 365 × 366, so both year lengths share one denominator.
    static let denominator: UInt64 = 10_000 * 365 * 366
    var whole: UInt64 = 0
    var remainder: UInt64 = 0

    mutating func add(_ p: Period) {
      guard p.principal.isPositive, p.basisPoints > 0, p.days > 0 else { return }
      // interest = principal × bp × days / (10 000 × yearDays)
      //          = principal × bp × days × otherYearDays / denominator
      let other: UInt64 = p.yearDays == 366 ? 365 : 366
      let perYear = UInt64(p.principal.ore).multipliedReportingOverflow(by: UInt64(p.basisPoints))
      precondition(!perYear.overflow, "principal too large for interest")
      let wide = perYear.partialValue.multipliedFullWidth(by: UInt64(p.days) * other)
      let (q, r) = Self.divide(wide)
      whole += q
      remainder += r
      if remainder >= Self.denominator {
        whole += 1
        remainder -= Self.denominator
      }
    }

    /// `wide / denominator` with its remainder. Most products fit in 64 bits, and a 64-bit
    /// division is one instruction where the full-width one is a library call (a few per cent
    /// of the queue).
    @inline(__always)
    static func divide(_ wide: (high: UInt64, low: UInt64)) -> (UInt64, UInt64) {
      wide.high == 0
        ? wide.low.quotientAndRemainder(dividingBy: denominator)
        : denominator.dividingFullWidth(wide)
    }

    /// The total rounded half up to whole øre.
    var rounded: Money {
      Money(ore: Int64(whole + (remainder * 2 >= Self.denominator ? 1 : 0)))
    }
  }
}

/// Late interest for many claims up to one day, from running totals of the daily rates.
///
/// Each day earns `basisPoints / (10 000 × yearDays)` of the principal, which over the exact
/// denominator of `LateInterest.ExactSum` is a whole number of units: `basisPoints × otherYear`
/// (366 for a 365-day year and the other way round). Summing those per day once makes the
/// interest between any two days one subtraction, where `LateInterest.amount` walks years and
/// rate changes per claim. The result is the same to the øre: both sum the same exact fractions
/// and round once. The queue and the customers list build one per call (a few thousand days).
public struct InterestCurve: Sendable {
  /// The table the curve was built from (for days past `end`).
  public let table: RateTable
  /// The day before the first day with a rate; earlier days earn nothing.
  let base: Day
  /// The last day covered.
  public let end: Day
  /// `cumulative[i]`: units earned by the days after `base` up to and including `base + i`.
  private let cumulative: [UInt64]

  /// A curve covering every day up to and including `end`.
  public init(table: RateTable = .norway, through end: Day) {
    self.table = table
    self.end = end
    let points = table.lateInterestPoints
    guard let first = points.first, first.from <= end else {
      base = end
      cumulative = [0]
      return
    }
    base = first.from.adding(days: -1)
    let count = base.days(to: end) + 1
    var sums = [UInt64]()
    sums.reserveCapacity(count)
    sums.append(0)
    var total: UInt64 = 0
    var day = first.from
    var next = 0  // index of the first point not yet in force
    var year = day.year
    var newYear = Day(year: year + 1, month: 1, day: 1)!
    var bp = 0
    while day <= end {
      if day >= newYear {
        year += 1
        newYear = Day(year: year + 1, month: 1, day: 1)!
      }
      while next < points.count && points[next].from <= day {
        bp = points[next].basisPoints
        next += 1
      }
      total += UInt64(bp) * (Day.isLeapYear(year) ? 365 : 366)
      sums.append(total)
      day = day.adding(days: 1)
    }
    cumulative = sums
  }

  /// Units earned by the days up to and including `day` (which must be at most `end`).
  @inline(__always)
  private func units(through day: Day) -> UInt64 {
    day <= base ? 0 : cumulative[base.days(to: day)]
  }

  /// `LateInterest.amount` for a day up to `end`; `reductions` must be sorted by day.
  public func amount<R: Collection<(day: Day, amount: Money)>>(
    principal: Money, due: Day, reductions: R, asOf: Day
  ) -> Money {
    guard asOf <= end else {
      return LateInterest.amount(
        principal: principal, due: due, reductions: reductions, asOf: asOf, table: table)
    }
    guard due < asOf else { return .zero }
    var sum = LateInterest.ExactSum()
    // Interest runs on the principal left after reductions up to and including the day
    // before: a reduction on day p lowers the principal from day p + 1 (see LateInterest).
    var from = due
    var paid = Money.zero
    for r in reductions where r.day < asOf {
      if r.day > from {
        sum.add(principal: principal - paid, units: units(through: r.day) - units(through: from))
        from = r.day
      }
      paid += r.amount
    }
    sum.add(principal: principal - paid, units: units(through: asOf) - units(through: from))
    return sum.rounded
  }
}

extension LateInterest.ExactSum {
  /// Adds `principal × units / denominator` (nothing for a principal of zero or less).
  mutating func add(principal: Money, units: UInt64) {
    guard principal.isPositive, units > 0 else { return }
    let (q, r) = Self.divide(UInt64(principal.ore).multipliedFullWidth(by: units))
    whole += q
    remainder += r
    if remainder >= Self.denominator {
      whole += 1
      remainder -= Self.denominator
    }
  }
}
