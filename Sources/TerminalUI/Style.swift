/// A terminal color; `.default` leaves the terminal's own foreground/background.
///
/// Only the 8 ANSI colors and their bright variants are offered: they are the ones every
/// terminal that Krav supports can show, and the backend maps them onto color pairs.
public enum Color: Hashable, Sendable, CaseIterable {
  case `default`
  case black, red, green, yellow, blue, magenta, cyan, white
  case brightBlack, brightRed, brightGreen, brightYellow
  case brightBlue, brightMagenta, brightCyan, brightWhite

  /// The ANSI palette index (0–15), or `nil` for the terminal default.
  public var ansiIndex: Int? {
    switch self {
    case .default: return nil
    case .black: return 0
    case .red: return 1
    case .green: return 2
    case .yellow: return 3
    case .blue: return 4
    case .magenta: return 5
    case .cyan: return 6
    case .white: return 7
    case .brightBlack: return 8
    case .brightRed: return 9
    case .brightGreen: return 10
    case .brightYellow: return 11
    case .brightBlue: return 12
    case .brightMagenta: return 13
    case .brightCyan: return 14
    case .brightWhite: return 15
    }
  }
}

/// How a cell looks: colors plus text attributes.
///
/// Styles are plain values so that a rendered `Buffer` can be compared in tests and diffed
/// between frames.
public struct Style: Hashable, Sendable {
  /// Foreground (text) color.
  public var fg: Color
  /// Background color.
  public var bg: Color
  /// Bold (bright) text.
  public var bold: Bool
  /// Swapped foreground and background; used for selection, which works without colors.
  public var reverse: Bool
  /// Underlined text.
  public var underline: Bool
  /// Dim (half-bright) text.
  public var dim: Bool

  /// Creates a style; every attribute defaults to off and colors to the terminal default.
  public init(
    fg: Color = .default, bg: Color = .default, bold: Bool = false,
    reverse: Bool = false, underline: Bool = false, dim: Bool = false
  ) {
    self.fg = fg
    self.bg = bg
    self.bold = bold
    self.reverse = reverse
    self.underline = underline
    self.dim = dim
  }

  /// No colors, no attributes.
  public static let plain = Style()
  /// Bold text, e.g. table headers and titles.
  public static let bold = Style(bold: true)
  /// Reverse video, e.g. the selected row or the title bar.
  public static let reverse = Style(reverse: true)
  /// Underlined text, e.g. an input field.
  public static let underline = Style(underline: true)
  /// Dim text, e.g. secondary hints.
  public static let dim = Style(dim: true)
  /// Red bold text for errors in the status bar.
  public static let error = Style(fg: .red, bold: true)

  /// Returns a copy with the given foreground color.
  public func fg(_ color: Color) -> Style {
    var s = self
    s.fg = color
    return s
  }
  /// Returns a copy with the given background color.
  public func bg(_ color: Color) -> Style {
    var s = self
    s.bg = color
    return s
  }
  /// Returns a copy with bold switched on or off.
  public func bold(_ on: Bool = true) -> Style {
    var s = self
    s.bold = on
    return s
  }
  /// Returns a copy with reverse video switched on or off.
  public func reverse(_ on: Bool = true) -> Style {
    var s = self
    s.reverse = on
    return s
  }
  /// Returns a copy with underline switched on or off.
  public func underline(_ on: Bool = true) -> Style {
    var s = self
    s.underline = on
    return s
  }
  /// Returns a copy with dim switched on or off.
  public func dim(_ on: Bool = true) -> Style {
    var s = self
    s.dim = on
    return s
  }

  /// This style laid over `base`: its colors where it has them, and the attributes of both
  /// (a red state cell in a reversed selected row stays red and reversed).
  public func laid(over base: Style) -> Style {
    Style(
      fg: fg == .default ? base.fg : fg, bg: bg == .default ? base.bg : bg,
      bold: bold || base.bold, reverse: reverse || base.reverse,
      underline: underline || base.underline, dim: dim || base.dim)
  }
}
