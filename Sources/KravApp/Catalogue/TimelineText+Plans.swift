import KravCore

extension TimelineText {
  /// The timeline line of a plan event.
  static func planLine(_ e: Event, _ t: Catalogue) -> String {
    let nb = t.lang == .nb
    let money = e.amount.map { t.money(Money(ore: $0)) } ?? ""
    switch e.type {
    case .planProposed:
      let n = e.planInstalments?.count ?? 0
      let every = e.planFrequency.map { "\(t.plan(.every)) \(t.frequency($0))" } ?? ""
      let sign = e.until.map { "\(t.plan(.signBy).lowercased()) \(t.day($0))" } ?? ""
      return [
        nb ? "Nedbetalingsavtale foreslått" : "Instalment plan proposed", money,
        "\(n) \(t.plan(.instalments)) \(every)", sign,
      ].filter { !$0.isEmpty }.joined(separator: " – ")
    case .planSigned:
      return [
        nb ? "Avtale signert" : "Plan signed", e.date.map(t.day) ?? "",
        e.channel.map { t.channel($0) } ?? "",
      ].filter { !$0.isEmpty }.joined(separator: " – ")
    default:
      return [
        nb ? "Avtale misligholdt – restbeløp forfalt" : "Plan accelerated – remainder due",
        money,
      ].filter { !$0.isEmpty }.joined(separator: " – ")
    }
  }
}
