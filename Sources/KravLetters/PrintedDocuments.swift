import Foundation
import KravCore

/// The printed files of a document, written beside its `.txt` and `.eml` in `letters/`:
/// `<base>.pdf` (the letter as the debtor gets it, on paper or attached to the e-mail) and
/// `<base>.layout.json` (the `PrintedLetter` it was drawn from, so a print batch can draw it
/// again with the other letters of the day).
public enum PrintedDocuments {
  /// The PDF and layout of a step letter (court drafts included).
  public static func files(for draft: LetterDraft, creditor: Creditor) throws -> [DocumentFile] {
    try files(
      base: "letters/\(draft.id)", PrintedLetter(draft: draft, creditor: creditor),
      logo: creditor.logo)
  }

  /// The PDF and layout of `letter`, as files named `<base>.pdf` and `<base>.layout.json`.
  public static func files(base: String, _ letter: PrintedLetter, logo: String?) throws
    -> [DocumentFile]
  {
    let pdf = try LetterPDF.render([letter], logo: logo)
    return [
      DocumentFile(path: base + ".pdf", bytes: pdf),
      DocumentFile(path: base + ".layout.json", bytes: try encode(letter)),
    ]
  }

  /// `files` with the printed files of each text document among them added (a plan, an
  /// acceleration notice): the recipient and date are read from the text's own header (the
  /// creditor's lines, a blank line, the recipient's name and address, a blank line, the date).
  public static func adding(to files: [DocumentFile], creditor: Creditor) throws -> [DocumentFile] {
    var out = files
    for f in files where f.path.hasSuffix(".txt") {
      let base = String(f.path.dropLast(4))
      let text = String(decoding: f.bytes, as: UTF8.self)
      let chunks = text.components(separatedBy: "\n\n")
      guard chunks.count > 3, let date = day(chunks[2]) else { continue }
      let recipient = chunks[1].split(separator: "\n").flatMap {
        PrintedLetter.addressLines(String($0))
      }
      let id = String(base.split(separator: "/").last ?? "")
      let letter = PrintedLetter(
        id: id, text: text, creditor: creditor, recipient: recipient, date: date,
        references: [.init("Dato", LetterText.day(date)), .init("Vår ref.", id)], title: "")
      out += try self.files(base: base, letter, logo: creditor.logo)
    }
    return out
  }

  /// `dd.mm.yyyy` as a day.
  static func day(_ s: String) -> Day? {
    let p = s.trimmingCharacters(in: .whitespacesAndNewlines).split(separator: ".")
    guard p.count == 3, let d = Int(p[0]), let m = Int(p[1]), let y = Int(p[2]) else { return nil }
    return Day(parsing: String(format: "%04d-%02d-%02d", y, m, d))
  }

  public static func encode(_ letter: PrintedLetter) throws -> [UInt8] {
    let e = JSONEncoder()
    e.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
    return Array(try e.encode(letter)) + [10]
  }

  public static func decode(_ bytes: [UInt8]) throws -> PrintedLetter {
    try JSONDecoder().decode(PrintedLetter.self, from: Data(bytes))
  }
}
