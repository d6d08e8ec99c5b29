import KravCore

/// One timeline line for an event, in the interface language (the CLI uses it too).
public enum TimelineText {
  /// A short description of what happened, e.g. "Samtale: nådd – lover å betale fredag".
  public static func line(_ e: Event, _ t: Catalogue) -> String {
    let nb = t.lang == .nb
    let money = { (o: Int64?) in o.map { t.money(Money(ore: $0)) } ?? "" }
    let inv = e.invoice.map { (nb ? "faktura " : "invoice ") + $0 } ?? ""
    func join(_ parts: String?...) -> String {
      parts.compactMap { $0 }.filter { !$0.isEmpty }.joined(separator: " – ")
    }
    switch e.type {
    case .customerAdded: return join(nb ? "Kunde registrert" : "Customer added", e.name)
    case .customerUpdated: return customerChange(e, nb)
    case .claimAdded:
      return join(
        (nb ? "Krav registrert " : "Claim added ") + (e.invoice ?? ""), money(e.amount),
        e.due.map { (nb ? "forfall " : "due ") + t.day($0) }, e.text)
    case .paymentRegistered:
      return join(
        nb ? "Innbetaling" : "Payment", money(e.amount), inv,
        e.date.map(t.day), e.name)
    case .callLogged:
      return join(
        (nb ? "Samtale: " : "Call: ") + outcome(e.outcome, nb), e.text,
        e.reason.map { (nb ? "utenfor ringereglene: " : "outside the call rules: ") + $0 },
        e.ref.map { (nb ? "e-post " : "e-mail ") + $0 })
    case .callPreferenceSet:
      return join(
        e.callPreference == .doNotCall
          ? (nb ? "Skal ikke ringes" : "Do not call")
          : (nb ? "Kan ringes igjen" : "May be called again"),
        e.text)
    case .noteAdded: return join(nb ? "Notat" : "Note", e.text)
    case .promiseMade:
      return join(
        nb ? "Betalingsløfte" : "Promise to pay", money(e.amount),
        e.date.map { (nb ? "innen " : "by ") + t.day($0) })
    case .disputeOpened:
      return join(
        nb ? "Innsigelse" : "Objection", inv,
        e.amount.map { _ in money(e.amount) } ?? (nb ? "hele kravet" : "whole claim"),
        e.reason.flatMap(DisputeReason.init(rawValue:)).map { CallText.disputeReason($0, t) },
        e.text, e.name, e.channel.map { channel($0, t) })
    case .disputeResolved:
      let title: String
      switch e.disputeOutcome {
      case .accepted: title = nb ? "Innsigelse godtatt" : "Objection accepted"
      case .forliksrad:
        title = nb ? "Innsigelse: til forliksrådet" : "Objection: to the forliksråd"
      case nil where e.outcome == Dispute.withdrawn:
        title = nb ? "Innsigelse trukket" : "Objection withdrawn"
      default: title = nb ? "Innsigelse avvist" : "Objection rejected"
      }
      return join(title, inv, money(e.amount), e.text)
    case .holdSet:
      return join(
        nb ? "Pause" : "On hold", inv, e.until.map { (nb ? "til " : "until ") + t.day($0) },
        e.text)
    case .holdLifted:
      return join(nb ? "Pause opphevet" : "Hold lifted", inv, e.text, by(e, nb))
    case .promiseCancelled:
      return join(
        nb ? "Betalingsløfte annullert" : "Promise to pay cancelled", e.text, by(e, nb))
    case .stepTriggered:
      let step = e.step.flatMap(Step.init(rawValue:)).map(t.step) ?? (e.step ?? "")
      // A court draft is written for the collector to file, not sent to the debtor.
      let court = e.step == Step.utlegg.rawValue || e.step == Step.forliksklage.rawValue
      // Written through the outbox (issue 19): the letter has not left yet; its
      // `document-sent`/`document-printed` entry says when it did.
      let queued = e.extra["dispatch"] == "\"outbox\""
      let verb =
        court
        ? (nb ? "Utkast til " : "Draft of ")
        : queued ? (nb ? "Skrevet " : "Written ") : (nb ? "Sendt " : "Sent ")
      return join(
        verb + step, inv,
        e.amount.map { (nb ? "gebyr " : "fee ") + t.money(Money(ore: $0)) },
        e.until.map { (nb ? "frist " : "deadline ") + t.day($0) }, e.channel.map { channel($0, t) },
        e.reason == StepReason.limitationOverride.rawValue
          ? (nb ? "tross foreldelse: " : "despite limitation: ") + (e.text ?? "") : nil)
    case .letterSent:
      let step = e.step.flatMap(Step.init(rawValue:)).map(t.step) ?? (e.step ?? "")
      return join(
        // A letter-sent event records the letter written (and, since issue 19, queued in the
        // outbox); its leaving is the `document-sent`/`document-printed` entry.
        nb ? "Brev skrevet" : "Letter written", step,
        e.channel.map { c in channel(c, t) + (e.text.map { " " + $0 } ?? "") },
        e.ref.map { "letters/\($0).txt" })
    case .caseClosed:
      if e.reason == ClosureReason.writtenOff.rawValue {
        return join(nb ? "Avskrevet" : "Written off", inv, e.text)
      }
      return join(nb ? "Sak lukket" : "Case closed", inv, e.reason)
    case .claimFiled:
      let step = e.step.flatMap(Step.init(rawValue:)).map(t.step) ?? (e.step ?? "")
      return join(
        (nb ? "Innlevert " : "Filed ") + step, inv, e.date.map(t.day), e.text)
    case .planProposed, .planSigned, .planAccelerated: return planLine(e, t)
    case .paymentAssigned:
      return join(
        nb ? "Innbetaling plassert" : "Payment assigned", money(e.amount), inv, e.date.map(t.day))
    case .paymentReversed:
      if e.reason == "correction" || e.reason == "refunded" {
        let what =
          e.reason == "refunded"
          ? (nb ? "Innbetaling rettet: tilbakebetalt" : "Payment corrected: refunded")
          : (nb ? "Innbetaling rettet: til uplasserte" : "Payment corrected: back to unmatched")
        return join(what, money(e.amount), inv, e.paidOn.map(t.day), e.text, by(e, nb))
      }
      return join(
        nb ? "Innbetaling tilbakeført av banken" : "Payment reversed by the bank",
        money(e.amount), inv, e.date.map(t.day))
    case .claimUpdated:
      return join(
        (nb ? "Krav endret " : "Claim changed ") + (e.invoice ?? ""), money(e.amount),
        e.due.map { (nb ? "forfall " : "due ") + t.day($0) })
    case .documentSent, .documentPrinted, .documentFailed, .documentSuperseded:
      return documentLine(e, t)
    default: return e.type.rawValue
    }
  }

