/// Where a plan stands on a day.
public enum PlanState: String, Sendable, Hashable, CaseIterable {
  /// Sent for signature; the signing deadline has not passed. The ladder waits.
  case proposed
  /// Signed, the first instalment not yet paid (its deadline not passed). The ladder waits.
  case signed
  /// Signed and the first instalment paid: in force. The ladder pauses.
  case active
  /// Never came into force: unsigned by the deadline, or the first instalment unpaid.
  case lapsed
  /// An instalment after the first was missed (grace included): the remainder is due at
  /// once and the next formal step is allowed; acceleration is to be recorded.
  case defaulted
  /// The acceleration was recorded (`plan-accelerated`, with its notice).
  case accelerated
  /// Paid in full.
  case completed

  /// Whether the plan holds the claims' ladder on this day.
  public var pausesLadder: Bool { self == .proposed || self == .signed || self == .active }
  /// Signed or in force: an earlier broken promise on its claims no longer pins the customer
  /// on the call list (the plan replaced it).
  public var replacesPromises: Bool { self == .signed || self == .active }
}

/// Why a plan lapsed.
public enum LapseReason: String, Sendable, Hashable {
  case unsigned
  case firstInstalmentUnpaid = "first-instalment-unpaid"
}

/// Where one instalment stands on a day.
public enum InstalmentState: String, Sendable, Hashable {
  /// Not yet due.
  case upcoming
  /// Due (from its due day through the grace days) and not fully paid.
  case due
  case paid
  /// Not fully paid by its due day plus grace.
  case missed
  /// Fell due at once when the plan was accelerated.
  case accelerated
}

/// One instalment with what was paid against it.
public struct InstalmentProgress: Hashable, Sendable {
  /// 1 for the first instalment.
  public var number: Int
  public var due: Day
  public var amount: Money
  /// Paid towards this instalment (payments cover instalments oldest first).
  public var paid: Money
  /// The day it was paid in full, if it was.
  public var paidOn: Day?
  /// The last day it may be paid without being missed: the due day (moved off weekends and
  /// holidays, gjeldsbrevloven § 5) plus the plan's grace days.
  public var deadline: Day
  public var state: InstalmentState
  /// Whether it was not paid in full by its deadline (even if paid later): a default.
  public var wasMissed: Bool
}

/// A plan on a day: its state, each instalment, and the days things happened.
public struct PlanProgress: Hashable, Sendable {
  public var state: PlanState
  public var instalments: [InstalmentProgress]
  /// Paid towards the plan so far (payments on its claims since it was proposed).
  public var paid: Money
  /// The day it came into force (signature and first instalment both in).
  public var activeFrom: Day?
  /// The day it lapsed, and why.
  public var lapsedOn: Day?
  public var lapseReason: LapseReason?
  /// The first day of default (the day after a missed instalment's deadline).
  public var defaultedOn: Day?
  /// The instalment whose miss caused the default.
  public var missedInstalment: Int?
  /// The day the last instalment was paid, when paid in full.
  public var completedOn: Day?

  /// What is left of the plan's total.
  public func remaining(of plan: Plan) -> Money { max(.zero, plan.total - paid) }
}

extension Plan {
  /// The plan's state on `day`, given the payments on its claims (any order; those before
  /// the proposal or after `day` are ignored). Payments cover instalments oldest first.
  public func progress(on day: Day, payments: [ClaimPayment]) -> PlanProgress {
    let pays = payments.filter { $0.day >= proposedOn && $0.day <= day }.sorted { $0.day < $1.day }
    let totalPaid = pays.reduce(Money.zero) { $0 + $1.amount }
    /// Paid through `d` (inclusive).
    func paid(through d: Day) -> Money {
      pays.reduce(.zero) { $0 + ($1.day <= d ? $1.amount : .zero) }
    }
    /// The day the running total of payments first reached `threshold`.
    func reached(_ threshold: Money) -> Day? {
      var sum = Money.zero
      for p in pays {
        sum += p.amount
        if sum >= threshold { return p.day }
      }
      return nil
    }
    var rows: [InstalmentProgress] = []
    var before = Money.zero
    for (i, inst) in instalments.enumerated() {
      let upTo = before + inst.amount
      let deadline = inst.due.adjustedDueDate.adding(days: graceDays)
      let part = min(inst.amount, max(.zero, totalPaid - before))
      let paidOn = part == inst.amount ? reached(upTo) : nil
      let state: InstalmentState
      let wasMissed = day > deadline && paid(through: deadline) < upTo
      if paidOn != nil {
        state = .paid
      } else if wasMissed {
        state = .missed
      } else if day >= inst.due {
        state = .due
      } else {
        state = .upcoming
      }
      rows.append(
        InstalmentProgress(
          number: i + 1, due: inst.due, amount: inst.amount, paid: part, paidOn: paidOn,
          deadline: deadline, state: state, wasMissed: wasMissed))
      before = upTo
    }
    var p = PlanProgress(state: .proposed, instalments: rows, paid: totalPaid)
    let signed = signedOn.map { $0 <= day } ?? false
    // Instalment 1 counts as paid in time only if paid in full by its deadline.
    let firstInTime = rows.first.map { r in r.paidOn.map { $0 <= r.deadline } ?? false } ?? false
    if let s = signedOn, firstInTime, let f = rows.first?.paidOn, s <= day {
      p.activeFrom = max(s, f)
    }
    if totalPaid >= total {
      p.state = .completed
      p.completedOn = reached(total)
    } else if let a = acceleratedOn, a <= day {
      p.state = .accelerated
      p.defaultedOn = firstMiss(rows)?.deadline.adding(days: 1)
      p.missedInstalment = firstMiss(rows)?.number
      for i in p.instalments.indices where p.instalments[i].state != .paid {
        p.instalments[i].state = .accelerated
      }
    } else if !signed {
      if day > signBy {
        p.state = .lapsed
        p.lapseReason = .unsigned
        p.lapsedOn = signBy.adding(days: 1)
      } else {
        p.state = .proposed
      }
    } else if !firstInTime {
      let deadline = rows[0].deadline
      if day > deadline {
        p.state = .lapsed
        p.lapseReason = .firstInstalmentUnpaid
        p.lapsedOn = deadline.adding(days: 1)
      } else {
        p.state = .signed
      }
    } else if let miss = firstMiss(rows) {
      p.state = .defaulted
      p.defaultedOn = miss.deadline.adding(days: 1)
      p.missedInstalment = miss.number
    } else {
      p.state = .active
    }
    return p
  }

  /// The first missed instalment after the first (a missed first one is a lapse, not a
  /// default); one paid after its deadline still counts: the default stands.
  private func firstMiss(_ rows: [InstalmentProgress]) -> InstalmentProgress? {
    rows.dropFirst().first { $0.wasMissed }
  }
}
