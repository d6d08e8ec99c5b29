/// A single-line text editor as a value: the text, the cursor and the horizontal scroll.
///
/// Feed it keys with `handle(_:)`; keys it does not use (Enter, Esc, Tab, arrows up/down)
/// return `false` so the form can act on them. Editing works on characters (grapheme
/// clusters), so "å" or "é" is removed by one Backspace; scrolling works on display width.
public struct TextInput: Hashable, Sendable {
  /// The characters of the text; the cursor is an index into this array.
  public private(set) var characters: [Character]
  /// Cursor position: 0 is before the first character, `characters.count` after the last.
  public private(set) var cursor: Int
  /// Index of the first visible character (horizontal scroll); adjusted while drawing.
  public var scrollStart: Int
  /// Maximum number of characters accepted (`nil` for no limit).
  public var maxLength: Int?

  /// Creates an input holding `text` with the cursor at the end.
  public init(_ text: String = "", maxLength: Int? = nil) {
    self.characters = Array(text)
    self.cursor = characters.count
    self.scrollStart = 0
    self.maxLength = maxLength
  }

  /// The current text.
  public var text: String {
    get { String(characters) }
    set {
      characters = Array(newValue)
      cursor = characters.count
      scrollStart = 0
    }
  }

  /// Applies an editing key. Returns `true` if the key was used.
  ///
  /// Printable characters insert; Backspace/Del delete; ←/→, Home/End and Ctrl-A/Ctrl-E
  /// move; Ctrl-U clears; Ctrl-W deletes the word before the cursor; Ctrl-K deletes to the end.
  @discardableResult
  public mutating func handle(_ key: Key) -> Bool {
    switch key {
    case .char(let c): insert(c)
    case .backspace, .ctrl("h"): deleteBackward()
    case .delete, .ctrl("d"): deleteForward()
    case .left, .ctrl("b"): cursor = max(0, cursor - 1)
    case .right, .ctrl("f"): cursor = min(characters.count, cursor + 1)
    case .home, .ctrl("a"): cursor = 0
    case .end, .ctrl("e"): cursor = characters.count
    case .ctrl("u"): clear()
    case .ctrl("w"): deleteWordBackward()
    case .ctrl("k"): characters.removeSubrange(cursor...)
    default: return false
    }
    return true
  }

  /// Inserts a character at the cursor (control characters and input past `maxLength` are
  /// ignored).
  public mutating func insert(_ character: Character) {
    guard TextWidth.width(of: character) > 0 || character.unicodeScalars.count > 1 else { return }
    if let maxLength, characters.count >= maxLength { return }
    characters.insert(character, at: cursor)
    cursor += 1
  }

  /// Inserts a whole string at the cursor (e.g. pasted text; newlines become spaces).
  public mutating func insert(contentsOf text: String) {
    for c in text { insert(c == "\n" || c == "\r\n" || c == "\t" ? " " : c) }
  }

  /// Deletes the character before the cursor.
  public mutating func deleteBackward() {
    guard cursor > 0 else { return }
    characters.remove(at: cursor - 1)
    cursor -= 1
  }

  /// Deletes the character under the cursor.
  public mutating func deleteForward() {
    guard cursor < characters.count else { return }
    characters.remove(at: cursor)
  }

  /// Deletes the text before the cursor back to the start of the previous word (Ctrl-W):
  /// first any spaces, then the non-spaces before them.
  public mutating func deleteWordBackward() {
    var start = cursor
    while start > 0 && characters[start - 1] == " " { start -= 1 }
    while start > 0 && characters[start - 1] != " " { start -= 1 }
    characters.removeSubrange(start..<cursor)
    cursor = start
  }

  /// Empties the input.
  public mutating func clear() {
    characters.removeAll()
    cursor = 0
    scrollStart = 0
  }

  /// Moves the cursor to `index` (clamped).
  public mutating func moveCursor(to index: Int) {
    cursor = min(max(0, index), characters.count)
  }

  /// The first visible character for a field `width` columns wide, starting from `scrollStart`
  /// and scrolling the least needed to keep the cursor (plus one column for it) visible.
  public func visibleStart(width: Int) -> Int {
    guard width > 1 else { return cursor }
    var start = min(max(0, scrollStart), cursor)
    var used = characters[start..<cursor].reduce(0) { $0 + TextWidth.width(of: $1) }
    while used > width - 1 && start < cursor {
      used -= TextWidth.width(of: characters[start])
      start += 1
    }
    return start
  }

  /// Stores the scroll position `draw` would use, so scrolling is stable between frames.
  public mutating func keepCursorVisible(width: Int) {
    scrollStart = visibleStart(width: width)
  }

  /// Draws the visible part of the text on the first row of `area` and returns where the
  /// terminal cursor belongs (pass it to the backend's `showCursor(at:)`).
  ///
  /// When the text is empty, `placeholder` is drawn dim.
  @discardableResult
  public func draw(
    in area: Rect, buffer: inout Buffer, style: Style = .underline, placeholder: String = ""
  ) -> Point? {
    let row = area.row(0)
    guard !row.isEmpty else { return nil }
    buffer.fill(row, style: style)
    if characters.isEmpty {
      buffer.put(placeholder, x: row.x, y: row.y, style: style.dim(), maxWidth: row.width)
      return Point(x: row.x, y: row.y)
    }
    let start = visibleStart(width: row.width)
    let visible = String(characters[start...])
    buffer.put(visible, x: row.x, y: row.y, style: style, maxWidth: row.width)
    let cursorColumn = characters[start..<cursor].reduce(0) { $0 + TextWidth.width(of: $1) }
    return Point(x: row.x + min(cursorColumn, row.width - 1), y: row.y)
  }
}
