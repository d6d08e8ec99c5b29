import KravCore

/// Every piece of interface text, keyed, in Norwegian bokmål and English.
///
/// One enum per area — `L` here (what the screens share), `LCall` (calls, promises, objections,
/// holds), `LQueue` (the queue and formal steps), `LPay` (payments and write-offs), `PL`
/// (instalment plans) — each with one exhaustive switch and no `default:`, so a key without
/// both texts does not compile. Letters to debtors are not here: they are always
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
  case tooSmall, hold, conflict, keyCancel, colDate, colAmount, colText, amountTooLarge, credit
  // Form and prompt keys (issue 17).
  case groupForm, keyNextField, keyPreviousField, keySave, keyChoose, keyToggle
  case keyNextCustomer, keyScroll, keyDone, keyClear, keyConfirmYes, keyChooseOutcome
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

  /// The text for a call-area `key` in this catalogue's language.
  public func callAsFunction(_ key: LCall) -> String {
    let (nb, en) = Catalogue.callPair(key)
    return lang == .nb ? nb : en
  }

  // swiftlint:disable:next cyclomatic_complexity function_body_length
  static func pair(_ key: L) -> (String, String) {
    switch key {
    case .appTitle: return ("Krav", "Krav")
    case .groupForm: return ("Skjema", "Form")
    case .keyNextField: return ("neste felt", "next field")
    case .keyPreviousField: return ("forrige felt", "previous field")
    case .keySave: return ("lagre", "save")
    case .keyChoose: return ("velg", "choose")
    case .keyToggle: return ("kryss", "tick")
    case .keyNextCustomer: return ("neste kunde", "next customer")
    case .keyScroll: return ("rull", "scroll")
    case .keyDone: return ("ferdig", "done")
    case .keyClear: return ("tøm søket", "clear the search")
    case .keyConfirmYes: return ("ja, lagre", "yes, save")
    case .keyChooseOutcome: return ("utfall 1–5", "outcome 1–5")
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
    case .keyCancel: return ("avbryt", "cancel")
    case .colDate: return ("Dato", "Date")
    case .colAmount: return ("Beløp", "Amount")
    case .colText: return ("Tekst", "Text")
    case .amountTooLarge:
      return (
        "beløpet er over det største Krav tar imot (1 000 000 000,00 kr)",
        "the amount is above the largest Krav accepts (NOK 1,000,000,000.00)"
      )
    case .credit: return ("Til gode (innbetalt for mye):", "Credit (overpaid):")
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
