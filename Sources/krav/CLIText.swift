import ArgumentParser
import Foundation
import KravApp
import KravCore
import KravStore

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
  case longPlanAwaitsApproval(id: String)
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
  case readOnly(ReadOnlyReason)
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
  // Options and arguments (issue 20: every CLI message in the language asked for).
  case valueRequired(option: String)
  case notAnEmail(option: String)
  case assigned(Int, to: String?, already: Int)
  case collectorDay(CollectorDayLine)
  case awaitingApprovalBy(String)
  case importAccount(
    String, line: Int, account: String?, currency: String?, payments: Int, creditors: Bool)
  case importSkipped(String, line: Int, reason: String, amount: String?)
  case importTarget(invoice: String?, customer: String?, reversal: Bool)
  case importHow(rule: String, reversal: Bool, reverses: String?, by: String?)
  case importExtra(original: String?, charges: String?, isNew: Bool, booked: Day?)
  case importNote(String)
  case importSummary(
    String, format: String, lines: Int, registered: Int, already: Int, unmatched: Int,
    reversals: Int, total: Money, dryRun: Bool)
  case badMoney(option: String, Money.InputProblem, got: String)
  case exactlyOneOf([String])
  case giveEitherOr(String, String, not: Bool)
  case excludeEachOther(String, String)
  case needs(String, String)
  case goesWith(String, String)
  case chooseOne(String, String)
  case dueBeforeIssued(due: String, issued: String)
  case toBeforeFrom(to: String, from: String)
  case nameCustomers
  case overrideNeedsInvoice
  case overrideNeedsReason
  case unknownFourEyesAction(String)
  case problem(option: String, CallLogProblem)
  case problems([CallLogProblem])
  case amountAbovePrincipal(String, Money)
  case paymentDate(option: String, Day, today: Day)
  case alreadyRecorded(String)
  case requestIdReused(String)
  case cannotRead(String)
  case cannotWrite(String, String)
  case writeFailed(String)
  case noCourtDraft(String, Step)
  case noPendingRequest(String)
  case ownRequest(String, by: String)
  case cannotCarryOut(String, String)
  case claimClosedReject(String)
  case letterNotWritten(String)
  case fourEyesNone
  case accountAdded(String, known: Bool)
  // The outbox.
  case noDocuments
  case noDocument(String)
  case documentTextMissing(String)
  case giveAllOrIds
  case goesOnPaper(String, reason: String?)
  case forFiling(String)
  case alreadyInState(String, String)
  case reissued(old: String, new: String)
  case sentTo(String, to: String, messageId: String)
  case notSent(String, String)
  case nothingToSend
  case notSentCount(Int, of: Int)
  case printBatch(String, letters: Int, pages: Int, batch: String)
  case markedPrinted(Day)
  case printThenConfirm
  case nothingToPrint
  case notInBatch(String, String)
  case notAnEmailDraft(String)
  case doesNotExist(String)
  case noEventNames(String)
  case pdfNotWritten(String, String)
  case logoUnreadable(String, String)
  case logoSetting(String?)
  case mailCommand(String, isDefault: Bool)

  /// What an option expected, in words (`CLIText.expected`).
  enum Expected {
    case clock, clockOrNone, instalments, frequency, day, graceDays, planChannel
    case signatureChannel, contactChannel, customerCount
    case dayFormat, moment, langs, requestId, userName, orgnr, account, accountOrIban, kid
    case rateValue, syncthing, yesNo
    /// "a, b or c" / "a, b eller c".
    case alternatives([String])
    /// "one of a, b, c" / "en av a, b, c".
    case oneOf([String])
    /// "REASON=POINTS with REASON one of …".
    case weight([String])

    /// "a, b or c".
    static func list(_ xs: [String], _ or: String) -> String {
      guard xs.count > 1 else { return xs.first ?? "" }
      return xs.dropLast().joined(separator: ", ") + " \(or) " + xs.last!
    }

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
      case .dayFormat: return nb ? "YYYY-MM-DD eller DD.MM.YYYY" : "YYYY-MM-DD or DD.MM.YYYY"
      case .moment: return "YYYY-MM-DDTHH:MM"
      case .langs: return nb ? "nb eller en" : "nb or en"
      case .requestId:
        return nb ? "bokstaver, sifre, '.', '_' eller '-'" : "letters, digits, '.', '_' or '-'"
      case .userName:
        return nb
          ? "et brukernavn av bokstaver, sifre, '.', '_' eller '-'"
          : "a user name of letters, digits, '.', '_' or '-'"
      case .orgnr:
        return nb
          ? "et gyldig organisasjonsnummer på 9 sifre" : "a valid 9-digit organisasjonsnummer"
      case .account:
        return nb ? "et gyldig kontonummer på 11 sifre" : "a valid 11-digit account number"
      case .accountOrIban:
        return nb
          ? "et gyldig kontonummer på 11 sifre eller IBAN"
          : "a valid 11-digit account number or IBAN"
      case .kid:
        return nb
          ? "2–25 sifre med kontrollsiffer etter MOD10 eller MOD11, eller en kreditorreferanse RF + 2 kontrollsifre + opptil 21 bokstaver eller sifre"
          : "2–25 digits with a MOD10 or MOD11 check digit, or a creditor reference RF + 2 check digits + up to 21 letters or digits"
      case .rateValue:
        return nb
          ? "et tall fra 0 til 100000 som 12,25 eller 37,50"
          : "a number from 0 to 100000 such as 12.25 or 37,50"
      case .syncthing: return "syncthing"
      case .yesNo: return nb ? "yes eller no" : "yes or no"
      case .alternatives(let xs): return Expected.list(xs, nb ? "eller" : "or")
      case .oneOf(let xs):
        return (nb ? "en av " : "one of ") + xs.joined(separator: ", ")
      case .weight(let reasons):
        return (nb ? "GRUNN=POENG der GRUNN er en av " : "REASON=POINTS with REASON one of ")
          + reasons.joined(separator: ", ")
      }
    }
  }

  /// The language of messages made before a session exists (the checks of options): `--lang`
  /// as typed, else what `GlobalOptions` resolves from `KRAV_LANG`, the config file and `LANG`.
  static let current: Language = {
    let args = Array(CommandLine.arguments.dropFirst())
    var flag: String?
    for (i, a) in args.enumerated() {
      if a == "--lang", i + 1 < args.count {
        flag = args[i + 1]
      } else if a.hasPrefix("--lang=") {
        flag = String(a.dropFirst("--lang=".count))
      }
    }
    // The order of `GlobalOptions.language`, without its other checks (a bad `--today` is
    // refused in the language asked for).
    let env = ProcessInfo.processInfo.environment
    let typed = flag ?? env["KRAV_LANG"].flatMap { $0.isEmpty ? nil : $0 }
    let config = (try? GlobalOptions.configFile.get())?.lang?.rawValue
    return Language.resolve(flag: typed ?? config, locale: env["LC_ALL"] ?? env["LANG"])
  }()

  /// An option check's error in the language of `current`.
  var invalid: ValidationError { ValidationError(text(CLIText.current)) }

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
    case .longPlanAwaitsApproval(let id):
      return nb
        ? "Avtale over 12 måneder: godkjenning bedt om (\(id)); en annen bruker godkjenner med "
          + "`krav approve \(id)`; ingen brev skrives før da"
        : "Plan over 12 months: approval requested (\(id)); a different user approves it with "
          + "`krav approve \(id)`; no letter is written until then"
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
      // The hint once: the findings reason already says to run krav check.
      var hint = nb ? " (se 'krav check')" : " (see 'krav check')"
      if case .findings = reason { hint = "" }
      let why = reason.text(lang)
      return nb
        ? "databasen er skrivebeskyttet: \(why)\(hint)"
        : "the store is read-only: \(why)\(hint)"
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
    case .badMoney(let option, let problem, let got):
      guard nb else { return "\(option): \(problem), got '\(got)'" }
      let what: String
      switch problem {
      case .notAnAmount: what = "forventet et beløp som 1234,50 eller 1 234,50"
      case .notPositive: what = "må være mer enn 0"
      case .tooLarge:
        what = "over det største beløpet Krav godtar (\(t.money(Money.maximumAmount)))"
      }
      return "\(option): \(what), fikk '\(got)'"
    case .notAnEmail(let option):
      return nb
        ? "\(option): ikke en e-postadresse (forventet navn@eksempel.no: uten mellomrom, anførselstegn eller kontrolltegn)"
        : "\(option): \(EmailAddress.problem)"
    case .assigned(let n, let to, let already):
      if nb {
        return "\(n) kunde(r) tildelt " + (to ?? "ingen")
          + (already > 0 ? " (\(already) var det allerede)" : "")
      }
      return "Assigned \(n) customer(s) " + (to.map { "to \($0)" } ?? "to no one")
        + (already > 0 ? " (\(already) already were)" : "")
    case .collectorDay(let r):
      return nb
        ? "\(r.collector)\t\(t.day(r.day))\tsamtaler \(r.calls)\tnådd \(r.reached)\tløfter \(r.promises)\tsteg \(r.steps)\tinnbetalinger \(r.payments) (\(t.money(r.paid)))\ttildelt \(r.assignments)\tgodkjenninger \(r.approvals)"
        : "\(r.collector)\t\(t.day(r.day))\tcalls \(r.calls)\treached \(r.reached)\tpromises \(r.promises)\tsteps \(r.steps)\tpayments \(r.payments) (\(t.money(r.paid)))\tassigned \(r.assignments)\tapprovals \(r.approvals)"
    case .awaitingApprovalBy(let id):
      return nb
        ? "  venter på godkjenning av en annen bruker: \(id) (krav approvals)"
        : "  awaiting approval by another user: \(id) (krav approvals)"
    case .importAccount(let file, let line, let account, let currency, let payments, let creditors):
      let name = account ?? (nb ? "ingen konto" : "no account")
      let cur = currency ?? (nb ? "valuta ikke oppgitt" : "currency not given")
      return nb
        ? "\(file):\(line): konto \(name) (\(cur)): \(payments) innbetalinger"
          + (creditors ? "" : "  IKKE kreditors konto")
        : "\(file):\(line): account \(name) (\(cur)): \(payments) payments"
          + (creditors ? "" : "  NOT the creditor's account")
    case .importSkipped(let file, let line, let reason, let amount):
      return "  \(file):\(line): " + (nb ? "hoppet over: " : "skipped: ") + reason
        + (amount.map { " \($0)" } ?? "")
    case .importTarget(let invoice, let customer, let reversal):
      if let invoice { return (nb ? "faktura " : "invoice ") + invoice }
      if let customer { return (nb ? "kunde " : "customer ") + customer }
      if reversal { return nb ? "uplassert innbetaling" : "unmatched payment" }
      return nb ? "uplassert" : "unmatched"
    case .importHow(let rule, let reversal, let reverses, let by):
      guard reversal else { return rule }
      guard let by else {
        return nb ? "tilbakeføring av ingen kjent innbetaling" : "reversal of no known payment"
      }
      return nb
        ? "tilbakefører \(reverses ?? "?") etter \(by)" : "reverses \(reverses ?? "?") by \(by)"
    case .importExtra(let original, let charges, let isNew, let booked):
      var s = ""
      if let b = booked { s += nb ? " (bokført \(t.day(b)))" : " (booked \(b.iso))" }
      if let o = original { s += "  (\(o))" }
      if let c = charges {
        s += nb ? "  gebyr \(c) (ikke trukket fra)" : "  charges \(c) (not deducted)"
      }
      if !isNew { s += nb ? "  allerede importert" : "  already imported" }
      return s
    case .importNote(let f): return (nb ? "merk: " : "note: ") + f
    case .importSummary(
      let file, let format, let lines, let registered, let already, let unmatched, let reversals,
      let total, let dryRun):
      return nb
        ? "\(file) (\(format)): \(lines) innbetalinger, \(registered) registrert, \(already) allerede importert, \(unmatched) uplassert, \(reversals) tilbakeføringer, totalt \(t.money(total))"
          + (dryRun ? " (prøvekjøring: ingenting skrevet)" : "")
        : "\(file) (\(format)): \(lines) payments, \(registered) registered, \(already) already imported, \(unmatched) unmatched, \(reversals) reversals, total \(total.jsonString)"
          + (dryRun ? " (dry run: nothing written)" : "")
    case .valueRequired(let option):
      return nb ? "\(option): en verdi må oppgis" : "\(option): a value is required"
    case .exactlyOneOf(let xs):
      return nb
        ? "oppgi nøyaktig én av " + Expected.list(xs, "eller")
        : "give exactly one of " + Expected.list(xs, "or")
    case .giveEitherOr(let a, let b, let not):
      return nb
        ? "oppgi \(a) eller \(b)" + (not ? ", ikke begge" : "")
        : "give \(a) or \(b)" + (not ? ", not both" : "")
    case .excludeEachOther(let a, let b):
      return nb ? "\(a) og \(b) utelukker hverandre" : "\(a) and \(b) exclude each other"
    case .needs(let a, let b): return nb ? "\(a) krever \(b)" : "\(a) needs \(b)"
    case .goesWith(let a, let b): return nb ? "\(a) hører til \(b)" : "\(a) goes with \(b)"
    case .chooseOne(let a, let b):
      return nb ? "\(a) og \(b): velg én" : "\(a) and \(b): choose one"
    case .dueBeforeIssued(let due, let issued):
      return nb
        ? "--due: forfallsdatoen \(due) er før --issued \(issued)"
        : "--due: the due date \(due) is before --issued \(issued)"
    case .toBeforeFrom(let to, let from):
      return nb ? "--to: \(to) er før --from \(from)" : "--to: \(to) is before --from \(from)"
    case .nameCustomers:
      return nb
        ? "nevn kunder, eller velg dem med --from, --unassigned eller --overdue"
        : "name customers, or select them with --from, --unassigned or --overdue"
    case .overrideNeedsInvoice:
      return nb
        ? "--override-limitation: nevn kravene med --invoice"
        : "--override-limitation: name the claims with --invoice"
    case .overrideNeedsReason:
      return nb
        ? "--override-limitation: oppgi begrunnelsen" : "--override-limitation: state the reason"
    case .unknownFourEyesAction(let a):
      return nb
        ? "--set: ukjent handling '\(a)' (utlegg, forliksklage, write-off, plan-over-12-months)"
        : "--set: unknown action '\(a)' (utlegg, forliksklage, write-off, plan-over-12-months)"
    case .problem(let option, let p):
      // The English is the request's own message; the Norwegian the TUI's word for the code.
      guard nb else { return "\(option): \(p.message)" }
      switch (p.code, p.field) {
      case (.unknownCustomer, _): return "\(option): ingen slik kunde"
      case (.invalid, "kind"): return "\(option): forventet consumer eller business"
      case (.invalid, "orgnr"): return "\(option): forventet \(Expected.orgnr.text(nb))"
      case (.invalid, "birth-number"):
        return "\(option): forventet et gyldig fødselsnummer på 11 sifre"
      case (.invalid, "email"): return CLIText.notAnEmail(option: option).text(lang)
      case (.required, "email-consent"):
        return "\(option): samtykke til e-post krever en e-postadresse (gi --email)"
      default: return "\(option): " + t.problem(p.code)
      }
    case .problems(let ps):
      return ps.map { CLIText.problem(option: CallText.cliField($0.field), $0).text(lang) }
        .joined(separator: "\n")
    case .amountAbovePrincipal(let option, let m):
      return nb
        ? "\(option): \(t.money(m)) er mer enn kravets hovedstol"
        : "\(option): \(m.jsonString) is more than the claim's principal"
    case .paymentDate(let option, let day, let today):
      // The English is `PaymentDate.problem`'s; the Norwegian says the same in bokmål.
      return nb
        ? "\(option): innbetalingsdatoen \(t.day(day)) er etter i dag (\(t.day(today))); en innbetaling kan ikke registreres før den er gjort"
        : "\(option): " + (PaymentDate.problem(day, today: today) ?? "")
    case .alreadyRecorded(let key):
      return nb
        ? "allerede registrert (request id \(key)); ingenting lagt til"
        : "already recorded (request id \(key)); nothing added"
    case .requestIdReused(let key):
      return nb
        ? "--request-id \(key): allerede brukt til en annen kommando; ingenting ble lagret (bruk en ny id)"
        : "--request-id \(key): already used for a different command; nothing was written (use a new id)"
    case .cannotRead(let path):
      return nb ? "\(path): kan ikke lese filen" : "\(path): cannot read the file"
    case .cannotWrite(let path, let why):
      return nb ? "\(path): kan ikke skrive (\(why))" : "\(path): cannot write (\(why))"
    case .writeFailed(let path):
      return nb ? "\(path): skrivingen mislyktes" : "\(path): write failed"
    case .noCourtDraft(let inv, let step):
      return nb
        ? "krav \(inv) har ikke noe rettsutkast å levere (det står på \(t.step(step))); ta steget først"
        : "claim \(inv) has no court draft to file (it is at \(step.rawValue)); take the step first"
    case .noPendingRequest(let id):
      return nb
        ? "ID: ingen ventende forespørsel \(id) (krav approvals viser dem)"
        : "ID: no pending request \(id) (krav approvals lists them)"
    case .ownRequest(let id, let by):
      return nb
        ? "\(id) ble bedt om av deg (\(by)): en annen bruker må godkjenne (fire øyne)"
        : "\(id) was requested by you (\(by)): a different user must approve it (four-eyes)"
    case .cannotCarryOut(let id, let why):
      return nb
        ? "\(id) kan ikke utføres nå (\(why)); avvis den i stedet"
        : "\(id) cannot be carried out now (\(why)); reject it instead"
    case .claimClosedReject(let id):
      return nb
        ? "\(id): kravet er allerede lukket; avvis forespørselen i stedet"
        : "\(id): the claim is closed already; reject the request instead"
    case .letterNotWritten(let why):
      return nb
        ? "brevet ble ikke skrevet, ingenting lagret: \(why)"
        : "letter not written, nothing saved: \(why)"
    case .fourEyesNone: return nb ? "ingen" : "none"
    case .accountAdded(let a, let known):
      if known {
        return nb
          ? "\(a) er allerede en av kreditors kontoer"
          : "\(a) is already one of the creditor's accounts"
      }
      return nb ? "Konto \(a) lagt til" : "Added account \(a)"
    case .noDocuments: return nb ? "Ingen dokumenter." : "No documents."
    case .noDocument(let id):
      return nb ? "ikke noe dokument \(id) i utboksen" : "no document \(id) in the outbox"
    case .documentTextMissing(let base):
      return nb ? "\(base).txt mangler" : "\(base).txt is missing"
    case .giveAllOrIds:
      return nb ? "oppgi --all eller dokument-id-er" : "give --all or document ids"
    case .goesOnPaper(let id, let reason):
      return nb
        ? "\(id) går på papir (\(reason ?? "sendes som brev")): skriv det ut med 'krav outbox print'"
        : "\(id) goes on paper (\(reason ?? "sent by letter")): print it with 'krav outbox print'"
    case .forFiling(let id):
      return nb
        ? "\(id) er et rettsutkast eller en overlevering: det leveres, sendes aldri til skyldneren"
        : "\(id) is a court draft or hand-over: it is filed, never sent to the debtor"
    case .alreadyInState(let id, let state):
      return nb ? "\(id) har allerede status \(state)" : "\(id) is \(state) already"
    case .reissued(let old, let new):
      return nb
        ? "\(old) gikk ikke ut innen fristen: skrevet på nytt som \(new)"
        : "\(old) did not leave by its date: written again as \(new)"
    case .sentTo(let id, let to, let mid):
      return nb ? "sendt \(id) til \(to) <\(mid)>" : "sent \(id) to \(to) <\(mid)>"
    case .notSent(let id, let why):
      return nb ? "IKKE sendt \(id): \(why)" : "NOT sent \(id): \(why)"
    case .nothingToSend: return nb ? "Ingenting å sende." : "Nothing to send."
    case .notSentCount(let n, let of):
      return nb
        ? "\(n) av \(of) ble ikke sendt; de blir liggende i utboksen"
        : "\(n) of \(of) not sent; they stay in the outbox"
    case .printBatch(let out, let letters, let pages, let batch):
      return nb
        ? "\(out): \(letters) brev, \(pages) side(r), bunke \(batch)"
        : "\(out): \(letters) letter(s), \(pages) page(s), batch \(batch)"
    case .markedPrinted(let d):
      return nb ? "Merket som skrevet ut \(t.day(d))." : "Marked printed on \(d.iso)."
    case .printThenConfirm:
      return nb
        ? "Skriv den ut, og kjør så samme kommando med --confirm for å merke brevene som skrevet ut."
        : "Print it, then run the same command with --confirm to mark the letters printed."
    case .nothingToPrint: return nb ? "Ingenting å skrive ut." : "Nothing to print."
    case .notInBatch(let id, let why):
      return nb ? "ikke med i bunken: \(id): \(why)" : "not in the batch: \(id): \(why)"
    case .notAnEmailDraft(let d):
      return nb
        ? "\(d): forventet et e-postutkast i letters/ (letters/….eml)"
        : "\(d): expected an e-mail draft in letters/ (letters/….eml)"
    case .doesNotExist(let d): return nb ? "\(d) finnes ikke" : "\(d) does not exist"
    case .noEventNames(let d):
      return nb ? "ingen hendelse nevner \(d)" : "no event names \(d)"
    case .pdfNotWritten(let path, let why):
      return nb
        ? "\(path): ikke skrevet (\(why)); en PDF blir aldri erstattet"
        : "\(path): not written (\(why)); a PDF is never replaced"
    case .logoUnreadable(let l, let why):
      return nb
        ? "--logo: \(l) er ikke en lesbar PNG (\(why))"
        : "--logo: \(l) is not a readable PNG (\(why))"
    case .logoSetting(let l): return "logo: " + (l ?? (nb ? "(ingen)" : "(none)"))
    case .mailCommand(let c, let isDefault):
      return nb
        ? "e-postkommando: \(c)" + (isDefault ? " (standard)" : "")
        : "mail command: \(c)" + (isDefault ? " (default)" : "")
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

/// One collector's day as `krav day` prints it (`CLIText.collectorDay`).
struct CollectorDayLine {
  var collector: String
  var day: Day
  var calls, reached, promises, steps, payments: Int
  var paid: Money
  var assignments, approvals: Int
}
