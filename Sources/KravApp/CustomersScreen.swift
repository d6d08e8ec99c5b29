import KravCore
import TerminalUI

/// Columns of the Customers table; the name column takes what is left.
func customerColumns(_ t: Catalogue) -> [TableColumn] {
  [
    TableColumn(t(.colName), width: .flex(min: 16)),
    TableColumn(t(.colKind), width: .fixed(7)),
    TableColumn(t(.colOverdue), width: .fixed(13), alignment: .right),
    TableColumn(t(.colOutstanding), width: .fixed(13), alignment: .right),
    TableColumn(t(.colOldestDue), width: .fixed(14)),
    TableColumn(t(.colStep), width: .flex(min: 10)),
  ]
}

/// Rows the Customers table can show at once (body less the header row).
func customersVisibleRows(_ state: AppState) -> Int { max(1, state.size.height - 3) }

/// The step label a customer row shows: the ladder step, or "overdue" before any notice.
func stepLabel(_ s: CustomerSummary, _ t: Catalogue) -> String {
  let step = s.step == .invoice ? t(.stepOverdue) : t.step(s.step)
  // A dispute or a hold matters more to the collector than the step: it says "don't chase".
  if s.isDisputed { return t(.statusDisputed) + (s.step == .invoice ? "" : " (\(step))") }
  if s.isOnHold { return t(.statusOnHold) + (s.step == .invoice ? "" : " (\(step))") }
  // Only the withheld part is disputed; the rest goes on, so the step comes first.
  if s.partlyDisputed.isPositive {
    return "\(step), \(t(.statusPartlyDisputed)) \(t.money(s.partlyDisputed))"
  }
  return step
}

func renderCustomers(
  _ state: AppState, _ view: CustomersView, rows: [CustomerSummary], in area: Rect,
  buffer: inout Buffer
) {
  let t = state.catalogue
  let selected = rows.firstIndex { $0.id == view.selectedId } ?? (rows.isEmpty ? nil : 0)
  let height = max(1, area.height - 1)
  var scroll = TableScroll(selected: selected, offset: view.offset)
  scroll.keepVisible(rowCount: rows.count, visibleHeight: height)
  // Format only the rows on screen: a large store has tens of thousands of overdue customers.
  let window = scroll.visibleRange(rowCount: rows.count, visibleHeight: height)
  let table = Table(
    columns: customerColumns(t),
    rows: rows[window].map { r in
      [
        r.name, t.kind(r.kind), t.money(r.overdue), t.money(r.outstanding),
        r.oldestDue.map(t.day) ?? "", stepLabel(r, t),
      ]
    },
    scroll: TableScroll(selected: selected.map { $0 - window.lowerBound }, offset: 0),
    emptyText: view.query.isEmpty ? t(.noCustomers) : t(.noMatches))
  buffer.render(table, in: area)
}

/// Moves the selection within `rows` (the view's visible rows) and keeps it on screen; the new
/// offset is stored in the view.
func moveSelection(
  _ state: AppState, _ view: inout CustomersView, rows: [CustomerSummary], to index: Int
) {
  guard
    let i = scrolledSelection(
      index, count: rows.count, offset: &view.offset, visible: customersVisibleRows(state))
  else { return }
  view.selectedId = rows[i].id
}
