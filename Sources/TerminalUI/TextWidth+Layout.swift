/// Horizontal alignment of text inside a field.
public enum Alignment: Hashable, Sendable {
  /// Flush left (text columns).
  case left
  /// Flush right (amounts, dates).
  case right
  /// Centred; an odd leftover column goes to the right.
  case center
}

extension TextWidth {
  /// Cuts `text` so that it fits in `width` columns, ending with `ellipsis` when cut.
  ///
  /// Widths are display widths: "æøå" fits in 3 columns, "日本" needs 4. A wide character
  /// that would straddle the limit is dropped rather than split. If even the ellipsis does
  /// not fit, the text is cut hard without it. Never fails on zero or negative widths.
  public static func truncate(_ text: String, to width: Int, ellipsis: String = "…") -> String {
    guard width > 0 else { return "" }
    if self.width(of: text) <= width { return text }
    let ellipsisWidth = self.width(of: ellipsis)
    let room = ellipsisWidth <= width ? width - ellipsisWidth : width
    var result = ""
    var used = 0
    for character in text {
      let w = self.width(of: character)
      if used + w > room { break }
      result.append(character)
      used += w
    }
    return ellipsisWidth <= width ? result + ellipsis : result
  }

  /// Returns `text` padded with spaces to exactly `width` columns (truncated with "…" if longer).
  public static func pad(_ text: String, to width: Int, align: Alignment = .left) -> String {
    guard width > 0 else { return "" }
    let fitted = truncate(text, to: width)
    let gap = width - self.width(of: fitted)
    switch align {
    case .left:
      return fitted + String(repeating: " ", count: gap)
    case .right:
      return String(repeating: " ", count: gap) + fitted
    case .center:
      let left = gap / 2
      return String(repeating: " ", count: left) + fitted
        + String(repeating: " ", count: gap - left)
    }
  }

  /// Word-wraps `text` into lines of at most `width` columns.
  ///
  /// Breaks at spaces; a word longer than a line is broken hard. Explicit newlines start a
  /// new line, and empty lines are kept (paragraph breaks in notes). Runs of spaces between
  /// words collapse to one at line breaks only. Returns `[]` for a non-positive width.
  public static func wrap(_ text: String, to width: Int) -> [String] {
    guard width > 0 else { return [] }
    var lines: [String] = []
    for paragraph in text.split(separator: "\n", omittingEmptySubsequences: false) {
      lines.append(contentsOf: wrapParagraph(String(paragraph), width: width))
    }
    return lines
  }

  private static func wrapParagraph(_ paragraph: String, width: Int) -> [String] {
    var lines: [String] = []
    var line = ""
    var lineWidth = 0
    for word in paragraph.split(separator: " ", omittingEmptySubsequences: true) {
      var word = String(word)
      var wordWidth = self.width(of: word)
      if lineWidth > 0 && lineWidth + 1 + wordWidth <= width {
        line += " " + word
        lineWidth += 1 + wordWidth
        continue
      }
      if lineWidth > 0 {
        lines.append(line)
        line = ""
        lineWidth = 0
      }
      while wordWidth > width {
        let (head, tail) = splitPrefix(word, width: width)
        lines.append(head)
        word = tail
        wordWidth = self.width(of: word)
      }
      line = word
      lineWidth = wordWidth
    }
    if lineWidth > 0 || lines.isEmpty { lines.append(line) }
    return lines
  }

  /// Splits `text` into a prefix of at most `width` columns (at least one character) and the rest.
  static func splitPrefix(_ text: String, width: Int) -> (String, String) {
    var used = 0
    var index = text.startIndex
    while index < text.endIndex {
      let w = self.width(of: text[index])
      if used + w > width && index > text.startIndex { break }
      used += w
      index = text.index(after: index)
    }
    return (String(text[..<index]), String(text[index...]))
  }
}
