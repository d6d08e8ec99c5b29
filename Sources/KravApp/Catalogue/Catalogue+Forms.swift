import KravCore

/// Interface text of what every form shares (issue 20: nothing typed is lost) and of the call
/// form's follow-up e-mail step (nb, en).
public enum LForm: CaseIterable, Sendable {
  case discardTitle, discardLine, discardYes, discardNo, discarded
  case promiseInvoice, emailTitle, emailLabel, keyBackToCall, keyCloseReview
  case nextCustomerHint
}

extension Catalogue {
  /// The text for a `LForm` key in this catalogue's language.
  public func callAsFunction(_ key: LForm) -> String {
    let (nb, en) = Catalogue.formPair(key)
    return lang == .nb ? nb : en
  }

  /// The texts of `LForm` (nb, en): one exhaustive switch, no `default:`.
  static func formPair(_ key: LForm) -> (String, String) {
    switch key {
    case .discardTitle: return ("Forkaste endringene?", "Discard your changes?")
    case .discardLine:
      return (
        "Det du har skrevet i skjemaet, blir ikke lagret.",
        "What you typed in the form will not be saved."
      )
    case .discardYes: return ("forkast", "discard")
    case .discardNo: return ("tilbake til skjemaet", "back to the form")
    case .discarded: return ("Forkastet – ingenting lagret", "Discarded – nothing saved")
    case .promiseInvoice: return ("Løfte: faktura", "Promise: invoice")
    case .emailTitle:
      return ("Oppfølgings-e-post – rediger før lagring", "Follow-up e-mail – edit before saving")
    case .emailLabel:
      return (
        "E-post til kunden (ikke det interne sammendraget)",
        "E-mail to the customer (not the internal summary)"
      )
    case .keyBackToCall: return ("tilbake til samtalen", "back to the call")
    case .keyCloseReview: return ("tilbake", "back")
    case .nextCustomerHint: return ("neste kunde", "next customer")
    }
  }
}
