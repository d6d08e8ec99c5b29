import Foundation
import Testing

@testable import KravCore

private func at(_ d: String, _ hm: String) -> LocalMoment {
  LocalMoment(day: day(d), minute: TimeSpan.minutes(hm)!)
}
private func check(
  _ now: LocalMoment, calls: [String] = [], doNotCall: Bool = false,
  settings: CallSettings = .standard
) -> CallPermission {
  CallGuard.check(settings: settings, callDays: calls.map(day), doNotCall: doNotCall, at: now)
}

@Test("no calls on a Sunday: Sunday 29 Nov 2026 at 10:00 waits for Monday 08:00")
func sundayBlocked() {
  let p = check(at("2026-11-29", "10:00"))
  #expect(!p.allowedNow)
  #expect(p.blocks == [.sunday])
  #expect(p.from == at("2026-11-30", "08:00"))
}

@Test("no calls on 17 May: Monday 17 May 2027 waits for Tuesday 08:00; Easter too")
func constitutionDayBlocked() {
  #expect(day("2027-05-17").weekday == 1)
  let p = check(at("2027-05-17", "09:00"))
  #expect(p.blocks == [.holiday])
  #expect(p.from == at("2027-05-18", "08:00"))
  // Maundy Thursday 2 Apr 2026 to Easter Monday 6 Apr: the next call is Tuesday 7 Apr.
  #expect(check(at("2026-04-02", "09:00")).from == at("2026-04-07", "08:00"))
}

@Test("office hours 08:00–16:00: 07:59 and 16:00 are outside, 08:00 and 15:59 inside")
func officeHourEdges() {
  #expect(check(at("2026-11-30", "07:59")).blocks == [.beforeHours])
  #expect(check(at("2026-11-30", "07:59")).from == at("2026-11-30", "08:00"))
  #expect(check(at("2026-11-30", "08:00")).allowedNow)
  #expect(check(at("2026-11-30", "15:59")).allowedNow)
  let late = check(at("2026-11-30", "16:00"))
  #expect(late.blocks == [.afterHours])
  #expect(late.from == at("2026-12-01", "08:00"))
  // Friday after hours: no Saturday calls by default, so Monday.
  #expect(check(at("2026-11-27", "16:30")).from == at("2026-11-30", "08:00"))
}

@Test("Saturday calls only when the creditor sets Saturday hours, within 09–15")
func saturdayHours() {
  #expect(check(at("2026-11-28", "10:00")).blocks == [.saturday])
  var s = CallSettings()
  s.saturdayHours = TimeSpan(parsing: "09:00-13:00")
  #expect(check(at("2026-11-28", "10:00"), settings: s).allowedNow)
  #expect(check(at("2026-11-28", "13:00"), settings: s).blocks == [.afterHours])
  #expect(check(at("2026-11-27", "16:00"), settings: s).from == at("2026-11-28", "09:00"))
  // The legal frame: weekdays 08–21, Saturday 09–15; wider office hours are refused.
  s.saturdayHours = TimeSpan(parsing: "08:00-15:00")
  #expect(!s.problems().isEmpty)
  var w = CallSettings()
  w.weekdayHours = TimeSpan(parsing: "08:00-21:00")!
  #expect(w.problems().isEmpty)
  w.weekdayHours = TimeSpan(parsing: "07:30-16:00")!
  #expect(w.problems() == ["weekday hours 07:30-16:00 are outside the legal frame 08:00-21:00"])
  w.weekdayHours = TimeSpan(parsing: "08:00-21:01")!
  #expect(!w.problems().isEmpty)
}

@Test("one call a day: called this morning, the next call is tomorrow 08:00")
func dailyLimit() {
  let p = check(at("2026-11-30", "11:00"), calls: ["2026-11-30"])
  #expect(p.blocks == [.dailyLimit])
  #expect(p.from == at("2026-12-01", "08:00"))
  #expect(check(at("2026-11-30", "11:00"), calls: ["2026-11-27"]).allowedNow)
}

