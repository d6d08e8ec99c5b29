import Foundation
import Testing

@testable import KravCore

@Suite("Europe/Oslo time")
struct OsloTimeTests {
  /// An instant from a UTC date and time.
  func utc(_ day: String, _ h: Int, _ m: Int = 0, _ s: Int = 0) -> Date {
    let seconds = Int(KravCoreTests.day(day).ordinal) * 86_400 + h * 3_600 + m * 60 + s
    return Date(timeIntervalSince1970: TimeInterval(seconds))
  }

  @Test("switches to +02:00 at 01:00 UTC on the last Sunday of March 2026 (29 March)")
  func springForward() {
    #expect(OsloTime.timestamp(now: utc("2026-03-29", 0, 59, 59)) == "2026-03-29T01:59:59.000+01:00")
    #expect(OsloTime.timestamp(now: utc("2026-03-29", 1)) == "2026-03-29T03:00:00.000+02:00")
  }

  @Test("switches back to +01:00 at 01:00 UTC on the last Sunday of October 2026 (25 Oct)")
  func fallBack() {
    #expect(OsloTime.timestamp(now: utc("2026-10-25", 0, 59, 59)) == "2026-10-25T02:59:59.000+02:00")
    #expect(OsloTime.timestamp(now: utc("2026-10-25", 1)) == "2026-10-25T02:00:00.000+01:00")
  }

  @Test("takes today's date from Oslo, not UTC, around midnight")
  func today() {
    #expect(OsloTime.today(now: utc("2026-11-30", 23, 30)) == day("2026-12-01"))
    #expect(OsloTime.today(now: utc("2026-11-30", 22, 59)) == day("2026-11-30"))
    #expect(OsloTime.today(now: utc("2026-06-30", 22, 0)) == day("2026-07-01"))
    #expect(OsloTime.today(now: utc("2026-06-30", 21, 59)) == day("2026-06-30"))
  }

  @Test("writes event timestamps for a local day and time with the right offset")
  func timestamps() {
    #expect(
      OsloTime.timestamp(day: day("2026-11-30"), secondsOfDay: 9 * 3600 + 12 * 60 + 44)
        == "2026-11-30T09:12:44+01:00")
    #expect(
      OsloTime.timestamp(day: day("2026-07-01"), secondsOfDay: 8 * 3600)
        == "2026-07-01T08:00:00+02:00")
    // The repeated hour of 25 Oct 2026 is taken as the first (summer) one.
    #expect(
      OsloTime.timestamp(day: day("2026-10-25"), secondsOfDay: 2 * 3600 + 1800)
        == "2026-10-25T02:30:00+02:00")
  }

  @Test("parses --now as Oslo local time and rejects malformed values")
  func parsesNow() {
    #expect(OsloTime.parse(now: "2026-11-30T09:12") == utc("2026-11-30", 8, 12))
    #expect(OsloTime.parse(now: "2026-07-01T08:00") == utc("2026-07-01", 6))
    #expect(OsloTime.parse(now: "2026-07-01T08:00:30") == utc("2026-07-01", 6, 0, 30))
    for bad in [
      "2026-11-30", "2026-11-30T9:12", "2026-11-30T24:00", "2026-02-30T10:00",
      "2026-11-30 09:12", "2026-11-30T09:60", "2026-11-30T09:12:",
    ] {
      #expect(OsloTime.parse(now: bad) == nil, "\(bad)")
    }
    let now = OsloTime.parse(now: "2026-03-29T12:00")!
    #expect(OsloTime.timestamp(now: now) == "2026-03-29T12:00:00.000+02:00")
  }

  @Test("agrees with the system tz database every half hour around each change 2020–2030")
  func matchesTimeZoneDatabase() throws {
    let zone = try #require(TimeZone(identifier: "Europe/Oslo"))
    for year in 2020...2030 {
      for month in [3, 10] {
        let sunday = OsloTime.lastSunday(year: year, month: month)
        for hour in -30...30 {
          let t = Int64(sunday.ordinal) * 86_400 + Int64(hour) * 1_800
          let date = Date(timeIntervalSince1970: TimeInterval(t))
          #expect(OsloTime.offsetSeconds(utc: t) == zone.secondsFromGMT(for: date))
        }
      }
    }
  }

  @Test("live timestamps carry milliseconds, zero-padded, so events in one second keep their order")
  func milliseconds() {
    let base = utc("2026-11-30", 8, 12, 44).timeIntervalSince1970
    #expect(OsloTime.timestamp(now: Date(timeIntervalSince1970: base + 0.007)) == "2026-11-30T09:12:44.007+01:00")
    #expect(OsloTime.timestamp(now: Date(timeIntervalSince1970: base + 0.25)) == "2026-11-30T09:12:44.250+01:00")
    #expect(
      OsloTime.timestamp(day: KravCoreTests.day("2026-07-01"), secondsOfDay: 8 * 3600, millis: 42)
        == "2026-07-01T08:00:00.042+02:00")
  }
}
