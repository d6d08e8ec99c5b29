import KravCore

/// Interface text of the team (issue 18): the call list's mine / whole team, the collector,
/// four-eyes approvals and the approvals screen (nb, en).
public enum LTeam: CaseIterable, Sendable {
  case keyTeam, wholeTeam, mine, colCollector, noApprovals, awaitingApproval
  case approvalsTitle, keyApprovals, keyApprove, colAction, colRequestedBy, ownRequest
  case cannotApprove, approveHint, approved
  case keyReject, rejected, rejectReasonPrompt, rejectReasonMissing, rejectConfirm
  case approveConfirm, decisionCancelled, actionWriteOff, actionLongPlan
  case effectWriteOff, effectLongPlan, effectOther
}

extension Catalogue {
  /// The text for a `LTeam` key in this catalogue's language.
  public func callAsFunction(_ key: LTeam) -> String {
    let (nb, en) = Catalogue.teamPair(key)
    return lang == .nb ? nb : en
  }

  /// The texts of `LTeam` (nb, en): one exhaustive switch, no `default:`.
  // swiftlint:disable:next cyclomatic_complexity function_body_length
  static func teamPair(_ key: LTeam) -> (String, String) {
    switch key {
    case .keyTeam: return ("mine/hele teamet", "mine/whole team")
    case .wholeTeam: return ("hele teamet", "whole team")
    case .mine: return ("mine", "mine")
    case .colCollector: return ("Saksbehandler", "Collector")
    case .noApprovals: return ("Ingenting venter på godkjenning", "Nothing waits for approval")
    case .awaitingApproval: return ("venter på godkjenning", "awaiting approval")
    case .approvalsTitle: return ("Til godkjenning", "Awaiting approval")
    case .keyApprovals: return ("venter på godkjenning", "awaiting approval")
    case .keyApprove: return ("godkjenn", "approve")
    case .colAction: return ("Handling", "Action")
    case .colRequestedBy: return ("Bedt om av", "Requested by")
    case .approved: return ("Godkjent", "Approved")
    case .keyReject: return ("avvis", "reject")
    case .rejected: return ("Avvist", "Rejected")
    case .rejectReasonPrompt:
      return (
        "Avvise {action} for {customer} – grunn: ", "Reject {action} for {customer} – reason: "
      )
    case .rejectReasonMissing:
      return ("Skriv en grunn for avvisningen", "Give a reason for the rejection")
    case .rejectConfirm:
      return (
        "Avvise {action} for {customer}? Ingenting blir gjort. (j/n) ",
        "Reject {action} for {customer}? Nothing will be done. (y/n) "
      )
    case .approveConfirm:
      return (
        "Godkjenne {action} for {customer}: {effect}? (j/n) ",
        "Approve {action} for {customer}: {effect}? (y/n) "
      )
    case .decisionCancelled: return ("Avbrutt; ingenting lagret", "Cancelled; nothing saved")
    case .actionWriteOff: return ("avskrivning av", "write-off of")
    case .actionLongPlan: return ("avdragsplan over 12 måneder", "instalment plan over 12 months")
    case .effectWriteOff:
      return ("kravet avskrives og lukkes", "the claim is written off and closed")
    case .effectLongPlan:
      return (
        "planen ({n} avdrag) regnes ut per i dag og brevet skrives til utboksen",
        "the plan ({n} instalments) is worked out as of today and its letter goes to the outbox"
      )
    case .effectOther: return ("godkjenningen registreres", "the approval is recorded")
    case .ownRequest:
      return (
        "Du kan ikke godkjenne din egen forespørsel: en annen må godkjenne (fire øyne)",
        "You cannot approve your own request: someone else must (four eyes)"
      )
    case .cannotApprove:
      return (
        "Kan ikke gjennomføres nå (kravet er endret); avvis den med krav reject",
        "Cannot be carried out now (the claim changed); reject it with krav reject"
      )
    case .approveHint:
      return (
        "Et steg godkjennes først når brevet er vist og bekreftet; Enter åpner saken",
        "A step is approved only after its letter is shown and confirmed; Enter opens the case"
      )
    }
  }
}
