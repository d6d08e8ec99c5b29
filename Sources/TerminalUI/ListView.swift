/// One key/value line of a `ListView`, e.g. ("Kunde", "Ærlige Øst AS").
public struct ListItem: Hashable, Sendable {
  /// Label on the left.
  public var key: String
  /// Value on the right.
  public var value: String
  /// Optional style for the value (e.g. red for an overdue amount).
  public var valueStyle: Style?

  /// Creates an item.
  public init(_ key: String, _ value: String, valueStyle: Style? = nil) {
    self.key = key
    self.value = value
    self.valueStyle = valueStyle
  }
}

/// Aligned key/value lines ("Kunde:  Ærlige Øst AS"), with optional selection and scrolling.
public struct ListView: Widget {
  /// The lines.
  public var items: [ListItem]
  /// Width of the key column; `nil` fits the widest key (at most half the area).
  public var keyWidth: Int?
  /// Selection and scroll state; selection `nil` shows no highlight.
  public var scroll: TableScroll
  /// Style of keys.
  public var keyStyle: Style
  /// Default style of values.
  public var valueStyle: Style
  /// Style of the selected line.
  public var selectedStyle: Style

  /// Creates a list.
  public init(
    items: [ListItem], keyWidth: Int? = nil, scroll: TableScroll = TableScroll(selected: nil),
    keyStyle: Style = .bold, valueStyle: Style = .plain, selectedStyle: Style = .reverse
  ) {
    self.items = items
    self.keyWidth = keyWidth
    self.scroll = scroll
    self.keyStyle = keyStyle
    self.valueStyle = valueStyle
    self.selectedStyle = selectedStyle
  }

  /// Draws the visible lines into `area`.
  public func render(in area: Rect, buffer: inout Buffer) {
    guard !area.isEmpty else { return }
    let widest = items.map { $0.key.displayWidth }.max() ?? 0
    let keyColumn = min(keyWidth ?? widest, area.width / 2)
    let shown = scroll.visibleRange(rowCount: items.count, visibleHeight: area.height)
    for (line, index) in shown.enumerated() {
      let item = items[index]
      let row = area.row(line)
      let isSelected = index == scroll.selected
      if isSelected { buffer.fill(row, style: selectedStyle) }
      let key = TextWidth.pad(item.key, to: keyColumn)
      let used = buffer.put(
        key, x: row.x, y: row.y, style: isSelected ? selectedStyle : keyStyle,
        maxWidth: row.width)
      let gap = keyColumn > 0 ? 2 : 0
      let width = row.width - used - gap
      guard width > 0 else { continue }
      buffer.put(
        TextWidth.truncate(item.value, to: width), x: row.x + used + gap, y: row.y,
        style: isSelected ? selectedStyle : item.valueStyle ?? valueStyle, maxWidth: width)
    }
  }
}
