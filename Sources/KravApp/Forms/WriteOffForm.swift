import KravCore
import TerminalUI

/// Writing a claim off from the open case (`w`, issue 15): the invoice (the oldest time-barred
/// claim is offered first), the reason, then a confirmation that names the customer and the
/// claim, one prompt at a time on the status row. The same event as `krav claim write-off`.
public struct WriteOffForm: Hashable, Sendable {
  public enum Field: Hashable, Sendable { case invoice, reason, confirm }
  public var field: Field = .invoice
  /// The text being typed in the current field.
  public var input: TextInput
  public var invoice: String?
  public var reason: String?

  /// A form offering `invoice` (the customer's oldest time-barred or open claim).
  public init(invoice: String?) {
    input = TextInput(invoice ?? "")
  }

  func label(_ t: Catalogue, customer: String) -> String {
    switch field {
    case .invoice: return t(.writeOffInvoicePrompt)
    case .reason: return t(.writeOffReasonPrompt)
    case .confirm:
      return t(.writeOffConfirm).replacingOccurrences(of: "{invoice}", with: invoice ?? "")
        .replacingOccurrences(of: "{customer}", with: customer)
    }
  }
}

extension WriteOffForm {
  /// The claim a write-off offers first: the customer's oldest time-barred open claim, else the
  /// oldest open one.
  static func candidate(_ state: AppState, customer: String) -> String? {
    let open = state.ledger.claimSummaries(customer: customer, today: state.today)
      .filter { $0.status.isOpen }
    return open.first {
      state.ledger.limitation(of: $0.claim.invoice, today: state.today)?.expired == true
    }?.claim.invoice ?? open.first?.claim.invoice
  }

  /// An unbound key: text for the prompt; at the confirmation, anything but y/j cancels.
  mutating func type(_ key: Key, _ state: inout AppState) -> [Effect] {
    guard field == .confirm else {
      _ = input.handle(key)
      return []
    }
    return perform(.cancel, &state)
  }

  /// A bound key: Esc (or n at the confirmation) cancels, Enter takes the prompt's answer, y/j
  /// at the confirmation writes the claim off.
  mutating func perform(_ action: Action, _ state: inout AppState) -> [Effect] {
    guard case .caseView(let view) = state.top else {
      state.mode = .normal
      return []
    }
    let t = state.catalogue
    switch action {
    case .cancel where field == .confirm:
      state.mode = .normal
      state.status = StatusLine(t(.writeOffCancelled))
      return []
    case .cancel:
      state.mode = .normal
      return []
    case .confirm where field == .confirm:
      // The one confirmation of a legally significant step.
      state.mode = .normal
      guard let inv = invoice, let reason else { return [] }
      let e = Event.caseClosed(
        customer: view.customerId, invoice: inv, reason: .writtenOff, text: reason)
      state.status = nil
      return [.write(WriteRequest(.writeOff, events: [e]))]
    case .save: break
    default: return []
    }
    let text = input.text.trimmingCharacters(in: .whitespaces)
    switch field {
    case .invoice:
      guard let claim = state.ledger.claims[text], claim.customer == view.customerId,
        claim.closed == nil
      else {
        state.status = StatusLine(t(.paymentUnknownInvoice), isError: true)
        return []
      }
      invoice = text
      field = .reason
      input = TextInput()
    case .reason:
      guard !text.isEmpty else {
        state.status = StatusLine(t(.writeOffReasonMissing), isError: true)
        return []
      }
      reason = text
      field = .confirm
      input = TextInput()
    case .confirm: break
    }
    state.status = nil
    return []
  }
}
