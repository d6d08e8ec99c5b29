import Foundation

/// An e-mail address as RFC 5322 `addr-spec` in its common dot-atom form.
///
/// Every door that takes an address (CLI `--email`, CSV import) checks it with `isValid`, and
/// every `.eml` writer checks it again before putting it in a header: a CR or LF in an address
/// would otherwise add headers (`Bcc:`) to the message.
public enum EmailAddress {
  /// `atext` of RFC 5322 § 3.2.3 besides letters and digits.
  static let atextSpecials = Set("!#$%&'*+-/=?^_`{|}~".utf8)

  /// Whether `text` is `local@domain`: a dot-atom local part (letters, digits and the `atext`
  /// specials; no quoted strings, no comments), a domain of dot-separated labels of letters,
  /// digits and hyphens, at most 254 bytes in all; no space, no control character. Letters
  /// may be non-ASCII (RFC 6531, e.g. `bjorn@løvås.no`).
  public static func isValid(_ text: String) -> Bool {
    guard text.utf8.count <= 254 else { return false }
    let u = Array(text.unicodeScalars)
    guard let at = u.lastIndex(of: "@") else { return false }
    let local = u[..<at], domain = u[(at + 1)...]
    guard (1...64).contains(local.count), !domain.isEmpty else { return false }
    func alnum(_ s: Unicode.Scalar) -> Bool {
      if s.isASCII {
        let v = s.value
        return (v >= 48 && v <= 57) || (v >= 65 && v <= 90) || (v >= 97 && v <= 122)
      }
      let p = s.properties
      return p.isAlphabetic || p.numericType != nil
        || p.generalCategory == .nonspacingMark || p.generalCategory == .spacingMark
    }
    func isDotAtom(_ part: ArraySlice<Unicode.Scalar>, _ allowed: (Unicode.Scalar) -> Bool)
      -> Bool
    {
      let atoms = part.split(separator: ".", omittingEmptySubsequences: false)
      return atoms.allSatisfy { !$0.isEmpty && $0.allSatisfy(allowed) }
    }
    let local1 = isDotAtom(local) {
      alnum($0) || ($0.isASCII && atextSpecials.contains(UInt8($0.value)))
    }
    guard local1, isDotAtom(domain, { alnum($0) || $0 == "-" }) else { return false }
    return domain.split(separator: ".").allSatisfy {
      $0.count <= 63 && $0.first != "-" && $0.last != "-"
    }
  }

  /// Why an address is refused, without repeating it (it may hold control characters).
  public static let problem =
    "not an e-mail address (expected name@example.no: no spaces, quotes or control characters)"
}

/// Header values built from user text: never raw, always encoded and folded.
///
/// A display name is kept as itself only when it is plain `atext` and spaces; otherwise it is
/// RFC 2047 encoded words (`=?UTF-8?B?…?=`) of at most 64 characters, folded onto continuation
/// lines, after control characters are dropped. An address is written only when it is a valid
/// `addr-spec`; otherwise the header names no address (`undisclosed-recipients:;`).
public enum MailHeader {
  /// `name` as a phrase safe in a header.
  public static func displayName(_ name: String) -> String {
    let clean = VisibleText.stripped(name, keepLines: false)
    let plain = clean.utf8.allSatisfy {
      ($0 >= 48 && $0 <= 57) || ($0 >= 65 && $0 <= 90) || ($0 >= 97 && $0 <= 122) || $0 == 32
        || ($0 != UInt8(ascii: "=") && $0 != UInt8(ascii: "?")
          && EmailAddress.atextSpecials.contains($0))
    }
    if plain { return clean }
    return encodedWords(clean)
  }

  /// Unstructured text (a Subject) safe in a header: controls dropped, non-ASCII encoded.
  public static func unstructured(_ text: String) -> String {
    let clean = VisibleText.stripped(text, keepLines: false)
    let plain = clean.utf8.allSatisfy { $0 >= 0x20 && $0 < 0x7F } && !clean.contains("=?")
    return plain ? clean : encodedWords(clean)
  }

  /// `Name <address>` folded before the address when the line would pass 78 characters, or
  /// `Name:;` (an empty group: no recipient) when the address is not a valid addr-spec.
  /// `field` is the header's name, for the fold.
  public static func mailbox(field: String, name: String, address: String?) -> String {
    let phrase = displayName(name)
    guard let address, EmailAddress.isValid(address) else {
      return phrase.isEmpty || phrase.contains("\r\n") || phrase.hasPrefix("=?")
        ? "undisclosed-recipients:;" : "\(phrase):;"
    }
    if phrase.isEmpty { return "<\(address)>" }
    let last = phrase.components(separatedBy: "\r\n").last ?? phrase
    let first = phrase.contains("\r\n") ? 1 : field.utf8.count + 2
    let fits = first + last.utf8.count + address.utf8.count + 3 <= 78
    return fits ? "\(phrase) <\(address)>" : "\(phrase)\r\n <\(address)>"
  }

  /// RFC 2047 `B` encoded words of at most 39 bytes of UTF-8 each (64 characters with the
  /// delimiters), cut between characters, joined by folding white space.
  public static func encodedWords(_ text: String) -> String {
    var words: [String] = []
    var chunk: [UInt8] = []
    for ch in text {
      let bytes = Array(String(ch).utf8)
      if chunk.count + bytes.count > 39 && !chunk.isEmpty {
        words.append("=?UTF-8?B?" + Data(chunk).base64EncodedString() + "?=")
        chunk = []
      }
      chunk += bytes
    }
    if !chunk.isEmpty { words.append("=?UTF-8?B?" + Data(chunk).base64EncodedString() + "?=") }
    return words.joined(separator: "\r\n ")
  }

  /// Only the characters safe inside a `Message-ID` or an `X-` header (letters, digits,
  /// `-`, `.`, `_`, `:`, `@`).
  public static func token(_ text: String) -> String {
    String(
      text.unicodeScalars.filter {
        $0.isASCII
          && ($0.properties.isAlphabetic || ("0"..."9").contains($0)
            || "-._:@".unicodeScalars.contains($0))
      }.map(Character.init))
  }
}
