/// A centred, bordered box with a title, some lines of text and a hint for its buttons.
///
/// Dialogs are drawn last, over the screen; the area behind them is cleared. The text is
/// wrapped to the dialog's width.
public struct Dialog: Widget {
  /// Title in the top border.
  public var title: String
  /// Body lines; each is wrapped separately (an empty string gives a blank line).
  public var lines: [String]
  /// Button hint on the last inner row, e.g. "y Ja   n Nei".
  public var buttons: String
  /// Preferred outer width; the dialog shrinks on small terminals.
  public var width: Int
  /// Border and text style.
  public var style: Style
  /// Style of the button hint.
  public var buttonStyle: Style
  /// Use the ASCII border.
  public var ascii: Bool

  /// Creates a dialog.
  public init(
    title: String, lines: [String], buttons: String = "", width: Int = 60,
    style: Style = .plain, buttonStyle: Style = .bold, ascii: Bool = false
  ) {
    self.title = title
    self.lines = lines
    self.buttons = buttons
    self.width = width
    self.style = style
    self.buttonStyle = buttonStyle
    self.ascii = ascii
  }

  /// The rectangle the dialog occupies when centred in `area`.
  public func frame(in area: Rect) -> Rect {
    let outerWidth = min(width, area.width)
    let body = wrappedLines(width: outerWidth - 4)
    let height = body.count + 2 + (buttons.isEmpty ? 0 : 2)
    return area.centered(width: outerWidth, height: height)
  }

  private func wrappedLines(width: Int) -> [String] {
    guard width > 0 else { return [] }
    return lines.flatMap { $0.isEmpty ? [""] : TextWidth.wrap($0, to: width) }
  }

  /// Draws the dialog centred in `area` (normally the whole screen).
  public func render(in area: Rect, buffer: inout Buffer) {
    let rect = frame(in: area)
    guard !rect.isEmpty else { return }
    buffer.fill(rect, style: style)
    let box = Box(title: title, style: style, titleStyle: style.bold(), ascii: ascii)
    box.render(in: rect, buffer: &buffer)
    let inner = box.inner(of: rect).inset(left: 1, right: 1)
    guard !inner.isEmpty else { return }
    let body = wrappedLines(width: inner.width)
    let bodyHeight = buttons.isEmpty ? inner.height : max(0, inner.height - 2)
    for (row, line) in body.prefix(bodyHeight).enumerated() {
      buffer.put(line, x: inner.x, y: inner.y + row, style: style, maxWidth: inner.width)
    }
    guard !buttons.isEmpty, inner.height >= 1 else { return }
    let hint = TextWidth.pad(buttons, to: inner.width, align: .center)
    buffer.put(hint, x: inner.x, y: inner.maxY - 1, style: buttonStyle, maxWidth: inner.width)
  }
}

/// A yes/no confirmation for legally significant actions.
///
/// The app supplies every string (localized) and should name the customer, the claim and the
/// step in `lines`, so the collector sees exactly what will be done.
public struct ConfirmDialog: Widget {
  /// Title, e.g. "Send inkassovarsel?".
  public var title: String
  /// What will happen, one fact per line.
  public var lines: [String]
  /// The confirm key and label, e.g. "y Ja".
  public var confirmHint: String
  /// The cancel key and label, e.g. "n/Esc Nei".
  public var cancelHint: String
  /// Use the ASCII border.
  public var ascii: Bool

  /// Creates a confirmation dialog.
  public init(
    title: String, lines: [String], confirmHint: String, cancelHint: String, ascii: Bool = false
  ) {
    self.title = title
    self.lines = lines
    self.confirmHint = confirmHint
    self.cancelHint = cancelHint
    self.ascii = ascii
  }

  /// The underlying dialog.
  public var dialog: Dialog {
    Dialog(title: title, lines: lines, buttons: confirmHint + "    " + cancelHint, ascii: ascii)
  }

  /// Draws the dialog centred in `area`.
  public func render(in area: Rect, buffer: inout Buffer) {
    dialog.render(in: area, buffer: &buffer)
  }
}
