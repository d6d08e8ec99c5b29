/// Fødselsnummer and D-number: DDMMYY + 3-digit individual number + 2 check digits.
///
/// A D-number adds 4 to the first digit. The century follows from the individual number
/// (Skatteetaten's ranges). The number is personal data: show it only through `masked`.
public enum BirthNumber {
  static let k1Weights = [3, 7, 6, 1, 8, 9, 4, 5, 2]
  static let k2Weights = [5, 4, 3, 2, 7, 6, 5, 4, 3, 2]

  /// Whether `text` is 11 digits with a real birth date and correct k1 and k2 check digits.
  public static func isValid(_ text: String) -> Bool {
    guard let d = CheckDigit.digits(text), d.count == 11,
      CheckDigit.mod11(Array(d[0..<9]), weights: k1Weights) == d[9],
      CheckDigit.mod11(Array(d[0..<10]), weights: k2Weights) == d[10]
    else { return false }
    return birthDate(d) != nil
  }

  /// Whether `text` is a valid D-number (first digit raised by 4).
  public static func isDNumber(_ text: String) -> Bool {
    isValid(text) && (CheckDigit.digits(text)?.first ?? 0) >= 4
  }

  /// The birth date encoded in a valid number; nil when invalid.
  public static func birthDate(_ text: String) -> Day? {
    guard isValid(text), let d = CheckDigit.digits(text) else { return nil }
    return birthDate(d)
  }

  /// The date from the digits, with the century from the individual number.
  static func birthDate(_ d: [Int]) -> Day? {
    let dd = (d[0] >= 4 ? d[0] - 4 : d[0]) * 10 + d[1]
    let mm = d[2] * 10 + d[3]
    let yy = d[4] * 10 + d[5]
    let individual = d[6] * 100 + d[7] * 10 + d[8]
    guard let century = century(individual: individual, yy: yy) else { return nil }
    return Day(year: century + yy, month: mm, day: dd)
  }

  /// 1800, 1900 or 2000 from the individual number and two-digit year; nil if impossible.
  static func century(individual: Int, yy: Int) -> Int? {
    switch individual {
    case 0...499: return 1900
    case 500...749 where yy >= 54: return 1800
    case 500...999 where yy <= 39: return 2000
    case 900...999 where yy >= 40: return 1900
    default: return nil
    }
  }

  /// The number for a birth date and individual number (0–999); nil when that individual
  /// number does not fit the century or a check digit would be 10 (try the next one).
  public static func make(birthDate: Day, individual: Int, dNumber: Bool = false) -> String? {
    let c = birthDate.components
    guard (0...999).contains(individual),
      century(individual: individual, yy: c.year % 100) == c.year - c.year % 100
    else { return nil }
    var d = [
      c.day / 10 + (dNumber ? 4 : 0), c.day % 10, c.month / 10, c.month % 10,
      (c.year % 100) / 10, c.year % 10, individual / 100, (individual / 10) % 10, individual % 10,
    ]
    guard let k1 = CheckDigit.mod11(d, weights: k1Weights) else { return nil }
    d.append(k1)
    guard let k2 = CheckDigit.mod11(d, weights: k2Weights) else { return nil }
    d.append(k2)
    return CheckDigit.string(d)
  }

  /// The number for display: the six date digits then `*****` (`311299*****`).
  ///
  /// Anything that is not 11 digits is masked completely, so a typo never leaks a number.
  public static func masked(_ text: String) -> String {
    guard let d = CheckDigit.digits(text), d.count == 11 else {
      return String(repeating: "*", count: max(11, text.count))
    }
    return CheckDigit.string(Array(d[0..<6])) + "*****"
  }
}
