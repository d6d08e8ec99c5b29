/// Display and parsing of amounts in the forms Krav shows and accepts.
///
/// Conventions: Norwegian output groups thousands with a plain space (U+0020), not a
/// no-break space, so terminal widths, copy/paste and tests stay simple; the decimal mark is a
/// comma and the unit `kr` follows (`-12 345,50 kr`). English output is `NOK 12,345.50`, with the
/// minus sign first (`-NOK 12,345.50`).
extension Money {
  /// The amount for display in `lang`: nb `12 345,50 kr`, en `NOK 12,345.50`.
  public func formatted(_ lang: Language) -> String {
    let sign = ore < 0 ? "-" : ""
    let magnitude = ore.magnitude
    let frac = magnitude % 100
    let fracText = (frac < 10 ? "0" : "") + String(frac)
    switch lang {
    case .nb:
      let whole = Money.grouped(magnitude / 100, separator: " ")
      return "\(sign)\(whole),\(fracText) kr"
    case .en:
      let whole = Money.grouped(magnitude / 100, separator: ",")
      return "\(sign)NOK \(whole).\(fracText)"
    }
  }

  /// Whole kroner with `separator` between groups of three digits.
  static func grouped(_ value: UInt64, separator: String) -> String {
    let digits = Array(String(value))
    var out = ""
    for (i, d) in digits.enumerated() {
      if i > 0 && (digits.count - i) % 3 == 0 { out += separator }
      out.append(d)
    }
    return out
  }

  /// Parses an amount typed on the command line; nil for anything that is not clearly money.
  ///
  /// Accepts `1234.50`, `1234,50`, `1 234,50`, `12 345`, `1234`, `1,234.50`, `1.234,50`, with an
  /// optional leading minus, `kr` / `NOK` before or after, and spaces or no-break spaces as
  /// thousand separators (which must then split the integer part into groups of three). A lone
  /// `,` or `.` is the decimal mark, so `1.234` is rejected as having three decimals rather than
  /// guessed to be 1234. Rejects more than two decimals and amounts beyond
  /// `Money.maximumAmount` in either sign (use `Money.parsePositive` to learn why).
  public init?(parsing text: String) {
    guard let m = Money(parsingUnbounded: text), m.isWithinBound else { return nil }
    self = m
  }

  /// `init?(parsing:)` without the upper bound (still nil where `Int64` øre overflow).
  init?(parsingUnbounded text: String) {
    var s = text.trimmingSpaces.lowercased()
    var negative = false
    if s.hasPrefix("-") {  // `-NOK 12,345.50`
      negative = true
      s = String(s.dropFirst())
    }
    for unit in ["nok", "kr"] {
      if s.hasSuffix(unit) { s = String(s.dropLast(unit.count)).trimmingSpaces }
      if s.hasPrefix(unit) { s = String(s.dropFirst(unit.count)).trimmingSpaces }
    }
    if !negative && s.hasPrefix("-") {  // `NOK -12,345.50`
      negative = true
      s = String(s.dropFirst())
    }
    let chars = Array(s)
    guard let first = chars.first, first.isASCII, first.isNumber else { return nil }
    let marks = chars.indices.filter { chars[$0] == "," || chars[$0] == "." }
    var decimalAt: Int? = nil
    var groupMark: Character? = nil
    if let last = marks.last {
      let lastMark = chars[last]
      let others = marks.dropLast()
      if others.isEmpty {
        decimalAt = last
      } else if others.allSatisfy({ chars[$0] != lastMark }) {
        decimalAt = last
        groupMark = chars[others.first!]
      } else {
        return nil  // e.g. "1.234.567": grouping without a decimal mark is too ambiguous
      }
    }
    let intChars = decimalAt.map { Array(chars[..<$0]) } ?? chars
    let fracChars = decimalAt.map { Array(chars[($0 + 1)...]) } ?? []
    if decimalAt != nil && !(1...2).contains(fracChars.count) { return nil }
    guard fracChars.allSatisfy({ $0.isASCII && $0.isNumber }) else { return nil }
    guard let whole = Money.parseGrouped(intChars, groupMark: groupMark) else { return nil }
    var fraction: Int64 = 0
    for c in fracChars { fraction = fraction * 10 + Int64(c.asciiValue! - 48) }
    if fracChars.count == 1 { fraction *= 10 }
    let (scaled, o1) = whole.multipliedReportingOverflow(by: 100)
    let (total, o2) = scaled.addingReportingOverflow(fraction)
    guard !o1, !o2 else { return nil }
    self.init(ore: negative ? -total : total)
  }

  /// The integer part, where groups of three may be split by spaces or `groupMark`.
  private static func parseGrouped(_ chars: [Character], groupMark: Character?) -> Int64? {
    var separators: Set<Character> = [" ", "\u{00A0}", "\u{202F}"]
    if let groupMark { separators.insert(groupMark) }
    var groups: [[Character]] = [[]]
    for c in chars {
      if separators.contains(c) {
        groups.append([])
      } else if c.isASCII && c.isNumber {
        groups[groups.count - 1].append(c)
      } else {
        return nil
      }
    }
    if groups.count > 1 {
      guard (1...3).contains(groups[0].count), groups.dropFirst().allSatisfy({ $0.count == 3 })
      else { return nil }
    }
    var value: Int64 = 0
    for c in groups.joined() {
      let (m, o1) = value.multipliedReportingOverflow(by: 10)
      let (a, o2) = m.addingReportingOverflow(Int64(c.asciiValue! - 48))
      guard !o1, !o2 else { return nil }
      value = a
    }
    return value
  }

  /// Parses the JSON contract form: optional minus, digits, a dot and exactly two decimals.
  ///
  /// This is the strict inverse of `jsonString` (`"1234.50"`); anything else is nil.
  public init?(json text: String) {
    let utf = Array(text.utf8)
    var start = 0
    if utf.first == UInt8(ascii: "-") { start = 1 }
    let n = utf.count
    guard n - start >= 4, utf[n - 3] == UInt8(ascii: ".") else { return nil }
    var value: Int64 = 0
    for (i, c) in utf.enumerated() where i >= start && i != n - 3 {
      guard c >= 48, c <= 57 else { return nil }
      let (m, o1) = value.multipliedReportingOverflow(by: 10)
      let (a, o2) = m.addingReportingOverflow(Int64(c - 48))
      guard !o1, !o2 else { return nil }
      value = a
    }
    self.init(ore: start == 1 ? -value : value)
  }
}
