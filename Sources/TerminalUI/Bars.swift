/// The title bar on row 0: screen name on the left, context (user, date, store) on the right.
public struct TitleBar: Widget {
  /// Text on the left, e.g. "Krav — Ringeliste".
  public var left: String
  /// Text on the right, e.g. "kari · 2026-11-30".
  public var right: String
  /// Style of the whole bar.
  public var style: Style

  /// Creates a title bar.
  public init(left: String, right: String = "", style: Style = .reverse) {
    self.left = left
    self.right = right
    self.style = style
  }

  /// Draws the bar on the first row of `area`. The left text wins when both do not fit.
  public func render(in area: Rect, buffer: inout Buffer) {
    let row = area.row(0)
    guard !row.isEmpty else { return }
    buffer.fill(row, style: style)
    let used = buffer.put(
      TextWidth.truncate(" " + left, to: row.width), x: row.x, y: row.y,
      style: style.bold(), maxWidth: row.width)
    let room = row.width - used - 1
    let rightText = right + " "
    guard !right.isEmpty, rightText.displayWidth <= room else { return }
    buffer.put(rightText, x: row.maxX - rightText.displayWidth, y: row.y, style: style)
  }
}

/// The status bar on the last row: a message on the left and key hints on the right (or
/// from the left edge when there is no message).
///
/// Hints are given as separate items (`Keymap.statusHintItems()`) so the bar can drop the ones
/// that do not fit next to the message. An error message is shown in red bold, and then the
/// hints give way to it entirely if needed.
public struct StatusBar: Widget {
  /// The message, e.g. "Lagret." or a store error.
  public var message: String
  /// Whether the message is an error (red, bold).
  public var isError: Bool
  /// Hint items such as "Enter open"; packed left to right into the space left over.
  public var hints: [String]
  /// Style of ordinary text.
  public var style: Style
  /// Style of hints.
  public var hintStyle: Style
  /// Style of an error message.
  public var errorStyle: Style

  /// Creates a status bar.
  public init(
    message: String = "", isError: Bool = false, hints: [String] = [],
    style: Style = .plain, hintStyle: Style = .dim, errorStyle: Style = .error
  ) {
    self.message = message
    self.isError = isError
    self.hints = hints
    self.style = style
    self.hintStyle = hintStyle
    self.errorStyle = errorStyle
  }

  /// Draws the bar on the first row of `area`.
  public func render(in area: Rect, buffer: inout Buffer) {
    let row = area.row(0)
    guard !row.isEmpty else { return }
    buffer.fill(row, style: style)
    let text = TextWidth.truncate(message, to: row.width)
    let used = buffer.put(
      text, x: row.x, y: row.y, style: isError ? errorStyle : style, maxWidth: row.width)
    let room = row.width - used - (used > 0 ? 2 : 0)
    let packed = StatusBar.pack(hints, maxWidth: room)
    guard !packed.isEmpty else { return }
    let width = packed.displayWidth
    let x = message.isEmpty ? row.x : row.maxX - width
    buffer.put(packed, x: x, y: row.y, style: hintStyle)
  }

  /// Joins hint items with two spaces, leaving out items that do not fit in `maxWidth`.
  ///
  /// Later, shorter items can still fit after a long one is skipped, so keep the most
  /// important hints (help, quit) short and last.
  public static func pack(_ items: [String], maxWidth: Int) -> String {
    var result = ""
    var used = 0
    for item in items where !item.isEmpty {
      let width = item.displayWidth + (used == 0 ? 0 : 2)
      guard used + width <= maxWidth else { continue }
      result += (used == 0 ? "" : "  ") + item
      used += width
    }
    return result
  }
}
