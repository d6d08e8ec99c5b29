import KravCore

/// Interface text of the queue, formal steps and their letters (nb, en).
public enum LQueue: CaseIterable, Sendable {
  case queueTitle, colCustomer, colNextStep, colEarliest, colBlocker
  case colDeadline, keyQueue, keyMark, keyTrigger, keyTriggerCustomer
  case keyTriggerAll, keyFilterEligible, keyFilterStep, keyFilterBlocker, keyGroup
  case keyConfirm, keyNextLetter, keyPreviousLetter, blockerDeadline, blockerDisputed
  case blockerOnHold, blockerPromise, blockerPlan, blockerPaid, blockerTimeBarred
  case blockerNoAddress, blockerNotSent, ready, filterEligible, filterStep, filterBlocker
  case grouped, marked, confirmTitle, letterLabel, lettersSent
  case nothingEligible, noCreditor, notIncluded, fee, deadline
  case claimsLabel, stepLabel, customerLabel, noQueueRows, courtFee
  case channel, limitationWarning, stepRaced
}

extension Catalogue {
  /// The text for a `LQueue` key in this catalogue's language.
  public func callAsFunction(_ key: LQueue) -> String {
    let (nb, en) = Catalogue.queuePair(key)
    return lang == .nb ? nb : en
  }

  /// The texts of `LQueue` (nb, en): one exhaustive switch, no `default:`.
  // swiftlint:disable:next cyclomatic_complexity function_body_length
  static func queuePair(_ key: LQueue) -> (String, String) {
    switch key {
    case .queueTitle: return ("Kø – neste steg", "Queue – next steps")
    case .colCustomer: return ("Kunde", "Customer")
    case .colNextStep: return ("Neste steg", "Next step")
    case .colEarliest: return ("Tidligst", "Earliest")
    case .colBlocker: return ("Hindring", "Blocker")
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
    case .lettersSent: return ("Brev lagt i utboksen", "Letters in the outbox")
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
    case .stepRaced:
      return (
        "en annen økt tok et steg på disse kravene i mellomtiden; ingenting ble sendt – se over køen igjen",
        "another session took a step on these claims meanwhile; nothing was sent — review the queue again"
      )
    }
  }
}
