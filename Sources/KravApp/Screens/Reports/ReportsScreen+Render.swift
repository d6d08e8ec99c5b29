import KravCore
import TerminalUI

extension ReportsScreen {
  /// The title bar text.
  static func title(_ state: AppState, _ view: ReportsView) -> String {
    let t = state.catalogue
    return "\(t(.appTitle)) – \(t.report(.reportsTitle)): \(view.kind.title(t))"
  }

  /// Draws the screen: the report tabs and period, the chart, the table (or the drill-down).
  static func render(_ state: AppState, _ view: ReportsView, in area: Rect, buffer: inout Buffer) {
    let t = state.catalogue
    guard let v = cachedView(state, view), area.height >= 4 else { return }
    // Line 1: the reports, the shown one in reverse video; then the range and grouping.
    var x = area.x
    for k in ReportKind.allCases {
      let label = " \(k.title(t)) "
      x += buffer.put(
        label, x: x, y: area.y, style: k == view.kind ? Style(bold: true, reverse: true) : .plain,
        maxWidth: max(0, area.x + area.width - x))
    }
    _ = buffer.put(v.subtitle, x: area.x, y: area.y + 1, style: .bold, maxWidth: area.width)
    let body = Rect(x: area.x, y: area.y + 3, width: area.width, height: area.height - 3)
    guard !v.bars.isEmpty else {
      _ = buffer.put(t.report(.noData), x: body.x, y: body.y, maxWidth: body.width)
      return
    }
    // The chart takes at most half the body; the selected bar is marked with ▶ (or >).
    let chartHeight = min(v.bars.count, 12, max(1, body.height / 2))
    let first = max(0, min(view.selected - chartHeight + 1, v.bars.count - chartHeight))
    let shown = Array(v.bars[first..<min(v.bars.count, first + chartHeight)])
    for (k, _) in shown.enumerated() where first + k == view.selected {
      _ = buffer.put("▶", x: body.x, y: body.y + k, style: .bold, maxWidth: 1)
    }
    buffer.render(
      BarChart(bars: shown, barStyle: .plain, labelStyle: .plain),
      in: Rect(x: body.x + 2, y: body.y, width: body.width - 2, height: chartHeight))
    let below = Rect(
      x: body.x, y: body.y + chartHeight + 1, width: body.width,
      height: max(0, body.height - chartHeight - 1))
    if view.drill {
      renderDrill(state, view, v, in: below, buffer: &buffer)
    } else {
      renderTable(v, in: below, buffer: &buffer)
    }
  }

  /// The table under the chart, then the notes (wrapped) as far as they fit.
  ///
  /// Columns by priority (`ColumnLayout`): the report's `priorities`, else left to right.
  /// A figure is never cut: each column's narrowest width is its widest cell, so when the
  /// screen is too narrow the right-most columns give way whole.
  static func renderTable(_ v: ReportView, in area: Rect, buffer: inout Buffer) {
    guard area.height > 1 else { return }
    let layout = v.columns.enumerated().map { i, c in
      let widest = v.rows.reduce(TextWidth.width(of: c)) { w, row in
        i < row.count ? max(w, TextWidth.width(of: row[i])) : w
      }
      return LayoutColumn(
        c, min: i == 0 ? min(widest, 10) : widest,
        priority: i < v.priorities.count ? v.priorities[i] : i, alignment: i == 0 ? .left : .right,
        grows: i == 0)
    }
    let laid = ColumnLayout.table(layout, rows: v.rows, width: area.width)
    let tableHeight = min(area.height, v.rows.count + 1)
    buffer.render(
      Table(columns: laid.columns, rows: laid.rows, scroll: TableScroll(selected: nil, offset: 0)),
      in: Rect(x: area.x, y: area.y, width: area.width, height: tableHeight))
    var y = area.y + tableHeight + 1
    for note in v.notes {
      for line in TextWidth.wrap(note, to: area.width) where y < area.y + area.height {
        _ = buffer.put(line, x: area.x, y: y, maxWidth: area.width)
        y += 1
      }
    }
  }

  /// The claims or customers behind the selected bar, with what each owes today.
  static func renderDrill(
    _ state: AppState, _ view: ReportsView, _ v: ReportView, in area: Rect, buffer: inout Buffer
  ) {
    let t = state.catalogue
    guard area.height > 2 else { return }
    let bar = v.bars.indices.contains(view.selected) ? v.bars[view.selected].label : ""
    _ = buffer.put(
      "\(t.report(.drillTitle)): \(bar)", x: area.x, y: area.y, style: .bold, maxWidth: area.width)
    let targets = drillTargets(state, view)
    let count = drillCount(targets)
    let list = Rect(x: area.x, y: area.y + 1, width: area.width, height: area.height - 1)
    let l = state.ledger
    let curve = InterestCurve(table: l.rateTable, through: state.today)
    let visible = view.drillOffset..<min(count, view.drillOffset + max(1, list.height - 1))
    var cells: [[String]] = []
    for i in visible {
      guard let r = drillRow(state, targets, i) else { continue }
      let name = l.customers[r.customer]?.name ?? r.customer
      let owed =
        r.claim >= 0
        ? t.money(l.claims.values[r.claim].balance(asOf: state.today, curve: curve).outstanding)
        : ""
      cells.append([r.customer, name, r.invoice ?? "", owed])
    }
    // Only the rows shown are built: the table gets them with the selection moved to match.
    let selected = view.drillSelected - view.drillOffset
    buffer.render(
      Table(
        columns: [
          TableColumn(t.report(.customer), width: .fixed(10)),
          TableColumn(t(.colName), width: .flex(min: 12)),
          TableColumn(t(.colInvoice), width: .fixed(12)),
          TableColumn(t(.colOutstanding), width: .fixed(18), alignment: .right),
        ], rows: cells,
        scroll: TableScroll(selected: cells.indices.contains(selected) ? selected : nil, offset: 0),
        emptyText: t.report(.noData)), in: list)
    _ = buffer.put(
      "\(view.drillSelected + 1)/\(count)", x: area.x + area.width - 14, y: area.y,
      maxWidth: 14)
  }
}
