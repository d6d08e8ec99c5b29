/// Why the next formal step may not be taken (yet).
///
/// `deadlineRunning` is the only reason that ends by itself on a known day (the earliest day);
/// the others hold as long as the fact behind them does: an objection, a hold, a promise to pay
/// still within its grace days, an instalment plan, nothing left to pay.
public enum Blocker: String, Sendable, Hashable, CaseIterable {
  case deadlineRunning = "deadline-running"
  case disputed
  case onHold = "on-hold"
  case promisePending = "promise-pending"
  case inPlan = "in-plan"
  case paid
  /// The claim is time-barred (foreldet, foreldelsesloven §§ 2–3): no formal step and no fee
  /// (inkassoloven §§ 8 and 17), unless the collector forces one with a stated reason.
  case timeBarred = "time-barred"
  /// The customer has neither an e-mail nor a postal address, so no letter can reach them
  /// (court drafts, addressed to the court, are not held back). A batch skips such claims and
  /// says why; the queue does not call them ready.
  case noAddress = "no-address"
  /// The current step's letter has not left yet (it waits in the outbox): its deadline runs
  /// from the day it is sent or printed, so the next step waits too (issue 19).
  case notSent = "not-sent"
}

/// The facts outside the claim itself that decide whether its next step may be taken.
///
/// One value, built by the ledger for a day (`Ledger.ladderContext`), so that other features
/// (promises, disputes, holds, instalment plans) plug their facts in here and the ladder stays
/// one pure function.
public struct LadderContext: Hashable, Sendable {
  /// An objection stands against the claim (or the part being collected).
  public var disputed: Bool
  /// A hold on the claim or on all the customer's claims, until and including this day.
  public var holdUntil: Day?
  /// A promise to pay covers the claim until and including this day (promise date + grace).
  public var promisePendingUntil: Day?
  /// The claim is in an active instalment plan.
  public var inPlan: Bool
  /// Nothing is left to pay.
  public var paid: Bool
  /// The claim is time-barred on the day asked (`Limitation`).
  public var timeBarred: Bool
  /// The creditor resolved the objection by taking the claim to the forliksråd: the path
  /// § 5-2 notice → forliksklage opens whatever step the claim had reached.
  public var toForliksrad: Bool
  /// The customer has no address any letter could go to (neither e-mail nor postal).
  public var noAddress: Bool

  /// Creates a context; every blocker is off by default.
  public init(
    disputed: Bool = false, holdUntil: Day? = nil, promisePendingUntil: Day? = nil,
    inPlan: Bool = false, paid: Bool = false, timeBarred: Bool = false,
    toForliksrad: Bool = false, noAddress: Bool = false
  ) {
    self.timeBarred = timeBarred
    self.toForliksrad = toForliksrad
    self.noAddress = noAddress
    self.disputed = disputed
    self.holdUntil = holdUntil
    self.promisePendingUntil = promisePendingUntil
    self.inPlan = inPlan
    self.paid = paid
  }
}

/// The next formal step for a claim and the first day it may lawfully be taken.
public struct NextStep: Hashable, Sendable {
  public var step: Step
  /// First day the step may be taken (with its fee, where one is allowed), after the running
  /// deadline and any hold or pending promise.
  public var from: Day
  /// A standing reason the step may not be taken, if any. For `onHold` and `promisePending`
  /// it holds until the day before `from`; the others hold until the fact changes.
  public var blocker: Blocker?

  public init(step: Step, from: Day, blocker: Blocker? = nil) {
    self.step = step
    self.from = from
    self.blocker = blocker
  }

  /// The blocker as text (`disputed`, `on-hold`, …), as `krav queue` prints it.
  public var blockedBy: String? { blocker?.rawValue }

  /// Why the step may not be taken on `day`, or nil when it may.
  public func reason(on day: Day) -> Blocker? {
    switch blocker {
    case .onHold?, .promisePending?: return day < from ? blocker : nil
    // Named only once the step would otherwise be due: until then the deadline is the reason.
    case .noAddress?: return day < from ? .deadlineRunning : .noAddress
    case let b?: return b
    case nil: return day < from ? .deadlineRunning : nil
    }
  }

  /// Whether the step may be taken on `day`.
  public func isEligible(on day: Day) -> Bool { reason(on: day) == nil }
}

/// What a creditor does after the notices (domain-norway.md §1): go to the courts itself
/// (betalingsoppfordring, then utleggsbegjæring or forliksklage) or hand the claim to an agency.
public enum Handoff: String, Sendable, Hashable, CaseIterable {
  case enforcement
  case agency
}

/// The creditor's ladder of formal steps (domain-norway.md §1), configurable per creditor.
public struct Ladder: Hashable, Sendable {
  /// Whether a reminder (purring) is sent before the inkassovarsel; "strict process" skips it.
  public var sendsReminder: Bool
  /// Whether the betalingsoppfordring carries the tvfbl. § 4-18 notice; if not, the notice is
  /// a step of its own before the utleggsbegjæring.
  public var combines418: Bool
  /// Court steps of its own, or hand-over to an agency after the inkassovarsel.
  public var handoff: Handoff
  /// The agency claims are handed to (`krav ladder --agency-name`), named in the inkassovarsel
  /// and the hand-over letter; nil when the store names none.
  public var agencyName: String? = nil

