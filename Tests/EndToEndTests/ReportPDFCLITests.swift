import Foundation
import KravTestSupport
import Testing

/// `krav report … --pdf FILE` with the real binary, read back with pdftotext (issue 21, point 6).
@Suite(
  "krav report --pdf", .timeLimit(.minutes(6)),
  .enabled(if: Tool.find("pdftotext") != nil, "pdftotext (poppler-utils) is not installed"))
struct ReportPDFCLITests {
  /// The amounts ("NOK 1,234.50") of the text report's "Total" row, in order.
  static func totalRow(_ text: String) -> [String] {
    guard let line = text.split(separator: "\n").last(where: { $0.hasPrefix("Total ") }) else {
      return []
    }
    let regex = try! NSRegularExpression(pattern: "NOK -?[0-9,]+\\.[0-9]{2}")
    let s = String(line)
    return regex.matches(in: s, range: NSRange(s.startIndex..., in: s)).map {
      String(s[Range($0.range, in: s)!])
    }
  }

  @Test(
    "collected and ageing as PDF: title, a bucket label and the total as the text shows it; 0600")
  func collectedAndAgeing() throws {
    let cli = KravCLI("rep-pdf", today: "2026-12-06")
    try #require(cli.isAvailable, "no krav binary: run swift build first")
    defer { cli.cleanUp() }
    try cli.runAll([["demo", "--store", cli.store, "--customers", "12", "--no-tui"]])
    for (kind, title, bucket, column) in [
      ("collected", "Collected", "06.2026", -1), ("ageing", "Ageing", "31–60 days", 0),
    ] {
      let text = try cli.run(["report", kind, "--lang", "en"])
      #expect(text.status == 0)
      let amounts = Self.totalRow(text.output)
      let total = try #require(column < 0 ? amounts.last : amounts.first, "\(kind): no total")
      // The text's total is the JSON total, so the PDF is checked against the real figure.
      let json = try cli.json(["report", kind]) as! [String: Any]
      #expect(
        total.dropFirst(4).replacingOccurrences(of: ",", with: "") == json["total"] as? String,
        "\(kind)")
      #expect(total != "NOK 0.00", "\(kind): an empty report proves little")

      let file = cli.store + "-\(kind).pdf"
      defer { unlink(file) }
      let r = try cli.run(["report", kind, "--lang", "en", "--pdf", file])
      #expect(r.status == 0, "\(r.output)")
      var st = stat()
      #expect(stat(file, &st) == 0 && st.st_mode & 0o777 == 0o600, "\(kind): mode")
      #expect(!FileManager.default.fileExists(atPath: file + ".tmp"))
      let pdf = try Tool.pdfText(file, layout: true)
      // The report asked for comes first: its title is on page 1.
      let first = pdf.split(separator: "\u{0C}").first.map(String.init) ?? ""
      #expect(first.contains(title), "\(kind): title")
      #expect(first.contains(bucket), "\(kind): bucket label")
      #expect(first.contains(total), "\(kind): total \(total)")
      // The monthly pack: the other five reports follow.
      for other in ["Collected", "Ageing", "Promises"] { #expect(pdf.contains(other), "\(other)") }
    }
  }

  @Test("--pdf into a folder that does not exist fails with the path and leaves nothing")
  func unwritable() throws {
    let cli = KravCLI("rep-pdf-bad", today: "2026-12-06")
    try #require(cli.isAvailable, "no krav binary: run swift build first")
    defer { cli.cleanUp() }
    try cli.runAll([["demo", "--store", cli.store, "--customers", "3", "--no-tui"]])
    let file = cli.store + "-missing/r.pdf"
    let r = try cli.run(["report", "ageing", "--pdf", file])
    #expect(r.status != 0 && r.output.contains(file))
    #expect(!FileManager.default.fileExists(atPath: file))
  }
}
