/// The Norwegian public holidays (helligdager and the two statutory høytidsdager).
///
/// The list, from lov om helligdager og helligdagsfred and lov om 1. og 17. mai som
/// høgtidsdager: nyttårsdag, skjærtorsdag, langfredag, 1. and 2. påskedag, 1. mai, 17. mai,
/// Kristi himmelfartsdag, 1. and 2. pinsedag, 1. and 2. juledag. Sundays are days off anyway;
/// Christmas Eve and New Year's Eve are not public holidays and so count as business days.
public enum NorwegianHoliday: String, Sendable, CaseIterable {
  case newYearsDay
  case maundyThursday
  case goodFriday
  case easterSunday
  case easterMonday
  case labourDay
  case constitutionDay
  case ascensionDay
  case whitSunday
  case whitMonday
  case christmasDay
  case boxingDay

  /// The holiday's name in `lang`.
  public func name(_ lang: Language) -> String {
    switch (self, lang) {
    case (.newYearsDay, .nb): return "Første nyttårsdag"
    case (.newYearsDay, .en): return "New Year's Day"
    case (.maundyThursday, .nb): return "Skjærtorsdag"
    case (.maundyThursday, .en): return "Maundy Thursday"
    case (.goodFriday, .nb): return "Langfredag"
    case (.goodFriday, .en): return "Good Friday"
    case (.easterSunday, .nb): return "Første påskedag"
    case (.easterSunday, .en): return "Easter Sunday"
    case (.easterMonday, .nb): return "Andre påskedag"
    case (.easterMonday, .en): return "Easter Monday"
    case (.labourDay, .nb): return "Første mai"
    case (.labourDay, .en): return "Labour Day"
    case (.constitutionDay, .nb): return "Syttende mai"
    case (.constitutionDay, .en): return "Constitution Day"
    case (.ascensionDay, .nb): return "Kristi himmelfartsdag"
    case (.ascensionDay, .en): return "Ascension Day"
    case (.whitSunday, .nb): return "Første pinsedag"
    case (.whitSunday, .en): return "Whit Sunday"
    case (.whitMonday, .nb): return "Andre pinsedag"
    case (.whitMonday, .en): return "Whit Monday"
    case (.christmasDay, .nb): return "Første juledag"
    case (.christmasDay, .en): return "Christmas Day"
    case (.boxingDay, .nb): return "Andre juledag"
    case (.boxingDay, .en): return "Boxing Day"
    }
  }

  /// Easter Sunday of a Gregorian year (anonymous Gregorian computus, Meeus/Jones/Butcher).
  public static func easterSunday(year: Int) -> Day {
    let a = year % 19
    let b = year / 100
    let c = year % 100
    let d = b / 4
    let e = b % 4
    let f = (b + 8) / 25
    let g = (b - f + 1) / 3
    let h = (19 * a + b - d - g + 15) % 30
    let i = c / 4
    let k = c % 4
    let l = (32 + 2 * e + 2 * i - h - k) % 7
    let m = (a + 11 * h + 22 * l) / 451
    let month = (h + l - 7 * m + 114) / 31
    let day = (h + l - 7 * m + 114) % 31 + 1
    return Day(year: year, month: month, day: day)!
  }

  /// Every public holiday of `year`, in date order.
  public static func holidays(in year: Int) -> [(day: Day, holiday: NorwegianHoliday)] {
    let easter = easterSunday(year: year)
    let list: [(Day, NorwegianHoliday)] = [
      (Day(year: year, month: 1, day: 1)!, .newYearsDay),
      (easter.adding(days: -3), .maundyThursday),
      (easter.adding(days: -2), .goodFriday),
      (easter, .easterSunday),
      (easter.adding(days: 1), .easterMonday),
      (Day(year: year, month: 5, day: 1)!, .labourDay),
      (Day(year: year, month: 5, day: 17)!, .constitutionDay),
      (easter.adding(days: 39), .ascensionDay),
      (easter.adding(days: 49), .whitSunday),
      (easter.adding(days: 50), .whitMonday),
      (Day(year: year, month: 12, day: 25)!, .christmasDay),
      (Day(year: year, month: 12, day: 26)!, .boxingDay),
    ]
    // Ascension can fall on 1 or 17 May; keep both entries but in date order.
    return list.sorted { $0.0 < $1.0 }.map { (day: $0.0, holiday: $0.1) }
  }
}
