import Testing

@testable import KravCore

/// `InterestCurve` must give exactly what `LateInterest.amount` gives, on any claim.
@Suite("Interest curve")
struct InterestCurveTests {
  /// A small deterministic generator (KravCore's SplitMix64), so failures can be replayed.
  struct Mix {
    var mix: SplitMix64
    init(state: UInt64) { mix = SplitMix64(state: state) }
    mutating func next(_ n: Int) -> Int { Int(mix.next() % UInt64(n)) }
  }

  @Test("equals LateInterest.amount to the øre, with and without principal reductions")
  func sameAsTable() {
    let today = day("2026-11-30")
    let curve = InterestCurve(through: today)
    var rng = Mix(state: 7)
    for _ in 0..<3_000 {
      // Due dates from before the table starts to after today; odd principals.
      let due = day("2019-06-01").adding(days: rng.next(2_800))
      let principal = Money(ore: Int64(rng.next(50_000_000)) - 1_000)
      var reductions: [(day: Day, amount: Money)] = []
      for _ in 0..<rng.next(4) {
        reductions.append(
          (due.adding(days: rng.next(900) - 100), Money(ore: Int64(rng.next(2_000_000)))))
      }
      reductions.sort { $0.day < $1.day }
      let asOf = rng.next(4) == 0 ? today : due.adding(days: rng.next(1_200))
      let expected = LateInterest.amount(
        principal: principal, due: due, reductions: reductions, asOf: asOf)
      let got = curve.amount(principal: principal, due: due, reductions: reductions, asOf: asOf)
      #expect(got == expected, "due \(due) asOf \(asOf) principal \(principal.ore)")
    }
  }

  @Test("a claim's balance from a curve equals its balance from the table")
  func balances() {
    let today = day("2026-11-30")
    let curve = InterestCurve(through: today)
    var claim = Claim(
      invoice: "1", customer: "K1", principal: Money(kroner: 12_000), issued: day("2024-02-01"),
      due: day("2024-03-02"))
    claim.fees.append(ClaimFee(day: day("2024-03-20"), amount: Money(kroner: 35), step: .reminder))
    for (d, kr) in [("2024-05-02", 500), ("2024-04-01", 2_000), ("2025-01-10", 3_000)] {
      claim.payments.append(ClaimPayment(day: day(d), amount: Money(kroner: Int64(kr))))
    }
    for asOf in ["2024-03-01", "2024-04-01", "2024-12-31", "2026-11-30"].map(day) {
      #expect(claim.balance(asOf: asOf, curve: curve) == claim.balance(asOf: asOf))
    }
    // Past the curve's end it falls back to the table.
    let later = day("2027-06-01")
    #expect(claim.balance(asOf: later, curve: curve) == claim.balance(asOf: later))
  }

  @Test("the interest day moves with the due date")
  func interestDueFollowsDue() {
    // 2026-05-17 is a Sunday and a holiday; the next business day is Monday 18 May.
    var claim = Claim(
      invoice: "1", customer: "K1", principal: Money(kroner: 100), issued: day("2026-04-01"),
      due: day("2026-05-16"))
    #expect(claim.interestDue == day("2026-05-18"))
    claim.due = day("2026-05-20")
    #expect(claim.interestDue == day("2026-05-20"))
  }
}
