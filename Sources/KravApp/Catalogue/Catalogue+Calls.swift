import KravCore

/// Interface text of the call list, the call log form, the e-mail review, promises,
/// objections and holds.
public enum LCall: CaseIterable, Sendable {
  case callsTitle, callNow, callFrom, callNever, colPhone, colScore
  case colWhen, colReasons, noCalls, callsWhy, callsScore, scoreReasons
  case scoreAmount, scoreDays, pinnedTop, callsRules, callsAllowed, callsBlocked
  case callsRecent, keyLogCall, keyCustomers, keyDoNotCall, formTitle, formOutcome
  case formSummary, formPromiseAmount, formPromiseDate, formDisputeInvoice, formDisputeAmount,
    formDisputeReason
  case formDisputeText, formDisputeWho, formHoldUntil, formHoldReason, formProposePlan,
    formOutsideReason
  case formOutside, formBadAmount, formBadDay, formRequired, callSaved
  case reviewTitle, reviewSavedAs, doNotCallOn, doNotCallOff, reasonBrokenPromise
  case reasonNoticeUnpaid, reasonStepTaken, reasonInstalmentDue, reasonInstalmentMissed,
    reasonPlanUnsigned, reasonDisputeFollowUp
  case reasonHoldEnds, blockSunday, blockHoliday, blockSaturday, blockBeforeHours, blockAfterHours
  case blockDailyLimit, blockWeeklyLimit, blockMonthlyLimit, blockDoNotCall, blockNoPhone,
    disputeDefect
  case disputeWrongAmount, disputeNotOrdered, disputeAlreadyPaid, disputeOther, promisesTitle,
    promisePending
  case promiseKept, promisePartlyKept, promiseBroken, promiseSuperseded, disputesTitle,
    disputeUndisputed
  case disputeResumes, probOutside, probNotPositive, probBeforeToday, probUnknownInvoice,
    probAlreadyOpen
  case probAbovePrincipal, keyResolve, noOpenDisputes, resolveTitle, resolveWhich, resolveOutcome
  case resolveAccepted, resolveRejected, resolveForliksrad, resolveCredit, resolveText
  case resolveCreditOnlyAccepted, keyHold, holdTitle, holdInvoice, holdSaved
  case disputeResolvedSaved
}

