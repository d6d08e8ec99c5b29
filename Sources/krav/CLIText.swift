import KravApp
import KravCore

/// The CLI's messages and errors in both interface languages (`--lang`, `LANG`).
///
/// One case per message; `text(_:)` gives the Norwegian bokmål or the English. Money and days
/// are formatted per language as the terminal UI shows them (`Catalogue`), so the two use the
/// same words and the same number format.
enum CLIText {
  case noCustomer(String)
  case noInvoice(option: String, String)
  case noteAdded(customer: String)
  case callLogged(customer: String)
  case followUpDrafted(letter: String)
  case promiseRecorded(customer: String)
  case promiseCancelled(id: String, customer: String)
  case noPromise(String)
  case promiseDayBeforeToday(Day, today: Day)
  case promiseInvoiceNotCustomers(String, customer: String)
  case onHoldUntil(Day)
  case holdLifted(String)
  case noHoldToLift(String)
  case holdUntilBeforeToday(Day, today: Day)
  case doNotCall(customer: String)
  case mayCall(customer: String)
  case objectionRecorded(id: String, invoice: String)
  case noObjection(String)
  case objectionAlreadyResolved(String)
  case objectionAlreadyOpen(String)
  case objectionAccepted(id: String, credit: Money, invoice: String, outstanding: Money)
  case objectionRejected(id: String, resumes: Day)
  case objectionToForliksrad(id: String)
  case objectionWithdrawn(id: String, invoice: String)
  case answerDrafted(letter: String)
  case creditRequired
  case creditAboveDisputed
  case outcomeExpected(String)
  case reasonRequired(option: String)
  case noPayment(String)
  case notAPayment(String)
  case paymentAlreadyCorrected(String)
  case paymentBackToUnmatched(Money, id: String)
  case paymentRefunded(Money)
  case customerAdded(id: String, name: String)
  case customerExists(String)
  case customerUpdated(id: String, fields: [String])
  case nothingChanged
  case storeMissing(String)
  case readOnly(String)
  case storeCreated(String, creditor: String)
  case claimAlreadyClosed(String, String)
  case claimWrittenOff(String)
  case dayAfterToday(option: String, Day, today: Day)
  case filingRecorded(String, Day, place: String)
  case invoiceExists(String)
  case claimAdded(String, customer: String)
  case noUnmatchedPayment(String)
  case noCustomerWithClaims(String)
  case noClaimWithKid(String)
  case paymentAssigned(id: String, Money, invoice: String?, customer: String?)
  case imported(String, added: Int, updated: Int, unchanged: Int)
  case noNextStep(String)
  case giveEither(String, String)
  case goTogether(String, String)
  case expected(option: String, Expected, got: String)
  case callRules(String)
  case callSettingsShown(CallSettings)
  case repairStep(String)
  case repairDeclined
  case quarantined(String)
  case stillFound
  case noFindings(String)
  case demoStoreExists(String)
  case planFollowUpDue(action: String, plan: String)
  case stepNoAddress(String, Step, customer: String, channel: String?)
  case stepNotAllowed(String, Step, reason: Blocker?, barredSince: Day?, earliest: Day?)
  case noClaimsToMove
  case stepAwaitsApproval(String, Step)

  /// What an option expected, in words (`CLIText.expected`).
  enum Expected {
    case clock, clockOrNone, instalments, frequency, day, graceDays, planChannel
    case signatureChannel, contactChannel, customerCount

    func text(_ nb: Bool) -> String {
      switch self {
      case .clock: return "HH:MM-HH:MM"
      case .clockOrNone: return nb ? "HH:MM-HH:MM eller none" : "HH:MM-HH:MM or none"
      case .instalments: return nb ? "1 til 120" : "1 to 120"
      case .frequency: return nb ? "month, fortnight eller week" : "month, fortnight or week"
      case .day:
        return nb ? "en dag som YYYY-MM-DD eller DD.MM.YYYY" : "a day as YYYY-MM-DD or DD.MM.YYYY"
      case .graceDays: return nb ? "0 til 5 dager" : "0 to 5 days"
      case .planChannel: return nb ? "email eller letter" : "email or letter"
      case .signatureChannel:
        return nb ? "email, letter eller in-person" : "email, letter or in-person"
      case .contactChannel:
        return nb ? "phone, email, letter eller in-person" : "phone, email, letter or in-person"
      case .customerCount: return nb ? "et tall fra 1 til 1000000" : "a number from 1 to 1000000"
      }
    }
  }

