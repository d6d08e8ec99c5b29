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

extension HoldForm {
  static func keymap(_ k: Keymaps) -> Keymap<Action> { Keymap(k.formKeys()) }

  /// A bound key.
  mutating func perform(_ action: Action, _ state: inout AppState) -> [Effect] {
    switch action {
    case .cancel: state.mode = .normal
    case .save: return save(&state)
    case .nextField: focus = focus.cycled(by: 1)
    case .previousField: focus = focus.cycled(by: -1)
    default: break
    }
    return []
  }

  /// An unbound key: text for the focused field.
  mutating func type(_ key: Key) -> [Effect] {
    switch focus {
    case .until: _ = until.handle(key)
    case .invoice: _ = invoice.handle(key)
    case .reason: _ = reason.handle(key)
    }
    return []
  }

  /// Checks the form (the day here, the rest in `HoldRequest`) and writes the `hold-set` event.
  mutating func save(_ state: inout AppState) -> [Effect] {
    let t = state.catalogue
    let day = Day(parsing: until.text.trimmingCharacters(in: .whitespaces))
    let inv = invoice.text.trimmingCharacters(in: .whitespaces)
    let request = HoldRequest(
      customer: customerId, invoice: inv.isEmpty ? nil : inv, until: day ?? state.today,
      reason: reason.text.trimmingCharacters(in: .whitespaces))
    var problems = request.problems(ledger: state.ledger, today: state.today)
    var messages: [String] = []
    if day == nil {
      messages.append("\(t(.formHoldUntil)): \(t(.formBadDay))")
      problems.removeAll { $0.field == "until" }
    }
    for p in problems {
      switch p.field {
      case "until": messages.append("\(t(.formHoldUntil)): \(t(.probBeforeToday))")
      case "invoice": messages.append("\(t(.colInvoice)): \(t(.probUnknownInvoice))")
      case "reason": messages.append("\(t(.formHoldReason)): \(t(.formRequired))")
      default: messages.append("\(p.field): \(t(CallForm.problemKey(p.code)))")
      }
    }
    guard messages.isEmpty else {
      errors = messages
      return []
    }
    state.mode = .normal
    return [.write(WriteRequest(.hold, events: [request.event(ledger: state.ledger)]))]
  }

  /// The hold form, centred over the case.
  func render(_ state: AppState, keymaps: Keymaps, in area: Rect, buffer: inout Buffer) -> Point? {
    let form = self
    let t = state.catalogue
    let rect = area.centered(
      width: min(area.width, 70), height: min(area.height, max(9, 6 + form.errors.count)))
    let inner = drawFormFrame(t(.holdTitle), in: rect, buffer: &buffer)
    guard inner.height >= 4 else { return nil }
    var y = inner.y
    var cursor: Point?
    let rows: [(HoldForm.Field, LCall, TextInput)] = [
      (.until, .formHoldUntil, form.until), (.invoice, .holdInvoice, form.invoice),
      (.reason, .formHoldReason, form.reason),
    ]
    for (f, key, input) in rows {
      let p = drawFormInput(
        t(key), input, focused: form.focus == f, in: inner, y: y, buffer: &buffer)
      cursor = p ?? cursor
      y += 1
    }
    drawFormFoot(
      errors: form.errors, hint: formHint(HoldForm.keymap(keymaps), width: inner.width), in: inner,
      from: y,
      buffer: &buffer)
    return cursor
  }
}
