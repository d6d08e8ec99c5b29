/// A span of local time within a day, in minutes after midnight (`from` inclusive, `to`
/// exclusive): `08:00-16:00` allows a call at 15:59 but not at 16:00.
public struct TimeSpan: Hashable, Sendable, CustomStringConvertible {
  public var from: Int
  public var to: Int

  public init(from: Int, to: Int) {
    self.from = from
    self.to = to
  }

  /// Parses `HH:MM-HH:MM` (or `HH-HH`); nil when malformed or empty.
  public init?(parsing text: String) {
    let parts = text.split(separator: "-", omittingEmptySubsequences: false)
    guard parts.count == 2, let a = TimeSpan.minutes(String(parts[0])),
      let b = TimeSpan.minutes(String(parts[1])), a < b
    else { return nil }
    from = a
    to = b
  }

  /// Minutes after midnight of `HH:MM` or `HH` (24:00 allowed as the end of a day).
  public static func minutes(_ text: String) -> Int? {
    let hm = text.trimmingSpaces.split(separator: ":", omittingEmptySubsequences: false)
    guard hm.count == 1 || hm.count == 2,
      hm.allSatisfy({ (1...2).contains($0.count) && $0.allSatisfy(\.isASCII) }),
      let h = Int(hm[0]), let m = hm.count == 2 ? Int(hm[1]) : 0,
      (0...24).contains(h), (0..<60).contains(m), h * 60 + m <= 24 * 60
    else { return nil }
    return h * 60 + m
  }

  /// `HH:MM` of a minute of the day.
  public static func clock(_ minutes: Int) -> String {
    func two(_ v: Int) -> String { v < 10 ? "0\(v)" : "\(v)" }
    return "\(two(minutes / 60)):\(two(minutes % 60))"
  }

  public var description: String { "\(TimeSpan.clock(from))-\(TimeSpan.clock(to))" }

  public func contains(_ minute: Int) -> Bool { minute >= from && minute < to }

  /// Whether this span lies inside `outer`.
  public func isInside(_ outer: TimeSpan) -> Bool { from >= outer.from && to <= outer.to }
}

/// Why a customer is on the call list; each reason has a weight in the ranking.
public enum CallReason: String, Sendable, Hashable, CaseIterable, Codable {
  /// A promise to pay was not kept (or only in part) and nobody has called since.
  case brokenPromise = "broken-promise"
  /// The first notice (reminder or inkassovarsel) is unpaid past its deadline, not yet called.
  case noticeUnpaid = "notice-unpaid"
  /// A formal step was just taken (call again so the debtor knows).
  case stepTaken = "step-taken"
  /// An instalment of a plan falls due today (filled in by the plans feature).
  case instalmentDue = "instalment-due"
  /// An instalment was missed (filled in by the plans feature).
  case instalmentMissed = "instalment-missed"
  /// A plan was not signed by its signing deadline (filled in by the plans feature).
  case planUnsigned = "plan-unsigned"
  /// An objection waits for the creditor's answer, or its reply window just ended.
  case disputeFollowUp = "dispute-follow-up"
  /// A hold on the customer or one of its claims ends today.
  case holdEnds = "hold-ends"
}

/// The creditor's call-list rules: office hours within the legal frame, the per-debtor
/// limits and the ranking weights (stored in `call-settings.json`).
///
/// Legal frame (domain-norway.md §4, Finanstilsynet circular 5/2022): weekdays 08:00–21:00,
/// Saturdays 09:00–15:00, never Sundays or public holidays; at most 1 call a day, 5 a week and
/// 15 a month per debtor. Office hours may be narrower, never wider.
public struct CallSettings: Hashable, Sendable, Codable {
  /// Hours on Monday–Friday (default 08:00–16:00).
  public var weekdayHours: TimeSpan = TimeSpan(from: 8 * 60, to: 16 * 60)
  /// Hours on Saturday, if the creditor calls then (default: no Saturday calls).
  public var saturdayHours: TimeSpan?
  /// Calls per debtor: per day, in any 7 days, in any 30 days (at most 1, 5, 15).
  public var maxPerDay = 1
  public var maxPerWeek = 5
  public var maxPerMonth = 15
  /// Days after a promised date before a promise counts as broken: the ladder's
  /// (`Ledger.promiseGraceDays`), so the call list and the ladder always agree.
  public var promiseGraceDays: Int { Ledger.promiseGraceDays }
  /// Weight of each reason (points); a broken promise also puts the customer at the top.
  public var weights: [CallReason: Int] = CallSettings.defaultWeights
  /// One point per this many kroner outstanding, at most `amountCap` points.
  public var kronerPerPoint = 1_000
  public var amountCap = 50
  /// One point per this many days overdue (oldest claim), at most `overdueCap` points.
  public var daysPerPoint = 2
  public var overdueCap = 50

