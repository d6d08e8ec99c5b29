import Testing

@testable import KravCore

@Suite("Money formatting and parsing")
struct MoneyFormatTests {
  @Test("formats Norwegian with space-grouped thousands, comma decimals and kr")
  func formatsNorwegian() {
    #expect(Money(ore: 1_234_550).formatted(.nb) == "12 345,50 kr")
    #expect(Money(ore: -1_234_550).formatted(.nb) == "-12 345,50 kr")
    #expect(Money(ore: 5).formatted(.nb) == "0,05 kr")
    #expect(Money(kroner: 1_000_000).formatted(.nb) == "1 000 000,00 kr")
    #expect(Money(kroner: 999).formatted(.nb) == "999,00 kr")
  }

  @Test("formats English as NOK with comma-grouped thousands and a dot")
  func formatsEnglish() {
    #expect(Money(ore: 1_234_550).formatted(.en) == "NOK 12,345.50")
    #expect(Money(ore: -1_234_550).formatted(.en) == "-NOK 12,345.50")
    #expect(Money.zero.formatted(.en) == "NOK 0.00")
  }

  @Test(
    "parses every command-line form to the same øre",
    arguments: [
      "1234.50", "1234,50", "1 234,50", "1 234.5", "kr 1234,50", "1234,50 kr", "NOK 1,234.50",
      "1.234,50", "1\u{00A0}234,50", " 1234.50 ",
    ])
  func parsesForms(text: String) {
    #expect(Money(parsing: text) == Money(ore: 123_450))
  }

  @Test("parses whole kroner with and without grouping")
  func parsesWhole() {
    #expect(Money(parsing: "1234") == Money(kroner: 1234))
    #expect(Money(parsing: "12 345") == Money(kroner: 12_345))
    #expect(Money(parsing: "-35") == Money(kroner: -35))
    #expect(Money(parsing: "0,05") == Money(ore: 5))
  }

  @Test(
    "rejects garbage, bad grouping, more than two decimals and overflow",
    arguments: [
      "", "abc", "12a", "1.234", "1,234", "12.345.678", "1 23", "12 34,50", "1234.", ".50",
      "1234.505", "--5", "kr", "1,2,3", "92233720368547758.08", "99999999999999999999",
    ])
  func rejects(text: String) {
    #expect(Money(parsing: text) == nil)
  }

  @Test("round-trips formatted output through the parser")
  func roundTrips() {
    for ore: Int64 in [0, 1, 99, 100_000, 1_234_550, -987_654_321] {
      #expect(Money(parsing: Money(ore: ore).formatted(.nb)) == Money(ore: ore))
      #expect(Money(parsing: Money(ore: ore).formatted(.en)) == Money(ore: ore))
    }
  }

  @Test("parses the strict JSON form and nothing looser")
  func parsesJSON() {
    #expect(Money(json: "1234.50") == Money(ore: 123_450))
    #expect(Money(json: "-0.05") == Money(ore: -5))
    #expect(Money(json: "0.00") == .zero)
    #expect(Money(json: Money(ore: 42_00).jsonString) == Money(ore: 42_00))
    for bad in ["1234", "1234.5", "1234,50", "1 234.50", "", ".50", "12.3x", "a.bc"] {
      #expect(Money(json: bad) == nil, "\(bad)")
    }
  }
}
