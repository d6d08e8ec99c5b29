/// Why a customer may not be called at a moment (good practice, domain-norway.md §4).
public enum CallBlock: String, Sendable, Hashable, CaseIterable {
  case sunday
  case holiday
  /// Saturday, when the creditor does not call on Saturdays.
  case saturday
  case beforeHours = "before-hours"
  case afterHours = "after-hours"
  case dailyLimit = "daily-limit"
  case weeklyLimit = "weekly-limit"
  case monthlyLimit = "monthly-limit"
  case doNotCall = "do-not-call"
  case noPhone = "no-phone"
}

/// A moment in Oslo local time: a day and minutes after midnight.
public struct LocalMoment: Hashable, Sendable, Comparable, CustomStringConvertible {
  public var day: Day
  public var minute: Int

  public init(day: Day, minute: Int) {
    self.day = day
    self.minute = minute
  }

  public static func < (a: LocalMoment, b: LocalMoment) -> Bool {
    (a.day, a.minute) < (b.day, b.minute)
  }

  /// `YYYY-MM-DDTHH:MM` (the form of `--now`).
  public var description: String { "\(day.iso)T\(TimeSpan.clock(minute))" }
}

/// Whether a customer may be called at a moment, and if not, why and from when.
public struct CallPermission: Hashable, Sendable {
  /// Everything that stands in the way now (empty: may be called now).
  public var blocks: [CallBlock]
  /// The first moment a call is allowed (now when allowed; nil when never, e.g. do not call).
  public var from: LocalMoment?

  public var allowedNow: Bool { blocks.isEmpty }
}

/// The call rules as a pure function of the settings, the customer's recent calls and now.
public enum CallGuard {
  /// How many days to look ahead for the next allowed moment (a month's limit frees up within 30).
  static let horizon = 40

  /// Checks a call to a customer with `callDays` (days of logged calls) at `now`.
  ///
  /// Rules: never on Sundays and public holidays; Saturdays only if the creditor calls then,
  /// within its Saturday hours; weekdays within office hours (`from` inclusive, `to`
  /// exclusive); at most `maxPerDay` calls on a day, `maxPerWeek` in any 7 days and
  /// `maxPerMonth` in any 30 days (the day itself included); never a debtor who asked not to
  /// be called, nor one without a phone number.
  public static func check(
    settings s: CallSettings, callDays: [Day], doNotCall: Bool, hasPhone: Bool = true,
    at now: LocalMoment
  ) -> CallPermission {
    var blocks: [CallBlock] = []
    if doNotCall { blocks.append(.doNotCall) }
    if !hasPhone { blocks.append(.noPhone) }
    blocks += timeBlocks(s, now)
    blocks += limitBlocks(s, callDays, on: now.day)
    if blocks.isEmpty { return CallPermission(blocks: [], from: now) }
    if doNotCall || !hasPhone { return CallPermission(blocks: blocks, from: nil) }
    return CallPermission(blocks: blocks, from: firstAllowed(s, callDays, after: now))
  }

  /// What the clock and calendar forbid at `now`.
  static func timeBlocks(_ s: CallSettings, _ now: LocalMoment) -> [CallBlock] {
    let d = now.day
    if d.weekday == 7 { return [.sunday] }
    if d.isPublicHoliday { return [.holiday] }
    guard let hours = s.hours(on: d) else { return [.saturday] }
    if now.minute < hours.from { return [.beforeHours] }
    if now.minute >= hours.to { return [.afterHours] }
    return []
  }

  /// What the per-debtor limits forbid on `day`.
  static func limitBlocks(_ s: CallSettings, _ callDays: [Day], on day: Day) -> [CallBlock] {
    func count(within days: Int) -> Int {
      let first = day.adding(days: -(days - 1))
      return callDays.reduce(0) { $0 + ($1 >= first && $1 <= day ? 1 : 0) }
    }
    var blocks: [CallBlock] = []
    if count(within: 1) >= s.maxPerDay { blocks.append(.dailyLimit) }
    if count(within: 7) >= s.maxPerWeek { blocks.append(.weeklyLimit) }
    if count(within: 30) >= s.maxPerMonth { blocks.append(.monthlyLimit) }
    return blocks
  }

  /// The first moment at or after `now` when both the clock and the limits allow a call.
  static func firstAllowed(_ s: CallSettings, _ callDays: [Day], after now: LocalMoment)
    -> LocalMoment?
  {
    for offset in 0...horizon {
      let d = now.day.adding(days: offset)
      guard d.weekday != 7, !d.isPublicHoliday, let hours = s.hours(on: d) else { continue }
      let start = offset == 0 ? max(now.minute, hours.from) : hours.from
      guard start < hours.to, limitBlocks(s, callDays, on: d).isEmpty else { continue }
      return LocalMoment(day: d, minute: start)
    }
    return nil
  }
}