  /// The legal frame office hours must stay inside.
  public static let legalWeekday = TimeSpan(from: 8 * 60, to: 21 * 60)
  public static let legalSaturday = TimeSpan(from: 9 * 60, to: 15 * 60)

  public static let defaultWeights: [CallReason: Int] = [
    .brokenPromise: 100, .instalmentMissed: 90, .noticeUnpaid: 60, .stepTaken: 50,
    .planUnsigned: 40, .disputeFollowUp: 40, .instalmentDue: 30, .holdEnds: 30,
  ]

  public static let standard = CallSettings()

  public init() {}

  /// The weight of a reason.
  public func weight(_ r: CallReason) -> Int { weights[r] ?? CallSettings.defaultWeights[r] ?? 0 }

  /// What is wrong with these settings (empty when they are lawful and sensible).
  public func problems() -> [String] { ruleProblems().map { $0.text(.en) } }

  /// Where the settings leave the legal frame, as values the interface words per language.
  public func ruleProblems() -> [RuleProblem] {
    var p: [RuleProblem] = []
    if !weekdayHours.isInside(CallSettings.legalWeekday) {
      p.append(.weekdayHours(weekdayHours))
    }
    if let s = saturdayHours, !s.isInside(CallSettings.legalSaturday) {
      p.append(.saturdayHours(s))
    }
    if !(0...1).contains(maxPerDay) { p.append(.perDay) }
    if !(0...5).contains(maxPerWeek) { p.append(.perWeek) }
    if !(0...15).contains(maxPerMonth) { p.append(.perMonth) }
    if kronerPerPoint < 1 || daysPerPoint < 1 { p.append(.divisors) }
    if weights.values.contains(where: { $0 < 0 }) { p.append(.negativeWeight) }
    return p
  }

  /// One way the settings break the legal frame (or the ranking's arithmetic).
  public enum RuleProblem: Hashable, Sendable {
    case weekdayHours(TimeSpan), saturdayHours(TimeSpan)
    case perDay, perWeek, perMonth, divisors, negativeWeight

    /// One of each case (for the language guard).
    public static let allSamples: [RuleProblem] = [
      .weekdayHours(TimeSpan(parsing: "07:00-16:00")!),
      .saturdayHours(TimeSpan(parsing: "09:00-16:00")!), .perDay, .perWeek, .perMonth, .divisors,
      .negativeWeight,
    ]

    /// The problem in `lang`.
    public func text(_ lang: Language) -> String {
      let nb = lang == .nb
      switch self {
      case .weekdayHours(let h):
        return nb
          ? "tidene på hverdager \(h) er utenfor den lovlige rammen 08:00-21:00"
          : "weekday hours \(h) are outside the legal frame 08:00-21:00"
      case .saturdayHours(let h):
        return nb
          ? "tidene på lørdag \(h) er utenfor den lovlige rammen 09:00-15:00"
          : "Saturday hours \(h) are outside the legal frame 09:00-15:00"
      case .perDay:
        return nb ? "høyst 1 samtale per dag er tillatt" : "at most 1 call a day is allowed"
      case .perWeek:
        return nb ? "høyst 5 samtaler per uke er tillatt" : "at most 5 calls a week are allowed"
      case .perMonth:
        return nb
          ? "høyst 15 samtaler per måned er tillatt" : "at most 15 calls a month are allowed"
      case .divisors:
        return nb ? "poengdelerne må være minst 1" : "points divisors must be at least 1"
      case .negativeWeight:
        return nb ? "vektene kan ikke være negative" : "weights must not be negative"
      }
    }
  }

