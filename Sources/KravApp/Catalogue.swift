import KravCore

/// Every piece of interface text, keyed, in Norwegian bokmål and English.
///
/// One catalogue so the two languages cannot drift apart: a key without both texts does not
/// compile (`text(_:)` switches exhaustively). Letters to debtors are not here: they are always
/// Norwegian and live with the letter templates.
public enum L: CaseIterable, Sendable {
  case appTitle, customersTitle, caseTitle, helpTitle
  case colName, colKind, colOverdue, colOutstanding, colOldestDue, colStep
  case colInvoice, colDue, colPrincipal, colPaid, colInterest, colFees
  case consumer, business
  case keyUp, keyDown, keyPageUp, keyPageDown, keyHome, keyEnd, keySearch, keyOpen, keyBack
  case keyHelp, keyQuit, keyNote, keyForceQuit
  case groupMove, groupActions, groupGeneral
  case searchPrompt, notePrompt, noteSaved, noCustomers, noMatches, timeline, loading
  case readOnly, saveFailed, orgnr, birthNumber, phone, email, address
  case totals, helpFooter, matchesCount, today
  case statusNotDue, statusOverdue, statusDisputed, statusOnHold, statusPaid, statusCredited
  case statusWrittenOff, statusClosed, statusPartlyDisputed
  case stepInvoice, stepOverdue, stepReminder, stepInkassovarsel, stepBetalingsoppfordring
  case stepUtlegg, stepForliksklage, stepVarsel418, stepVarsel52, stepAgency
  case tooSmall, hold, conflict
  // The call list, the call log form and the e-mail review (Catalogue+Calls.swift).
  case callsTitle, callNow, callFrom, callNever, colPhone, colScore, colWhen
  case colReasons, noCalls, callsWhy, callsScore, scoreReasons, scoreAmount, scoreDays
  case pinnedTop, callsRules, callsAllowed, callsBlocked, callsRecent, keyLogCall
  case keyCustomers, keyDoNotCall, formTitle, formOutcome, formSummary, formPromiseAmount
  case formPromiseDate, formDisputeInvoice, formDisputeAmount, formDisputeReason
  case formDisputeText, formDisputeWho, formHoldUntil, formHoldReason, formProposePlan, formOutsideReason
  case formOutside, formBadAmount, formBadDay, formRequired, formHint, callSaved
  case reviewTitle, reviewHint, reviewSavedAs, doNotCallOn, doNotCallOff
  case reasonBrokenPromise, reasonNoticeUnpaid, reasonStepTaken, reasonInstalmentDue
  case reasonInstalmentMissed, reasonPlanUnsigned, reasonDisputeFollowUp, reasonHoldEnds
  case blockSunday, blockHoliday, blockSaturday, blockBeforeHours, blockAfterHours
  case blockDailyLimit, blockWeeklyLimit, blockMonthlyLimit, blockDoNotCall, blockNoPhone
  case disputeDefect, disputeWrongAmount, disputeNotOrdered, disputeAlreadyPaid, disputeOther
  case promisesTitle, promisePending, promiseKept, promisePartlyKept, promiseBroken
  case promiseSuperseded, disputesTitle, disputeUndisputed, disputeResumes
  case probOutside, probNotPositive, probBeforeToday, probUnknownInvoice, probAlreadyOpen
  case probAbovePrincipal, keyResolve, noOpenDisputes, resolveTitle, resolveWhich, resolveOutcome
  case resolveAccepted, resolveRejected, resolveForliksrad, resolveCredit, resolveText, resolveHint
  case resolveCreditOnlyAccepted, keyHold, holdTitle, holdInvoice, holdHint, holdSaved
  case disputeResolvedSaved
  case queueTitle, colCustomer, colNextStep, colEarliest, colBlocker, colDeadline
  case keyQueue, keyMark, keyTrigger, keyTriggerCustomer, keyTriggerAll
  case keyFilterEligible, keyFilterStep, keyFilterBlocker, keyGroup
  case keyConfirm, keyCancel, keyNextLetter, keyPreviousLetter
  case blockerDeadline, blockerDisputed, blockerOnHold, blockerPromise, blockerPlan, blockerPaid
  case blockerTimeBarred, blockerNoAddress, blockerNotSent
  case ready, filterEligible, filterStep, filterBlocker, grouped, marked
  case confirmTitle, letterLabel, lettersSent, nothingEligible, noCreditor, notIncluded
  case fee, deadline, claimsLabel, stepLabel, customerLabel, noQueueRows, courtFee, channel
  case limitationWarning
  // Issue 7: payments.
  case keyUnmatched, keyAssign, keyPayment, unmatchedTitle, noUnmatched, colDate, colAmount
  case colKid, colPayer, colText, assignPrompt, assignUnknown, paymentAssigned, paymentSaved
  case paymentAmountPrompt, paymentDatePrompt, paymentInvoicePrompt, paymentBadAmount
  case amountTooLarge
  case writeOffInvoicePrompt, writeOffReasonPrompt, writeOffConfirm, writeOffCancelled
  case writeOffReasonMissing, writeOffSaved, keyWriteOff
  case paymentBadDate, paymentFutureDate, paymentUnknownInvoice, paymentNoClaims, unmatchedShort, credit
}

