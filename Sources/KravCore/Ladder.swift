/// The next formal step for a claim and the first day it may lawfully be taken.
public struct NextStep: Hashable, Sendable {
  public var step: Step
  /// First day the step may be taken (with its fee, where one is allowed).
  public var from: Day
  /// Why the step cannot be taken on the day asked, if it cannot.
  public var blockedBy: String?

  /// Whether the step may be taken on `day`.
  public func isEligible(on day: Day) -> Bool { blockedBy == nil && day >= from }
}

/// The creditor's ladder of formal steps (domain-norway.md §1), configurable per creditor.
public struct Ladder: Hashable, Sendable {
  /// Whether a reminder (purring) is sent before the inkassovarsel; "strict process" skips it.
  public var sendsReminder: Bool

  /// Days a reminder, inkassovarsel or betalingsoppfordring gives the debtor (at least 14).
  public static let noticeDays = 14

  /// The default ladder: reminder → inkassovarsel → betalingsoppfordring → utlegg.
  public static let standard = Ladder(sendsReminder: true)

  public init(sendsReminder: Bool) { self.sendsReminder = sendsReminder }

  /// The next step for `claim`, or nil when the ladder is exhausted or the claim is closed.
  ///
  /// Timing (domain-norway.md §1–2): a reminder or inkassovarsel carries a fee only when sent
  /// at least 14 days after the due date, so Krav schedules the first notice then; each later
  /// step waits until the previous notice's 14-day deadline has expired (deadline day + 1). The
  /// inkassovarsel deadline ends on the same weekday as the sending day, even on a holiday.
  ///
  /// `promisedUntil` is the last day of a pending promise to pay (`PromiseFacts.ladderPause`):
  /// the next step waits until the day after it. A broken promise passes nil, so the step is
  /// eligible at once, on the first day the law allows.
  public func next(
    for claim: Claim, disputed: Bool, onHoldUntil: Day?, promisedUntil: Day? = nil
  ) -> NextStep? {
    guard claim.closed == nil else { return nil }
    let due = claim.interestDue
    let afterDeadline = (claim.stepOn ?? due).adding(days: Ladder.noticeDays + 1)
    var next: NextStep
    switch claim.step {
    case .invoice:
      next = NextStep(
        step: sendsReminder ? .reminder : .inkassovarsel, from: due.adding(days: Ladder.noticeDays))
    case .reminder:
      next = NextStep(step: .inkassovarsel, from: afterDeadline)
    case .inkassovarsel:
      next = NextStep(step: .betalingsoppfordring, from: afterDeadline)
    case .betalingsoppfordring:
      next = NextStep(step: disputed ? .forliksklage : .utlegg, from: afterDeadline)
    case .utlegg, .forliksklage:
      return nil
    }
    if disputed && next.step != .forliksklage {
      next.blockedBy = "disputed"
    } else if let hold = onHoldUntil, hold >= next.from {
      next.from = max(next.from, hold.adding(days: 1))
      next.blockedBy = "on-hold"
    } else if let promised = promisedUntil, promised >= next.from {
      next.from = promised.adding(days: 1)
      next.blockedBy = "promise-pending"
    }
    return next
  }
}
