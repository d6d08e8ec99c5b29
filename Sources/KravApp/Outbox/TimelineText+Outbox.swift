import KravCore

extension TimelineText {
  /// A timeline line for the outbox's events: "Sendt på e-post – 2026-11-30-reminder-K1 – til
  /// kari@example.no – <Message-ID>", "Skrevet ut – … – print-2026-11-30-1", "Ikke sendt – …
  /// – why", "Erstattet – … – av …".
  static func documentLine(_ e: Event, _ t: Catalogue) -> String {
    let nb = t.lang == .nb
    let id = e.ref ?? ""
    let quoted = { (key: String) -> String? in
      e.extra[key].map { String($0.dropFirst().dropLast()) }
    }
    let parts: [String?]
    switch e.type {
    case .documentSent:
      parts = [
        nb ? "Sendt på e-post" : "Sent by e-mail", id,
        quoted("to").map { (nb ? "til " : "to ") + $0 }, quoted("message_id").map { "<\($0)>" },
      ]
    case .documentPrinted:
      parts = [nb ? "Skrevet ut" : "Printed", id, quoted("batch")]
    case .documentFailed:
      parts = [nb ? "Ikke sendt" : "Not sent", id, e.text]
    default:
      parts = [
        nb ? "Erstattet (ikke sendt i tide)" : "Superseded (not sent in time)", id,
        quoted("replaced_by").map { (nb ? "av " : "by ") + $0 },
      ]
    }
    return parts.compactMap { $0 }.filter { !$0.isEmpty }.joined(separator: " – ")
  }
}
