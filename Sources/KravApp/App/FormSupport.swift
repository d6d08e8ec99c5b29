import KravCore
import TerminalUI

// MARK: - What the forms, prompts and lists share

extension AppState {
  /// When the store is read-only: says so (and why) on the status line and returns true, so the
  /// caller does not open its form or write.
  mutating func refusedReadOnly() -> Bool {
    guard let reason = readOnlyReason else { return false }
    status = StatusLine("\(catalogue(.readOnly)): \(reason)", isError: true)
    return true
  }
}

extension CaseIterable where Self: Equatable, AllCases == [Self] {
  /// The case `d` steps from this one in declaration order, wrapping around at both ends.
  func cycled(by d: Int) -> Self {
    let all = Self.allCases
    return all[((all.firstIndex(of: self) ?? 0) + d % all.count + all.count) % all.count]
  }
}

/// Where a list movement (up, down, page up, page down, home, end) takes the selection from row
/// `index`; with nothing selected yet, down goes to the second row (the first is shown as
/// selected). The caller clamps the result to the rows.
func listTarget(_ action: Action, from index: Int, count: Int, page: Int, hasSelection: Bool)
  -> Int
{
  switch action {
  case .up: return index - 1
  case .down: return hasSelection ? index + 1 : 1
  case .pageUp: return index - page
  case .pageDown: return index + page
  case .home: return 0
  case .end: return count - 1
  default: return index
  }
}

/// A form's frame: clears `rect`, draws a box titled `title`; returns the inside less a margin.
func drawFormFrame(_ title: String, in rect: Rect, buffer: inout Buffer) -> Rect {
  buffer.fill(rect, style: .plain)
  let box = Box(title: title, style: .plain)
  box.render(in: rect, buffer: &buffer)
  return box.inner(of: rect).inset(left: 1, right: 1)
}

/// A form's label at the start of row `y`: bold, reversed when its field has the focus; returns
/// the width it took.
func drawFormLabel(_ text: String, focused: Bool, in inner: Rect, y: Int, buffer: inout Buffer)
  -> Int
{
  buffer.put(
    text + ": ", x: inner.x, y: y, style: focused ? Style(bold: true, reverse: true) : .bold,
    maxWidth: inner.width)
}

/// A labelled one-line text field on row `y`; returns the cursor when it has the focus.
func drawFormInput(
  _ label: String, _ input: TextInput, focused: Bool, in inner: Rect, y: Int, buffer: inout Buffer
) -> Point? {
  let used = drawFormLabel(label, focused: focused, in: inner, y: y, buffer: &buffer)
  let field = Rect(x: inner.x + used, y: y, width: max(0, inner.width - used), height: 1)
  let p = input.draw(in: field, buffer: &buffer, style: .underline)
  return focused ? p : nil
}

/// A form's foot: every error from row `y` on (above the last row; when they do not all fit,
/// the last row that fits lists the rest joined), and the key hint on the last row.
func drawFormFoot(
  errors: [String], hint: String, in inner: Rect, from y: Int, buffer: inout Buffer
) {
  var y = y
  let room = max(0, inner.maxY - 1 - y)
  let rows =
    errors.count <= room || room == 0
    ? errors
    : Array(errors.prefix(room - 1)) + [errors.dropFirst(room - 1).joined(separator: " · ")]
  for e in rows where y < inner.maxY - 1 {
    buffer.put(e, x: inner.x, y: y, style: .error, maxWidth: inner.width)
    y += 1
  }
  buffer.put(hint, x: inner.x, y: inner.maxY - 1, style: .dim, maxWidth: inner.width)
}

/// Clamps `index` to a list of `count` rows and scrolls `offset` so that row is among the
/// `visible` ones; returns the row, or nil when the list is empty (nothing changes then).
func scrolledSelection(_ index: Int, count: Int, offset: inout Int, visible: Int) -> Int? {
  guard count > 0 else { return nil }
  let i = min(max(0, index), count - 1)
  var scroll = TableScroll(selected: i, offset: offset)
  scroll.keepVisible(rowCount: count, visibleHeight: visible)
  offset = scroll.offset
  return i
}

// MARK: - Nothing typed is lost (issue 20)
//
// Every form and prompt the collector types into gets this for free: when it opens, `update`
// keeps how it looked (`AppState.formPristine`); `Esc` (the `.cancel` action) on a form whose
// content changed since then does not close it but asks first, with the one confirmation
// keymap (y/j discard, n/Esc back to the form; Enter never confirms). A new `Mode` case is a
// form unless listed in `isForm`; its content is compared whole unless `content` knows better
// (then moving between fields alone is no change).

extension Mode {
  /// Whether the mode is a form or prompt the collector types into.
  var isForm: Bool {
    switch self {
    case .normal, .help, .search, .review, .confirmFollow, .confirmSteps, .reader,
      .confirmDiscard:
      return false
    default: return true
    }
  }

