import Testing

@testable import KravCore

private func pd(_ s: String) -> Day { Day(parsing: s)! }
private func pk(_ s: String) -> Money { Money(parsing: s)! }

/// A claim not due until long after the plan, so no interest runs: pure schedule arithmetic.
private func notYetDue(_ amount: String, invoice: String = "1") -> Claim {
  Claim(
    invoice: invoice, customer: "K1", principal: pk(amount), issued: pd("2026-11-01"),
    due: pd("2029-12-31"))
}

@Suite("Plan schedule arithmetic")
struct PlanScheduleTests {
  @Test("three instalments of 10 000: whole kroner rounded up, the last takes the remainder")
  func roundingByCount() throws {
    let q = try PlanSchedule.quote(
      PlanRequest(
        claims: [notYetDue("10000.00")], proposedOn: pd("2026-11-30"), size: .instalments(3)))
    #expect(q.instalments.map(\.amount) == [pk("3334.00"), pk("3334.00"), pk("3332.00")])
    #expect(q.total == pk("10000.00"))
    #expect(q.projectedInterest == .zero)
    // Default signing deadline 7 days on; instalment 1 falls due on it; then monthly.
    #expect(q.instalments.map(\.due) == [pd("2026-12-07"), pd("2027-01-07"), pd("2027-02-07")])
  }

