/// A column of a `Table`: title, width rule and alignment.
public struct TableColumn: Hashable, Sendable {
  /// Header text.
  public var title: String
  /// Width rule: `.fixed(n)`, `.flex(min:)` or `.percent(p)`.
  public var width: Constraint
  /// Alignment of header and cells (right for amounts and dates).
  public var alignment: Alignment

  /// Creates a column.
  public init(_ title: String, width: Constraint = .flex(min: 1), alignment: Alignment = .left) {
    self.title = title
    self.width = width
    self.alignment = alignment
  }
}

/// A table with a header row, a highlighted selected row and vertical scrolling.
///
/// Cell text is truncated with "…" by display width. The table does not own its scroll state:
/// pass the app's `TableScroll`, and read back the rows actually shown from `draw`, so the app
/// can store the offset that keeps the selection on screen.
///
/// ```swift
/// let table = Table(
///   columns: [TableColumn("Kunde"), TableColumn("Beløp", width: .fixed(12), alignment: .right)],
///   rows: [["Ærlige Øst AS", "1 234,50 kr"]],
///   scroll: state.scroll)
/// let shown = table.draw(in: body, buffer: &buffer)
/// ```
public struct Table: Widget {
  /// Columns, left to right.
  public var columns: [TableColumn]
  /// Rows of cell strings; missing cells are blank, extra ones ignored.
  public var rows: [[String]]
  /// Selection and scroll offset.
  public var scroll: TableScroll
  /// Optional per-row styles (e.g. red for disputed); `nil` entries mean `rowStyle`.
  public var rowStyles: [Style?]
  /// Optional per-cell styles laid over the row's (e.g. the state cell in red); indexed as
  /// `rows`, `nil` or missing entries leave the row's style.
  public var cellStyles: [[Style?]]
  /// Style of the header row.
  public var headerStyle: Style
  /// Style of ordinary rows.
  public var rowStyle: Style
  /// Style applied to the selected row (replaces the row's style).
  public var selectedStyle: Style
  /// Columns between adjacent columns.
  public var columnSpacing: Int
  /// Whether to draw the header row.
  public var showsHeader: Bool
  /// Text shown (dim) when there are no rows, e.g. "Ingen saker".
  public var emptyText: String

  /// Creates a table.
  public init(
    columns: [TableColumn], rows: [[String]], scroll: TableScroll = TableScroll(),
    rowStyles: [Style?] = [], headerStyle: Style = Style(bold: true, underline: true),
    rowStyle: Style = .plain, selectedStyle: Style = .reverse, columnSpacing: Int = 1,
    showsHeader: Bool = true, emptyText: String = "", cellStyles: [[Style?]] = []
  ) {
    self.cellStyles = cellStyles
    self.columns = columns
    self.rows = rows
    self.scroll = scroll
    self.rowStyles = rowStyles
    self.headerStyle = headerStyle
    self.rowStyle = rowStyle
    self.selectedStyle = selectedStyle
    self.columnSpacing = columnSpacing
    self.showsHeader = showsHeader
    self.emptyText = emptyText
  }

  /// Rows of data that fit in an area of `height` rows (the header takes one).
  public func visibleHeight(for height: Int) -> Int {
    max(0, height - (showsHeader ? 1 : 0))
  }

  /// Draws the table into `area`.
  public func render(in area: Rect, buffer: inout Buffer) {
    _ = draw(in: area, buffer: &buffer)
  }

  /// Draws the table and returns the indices of the rows shown.
  ///
  /// The offset used is `scroll.offset` adjusted to keep the selection visible; store
  /// `shown.lowerBound` back as the offset to make scrolling stick.
  @discardableResult
  public func draw(in area: Rect, buffer: inout Buffer) -> Range<Int> {
    guard !area.isEmpty, !columns.isEmpty else { return 0..<0 }
    let widths = Constraint.resolve(
      columns.map(\.width), total: area.width, spacing: columnSpacing)
    var body = area
    if showsHeader {
      let (header, rest) = area.splitTop(1)
      buffer.fill(header, style: headerStyle)
      drawCells(columns.map(\.title), widths: widths, row: header, style: headerStyle, &buffer)
      body = rest
    }
    guard !rows.isEmpty else {
      buffer.put(emptyText, x: body.x, y: body.y, style: .dim, maxWidth: body.width)
      return 0..<0
    }
    let shown = scroll.visibleRange(rowCount: rows.count, visibleHeight: body.height)
    for (line, index) in shown.enumerated() {
      let rect = body.row(line)
      var style = index < rowStyles.count ? rowStyles[index] ?? rowStyle : rowStyle
      if index == scroll.selected { style = selectedStyle }
      buffer.fill(rect, style: style)
      drawCells(
        rows[index], widths: widths, row: rect, style: style,
        cellStyles: index < cellStyles.count ? cellStyles[index] : [], &buffer)
    }
    return shown
  }

  private func drawCells(
    _ texts: [String], widths: [Int], row: Rect, style: Style, cellStyles: [Style?] = [],
    _ buffer: inout Buffer
  ) {
    var x = row.x
    for (i, width) in widths.enumerated() {
      let text = i < texts.count ? texts[i] : ""
      let padded = TextWidth.pad(text, to: width, align: columns[i].alignment)
      let cell = (i < cellStyles.count ? cellStyles[i] : nil).map { $0.laid(over: style) } ?? style
      buffer.put(padded, x: x, y: row.y, style: cell, maxWidth: width)
      x += width + columnSpacing
    }
  }
}