  /// Days a reminder, inkassovarsel, betalingsoppfordring or § 4-18 notice gives the debtor.
  public static let noticeDays = 14

  /// The default ladder: reminder → inkassovarsel → betalingsoppfordring with the § 4-18
  /// notice → utleggsbegjæring (or forliksklage when disputed).
  public static let standard = Ladder(sendsReminder: true)

  public init(
    sendsReminder: Bool, combines418: Bool = true, handoff: Handoff = .enforcement,
    agencyName: String? = nil
  ) {
    self.sendsReminder = sendsReminder
    self.combines418 = combines418
    self.handoff = handoff
    self.agencyName = agencyName
  }

  /// The steps this ladder goes through for an undisputed claim, in order (invoice first).
  public var steps: [Step] {
    var s: [Step] = [.invoice]
    if sendsReminder { s.append(.reminder) }
    s.append(.inkassovarsel)
    if handoff == .agency { return s + [.agency] }
    s.append(.betalingsoppfordring)
    if !combines418 { s.append(.varsel418) }
    return s + [.utlegg]
  }

  /// The deadline the claim's current step gave the debtor: the due date (moved past weekends
  /// and holidays) for an invoice, 14 days from sending for a notice. The deadline of a notice
  /// ends on the same weekday it was sent, even on a public holiday (Ot.prp. nr. 2 (1997–98)
  /// p. 114). Nil for the final steps.
  public static func deadline(of claim: Claim) -> Day? {
    switch claim.step {
    case .invoice: return claim.interestDue
    case .reminder, .inkassovarsel, .betalingsoppfordring, .varsel418, .varsel52:
      return (claim.stepOn ?? claim.interestDue).adding(days: noticeDays)
    case .utlegg, .forliksklage, .agency: return nil
    }
  }

  /// The next step for `claim` in `context`, or nil when the ladder is exhausted or the claim
  /// is closed.
  ///
  /// Timing (domain-norway.md §1–2): a reminder or inkassovarsel carries a fee only when sent
  /// at least 14 days after the (moved) due date, so Krav schedules the first notice then; each
  /// later step waits until the previous notice's 14-day deadline has expired (deadline + 1).
  public func next(for claim: Claim, context: LadderContext) -> NextStep? {
    guard claim.closed == nil else { return nil }
    let due = claim.interestDue
    let afterDeadline = (Ladder.deadline(of: claim) ?? due).adding(days: 1)
    let disputed = context.disputed
    var next: NextStep
    switch claim.step {
    case let s where context.toForliksrad && s < .betalingsoppfordring:
      // A claim disputed before any betalingsoppfordring and taken to the forliksråd: the
      // debtor must first be warned in writing (tvisteloven §§ 5-1 (2) and 5-2), which may
      // be done at once.
      next = NextStep(step: .varsel52, from: due.adding(days: 1))
    case .varsel52:
      next = NextStep(step: .forliksklage, from: afterDeadline)
    case .invoice:
      next = NextStep(
        step: sendsReminder ? .reminder : .inkassovarsel, from: due.adding(days: Ladder.noticeDays))
    case .reminder:
      next = NextStep(step: .inkassovarsel, from: afterDeadline)
    case .inkassovarsel:
      next = NextStep(
        step: handoff == .agency ? .agency : .betalingsoppfordring, from: afterDeadline)
    case .betalingsoppfordring:
      let court: Step = disputed ? .forliksklage : (combines418 ? .utlegg : .varsel418)
      next = NextStep(step: court, from: afterDeadline)
    case .varsel418:
      next = NextStep(step: disputed ? .forliksklage : .utlegg, from: afterDeadline)
    case .utlegg, .forliksklage, .agency:
      return nil
    }
    // Standing blockers first (they do not end by themselves), then those that end on a day.
    if context.paid {
      next.blocker = .paid
    } else if context.timeBarred {
      next.blocker = .timeBarred
    } else if disputed && next.step != .forliksklage && next.step != .varsel52 {
      next.blocker = .disputed
    } else if context.inPlan {
      next.blocker = .inPlan
    } else if claim.awaitingDispatch {
      next.blocker = .notSent
    } else {
      // A hold or a pending promise moves the earliest day past its end; it is named as the
      // reason only when it is what keeps the step back (it ends after the deadline does).
      for (until, blocker) in [
        (context.holdUntil, Blocker.onHold), (context.promisePendingUntil, .promisePending),
      ] {
        guard let until, until >= next.from else { continue }
        next.from = until.adding(days: 1)
        next.blocker = blocker
      }
    }
    // Last: no letter can reach a customer without any address (court drafts go to the
    // court). Named only when nothing else holds the step back.
    if next.blocker == nil, context.noAddress, next.step != .utlegg, next.step != .forliksklage {
      next.blocker = .noAddress
    }
    return next
  }

  /// `next(for:context:)` with only the two facts of the first version (kept for callers).
  public func next(for claim: Claim, disputed: Bool, onHoldUntil: Day?) -> NextStep? {
    next(for: claim, context: LadderContext(disputed: disputed, holdUntil: onHoldUntil))
  }
}
