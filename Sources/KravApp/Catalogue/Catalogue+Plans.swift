import KravCore

/// Interface text for instalment plans, in Norwegian bokmål and English (kept apart from `L`
/// so the plan screens add text without touching the shared catalogue; the same rule holds:
/// a key without both texts does not compile).
public enum PL: CaseIterable, Sendable {
  case plan, planDraft, letterWritten, signedOff, nothingToFollow
  case outstandingNow, projectedInterest, total, signBy, grace, planFee, ifBroken
  case plansTitle, planTitle, keyPropose, keyPlans, keySign, keyFollow, keyNextPlan
  case formTitle, fieldClaims, fieldInstalments, fieldAmount, fieldEvery, fieldSignBy
  case fieldGrace, graceShort, fieldSigned, fieldChannel, signTitle
  case confirmPropose, confirmSign, confirmFollow
  case planSaved, signSaved, followSaved, noPlans, noPlannable, colNo, colState, history
  case every, month, fortnight, week, email, letter, inPerson
  case stateProposed, stateSigned, stateActive, stateLapsed, stateDefaulted, stateAccelerated
  case stateCompleted
  case instUpcoming, instDue, instPaid, instMissed, instAccelerated
  case histProposed, histSigned, histActive, histLapsed, histDefaulted, histAccelerated
  case histCompleted, accelerate, closeClaims, instalments, paidOf, next, badNumber, badDay
  case amount, totalShort, remaining, owedNow
}

extension Catalogue {
  /// Plan text in this catalogue's language.
  public func plan(_ key: PL) -> String {
    let (nb, en) = Catalogue.planPair(key)
    return lang == .nb ? nb : en
  }

