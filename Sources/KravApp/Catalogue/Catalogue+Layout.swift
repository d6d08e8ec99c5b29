import KravCore

/// Interface text of the list layout and states (issue 20): the id column, state words the
/// screens share with the CLI (nb, en).
public enum LLayout: CaseIterable, Sendable {
  case colId, stateConflict, stateInPlan, alreadySigned
}

extension Catalogue {
  /// The text for a `LLayout` key in this catalogue's language.
  public func callAsFunction(_ key: LLayout) -> String {
    let (nb, en) = Catalogue.layoutPair(key)
    return lang == .nb ? nb : en
  }

  /// The texts of `LLayout` (nb, en): one exhaustive switch, no `default:`.
  static func layoutPair(_ key: LLayout) -> (String, String) {
    switch key {
    case .colId: return ("Id", "Id")
    case .stateConflict: return ("konflikt", "conflict")
    case .stateInPlan: return ("i plan", "in plan")
    case .alreadySigned: return ("allerede signert", "already signed on")
    }
  }
}
