import CNcursesw
import TerminalUI

extension NcursesTerminal {
  /// Waits for one key, or `nil` after `timeoutMilliseconds` (`nil` waits forever).
  ///
  /// Uses `wget_wch`, so æ, ø, å and other non-ASCII characters arrive as `.char("æ")`.
  /// `.resize` means the size changed (read `size` again); it is also returned after a
  /// suspend, since the terminal may have changed while the process was stopped. Returns
  /// `nil` early when a signal interrupts the wait: check `pendingSignal` then.
  public func readKey(timeoutMilliseconds: Int? = nil) -> Key? {
    guard !isRestored else { return nil }
    if TerminalGuard.takeSuspendRequest() {
      suspend()
      return .resize
    }
    let window = krav_stdscr()
    wtimeout(window, Int32(clamping: timeoutMilliseconds ?? -1))
    var character: wint_t = 0
    let result = wget_wch(window, &character)
    if TerminalGuard.takeSuspendRequest() {
      suspend()
      return .resize
    }
    switch result {
    case krav_key_code_yes():
      let key = KeyDecoder.key(forKeyCode: Int32(truncatingIfNeeded: character))
      if key == .resize { previous = nil }
      return key
    case OK:
      return KeyDecoder.key(forCharacter: UInt32(character))
    default:
      return nil
    }
  }
}

/// Maps what `wget_wch` returns onto `Key`.
enum KeyDecoder {
  /// A function-key code (`KEY_*`, returned with `KEY_CODE_YES`).
  static func key(forKeyCode code: Int32) -> Key {
    switch code {
    case KEY_UP: return .up
    case KEY_DOWN: return .down
    case KEY_LEFT: return .left
    case KEY_RIGHT: return .right
    case KEY_PPAGE: return .pageUp
    case KEY_NPAGE: return .pageDown
    case KEY_HOME, KEY_A1: return .home
    case KEY_END, KEY_C1: return .end
    case KEY_ENTER: return .enter
    case KEY_BACKSPACE: return .backspace
    case KEY_DC: return .delete
    case KEY_BTAB: return .backTab
    case KEY_RESIZE: return .resize
    default:
      let f0 = krav_key_f(0)
      if code > f0 && code <= f0 + 24 { return .function(Int(code - f0)) }
      return .unknown(code)
    }
  }

  /// A character code (returned with `OK`): controls become named keys or `.ctrl`.
  static func key(forCharacter code: UInt32) -> Key {
    switch code {
    case 9: return .tab
    case 10, 13: return .enter
    case 27: return .escape
    case 8, 127: return .backspace
    case 1...26:
      return .ctrl(Character(Unicode.Scalar(UInt8(96 + code))))
    case 0..<32:
      return .unknown(Int32(code))
    default:
      guard let scalar = Unicode.Scalar(code) else { return .unknown(Int32(bitPattern: code)) }
      return .char(Character(scalar))
    }
  }
}