  /// A value in `call-settings.json` the settings cannot take (thrown while decoding).
  public struct ValueProblem: Error, Hashable, Sendable {
    /// The JSON key (`weekday_hours`, `weights`).
    public var field: String
    public var got: String
    /// A time span was expected (else: a call reason as a weight's key).
    public var expectedTimeSpan: Bool

    public init(field: String, got: String, expectedTimeSpan: Bool) {
      self.field = field
      self.got = got
      self.expectedTimeSpan = expectedTimeSpan
    }

    /// The problem in `lang`, without the field.
    public func text(_ lang: Language) -> String {
      switch (lang, expectedTimeSpan) {
      case (.nb, true): return "forventet HH:MM-HH:MM, fikk '\(got)'"
      case (.en, true): return "expected HH:MM-HH:MM, got '\(got)'"
      case (.nb, false): return "ukjent grunn '\(got)'"
      case (.en, false): return "unknown reason '\(got)'"
      }
    }
  }

  /// The hours calls are allowed on `day`, or nil when none (Sundays and public holidays).
  public func hours(on day: Day) -> TimeSpan? {
    if day.weekday == 7 || day.isPublicHoliday { return nil }
    if day.weekday == 6 { return saturdayHours }
    return weekdayHours
  }

  enum CodingKeys: String, CodingKey {
    case weekdayHours = "weekday_hours", saturdayHours = "saturday_hours"
    case maxPerDay = "max_per_day", maxPerWeek = "max_per_week", maxPerMonth = "max_per_month"
    case weights, kronerPerPoint = "kroner_per_point", amountCap = "amount_cap"
    case daysPerPoint = "days_per_point", overdueCap = "overdue_cap"
  }

  public init(from decoder: Decoder) throws {
    let c = try decoder.container(keyedBy: CodingKeys.self)
    let d = CallSettings()
    func span(_ k: CodingKeys) throws -> TimeSpan? {
      guard let s = try c.decodeIfPresent(String.self, forKey: k) else { return nil }
      guard let t = TimeSpan(parsing: s) else {
        throw ValueProblem(field: k.rawValue, got: s, expectedTimeSpan: true)
      }
      return t
    }
    weekdayHours = try span(.weekdayHours) ?? d.weekdayHours
    saturdayHours = try span(.saturdayHours)
    maxPerDay = try c.decodeIfPresent(Int.self, forKey: .maxPerDay) ?? d.maxPerDay
    maxPerWeek = try c.decodeIfPresent(Int.self, forKey: .maxPerWeek) ?? d.maxPerWeek
    maxPerMonth = try c.decodeIfPresent(Int.self, forKey: .maxPerMonth) ?? d.maxPerMonth
    let raw = try c.decodeIfPresent([String: Int].self, forKey: .weights) ?? [:]
    for (k, v) in raw {
      guard let r = CallReason(rawValue: k) else {
        throw ValueProblem(field: CodingKeys.weights.rawValue, got: k, expectedTimeSpan: false)
      }
      weights[r] = v
    }
    kronerPerPoint = try c.decodeIfPresent(Int.self, forKey: .kronerPerPoint) ?? d.kronerPerPoint
    amountCap = try c.decodeIfPresent(Int.self, forKey: .amountCap) ?? d.amountCap
    daysPerPoint = try c.decodeIfPresent(Int.self, forKey: .daysPerPoint) ?? d.daysPerPoint
    overdueCap = try c.decodeIfPresent(Int.self, forKey: .overdueCap) ?? d.overdueCap
  }

  public func encode(to encoder: Encoder) throws {
    var c = encoder.container(keyedBy: CodingKeys.self)
    try c.encode(weekdayHours.description, forKey: .weekdayHours)
    try c.encodeIfPresent(saturdayHours?.description, forKey: .saturdayHours)
    try c.encode(maxPerDay, forKey: .maxPerDay)
    try c.encode(maxPerWeek, forKey: .maxPerWeek)
    try c.encode(maxPerMonth, forKey: .maxPerMonth)
    try c.encode(
      Dictionary(uniqueKeysWithValues: weights.map { ($0.key.rawValue, $0.value) }),
      forKey: .weights)
    try c.encode(kronerPerPoint, forKey: .kronerPerPoint)
    try c.encode(amountCap, forKey: .amountCap)
    try c.encode(daysPerPoint, forKey: .daysPerPoint)
    try c.encode(overdueCap, forKey: .overdueCap)
  }
}
