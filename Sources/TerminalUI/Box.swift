/// The characters used to draw a box border.
public struct BoxCharacters: Hashable, Sendable {
  /// Corners and edges, in the order: top-left, top-right, bottom-left, bottom-right,
  /// horizontal, vertical.
  public var topLeft, topRight, bottomLeft, bottomRight, horizontal, vertical: String

  /// Creates a character set.
  public init(
    topLeft: String, topRight: String, bottomLeft: String, bottomRight: String,
    horizontal: String, vertical: String
  ) {
    self.topLeft = topLeft
    self.topRight = topRight
    self.bottomLeft = bottomLeft
    self.bottomRight = bottomRight
    self.horizontal = horizontal
    self.vertical = vertical
  }

  /// Unicode light box drawing: ┌─┐│└┘.
  public static let unicode = BoxCharacters(
    topLeft: "┌", topRight: "┐", bottomLeft: "└", bottomRight: "┘",
    horizontal: "─", vertical: "│")
  /// Unicode rounded corners: ╭─╮│╰╯.
  public static let rounded = BoxCharacters(
    topLeft: "╭", topRight: "╮", bottomLeft: "╰", bottomRight: "╯",
    horizontal: "─", vertical: "│")
  /// Plain ASCII (+-|), for terminals or fonts without box drawing characters.
  public static let ascii = BoxCharacters(
    topLeft: "+", topRight: "+", bottomLeft: "+", bottomRight: "+",
    horizontal: "-", vertical: "|")
}

/// A bordered box with an optional title in the top edge; other widgets draw in `inner(of:)`.
public struct Box: Widget {
  /// Title shown in the top border, e.g. "Hjelp".
  public var title: String
  /// Border style.
  public var style: Style
  /// Title style.
  public var titleStyle: Style
  /// Border characters.
  public var characters: BoxCharacters

  /// Creates a box; `ascii: true` selects the ASCII fallback border.
  public init(
    title: String = "", style: Style = .plain, titleStyle: Style = .bold, ascii: Bool = false
  ) {
    self.title = title
    self.style = style
    self.titleStyle = titleStyle
    self.characters = ascii ? .ascii : .unicode
  }

  /// The area inside the border.
  public func inner(of area: Rect) -> Rect { area.inset(by: 1) }

  /// Draws the border (and title) around the edge of `area`; areas under 2×2 draw nothing.
  public func render(in area: Rect, buffer: inout Buffer) {
    guard area.width >= 2, area.height >= 2 else { return }
    let c = characters
    let right = area.maxX - 1
    let bottom = area.maxY - 1
    for x in (area.x + 1)..<right {
      buffer.put(c.horizontal, x: x, y: area.y, style: style)
      buffer.put(c.horizontal, x: x, y: bottom, style: style)
    }
    for y in (area.y + 1)..<bottom {
      buffer.put(c.vertical, x: area.x, y: y, style: style)
      buffer.put(c.vertical, x: right, y: y, style: style)
    }
    buffer.put(c.topLeft, x: area.x, y: area.y, style: style)
    buffer.put(c.topRight, x: right, y: area.y, style: style)
    buffer.put(c.bottomLeft, x: area.x, y: bottom, style: style)
    buffer.put(c.bottomRight, x: right, y: bottom, style: style)
    let room = area.width - 4
    guard !title.isEmpty, room > 0 else { return }
    let text = " " + TextWidth.truncate(title, to: max(0, room - 2)) + " "
    buffer.put(text, x: area.x + 1, y: area.y, style: titleStyle, maxWidth: room + 2)
  }
}
