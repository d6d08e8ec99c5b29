/// Collection fees a creditor collecting its own claims may add (inkf. §§ 1-2, 1-3), and court
/// fees from the rettsgebyr; domain-norway.md §1–§2. All amounts come from a `RateTable`.
///
/// Conventions: a notice gives the debtor 14 days, so its deadline is `sent + 14` and it counts
/// as missed from `sent + 15` (the fastest lawful path: inkassovarsel D+14, deadline D+28,
/// betalingsoppfordring D+29). Rules that depend on the case rather than the fee history
/// (an objection with reasonable grounds, payment within the inkassovarsel deadline, breach of
/// good practice) cancel fees too; callers check those before asking here.
public enum Fees {
  /// Days after the due date before a reminder or inkassovarsel may carry a fee.
  public static let daysAfterDueBeforeFee = 14
  /// The deadline, in days from sending, that a reminder or inkassovarsel gives.
  public static let noticeDeadlineDays = 14
  /// Claims due from this day use the 1/20 and 3/20 fractions; earlier ones 1/10 and 3/10.
  public static let newRulesDueFrom = Day(year: 2020, month: 10, day: 1)!

  /// A notice already sent on the claim, with the fee charged for it (zero if none).
  public struct Notice: Sendable, Hashable {
    /// reminder, inkassovarsel or betalingsoppfordring.
    public var step: Step
    /// The day it was sent.
    public var sent: Day
    /// The fee added for it.
    public var fee: Money

    /// Creates a notice record.
    public init(step: Step, sent: Day, fee: Money) {
      self.step = step
      self.sent = sent
      self.fee = fee
    }
  }

  /// Why no fee may be added.
  public enum Refusal: Sendable, Hashable {
    /// This step never carries a creditor's fee (invoice, utlegg, forliksklage).
    case noFeeForStep
    /// Sent too soon after the due date; a fee is possible from the given day.
    case tooEarly(from: Day)
    /// A second fee needs the earlier notice's 14-day deadline to have run out first.
    case deadlineNotMissed(from: Day)
    /// A betalingsoppfordring fee needs an earlier reminder or inkassovarsel.
    case noEarlierNotice
    /// The claim already has the most fees inkf. § 1-3 allows of this kind.
    case limitReached
    /// The rate table has no value for that day.
    case noRate
    /// An objection stands: no costs on a disputed claim (inkassoloven § 17, domain §2).
    case disputed
  }

  /// The fee for `step` sent on `sent` after § 1-3, or why there is none.
  public struct Decision: Sendable, Hashable {
    /// The fee that may be added (zero when refused).
    public var fee: Money
    /// Why the fee is zero, if it is.
    public var refusal: Refusal?
    /// The part of `fee` that is B2B standard compensation (frl. § 3a), zero for consumers.
    public var compensation: Money = .zero
  }

  /// The fee amount for a step before counting rules: fraction of the sats on the sending day.
  ///
  /// Reminder and inkassovarsel: 1/20 (claims due from 2020-10-01) or 1/10 (due before);
  /// own betalingsoppfordring: 3/20 or 3/10. Nil for steps without a fee or outside the table.
  public static func rate(
    for step: Step, sent: Day, due: Day, table: RateTable = .norway
  ) -> Money? {
    let isNew = due >= newRulesDueFrom
    switch step {
    case .reminder, .inkassovarsel:
      return table.amount(isNew ? .reminderFee : .reminderFeeLegacy, on: sent)
    case .betalingsoppfordring:
      return table.amount(
        isNew ? .betalingsoppfordringFee : .betalingsoppfordringFeeLegacy, on: sent)
    case .invoice, .varsel418, .varsel52, .utlegg, .forliksklage, .agency:
      return nil
    }
  }

