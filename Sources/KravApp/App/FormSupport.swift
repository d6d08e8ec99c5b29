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

/// A form's foot: its first two errors from row `y` on (above the last row), and the key hint
/// on the last row.
func drawFormFoot(
  errors: [String], hint: String, in inner: Rect, from y: Int, buffer: inout Buffer
) {
  var y = y
  for e in errors.prefix(2) where y < inner.maxY - 1 {
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
