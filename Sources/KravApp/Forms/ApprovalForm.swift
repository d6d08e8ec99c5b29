import KravCore
import TerminalUI

/// Deciding a request on the approvals screen (issue 18), one prompt at a time on the status
/// row: approving (`O`) asks the one y/n confirmation, naming what will happen; rejecting (`X`)
/// asks for the reason (required), then confirms. The same events as `krav approve ID` and
/// `krav reject ID --reason`. A step's approval goes through the letters' preview instead
/// (`StepConfirm`), which confirms with the same keys.
public struct ApprovalForm: Hashable, Sendable {
  public enum Field: Hashable, Sendable { case reason, confirm }
  public var customer: String
  public var request: ApprovalRequest
  /// Approving (true) or rejecting.
  public var approving: Bool
  public var field: Field
  /// The text being typed (the reason).
  public var input = TextInput()
  public var reason: String?

  /// Approving: straight to the confirmation. Rejecting: the reason first.
  public init(customer: String, request: ApprovalRequest, approving: Bool) {
    self.customer = customer
    self.request = request
    self.approving = approving
    field = approving ? .confirm : .reason
  }

  /// The prompt: the reason, or the question naming the request, the customer and what a yes
  /// does.
  func label(_ t: Catalogue, _ ledger: Ledger) -> String {
    let name = ledger.customers[customer]?.name ?? customer
    let action = t.approvalAction(request)
    switch field {
    case .reason:
      return t(.rejectReasonPrompt).replacingOccurrences(of: "{action}", with: action)
        .replacingOccurrences(of: "{customer}", with: name)
    case .confirm where approving:
      return t(.approveConfirm).replacingOccurrences(of: "{action}", with: action)
        .replacingOccurrences(of: "{customer}", with: name)
        .replacingOccurrences(of: "{effect}", with: t.approvalEffect(request))
    case .confirm:
      return t(.rejectConfirm).replacingOccurrences(of: "{action}", with: action)
        .replacingOccurrences(of: "{customer}", with: name)
    }
  }

  /// The keys: the prompt's (Enter submits, Esc cancels) or the one confirmation keymap.
  func keymap(_ k: Keymaps) -> Keymap<Action> { field == .confirm ? k.confirm : k.promptKeys() }

  /// An unbound key: text for the reason; at the confirmation anything else cancels.
  mutating func type(_ key: Key, _ state: inout AppState) -> [Effect] {
    guard field == .confirm else {
      _ = input.handle(key)
      return []
    }
    return perform(.cancel, &state)
  }

  /// A bound key: Esc/n cancels, Enter takes the reason, y/j at the confirmation decides.
  mutating func perform(_ action: Action, _ state: inout AppState) -> [Effect] {
    let t = state.catalogue
    switch action {
    case .cancel:
      state.mode = .normal
      state.status = field == .confirm ? StatusLine(t(.decisionCancelled)) : nil
      return []
    case .save where field == .reason:
      let text = input.text.trimmingCharacters(in: .whitespaces)
      guard !text.isEmpty else {
        state.status = StatusLine(t(.rejectReasonMissing), isError: true)
        return []
      }
      reason = text
      field = .confirm
      state.status = nil
      return []
    case .confirm where field == .confirm:
      state.mode = .normal
      state.status = nil
      if approving {
        return ApprovalsScreen.carryOut(&state, customer: customer, request)
      }
      return [
        .write(
          WriteRequest(
            .approvalRejected,
            events: [.approvalDecision(request, customer: customer, granted: false, reason: reason)]
          ))
      ]
    default:
      return []
    }
  }
}

extension Catalogue {
  /// A request's action in words ("write-off of 1001", "plan over 12 months").
  func approvalAction(_ r: ApprovalRequest) -> String {
    let invoices = r.invoices.isEmpty ? (r.invoice ?? "") : r.invoices.joined(separator: ", ")
    switch FourEyesAction(rawValue: r.action) {
    case .writeOff?: return "\(self(.actionWriteOff)) \(invoices)"
    case .longPlan?: return "\(self(.actionLongPlan)) (\(invoices))"
    case .utlegg?, .forliksklage?, nil: return "\(r.action) \(invoices)"
    }
  }

  /// What approving does.
  func approvalEffect(_ r: ApprovalRequest) -> String {
    switch FourEyesAction(rawValue: r.action) {
    case .writeOff?: return self(.effectWriteOff)
    case .longPlan?:
      let n = r.plan.map { String($0.instalments) } ?? "?"
      return self(.effectLongPlan).replacingOccurrences(of: "{n}", with: n)
    case .utlegg?, .forliksklage?, nil: return self(.effectOther)
    }
  }
}