  func text(_ lang: Language) -> String {
    let t = Catalogue(lang)
    let nb = lang == .nb
    switch self {
    case .giveEither(let a, let b):
      return nb ? "oppgi enten \(a) eller \(b)" : "give either \(a) or \(b)"
    case .goTogether(let a, let b):
      return nb ? "\(a) og \(b) må oppgis sammen" : "\(a) and \(b) go together"
    case .expected(let option, let what, let got):
      return nb
        ? "\(option): forventet \(what.text(nb)), fikk '\(got)'"
        : "\(option): expected \(what.text(nb)), got '\(got)'"
    case .callRules(let problem):
      return nb ? "ringeregler: \(problem)" : "call rules: \(problem)"
    case .callSettingsShown(let s):
      let sat = s.saturdayHours?.description ?? (nb ? "ingen" : "none")
      var lines = [
        nb
          ? "hverdager \(s.weekdayHours)  lørdag \(sat)"
          : "weekdays \(s.weekdayHours)  saturday \(sat)",
        nb
          ? "grenser \(s.maxPerDay)/dag \(s.maxPerWeek)/7 dager \(s.maxPerMonth)/30 dager  respitt for løfter \(s.promiseGraceDays) dager"
          : "limits \(s.maxPerDay)/day \(s.maxPerWeek)/7 days \(s.maxPerMonth)/30 days  promise grace \(s.promiseGraceDays) days",
      ]
      for r in CallReason.allCases {
        lines.append((nb ? "vekt " : "weight ") + "\(r.rawValue)=\(s.weight(r))")
      }
      lines.append(
        nb
          ? "1 poeng per \(s.kronerPerPoint) kr (høyst \(s.amountCap)), per \(s.daysPerPoint) dager forfalt (høyst \(s.overdueCap))"
          : "1 point per \(s.kronerPerPoint) kr (max \(s.amountCap)), per \(s.daysPerPoint) days overdue (max \(s.overdueCap))"
      )
      return lines.joined(separator: "\n")
    case .repairStep(let s): return (nb ? "reparasjon: " : "repair: ") + s
    case .repairDeclined:
      return nb
        ? "reparasjonen ble ikke utført (svar y, eller gi --yes)"
        : "repair not carried out (answer y, or pass --yes)"
    case .quarantined(let q): return (nb ? "satt til side: " : "quarantined: ") + q
    case .stillFound: return nb ? "fortsatt funnet:" : "still found:"
    case .noFindings(let path): return nb ? "\(path): ingen funn" : "\(path): no findings"
    case .demoStoreExists(let path):
      return nb
        ? "--store: \(path) har allerede en Krav-database; demoen trenger en ny mappe"
        : "--store: \(path) already holds a Krav store; the demo needs a new folder"
    case .planFollowUpDue(let action, let plan):
      let word: String
      switch action {
      case "accelerate": word = nb ? "si opp" : "accelerate"
      case "close": word = nb ? "lukk" : "close"
      default: word = action
      }
      return "\(word) \(plan)"
    case .noCustomer(let id):
      return nb ? "KUNDE: ingen kunde med id \(id)" : "CUSTOMER: no customer with id \(id)"
    case .noInvoice(let option, let inv):
      return nb
        ? "\(option): ingen faktura \(inv)" : "\(option): no claim with invoice number \(inv)"
    case .noteAdded(let c): return nb ? "Notat lagt til hos \(c)" : "Note added to \(c)"
    case .callLogged(let c): return nb ? "Samtale logget for \(c)" : "Call logged for \(c)"
    case .followUpDrafted(let l):
      return nb
        ? "Oppfølgings-e-post laget: \(l) – les gjennom før den sendes:"
        : "Follow-up e-mail drafted: \(l) – review it before sending:"
    case .promiseRecorded(let c):
      return nb ? "Betalingsløfte registrert for \(c)" : "Promise recorded for \(c)"
    case .promiseCancelled(let id, let c):
      return nb
        ? "Betalingsløfte \(id) annullert for \(c)" : "Promise \(id) cancelled for \(c)"
    case .noPromise(let id):
      return nb
        ? "ID: ingen gjeldende betalingsløfte med id \(id)"
        : "ID: no standing promise with id \(id)"
    case .promiseDayBeforeToday(let d, let today):
      return nb
        ? "--date: løftedatoen \(t.day(d)) er før i dag \(t.day(today))"
        : "--date: the promised day \(d.iso) is before today \(today.iso)"
    case .promiseInvoiceNotCustomers(let inv, let c):
      return nb
        ? "--invoice: \(c) har ingen faktura \(inv)" : "--invoice: no claim \(inv) of customer \(c)"
    case .onHoldUntil(let d): return nb ? "Pause til og med \(t.day(d))" : "On hold until \(d.iso)"
    case .holdLifted(let what): return nb ? "Pausen er opphevet: \(what)" : "Hold lifted: \(what)"
    case .noHoldToLift(let what):
      return nb ? "\(what) har ingen pause å oppheve" : "\(what) has no hold to lift"
    case .holdUntilBeforeToday(let d, let today):
      return nb
        ? "--until: \(t.day(d)) er før i dag \(t.day(today))"
        : "--until: \(d.iso) is before today \(today.iso)"
    case .doNotCall(let c): return nb ? "\(c) skal ikke ringes" : "\(c) is not to be called"
    case .mayCall(let c): return nb ? "\(c) kan ringes igjen" : "\(c) may be called again"
    case .objectionRecorded(let id, let inv):
      return nb ? "Innsigelse \(id) registrert på \(inv)" : "Objection \(id) recorded on \(inv)"
    case .noObjection(let id):
      return nb ? "ID: ingen innsigelse med id \(id)" : "ID: no objection with id \(id)"
    case .objectionAlreadyResolved(let id):
      return nb
        ? "ID: innsigelse \(id) er allerede avgjort" : "ID: objection \(id) is already resolved"
    case .objectionAlreadyOpen(let inv):
      return nb
        ? "--invoice: \(inv) har allerede en åpen innsigelse"
        : "--invoice: \(inv) already has an open objection"
    case .objectionAccepted(let id, let credit, let inv, let outstanding):
      return nb
        ? "Innsigelse \(id) godtatt: kreditnota \(t.money(credit)) på \(inv); utestående nå \(t.money(outstanding))"
        : "Objection \(id) accepted: credit note \(t.money(credit)) on \(inv); outstanding now \(t.money(outstanding))"
    case .objectionRejected(let id, let resumes):
      return nb
        ? "Innsigelse \(id) avvist: innfordringen fortsetter \(t.day(resumes)) om skyldneren ikke svarer"
        : "Objection \(id) rejected: collection resumes on \(t.day(resumes)) unless the debtor answers"
    case .objectionToForliksrad(let id):
      return nb
        ? "Innsigelse \(id): til forliksrådet; kravet står som omtvistet"
        : "Objection \(id): to the forliksråd; the claim stays disputed"
    case .objectionWithdrawn(let id, let inv):
      return nb
        ? "Innsigelse \(id) trukket: innfordringen av \(inv) fortsetter"
        : "Objection \(id) withdrawn: collection of \(inv) goes on"
    case .answerDrafted(let l):
      return nb
        ? "Svar laget: \(l) – les gjennom før det sendes"
        : "Answer drafted: \(l) – review it before sending"
    case .creditRequired:
      return nb
        ? "--credit: kreditnotaens beløp må oppgis når innsigelsen godtas (0 om ingen)"
        : "--credit: the credit note's amount is required when the objection is accepted (0 if none)"
    case .creditAboveDisputed:
      return nb
        ? "--credit: mer enn kravets hovedstol" : "--credit: more than the claim's principal"
    case .outcomeExpected(let got):
      return nb
        ? "--outcome: forventet accepted, rejected eller forliksrad, fikk '\(got)'"
        : "--outcome: expected accepted, rejected or forliksrad, got '\(got)'"
    case .reasonRequired(let option):
      return nb ? "\(option): en begrunnelse må oppgis" : "\(option): a reason is required"
    case .noPayment(let id):
      return nb ? "ID: ingen innbetaling med id \(id)" : "ID: no payment with id \(id)"
    case .notAPayment(let id):
      return nb
        ? "ID: \(id) er ikke en innbetaling som er plassert på et krav"
        : "ID: \(id) is not a payment placed on a claim"
    case .paymentAlreadyCorrected(let id):
      return nb
        ? "ID: innbetaling \(id) er allerede rettet" : "ID: payment \(id) was already corrected"
    case .paymentBackToUnmatched(let m, let id):
      return nb
        ? "Innbetaling på \(t.money(m)) tatt av kravet; den ligger blant uplasserte som \(id)"
        : "Payment of \(t.money(m)) taken off the claim; it is back among unmatched payments as \(id)"
    case .paymentRefunded(let m):
      return nb
        ? "Innbetaling på \(t.money(m)) tatt av kravet og ført som tilbakebetalt"
        : "Payment of \(t.money(m)) taken off the claim and recorded as refunded"
    case .customerAdded(let id, let name):
      return nb ? "Kunde \(id) \(name) lagt til" : "Added customer \(id) \(name)"
    case .customerExists(let id):
      return nb ? "kunde \(id) finnes allerede" : "customer \(id) already exists"
    case .customerUpdated(let id, let fields):
      return nb
        ? "Kunde \(id) endret: \(fields.joined(separator: ", "))"
        : "Customer \(id) changed: \(fields.joined(separator: ", "))"
    case .nothingChanged:
      return nb
        ? "ingenting å endre: gi minst ett nytt felt"
        : "nothing to change: give at least one new value"
    case .readOnly(let reason):
      return nb
        ? "databasen er skrivebeskyttet: \(reason) (se 'krav check')"
        : "the store is read-only: \(reason) (see 'krav check')"
    case .storeCreated(let path, let creditor):
      return nb
        ? "Database laget i \(path) for \(creditor)" : "Created store \(path) for \(creditor)"
    case .claimAlreadyClosed(let inv, let why):
      return nb
        ? "krav \(inv) er allerede lukket (\(why))" : "claim \(inv) is already closed (\(why))"
    case .claimWrittenOff(let inv): return nb ? "Krav \(inv) avskrevet" : "Claim \(inv) written off"
    case .dayAfterToday(let option, let d, let today):
      return nb
        ? "\(option): \(t.day(d)) er etter i dag (\(t.day(today)))"
        : "\(option): \(d.iso) is after today (\(today.iso))"
    case .filingRecorded(let inv, let d, let place):
      return nb
        ? "Innlevering av \(inv) \(t.day(d)) registrert (\(place))"
        : "Filing of \(inv) on \(d.iso) recorded (\(place))"
    case .invoiceExists(let inv):
      return nb
        ? "--invoice: faktura \(inv) er allerede registrert"
        : "--invoice: invoice \(inv) is already registered"
    case .claimAdded(let inv, let c):
      return nb ? "Krav \(inv) lagt til for \(c)" : "Added claim \(inv) for \(c)"
    case .noUnmatchedPayment(let id):
      return nb
        ? "ID: ingen uplassert innbetaling \(id) (se 'krav payments unmatched')"
        : "ID: no unmatched payment \(id) (see 'krav payments unmatched')"
    case .noCustomerWithClaims(let c):
      return nb
        ? "--customer: ingen kunde \(c) med krav" : "--customer: no customer \(c) with claims"
    case .noClaimWithKid(let k):
      return nb ? "--kid: ingen krav har KID \(k)" : "--kid: no claim has KID \(k)"
    case .paymentAssigned(let id, let m, let inv, let c):
      let to =
        inv.map { (nb ? "faktura " : "invoice ") + $0 }
        ?? (nb ? "kunde " : "customer ") + (c ?? "")
      return nb
        ? "Innbetaling \(id) på \(t.money(m)) plassert på \(to)"
        : "Payment \(id) of \(t.money(m)) assigned to \(to)"
    case .imported(let file, let added, let updated, let unchanged):
      return nb
        ? "\(file): \(added) lagt til, \(updated) endret, \(unchanged) uendret"
        : "\(file): \(added) added, \(updated) updated, \(unchanged) unchanged"
    case .noNextStep(let inv):
      return nb
        ? "\(inv): ikke noe neste steg (lukket eller siste steg)"
        : "\(inv): no next step (closed or last step)"
    case .stepNoAddress(let inv, let step, let owner, let channel):
      let what: String
      switch channel {
      case "email": what = nb ? "e-postadresse" : "e-mail address"
      case "letter": what = nb ? "postadresse" : "postal address"
      default: what = nb ? "e-post- eller postadresse" : "e-mail or postal address"
      }
      return nb
        ? "\(inv): \(t.step(step)) hoppet over: kunde \(owner) har ingen \(what)"
        : "\(inv): \(t.step(step)) skipped: customer \(owner) has no \(what)"
    case .stepNotAllowed(let inv, let step, let reason, let barredSince, let earliest):
      var s = "\(inv): \(t.step(step)) " + (nb ? "er ikke tillatt i dag" : "not allowed today")
      var why: [String] = []
      if let reason { why.append(t.blocker(reason)) }
      if let since = barredSince {
        why.append(
          nb
            ? "siden \(t.day(since)); avskriv kravet, eller tving steget med --override-limitation BEGRUNNELSE"
            : "since \(t.day(since)); write it off, or force the step with --override-limitation REASON"
        )
      }
      if let earliest { why.append((nb ? "tidligst " : "earliest ") + t.day(earliest)) }
      if !why.isEmpty { s += " (" + why.joined(separator: ", ") + ")" }
      return s
    case .noClaimsToMove:
      return nb ? "ingen åpne krav å flytte" : "no open claims to move"
    case .stepAwaitsApproval(let invs, let step):
      return nb
        ? "\(invs): \(t.step(step)) venter allerede på godkjenning"
        : "\(invs): \(t.step(step)) already awaits approval"
    case .storeMissing(let path):
      return nb
        ? "ingen Krav-database i \(path) (lag en med 'krav init' eller 'krav demo', eller gi --store)"
        : "no Krav store at \(path) (create one with 'krav init' or 'krav demo', or pass --store)"
    }
  }
}

extension Session {
  /// Reports a write in the interface language (the events as JSON with `--json`).
  func report(_ stored: [(Event, EventRef)], _ message: CLIText) {
    report(stored, text: message.text(lang))
  }

  /// A `UserError` in the interface language.
  func error(_ message: CLIText) -> UserError { UserError(message.text(lang)) }
}
