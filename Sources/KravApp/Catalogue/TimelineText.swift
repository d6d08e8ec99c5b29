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
    case .customerUpdated: return nb ? "Kundeopplysninger endret" : "Customer details changed"
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
        e.text, e.name, e.channel)
    case .disputeResolved:
      let title: String
      switch e.disputeOutcome {
      case .accepted: title = nb ? "Innsigelse godtatt" : "Objection accepted"
      case .forliksrad:
        title = nb ? "Innsigelse: til forliksrådet" : "Objection: to the forliksråd"
      default: title = nb ? "Innsigelse avvist" : "Objection rejected"
      }
      return join(title, inv, money(e.amount), e.text)
    case .holdSet:
      return join(
        nb ? "Pause" : "On hold", inv, e.until.map { (nb ? "til " : "until ") + t.day($0) },
        e.text)
    case .stepTriggered:
      let step = e.step.flatMap(Step.init(rawValue:)).map(t.step) ?? (e.step ?? "")
      // A court draft is written for the collector to file, not sent to the debtor.
      let court = e.step == Step.utlegg.rawValue || e.step == Step.forliksklage.rawValue
      let verb = court ? (nb ? "Utkast til " : "Draft of ") : (nb ? "Sendt " : "Sent ")
      return join(
        verb + step, inv,
        e.amount.map { (nb ? "gebyr " : "fee ") + t.money(Money(ore: $0)) },
        e.until.map { (nb ? "frist " : "deadline ") + t.day($0) }, e.channel,
        e.reason == StepReason.limitationOverride.rawValue
          ? (nb ? "tross foreldelse: " : "despite limitation: ") + (e.text ?? "") : nil)
    case .letterSent:
      let step = e.step.flatMap(Step.init(rawValue:)).map(t.step) ?? (e.step ?? "")
      return join(
        nb ? "Brev sendt" : "Letter sent", step,
        e.channel.map { c in c + (e.text.map { " " + $0 } ?? "") },
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
      return join(
        nb ? "Innbetaling tilbakeført" : "Payment reversed", money(e.amount), inv, e.date.map(t.day)
      )
    case .claimUpdated:
      return join(
        (nb ? "Krav endret " : "Claim changed ") + (e.invoice ?? ""), money(e.amount),
        e.due.map { (nb ? "forfall " : "due ") + t.day($0) })
    default: return e.type.rawValue
    }
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
