/// Business-day arithmetic for Norwegian deadlines.
///
/// A business day (virkedag in the banking sense) is Monday to Friday except the public holidays
/// in `NorwegianHoliday`. Saturdays are not business days: gjeldsbrevloven § 5 moves a due date
/// on a Saturday as well as on a Sunday or holiday.
extension Day {
  /// The public holiday on this day, if any (the first one when two coincide).
  public var publicHoliday: NorwegianHoliday? {
    let c = components
    // Fixed-date holidays first, without computing Easter.
    switch (c.month, c.day) {
    case (1, 1): return .newYearsDay
    case (5, 1): return .labourDay
    case (5, 17): return .constitutionDay
    case (12, 25): return .christmasDay
    case (12, 26): return .boxingDay
    default: break
    }
    guard (3...6).contains(c.month) else { return nil }
    let offset = NorwegianHoliday.easterSunday(year: c.year).days(to: self)
    switch offset {
    case -3: return .maundyThursday
    case -2: return .goodFriday
    case 0: return .easterSunday
    case 1: return .easterMonday
    case 39: return .ascensionDay
    case 49: return .whitSunday
    case 50: return .whitMonday
    default: return nil
    }
  }

  /// Whether this day is a Norwegian public holiday (including 1 and 17 May).
  ///
  /// Read from `HolidayTable` for 1900–2199 (one bit a day); other days are worked out.
  public var isPublicHoliday: Bool {
    HolidayTable.bit(self) ?? (publicHoliday != nil)
  }

  /// Whether this is a Saturday or Sunday.
  public var isWeekend: Bool { weekday >= 6 }

  /// Whether this is a weekday that is not a public holiday.
  public var isBusinessDay: Bool { !isWeekend && !isPublicHoliday }

  /// The first business day strictly after this day.
  public var nextBusinessDay: Day {
    var d = adding(days: 1)
    while !d.isBusinessDay { d = d.adding(days: 1) }
    return d
  }

  /// The last business day strictly before this day.
  public var previousBusinessDay: Day {
    var d = adding(days: -1)
    while !d.isBusinessDay { d = d.adding(days: -1) }
    return d
  }

  /// This day as a due date after gjeldsbrevloven § 5: itself if a business day, else the next.
  ///
  /// A due date on a Saturday, Sunday or public holiday (1 and 17 May included) moves to the
  /// next weekday that is a business day; interest then counts from the moved date. Notice
  /// deadlines (e.g. the inkassovarsel's 14 days) are *not* moved this way: see domain-norway §1.
  public var adjustedDueDate: Day { isBusinessDay ? self : nextBusinessDay }

  /// The day `n` business days later (earlier when negative); `n == 0` returns the day itself.
  public func adding(businessDays n: Int) -> Day {
    var d = self
    if n >= 0 {
      for _ in 0..<n { d = d.nextBusinessDay }
    } else {
      for _ in 0..<(-n) { d = d.previousBusinessDay }
    }
    return d
  }

  /// Business days after this day up to and including `other` (negative when `other` is earlier).
  public func businessDays(to other: Day) -> Int {
    if other < self { return -other.businessDays(to: self) }
    var count = 0
    var d = self
    while d < other {
      d = d.adding(days: 1)
      if d.isBusinessDay { count += 1 }
    }
    return count
  }
}

/// One bit a day for 1 January 1900 to 31 December 2199: set on public holidays. Built once
/// (a constant shared by every thread) from `Day.publicHoliday`; deadlines and due dates ask
/// whether a day is a business day for every claim a restore or the queue touches, and
/// working out Easter each time was a tenth of restoring the claims.
enum HolidayTable {
  static let first = Day(year: 1900, month: 1, day: 1)!
  static let last = Day(year: 2199, month: 12, day: 31)!

  static let bits: [UInt64] = {
    let days = Int(last.ordinal - first.ordinal) + 1
    var bits = [UInt64](repeating: 0, count: (days + 63) / 64)
    for year in 1900...2199 {
      for (day, _) in NorwegianHoliday.holidays(in: year) {
        let i = Int(day.ordinal - first.ordinal)
        bits[i / 64] |= 1 << UInt64(i % 64)
      }
    }
    return bits
  }()

  /// Whether `day` is a holiday, or nil outside the table's years.
  @inline(__always)
  static func bit(_ day: Day) -> Bool? {
    guard day.ordinal >= first.ordinal, day.ordinal <= last.ordinal else { return nil }
    let i = Int(day.ordinal - first.ordinal)
    return bits[i / 64] & (1 << UInt64(i % 64)) != 0
  }
}
