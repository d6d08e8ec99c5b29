import Foundation
import KravApp
import KravCore
import KravPDF
import TerminalUI

/// The PDF form of the reports (issue 21): the monthly pack for a manager who reads away from
/// the terminal — every report, one after the other, each with its bar chart, its table and
/// its notes, drawn with the letters' cairo module (KravPDF).
enum ReportPDF {
  static let left = 18.0
  static let right = 192.0
  static let bottom = 280.0

  /// The reports of `views` in one PDF at `path` (mode 0600; written whole, then renamed into
  /// place, the temp file's mode forced to 0600 even if it existed before).
  static func write(_ views: [ReportView], creditor: String, today: Day, to path: String)
    throws
  {
    let doc = try PDFDocument(title: "Krav – \(views.first?.subtitle ?? "")")
    doc.pageNumberText = { n, total in "\(n) / \(total)" }
    for (i, v) in views.enumerated() {
      if i > 0 { doc.newPage() }
      draw(v, creditor: creditor, today: today, on: doc)
    }
    let bytes = try doc.finish()
    // Written 0600 (the reports name debtors and amounts) to a temp file beside it, synced,
    // then renamed into place: a reader never sees half a PDF.
    let tmp = path + ".tmp"
    let fd = open(tmp, O_CREAT | O_WRONLY | O_TRUNC, 0o600)
    guard fd >= 0 else {
      throw UserError(
        "--pdf: "
          + CLIText.cannotWrite(path, String(cString: strerror(errno))).text(CLIText.current))
    }
    let written = bytes.withUnsafeBytes { Foundation.write(fd, $0.baseAddress, $0.count) }
    let synced = fsync(fd) == 0
    close(fd)
    guard written == bytes.count, synced, chmod(tmp, 0o600) == 0, rename(tmp, path) == 0 else {
      unlink(tmp)
      throw UserError("--pdf: " + CLIText.writeFailed(path).text(CLIText.current))
    }
  }

  /// One report: header, chart (a bar per row: label, bar, value), table, notes.
  static func draw(_ v: ReportView, creditor: String, today: Day, on doc: PDFDocument) {
    var y = 16.0
    doc.text(creditor, x: left, y: y, font: .sans(9), color: .gray(0.35))
    doc.text(today.iso, x: right, y: y, font: .sans(9), align: .right, color: .gray(0.35))
    y += 7
    y += doc.text(v.title, x: left, y: y, font: .sans(16, bold: true)) + 1
    y += doc.text(v.subtitle, x: left, y: y, font: .sans(10)) + 5
    let labelWidth = min(
      55, (v.bars.map { doc.measure($0.label, font: .sans(8)).width }.max() ?? 0) + 2)
    let valueWidth = min(
      45, (v.bars.map { doc.measure($0.valueText, font: .sans(8)).width }.max() ?? 0) + 2)
    let barWidth = right - left - labelWidth - valueWidth - 4
    let maximum = v.bars.map(\.value).max() ?? 0
    let rowHeight = v.bars.count > 24 ? 3.6 : 5.0
    for bar in v.bars {
      if y + rowHeight > bottom {
        doc.newPage()
        y = 16
      }
      doc.text(bar.label, x: left, y: y, width: labelWidth, font: .sans(8))
      let length = maximum > 0 && bar.value > 0 ? barWidth * min(bar.value, maximum) / maximum : 0
      if length > 0 {
        doc.rectangle(
          x: left + labelWidth + 2, y: y + 0.5, width: length, height: rowHeight - 1.5,
          fill: bar.style?.fg == .red
            ? PDFColor(red: 0.75, green: 0.2, blue: 0.2)
            : PDFColor(red: 0.2, green: 0.4, blue: 0.7))
      }
      doc.text(
        bar.valueText, x: right, y: y, font: .sans(8), align: .right)
      y += rowHeight
    }
    y += 6
    y = table(v, on: doc, from: y)
    y += 4
    for note in v.notes {
      let h = doc.measure(note, width: right - left, font: .sans(8)).height
      if y + h > bottom {
        doc.newPage()
        y = 16
      }
      y += doc.text(note, x: left, y: y, width: right - left, font: .sans(8))
    }
  }

  /// The table: column widths from the widest cell, the first column left and the others
  /// right aligned; the header repeats on a new page.
  static func table(_ v: ReportView, on doc: PDFDocument, from top: Double) -> Double {
    guard !v.columns.isEmpty else { return top }
    let font = PDFFont.sans(v.columns.count > 7 ? 6.5 : 7.5)
    let bold = PDFFont.sans(font.size, bold: true)
    var widths = v.columns.map { doc.measure($0, font: bold).width }
    for r in v.rows {
      for (i, c) in r.enumerated() where i < widths.count {
        widths[i] = max(widths[i], doc.measure(c, font: font).width)
      }
    }
    let gap = max(1.5, ((right - left) - widths.reduce(0, +)) / Double(max(1, widths.count - 1)))
    let spacing = min(gap, 8)
    let lineHeight = font.size * 0.5
    var y = top
    func row(_ cells: [String], _ f: PDFFont) {
      var x = left
      for (i, c) in cells.enumerated() where i < widths.count {
        if i == 0 {
          doc.text(c, x: x, y: y, font: f)
        } else {
          doc.text(c, x: x + widths[i], y: y, font: f, align: .right)
        }
        x += widths[i] + spacing
      }
      y += lineHeight
    }
    func header() {
      row(v.columns, bold)
      doc.line(x1: left, y1: y, x2: right, y2: y, width: 0.2, color: .gray(0.5))
      y += 1
    }
    header()
    for (n, r) in v.rows.enumerated() {
      if y + lineHeight > bottom {
        doc.newPage()
        y = 16
        header()
      }
      if n == v.rows.count - 1, r.first == v.rows.last?.first, v.rows.count > 1,
        r.first.map({ ["Sum", "Total"].contains($0) }) == true
      {
        doc.line(x1: left, y1: y, x2: right, y2: y, width: 0.2, color: .gray(0.5))
        row(r, bold)
      } else {
        row(r, font)
      }
    }
    return y
  }
}