  @Test("rounding falls back to whole øre when kroner would leave nothing for the last")
  func roundingSmallTotals() throws {
    #expect(try PlanSchedule.base(total: pk("1.00"), count: 3) == Money(ore: 34))
    let q = try PlanSchedule.quote(
      PlanRequest(claims: [notYetDue("1.00")], proposedOn: pd("2026-11-30"), size: .instalments(3)))
    #expect(q.instalments.map(\.amount.ore) == [34, 34, 32])
    #expect(throws: PlanError.tooSmallForCount) {
      try PlanSchedule.quote(
        PlanRequest(
          claims: [notYetDue("0.02")], proposedOn: pd("2026-11-30"), size: .instalments(3)))
    }
  }

  @Test("instalments always sum exactly to the total, for many totals and counts")
  func exactSums() throws {
    for ore in [1_001, 99_999, 1_000_000, 1_234_567, 7_777_777, 250_050] {
      for n in [1, 2, 3, 5, 7, 12, 24] {
        let c = notYetDue(Money(ore: Int64(ore)).jsonString)
        guard
          let q = try? PlanSchedule.quote(
            PlanRequest(claims: [c], proposedOn: pd("2026-11-30"), size: .instalments(n)))
        else { continue }
        #expect(q.instalments.count == n)
        #expect(q.total == Money(ore: Int64(ore)), "\(ore) in \(n)")
        let last = q.instalments.last!.amount
        #expect(last.isPositive)
        #expect(q.instalments.dropLast().allSatisfy { $0.amount >= last }, "\(ore) in \(n)")
      }
    }
  }

  @Test("by amount per instalment: as many as needed, the last one smaller")
  func byAmount() throws {
    let q = try PlanSchedule.quote(
      PlanRequest(
        claims: [notYetDue("10000.00")], proposedOn: pd("2026-11-30"), frequency: .week,
        size: .amount(pk("3000.00"))))
    #expect(q.instalments.map(\.amount) == [pk("3000"), pk("3000"), pk("3000"), pk("1000")])
    #expect(
      q.instalments.map(\.due) == [
        pd("2026-12-07"), pd("2026-12-14"), pd("2026-12-21"), pd("2026-12-28"),
      ])
    let even = try PlanSchedule.quote(
      PlanRequest(
        claims: [notYetDue("9000.00")], proposedOn: pd("2026-11-30"),
        size: .amount(pk("3000.00"))))
    #expect(even.instalments.map(\.amount) == [pk("3000"), pk("3000"), pk("3000")])
  }

  @Test("monthly dates stay on the month end; fortnightly and weekly count days")
  func dates() {
    let jan31 = pd("2027-01-31")
    #expect(
      (0..<4).map { PlanFrequency.month.due(first: jan31, index: $0) } == [
        pd("2027-01-31"), pd("2027-02-28"), pd("2027-03-31"), pd("2027-04-30"),
      ])
    #expect(PlanFrequency.month.due(first: pd("2028-01-31"), index: 1) == pd("2028-02-29"))
    #expect(PlanFrequency.month.due(first: pd("2026-12-30"), index: 2) == pd("2027-02-28"))
    #expect(PlanFrequency.fortnight.due(first: jan31, index: 2) == pd("2027-02-28"))
    #expect(PlanFrequency.week.due(first: jan31, index: 5) == pd("2027-03-07"))
    #expect(PlanFrequency(parsing: "fortnight") == .fortnight)
    #expect(PlanFrequency(parsing: "Month") == .month)
    #expect(PlanFrequency(parsing: "daily") == nil)
  }

  /// Worked example (12 % in 2026 and after). 10 000.00 due Thu 2026-10-01, proposed Mon
  /// 2026-11-30, sign by Mon 2026-12-07, two monthly instalments (7 Dec, 7 Jan).
  /// Owed on 30 Nov: 60 days' interest 10 000 × 0.12 × 60/365 = 197.26 → 10 197.26.
  /// Instalment 1 = 5 137.00 on 7 Dec: interest to then (67 days) 220.27, principal 4 916.73,
  /// leaving 5 083.27. Interest 8 Dec – 7 Jan (31 days) on 5 083.27 = 51.8076; all interest
  /// summed exactly then rounded: 220.2740 + 51.8076 = 272.08, so the last instalment is
  /// 5 083.27 + (272.08 − 220.27) = 5 135.08. Total 10 272.08; projected interest 74.82. The
  /// base 5 137.00 = 10 272.08 / 2 rounded up to kroner, so the iteration has converged.
  @Test("projected interest runs on the remaining principal (worked example)")
  func interestOnRemainingPrincipal() throws {
    let c = Claim(
      invoice: "1", customer: "K1", principal: pk("10000.00"), issued: pd("2026-09-17"),
      due: pd("2026-10-01"))
    let q = try PlanSchedule.quote(
      PlanRequest(claims: [c], proposedOn: pd("2026-11-30"), size: .instalments(2)))
    #expect(q.outstanding == pk("10197.26"))
    #expect(q.instalments.map(\.amount) == [pk("5137.00"), pk("5135.08")])
    #expect(q.total == pk("10272.08"))
    #expect(q.projectedInterest == pk("74.82"))
    #expect(q.rateBasisPoints == 1200)
    // Paying exactly the schedule on the due days leaves nothing owed.
    var paid = c
    paid.payments = zip(q.instalments.map(\.due), q.instalments.map(\.amount)).map {
      ClaimPayment(day: $0, amount: $1)
    }
    #expect(paid.balance(asOf: pd("2027-01-07")).outstanding == .zero)
  }

  @Test("several claims: paid oldest first, and the schedule clears them all")
  func severalClaims() throws {
    let a = Claim(
      invoice: "A", customer: "K1", principal: pk("4000.00"), issued: pd("2026-08-01"),
      due: pd("2026-09-01"))
    let b = Claim(
      invoice: "B", customer: "K1", principal: pk("2500.50"), issued: pd("2026-09-15"),
      due: pd("2026-10-15"))
    let q = try PlanSchedule.quote(
      PlanRequest(
        claims: [b, a], proposedOn: pd("2026-11-30"), frequency: .fortnight,
        size: .instalments(4)))
    #expect(q.instalments.count == 4)
    var claims = [a, b]
    for inst in q.instalments {
      PlanSchedule.pay(inst.amount, on: inst.due, to: &claims, table: .norway)
    }
    let last = q.instalments.last!.due
    #expect(claims.allSatisfy { $0.balance(asOf: last).outstanding == .zero })
    #expect(q.projectedInterest.isPositive)
  }

  @Test("the up-front costs name the fee of every step left if the plan is broken")
  func defaultCosts() throws {
    var c = Claim(
      invoice: "1", customer: "K1", principal: pk("10000.00"), issued: pd("2026-09-17"),
      due: pd("2026-10-01"))
    c.step = .inkassovarsel
    c.stepOn = pd("2026-10-15")
    c.fees = [ClaimFee(day: pd("2026-10-15"), amount: pk("37.50"), step: .inkassovarsel)]
    let q = try PlanSchedule.quote(
      PlanRequest(claims: [c], proposedOn: pd("2026-11-30"), size: .instalments(3)))
    #expect(q.planFee == .zero)
    // 2026: sats 750, own betalingsoppfordring 3/20 = 112.50, earliest on the signing deadline
    // 7 Dec; its 14 days end 21 Dec, so the utleggsbegjæring from 22 Dec, court fee
    // 1.21 × R 1 314 = 1 589 (issue 15 point 6: every step left, not only the next).
    #expect(
      q.defaultCosts == [
        DefaultCost(
          invoice: "1", step: .betalingsoppfordring, fee: pk("112.50"), from: pd("2026-12-07")),
        DefaultCost(invoice: "1", step: .utlegg, fee: pk("1589.00"), from: pd("2026-12-22")),
      ])
  }

  @Test("bad requests are refused with the reason")
  func refusals() {
    let c = notYetDue("100.00")
    #expect(throws: PlanError.badCount) {
      try PlanSchedule.quote(
        PlanRequest(claims: [c], proposedOn: pd("2026-11-30"), size: .instalments(0)))
    }
    #expect(throws: PlanError.badAmount) {
      try PlanSchedule.quote(
        PlanRequest(claims: [c], proposedOn: pd("2026-11-30"), size: .amount(.zero)))
    }
    #expect(throws: PlanError.tooManyInstalments(120)) {
      try PlanSchedule.quote(
        PlanRequest(claims: [c], proposedOn: pd("2026-11-30"), size: .amount(Money(ore: 50))))
    }
    #expect(throws: PlanError.signByBeforeProposal) {
      try PlanSchedule.quote(
        PlanRequest(
          claims: [c], proposedOn: pd("2026-11-30"), signBy: pd("2026-11-29"),
          size: .instalments(2)))
    }
    #expect(throws: PlanError.noClaims) {
      try PlanSchedule.quote(
        PlanRequest(claims: [], proposedOn: pd("2026-11-30"), size: .instalments(2)))
    }
  }
}
