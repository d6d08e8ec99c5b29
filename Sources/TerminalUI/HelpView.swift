/// The help screen: the keymap's sections in a bordered box, in columns when they fit,
/// otherwise as one scrollable list.
///
/// Content comes from `Keymap.helpSections()`, so the help always matches the bindings.
public struct HelpView: Widget {
  /// Box title, e.g. "Hjelp".
  public var title: String
  /// Sections to show.
  public var sections: [HelpSection]
  /// Lines skipped at the top when the list does not fit (single-column mode).
  public var scrollOffset: Int
  /// Style of section titles.
  public var sectionStyle: Style
  /// Style of key labels.
  public var keyStyle: Style
  /// Use the ASCII border.
  public var ascii: Bool

  /// Creates a help view.
  public init(
    title: String, sections: [HelpSection], scrollOffset: Int = 0,
    sectionStyle: Style = Style(bold: true, underline: true), keyStyle: Style = .bold,
    ascii: Bool = false
  ) {
    self.title = title
    self.sections = sections
    self.scrollOffset = scrollOffset
    self.sectionStyle = sectionStyle
    self.keyStyle = keyStyle
    self.ascii = ascii
  }

  private enum Line {
    case section(String)
    case entry(HelpEntry)
    case blank
  }

  private var flatLines: [Line] {
    var lines: [Line] = []
    for section in sections {
      if !lines.isEmpty { lines.append(.blank) }
      if !section.title.isEmpty { lines.append(.section(section.title)) }
      lines.append(contentsOf: section.entries.map(Line.entry))
    }
    return lines
  }

  /// Number of lines in single-column mode (to clamp `scrollOffset`).
  public var lineCount: Int { flatLines.count }

  /// Draws the help box filling `area`.
  public func render(in area: Rect, buffer: inout Buffer) {
    guard !area.isEmpty else { return }
    buffer.fill(area)
    let box = Box(title: title, ascii: ascii)
    box.render(in: area, buffer: &buffer)
    let inner = box.inner(of: area).inset(left: 1, right: 1)
    guard !inner.isEmpty else { return }
    let lines = flatLines
    let entries = sections.flatMap(\.entries)
    let keyWidth = min((entries.map { $0.keys.displayWidth }.max() ?? 0), inner.width / 2)
    let helpWidth = entries.map { $0.help.displayWidth }.max() ?? 0
    let titleWidth = sections.map { $0.title.displayWidth }.max() ?? 0
    let columnWidth = max(keyWidth + 2 + helpWidth, titleWidth)
    let gap = 4
    let columnCount = max(1, (inner.width + gap) / max(1, columnWidth + gap))
    if columnCount > 1, let columns = packColumns(height: inner.height),
      columns.count <= columnCount
    {
      let width = (inner.width - gap * (columnCount - 1)) / columnCount
      for (index, column) in columns.enumerated() {
        let x = inner.x + index * (width + gap)
        let rect = Rect(x: x, y: inner.y, width: width, height: inner.height)
        draw(column, in: rect, keyWidth: keyWidth, &buffer)
      }
    } else {
      let offset = min(max(0, scrollOffset), max(0, lines.count - inner.height))
      draw(Array(lines.dropFirst(offset)), in: inner, keyWidth: keyWidth, &buffer)
    }
  }

  /// Puts whole sections into columns of at most `height` lines, a blank line between
  /// sections in the same column; `nil` if a section is taller than a column.
  private func packColumns(height: Int) -> [[Line]]? {
    var columns: [[Line]] = []
    var current: [Line] = []
    for section in sections {
      var lines: [Line] = section.title.isEmpty ? [] : [.section(section.title)]
      lines.append(contentsOf: section.entries.map(Line.entry))
      if lines.count > height { return nil }
      if !current.isEmpty && current.count + 1 + lines.count > height {
        columns.append(current)
        current = []
      }
      if !current.isEmpty { current.append(.blank) }
      current.append(contentsOf: lines)
    }
    if !current.isEmpty { columns.append(current) }
    return columns
  }

  private func draw(_ lines: [Line], in rect: Rect, keyWidth: Int, _ buffer: inout Buffer) {
    for (row, line) in lines.prefix(rect.height).enumerated() {
      let y = rect.y + row
      switch line {
      case .blank:
        continue
      case .section(let title):
        buffer.put(title, x: rect.x, y: y, style: sectionStyle, maxWidth: rect.width)
      case .entry(let entry):
        let keys = TextWidth.pad(entry.keys, to: keyWidth)
        let used = buffer.put(keys, x: rect.x, y: y, style: keyStyle, maxWidth: rect.width)
        let room = rect.width - used - 2
        guard room > 0 else { continue }
        buffer.put(TextWidth.truncate(entry.help, to: room), x: rect.x + used + 2, y: y)
      }
    }
  }
}
