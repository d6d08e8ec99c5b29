import Testing

@testable import KravCore

@Suite("Late-payment interest (forsinkelsesrente)")
struct LateInterestTests {
  @Test("matches the worked check of domain-norway §3: 10 000 due 2025-06-01 → 206.71")
  func workedCheck() {
    // 29 days at 12.5 % (2–30 June) + 32 days at 12.25 % (1 July – 1 August), /365:
    // 1 000 000 øre × (0.125 × 29 + 0.1225 × 32) / 365 = 20 671.23 øre → 206.71 kr.
    let amount = LateInterest.amount(
      principal: Money(kroner: 10_000), due: day("2025-06-01"), reductions: [],
      asOf: day("2025-08-01"))
    #expect(amount == Money(ore: 20_671))
    let periods = LateInterest.breakdown(
      principal: Money(kroner: 10_000), due: day("2025-06-01"), reductions: [],
      asOf: day("2025-08-01"))
    #expect(periods.map(\.days) == [29, 32])
    #expect(periods.map(\.basisPoints) == [1250, 1225])
    #expect(periods.map(\.from) == [day("2025-06-02"), day("2025-07-01")])
    #expect(periods.map(\.interest) == [Money(ore: 9_932), Money(ore: 10_740)])
  }

  @Test("divides by 366 for days in a leap year")
  func leapYear() {
    // 10 000 due 2023-12-15, as of 2024-01-15:
    // 16 days (16–31 Dec 2023) at 11.75 % /365 = 5 150.68 øre
    // 15 days (1–15 Jan 2024) at 12.50 % /366 = 5 122.95 øre → 10 273.64 → 102.74 kr.
    let amount = LateInterest.amount(
      principal: Money(kroner: 10_000), due: day("2023-12-15"), reductions: [],
      asOf: day("2024-01-15"))
    #expect(amount == Money(ore: 10_274))
    let periods = LateInterest.breakdown(
      principal: Money(kroner: 10_000), due: day("2023-12-15"), reductions: [],
      asOf: day("2024-01-15"))
    #expect(periods.map(\.yearDays) == [365, 366])
  }

  @Test("splits at every rate change across 2023")
  func multipleRates() {
    // 20 000 due 2022-12-01, as of 2024-01-10 (principal 2 000 000 øre):
    //  30 days (2–31 Dec 2022) at  9.25 % /365 =  15 205.48
    // 181 days (1 Jan–30 Jun)  at 10.75 % /365 = 106 616.44
    // 184 days (1 Jul–31 Dec)  at 11.75 % /365 = 118 465.75
    //  10 days (1–10 Jan 2024) at 12.50 % /366 =   6 830.60 → 247 118.28 øre → 2 471.18 kr.
    let args = (Money(kroner: 20_000), day("2022-12-01"), day("2024-01-10"))
    let amount = LateInterest.amount(
      principal: args.0, due: args.1, reductions: [], asOf: args.2)
    #expect(amount == Money(ore: 247_118))
    let periods = LateInterest.breakdown(
      principal: args.0, due: args.1, reductions: [], asOf: args.2)
    #expect(periods.map(\.days) == [30, 181, 184, 10])
    #expect(periods.map(\.basisPoints) == [925, 1075, 1175, 1250])
  }

  @Test("runs on the remainder from the day after a part payment")
  func partPayment() {
    // 10 000 due 2025-01-10; 4 000 paid on 2025-02-09; as of 2025-03-11, all at 12.5 %:
    // 11 Jan – 9 Feb: 30 days on 10 000 = 10 273.97 øre (the payment day still counts in full)
    // 10 Feb – 11 Mar: 30 days on  6 000 =  6 164.38 øre → 16 438.36 → 164.38 kr.
    let amount = LateInterest.amount(
      principal: Money(kroner: 10_000), due: day("2025-01-10"),
      reductions: [(day: day("2025-02-09"), amount: Money(kroner: 4_000))],
      asOf: day("2025-03-11"))
    #expect(amount == Money(ore: 16_438))
    let periods = LateInterest.breakdown(
      principal: Money(kroner: 10_000), due: day("2025-01-10"),
      reductions: [(day: day("2025-02-09"), amount: Money(kroner: 4_000))],
      asOf: day("2025-03-11"))
    #expect(periods.map(\.principal) == [Money(kroner: 10_000), Money(kroner: 6_000)])
    #expect(periods.map(\.to) == [day("2025-02-09"), day("2025-03-11")])
  }

  @Test("accrues nothing up to the due date and nothing once fully paid")
  func edges() {
    let p = Money(kroner: 5_000)
    #expect(
      LateInterest.amount(
        principal: p, due: day("2025-03-01"), reductions: [],
        asOf: day("2025-03-01")) == .zero)
    #expect(
      LateInterest.amount(
        principal: p, due: day("2025-03-01"), reductions: [],
        asOf: day("2025-02-01")) == .zero)
    // Paid in full on the due date: no interest at all.
    #expect(
      LateInterest.amount(
        principal: p, due: day("2025-03-01"),
        reductions: [(day: day("2025-03-01"), amount: p)], asOf: day("2025-06-01")) == .zero)
    // One day late: 500 000 øre × 0.125 / 365 = 171.23 øre → 1.71 kr.
    #expect(
      LateInterest.amount(
        principal: p, due: day("2025-03-01"), reductions: [],
        asOf: day("2025-03-02")) == Money(ore: 171))
    // Overpayment does not make interest negative; a payment after as-of is ignored.
    #expect(
      LateInterest.amount(
        principal: p, due: day("2025-03-01"),
        reductions: [(day: day("2025-03-01"), amount: p + p)], asOf: day("2025-04-01")) == .zero)
    #expect(
      LateInterest.amount(
        principal: p, due: day("2025-03-01"),
        reductions: [(day: day("2025-03-05"), amount: p)], asOf: day("2025-03-02"))
        == Money(ore: 171))
  }

  @Test("rounds half up only once, on the exact total")
  func exactAccumulation() {
    // Every single day earns well under half an øre here, so rounding per day would give 0.
    let amount = LateInterest.amount(
      principal: Money(ore: 40), due: day("2024-12-31"), reductions: [],
      asOf: day("2025-12-31"))
    // 2025: 181 days at 12.5 % + 184 days at 12.25 % on 40 øre
    // = 40 × (0.125 × 181 + 0.1225 × 184) / 365 = 40 × 45.165 / 365 = 4.9496 øre → 5 øre.
    #expect(amount == Money(ore: 5))
  }

  @Test("the 64-bit division shortcut gives the full-width quotient and remainder")
  func division() {
    let d = LateInterest.ExactSum.denominator
    var generator = SystemRandomNumberGenerator()
    let products: [(UInt64, UInt64)] =
      [(0, 0), (0, d - 1), (0, d), (0, .max), (1, 0), (d - 1, .max)]
      + (0..<1000).map { _ in (0, UInt64.random(in: 0...UInt64.max, using: &generator)) }
      + (0..<1000).map { _ in
        (UInt64.random(in: 0..<d, using: &generator), UInt64.random(in: 0...UInt64.max, using: &generator))
      }
    for (high, low) in products {
      let (q, r) = LateInterest.ExactSum.divide((high, low))
      let full = d.dividingFullWidth((high, low))
      #expect(q == full.quotient && r == full.remainder)
    }
  }
}
