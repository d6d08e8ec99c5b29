/// A table: columns with a title, a width and an alignment; body rows; footer rows (a sum)
/// set in bold below a rule.
public struct PDFTable: Sendable {
  public struct Column: Sendable {
    public var title: String
    /// Millimetres.
    public var width: Double
    public var align: PDFAlign
    public init(_ title: String, width: Double, align: PDFAlign = .left) {
      self.title = title
      self.width = width
      self.align = align
    }
  }
  public var columns: [Column]
  public var rows: [[String]]
  public var footer: [[String]]
  public var font: PDFFont
  /// Space above and below each row's text, millimetres.
  public var padding: Double

  public init(
    columns: [Column], rows: [[String]], footer: [[String]] = [], font: PDFFont = .sans(9),
    padding: Double = 0.8
  ) {
    self.columns = columns
    self.rows = rows
    self.footer = footer
    self.font = font
    self.padding = padding
  }

  public var width: Double { columns.reduce(0) { $0 + $1.width } }
}

/// Text flowing down pages: a cursor `y` inside margins that moves to a new page when the
/// next block does not fit, calling `onNewPage` to draw what every continuation page carries.
public final class PDFFlow {
  public let document: PDFDocument
  public var left: Double
  public var width: Double
  /// Where text starts on a continuation page.
  public var top: Double
  /// The lowest y text may reach.
  public var bottom: Double
  public var y: Double
  /// Called after each page break the flow makes (the cursor is at `top`; it may move it).
  public var onNewPage: ((PDFFlow) -> Void)?

  public init(
    document: PDFDocument, left: Double, width: Double, top: Double, bottom: Double,
    y: Double? = nil
  ) {
    self.document = document
    self.left = left
    self.width = width
    self.top = top
    self.bottom = bottom
    self.y = y ?? top
  }

  /// Breaks the page unless `height` millimetres fit below the cursor.
  public func ensure(_ height: Double) {
    if y + height > bottom && y > top { breakPage() }
  }

  public func breakPage() {
    document.newPage()
    y = top
    onNewPage?(self)
  }

  public func space(_ mm: Double) {
    y += mm
  }

  /// A paragraph wrapped to the flow's width, `indent` millimetres in from the left margin.
  /// A paragraph up to a third of a page is kept on one page; a longer one breaks between its
  /// lines (each `\n` starts one).
  public func paragraph(
    _ text: String, font: PDFFont = .sans(10), indent: Double = 0, after: Double = 0
  ) {
    let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    let heights = lines.map {
      document.measure($0.isEmpty ? " " : $0, width: width - indent, font: font).height
    }
    let total = heights.reduce(0, +)
    if total <= (bottom - top) / 3 { ensure(total) }
    for (s, h) in zip(lines, heights) {
      ensure(h)
      if !s.isEmpty { document.text(s, x: left + indent, y: y, width: width - indent, font: font) }
      y += h
    }
    y += after
  }

  /// A table at the left margin; rows that do not fit go to the next page under a repeated
  /// header.
  public func table(_ t: PDFTable) {
    let bold = PDFFont(family: t.font.family, size: t.font.size, bold: true)
    func rowHeight(_ cells: [String], _ font: PDFFont) -> Double {
      var h = 0.0
      for (i, c) in t.columns.enumerated() where i < cells.count {
        h = max(h, document.measure(cells[i], width: c.width - 2, font: font).height)
      }
      return h + 2 * t.padding
    }
    func draw(_ cells: [String], _ font: PDFFont) {
      var x = left
      for (i, c) in t.columns.enumerated() {
        if i < cells.count, !cells[i].isEmpty {
          document.text(
            cells[i], x: x + 1, y: y + t.padding, width: c.width - 2, font: font, align: c.align)
        }
        x += c.width
      }
    }
    let titles = t.columns.map(\.title)
    let headerHeight = rowHeight(titles, bold)
    func header() {
      document.rectangle(x: left, y: y, width: t.width, height: headerHeight, fill: .gray(0.9))
      draw(titles, bold)
      y += headerHeight
      document.line(x1: left, y1: y, x2: left + t.width, y2: y, width: 0.3)
    }
    let first = t.rows.first.map { rowHeight($0, t.font) } ?? 0
    ensure(headerHeight + first)
    header()
    for row in t.rows {
      let h = rowHeight(row, t.font)
      if y + h > bottom {
        breakPage()
        header()
      }
      draw(row, t.font)
      y += h
    }
    if !t.footer.isEmpty {
      let total = t.footer.reduce(0) { $0 + rowHeight($1, bold) }
      ensure(total)
      document.line(x1: left, y1: y, x2: left + t.width, y2: y, width: 0.3)
      for row in t.footer {
        draw(row, bold)
        y += rowHeight(row, bold)
      }
    }
  }
}