/// Looks up interface text in one language.
public struct Catalogue: Sendable {
  public var lang: Language
  public init(_ lang: Language) { self.lang = lang }

  /// The text for `key` in this catalogue's language.
  public func callAsFunction(_ key: L) -> String {
    let (nb, en) = Catalogue.pair(key)
    return lang == .nb ? nb : en
  }

  // swiftlint:disable:next cyclomatic_complexity function_body_length
  static func pair(_ key: L) -> (String, String) {
    switch key {
    case .callsTitle, .callNow, .callFrom, .callNever, .colPhone, .colScore,
      .colWhen, .colReasons, .noCalls, .callsWhy, .callsScore, .scoreReasons, .scoreAmount,
      .scoreDays, .pinnedTop, .callsRules, .callsAllowed, .callsBlocked, .callsRecent,
      .keyLogCall, .keyCustomers, .keyDoNotCall, .formTitle, .formOutcome, .formSummary,
      .formPromiseAmount, .formPromiseDate, .formDisputeInvoice, .formDisputeAmount,
      .formDisputeReason, .formDisputeText, .formDisputeWho, .formHoldUntil, .formHoldReason, .formProposePlan,
      .formOutsideReason, .formOutside, .formBadAmount, .formBadDay, .formRequired, .formHint,
      .callSaved, .reviewTitle, .reviewHint, .reviewSavedAs, .doNotCallOn, .doNotCallOff,
      .reasonBrokenPromise, .reasonNoticeUnpaid, .reasonStepTaken, .reasonInstalmentDue,
      .reasonInstalmentMissed, .reasonPlanUnsigned, .reasonDisputeFollowUp, .reasonHoldEnds,
      .blockSunday, .blockHoliday, .blockSaturday, .blockBeforeHours, .blockAfterHours,
      .blockDailyLimit, .blockWeeklyLimit, .blockMonthlyLimit, .blockDoNotCall, .blockNoPhone,
      .disputeDefect, .disputeWrongAmount, .disputeNotOrdered, .disputeAlreadyPaid,
      .disputeOther, .promisesTitle, .promisePending, .promiseKept, .promisePartlyKept,
      .promiseBroken, .promiseSuperseded, .disputesTitle, .disputeUndisputed, .disputeResumes,
      .probOutside, .probNotPositive, .probBeforeToday, .probUnknownInvoice,
      .probAlreadyOpen, .probAbovePrincipal, .keyResolve, .noOpenDisputes, .resolveTitle,
      .resolveWhich, .resolveOutcome, .resolveAccepted, .resolveRejected, .resolveForliksrad,
      .resolveCredit, .resolveText, .resolveHint, .resolveCreditOnlyAccepted, .keyHold, .holdTitle,
      .holdInvoice, .holdHint, .holdSaved, .disputeResolvedSaved:
      return Catalogue.callPair(key)
    case .appTitle: return ("Krav", "Krav")
    case .customersTitle: return ("Kunder med forfalte krav", "Customers with overdue claims")
    case .caseTitle: return ("Sak", "Case")
    case .helpTitle: return ("Hjelp – taster", "Help – keys")
    case .colName: return ("Navn", "Name")
    case .colKind: return ("Type", "Kind")
    case .colOverdue: return ("Forfalt", "Overdue")
    case .colOutstanding: return ("Utestående", "Outstanding")
    case .colOldestDue: return ("Eldste forfall", "Oldest due")
    case .colStep: return ("Steg", "Step")
    case .colInvoice: return ("Faktura", "Invoice")
    case .colDue: return ("Forfall", "Due")
    case .colPrincipal: return ("Hovedstol", "Principal")
    case .colPaid: return ("Betalt", "Paid")
    case .colInterest: return ("Renter", "Interest")
    case .colFees: return ("Gebyr", "Fees")
    case .consumer: return ("Privat", "Consumer")
    case .business: return ("Bedrift", "Business")
    case .keyUp: return ("opp", "up")
    case .keyDown: return ("ned", "down")
    case .keyPageUp: return ("side opp", "page up")
    case .keyPageDown: return ("side ned", "page down")
    case .keyHome: return ("første", "first")
    case .keyEnd: return ("siste", "last")
    case .keySearch: return ("søk", "search")
    case .keyOpen: return ("åpne", "open")
    case .keyBack: return ("tilbake", "back")
    case .keyHelp: return ("hjelp", "help")
    case .keyQuit: return ("avslutt", "quit")
    case .keyNote: return ("notat", "note")
    case .keyForceQuit: return ("avslutt straks", "quit at once")
    case .groupMove: return ("Flytt", "Move")
    case .groupActions: return ("Handlinger", "Actions")
    case .groupGeneral: return ("Generelt", "General")
    case .searchPrompt: return ("Søk: ", "Search: ")
    case .notePrompt: return ("Notat: ", "Note: ")
    case .noteSaved: return ("Notat lagret", "Note saved")
    case .noCustomers: return ("Ingen kunder med forfalte krav", "No customers with overdue claims")
    case .noMatches: return ("Ingen treff", "No matches")
    case .timeline: return ("Hendelser (nyeste først)", "Timeline (newest first)")
    case .loading: return ("Laster …", "Loading …")
    case .readOnly: return ("SKRIVEBESKYTTET", "READ-ONLY")
    case .saveFailed: return ("Ikke lagret", "Not saved")
    case .orgnr: return ("Org.nr.", "Org. no.")
    case .birthNumber: return ("Fødselsnr.", "Birth no.")
    case .phone: return ("Telefon", "Phone")
    case .email: return ("E-post", "E-mail")
    case .address: return ("Adresse", "Address")
    case .totals: return ("Sum", "Total")
    case .helpFooter: return ("Esc eller q lukker hjelpen", "Esc or q closes help")
    case .matchesCount: return ("treff", "matches")
    case .today: return ("I dag", "Today")
    case .statusNotDue: return ("ikke forfalt", "not due")
    case .statusOverdue: return ("forfalt", "overdue")
    case .statusDisputed: return ("bestridt", "disputed")
    case .statusOnHold: return ("pause", "on hold")
    case .statusPaid: return ("betalt", "paid")
    case .statusCredited: return ("kreditert", "credited")
    case .statusPartlyDisputed: return ("delvis bestridt", "partly disputed")
    case .statusWrittenOff: return ("avskrevet", "written off")
    case .statusClosed: return ("lukket", "closed")
    case .stepInvoice: return ("faktura", "invoice")
    case .stepOverdue: return ("forfalt", "overdue")
    case .stepReminder: return ("purring", "reminder")
    case .stepInkassovarsel: return ("inkassovarsel", "inkassovarsel")
    case .stepBetalingsoppfordring: return ("betalingsoppfordring", "betalingsoppfordring")
    case .stepUtlegg: return ("utlegg", "utlegg")
    case .stepForliksklage: return ("forliksklage", "forliksklage")
    case .stepVarsel418: return ("varsel § 4-18", "notice § 4-18")
    case .stepVarsel52: return ("varsel om søksmål", "notice of action")
    case .stepAgency: return ("overlevert inkassobyrå", "handed to agency")
    case .tooSmall:
      return ("Vinduet er for lite (minst 80×24)", "Window too small (80×24 at least)")
    case .hold: return ("Pause til", "On hold until")
    case .queueTitle: return ("Kø – neste steg", "Queue – next steps")
    case .colCustomer: return ("Kunde", "Customer")
    case .colNextStep: return ("Neste steg", "Next step")
    case .colEarliest: return ("Tidligst", "Earliest")
    case .colBlocker: return ("Hindring", "Blocked by")
    case .colDeadline: return ("Frist", "Deadline")
    case .keyQueue: return ("kø", "queue")
    case .keyMark: return ("merk", "mark")
    case .keyTrigger: return ("neste steg", "next step")
    case .keyTriggerCustomer: return ("neste steg for kunden", "next step for the customer")
    case .keyTriggerAll: return ("alle klare", "all eligible")
    case .keyFilterEligible: return ("klare i dag", "eligible today")
    case .keyFilterStep: return ("filter steg", "filter by step")
    case .keyFilterBlocker: return ("filter hindring", "filter by blocker")
    case .keyGroup: return ("grupper per kunde", "group by customer")
    case .keyConfirm: return ("send", "send")
    case .keyCancel: return ("avbryt", "cancel")
    case .keyNextLetter: return ("neste brev", "next letter")
    case .keyPreviousLetter: return ("forrige brev", "previous letter")
    case .blockerDeadline: return ("frist løper", "deadline running")
    case .blockerDisputed: return ("bestridt", "disputed")
    case .blockerOnHold: return ("pause", "on hold")
    case .blockerPromise: return ("betalingsløfte", "promise pending")
    case .blockerPlan: return ("i avtale", "in a plan")
    case .blockerPaid: return ("betalt", "paid")
    case .blockerTimeBarred: return ("foreldet", "time-barred")
    case .blockerNoAddress: return ("mangler adresse", "no address")
    case .blockerNotSent: return ("ikke sendt", "not sent")
    case .ready: return ("klar", "ready")
    case .filterEligible: return ("klare i dag", "eligible today")
    case .filterStep: return ("steg", "step")
    case .filterBlocker: return ("hindring", "blocker")
    case .grouped: return ("per kunde", "by customer")
    case .marked: return ("merket", "marked")
    case .confirmTitle: return ("Bekreft neste steg", "Confirm next step")
    case .letterLabel: return ("Brev", "Letter")
    case .lettersSent: return ("Brev sendt", "Letters sent")
    case .nothingEligible:
      return ("Ingen av kravene kan gå videre i dag", "None of these claims may move on today")
    case .noCreditor:
      return ("Mangler kreditoropplysninger (krav init)", "No creditor details (krav init)")
    case .notIncluded: return ("Ikke med", "Not included")
    case .fee: return ("Gebyr", "Fee")
    case .deadline: return ("Frist", "Deadline")
    case .claimsLabel: return ("Krav", "Claims")
    case .stepLabel: return ("Steg", "Step")
    case .customerLabel: return ("Kunde", "Customer")
    case .noQueueRows: return ("Ingen åpne krav her", "No open claims here")
    case .courtFee: return ("Rettsgebyr", "Court fee")
    case .channel: return ("Sendes", "Channel")
    case .limitationWarning:
      return ("foreldes – avbryt foreldelsen før", "becomes time-barred – interrupt it before")
    case .keyUnmatched: return ("uplasserte innbetalinger", "unmatched payments")
    case .keyAssign: return ("plasser", "assign")
    case .keyPayment: return ("innbetaling", "payment")
    case .unmatchedTitle: return ("Uplasserte innbetalinger", "Unmatched payments")
    case .noUnmatched: return ("Ingen uplasserte innbetalinger", "No unmatched payments")
    case .colDate: return ("Dato", "Date")
    case .colAmount: return ("Beløp", "Amount")
    case .colKid: return ("KID", "KID")
    case .colPayer: return ("Betaler", "Payer")
    case .colText: return ("Tekst", "Text")
    case .assignPrompt: return ("Faktura eller kunde-id: ", "Invoice or customer id: ")
    case .assignUnknown:
      return ("Ingen faktura eller kunde med krav har dette nummeret", "No invoice, or customer with claims, has this number")
    case .paymentAssigned: return ("Innbetaling plassert", "Payment assigned")
    case .paymentSaved: return ("Innbetaling registrert", "Payment registered")
    case .paymentAmountPrompt: return ("Beløp: ", "Amount: ")
    case .paymentDatePrompt: return ("Betalt dato: ", "Paid on: ")
    case .paymentInvoicePrompt:
      return ("Faktura (tom = eldste krav først): ", "Invoice (empty = oldest claim first): ")
    case .paymentBadAmount:
      return ("Skriv et beløp over 0, f.eks. 1 234,50", "Type an amount above 0, e.g. 1234.50")
    case .amountTooLarge:
      return (
        "beløpet er over det største Krav tar imot (1 000 000 000,00 kr)",
        "the amount is above the largest Krav accepts (NOK 1,000,000,000.00)"
      )
    case .paymentBadDate: return ("Skriv en dato som 31.12.2026", "Type a day such as 2026-12-31")
    case .writeOffInvoicePrompt: return ("Skriv av faktura: ", "Write off invoice: ")
    case .writeOffReasonPrompt: return ("Grunn (lagres i loggen): ", "Reason (kept in the log): ")
    case .writeOffConfirm:
      return (
        "Skrive av {invoice} for {customer}? Kravet tas ut av køen og ringelisten. (j/n) ",
        "Write off {invoice} for {customer}? It leaves the queue and call list. (y/n) "
      )
    case .writeOffCancelled: return ("Avskrivning avbrutt", "Write-off cancelled")
    case .writeOffReasonMissing: return ("Skriv en grunn", "Type a reason")
    case .writeOffSaved: return ("Kravet er skrevet av", "Claim written off")
    case .keyWriteOff: return ("skriv av krav", "write off a claim")
    case .paymentFutureDate:
      return ("Betalt dato kan ikke være etter i dag", "The payment day cannot be after today")
    case .paymentUnknownInvoice:
      return ("Kunden har ingen faktura med dette nummeret", "The customer has no invoice with this number")
    case .paymentNoClaims: return ("Kunden har ingen krav", "The customer has no claims")
    case .credit: return ("Til gode (innbetalt for mye):", "Credit (overpaid):")
    case .unmatchedShort: return ("uplasserte innbetalinger – u", "unmatched payments – u")
    case .conflict:
      return (
        "Konflikt – steg tatt av en annen først, ikke brukt:",
        "Conflict – step taken by someone else first, not applied:"
      )
    }
  }

