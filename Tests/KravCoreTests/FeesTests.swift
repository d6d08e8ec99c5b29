import Testing

@testable import KravCore

@Suite("Collection and court fees")
struct FeesTests {
  typealias Notice = Fees.Notice

  @Test("charges 1/20 of the sats for claims due from 1 Oct 2020 and 1/10 before")
  func fractions() {
    // Sats 700: 35 / 105 new rules, 70 / 210 old rules; the send day picks the sats.
    #expect(
      Fees.rate(for: .reminder, sent: day("2021-03-01"), due: day("2020-10-01"))
        == Money(kroner: 35))
    #expect(
      Fees.rate(for: .inkassovarsel, sent: day("2021-03-01"), due: day("2020-09-30"))
        == Money(kroner: 70))
    #expect(
      Fees.rate(for: .betalingsoppfordring, sent: day("2025-05-01"), due: day("2025-03-01"))
        == Money(kroner: 105))
    #expect(
      Fees.rate(for: .betalingsoppfordring, sent: day("2020-12-01"), due: day("2020-06-30"))
        == Money(kroner: 210))
    // 2026: sats 750 → 37.50 and 112.50 (rows marked verify).
    #expect(
      Fees.rate(for: .reminder, sent: day("2026-02-01"), due: day("2025-12-01"))
        == Money(ore: 37_50))
    #expect(Fees.rate(for: .invoice, sent: day("2026-02-01"), due: day("2025-12-01")) == nil)
  }

  @Test("adds a reminder fee only when sent at least 14 days after the due date")
  func fourteenDays() {
    let due = day("2025-03-03")
    let early = Fees.decide(step: .reminder, sent: day("2025-03-16"), due: due, history: [])
    #expect(early.fee == .zero && early.refusal == .tooEarly(from: day("2025-03-17")))
    let onTime = Fees.decide(step: .inkassovarsel, sent: day("2025-03-17"), due: due, history: [])
    #expect(onTime.fee == Money(kroner: 35) && onTime.refusal == nil)
  }

  @Test("allows reminder + inkassovarsel + betalingsoppfordring with missed deadlines: 175")
  func fullLadder() {
    let due = day("2025-03-03")
    let r = Notice(step: .reminder, sent: day("2025-03-17"), fee: Money(kroner: 35))
    // The reminder's deadline is 31 March; a second fee is possible from 1 April.
    let tooSoon = Fees.decide(step: .inkassovarsel, sent: day("2025-03-31"), due: due, history: [r])
    #expect(tooSoon.refusal == .deadlineNotMissed(from: day("2025-04-01")))
    let iv = Fees.decide(step: .inkassovarsel, sent: day("2025-04-01"), due: due, history: [r])
    #expect(iv.fee == Money(kroner: 35))
    let v = Notice(step: .inkassovarsel, sent: day("2025-04-01"), fee: iv.fee)
    let bo = Fees.decide(
      step: .betalingsoppfordring, sent: day("2025-04-16"), due: due, history: [r, v])
    #expect(bo.fee == Money(kroner: 105))
    #expect(r.fee + v.fee + bo.fee == Fees.maximumPerClaim(on: day("2025-04-16"), due: due))
    #expect(Fees.maximumPerClaim(on: day("2025-04-16"), due: due) == Money(kroner: 175))
    let b = Notice(step: .betalingsoppfordring, sent: day("2025-04-16"), fee: bo.fee)
    #expect(Fees.isLawful(history: [r, v, b], due: due))
    // Nothing more after the betalingsoppfordring.
    let after = Fees.decide(step: .reminder, sent: day("2025-06-01"), due: due, history: [r, v, b])
    #expect(after.refusal == .limitReached)
  }

  @Test("allows two reminders but no third notice fee, and no reminder after an inkassovarsel")
  func limits() {
    let due = day("2025-03-03")
    let r1 = Notice(step: .reminder, sent: day("2025-03-17"), fee: Money(kroner: 35))
    let r2 = Notice(step: .reminder, sent: day("2025-04-01"), fee: Money(kroner: 35))
    #expect(Fees.decide(step: .reminder, sent: r2.sent, due: due, history: [r1]).fee == r2.fee)
    let third = Fees.decide(
      step: .inkassovarsel, sent: day("2025-05-01"), due: due,
      history: [r1, r2])
    #expect(third.refusal == .limitReached)
    let v = Notice(step: .inkassovarsel, sent: day("2025-03-17"), fee: Money(kroner: 35))
    let reminderAfter = Fees.decide(
      step: .reminder, sent: day("2025-05-01"), due: due,
      history: [v])
    #expect(reminderAfter.refusal == .limitReached)
    #expect(
      !Fees.isLawful(
        history: [
          r1, r2,
          Notice(
            step: .inkassovarsel,
            sent: day("2025-05-01"), fee: Money(kroner: 35)),
        ], due: due))
  }

  @Test("needs a missed notice deadline before a betalingsoppfordring fee")
  func betalingsoppfordring() {
    let due = day("2025-03-03")
    #expect(
      Fees.decide(
        step: .betalingsoppfordring, sent: day("2025-05-01"), due: due,
        history: []
      ).refusal == .noEarlierNotice)
    // A fee-less inkassovarsel sent the day after the due date still sets a deadline.
    let v = Notice(step: .inkassovarsel, sent: day("2025-03-04"), fee: .zero)
    #expect(
      Fees.decide(
        step: .betalingsoppfordring, sent: day("2025-03-18"), due: due,
        history: [v]
      ).refusal == .deadlineNotMissed(from: day("2025-03-19")))
    #expect(
      Fees.decide(
        step: .betalingsoppfordring, sent: day("2025-03-19"), due: due,
        history: [v]
      ).fee == Money(kroner: 105))
  }

  @Test("derives court fees from R, rounded down to whole kroner")
  func courtFees() {
    // 2025: R = 1 314; utlegg 1.21 R = 1 589.94 → 1 589; forliksklage 1.1 R = 1 445.40 → 1 445.
    #expect(Fees.courtFee(for: .utlegg, on: day("2025-06-01")) == Money(kroner: 1_589))
    // 2022: R = 1 223; 1.1 R = 1 345.30 → 1 345.
    #expect(Fees.courtFee(for: .forliksklage, on: day("2022-06-01")) == Money(kroner: 1_345))
    // From 1 Jul 2024 the (verify) 1.54 R: 1.54 × 1 277 = 1 966.58 → 1 966.
    #expect(Fees.courtFee(for: .forliksklage, on: day("2024-07-01")) == Money(kroner: 1_966))
    #expect(Fees.courtFee(for: .reminder, on: day("2025-06-01")) == nil)
    // Issue 15: older factors too. 2021: 1.25 R, R = 1 199: 1 498.75 → 1 498; 2019: 1.7 R,
    // R = 1 150: 1 955. Before 2018 (no R row) nothing.
    #expect(Fees.courtFee(for: .utlegg, on: day("2021-06-01")) == Money(kroner: 1_498))
    #expect(Fees.courtFee(for: .utlegg, on: day("2019-06-01")) == Money(kroner: 1_955))
    #expect(Fees.courtFee(for: .utlegg, on: day("2017-06-01")) == nil)
  }
}
