/// A calendar day without time of day; legal dates in Krav are days in Europe/Oslo.
///
/// Stored as the number of days since 1970-01-01 so comparisons and differences are cheap.
public struct Day: Hashable, Comparable, Sendable, Codable, CustomStringConvertible {
  /// Days since 1970-01-01 (may be negative).
  public var ordinal: Int32

  /// Creates a day from its ordinal (days since 1970-01-01).
  public init(ordinal: Int32) { self.ordinal = ordinal }

  /// Creates a day from a proleptic Gregorian year, month and day; nil if the date does not exist.
  public init?(year: Int, month: Int, day: Int) {
    guard (1...12).contains(month), day >= 1, day <= Day.daysIn(month: month, year: year) else {
      return nil
    }
    // Days-from-civil (H. Hinnant's algorithm).
    let y = month <= 2 ? year - 1 : year
    let era = (y >= 0 ? y : y - 399) / 400
    let yoe = y - era * 400
    let mp = (month + 9) % 12
    let doy = (153 * mp + 2) / 5 + day - 1
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
    self.ordinal = Int32(era * 146097 + doe - 719468)
  }

  /// The year, month and day of this date.
  public var components: (year: Int, month: Int, day: Int) {
    let z = Int(ordinal) + 719468
    let era = (z >= 0 ? z : z - 146096) / 146097
    let doe = z - era * 146097
    let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
    let mp = (5 * doy + 2) / 153
    let d = doy - (153 * mp + 2) / 5 + 1
    let m = mp < 10 ? mp + 3 : mp - 9
    return (yoe + era * 400 + (m <= 2 ? 1 : 0), m, d)
  }

  public var year: Int { components.year }
  public var month: Int { components.month }
  public var dayOfMonth: Int { components.day }

  /// ISO weekday: 1 = Monday … 7 = Sunday.
  public var weekday: Int {
    let w = (Int(ordinal) + 3) % 7  // 1970-01-01 was a Thursday (ISO 4)
    return (w < 0 ? w + 7 : w) + 1
  }

  /// Whether `year` is a leap year in the Gregorian calendar.
  public static func isLeapYear(_ year: Int) -> Bool {
    (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
  }

  /// Number of days in a month of a year.
  public static func daysIn(month: Int, year: Int) -> Int {
    switch month {
    case 2: return isLeapYear(year) ? 29 : 28
    case 4, 6, 9, 11: return 30
    default: return 31
    }
  }

  /// The day `n` days later (earlier when negative).
  public func adding(days n: Int) -> Day { Day(ordinal: ordinal + Int32(n)) }

  /// Days from `self` to `other` (positive when `other` is later).
  public func days(to other: Day) -> Int { Int(other.ordinal - ordinal) }

  /// The same day of month `n` months later, clamped to the month's last day.
  public func adding(months n: Int) -> Day {
    let c = components
    let total = c.year * 12 + (c.month - 1) + n
    let y = total / 12
    let m = total % 12 + 1
    return Day(year: y, month: m, day: min(c.day, Day.daysIn(month: m, year: y)))!
  }

  /// `YYYY-MM-DD`.
  public var iso: String {
    let c = components
    func pad(_ v: Int, _ w: Int) -> String {
      let s = String(v)
      return String(repeating: "0", count: max(0, w - s.count)) + s
    }
    return "\(pad(c.year, 4))-\(pad(c.month, 2))-\(pad(c.day, 2))"
  }

  public var description: String { iso }

  public static func < (a: Day, b: Day) -> Bool { a.ordinal < b.ordinal }

  /// Parses `YYYY-MM-DD`, and `DD.MM.YYYY` as accepted on input; nil if malformed or impossible.
  public init?(parsing text: String) {
    let s = text.trimmingSpaces
    let utf = Array(s.utf8)
    func num(_ r: Range<Int>) -> Int? {
      var v = 0
      for i in r {
        let c = utf[i]
        guard c >= 48, c <= 57 else { return nil }
        v = v * 10 + Int(c - 48)
      }
      return v
    }
    if utf.count == 10, utf[4] == UInt8(ascii: "-"), utf[7] == UInt8(ascii: "-"),
      let y = num(0..<4), let m = num(5..<7), let d = num(8..<10)
    {
      guard let day = Day(year: y, month: m, day: d) else { return nil }
      self = day
    } else if utf.count == 10, utf[2] == UInt8(ascii: "."), utf[5] == UInt8(ascii: "."),
      let d = num(0..<2), let m = num(3..<5), let y = num(6..<10)
    {
      guard let day = Day(year: y, month: m, day: d) else { return nil }
      self = day
    } else {
      return nil
    }
  }
}

extension String {
  /// The string without leading and trailing spaces, tabs and newlines (no Foundation needed).
  var trimmingSpaces: String {
    let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" }
    guard let first = firstIndex(where: { !isSpace($0) }) else { return "" }
    let last = lastIndex(where: { !isSpace($0) })!
    return String(self[first...last])
  }
}
