import Testing

@testable import KravCore

/// Shorthand for a day in tests; traps on impossible dates.
func day(_ text: String) -> Day { Day(parsing: text)! }

@Suite("Norwegian holidays and business days")
struct HolidayTests {
  @Test(
    "computes Easter Sunday for known years",
    arguments: [
      (2008, "2008-03-23"), (2019, "2019-04-21"), (2024, "2024-03-31"), (2025, "2025-04-20"),
      (2026, "2026-04-05"), (2027, "2027-03-28"), (2038, "2038-04-25"),
    ])
  func easter(year: Int, expected: String) {
    #expect(NorwegianHoliday.easterSunday(year: year) == day(expected))
  }

  @Test("lists the twelve holidays of 2026 with their dates")
  func holidays2026() {
    let list = NorwegianHoliday.holidays(in: 2026).map { "\($0.day.iso) \($0.holiday.rawValue)" }
    #expect(
      list == [
        "2026-01-01 newYearsDay", "2026-04-02 maundyThursday", "2026-04-03 goodFriday",
        "2026-04-05 easterSunday", "2026-04-06 easterMonday", "2026-05-01 labourDay",
        "2026-05-14 ascensionDay", "2026-05-17 constitutionDay", "2026-05-24 whitSunday",
        "2026-05-25 whitMonday", "2026-12-25 christmasDay", "2026-12-26 boxingDay",
      ])
  }

  @Test("recognises each holiday from the date alone and agrees with the yearly list")
  func recognises() {
    for year in 2019...2030 {
      for entry in NorwegianHoliday.holidays(in: year) {
        #expect(entry.day.isPublicHoliday)
      }
      var count = 0
      var d = Day(year: year, month: 1, day: 1)!
      while d.year == year {
        if d.isPublicHoliday { count += 1 }
        d = d.adding(days: 1)
      }
      let distinct = Set(NorwegianHoliday.holidays(in: year).map(\.day)).count
      #expect(count == distinct, "year \(year)")
    }
    #expect(day("2008-05-01").publicHoliday == .labourDay)  // also Ascension that year
    #expect(day("2025-12-24").isPublicHoliday == false)  // julaften is not a holiday
    #expect(day("2025-12-31").isBusinessDay)
  }

  @Test("the holiday table agrees with the rules on every day of 1900–2199 and ends cleanly")
  func table() {
    var d = HolidayTable.first
    var holidays = 0
    while d <= HolidayTable.last {
      let bit = HolidayTable.bit(d)
      #expect(bit == (d.publicHoliday != nil), "\(d.iso)")
      if bit == true { holidays += 1 }
      d = d.adding(days: 1)
    }
    // Eleven to twelve distinct holiday dates a year (Ascension can fall on 1 or 17 May).
    #expect(holidays > 300 * 11 && holidays <= 300 * 12)
    // Outside the table the rules are worked out: Easter Monday 2200 and 1899.
    #expect(HolidayTable.bit(HolidayTable.last.adding(days: 1)) == nil)
    #expect(NorwegianHoliday.easterSunday(year: 2200).adding(days: 1).isPublicHoliday)
    #expect(NorwegianHoliday.easterSunday(year: 1899).adding(days: 1).isPublicHoliday)
  }

  @Test("knows that 17 May 2026 is a Sunday and that weekends are not business days")
  func weekdays() {
    #expect(day("2026-05-17").weekday == 7)
    #expect(day("2026-05-16").isBusinessDay == false)
    #expect(day("2026-05-15").isBusinessDay)
    #expect(day("2026-05-14").isBusinessDay == false)  // Ascension
  }

  @Test(
    "moves a due date on a weekend or holiday to the next business day (gjeldsbrevloven § 5)",
    arguments: [
      ("2026-05-16", "2026-05-18"),  // Sat, then 17 May on a Sunday
      ("2025-04-17", "2025-04-22"),  // Maundy Thursday → past Easter Monday
      ("2025-06-01", "2025-06-02"),  // Sunday → Monday
      ("2025-06-08", "2025-06-10"),  // Whit Sunday → past Whit Monday
      ("2026-12-25", "2026-12-28"),  // Christmas Friday → Monday
      ("2026-05-01", "2026-05-04"),  // 1 May Friday → Monday
      ("2026-03-10", "2026-03-10"),  // an ordinary Tuesday stays
    ])
  func adjustsDueDate(due: String, expected: String) {
    #expect(day(due).adjustedDueDate == day(expected))
  }

  @Test("adds business days across Easter 2024 and backwards")
  func addsBusinessDays() {
    #expect(day("2024-03-27").adding(businessDays: 1) == day("2024-04-02"))
    #expect(day("2024-03-27").adding(businessDays: 0) == day("2024-03-27"))
    #expect(day("2024-04-02").adding(businessDays: -1) == day("2024-03-27"))
    #expect(day("2026-05-12").adding(businessDays: 5) == day("2026-05-20"))
    #expect(day("2024-03-27").businessDays(to: day("2024-04-03")) == 2)
    #expect(day("2024-04-03").businessDays(to: day("2024-03-27")) == -2)
    #expect(day("2024-03-27").nextBusinessDay == day("2024-04-02"))
  }

  @Test("names holidays in both languages")
  func names() {
    #expect(NorwegianHoliday.maundyThursday.name(.nb) == "Skjærtorsdag")
    #expect(NorwegianHoliday.constitutionDay.name(.en) == "Constitution Day")
  }
}
