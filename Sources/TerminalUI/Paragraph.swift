/// Word-wrapped text, optionally scrolled; for notes, letters and explanations.
public struct Paragraph: Widget {
  /// The text; newlines start new lines, empty lines are kept.
  public var text: String
  /// Text style.
  public var style: Style
  /// Wrapped lines to skip at the top.
  public var scrollOffset: Int
  /// Alignment of each wrapped line.
  public var alignment: Alignment

  /// Creates a paragraph.
  public init(
    _ text: String, style: Style = .plain, scrollOffset: Int = 0, alignment: Alignment = .left
  ) {
    self.text = text
    self.style = style
    self.scrollOffset = scrollOffset
    self.alignment = alignment
  }

  /// Number of lines the text wraps to at `width` (to clamp scrolling).
  public func lineCount(width: Int) -> Int {
    TextWidth.wrap(text, to: width).count
  }

  /// Draws the wrapped text into `area`, clipped at the bottom.
  public func render(in area: Rect, buffer: inout Buffer) {
    guard !area.isEmpty else { return }
    let lines = TextWidth.wrap(text, to: area.width).dropFirst(max(0, scrollOffset))
    for (row, line) in lines.prefix(area.height).enumerated() {
      let text = alignment == .left ? line : TextWidth.pad(line, to: area.width, align: alignment)
      buffer.put(text, x: area.x, y: area.y + row, style: style, maxWidth: area.width)
    }
  }
}
