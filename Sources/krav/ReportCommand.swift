import ArgumentParser
import Foundation
import KravApp
import KravCore
import TerminalUI

/// `krav report KIND`: the manager's reports (Docs/reports.md).
struct ReportCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "report",
    abstract: "Reports: ageing, collected, promises, funnel, dso, collectors (Docs/reports.md).")
  @OptionGroup var global: GlobalOptions
  @Argument(help: "ageing, collected, promises, funnel, dso or collectors.") var kind: String
  @Option(help: "The first day of the report, YYYY-MM-DD (default: see --by).") var from: String?
  @Option(help: "The last day of the report, YYYY-MM-DD (default: today).") var to: String?
  @Option(
    help:
      "Group by day, week or month (default month; the range defaults to the 12 months, 12 weeks or 31 days up to today)."
  )
  var by: String = "month"
  @Flag(help: "CSV on stdout (one row per bucket, period, step or collector).") var csv = false
  @Option(
    help:
      "Also write the reports as a PDF to this file: the one asked for first, then the other five.")
  var pdf: String?

  func validate() throws {
    guard ReportKind(rawValue: kind) != nil else {
      throw CLIText.expected(
        option: "report", .oneOf(ReportKind.allCases.map(\.rawValue)), got: kind
      ).invalid
    }
    guard ReportGrouping(rawValue: by) != nil else {
      throw CLIText.expected(option: "--by", .alternatives(["day", "week", "month"]), got: by)
        .invalid
    }
    for (name, value) in [("--from", from), ("--to", to)] {
      if let v = value, Day(parsing: v) == nil {
        throw CLIText.expected(option: name, .dayFormat, got: v).invalid
      }
    }
    if let f = from.flatMap(Day.init(parsing:)), let t = to.flatMap(Day.init(parsing:)), t < f {
      throw CLIText.toBeforeFrom(to: t.iso, from: f.iso).invalid
    }
    if csv && global.json { throw CLIText.chooseOne("--csv", "--json").invalid }
  }

  /// The periods asked for: `--from`…`--to` by `--by`, else the standard range up to today.
  static func periods(from: Day?, to: Day?, grouping: ReportGrouping, today: Day)
    -> ReportPeriods
  {
    let end = to ?? today
    if let from { return ReportPeriods(from: from, to: end, grouping: grouping) }
    return ReportPeriods.standard(today: end, grouping: grouping)
  }

  func run() throws {
    let session = try Session.open(global, writing: false)
    let ledger = session.ledger
    let today = session.today
    let report = ReportKind(rawValue: kind)!
    let grouping = ReportGrouping(rawValue: by)!
    let periods = ReportCommand.periods(
      from: from.flatMap(Day.init(parsing:)), to: to.flatMap(Day.init(parsing:)),
      grouping: grouping, today: today)
    let facts = ReportFacts(ledger)
    let data = ReportData.build(
      report, ledger: ledger, facts: facts, periods: periods, today: today)
    if let pdf {
      // The monthly pack: the report asked for first, then the other five, same range.
      let t = Catalogue(global.language)
      let kinds = [report] + ReportKind.allCases.filter { $0 != report }
      let views = kinds.map {
        ReportViews.view($0, ledger: ledger, facts: facts, periods: periods, today: today, t)
      }
      try ReportPDF.write(views, creditor: session.creditor.name, today: today, to: pdf)
    }
    if global.json { return Output.json(data.json) }
    if csv {
      var text = data.csvHeader.joined(separator: ",") + "\n"
      for row in data.csvRows {
        text += row.map(ReportCommand.csvField).joined(separator: ",") + "\n"
      }
      FileHandle.standardOutput.write(Data(text.utf8))
      return
    }
    if pdf != nil { return }
    let t = Catalogue(global.language)
    let view = ReportViews.view(
      report, ledger: ledger, facts: facts, periods: periods, today: today, t)
    for line in ReportText.lines(view, width: 100, ascii: !ReportText.utf8Locale) {
      Output.line(line)
    }
  }

  /// A CSV field, quoted when it holds a comma, a quote or a line break.
  static func csvField(_ s: String) -> String {
    guard s.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else {
      return s
    }
    return "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\""
  }
}

/// A report as text for a terminal or a pipe: title, chart, table, notes.
enum ReportText {
  /// Whether the locale is UTF-8 (else the bars are drawn with `#`).
  static var utf8Locale: Bool {
    let env = ProcessInfo.processInfo.environment
    let locale =
      env["LC_ALL"].flatMap { $0.isEmpty ? nil : $0 } ?? env["LC_CTYPE"]
      .flatMap { $0.isEmpty ? nil : $0 } ?? env["LANG"] ?? ""
    let l = locale.lowercased()
    return l.contains("utf-8") || l.contains("utf8")
  }

  static func lines(_ v: ReportView, width: Int, ascii: Bool) -> [String] {
    var out = ["\(v.title) – \(v.subtitle)", ""]
    let labelWidth = v.bars.map { $0.label.displayWidth }.max() ?? 0
    let valueWidth = v.bars.map { $0.valueText.displayWidth }.max() ?? 0
    let barWidth = max(10, width - labelWidth - valueWidth - 4)
    let maximum = v.bars.map(\.value).max() ?? 0
    for b in v.bars {
      let bar = BarChart.bar(value: b.value, maximum: maximum, width: barWidth, ascii: ascii)
      out.append(
        TextWidth.pad(b.label, to: labelWidth) + "  " + TextWidth.pad(bar, to: barWidth) + "  "
          + b.valueText)
    }
    out.append("")
    var widths = v.columns.map(\.displayWidth)
    for r in v.rows {
      for (i, c) in r.enumerated() where i < widths.count {
        widths[i] = max(widths[i], c.displayWidth)
      }
    }
    func line(_ cells: [String]) -> String {
      cells.enumerated().map { i, c in
        TextWidth.pad(c, to: widths[i], align: i == 0 ? .left : .right)
      }.joined(separator: "  ")
    }
    out.append(line(v.columns))
    for r in v.rows { out.append(line(r)) }
    if !v.notes.isEmpty {
      out.append("")
      out += v.notes
    }
    return out
  }
}
