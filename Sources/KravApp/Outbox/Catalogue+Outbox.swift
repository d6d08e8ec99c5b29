import KravCore

/// The outbox's words (the screen and `krav outbox`), so the two say the same.
extension Catalogue {
  private func pick(_ nb: String, _ en: String) -> String { lang == .nb ? nb : en }

  /// A document's state: "til e-post", "sendt", …
  public func outboxState(_ s: Outbox.State) -> String {
    switch s {
    case .toEmail: return pick("til e-post", "to e-mail")
    case .toPrint: return pick("til utskrift", "to print")
    case .sent: return pick("sendt", "sent")
    case .printed: return pick("skrevet ut", "printed")
    case .failed: return pick("feilet", "failed")
    case .superseded: return pick("erstattet", "superseded")
    case .forFiling: return pick("til innlevering", "for filing")
    }
  }

  /// Why a document meant for e-mail goes on paper.
  public func paperCause(_ c: Outbox.PaperCause) -> String {
    switch c {
    case .noValidEmail: return pick("ingen gyldig e-postadresse", "no valid e-mail address")
    case .noConsent:
      return pick("ikke samtykke til elektroniske varsler", "no consent to electronic notices")
    case .consentAfterLetter(let d):
      return pick(
        "samtykke til elektroniske varsler gitt \(day(d)), etter at brevet ble skrevet",
        "consent to electronic notices given \(day(d)), after the letter was written")
    }
  }

  /// One line of `krav outbox`: id, state, customer, when written, and what happened.
  public func outboxLine(_ d: Outbox.Document, box: Outbox) -> String {
    var s = "\(d.id)  \(outboxState(box.state(of: d)))  \(d.customer)  "
    s += "\(pick("skrevet", "written")) \(day(d.written))"
    if let dep = d.departure {
      s +=
        "  \(pick("gikk", "left")) \(day(dep.day)) \(pick("med", "by")) \(channel(dep.channel.rawValue))"
      if let m = dep.messageId { s += " <\(m)>" }
      if let b = dep.batch { s += " \(pick("bunke", "batch")) \(b)" }
    } else if let f = d.failure {
      s += "  \(pick("feilet", "failed")): \(f.reason)"
    } else if let why = box.paperCause(for: d) {
      s += "  (\(pick("på papir", "on paper")): \(paperCause(why)))"
    }
    if let by = d.supersededBy { s += "  \(pick("erstattet av", "replaced by")) \(by)" }
    return s
  }
}
