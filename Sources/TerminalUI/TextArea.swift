/// A multi-line text editor as a value, for notes: word-wrapped to the field width, with a
/// cursor, vertical scrolling and the same editing keys as `TextInput`.
///
/// Enter inserts a line break (the form decides which key saves, e.g. Ctrl-S or F2). Up and
/// Down move by displayed (wrapped) rows and remember the column they started from, so the
/// editor needs the field width: pass the width it was last drawn at.
public struct TextArea: Hashable, Sendable {
  /// The text as characters; line breaks are "\n".
  public private(set) var characters: [Character]
  /// Cursor index into `characters` (0…count).
  public private(set) var cursor: Int
  /// First displayed row (vertical scroll); adjusted while drawing.
  public var scrollRow: Int
  /// Column Up/Down try to keep, set by horizontal moves and edits.
  private var goalColumn: Int?

  /// Creates an editor holding `text` with the cursor at the end.
  public init(_ text: String = "") {
    characters = Array(text.replacingCRLF())
    cursor = characters.count
    scrollRow = 0
  }

  /// Puts the cursor before the first character and scrolls to the top (a prefilled text the
  /// user reads and edits from its beginning).
  public mutating func moveToStart() {
    cursor = 0
    scrollRow = 0
    goalColumn = nil
  }

  /// The current text.
  public var text: String {
    get { String(characters) }
    set {
      characters = Array(newValue.replacingCRLF())
      cursor = characters.count
      scrollRow = 0
      goalColumn = nil
    }
  }

  /// One displayed row: characters `start..<end` of the text.
  public struct Row: Hashable, Sendable {
    /// Index of the first character.
    public var start: Int
    /// Index after the last character shown (a break space or "\n" is not included).
    public var end: Int
  }

  /// Wraps the text into displayed rows for a field `width` columns wide.
  ///
  /// Breaks after the last space that fits (the space stays on the upper row but is not
  /// drawn), or hard-breaks a word longer than the row. Every "\n" ends a row.
  public func rows(width: Int) -> [Row] {
    let width = max(1, width)
    var rows: [Row] = []
    var start = 0
    while true {
      var index = start
      var used = 0
      var lastSpace: Int?
      while index < characters.count && characters[index] != "\n" {
        let w = TextWidth.width(of: characters[index])
        if used + w > width && index > start {
          break
        }
        if characters[index] == " " { lastSpace = index }
        used += w
        index += 1
      }
      if index >= characters.count || characters[index] == "\n" {
        rows.append(Row(start: start, end: index))
        if index >= characters.count { return rows }
        start = index + 1
      } else if let space = lastSpace, space >= start {
        rows.append(Row(start: start, end: space))
        start = space + 1
      } else {
        rows.append(Row(start: start, end: index))
        start = index
      }
    }
  }

  /// The displayed row and column of the cursor at `width`.
  public func cursorPosition(width: Int) -> Point {
    let rows = rows(width: width)
    let rowIndex = row(containing: cursor, in: rows)
    let row = rows[rowIndex]
    return Point(x: columns(from: row.start, to: cursor), y: rowIndex)
  }

  /// Applies an editing or movement key; returns `true` if it was used.
  @discardableResult
  public mutating func handle(_ key: Key, width: Int) -> Bool {
    switch key {
    case .up:
      moveVertically(by: -1, width: width)
      return true
    case .down:
      moveVertically(by: 1, width: width)
      return true
    case .pageUp:
      moveVertically(by: -5, width: width)
      return true
    case .pageDown:
      moveVertically(by: 5, width: width)
      return true
    case .home, .ctrl("a"):
      let rows = rows(width: width)
      cursor = rows[row(containing: cursor, in: rows)].start
    case .end, .ctrl("e"):
      let rows = rows(width: width)
      cursor = rows[row(containing: cursor, in: rows)].end
    case .enter: insert("\n")
    case .tab: insert(" ")
    case .char(let c): insert(c)
    case .backspace, .ctrl("h"):
      guard cursor > 0 else { break }
      characters.remove(at: cursor - 1)
      cursor -= 1
    case .delete, .ctrl("d"):
      if cursor < characters.count { characters.remove(at: cursor) }
    case .left, .ctrl("b"): cursor = max(0, cursor - 1)
    case .right, .ctrl("f"): cursor = min(characters.count, cursor + 1)
    case .ctrl("u"):
      let start = characters[..<cursor].lastIndex(of: "\n").map { $0 + 1 } ?? 0
      characters.removeSubrange(start..<cursor)
      cursor = start
    case .ctrl("w"):
      var start = cursor
      while start > 0 && characters[start - 1] == " " { start -= 1 }
      while start > 0 && characters[start - 1] != " " && characters[start - 1] != "\n" {
        start -= 1
      }
      characters.removeSubrange(start..<cursor)
      cursor = start
    default:
      return false
    }
    goalColumn = nil
    return true
  }

  /// Inserts a character at the cursor (control characters other than "\n" are ignored).
  public mutating func insert(_ character: Character) {
    guard
      character == "\n" || TextWidth.width(of: character) > 0
        || character.unicodeScalars.count > 1
    else { return }
    characters.insert(character, at: cursor)
    cursor += 1
    goalColumn = nil
  }

  /// Draws the visible rows into `area` and returns where the terminal cursor belongs.
  ///
  /// The scroll position used is `scrollRow` adjusted to keep the cursor visible; call
  /// `keepCursorVisible(in:)` in update to make it stick.
  @discardableResult
  public func draw(in area: Rect, buffer: inout Buffer, style: Style = .plain) -> Point? {
    guard !area.isEmpty else { return nil }
    let rows = rows(width: area.width)
    let first = visibleFirstRow(height: area.height, width: area.width)
    buffer.fill(area, style: style)
    for (line, row) in rows.dropFirst(first).prefix(area.height).enumerated() {
      let text = String(characters[row.start..<row.end])
      buffer.put(text, x: area.x, y: area.y + line, style: style, maxWidth: area.width)
    }
    let position = cursorPosition(width: area.width)
    return Point(x: area.x + min(position.x, area.width - 1), y: area.y + position.y - first)
  }

  /// Stores the scroll position `draw` would use for an area of this size.
  public mutating func keepCursorVisible(in area: Rect) {
    scrollRow = visibleFirstRow(height: area.height, width: area.width)
  }

  private func visibleFirstRow(height: Int, width: Int) -> Int {
    let cursorRow = cursorPosition(width: width).y
    let height = max(1, height)
    var first = min(max(0, scrollRow), cursorRow)
    if cursorRow >= first + height { first = cursorRow - height + 1 }
    return first
  }

  private mutating func moveVertically(by delta: Int, width: Int) {
    let rows = rows(width: width)
    let current = row(containing: cursor, in: rows)
    let goal = goalColumn ?? columns(from: rows[current].start, to: cursor)
    let target = min(max(0, current + delta), rows.count - 1)
    let row = rows[target]
    var index = row.start
    var used = 0
    while index < row.end {
      let w = TextWidth.width(of: characters[index])
      if used + w > goal { break }
      used += w
      index += 1
    }
    cursor = index
    goalColumn = goal
  }

  private func row(containing index: Int, in rows: [Row]) -> Int {
    rows.lastIndex { $0.start <= index } ?? 0
  }

  private func columns(from start: Int, to end: Int) -> Int {
    guard end > start else { return 0 }
    return characters[start..<end].reduce(0) { $0 + TextWidth.width(of: $1) }
  }
}

extension String {
  fileprivate func replacingCRLF() -> String {
    String(self.map { $0 == "\r\n" ? "\n" : $0 })
  }
}
