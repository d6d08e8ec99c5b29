import KravCore

/// Bank account numbers as bank files and collectors write them: Norwegian 11-digit BBANs
/// (`8601.11.17947`), Norwegian IBANs (`NO93 8601 1117 947`) and other countries' IBANs.
public enum BankAccount {
  /// The canonical form used to compare accounts: the 11-digit BBAN for a Norwegian account
  /// (given as a BBAN or as a `NO` IBAN), the IBAN in capitals without spaces for any other
  /// country; nil when the text is neither a valid Norwegian account nor a valid IBAN.
  public static func normalized(_ text: String) -> String? {
    let compact = String(text.filter { $0 != " " && $0 != "." && $0 != "-" }).uppercased()
    if compact.count == 11, AccountNumber.isValid(compact) { return compact }
    guard isValidIBAN(compact) else { return nil }
    if compact.hasPrefix("NO") {
      let bban = String(compact.dropFirst(4))
      return AccountNumber.isValid(bban) ? bban : nil
    }
    return compact
  }

  /// Whether the text (capitals, no spaces) is an IBAN with correct ISO 13616 check digits:
  /// two letters, two digits, 11–30 letters or digits, and the mod-97 remainder 1.
  public static func isValidIBAN(_ s: String) -> Bool {
    let c = Array(s.utf8)
    guard c.count >= 15, c.count <= 34, isLetter(c[0]), isLetter(c[1]), isDigit(c[2]),
      isDigit(c[3]), c.allSatisfy({ isLetter($0) || isDigit($0) })
    else { return false }
    if s.hasPrefix("NO") && c.count != 15 { return false }
    return mod97(Array(c[4...]) + Array(c[0..<4])) == 1
  }

  /// The Norwegian IBAN of an 11-digit BBAN (`86011117947` → `NO9386011117947`).
  public static func norwegianIBAN(_ bban: String) -> String {
    let check = 98 - mod97(Array((bban + "NO00").utf8))
    return "NO" + (check < 10 ? "0" : "") + String(check) + bban
  }

  /// Whether a canonical account (see `normalized`) is Norwegian.
  public static func isNorwegian(_ canonical: String) -> Bool {
    canonical.count == 11 && canonical.allSatisfy(\.isASCII)
      && canonical.allSatisfy(\.isNumber)
  }

  /// How an account is shown: `8601.11.17947` for a Norwegian one, the IBAN in groups of four
  /// otherwise, the text as given when it is neither.
  public static func display(_ canonical: String) -> String {
    if isNorwegian(canonical), let f = AccountNumber.formatted(canonical) { return f }
    guard isValidIBAN(canonical) else { return canonical }
    var out = ""
    for (i, ch) in canonical.enumerated() {
      if i > 0 && i % 4 == 0 { out.append(" ") }
      out.append(ch)
    }
    return out
  }

  static func isLetter(_ b: UInt8) -> Bool { b >= 65 && b <= 90 }
  static func isDigit(_ b: UInt8) -> Bool { b >= 48 && b <= 57 }

  /// The ISO 7064 mod-97 remainder of characters read as a number, letters as 10–35.
  static func mod97(_ c: [UInt8]) -> Int {
    var r = 0
    for b in c {
      if isDigit(b) {
        r = (r * 10 + Int(b - 48)) % 97
      } else if isLetter(b) {
        r = (r * 100 + Int(b - 55)) % 97
      } else if b >= 97 && b <= 122 {
        r = (r * 100 + Int(b - 87)) % 97
      }
    }
    return r
  }
}

/// ISO 11649 structured creditor references (`RF18 5390 0754 7034`): `RF`, two check digits
/// and 1–21 letters or digits, with the mod-97 remainder 1 (letters counted as 10–35).
///
/// Some Norwegian invoices carry one instead of a KID; Krav lets a claim use it as its
/// payment reference, and matches bank payments that carry it as it matches KIDs.
public enum CreditorReference {
  /// The reference in capitals without spaces, when it is a valid creditor reference.
  public static func normalized(_ text: String) -> String? {
    let c = String(text.filter { $0 != " " }).uppercased()
    return isValid(c) ? c : nil
  }

  /// Whether `s` (capitals, no spaces) is a valid creditor reference.
  public static func isValid(_ s: String) -> Bool {
    let c = Array(s.utf8)
    guard c.count >= 5, c.count <= 25, c[0] == UInt8(ascii: "R"), c[1] == UInt8(ascii: "F"),
      BankAccount.isDigit(c[2]), BankAccount.isDigit(c[3]),
      c[4...].allSatisfy({ BankAccount.isLetter($0) || BankAccount.isDigit($0) })
    else { return false }
    return BankAccount.mod97(Array(c[4...]) + Array(c[0..<4])) == 1
  }
}