  /// A channel's name in the interface language ("e-post", "brev", "telefon").
  static func channel(_ c: String, _ t: Catalogue) -> String {
    switch c {
    case "phone": return t.lang == .nb ? "telefon" : "phone"
    case "manual": return t.lang == .nb ? "manuelt" : "by hand"
    default: return t.channel(c)
    }
  }

  /// Who made a correction ("av kari").
  static func by(_ e: Event, _ nb: Bool) -> String? {
    e.by.isEmpty ? nil : (nb ? "av " : "by ") + e.by
  }

  /// The fields labels of `customer-updated`, nb and en.
  static let customerFields: [(key: String, nb: String, en: String)] = [
    ("name", "navn", "name"), ("kind", "type", "kind"), ("address", "adresse", "address"),
    ("phone", "telefon", "phone"), ("email", "e-post", "e-mail"),
    ("orgnr", "org.nr.", "org. no."), ("birth_number", "fødselsnummer", "national id"),
    ("email_consent", "samtykke til e-post", "e-mail consent"),
  ]

  /// "Kundeopplysninger endret – adresse endret fra … til …" (the old value is kept in the
  /// event's `extra` as `old_<field>` by `krav customer edit`; a birth number is never shown).
  static func customerChange(_ e: Event, _ nb: Bool) -> String {
    let title = nb ? "Kundeopplysninger endret" : "Customer details changed"
    var parts: [String] = []
    for f in customerFields {
      let new: String?
      switch f.key {
      case "name": new = e.name
      case "kind": new = e.kind
      case "address": new = e.address
      case "phone": new = e.phone
      case "email": new = e.email
      case "orgnr": new = e.orgnr
      case "birth_number": new = e.birthNumber.map { _ in "***" }
      default: continue  // the consent: its own words below
      }
      guard let value = new else { continue }
      let label = nb ? f.nb : f.en
      if f.key == "birth_number" {
        parts.append(label + (nb ? " endret" : " changed"))
        continue
      }
      let old = e.oldValue(f.key)
      let empty = nb ? "(tom)" : "(empty)"
      parts.append(
        nb
          ? "\(label) endret fra \(old.map { $0.isEmpty ? empty : $0 } ?? empty) til \(value)"
          : "\(label) changed from \(old.map { $0.isEmpty ? empty : $0 } ?? empty) to \(value)")
    }
    if let consent = e.emailConsent {
      // `krav customer consent`, `customer edit --email-consent`, the case's edit form.
      let day = Day(parsing: consent).map { Catalogue(nb ? .nb : .en).day($0) }
      parts.append(
        day.map { nb ? "samtykke til e-post gitt \($0)" : "consent to e-mail given \($0)" }
          ?? (nb ? "samtykke til e-post trukket" : "consent to e-mail withdrawn"))
    }
    return ([title] + parts).joined(separator: " – ")
  }

  static func outcome(_ o: String?, _ nb: Bool) -> String {
    switch o ?? "" {
    case "reached": return nb ? "nådd" : "reached"
    case "no-answer": return nb ? "ikke svar" : "no answer"
    case "voicemail": return nb ? "talepostkasse" : "voicemail"
    case "wrong-number": return nb ? "feil nummer" : "wrong number"
    case "refused": return nb ? "avviste" : "refused"
    default: return o ?? ""
    }
  }
}

extension Catalogue {
  /// A customer field's name as `customer-updated` names it ("phone" → "telefon").
  public func customerField(_ key: String) -> String {
    guard let f = TimelineText.customerFields.first(where: { $0.key == key }) else { return key }
    return lang == .nb ? f.nb : f.en
  }
}