  /// The label of a formal step.
  public func step(_ s: Step) -> String {
    switch s {
    case .invoice: return self(.stepInvoice)
    case .reminder: return self(.stepReminder)
    case .inkassovarsel: return self(.stepInkassovarsel)
    case .betalingsoppfordring: return self(.stepBetalingsoppfordring)
    case .utlegg: return self(.stepUtlegg)
    case .forliksklage: return self(.stepForliksklage)
    case .varsel418: return self(.stepVarsel418)
    case .varsel52: return self(.stepVarsel52)
    case .agency: return self(.stepAgency)
    }
  }

  /// The label of a reason a step is blocked.
  public func blocker(_ b: Blocker) -> String {
    switch b {
    case .deadlineRunning: return self(.blockerDeadline)
    case .disputed: return self(.blockerDisputed)
    case .onHold: return self(.blockerOnHold)
    case .promisePending: return self(.blockerPromise)
    case .inPlan: return self(.blockerPlan)
    case .paid: return self(.blockerPaid)
    case .timeBarred: return self(.blockerTimeBarred)
    case .noAddress: return self(.blockerNoAddress)
    case .notSent: return self(.blockerNotSent)
    }
  }

  /// The label of a claim status.
  public func status(_ s: ClaimStatus) -> String {
    switch s {
    case .notDue: return self(.statusNotDue)
    case .overdue: return self(.statusOverdue)
    case .disputed: return self(.statusDisputed)
    case .onHold: return self(.statusOnHold)
    case .paid: return self(.statusPaid)
    case .credited: return self(.statusCredited)
    case .writtenOff: return self(.statusWrittenOff)
    case .closed: return self(.statusClosed)
    }
  }

  /// The label of a customer kind.
  public func kind(_ k: CustomerKind) -> String {
    k == .consumer ? self(.consumer) : self(.business)
  }

  /// A day as the interface shows it: `31.12.2026` (nb) or `2026-12-31` (en).
  public func day(_ d: Day) -> String {
    guard lang == .nb else { return d.iso }
    let c = d.components
    return "\(c.day < 10 ? "0" : "")\(c.day).\(c.month < 10 ? "0" : "")\(c.month).\(c.year)"
  }

  /// An amount as the interface shows it (`12 345,50 kr` or `NOK 12,345.50`).
  public func money(_ m: Money) -> String { m.formatted(lang) }
}
