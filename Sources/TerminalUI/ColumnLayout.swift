/// A column of a list whose width is decided by priority, for `ColumnLayout`.
///
/// `priority` 0 is the most important column (a name, a step): it gets its room first and is
/// never hidden. Higher numbers give up room first and, when even their minimum does not fit,
/// are hidden, the highest number first (the right-most among equals).
public struct LayoutColumn: Hashable, Sendable {
  /// Header text.
  public var title: String
  /// Narrowest useful width (a cut name is still a name at 10 columns).
  public var min: Int
  /// Widest the column ever needs; `nil` means the widest cell or title shown.
  public var max: Int?
  /// 0 = most important; higher gives up room and is hidden first.
  public var priority: Int
  /// Alignment of header and cells.
  public var alignment: Alignment
  /// Whether the column takes the room left when every column has what it needs.
  public var grows: Bool

  /// Creates a column.
  public init(
    _ title: String, min: Int, max: Int? = nil, priority: Int, alignment: Alignment = .left,
    grows: Bool = false
  ) {
    self.title = title
    self.min = min
    self.max = max
    self.priority = priority
    self.alignment = alignment
    self.grows = grows
  }
}

/// Shares a row's width among columns by priority: the one layout rule of every list screen.
///
/// 1. Each column wants its natural width: its widest cell or title among the rows given
///    (the rows on screen), never less than `min` nor more than `max`.
/// 2. Priority-0 columns need their natural width, the others their minimum; when the needs
///    do not fit, the least important columns are hidden (then priority 0 shrinks).
/// 3. The visible columns start at their need; then, most important first, each grows to
///    its natural width while room lasts.
/// 4. What is left goes to the `grows` columns (or stays as padding after the last one).
///
/// ```swift
/// let (columns, cells) = ColumnLayout.table(
///   [LayoutColumn("Navn", min: 12, priority: 0, grows: true),
///    LayoutColumn("Beløp", min: 12, priority: 1, alignment: .right)],
///   rows: [["Ærlig Økonomi AS", "50 328,77 kr"]], width: 80)
/// ```
public enum ColumnLayout {
  /// Widths of `columns` for `rows` in `total` cells; 0 means the column is hidden.
  public static func widths(
    _ columns: [LayoutColumn], rows: [[String]], total: Int, spacing: Int = 1
  ) -> [Int] {
    guard !columns.isEmpty else { return [] }
    var natural = columns.map { c in Swift.max(c.min, TextWidth.width(of: c.title)) }
    for row in rows {
      for (i, text) in row.prefix(columns.count).enumerated() {
        natural[i] = Swift.max(natural[i], TextWidth.width(of: text))
      }
    }
    for (i, c) in columns.enumerated() {
      if let m = c.max { natural[i] = Swift.min(natural[i], Swift.max(m, c.min)) }
    }
    // Priority-0 columns need their natural width; the others their minimum.
    let need = columns.indices.map { columns[$0].priority == 0 ? natural[$0] : columns[$0].min }
    var visible = Array(repeating: true, count: columns.count)
    func used(_ widths: [Int]) -> Int {
      let shown = columns.indices.filter { visible[$0] }
      return shown.reduce(0) { $0 + widths[$1] } + spacing * Swift.max(0, shown.count - 1)
    }
    // Hide the least important columns until the needs fit (priority 0 always stays).
    while used(need) > total {
      let candidates = columns.indices.filter { visible[$0] && columns[$0].priority > 0 }
      guard
        let drop = candidates.max(by: { a, b in
          columns[a].priority != columns[b].priority
            ? columns[a].priority < columns[b].priority : a < b
        })
      else { break }
      visible[drop] = false
    }
    var widths = columns.indices.map { visible[$0] ? need[$0] : 0 }
    var remaining = total - used(widths)
    if remaining < 0 {
      // Only priority-0 columns left and still too wide: shrink them toward their minimum,
      // then below it, from the right.
      for floor in [true, false] {
        for i in columns.indices.reversed() where visible[i] && remaining < 0 {
          let cut = Swift.min(widths[i] - (floor ? columns[i].min : 1), -remaining)
          if cut > 0 {
            widths[i] -= cut
            remaining += cut
          }
        }
      }
      return widths
    }
    let order = columns.indices.filter { visible[$0] }.sorted { a, b in
      columns[a].priority != columns[b].priority ? columns[a].priority < columns[b].priority : a < b
    }
    for i in order where remaining > 0 {
      let more = Swift.min(remaining, natural[i] - widths[i])
      if more > 0 {
        widths[i] += more
        remaining -= more
      }
    }
    let growing = order.filter { columns[$0].grows }
    if remaining > 0, !growing.isEmpty {
      let share = remaining / growing.count
      var extra = remaining % growing.count
      for i in growing.sorted() {
        widths[i] += share + (extra > 0 ? 1 : 0)
        extra -= 1
      }
    }
    return widths
  }

  /// The table's columns with fixed widths and the rows' cells, hidden columns removed.
  ///
  /// `kept` lists the indices of the columns shown, to pick matching per-cell styles.
  /// `measure` (default: all rows) is the range of rows measured, e.g. those on screen.
  public static func table(
    _ columns: [LayoutColumn], rows: [[String]], width: Int, spacing: Int = 1,
    measure: Range<Int>? = nil
  ) -> (columns: [TableColumn], rows: [[String]], kept: [Int]) {
    let measured = measure.map { Array(rows[$0.clamped(to: rows.indices)]) } ?? rows
    let w = widths(columns, rows: measured, total: width, spacing: spacing)
    let kept = columns.indices.filter { w[$0] > 0 }
    let tableColumns = kept.map { i in
      TableColumn(columns[i].title, width: .fixed(w[i]), alignment: columns[i].alignment)
    }
    let cells = rows.map { row in kept.map { $0 < row.count ? row[$0] : "" } }
    return (tableColumns, cells, kept)
  }
}
