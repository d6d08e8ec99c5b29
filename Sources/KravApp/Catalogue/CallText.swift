import Foundation
import KravCore
import TerminalUI

/// Call-list and guardrail wording shared by the TUI and the CLI.
public enum CallText {
  /// One reason as a short phrase with its points, e.g. "brutt løfte 2 000,00 kr (100)".
  public static func reason(_ f: CallFactor, _ t: Catalogue) -> String {
    var s = t(key(f.reason))
    if !f.invoices.isEmpty { s += " " + f.invoices.joined(separator: ", ") }
    if let a = f.amount { s += " \(t.money(a))" }
    if let d = f.day { s += " \(t.day(d))" }
    return s + " (\(f.points))"
  }

  /// The catalogue key of a reason.
  public static func key(_ r: CallReason) -> LCall {
    switch r {
    case .brokenPromise: return .reasonBrokenPromise
    case .noticeUnpaid: return .reasonNoticeUnpaid
    case .stepTaken: return .reasonStepTaken
    case .instalmentDue: return .reasonInstalmentDue
    case .instalmentMissed: return .reasonInstalmentMissed
    case .planUnsigned: return .reasonPlanUnsigned
    case .disputeFollowUp: return .reasonDisputeFollowUp
    case .holdEnds: return .reasonHoldEnds
    }
  }

  /// Why a call is not allowed, as a phrase.
  public static func block(_ b: CallBlock, _ t: Catalogue) -> String {
    switch b {
    case .sunday: return t(.blockSunday)
    case .holiday: return t(.blockHoliday)
    case .saturday: return t(.blockSaturday)
    case .beforeHours: return t(.blockBeforeHours)
    case .afterHours: return t(.blockAfterHours)
    case .dailyLimit: return t(.blockDailyLimit)
    case .weeklyLimit: return t(.blockWeeklyLimit)
    case .monthlyLimit: return t(.blockMonthlyLimit)
    case .doNotCall: return t(.blockDoNotCall)
    case .noPhone: return t(.blockNoPhone)
    }
  }

  /// A moment as the interface shows it: "01.12.2026 08:00".
  public static func moment(_ m: LocalMoment, _ t: Catalogue) -> String {
    "\(t.day(m.day)) \(TimeSpan.clock(m.minute))"
  }

  /// The CLI option that a `CallLogProblem` field corresponds to.
  public static func cliField(_ field: String) -> String {
    switch field {
    case "reason": return "--reason"
    case "promise amount": return "--promise"
    case "promise date": return "--promise-date"
    case "promise invoice": return "--promise-invoice"
    case "hold until": return "--hold-until"
    case "hold reason": return "--hold-reason"
    case "customer": return "CUSTOMER"
    default: return field
    }
  }

  /// The label of a call outcome.
  public static func outcome(_ o: CallOutcome, _ t: Catalogue) -> String {
    TimelineText.outcome(o.rawValue, t.lang == .nb)
  }

  /// The label of a dispute reason.
  public static func disputeReason(_ r: DisputeReason, _ t: Catalogue) -> String {
    switch r {
    case .defect: return t(.disputeDefect)
    case .wrongAmount: return t(.disputeWrongAmount)
    case .notOrdered: return t(.disputeNotOrdered)
    case .alreadyPaid: return t(.disputeAlreadyPaid)
    case .other: return t(.disputeOther)
    }
  }
}
