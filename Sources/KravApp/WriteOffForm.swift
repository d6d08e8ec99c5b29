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

/// The claim a write-off offers first: the customer's oldest time-barred open claim, else the
/// oldest open one.
func writeOffCandidate(_ state: AppState, customer: String) -> String? {
  let open = state.ledger.claimSummaries(customer: customer, today: state.today)
    .filter { $0.status.isOpen }
  return open.first {
    state.ledger.limitation(of: $0.claim.invoice, today: state.today)?.expired == true
  }?.claim.invoice ?? open.first?.claim.invoice
}

func editWriteOff(_ state: inout AppState, _ form: inout WriteOffForm, _ key: Key) -> [Effect] {
  guard case .caseView(let view) = state.top else {
    state.mode = .normal
    return []
  }
  let t = state.catalogue
  if let effects = closeOrQuit(&state, key) { return effects }
  if form.field == .confirm {
    // The one confirmation of a legally significant step: j/y saves, anything else cancels.
    state.mode = .normal
    guard key == .char("j") || key == .char("y"), let inv = form.invoice,
      let reason = form.reason
    else {
      state.status = StatusLine(t(.writeOffCancelled))
      return []
    }
    var e = Event(
      id: "", seq: 0, at: "", by: "", type: .caseClosed, customer: view.customerId, invoice: inv)
    e.reason = ClosureReason.writtenOff.rawValue
    e.text = reason
    state.status = nil
    return [.append([e])]
  }
  guard key == .enter else {
    _ = form.input.handle(key)
    state.mode = .writeOff(form)
    return []
  }
  let text = form.input.text.trimmingCharacters(in: .whitespaces)
  switch form.field {
  case .invoice:
    guard let claim = state.ledger.claims[text], claim.customer == view.customerId,
      claim.closed == nil
    else {
      state.status = StatusLine(t(.paymentUnknownInvoice), isError: true)
      state.mode = .writeOff(form)
      return []
    }
    form.invoice = text
    form.field = .reason
    form.input = TextInput()
  case .reason:
    guard !text.isEmpty else {
      state.status = StatusLine(t(.writeOffReasonMissing), isError: true)
      state.mode = .writeOff(form)
      return []
    }
    form.reason = text
    form.field = .confirm
    form.input = TextInput()
  case .confirm: break
  }
  state.status = nil
  state.mode = .writeOff(form)
  return []
}
