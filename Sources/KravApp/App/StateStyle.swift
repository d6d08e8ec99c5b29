import KravCore
import TerminalUI

/// A state a list row can be in that the collector should see at a glance (issue 20): one
/// colour per state, and under `NO_COLOR` an attribute and a one-character marker instead.
public enum RowState: String, Hashable, Sendable, CaseIterable {
  /// Past the deadline: money is owed now and a step or a call is due.
  case overdue
  /// An objection stands: do not chase.
  case disputed
  /// Collection is paused until a day.
  case onHold
  /// An instalment plan holds the ladder.
  case inPlan
  /// A step or write-off waits for a second person (four-eyes).
  case approvalPending
  /// Someone else took a step first; this one was not applied.
  case conflict

  /// The colour the state is drawn in.
  public var color: Color {
    switch self {
    case .overdue: return .red
    case .disputed: return .magenta
    case .onHold: return .blue
    case .inPlan: return .green
    case .approvalPending: return .yellow
    case .conflict: return .brightRed
    }
  }

  /// The marker put before the state's text when colours are off (`NO_COLOR`).
  public var marker: Character {
    switch self {
    case .overdue: return "!"
    case .disputed: return "?"
    case .onHold: return "="
    case .inPlan: return "~"
    case .approvalPending: return "^"
    case .conflict: return "#"
    }
  }

  /// The cell style: the colour, or an attribute when colours are off.
  public func style(colors: Bool) -> Style {
    if colors { return Style(fg: color, bold: self == .conflict) }
    switch self {
    case .overdue: return .bold
    case .disputed: return .underline
    case .onHold: return .dim
    case .inPlan: return .plain
    case .approvalPending: return Style(bold: true, underline: true)
    case .conflict: return Style(bold: true, underline: true)
    }
  }

  /// `text` as a state cell shows it: with the marker in front when colours are off.
  public func label(_ text: String, colors: Bool) -> String {
    colors || text.isEmpty ? text : "\(marker) \(text)"
  }
}

extension AppState {
  /// The state a customer's row shows, the most pressing first: a conflict, a request
  /// awaiting approval, a standing objection, a hold, a plan holding the ladder; nil when the
  /// customer is simply being collected.
  public func rowState(customer id: String) -> RowState? {
    guard let c = ledger.customers[id] else { return nil }
    let claims = ledger.claims(ofCustomer: id)
    if claims.contains(where: { !$0.conflicts.isEmpty }) { return .conflict }
    if !c.approvals.isEmpty { return .approvalPending }
    if c.disputes.contains(where: { $0.stands(on: today) }) { return .disputed }
    if let until = c.holdUntil, until >= today { return .onHold }
    if claims.contains(where: { $0.holdUntil.map { $0 >= today } ?? false }) { return .onHold }
    let inPlan = ledger.plans(ofCustomer: id).contains {
      ledger.progress(of: $0, on: today).state.pausesLadder
    }
    return inPlan ? .inPlan : nil
  }

  /// The state of a queue row (one claim): its blocker, or overdue when its step's deadline
  /// has passed.
  func rowState(queue r: QueueRow) -> RowState? {
    let claim = ledger.claim(of: r)
    if !claim.conflicts.isEmpty { return .conflict }
    if ledger.awaitsApproval(invoice: claim.invoice) { return .approvalPending }
    switch r.next?.reason(on: today) {
    case .disputed?: return .disputed
    case .onHold?: return .onHold
    case .inPlan?: return .inPlan
    default: break
    }
    if let deadline = Ladder.deadline(of: claim), deadline < today { return .overdue }
    return nil
  }
}