  /// Whether `.cancel` here would throw typed content away (rather than answer a question the
  /// form asked, like the plan's or the write-off's confirmation).
  var cancelDiscards: Bool {
    switch self {
    case .planForm(let f): return !f.confirming
    case .signForm(let f): return !f.confirming
    case .writeOff(let f): return f.field != .confirm
    case .resolveDispute(let f): return !f.confirming
    case .correction(let f): return !f.confirming
    case .decideApproval(let f): return f.field != .confirm
    default: return isForm
    }
  }

  /// What the collector typed or chose, without focus, errors and layout; nil: compare the
  /// whole form.
  var content: AnyHashable? {
    switch self {
    case .callForm(let f): return AnyHashable([AnyHashable(f.text), f.email.text, f.writingEmail])
    case .hold(let f): return [f.until.text, f.invoice.text, f.reason.text]
    case .resolveDispute(let f):
      return [AnyHashable(f.index), f.outcome, f.credit.text, f.text.text]
    case .planForm(let f):
      return [
        AnyHashable(f.selected), f.count.text, f.amount.text, f.frequency, f.signBy.text,
        f.grace.text,
      ]
    case .signForm(let f): return [AnyHashable(f.signed.text), f.channel]
    case .note(let i): return i.text
    // The customer search typed to assign a payment; moving among the matches is no change.
    case .assign(let a): return a.input.text
    case .payment(let f):
      return [AnyHashable(f.field), f.input.text, f.amount, f.day]
    case .writeOff(let f): return [AnyHashable(f.field), f.input.text, f.invoice, f.reason]
    case .decideApproval(let f): return [AnyHashable(f.field), f.input.text, f.reason]
    case .correction(let f):
      return [AnyHashable(f.kindIndex), f.targetIndex, f.refunded, f.reason.text]
    case .customerEdit(let f):
      return [
        AnyHashable(f.name.text), f.kind, f.address.text, f.phone.text, f.email.text,
        f.orgnr.text, f.birthNumber.text, f.consent,
      ]
    default: return nil
    }
  }

  /// Whether this form holds the same content as `other`.
  func sameContent(as other: Mode) -> Bool {
    if let a = content, let b = other.content { return a == b }
    return self == other
  }
}

extension AppState {
  /// Whether the open form's content changed since it opened.
  public var formHasChanges: Bool {
    guard mode.isForm else { return false }
    guard let pristine = formPristine else { return true }
    return !mode.sameContent(as: pristine)
  }

  /// Keeps the form just opened as it looked (called by `update` after every message).
  mutating func noteFormOpening(from before: Mode) {
    if case .confirmDiscard = before { return }
    if !mode.isForm {
      formPristine = nil
    } else if !before.isForm {
      formPristine = mode
    }
  }

  /// `.cancel` on a form with changes: ask first (returns true); else the form handles it.
  mutating func askBeforeDiscarding(_ action: Action) -> Bool {
    guard action == .cancel, mode.cancelDiscards, formHasChanges else { return false }
    mode = .confirmDiscard(mode)
    return true
  }
}

/// The discard question's keys: the one confirmation keymap (y/j discard, n/Esc back).
func discardConfirm(_ state: inout AppState, form: Mode, _ action: Action) -> [Effect] {
  switch action {
  case .confirm:
    // The form's own cancel closes it (some forms do more than leave the mode).
    state.mode = form
    state.formPristine = form
    let effects = perform(&state, .cancel)
    state.status = StatusLine(state.catalogue(LForm.discarded))
    return effects
  case .cancel:
    state.mode = form
  default: break
  }
  return []
}

/// The discard question over the form it would discard.
func renderDiscardQuestion(
  _ state: AppState, keymaps: Keymaps, body: Rect, status: Rect, buffer: inout Buffer
) {
  let t = state.catalogue
  let yes = keymaps.confirm.binding(for: .confirm).map { "\($0.helpLabel) \(t(LForm.discardYes))" }
  let no = keymaps.confirm.binding(for: .cancel).map { "\($0.helpLabel) \(t(LForm.discardNo))" }
  buffer.render(
    ConfirmDialog(
      title: t(LForm.discardTitle), lines: [t(LForm.discardLine)], confirmHint: yes ?? "",
      cancelHint: no ?? ""), in: body)
  buffer.render(
    StatusBar(message: t(LForm.discardTitle), hints: [yes ?? "", no ?? ""]),
    in: status)
}

/// A form that shows its consequence (or the plan) and asks before saving. While `confirming`,
/// keys go through the one confirm keymap: y/j runs `confirmed`, n/Esc goes back to the form
/// with everything typed kept, and any other key does nothing.
protocol ConfirmingForm {
  var confirming: Bool { get set }
  /// What a yes writes.
  mutating func confirmed(_ state: inout AppState) -> [Effect]
}

extension ConfirmingForm {
  /// A bound key while the form asks.
  mutating func answerConfirmation(_ action: Action, _ state: inout AppState) -> [Effect] {
    switch action {
    case .confirm: return confirmed(&state)
    case .cancel: confirming = false
    default: break
    }
    return []
  }
}
