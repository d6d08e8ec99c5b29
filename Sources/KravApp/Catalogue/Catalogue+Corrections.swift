import KravCore

/// Interface text of corrections, the customer edit form, the objection's consequence and the
/// reader (issue 20), nb and en.
public enum LFix: CaseIterable, Sendable {
  case keyCorrect, keyEditCustomer, keyRead, keyStep
  case correctTitle, correctWhat, correctWhich, correctHow, correctReason
  case kindPayment, kindPromise, kindHold, kindObjection, kindDoNotCall, kindMayCall
  case backToUnmatched, refunded, chooseOne, nothingToCorrect, correctionSaved, confirmQuestion
  case holdOfCustomer, noPaymentsLoaded
  case probNotAPayment, probAlreadyCorrected, probUnknownPromise, probNoHold, probInvalid
  case probNothingChanged
  case editTitle, editName, editKind, editAddress, editPhone, editEmail, editOrgnr
  case editBirthNumber, editConsent, consentKeep, consentGiven, consentWithdrawn, editSaved
  case consequence, resolveChooseOutcome, readerTitle, readerEnd, readerLoading
}

extension Catalogue {
  /// The text for a `LFix` key in this catalogue's language.
  public func callAsFunction(_ key: LFix) -> String {
    let (nb, en) = Catalogue.fixPair(key)
    return lang == .nb ? nb : en
  }

  /// A request's problem in words (every code; the call form's own through `CallForm`).
  public func problem(_ code: CallLogProblem.Code) -> String {
    switch code {
    case .notAPayment: return self(.probNotAPayment)
    case .alreadyCorrected: return self(.probAlreadyCorrected)
    case .unknownPromise: return self(.probUnknownPromise)
    case .noHold: return self(.probNoHold)
    case .invalid: return self(.probInvalid)
    case .nothingChanged: return self(.probNothingChanged)
    default: return self(CallForm.problemKey(code))
    }
  }

  /// The texts of `LFix` (nb, en): one exhaustive switch, no `default:`.
  // swiftlint:disable:next cyclomatic_complexity function_body_length
  static func fixPair(_ key: LFix) -> (String, String) {
    switch key {
    case .keyCorrect: return ("rett en feil", "correct a mistake")
    case .keyEditCustomer: return ("endre kundeopplysninger", "edit customer details")
    case .keyRead: return ("les hele", "read in full")
    case .keyStep: return ("neste steg for kunden", "next step for the customer")
    case .correctTitle: return ("Rett en feil", "Correct a mistake")
    case .correctWhat: return ("Hva", "What")
    case .correctWhich: return ("Hvilken", "Which")
    case .correctHow: return ("Pengene", "The money")
    case .correctReason: return ("Begrunnelse", "Reason")
    case .kindPayment: return ("innbetaling", "payment")
    case .kindPromise: return ("betalingsløfte", "promise to pay")
    case .kindHold: return ("pause", "hold")
    case .kindObjection: return ("innsigelse (trukket)", "objection (withdrawn)")
    case .kindDoNotCall: return ("skal ikke ringes", "do not call")
    case .kindMayCall: return ("kan ringes igjen", "may be called again")
    case .backToUnmatched: return ("tilbake til uplasserte", "back to unmatched")
    case .refunded: return ("tilbakebetalt", "paid back")
    case .chooseOne: return ("velg ett", "choose one")
    case .nothingToCorrect: return ("Ingenting å rette for denne kunden", "Nothing to correct here")
    case .correctionSaved: return ("Rettelsen er lagret", "Correction saved")
    case .confirmQuestion: return ("Lagre?", "Save?")
    case .holdOfCustomer: return ("hele kunden", "the whole customer")
    case .noPaymentsLoaded: return ("(tidslinjen leses)", "(reading the timeline)")
    case .probNotAPayment:
      return ("ikke en innbetaling som kan rettes", "not a payment that can be corrected")
    case .probAlreadyCorrected: return ("er allerede rettet", "was corrected before")
    case .probUnknownPromise: return ("ukjent betalingsløfte", "no such promise")
    case .probNoHold: return ("ingen pause å oppheve", "no hold to lift")
    case .probInvalid: return ("ugyldig", "not valid")
    case .probNothingChanged: return ("ingenting er endret", "nothing changed")
    case .editTitle: return ("Endre kundeopplysninger", "Edit customer details")
    case .editName: return ("Navn", "Name")
    case .editKind: return ("Type", "Kind")
    case .editAddress: return ("Adresse", "Address")
    case .editPhone: return ("Telefon", "Phone")
    case .editEmail: return ("E-post", "E-mail")
    case .editOrgnr: return ("Org.nr.", "Org. no.")
    case .editBirthNumber: return ("Nytt fødselsnr.", "New national id")
    case .editConsent: return ("Samtykke e-post", "E-mail consent")
    case .consentKeep: return ("uendret", "unchanged")
    case .consentGiven: return ("gitt i dag", "given today")
    case .consentWithdrawn: return ("trukket", "withdrawn")
    case .editSaved: return ("Kundeopplysningene er lagret", "Customer details saved")
    case .consequence: return ("Følge", "Consequence")
    case .resolveChooseOutcome:
      return ("velg utfall (ingenting er valgt)", "choose the outcome (nothing is chosen)")
    case .readerTitle: return ("Les", "Read")
    case .readerEnd: return ("(slutt)", "(end)")
    case .readerLoading: return ("Leser dokumentet …", "Reading the document …")
    }
  }

  /// The consequence of a correction, said before it is saved.
  func correctionConsequence(
    _ kind: CorrectionForm.Kind, refunded: Bool, amount: Money?, invoice: String?
  ) -> String {
    let nb = lang == .nb
    let m = amount.map(money) ?? ""
    switch kind {
    case .payment:
      return refunded
        ? (nb
          ? "\(m) tas av kravene og føres som tilbakebetalt"
          : "\(m) leaves the claims as paid back")
        : (nb
          ? "\(m) tas av kravene og legges tilbake blant uplasserte innbetalinger"
          : "\(m) leaves the claims and returns to the unmatched payments")
    case .promise:
      return nb
        ? "Løftet annulleres: det stanser ikke lenger inndrivingen"
        : "The promise is cancelled: it no longer pauses collection"
    case .hold:
      return nb
        ? "Pausen oppheves i dag: inndrivingen går videre"
        : "The hold ends today: collection goes on"
    case .objection:
      return nb
        ? "Innsigelsen trekkes: inndrivingen av \(invoice ?? "") går videre"
        : "The objection is withdrawn: collection of \(invoice ?? "") goes on"
    case .doNotCall:
      return nb
        ? "Kunden skal ikke ringes; ringelisten hopper over kunden"
        : "The customer is not to be called; the call list leaves them out"
    case .mayCall:
      return nb ? "Kunden kan ringes igjen" : "The customer may be called again"
    }
  }
}
