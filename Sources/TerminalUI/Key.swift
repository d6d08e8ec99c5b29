/// One keypress, decoded by the backend from the terminal's input.
///
/// Control letters are stored lower-case (`.ctrl("c")`). Tab, Enter, Backspace and Esc have
/// their own cases even though they are also control codes, because apps bind them by name.
/// Alt-x is not a key of its own: terminals send it as `.escape` then `.char("x")`.
public enum Key: Hashable, Sendable {
  /// A printable character, including æ, ø, å and wide characters.
  case char(Character)
  /// Arrow up.
  case up
  /// Arrow down.
  case down
  /// Arrow left.
  case left
  /// Arrow right.
  case right
  /// Page Up.
  case pageUp
  /// Page Down.
  case pageDown
  /// Home.
  case home
  /// End.
  case end
  /// Enter / Return.
  case enter
  /// Escape (also the first half of an Alt combination).
  case escape
  /// Backspace (DEL, ^H or the keypad code; terminals disagree).
  case backspace
  /// Delete (forward delete).
  case delete
  /// Tab.
  case tab
  /// Shift-Tab.
  case backTab
  /// Ctrl plus a letter (lower-case), e.g. `.ctrl("c")`.
  case ctrl(Character)
  /// A function key F1…F24.
  case function(Int)
  /// The terminal was resized; the app should re-read the size and redraw.
  case resize
  /// A key code the backend could not name; kept so it can be logged.
  case unknown(Int32)

  /// A short human name for help text and status hints: "↑", "PgDn", "Enter", "Ctrl-C", "/".
  public var description: String {
    switch self {
    case .char(" "): return "Space"
    case .char(let c): return String(c)
    case .up: return "↑"
    case .down: return "↓"
    case .left: return "←"
    case .right: return "→"
    case .pageUp: return "PgUp"
    case .pageDown: return "PgDn"
    case .home: return "Home"
    case .end: return "End"
    case .enter: return "Enter"
    case .escape: return "Esc"
    case .backspace: return "Backspace"
    case .delete: return "Del"
    case .tab: return "Tab"
    case .backTab: return "Shift-Tab"
    case .ctrl(let c): return "Ctrl-" + String(c).uppercased()
    case .function(let n): return "F\(n)"
    case .resize: return "Resize"
    case .unknown(let code): return "Key(\(code))"
    }
  }

  /// True for the four arrow keys (their symbols are joined in hints: "↑↓").
  public var isArrow: Bool {
    switch self {
    case .up, .down, .left, .right: return true
    default: return false
    }
  }

  /// Parses a key name as written in keymaps and config: "q", "ctrl-c", "^C", "Enter", "esc",
  /// "pgdn", "f5", "space", "shift-tab", "↑". Case-insensitive except for single characters.
  /// Returns `nil` for names it does not know.
  public static func parse(_ name: String) -> Key? {
    if name.count == 1, let c = name.first {
      switch c {
      case "↑": return .up
      case "↓": return .down
      case "←": return .left
      case "→": return .right
      default: return .char(c)
      }
    }
    let lower = name.lowercased()
    if let key = named[lower] { return key }
    for prefix in ["ctrl-", "ctrl+", "c-", "^"] where lower.hasPrefix(prefix) {
      let rest = lower.dropFirst(prefix.count)
      guard rest.count == 1, let c = rest.first, c.isLetter, c.isASCII else { return nil }
      return .ctrl(c)
    }
    if lower.hasPrefix("f"), let n = Int(lower.dropFirst()), (1...24).contains(n) {
      return .function(n)
    }
    return nil
  }

  private static let named: [String: Key] = [
    "up": .up, "down": .down, "left": .left, "right": .right,
    "pgup": .pageUp, "pageup": .pageUp, "pgdn": .pageDown, "pagedown": .pageDown,
    "home": .home, "end": .end, "enter": .enter, "return": .enter,
    "esc": .escape, "escape": .escape, "backspace": .backspace, "bs": .backspace,
    "del": .delete, "delete": .delete, "tab": .tab, "shift-tab": .backTab,
    "backtab": .backTab, "space": .char(" "),
  ]
}

extension Key: CustomStringConvertible {}
