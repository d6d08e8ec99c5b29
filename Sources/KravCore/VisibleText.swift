/// Text from the outside world made safe to show in a terminal or write into a letter.
///
/// A debtor's name, an e-mail address or an invoice text may hold control characters: an
/// ESC sequence clears the screen, sets the window title or writes the clipboard (OSC 52) when
/// printed raw. Human output shows them visibly escaped (`^[` for ESC, as `cat -v` does);
/// letters drop them. `--json` output stays exact (JSON escapes them itself).
public enum VisibleText {
  /// Whether a scalar is a control character a terminal may act on: C0 (except `\n` and
  /// `\t` when `keepLayout`), DEL, C1, and the bidirectional overrides that reorder text.
  @inline(__always)
  static func isControl(_ v: UInt32, keepLayout: Bool) -> Bool {
    if v < 0x20 { return !(keepLayout && (v == 0x0A || v == 0x09)) }
    if v >= 0x7F && v < 0xA0 { return true }
    return (0x202A...0x202E).contains(v) || (0x2066...0x2069).contains(v)
  }

  /// Whether `text` holds any control character (fast path: plain text is returned as is).
  public static func hasControls(_ text: String, keepLayout: Bool = false) -> Bool {
    text.unicodeScalars.contains { isControl($0.value, keepLayout: keepLayout) }
  }

  /// `text` with every control character shown visibly: `^@`…`^_` for C0, `^?` for DEL and
  /// `<U+XXXX>` for C1 and bidi controls. Newlines and tabs are kept when `keepLayout`.
  public static func escaped(_ text: String, keepLayout: Bool = false) -> String {
    guard hasControls(text, keepLayout: keepLayout) else { return text }
    var out = ""
    out.unicodeScalars.reserveCapacity(text.unicodeScalars.count + 8)
    for u in text.unicodeScalars {
      let v = u.value
      guard isControl(v, keepLayout: keepLayout) else {
        out.unicodeScalars.append(u)
        continue
      }
      if v < 0x20 {
        out += "^" + String(UnicodeScalar(UInt8(v + 0x40)))
      } else if v == 0x7F {
        out += "^?"
      } else {
        let hex = String(v, radix: 16, uppercase: true)
        out += "<U+" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex + ">"
      }
    }
    return out
  }

  /// `text` without control characters (for letters): tabs become a space, line breaks are
  /// kept when `keepLines`, everything else that a terminal or printer could act on is dropped.
  public static func stripped(_ text: String, keepLines: Bool = true) -> String {
    guard hasControls(text, keepLayout: keepLines) || text.contains("\t") else { return text }
    var out = ""
    for u in text.unicodeScalars {
      if u == "\t" {
        out += " "
      } else if u == "\n" && keepLines {
        out.unicodeScalars.append(u)
      } else if !isControl(u.value, keepLayout: false) {
        out.unicodeScalars.append(u)
      }
    }
    return out
  }
}