/// The texts of `LCall` (nb, en): one exhaustive switch, no `default:`.
extension Catalogue {
  // swiftlint:disable:next cyclomatic_complexity function_body_length
  static func callPair(_ key: LCall) -> (String, String) {
    switch key {
    case .callsTitle: return ("Ringeliste", "Call list")
    case .callNow: return ("nå", "now")
    case .callFrom: return ("fra", "from")
    case .callNever: return ("ikke ring", "do not call")
    case .colPhone: return ("Telefon", "Phone")
    case .colScore: return ("Poeng", "Score")
    case .colWhen: return ("Ring", "Call")
    case .colReasons: return ("Grunner", "Reasons")
    case .noCalls: return ("Ingen å ringe i dag", "Nobody to call today")
    case .callsWhy: return ("Hvorfor", "Why")
    case .callsScore: return ("Poeng", "Score")
    case .scoreReasons: return ("grunner", "reasons")
    case .scoreAmount: return ("beløp", "amount")
    case .scoreDays: return ("dager forfalt", "days overdue")
    case .pinnedTop: return ("øverst: brutt løfte", "top: broken promise")
    case .callsRules: return ("Ringeregler", "Call rules")
    case .callsAllowed: return ("kan ringes nå", "may be called now")
    case .callsBlocked: return ("ikke nå", "not now")
    case .callsRecent: return ("samtaler siste 7/30 dager", "calls in the last 7/30 days")
    case .keyLogCall: return ("logg samtale", "log call")
    case .keyCustomers: return ("kunder", "customers")
    case .keyDoNotCall: return ("ikke ring av/på", "do-not-call on/off")
    case .formTitle: return ("Logg samtale", "Log call")
    case .formOutcome: return ("Utfall", "Outcome")
    case .formSummary: return ("Sammendrag", "Summary")
    case .formPromiseAmount: return ("Løfte: beløp", "Promise: amount")
    case .formPromiseDate: return ("Løfte: innen", "Promise: by")
    case .formDisputeInvoice: return ("Innsigelse: faktura", "Objection: invoice")
    case .formDisputeAmount:
      return ("Innsigelse: beløp (tomt = hele)", "Objection: amount (empty = all)")
    case .formDisputeReason: return ("Innsigelse: grunn", "Objection: reason")
    case .formDisputeText: return ("Innsigelse: tekst", "Objection: text")
    case .formDisputeWho: return ("Fra hvem", "Raised by")
    case .formHoldUntil: return ("Pause til", "Hold until")
    case .formHoldReason: return ("Pause: grunn", "Hold: reason")
    case .formProposePlan: return ("Foreslå nedbetalingsavtale", "Propose an instalment plan")
    case .formOutsideReason: return ("Grunn til å ringe nå", "Reason to call now")
    case .formOutside: return ("Utenfor ringereglene", "Outside the call rules")
    case .formBadAmount: return ("skriv et beløp, f.eks. 1 500,00", "enter an amount, e.g. 1500.00")
    case .formBadDay: return ("skriv en dato, f.eks. 15.12.2026", "enter a day, e.g. 2026-12-15")
    case .formRequired: return ("må fylles ut", "is required")
    case .callSaved: return ("Samtale lagret", "Call saved")
    case .reviewTitle: return ("Oppfølgings-e-post (utkast)", "Follow-up e-mail (draft)")
    case .reviewSavedAs: return ("Lagret som", "Saved as")
    case .doNotCallOn: return ("Merket: skal ikke ringes", "Marked: do not call")
    case .doNotCallOff: return ("Kan ringes igjen", "May be called again")
    case .reasonBrokenPromise: return ("brutt løfte", "broken promise")
    case .reasonNoticeUnpaid: return ("varsel ubetalt etter frist", "notice unpaid past deadline")
    case .reasonStepTaken: return ("nytt steg tatt", "step just taken")
    case .reasonInstalmentDue: return ("avdrag forfaller", "instalment due")
    case .reasonInstalmentMissed:
      return ("avdrag ikke betalt, forfalt nå", "instalment missed, now due")
    case .reasonPlanUnsigned: return ("avtale ikke signert", "plan not signed")
    case .reasonDisputeFollowUp: return ("innsigelse til oppfølging", "objection to follow up")
    case .reasonHoldEnds: return ("pause slutter i dag", "hold ends today")
    case .blockSunday: return ("søndag", "Sunday")
    case .blockHoliday: return ("helligdag", "public holiday")
    case .blockSaturday: return ("lørdag (ringer ikke)", "Saturday (no calls)")
    case .blockBeforeHours: return ("før kontortid", "before office hours")
    case .blockAfterHours: return ("etter kontortid", "after office hours")
    case .blockDailyLimit: return ("allerede ringt i dag", "already called today")
    case .blockWeeklyLimit: return ("5 samtaler siste 7 dager", "5 calls in 7 days")
    case .blockMonthlyLimit: return ("15 samtaler siste 30 dager", "15 calls in 30 days")
    case .blockDoNotCall: return ("ønsker ikke å bli ringt", "asked not to be called")
    case .blockNoPhone: return ("mangler telefonnummer", "no phone number")
    case .disputeDefect: return ("mangel", "defect")
    case .disputeWrongAmount: return ("feil beløp", "wrong amount")
    case .disputeNotOrdered: return ("ikke bestilt", "not ordered")
    case .disputeAlreadyPaid: return ("allerede betalt", "already paid")
    case .disputeOther: return ("annet", "other")
    case .promisesTitle: return ("Betalingsløfter", "Promises to pay")
    case .promisePending: return ("venter", "pending")
    case .promiseKept: return ("holdt", "kept")
    case .promisePartlyKept: return ("delvis holdt", "partly kept")
    case .promiseBroken: return ("brutt", "broken")
    case .promiseSuperseded: return ("erstattet", "superseded")
    case .disputesTitle: return ("Innsigelser", "Objections")
    case .disputeUndisputed: return ("ubestridt rest", "undisputed remainder")
    case .disputeResumes: return ("innkreving fortsetter", "collection resumes")
    case .probOutside:
      return (
        "samtalen er utenfor ringereglene – skriv hvorfor du ringer likevel",
        "the call is outside the call rules – say why you call anyway"
      )
    case .probNotPositive: return ("må være over null", "must be above zero")
    case .probBeforeToday: return ("kan ikke være før i dag", "cannot be before today")
    case .probUnknownInvoice:
      return ("ingen slik faktura hos kunden", "no such invoice for this customer")
    case .probAlreadyOpen:
      return ("har allerede en åpen innsigelse", "already has an open objection")
    case .probAbovePrincipal:
      return (
        "må være over null og høyst hovedstolen", "must be above zero and at most the principal"
      )
    case .keyResolve: return ("avgjør innsigelse", "resolve objection")
    case .noOpenDisputes: return ("Ingen åpne innsigelser", "No open objections")
    case .resolveTitle: return ("Avgjør innsigelse", "Resolve objection")
    case .resolveWhich: return ("Innsigelse", "Objection")
    case .resolveOutcome: return ("Utfall", "Outcome")
    case .resolveAccepted: return ("godtatt", "accepted")
    case .resolveRejected: return ("avvist", "rejected")
    case .resolveForliksrad: return ("til forliksrådet", "to the forliksråd")
    case .resolveCredit: return ("Kreditnota", "Credit note")
    case .resolveText: return ("Svar", "Answer")
    case .resolveCreditOnlyAccepted: return ("bare når godtatt", "only when accepted")
    case .keyHold: return ("pause", "hold")
    case .holdSaved: return ("Pause lagret", "Hold saved")
    case .disputeResolvedSaved: return ("Innsigelse avgjort", "Objection resolved")
    case .holdTitle: return ("Sett på pause", "Put on hold")
    case .holdInvoice: return ("Faktura (tomt = alle)", "Invoice (empty = all)")
    }
  }

  /// The label of a promise state.
  public func promiseState(_ s: PromiseState) -> String {
    switch s {
    case .pending: return self(.promisePending)
    case .kept: return self(.promiseKept)
    case .partlyKept: return self(.promisePartlyKept)
    case .broken: return self(.promiseBroken)
    case .superseded: return self(.promiseSuperseded)
    }
  }
}