  /// The fee that may be added for sending `step` on `sent`, given the claim's earlier notices.
  ///
  /// inkf. § 1-3 allows per claim either two reminders + a betalingsoppfordring, or one
  /// reminder + an inkassovarsel + a betalingsoppfordring; each fee after the first needs an
  /// earlier notice's 14-day deadline to have been missed. Only notices in `history` sent
  /// before `sent` count.
  public static func decide(
    step: Step, sent: Day, due: Day, history: [Notice], table: RateTable = .norway
  ) -> Decision {
    func refuse(_ r: Refusal) -> Decision { Decision(fee: .zero, refusal: r) }
    guard [.reminder, .inkassovarsel, .betalingsoppfordring].contains(step) else {
      return refuse(.noFeeForStep)
    }
    let earlier = history.filter { $0.sent < sent || ($0.sent == sent && $0.step < step) }
    let charged = earlier.filter { $0.fee.isPositive }
    if charged.contains(where: { $0.step == .betalingsoppfordring }) {
      return refuse(.limitReached)
    }
    let chargedNotices = charged.filter { $0.step == .reminder || $0.step == .inkassovarsel }
    switch step {
    case .reminder, .inkassovarsel:
      let earliest = due.adding(days: daysAfterDueBeforeFee)
      if sent < earliest { return refuse(.tooEarly(from: earliest)) }
      if chargedNotices.contains(where: { $0.step == .inkassovarsel }) || chargedNotices.count >= 2
      {
        return refuse(.limitReached)
      }
      if let first = chargedNotices.first {
        let missed = first.sent.adding(days: noticeDeadlineDays + 1)
        if sent < missed { return refuse(.deadlineNotMissed(from: missed)) }
      }
    default:  // betalingsoppfordring
      let notices = earlier.filter { $0.step == .reminder || $0.step == .inkassovarsel }
      // The earliest notice's deadline is the first that can have been missed.
      guard let first = notices.map(\.sent).min() else { return refuse(.noEarlierNotice) }
      let missed = first.adding(days: noticeDeadlineDays + 1)
      if sent < missed { return refuse(.deadlineNotMissed(from: missed)) }
    }
    guard let fee = rate(for: step, sent: sent, due: due, table: table) else {
      return refuse(.noRate)
    }
    return Decision(fee: fee, refusal: nil)
  }

  /// Whether every fee in `history` was within what `decide` allows at its time (§ 1-3 only:
  /// a business claim's B2B compensation, see `charge`, is larger and is not judged here).
  public static func isLawful(history: [Notice], due: Day, table: RateTable = .norway) -> Bool {
    let ordered = history.sorted { ($0.sent, $0.step) < ($1.sent, $1.step) }
    for (i, notice) in ordered.enumerated() where notice.fee.isPositive {
      let allowed = decide(
        step: notice.step, sent: notice.sent, due: due, history: Array(ordered[..<i]),
        table: table)
      if notice.fee > allowed.fee { return false }
    }
    return true
  }

  /// The most a claim can carry in reminder, inkassovarsel and betalingsoppfordring fees.
  ///
  /// Two reminder-size fees and one betalingsoppfordring fee at the rates of `on` (175 kr at
  /// sats 700 for claims due from 2020-10-01).
  public static func maximumPerClaim(on day: Day, due: Day, table: RateTable = .norway) -> Money? {
    guard let notice = rate(for: .reminder, sent: day, due: due, table: table),
      let bo = rate(for: .betalingsoppfordring, sent: day, due: due, table: table)
    else { return nil }
    return notice + notice + bo
  }

  /// The court fee for filing `step` (utlegg: 1.21 R, forliksklage: 1.1 R) on `day`,
  /// rounded down to whole kroner; nil for other steps or outside the table.
  public static func courtFee(for step: Step, on day: Day, table: RateTable = .norway) -> Money? {
    let kind: RateTable.Kind
    switch step {
    case .utlegg: kind = .utleggFactor
    case .forliksklage: kind = .forliksklageFactor
    default: return nil
    }
    guard let r = table.amount(.rettsgebyr, on: day), let h = table.factor(kind, on: day) else {
      return nil
    }
    return Money(kroner: r.ore * Int64(h) / 10_000)
  }
}

