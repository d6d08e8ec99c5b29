import Foundation

/// Wall-clock time in Europe/Oslo, computed from the EU summer-time rule.
///
/// Norway follows the EU rule (since 1996 in both): CEST (+02:00) from the last Sunday of March
/// 01:00 UTC to the last Sunday of October 01:00 UTC, CET (+01:00) otherwise. Computing it here
/// keeps Krav independent of the machine's tz database; a test cross-checks it against
/// `TimeZone(identifier: "Europe/Oslo")` where that is available.
public enum OsloTime {
  /// The last Sunday of a month.
  static func lastSunday(year: Int, month: Int) -> Day {
    let last = Day(year: year, month: month, day: Day.daysIn(month: month, year: year))!
    return last.adding(days: -(last.weekday % 7))
  }

  /// Seconds since 1970 (UTC) of 01:00 UTC on a day.
  static func oneAMUTC(_ day: Day) -> Int64 { Int64(day.ordinal) * 86_400 + 3_600 }

  /// The UTC offset in seconds (3 600 or 7 200) at an instant given as seconds since 1970.
  public static func offsetSeconds(utc seconds: Int64) -> Int {
    let year = Day(ordinal: Int32(floorDiv(seconds, 86_400))).year
    let start = oneAMUTC(lastSunday(year: year, month: 3))
    let end = oneAMUTC(lastSunday(year: year, month: 10))
    return seconds >= start && seconds < end ? 7_200 : 3_600
  }

  /// The local day and seconds since local midnight at `now`.
  public static func local(now: Date) -> (day: Day, secondsOfDay: Int) {
    let utc = Int64(now.timeIntervalSince1970.rounded(.down))
    let local = utc + Int64(offsetSeconds(utc: utc))
    let days = floorDiv(local, 86_400)
    return (Day(ordinal: Int32(days)), Int(local - days * 86_400))
  }

  /// The calendar day in Oslo at `now`: what Krav treats as "today" without `--today`.
  public static func today(now: Date) -> Day { local(now: now).day }

  /// ISO 8601 with the Oslo offset for a local day and time: `2026-11-30T09:12:44+01:00`.
  ///
  /// A local time that happens twice (the October change) is taken as the first, summer one;
  /// one that never happens (the March gap) is written with +01:00, which names a real instant.
  public static func timestamp(day: Day, secondsOfDay: Int) -> String {
    let local = Int64(day.ordinal) * 86_400 + Int64(secondsOfDay)
    let offset = offsetSeconds(utc: local - 7_200) == 7_200 ? 7_200 : 3_600
    return format(day: day, secondsOfDay: secondsOfDay, offset: offset)
  }

  /// ISO 8601 with the Oslo offset for the instant `now`, to the millisecond:
  /// `2026-11-30T09:12:44.318+01:00`.
  ///
  /// Milliseconds because journals merge by this instant, then by collector: two events of
  /// one collector written in the same second from the TUI and from a command (two journals)
  /// would otherwise come out in an arbitrary order.
  public static func timestamp(now: Date) -> String {
    let utc = Int64(now.timeIntervalSince1970.rounded(.down))
    let l = local(now: now)
    return format(
      day: l.day, secondsOfDay: l.secondsOfDay, offset: offsetSeconds(utc: utc),
      millis: milliseconds(of: now))
  }

  /// ISO 8601 for a local day and time with milliseconds (see `timestamp(now:)`).
  public static func timestamp(day: Day, secondsOfDay: Int, millis: Int) -> String {
    let local = Int64(day.ordinal) * 86_400 + Int64(secondsOfDay)
    let offset = offsetSeconds(utc: local - 7_200) == 7_200 ? 7_200 : 3_600
    return format(day: day, secondsOfDay: secondsOfDay, offset: offset, millis: millis)
  }

  /// The millisecond within its second of `now` (0–999).
  public static func milliseconds(of now: Date) -> Int {
    let t = now.timeIntervalSince1970
    // Rounded, not truncated (a double near .007 is often .00699…), but never up into the
    // next second, whose seconds field the caller does not see.
    return min(999, max(0, Int(((t - t.rounded(.down)) * 1_000).rounded())))
  }

  /// The instant of a `--now` value `YYYY-MM-DDTHH:MM` (or `…:SS`) read as Oslo local time.
  ///
  /// Nil when malformed or out of range. Ambiguous and skipped local times are resolved as in
  /// `timestamp(day:secondsOfDay:)`.
  public static func parse(now text: String) -> Date? {
    let parts = text.trimmingSpaces.split(separator: "T", omittingEmptySubsequences: false)
    guard parts.count == 2, let day = Day(parsing: String(parts[0])),
      parts[0].count == 10
    else { return nil }
    let hms = parts[1].split(separator: ":", omittingEmptySubsequences: false)
    guard hms.count == 2 || hms.count == 3,
      hms.allSatisfy({ $0.count == 2 && $0.utf8.allSatisfy { $0 >= 48 && $0 <= 57 } }),
      let h = Int(hms[0]), let m = Int(hms[1]), h < 24, m < 60
    else { return nil }
    let s = hms.count == 3 ? Int(hms[2])! : 0
    guard s < 60 else { return nil }
    let local = Int64(day.ordinal) * 86_400 + Int64(h * 3_600 + m * 60 + s)
    let offset = offsetSeconds(utc: local - 7_200) == 7_200 ? 7_200 : 3_600
    return Date(timeIntervalSince1970: TimeInterval(local - Int64(offset)))
  }

  /// `YYYY-MM-DDTHH:MM:SS+HH:MM`, or `YYYY-MM-DDTHH:MM:SS.mmm+HH:MM` with `millis`.
  static func format(day: Day, secondsOfDay: Int, offset: Int, millis: Int? = nil) -> String {
    func two(_ v: Int) -> String { v < 10 ? "0\(v)" : "\(v)" }
    let h = secondsOfDay / 3_600
    let m = secondsOfDay % 3_600 / 60
    let s = secondsOfDay % 60
    let fraction = millis.map { "." + (($0 < 10 ? "00" : $0 < 100 ? "0" : "") + String($0)) } ?? ""
    return "\(day.iso)T\(two(h)):\(two(m)):\(two(s))\(fraction)+\(two(offset / 3_600)):00"
  }

  /// Division rounding towards minus infinity.
  static func floorDiv(_ a: Int64, _ b: Int64) -> Int64 {
    let q = a / b
    return (a % b != 0 && (a < 0) != (b < 0)) ? q - 1 : q
  }
}
