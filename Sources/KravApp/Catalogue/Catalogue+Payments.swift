import KravCore

/// Interface text of payments (registering, unmatched, assigning) and write-offs (nb, en).
public enum LPay: CaseIterable, Sendable {
  case keyUnmatched, keyAssign, keyPayment, unmatchedTitle, noUnmatched
  case colKid, colPayer, assignPrompt, assignUnknown, paymentAssigned
  case paymentSaved, paymentAmountPrompt, paymentDatePrompt, paymentInvoicePrompt, paymentBadAmount
  case writeOffInvoicePrompt, writeOffReasonPrompt, writeOffConfirm, writeOffCancelled,
    writeOffReasonMissing
  case writeOffSaved, keyWriteOff, paymentBadDate, paymentFutureDate, paymentUnknownInvoice
  case paymentNoClaims, unmatchedShort
}

extension Catalogue {
  /// The text for a `LPay` key in this catalogue's language.
  public func callAsFunction(_ key: LPay) -> String {
    let (nb, en) = Catalogue.paymentPair(key)
    return lang == .nb ? nb : en
  }

  /// The texts of `LPay` (nb, en): one exhaustive switch, no `default:`.
  // swiftlint:disable:next cyclomatic_complexity function_body_length
  static func paymentPair(_ key: LPay) -> (String, String) {
    switch key {
    case .keyUnmatched: return ("uplasserte innbetalinger", "unmatched payments")
    case .keyAssign: return ("plasser", "assign")
    case .keyPayment: return ("innbetaling", "payment")
    case .unmatchedTitle: return ("Uplasserte innbetalinger", "Unmatched payments")
    case .noUnmatched: return ("Ingen uplasserte innbetalinger", "No unmatched payments")
    case .colKid: return ("KID", "KID")
    case .colPayer: return ("Betaler", "Payer")
    case .assignPrompt: return ("Faktura eller kunde-id: ", "Invoice or customer id: ")
    case .assignUnknown:
      return (
        "Ingen faktura eller kunde med krav har dette nummeret",
        "No invoice, or customer with claims, has this number"
      )
    case .paymentAssigned: return ("Innbetaling plassert", "Payment assigned")
    case .paymentSaved: return ("Innbetaling registrert", "Payment registered")
    case .paymentAmountPrompt: return ("Beløp: ", "Amount: ")
    case .paymentDatePrompt: return ("Betalt dato: ", "Paid on: ")
    case .paymentInvoicePrompt:
      return ("Faktura (tom = eldste krav først): ", "Invoice (empty = oldest claim first): ")
    case .paymentBadAmount:
      return ("Skriv et beløp over 0, f.eks. 1 234,50", "Type an amount above 0, e.g. 1234.50")
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
    case .paymentBadDate: return ("Skriv en dato som 31.12.2026", "Type a day such as 2026-12-31")
    case .paymentFutureDate:
      return ("Betalt dato kan ikke være etter i dag", "The payment day cannot be after today")
    case .paymentUnknownInvoice:
      return (
        "Kunden har ingen faktura med dette nummeret",
        "The customer has no invoice with this number"
      )
    case .paymentNoClaims: return ("Kunden har ingen krav", "The customer has no claims")
    case .unmatchedShort: return ("uplasserte innbetalinger – u", "unmatched payments – u")
    }
  }
}
