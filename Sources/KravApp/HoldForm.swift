import Foundation
import KravCore
import TerminalUI

/// The hold form (key `h` in the case): pause the ladder for the customer, or one claim, until
/// a day, with a reason — without logging a call.
public struct HoldForm: Hashable, Sendable {
  public enum Field: Int, CaseIterable, Sendable { case until, invoice, reason }

  public var customerId: String
  public var until = TextInput()
  /// Empty: all the customer's claims.
  public var invoice = TextInput()
  public var reason = TextInput()
  public var focus: Field = .until
  public var errors: [String] = []

  public init(customerId: String) { self.customerId = customerId }
}

/// Opens the hold form for the case's customer.
func openHoldForm(_ state: inout AppState, customer id: String) {
  if state.refusedReadOnly() { return }
  state.mode = .hold(HoldForm(customerId: id))
}

/// Keys while the hold form is open.
func editHoldForm(_ state: inout AppState, _ form: inout HoldForm, _ key: Key) -> [Effect] {
  func move(_ d: Int) { form.focus = form.focus.cycled(by: d) }
  if let effects = closeOrQuit(&state, key) { return effects }
  switch key {
  case .function(2), .ctrl("s"):
    return saveHoldForm(&state, form)
  case .tab, .down, .enter: move(1)
  case .backTab, .up: move(-1)
  default:
    switch form.focus {
    case .until: _ = form.until.handle(key)
    case .invoice: _ = form.invoice.handle(key)
    case .reason: _ = form.reason.handle(key)
    }
  }
  state.mode = .hold(form)
  return []
}

/// Checks the form and writes the `hold-set` event.
func saveHoldForm(_ state: inout AppState, _ form: HoldForm) -> [Effect] {
  var form = form
  let t = state.catalogue
  var errors: [String] = []
  let until = Day(parsing: form.until.text.trimmingCharacters(in: .whitespaces))
  if until == nil {
    errors.append("\(t(.formHoldUntil)): \(t(.formBadDay))")
  } else if until! < state.today {
    errors.append("\(t(.formHoldUntil)): \(t(.probBeforeToday))")
  }
  let invoice = form.invoice.text.trimmingCharacters(in: .whitespaces)
  if !invoice.isEmpty, state.ledger.claims[invoice]?.customer != form.customerId {
    errors.append("\(t(.colInvoice)): \(t(.probUnknownInvoice))")
  }
  let reason = form.reason.text.trimmingCharacters(in: .whitespaces)
  if reason.isEmpty { errors.append("\(t(.formHoldReason)): \(t(.formRequired))") }
  guard errors.isEmpty, let until else {
    form.errors = errors
    state.mode = .hold(form)
    return []
  }
  var e = Event(
    id: "", seq: 0, at: "", by: "", type: .holdSet, customer: form.customerId,
    invoice: invoice.isEmpty ? nil : invoice)
  e.until = until
  e.text = reason
  state.mode = .normal
  return [.append([e])]
}

/// The hold form, centred over the case.
func renderHoldForm(_ state: AppState, _ form: HoldForm, in area: Rect, buffer: inout Buffer)
  -> Point?
{
  let t = state.catalogue
  let rect = area.centered(width: min(area.width, 70), height: min(area.height, 9))
  let inner = drawFormFrame(t(.holdTitle), in: rect, buffer: &buffer)
  guard inner.height >= 4 else { return nil }
  var y = inner.y
  var cursor: Point?
  let rows: [(HoldForm.Field, L, TextInput)] = [
    (.until, .formHoldUntil, form.until), (.invoice, .holdInvoice, form.invoice),
    (.reason, .formHoldReason, form.reason),
  ]
  for (f, key, input) in rows {
    let p = drawFormInput(
      t(key), input, focused: form.focus == f, in: inner, y: y, buffer: &buffer)
    cursor = p ?? cursor
    y += 1
  }
  drawFormFoot(errors: form.errors, hint: t(.holdHint), in: inner, from: y, buffer: &buffer)
  return cursor
}