  // swiftlint:disable:next cyclomatic_complexity function_body_length
  static func planPair(_ key: PL) -> (String, String) {
    switch key {
    case .plan: return ("Avtale", "Plan")
    case .planDraft: return ("Utkast til nedbetalingsavtale", "Draft instalment plan")
    case .letterWritten: return ("Dokument skrevet", "Document written")
    case .signedOff: return ("Signatur registrert for", "Signature recorded for")
    case .nothingToFollow:
      return ("Ingen avtaler trenger oppfølging i dag", "No plans need follow-up today")
    case .outstandingNow: return ("Utestående i dag", "Outstanding today")
    case .projectedInterest:
      return ("Beregnede renter til siste avdrag", "Projected interest to the last instalment")
    case .total: return ("Totalt å betale", "Total to pay")
    case .signBy: return ("Signeringsfrist", "Sign by")
    case .grace: return ("Respittdager etter forfall", "Grace days after each due date")
    case .planFee: return ("Gebyr for avtalen", "Fee for the plan")
    case .ifBroken: return ("Ved mislighold, faktura", "If broken, invoice")
    case .plansTitle: return ("Nedbetalingsavtaler", "Instalment plans")
    case .planTitle: return ("Nedbetalingsavtale", "Instalment plan")
    case .keyPropose: return ("ny avtale", "propose plan")
    case .keyPlans: return ("avtaler", "plans")
    case .keySign: return ("registrer signatur", "record signature")
    case .keyFollow: return ("følg opp", "follow up")
    case .keyNextPlan: return ("neste avtale", "next plan")
    case .formTitle: return ("Ny nedbetalingsavtale", "New instalment plan")
    case .fieldClaims: return ("Krav", "Claims")
    case .fieldInstalments: return ("Antall avdrag", "Instalments")
    case .fieldAmount: return ("eller beløp per avdrag", "or amount each")
    case .fieldEvery: return ("Hyppighet", "Every")
    case .fieldSignBy: return ("Signeringsfrist", "Sign by")
    case .fieldGrace: return ("Respittdager (0–5)", "Grace days (0–5)")
    case .graceShort: return ("Respittdager", "Grace days")
    case .fieldSigned: return ("Signert dato", "Signed on")
    case .fieldChannel: return ("Kanal", "Channel")
    case .signTitle: return ("Registrer kundens signatur", "Record the customer's signature")
    case .confirmPropose: return ("Foreslå nedbetalingsavtale?", "Propose instalment plan?")
    case .confirmSign: return ("Registrere signatur?", "Record signature?")
    case .confirmFollow: return ("Følge opp avtalen?", "Follow up the plan?")
    case .planSaved: return ("Avtale lagret og dokument skrevet", "Plan saved, document written")
    case .signSaved: return ("Signatur registrert", "Signature recorded")
    case .followSaved: return ("Oppfølging lagret", "Follow-up saved")
    case .noPlans: return ("Ingen nedbetalingsavtaler", "No instalment plans")
    case .noPlannable:
      return ("Ingen åpne krav kan legges i en avtale", "No open claims can go in a plan")
    case .colNo: return ("Nr.", "No.")
    case .colState: return ("Status", "State")
    case .history: return ("Historikk", "History")
    case .every: return ("hver", "every")
    case .month: return ("måned", "month")
    case .fortnight: return ("annenhver uke", "fortnight")
    case .week: return ("uke", "week")
    case .email: return ("e-post", "e-mail")
    case .letter: return ("brev", "letter")
    case .inPerson: return ("personlig", "in person")
    case .stateProposed: return ("sendt til signering", "awaiting signature")
    case .stateSigned: return ("signert, venter første avdrag", "signed, first instalment due")
    case .stateActive: return ("aktiv", "active")
    case .stateLapsed: return ("bortfalt", "lapsed")
    case .stateDefaulted: return ("misligholdt", "in default")
    case .stateAccelerated: return ("restbeløp forfalt", "accelerated")
    case .stateCompleted: return ("nedbetalt", "paid in full")
    case .instUpcoming: return ("kommende", "upcoming")
    case .instDue: return ("forfaller", "due")
    case .instPaid: return ("betalt", "paid")
    case .instMissed: return ("ikke betalt", "missed")
    case .instAccelerated: return ("forfalt straks", "due at once")
    case .histProposed: return ("Foreslått", "Proposed")
    case .histSigned: return ("Signert", "Signed")
    case .histActive: return ("Trådte i kraft", "Came into force")
    case .histLapsed: return ("Bortfalt", "Lapsed")
    case .histDefaulted:
      return ("Misligholdt (avdrag ikke betalt)", "In default (instalment missed)")
    case .histAccelerated:
      return ("Restbeløpet forfalt, varsel skrevet", "Accelerated, notice written")
    case .histCompleted: return ("Nedbetalt", "Paid in full")
    case .accelerate:
      return (
        "Hele restbeløpet forfaller straks; varsel skrives", "Remainder due at once; notice written"
      )
    case .closeClaims: return ("Kravene lukkes som betalt", "The claims are closed as paid")
    case .instalments: return ("avdrag", "instalments")
    case .paidOf: return ("betalt av", "paid of")
    case .next: return ("neste", "next")
    case .badNumber: return ("Skriv et tall", "Enter a number")
    case .badDay: return ("Skriv en dato (DD.MM.ÅÅÅÅ)", "Enter a date (YYYY-MM-DD)")
    case .amount: return ("Beløp", "Amount")
    case .totalShort: return ("Totalt", "Total")
    case .remaining: return ("Gjenstår", "Remaining")
    case .owedNow: return ("Forfalt nå", "Due now")
    }
  }

  /// The label of a plan state.
  public func planState(_ s: PlanState) -> String {
    switch s {
    case .proposed: return plan(.stateProposed)
    case .signed: return plan(.stateSigned)
    case .active: return plan(.stateActive)
    case .lapsed: return plan(.stateLapsed)
    case .defaulted: return plan(.stateDefaulted)
    case .accelerated: return plan(.stateAccelerated)
    case .completed: return plan(.stateCompleted)
    }
  }

  /// The label of an instalment state.
  public func instalmentState(_ s: InstalmentState) -> String {
    switch s {
    case .upcoming: return plan(.instUpcoming)
    case .due: return plan(.instDue)
    case .paid: return plan(.instPaid)
    case .missed: return plan(.instMissed)
    case .accelerated: return plan(.instAccelerated)
    }
  }

  /// The label of a plan frequency.
  public func frequency(_ f: PlanFrequency) -> String {
    switch f {
    case .month: return plan(.month)
    case .fortnight: return plan(.fortnight)
    case .week: return plan(.week)
    }
  }

  /// The label of a signature channel (`email`, `letter`, `in-person`).
  public func channel(_ c: String) -> String {
    switch c {
    case "email": return plan(.email)
    case "letter": return plan(.letter)
    case "in-person": return plan(.inPerson)
    default: return c
    }
  }
}