@Test("five calls in any 7 days: the sixth waits until the oldest is 7 days old")
func weeklyLimit() {
  var s = CallSettings()
  s.saturdayHours = TimeSpan(parsing: "09:00-15:00")
  let calls = ["2026-11-25", "2026-11-26", "2026-11-27", "2026-11-28", "2026-11-30"]
  let p = check(at("2026-12-01", "10:00"), calls: calls, settings: s)
  #expect(p.blocks == [.weeklyLimit])
  // On Wednesday 2 Dec the window is 26 Nov – 2 Dec: four calls.
  #expect(p.from == at("2026-12-02", "08:00"))
  // Four calls in the window are fine.
  #expect(check(at("2026-12-01", "10:00"), calls: Array(calls.dropFirst()), settings: s).allowedNow)
}

@Test("fifteen calls in any 30 days: the sixteenth waits until the oldest leaves the window")
func monthlyLimit() {
  let calls = [
    "2026-11-04", "2026-11-06", "2026-11-09", "2026-11-10", "2026-11-11", "2026-11-13",
    "2026-11-16", "2026-11-17", "2026-11-18", "2026-11-20", "2026-11-23", "2026-11-25",
    "2026-11-27", "2026-11-30", "2026-12-02",
  ]
  #expect(calls.count == 15)
  let p = check(at("2026-12-03", "10:00"), calls: calls)
  #expect(p.blocks == [.monthlyLimit])
  // 30 days up to Friday 4 Dec start on 5 Nov: 4 Nov drops out, 14 calls remain.
  #expect(p.from == at("2026-12-04", "08:00"))
  #expect(check(at("2026-12-03", "10:00"), calls: Array(calls.dropFirst())).allowedNow)
}

@Test("a debtor who asked not to be called is never callable; nor one without a phone")
func doNotCallFlag() {
  let p = check(at("2026-11-30", "10:00"), doNotCall: true)
  #expect(p.blocks == [.doNotCall])
  #expect(p.from == nil)
  let q = CallGuard.check(
    settings: .standard, callDays: [], doNotCall: false, hasPhone: false,
    at: at("2026-11-30", "10:00"))
  #expect(q.blocks == [.noPhone])
}

@Test("several blocks are all named; the first allowed moment satisfies all of them")
func combinedBlocks() {
  // Sunday evening, called Friday and Saturday... next allowed: Monday 08:00.
  let p = check(at("2026-11-29", "20:00"), calls: ["2026-11-29"])
  #expect(p.blocks == [.sunday, .dailyLimit])
  #expect(p.from == at("2026-11-30", "08:00"))
}

@Test("call settings read and write the store's JSON shape, and refuse an unknown reason")
func settingsJSON() throws {
  var s = CallSettings()
  s.weekdayHours = TimeSpan(parsing: "09:00-17:30")!
  s.weights[.holdEnds] = 75
  let data = try JSONEncoderShim.encode(s)
  #expect(data.contains("\"weekday_hours\":\"09:00-17:30\""))
  let back = try JSONEncoderShim.decode(data)
  #expect(back == s)
  #expect(throws: (any Error).self) {
    try JSONEncoderShim.decode(#"{"weights":{"nonsense":3}}"#)
  }
  #expect(try JSONEncoderShim.decode("{}") == CallSettings.standard)
}

/// JSON in and out of `CallSettings` as the store file holds it.
enum JSONEncoderShim {
  static func encode(_ s: CallSettings) throws -> String {
    let e = JSONEncoder()
    e.outputFormatting = [.sortedKeys]
    return String(decoding: try e.encode(s), as: UTF8.self)
  }
  static func decode(_ text: String) throws -> CallSettings {
    try JSONDecoder().decode(CallSettings.self, from: Data(text.utf8))
  }
}
