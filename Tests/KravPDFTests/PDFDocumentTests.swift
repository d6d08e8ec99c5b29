import Foundation
import KravPDF
import KravTestSupport
import Testing

@Suite("KravPDF")
struct PDFDocumentTests {
  static let pdftotext = Tool.find("pdftotext")

  func temp(_ name: String) -> String {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent(
      "krav-pdf-\(UUID().uuidString)")
    try? FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    return dir.appendingPathComponent(name).path
  }

  @Test(
    "A page with æøå, a table, a bar and page numbers reads back with pdftotext",
    .enabled(if: pdftotext != nil, "pdftotext (poppler-utils) is not installed"))
  func roundTrip() throws {
    let doc = try PDFDocument(title: "Prøve")
    doc.pageNumberText = { "Side \($0) av \($1)" }
    doc.text("Blåbærsyltetøy på Ærøy", x: 20, y: 20, font: .sans(14, bold: true))
    doc.text("høyre", x: 190, y: 30, align: .right)
    let flow = PDFFlow(document: doc, left: 20, width: 170, top: 20, bottom: 270, y: 40)
    flow.table(
      PDFTable(
        columns: [.init("Faktura", width: 40), .init("Beløp", width: 40, align: .right)],
        rows: [["1001", "1\u{2009}234,50 kr"], ["1002", "99,00 kr"]],
        footer: [["Sum", "1\u{2009}333,50 kr"]]))
    doc.rectangle(x: 20, y: flow.y + 5, width: 60, height: 8, fill: .gray(0.4))
    doc.line(x1: 20, y1: flow.y + 20, x2: 190, y2: flow.y + 20)
    doc.newPage()
    doc.text("Andre side", x: 20, y: 20)
    let bytes = try doc.finish()
    #expect(bytes.starts(with: Array("%PDF-".utf8)))
    let path = temp("a.pdf")
    try Data(bytes).write(to: URL(fileURLWithPath: path))
    let text = try Tool.pdfText(path)
    #expect(text.contains("Blåbærsyltetøy på Ærøy"))
    #expect(text.contains("høyre"))
    #expect(text.contains("1001"))
    #expect(text.contains("Sum"))
    #expect(text.contains("Side 1 av 2"))
    #expect(text.contains("Side 2 av 2"))
    #expect(text.contains("Andre side"))
    // The thin space survives as a space-like character between the digits.
    #expect(text.contains("1 234,50 kr") || text.contains("1\u{2009}234,50 kr"))
  }

  @Test(
    "Long text wraps inside its width and the flow breaks pages with the header repeated",
    .enabled(if: pdftotext != nil, "pdftotext (poppler-utils) is not installed"))
  func wrappingAndPageBreaks() throws {
    let doc = try PDFDocument()
    let one = doc.measure("ord", font: .sans(10)).height
    let many = doc.measure(String(repeating: "ord ", count: 200), width: 50, font: .sans(10)).height
    #expect(many > one * 10)
    let flow = PDFFlow(document: doc, left: 20, width: 170, top: 20, bottom: 270)
    flow.table(
      PDFTable(
        columns: [.init("Nr", width: 30), .init("Tekst", width: 100)],
        rows: (1...150).map { ["\($0)", "rad \($0)"] }))
    #expect(doc.pageCount > 1)
    let path = temp("b.pdf")
    try Data(try doc.finish()).write(to: URL(fileURLWithPath: path))
    let text = try Tool.pdfText(path)
    #expect(text.contains("rad 150"))
    // The header is repeated on each page of the table.
    #expect(text.components(separatedBy: "Tekst").count - 1 == doc.pageCount)
  }

  @Test(
    "Sections number their pages separately; blank pages carry no number",
    .enabled(if: pdftotext != nil, "pdftotext (poppler-utils) is not installed"))
  func sections() throws {
    let doc = try PDFDocument()
    doc.pageNumberText = { "Side \($0) av \($1)" }
    doc.newSection()
    doc.text("Brev A", x: 20, y: 20)
    doc.newPage(blank: true)
    doc.newSection()
    doc.text("Brev B", x: 20, y: 20)
    doc.newPage()
    doc.text("Brev B igjen", x: 20, y: 20)
    #expect(doc.pageCount == 4)
    let path = temp("c.pdf")
    try Data(try doc.finish()).write(to: URL(fileURLWithPath: path))
    let pages = try Tool.pdfPages(path)
    #expect(pages.count == 4)
    #expect(pages[0].contains("Side 1 av 1"))
    #expect(!pages[1].contains("Side"))
    #expect(pages[2].contains("Side 1 av 2"))
    #expect(pages[3].contains("Side 2 av 2"))
  }

  @Test("A PNG logo is drawn scaled; a file that is not a PNG is refused with its path")
  func images() throws {
    let logo = ProcessRunner.packageRoot() + "/Docs/images/logo-example.png"
    let doc = try PDFDocument()
    let size = try doc.image(png: logo, x: 20, y: 20, width: 40)
    #expect(abs(size.width - 40) < 0.001)
    #expect(size.height > 0)
    let bad = temp("bad.png")
    try Data("not a png".utf8).write(to: URL(fileURLWithPath: bad))
    #expect(throws: PDFError.self) { try doc.image(png: bad, x: 0, y: 0, width: 10) }
    #expect(try doc.finish().count > 1000)
  }
}
