import Testing

@testable import KravCore

@Suite("Rate table")
struct RateTableTests {
  @Test("looks up the row in force on a day, up to the day before the next row")
  func lookup() {
    let t = RateTable.norway
    #expect(t.lateInterestBasisPoints(on: day("2025-06-30")) == 1250)
    #expect(t.lateInterestBasisPoints(on: day("2025-07-01")) == 1225)
    #expect(t.lateInterestBasisPoints(on: day("2026-03-01")) == 1200)
    // Issue 15: the table goes back to 2010 (rates-research.md §1); before that, nothing.
    #expect(t.lateInterestBasisPoints(on: day("2019-12-31")) == 925)
    #expect(t.lateInterestBasisPoints(on: day("2014-03-01")) == 950)
    #expect(t.lateInterestBasisPoints(on: day("2009-12-31")) == nil)
    #expect(t.amount(.inkassosats, on: day("2026-01-01")) == Money(kroner: 750))
    #expect(t.amount(.rettsgebyr, on: day("2024-12-31")) == Money(kroner: 1_277))
    #expect(t.amount(.b2bCompensation, on: day("2023-07-01")) == Money(kroner: 460))
  }

  @Test("flags the verify rows of domain-norway.md as unverified")
  func verifyFlags() {
    let t = RateTable.norway
    #expect(t.row(.lateInterest, on: day("2024-08-01"))?.isVerified == false)
    #expect(t.row(.lateInterest, on: day("2025-08-01"))?.isVerified == false)
    #expect(t.row(.lateInterest, on: day("2025-02-01"))?.isVerified == true)
    #expect(t.row(.reminderFee, on: day("2026-02-01"))?.isVerified == false)
    #expect(t.row(.rettsgebyr, on: day("2023-02-01"))?.isVerified == false)
    #expect(t.row(.b2bCompensation, on: day("2025-08-01"))?.isVerified == false)
    #expect(t.row(.forliksklageFactor, on: day("2024-08-01"))?.isVerified == false)
  }

  @Test("gives every row a source URL and every kind a row in force in 2026")
  func sources() {
    let t = RateTable.norway
    #expect(t.rows.allSatisfy { $0.source.hasPrefix("https://") })
    #expect(t.inForce(on: day("2026-06-01")).count == RateTable.Kind.allCases.count)
    #expect(
      t.changeDays(of: .lateInterest, in: day("2023-01-01")...day("2023-12-31"))
        == [day("2023-01-01"), day("2023-07-01")])
  }

  @Test("shows values for krav rates in both languages")
  func valueText() {
    #expect(RateTable.Value.percent(basisPoints: 1225).text(.nb) == "12,25 %")
    #expect(RateTable.Value.percent(basisPoints: 1200).text(.en) == "12.00 %")
    #expect(RateTable.Value.factor(hundredths: 121).text(.nb) == "1,21 R")
    #expect(RateTable.Value.amount(Money(ore: 37_50)).text(.nb) == "37,50 kr")
  }

  @Test("labels every kind in both languages")
  func labels() {
    for kind in RateTable.Kind.allCases {
      #expect(!kind.label(.nb).isEmpty && !kind.label(.en).isEmpty)
    }
    #expect(RateTable.Kind.lateInterest.label(.nb) == "Forsinkelsesrente")
  }
}
