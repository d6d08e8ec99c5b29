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
  if let reason = state.readOnlyReason {
    state.status = StatusLine("\(state.catalogue(.readOnly)): \(reason)", isError: true)
    return
  }
  state.mode = .hold(HoldForm(customerId: id))
}

/// Keys while the hold form is open.
func editHoldForm(_ state: inout AppState, _ form: inout HoldForm, _ key: Key) -> [Effect] {
  let fields = HoldForm.Field.allCases
  func move(_ d: Int) {
    form.focus = fields[(form.focus.rawValue + d + fields.count) % fields.count]
  }
  switch key {
  case .escape:
    state.mode = .normal
    return []
  case .ctrl("c"):
    state.isQuitting = true
    return [.quit]
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
  buffer.fill(rect, style: .plain)
  let box = Box(title: t(.holdTitle), style: .plain)
  box.render(in: rect, buffer: &buffer)
  let inner = box.inner(of: rect).inset(left: 1, right: 1)
  guard inner.height >= 4 else { return nil }
  var y = inner.y
  var cursor: Point?
  let rows: [(HoldForm.Field, L, TextInput)] = [
    (.until, .formHoldUntil, form.until), (.invoice, .holdInvoice, form.invoice),
    (.reason, .formHoldReason, form.reason),
  ]
  for (f, key, input) in rows {
    let used = buffer.put(
      t(key) + ": ", x: inner.x, y: y,
      style: form.focus == f ? Style(bold: true, reverse: true) : .bold, maxWidth: inner.width)
    let field = Rect(x: inner.x + used, y: y, width: max(0, inner.width - used), height: 1)
    let p = input.draw(in: field, buffer: &buffer, style: .underline)
    if form.focus == f { cursor = p }
    y += 1
  }
  for e in form.errors.prefix(2) where y < inner.maxY - 1 {
    buffer.put(e, x: inner.x, y: y, style: .error, maxWidth: inner.width)
    y += 1
  }
  buffer.put(t(.holdHint), x: inner.x, y: inner.maxY - 1, style: .dim, maxWidth: inner.width)
  return cursor
}
