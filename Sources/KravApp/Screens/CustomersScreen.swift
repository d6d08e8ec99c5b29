import KravCore
import TerminalUI

/// The Customers screen: customers with overdue claims, searchable.
public struct CustomersView: Hashable, Sendable {
  /// The incremental search text ("" = all).
  public var query: String = ""
  /// The selected customer, by id so a reload never moves the selection to another row.
  public var selectedId: String?
  /// First visible row.
  public var offset: Int = 0
  public init() {}
}

/// The Customers screen: customers with overdue claims, searchable (state: `CustomersView`).
enum CustomersScreen {
  /// Columns of the Customers table by priority (`ColumnLayout`): the name and the step keep
  /// their room; kind and dates give way first.
  static func columns(_ t: Catalogue) -> [LayoutColumn] {
    [
      LayoutColumn(t(LLayout.colId), min: 5, max: 10, priority: 1),
      LayoutColumn(t(.colName), min: 12, max: 30, priority: 0, grows: true),
      LayoutColumn(t(.colKind), min: 7, max: 10, priority: 4),
      LayoutColumn(t(.colOverdue), min: 12, priority: 2, alignment: .right),
      LayoutColumn(t(.colOutstanding), min: 12, priority: 1, alignment: .right),
      LayoutColumn(t(.colOldestDue), min: 10, max: 14, priority: 3),
      LayoutColumn(t(.colStep), min: 8, max: 32, priority: 0, grows: true),
    ]
  }

  /// Rows the Customers table can show at once (body less the header row).
  static func visibleRows(_ state: AppState) -> Int { max(1, state.size.height - 3) }

  /// The step label a customer row shows: the ladder step, or "overdue" before any notice.
  static func stepLabel(_ s: CustomerSummary, _ t: Catalogue) -> String {
    let step = t.standing(s.step)
    // A dispute or a hold matters more to the collector than the step: it says "don't chase".
    if s.isDisputed { return t(.statusDisputed) + (s.step == .invoice ? "" : " (\(step))") }
    if s.isOnHold { return t(.statusOnHold) + (s.step == .invoice ? "" : " (\(step))") }
    // Only the withheld part is disputed; the rest goes on, so the step comes first.
    if s.partlyDisputed.isPositive {
      return "\(step), \(t(.statusPartlyDisputed)) \(t.money(s.partlyDisputed))"
    }
    return step
  }

  /// The step label with a state the summary does not name (a request awaiting approval, a
  /// conflict) in front.
  static func stateWord(_ s: RowState, _ t: Catalogue, _ step: String) -> String {
    switch s {
    case .approvalPending: return "\(t(.awaitingApproval)), \(step)"
    case .conflict: return "\(t(LLayout.stateConflict)), \(step)"
    default: return step
    }
  }

  static func render(
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
    var styles: [[Style?]] = []
    let cells: [[String]] = rows[window].map { r in
      // The state in colour (or marked under NO_COLOR) on the step; overdue money in red.
      var cellStyles = [Style?](repeating: nil, count: 7)
      var step = stepLabel(r, t)
      if r.overdue.isPositive { cellStyles[3] = RowState.overdue.style(colors: state.colors) }
      if let s = state.rowState(customer: r.id) {
        cellStyles[6] = s.style(colors: state.colors)
        step = s.label(
          s == .approvalPending || s == .conflict ? stateWord(s, t, step) : step,
          colors: state.colors)
      }
      styles.append(cellStyles)
      return [
        r.id, r.name, t.kind(r.kind), t.money(r.overdue), t.money(r.outstanding),
        r.oldestDue.map(t.day) ?? "", step,
      ]
    }
    let laid = ColumnLayout.table(columns(t), rows: cells, width: area.width)
    let table = Table(
      columns: laid.columns, rows: laid.rows,
      scroll: TableScroll(selected: selected.map { $0 - window.lowerBound }, offset: 0),
      emptyText: view.query.isEmpty ? t(.noCustomers) : t(.noMatches),
      cellStyles: styles.map { row in laid.kept.map { row[$0] } })
    buffer.render(table, in: area)
  }

  /// Moves the selection within `rows` (the view's visible rows) and keeps it on screen; the new
  /// offset is stored in the view.
  static func moveSelection(
    _ state: AppState, _ view: inout CustomersView, rows: [CustomerSummary], to index: Int
  ) {
    guard
      let i = scrolledSelection(
        index, count: rows.count, offset: &view.offset, visible: visibleRows(state))
    else { return }
    view.selectedId = rows[i].id
  }

  /// The screen's keys.
  static func keymap(_ t: Catalogue, moves: [KeyBinding<Action>]) -> Keymap<Action> {
    let act = t(.groupActions)
    let gen = t(.groupGeneral)
    return Keymap(
      moves.map { b in b.showing(b.action == .up || b.action == .down) } + [
        KeyBinding(
          keys: [.enter], action: .open, help: t(.keyOpen), group: act, showInStatusBar: true),
        SearchPrompt.binding(t),
        KeyBinding(
          keys: [.char("s")], action: .openQueue, help: t(.keyQueue), group: act,
          showInStatusBar: true),
        KeyBinding(
          keys: [.char("u")], action: .unmatchedPayments, help: t(.keyUnmatched), group: act),
        KeyBinding(keys: [.char("I")], action: .importFile, help: t(LLayout.keyImport), group: act),
        KeyBinding(
          keys: [.char("o")], action: .openOutbox,
          help: t.lang == .nb ? "utboks (brev som skal ut)" : "outbox (letters to send)",
          group: act),
        KeyBinding(keys: [.escape], action: .back, help: t(.keyBack), group: gen),
        KeyBinding(
          keys: [.char("q")], action: .quit, help: t(.keyQuit), group: gen, showInStatusBar: true),
      ])
  }

  /// Carries out a bound action on the Customers screen.
  static func update(_ state: inout AppState, _ view: inout CustomersView, _ action: Action)
    -> [Effect]
  {
    let rows = state.visibleCustomers(view)
    let index = rows.firstIndex { $0.id == view.selectedId } ?? 0
    switch action {
    case .up, .down, .pageUp, .pageDown, .home, .end:
      moveSelection(
        state, &view, rows: rows,
        to: listTarget(
          action, from: index, count: rows.count, page: pageSize(state),
          hasSelection: view.selectedId != nil))
    case .search:
      SearchPrompt.open(&state)
    case .back where state.stack.count > 1:
      state.stack.removeLast()
    case .openQueue:
      QueueScreen.open(&state)
    case .unmatchedPayments:
      state.stack.append(.unmatched(UnmatchedView()))
    case .openOutbox:
      return openOutbox(&state, customer: nil)
    case .open:
      guard !rows.isEmpty else { return [] }
      let id = rows[index].id
      view.selectedId = id
      state.stack.append(.caseView(CaseView(customerId: id)))
      return reloadTimeline(state)
    default: break
    }
    return []
  }

  /// Incremental: keep the selection if it still matches, else jump to the first match.
  static func keepSelection(_ state: AppState, _ view: inout CustomersView) {
    let rows = state.visibleCustomers(view)
    if !rows.contains(where: { $0.id == view.selectedId }) { view.offset = 0 }
    moveSelection(state, &view, rows: rows, to: rows.firstIndex { $0.id == view.selectedId } ?? 0)
  }
}
