/// Norwegian identifiers and their check digits (domain-norway.md §8).
///
/// All validators take the identifier as typed: spaces and dots are ignored, anything else that
/// is not an ASCII digit makes it invalid.

/// Check-digit arithmetic shared by the identifiers.
enum CheckDigit {
  /// The ASCII digits of `text` with spaces and dots removed; nil if anything else is present.
  static func digits(_ text: String) -> [Int]? {
    var out: [Int] = []
    for u in text.utf8 {
      switch u {
      case 48...57: out.append(Int(u - 48))
      case UInt8(ascii: " "), UInt8(ascii: "."): continue
      default: return nil
      }
    }
    return out
  }

  /// MOD11 with explicit weights (left to right): 0 for remainder 0, nil for remainder 1.
  static func mod11(_ digits: [Int], weights: [Int]) -> Int? {
    precondition(digits.count == weights.count)
    let sum = zip(digits, weights).reduce(0) { $0 + $1.0 * $1.1 }
    let k = (11 - sum % 11) % 11
    return k == 10 ? nil : k
  }

  /// MOD11 with weights 2,3,4,5,6,7,2,3… from the rightmost digit.
  static func mod11Cyclic(_ digits: [Int]) -> Int? {
    let weights = (0..<digits.count).reversed().map { 2 + $0 % 6 }
    return mod11(digits, weights: weights)
  }

  /// MOD10 (Luhn): weights 2,1,2,1… from the rightmost body digit, digit sums of the products.
  static func mod10(_ digits: [Int]) -> Int {
    var sum = 0
    for (i, d) in digits.reversed().enumerated() {
      let p = i % 2 == 0 ? d * 2 : d
      sum += p > 9 ? p - 9 : p
    }
    return (10 - sum % 10) % 10
  }

  /// The digits as a string.
  static func string(_ digits: [Int]) -> String { digits.map(String.init).joined() }
}

/// KID, the payment reference on a Norwegian invoice: 2–25 digits ending in a check digit.
public enum KID {
  /// The check-digit algorithm.
  public enum Method: String, Sendable, CaseIterable {
    /// Luhn.
    case mod10
    /// Weights 2–7 from the right; a remainder of 1 gives the check "-".
    case mod11
  }

  /// The check character for `body` (1–24 digits): a digit, or "-" for MOD11 remainder 1.
  ///
  /// Nil when the body is not 1–24 digits.
  public static func checkCharacter(body: String, method: Method) -> Character? {
    guard let digits = CheckDigit.digits(body), (1...24).contains(digits.count),
      body.utf8.allSatisfy({ $0 >= 48 && $0 <= 57 })
    else { return nil }
    switch method {
    case .mod10: return Character(String(CheckDigit.mod10(digits)))
    case .mod11: return CheckDigit.mod11Cyclic(digits).map { Character(String($0)) } ?? "-"
    }
  }

  /// A complete KID for `body`; nil for a bad body or when MOD11 would need the "-" check.
  ///
  /// Krav never issues a KID ending in "-": callers pick another body or use MOD10.
  public static func make(body: String, method: Method = .mod10) -> String? {
    guard let c = checkCharacter(body: body, method: method), c != "-" else { return nil }
    return body + String(c)
  }

  /// Whether `kid` is 2–25 digits (a final "-" allowed for MOD11) with a correct check.
  public static func isValid(_ kid: String, method: Method) -> Bool {
    guard kid.count >= 2, let last = kid.last else { return false }
    return checkCharacter(body: String(kid.dropLast()), method: method) == last
  }

  /// Whether `kid` is valid under MOD10 or MOD11 (banks accept either, per agreement).
  public static func isValid(_ kid: String) -> Bool {
    Method.allCases.contains { isValid(kid, method: $0) }
  }
}

/// A Norwegian bank account number: 11 digits, MOD11 check, shown as `8601.11.17947`.
public enum AccountNumber {
  static let weights = [5, 4, 3, 2, 7, 6, 5, 4, 3, 2]

  /// Whether `text` is 11 digits (dots and spaces ignored) with a correct MOD11 check digit.
  public static func isValid(_ text: String) -> Bool {
    guard let d = CheckDigit.digits(text), d.count == 11 else { return false }
    return CheckDigit.mod11(Array(d[0..<10]), weights: weights) == d[10]
  }

  /// The number as `XXXX.XX.XXXXX`; nil when not valid.
  public static func formatted(_ text: String) -> String? {
    guard isValid(text), let d = CheckDigit.digits(text) else { return nil }
    let s = CheckDigit.string(d)
    return "\(s.prefix(4)).\(s.dropFirst(4).prefix(2)).\(s.suffix(5))"
  }

  /// The 11 digits without separators; nil when not valid.
  public static func normalized(_ text: String) -> String? {
    isValid(text) ? CheckDigit.digits(text).map(CheckDigit.string) : nil
  }
}

/// An organisasjonsnummer (Brønnøysund): 9 digits, MOD11 check, shown as `123 456 785`.
public enum OrgNumber {
  static let weights = [3, 2, 7, 6, 5, 4, 3, 2]

  /// Whether `text` is 9 digits (spaces and dots ignored) with a correct MOD11 check digit.
  public static func isValid(_ text: String) -> Bool {
    guard let d = CheckDigit.digits(text), d.count == 9 else { return false }
    return CheckDigit.mod11(Array(d[0..<8]), weights: weights) == d[8]
  }

  /// The full number for an 8-digit body; nil when the body's remainder is 1 (no valid number).
  public static func make(body: String) -> String? {
    guard let d = CheckDigit.digits(body), d.count == 8,
      let k = CheckDigit.mod11(d, weights: weights)
    else { return nil }
    return CheckDigit.string(d) + String(k)
  }

  /// The number as `123 456 785`; nil when not valid.
  public static func formatted(_ text: String) -> String? {
    guard isValid(text), let d = CheckDigit.digits(text) else { return nil }
    let s = CheckDigit.string(d)
    return "\(s.prefix(3)) \(s.dropFirst(3).prefix(3)) \(s.suffix(3))"
  }

  /// The 9 digits without separators; nil when not valid.
  public static func normalized(_ text: String) -> String? {
    isValid(text) ? CheckDigit.digits(text).map(CheckDigit.string) : nil
  }
}
