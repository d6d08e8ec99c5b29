import Foundation
import KravCore

/// The printed form of an e-mail draft Krav wrote (a call follow-up, the answer to an
/// objection), made when the collector wants one (`krav outbox pdf`): its subject as the title,
/// its body as the text, the letterhead and the customer's address in the window.
public enum DraftPDF {
  /// The subject and body of a draft `.eml` Krav wrote: headers unfolded, RFC 2047 `B` words
  /// decoded, the body decoded from quoted-printable, base64 or 8bit, CRLF made LF.
  public static func read(_ bytes: [UInt8]) -> (subject: String, body: String) {
    let text = String(decoding: bytes, as: UTF8.self).replacingOccurrences(of: "\r\n", with: "\n")
    let split = text.range(of: "\n\n")
    let head = split.map { String(text[..<$0.lowerBound]) } ?? text
    let rawBody = split.map { String(text[$0.upperBound...]) } ?? ""
    var headers: [String: String] = [:]
    var last: String?
    for line in head.split(separator: "\n") {
      if line.first == " " || line.first == "\t", let k = last {
        headers[k, default: ""] += " " + line.trimmingCharacters(in: .whitespaces)
      } else if let colon = line.firstIndex(of: ":") {
        let k = line[..<colon].lowercased()
        headers[k] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        last = k
      }
    }
    let encoding = headers["content-transfer-encoding"]?.lowercased() ?? "8bit"
    let body: String
    switch encoding {
    case "quoted-printable": body = quotedPrintable(rawBody)
    case "base64":
      body = String(
        decoding: Data(base64Encoded: rawBody.replacingOccurrences(of: "\n", with: "")) ?? Data(),
        as: UTF8.self)
    default: body = rawBody
    }
    return (decodeWords(headers["subject"] ?? ""), VisibleText.stripped(body))
  }

  /// `=?UTF-8?B?…?=` words decoded; other text kept.
  static func decodeWords(_ v: String) -> String {
    var out = ""
    var previousEncoded = false
    for word in v.split(separator: " ") {
      if word.hasPrefix("=?UTF-8?B?") || word.hasPrefix("=?utf-8?b?"), word.hasSuffix("?="),
        let d = Data(base64Encoded: String(word.dropFirst(10).dropLast(2)))
      {
        out += (out.isEmpty || previousEncoded ? "" : " ") + String(decoding: d, as: UTF8.self)
        previousEncoded = true
      } else {
        // White space between two encoded words is not part of the text (RFC 2047 § 6.2).
        out += (out.isEmpty ? "" : " ") + word
        previousEncoded = false
      }
    }
    return VisibleText.stripped(out.trimmingCharacters(in: .whitespaces), keepLines: false)
  }

  /// Quoted-printable (RFC 2045 § 6.7) decoded as UTF-8: soft line breaks removed, `=XX` bytes.
  static func quotedPrintable(_ s: String) -> String {
    var bytes: [UInt8] = []
    let u = Array(s.utf8)
    var i = 0
    func hex(_ b: UInt8) -> UInt8? {
      switch b {
      case 48...57: return b - 48
      case 65...70: return b - 55
      case 97...102: return b - 87
      default: return nil
      }
    }
    while i < u.count {
      if u[i] == UInt8(ascii: "=") {
        if i + 1 < u.count, u[i + 1] == 10 {
          i += 2
          continue
        }
        if i + 2 < u.count, let h = hex(u[i + 1]), let l = hex(u[i + 2]) {
          bytes.append(h << 4 | l)
          i += 3
          continue
        }
      }
      bytes.append(u[i])
      i += 1
    }
    return String(decoding: bytes, as: UTF8.self)
  }

  /// The PDF and layout files of the draft at `path` (`letters/….eml`) for `customer`.
  public static func files(
    path: String, bytes: [UInt8], creditor: Creditor, customer: Customer, today: Day
  ) throws -> [DocumentFile] {
    let (subject, body) = read(bytes)
    let stem = String(path.dropLast(4))
    let id = String(stem.split(separator: "/").last ?? "")
    var blocks: [PrintedLetter.Block] = []
    for chunk in body.components(separatedBy: "\n\n")
    where !chunk.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
      blocks.append(.paragraph(chunk.trimmingCharacters(in: .newlines)))
    }
    let letter = PrintedLetter(
      id: id, sender: PrintedLetter.sender(creditor),
      recipient: [customer.name] + PrintedLetter.addressLines(customer.address), date: today,
      references: [
        .init("Dato", LetterText.day(today)), .init("Kundenr.", customer.id), .init("Vår ref.", id),
      ],
      title: subject.isEmpty ? "Melding" : subject, blocks: blocks)
    return try PrintedDocuments.files(base: stem, letter, logo: creditor.logo)
  }
}
