/// Customers assigned to collectors (issue 18): `customer-assigned` events, one per change, so
/// a reassignment keeps its history in the timeline.
extension Event {
  /// A `customer-assigned` draft: `customer` to `collector`, or unassigned when nil.
  public static func assignment(customer: String, to collector: String?) -> Event {
    var e = Event.draft(.customerAssigned, customer: customer)
    if let collector { e.extra["collector"] = JSONText.quoted(collector) }
    return e
  }

  /// The collector a `customer-assigned` event names (nil: unassigned).
  public var assignedCollector: String? {
    guard let raw = extra["collector"] else { return nil }
    return JSONText.unquoted(raw).flatMap { $0.isEmpty ? nil : $0 }
  }
}

/// The JSON string form the extra keys hold.
enum JSONText {
  /// `text` as a JSON string literal (quotes, backslashes and control characters escaped).
  static func quoted(_ text: String) -> String {
    var out = "\""
    for u in text.unicodeScalars {
      switch u {
      case "\"": out += "\\\""
      case "\\": out += "\\\\"
      case "\n": out += "\\n"
      case "\r": out += "\\r"
      case "\t": out += "\\t"
      default:
        if u.value < 0x20 {
          let hex = String(u.value, radix: 16)
          out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
        } else {
          out.unicodeScalars.append(u)
        }
      }
    }
    return out + "\""
  }

  /// The text of a JSON string literal without escapes other than `\"` and `\\` (what
  /// `quoted` writes for collector names); nil for anything else.
  static func unquoted(_ raw: String) -> String? {
    guard raw.count >= 2, raw.hasPrefix("\""), raw.hasSuffix("\"") else { return nil }
    var out = ""
    var escaped = false
    for c in raw.dropFirst().dropLast() {
      if escaped {
        switch c {
        case "n": out.append("\n")
        case "t": out.append("\t")
        case "r": out.append("\r")
        default: out.append(c)
        }
        escaped = false
      } else if c == "\\" {
        escaped = true
      } else {
        out.append(c)
      }
    }
    return escaped ? nil : out
  }
}