/// A claim's payment reference as a collector or an accounting file gives it: a KID or an
/// ISO 11649 creditor reference.
public enum PaymentReference {
  /// The reference as stored on the claim (KID digits, or the RF reference in capitals without
  /// spaces); nil when it is neither a valid KID nor a valid creditor reference.
  public static func normalized(_ text: String) -> String? {
    let compact = text.filter { $0 != " " }
    if KID.isValid(compact) { return compact }
    return CreditorReference.normalized(compact)
  }
}

/// A structured remittance reference from a bank file, sorted into what Krav can do with it.
public enum StructuredReference: Hashable, Sendable {
  /// A Norwegian KID (2–25 digits, MOD10 or MOD11), on a payment to a Norwegian account.
  case kid(String)
  /// An ISO 11649 creditor reference (`RF…`), in capitals without spaces.
  case creditor(String)
  /// Anything else (a Finnish reference, a Swiss QR reference, a KID with a wrong check digit):
  /// kept as text, leading zeros and all, for matching by invoice number; never a KID.
  case other(String)

  /// Sorts a reference. Digits are a KID only on a payment to a Norwegian account (other
  /// countries' references can pass a MOD10 or MOD11 check by chance).
  public static func classify(_ raw: String, norwegianAccount: Bool) -> StructuredReference? {
    let trimmed = raw.trimmingCharacters(in: " ")
    guard !trimmed.isEmpty else { return nil }
    let compact = trimmed.filter { $0 != " " }
    if let rf = CreditorReference.normalized(compact) { return .creditor(rf) }
    if norwegianAccount, KID.isValid(compact) { return .kid(compact) }
    return .other(trimmed)
  }

  /// The reference's text.
  public var text: String {
    switch self {
    case .kid(let s), .creditor(let s), .other(let s): return s
    }
  }
}

/// An amount in some currency as a bank file gives it, kept exactly (`CHF 100`).
public struct CurrencyAmount: Hashable, Sendable, CustomStringConvertible {
  /// ISO 4217 code (`NOK`, `EUR`, `CHF`).
  public var currency: String
  /// The amount in hundredths of the currency's unit (øre for NOK).
  public var minor: Int64

  /// An amount of `minor` hundredths of `currency`.
  public init(currency: String, minor: Int64) {
    self.currency = currency
    self.minor = minor
  }

  /// `EUR 147.00`.
  public var description: String { "\(currency) \(Money(ore: minor).jsonString)" }

  /// The amount in kroner, when it is one.
  public var nok: Money? { currency == "NOK" ? Money(ore: minor) : nil }

  /// Reads an ISO 20022 decimal amount (`100`, `100.5`, `1250.00`, up to five decimals, no
  /// sign, no grouping) into hundredths; nil when it is not one, has a non-zero third decimal
  /// (no currency Krav meets has smaller units than a hundredth), or has more than 12 digits
  /// before the point (so that sums of a file's amounts cannot overflow).
  public static func minorUnits(_ text: String) -> Int64? {
    // On the UTF-8 bytes: a bank file has one or more of these per payment (issue 16, point 9).
    var utf8 = Substring(text).utf8
    while utf8.first == 0x20 { utf8 = utf8.dropFirst() }
    while utf8.last == 0x20 { utf8 = utf8.dropLast() }
    var whole: Int64 = 0
    var wholeDigits = 0
    var fraction: Int64 = 0
    var fractionDigits = 0
    var sawPoint = false
    for c in utf8 {
      if c == 0x2E {
        guard !sawPoint else { return nil }
        sawPoint = true
        continue
      }
      guard c >= 0x30 && c <= 0x39 else { return nil }
      let d = Int64(c - 0x30)
      if sawPoint {
        fractionDigits += 1
        guard fractionDigits <= 5 else { return nil }
        if fractionDigits <= 2 {
          fraction = fraction * 10 + d
        } else if d != 0 {
          return nil
        }
      } else {
        wholeDigits += 1
        guard wholeDigits <= 12 else { return nil }
        whole = whole * 10 + d
      }
    }
    guard wholeDigits > 0, !sawPoint || fractionDigits > 0 else { return nil }
    if fractionDigits == 1 { fraction *= 10 }
    return whole * 100 + fraction
  }
}