extension Fees {
  /// The B2B standard compensation (frl. § 3a) a business debtor owes on a claim: EUR 40 in
  /// NOK as set for the half-year of the day after the due date (the first day it may be
  /// claimed), nil for consumers or before the table starts.
  public static func b2bCompensation(kind: CustomerKind, due: Day, table: RateTable = .norway)
    -> Money?
  {
    guard kind == .business else { return nil }
    return table.amount(.b2bCompensation, on: due.adding(days: 1))
  }

  /// What may be charged for sending `step` on `sent` to a debtor of `kind`, after every fee
  /// rule: inkf. § 1-3 (via `decide`), no costs on a disputed claim, and for business debtors
  /// the standard compensation of frl. § 3a.
  ///
  /// The compensation is claimed with the first notice; reminder fees already charged are
  /// deducted from it, and it is deducted from later collection costs (no double recovery).
  /// So a business claim carries in total the larger of the compensation and the fees § 1-3
  /// allows, and each notice charges what that total grows by. `history` holds the notices
  /// already sent with what was charged for each (compensation included).
  public static func charge(
    step: Step, sent: Day, due: Day, history: [Notice], kind: CustomerKind, disputed: Bool,
    table: RateTable = .norway
  ) -> Decision {
    if disputed { return Decision(fee: .zero, refusal: .disputed) }
    let statutory = decide(step: step, sent: sent, due: due, history: history, table: table)
    guard let compensation = b2bCompensation(kind: kind, due: due, table: table),
      [.reminder, .inkassovarsel, .betalingsoppfordring].contains(step), sent > due
    else { return statutory }
    let charged = history.filter { $0.sent <= sent }.reduce(Money.zero) { $0 + $1.fee }
    // The statutory fees the claim would carry so far: earlier ones were decided the same way.
    let statutorySoFar = statutoryTotal(history: history, due: due, table: table)
    let totalAllowed = max(compensation, statutorySoFar + statutory.fee)
    let fee = max(.zero, totalAllowed - charged)
    let compensationPart = max(.zero, min(fee, compensation - min(compensation, charged)))
    return Decision(
      fee: fee, refusal: fee.isPositive ? nil : (statutory.refusal ?? .limitReached),
      compensation: compensationPart)
  }

  /// The § 1-3 fees `history` would have carried on its own, each decided on what came before.
  static func statutoryTotal(history: [Notice], due: Day, table: RateTable) -> Money {
    let ordered = history.sorted { ($0.sent, $0.step) < ($1.sent, $1.step) }
    var total = Money.zero
    var seen: [Notice] = []
    for n in ordered {
      let d = decide(step: n.step, sent: n.sent, due: due, history: seen, table: table)
      total += d.fee
      seen.append(Notice(step: n.step, sent: n.sent, fee: d.fee))
    }
    return total
  }

  /// A claim's notices as `decide` needs them: its fees, and the current step when it carried
  /// no fee (so a betalingsoppfordring knows an earlier notice was sent).
  public static func history(of claim: Claim) -> [Notice] {
    var notices = claim.fees.map { Notice(step: $0.step, sent: $0.day, fee: $0.amount) }
    if [.reminder, .inkassovarsel, .betalingsoppfordring].contains(claim.step),
      let on = claim.stepOn, !notices.contains(where: { $0.step == claim.step && $0.sent == on })
    {
      notices.append(Notice(step: claim.step, sent: on, fee: .zero))
    }
    if claim.step > .reminder, !notices.contains(where: { $0.step <= .inkassovarsel }),
      let on = claim.stepOn
    {
      // Past the notices with none recorded: one was sent without a fee before this step.
      notices.append(Notice(step: .inkassovarsel, sent: on.adding(days: -15), fee: .zero))
    }
    return notices
  }
}
