import KravCore
import KravPDF

/// Letters as A4 PDFs (Docs/letters.md shows one and gives the measurements).
///
/// The page follows DIN 676 form B, the layout window envelopes are made for (DIN 680): the
/// recipient's address sits in the field 20 mm from the left and 45 mm from the top, 85 × 45 mm,
/// which shows through the window of a C5 envelope (A4 folded once) and of an E65/DL envelope
/// (A4 folded in three at the fold marks, 105 and 210 mm).
public enum LetterPDF {
  /// The address field (DIN 676 form B), millimetres from the top left of the page.
  public static let addressField = (x: 20.0, y: 45.0, width: 85.0, height: 45.0)
  /// The fold marks of form B for a letter folded in three (E65/DL).
  public static let foldMarks = [105.0, 210.0]
  static let left = 20.0
  static let right = 190.0
  static let bottom = 272.0

  /// One PDF with `letters` one after another. With `oddPageStarts` (a print batch for duplex
  /// printing) a blank page is put in where needed so each letter starts on an odd page.
  /// Page numbers ("Side 1 av 2") count within each letter. `logo` is a PNG file.
  public static func render(
    _ letters: [PrintedLetter], logo: String? = nil, oddPageStarts: Bool = false,
    title: String? = nil
  ) throws -> [UInt8] {
    try renderCounting(letters, logo: logo, oddPageStarts: oddPageStarts, title: title).bytes
  }

  /// Throws unless `path` is a PNG cairo can read.
  public static func checkLogo(_ path: String) throws {
    _ = try PDFDocument().imageSize(png: path, width: 10)
  }

  /// `render`, with the number of pages (blank ones included).
  public static func renderCounting(
    _ letters: [PrintedLetter], logo: String? = nil, oddPageStarts: Bool = false,
    title: String? = nil
  ) throws -> (bytes: [UInt8], pages: Int) {
    let doc = try PDFDocument(title: title ?? letters.first?.title)
    doc.pageNumberText = { "Side \($0) av \($1)" }
    doc.pageNumberY = 289
    for (i, l) in letters.enumerated() {
      if i > 0 {
        if oddPageStarts && doc.pageCount % 2 == 1 { doc.newPage(blank: true) }
        doc.newSection()
      }
      try draw(l, into: doc, logo: logo)
    }
    return (try doc.finish(), doc.pageCount)
  }

  /// Draws one letter from the document's current (empty) page on.
  public static func draw(_ l: PrintedLetter, into doc: PDFDocument, logo: String?) throws {
    let s = l.sender
    // Letterhead: the creditor's name and details at the top, the logo on the right.
    if let logo {
      // Flush with the right margin, at most 50 × 22 mm.
      let size = try doc.imageSize(png: logo, width: 50, height: 22)
      try doc.image(png: logo, x: right - size.width, y: 12, width: size.width, height: size.height)
    }
    var y = 12.0
    y += doc.text(s.name, x: left, y: y, width: 110, font: .sans(15, bold: true))
    var details = s.address
    details.append("Org.nr. \(s.orgnr)")
    let contact = [s.phone.map { "Telefon \($0)" }, s.email.map { "E-post \($0)" }].compactMap {
      $0
    }
    if !contact.isEmpty { details.append(contact.joined(separator: "   ")) }
    for d in details {
      y += doc.text(d, x: left, y: y, width: 110, font: .sans(8.5), color: .gray(0.25))
    }
    // The return address over the window, small, then the recipient.
    let f = addressField
    let back = ([s.name] + s.address).joined(separator: ", ")
    doc.text(back, x: f.x, y: f.y + 2, width: f.width, font: .sans(6.5), color: .gray(0.3))
    doc.line(
      x1: f.x, y1: f.y + 5.5, x2: f.x + f.width, y2: f.y + 5.5, width: 0.15, color: .gray(0.5))
    var ry = f.y + 10
    for line in l.recipient.prefix(6) {
      ry += doc.text(line, x: f.x, y: ry, width: f.width, font: .sans(10.5))
    }
    // Fold marks at the left edge.
    for m in foldMarks { doc.line(x1: 4, y1: m, x2: 9, y2: m, width: 0.2, color: .gray(0.5)) }
    // The info block beside the window: date and references.
    var iy = f.y + 10
    for r in l.references {
      doc.text(r.label, x: 125, y: iy, width: 28, font: .sans(8.5), color: .gray(0.3))
      iy += max(4.2, doc.text(r.value, x: 153, y: iy, width: 40, font: .sans(8.5)))
    }
    // Footer on every page of the letter: the creditor and the account.
    let footer =
      "\(s.name)  ·  Org.nr. \(s.orgnr)  ·  Konto \(s.account)"
      + (s.email.map { "  ·  \($0)" } ?? "")
    func drawFooter() {
      doc.text(
        footer, x: left, y: 281, width: right - left, font: .sans(7.5), align: .center,
        color: .gray(0.3))
    }
    drawFooter()
    // Title and body.
    let flow = PDFFlow(
      document: doc, left: left, width: right - left, top: 20, bottom: bottom,
      y: max(100, iy + 6))
    flow.onNewPage = { fl in
      fl.document.text(
        "\(s.name) – \(l.title) – \(LetterText.day(l.date))", x: left, y: 12, width: right - left,
        font: .sans(8), color: .gray(0.3))
      fl.y = 22
      drawFooter()
    }
    flow.paragraph(l.title, font: .sans(13, bold: true), after: 4)
    for b in l.blocks {
      switch b {
      case .paragraph(let p):
        flow.paragraph(p, font: .sans(10), after: 3)
      case .heading(let h):
        flow.paragraph(h, font: .sans(10.5, bold: true), after: 1.5)
      case .preformatted(let p):
        flow.paragraph(p, font: .mono(8.5), after: 3)
      case .table(let columns, let rightAligned, let rows, let footer):
        let total = right - left
        let first = columns.count > 1 ? 30.0 : total
        let rest = columns.count > 1 ? (total - first) / Double(columns.count - 1) : 0
        let cols = columns.enumerated().map { i, c in
          PDFTable.Column(
            c, width: i == 0 ? first : rest,
            align: i < rightAligned.count && rightAligned[i] ? .right : .left)
        }
        flow.table(PDFTable(columns: cols, rows: rows, footer: footer, font: .sans(9)))
        flow.space(4)
      }
    }
  }
}
