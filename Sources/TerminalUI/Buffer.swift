/// A grid of cells that widgets render into; one frame of the screen.
///
/// Rendering is immediate mode: each frame the app renders its whole state into a fresh
/// `Buffer`, and the backend writes only what differs from the previous frame (see
/// `diff(from:)`). Writes outside the buffer are clipped silently, so widgets never need to
/// guard against tiny terminals.
public struct Buffer: Hashable, Sendable {
  /// The buffer's size in cells.
  public private(set) var size: Size
  /// Cells row by row; `cells[y * width + x]`.
  public private(set) var cells: [Cell]

  /// Creates a buffer of blank cells.
  public init(size: Size) {
    self.size = size
    self.cells = Array(repeating: .blank, count: size.width * size.height)
  }

  /// Creates a buffer of blank cells of the given dimensions.
  public init(width: Int, height: Int) {
    self.init(size: Size(width: width, height: height))
  }

  /// Columns.
  public var width: Int { size.width }
  /// Rows.
  public var height: Int { size.height }
  /// The whole buffer as a rectangle at the origin.
  public var area: Rect { Rect(size: size) }

  /// The cell at (x, y); a blank cell outside the buffer.
  public subscript(x: Int, y: Int) -> Cell {
    guard contains(x: x, y: y) else { return .blank }
    return cells[y * size.width + x]
  }

  /// True when (x, y) is inside the buffer.
  public func contains(x: Int, y: Int) -> Bool {
    x >= 0 && y >= 0 && x < size.width && y < size.height
  }

  /// Writes `text` starting at (x, y) on one row and returns the columns used.
  ///
  /// Stops at the buffer's right edge or after `maxWidth` columns, whichever comes first.
  /// A wide character that would not fit entirely is replaced by a space, so a character is
  /// never cut in half. Zero-width characters (controls, stray joiners) are skipped; newlines
  /// are not interpreted (use `Paragraph` for multi-line text).
  @discardableResult
  public mutating func put(
    _ text: String, x: Int, y: Int, style: Style = .plain, maxWidth: Int? = nil
  ) -> Int {
    guard y >= 0, y < size.height, x >= 0, x < size.width else { return 0 }
    let limit = min(maxWidth ?? Int.max, size.width - x)
    guard limit > 0 else { return 0 }
    var used = 0
    for character in text {
      let w = TextWidth.width(of: character)
      if w == 0 { continue }
      if used + w > limit {
        if used < limit {
          setCell(Cell(" ", style: style), x: x + used, y: y)
          used += 1
        }
        break
      }
      setCell(Cell(String(character), style: style), x: x + used, y: y)
      if w == 2 {
        setCell(Cell("", style: style, isContinuation: true), x: x + used + 1, y: y)
      }
      used += w
    }
    return used
  }

  /// Writes one cell, repairing any wide character it overlaps so no half-character remains.
  public mutating func setCell(_ cell: Cell, x: Int, y: Int) {
    guard contains(x: x, y: y) else { return }
    let index = y * size.width + x
    let old = cells[index]
    if old.isContinuation && x > 0 && !cell.isContinuation {
      cells[index - 1] = Cell(" ", style: cells[index - 1].style)
    }
    if old.width == 2 && x + 1 < size.width && cells[index + 1].isContinuation {
      cells[index + 1] = Cell(" ", style: cells[index + 1].style)
    }
    cells[index] = cell
  }

  /// Fills `rect` with spaces in `style` (clears it, e.g. behind a dialog).
  public mutating func fill(_ rect: Rect, style: Style = .plain) {
    fill(rect, with: " ", style: style)
  }

  /// Fills `rect` with one repeated single-width character in `style`.
  public mutating func fill(_ rect: Rect, with grapheme: String, style: Style = .plain) {
    let clipped = rect.intersection(area)
    guard !clipped.isEmpty else { return }
    for y in clipped.y..<clipped.maxY {
      for x in clipped.x..<clipped.maxX {
        setCell(Cell(grapheme, style: style), x: x, y: y)
      }
    }
  }

  /// Replaces the style of every cell in `rect`, keeping the text (e.g. highlight a row).
  public mutating func setStyle(_ rect: Rect, style: Style) {
    updateStyle(rect) { _ in style }
  }

  /// Transforms the style of every cell in `rect`, keeping the text and other attributes.
  public mutating func updateStyle(_ rect: Rect, _ transform: (Style) -> Style) {
    let clipped = rect.intersection(area)
    guard !clipped.isEmpty else { return }
    for y in clipped.y..<clipped.maxY {
      for x in clipped.x..<clipped.maxX {
        cells[y * size.width + x].style = transform(cells[y * size.width + x].style)
      }
    }
  }

  /// Copies `other` into this buffer with its top-left corner at (x, y), clipped.
  ///
  /// A wide character cut in half by the clipping edge becomes a space.
  public mutating func blit(_ other: Buffer, x: Int, y: Int) {
    for row in 0..<other.height {
      for column in 0..<other.width {
        var cell = other[column, row]
        let isLeftClipped = column == 0 || !contains(x: x + column - 1, y: y + row)
        let isRightClipped = !contains(x: x + column + 1, y: y + row)
        if cell.isContinuation && isLeftClipped || cell.width == 2 && isRightClipped {
          cell = Cell(" ", style: cell.style)
        }
        setCell(cell, x: x + column, y: y + row)
      }
    }
  }

  /// The plain text of each row with trailing spaces trimmed; the basis of widget tests.
  public func lines() -> [String] {
    (0..<size.height).map { line($0) }
  }

  /// The plain text of one row with trailing spaces trimmed.
  public func line(_ y: Int) -> String {
    guard y >= 0, y < size.height else { return "" }
    var text = ""
    for x in 0..<size.width {
      let cell = cells[y * size.width + x]
      if !cell.isContinuation { text += cell.grapheme }
    }
    while text.last == " " { text.removeLast() }
    return text
  }
}

/// Something that draws itself into an area of a `Buffer`.
///
/// Widgets are values built fresh every frame from app state; they hold no terminal state.
public protocol Widget {
  /// Draws the widget inside `area` (which may be empty or partly off the buffer).
  func render(in area: Rect, buffer: inout Buffer)
}

extension Buffer {
  /// Renders a widget into `area`; a convenience that reads left to right at call sites.
  public mutating func render(_ widget: some Widget, in area: Rect) {
    widget.render(in: area, buffer: &self)
  }
}
