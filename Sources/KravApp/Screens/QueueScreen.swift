import KravCore
import TerminalUI

/// Which queue rows are shown.
public enum QueueFilter: Hashable, Sendable {
  case all
  /// Claims whose next step may be taken today.
  case eligible
  /// Claims at this step.
  case step(Step)
  /// Claims whose next step is blocked for this reason today.
  case blocker(Blocker)
}

/// The Queue screen: every open claim's place in the ladder, filtered, grouped, multi-select.
public struct QueueView: Hashable, Sendable {
  public var filter: QueueFilter = .all
  /// Rows sorted by customer (name, then invoice) instead of by earliest day.
  public var grouped = false
  /// The selected claim, by invoice number.
  public var selected: String?
  /// Claims marked for "next step", by invoice number.
  public var marked: Set<String> = []
  /// First visible row.
  public var offset = 0
  /// The search (`/`, SearchPrompt.swift): rows of the matching customers; "" = all.
  public var query = ""
  /// The ready claim to select once the step asked for is written: the next ready one after
  /// the selection, not the stepped claim wherever the new order puts it (issue 20).
  public var afterStep: String?
  public init() {}
}

/// The letters a "next step" would send, shown for confirmation.
public struct StepConfirm: Hashable, Sendable {
  public var plan: StepPlan
  /// The letter previewed.
  public var page = 0
  /// First line of the preview shown.
  public var scroll = 0
  /// When the letters are a request's approval (issue 18): its `approval-granted`, written
  /// with them, and the letters are sent though their step needs four eyes.
  public var approving: Event?
  public init(plan: StepPlan) { self.plan = plan }
}

extension AppState {
  /// The queue rows the view shows, filtered and ordered: indexes into `queue` (in its
  /// order), or, grouped by customer, the rows in the grouped order.
  public func visibleQueue(_ view: QueueView) -> ListRows<QueueRow> {
    let searching = !Search.words(view.query).isEmpty
    if view.filter == .all, !searching, !view.grouped { return ListRows(queue) }
    // A search's rows are kept for the frames that follow (`refreshSearch`).
    if searching, let c = search.queue, c.query == view.query, c.filter == view.filter,
      c.grouped == view.grouped, c.rows == queueEpoch
    {
      return c.visible
    }
    let m = searchMatch(view.query)
    // Each row's customer from the queue's index (in order, 4 bytes a row), else looked up.
    let owners = queueRowIndex?.owners ?? queue.map { ledger.ownerPosition(of: $0) }
    let rows: [Int32]
    if view.filter == .all {
      rows = picks(owners, m)
    } else {
      var out: [Int32] = []
      for (i, r) in queue.enumerated() {
        if searching, !m(owners[i]) { continue }
        let shown: Bool
        switch view.filter {
        case .all: shown = true
        case .eligible: shown = r.isEligible(on: today)
        case .step(let s): shown = r.step == s
        case .blocker(let b): shown = r.reason(on: today) == b
        }
        if shown { out.append(Int32(i)) }
      }
      rows = out
    }
    guard view.grouped else { return ListRows(queue, picked: rows) }
    return ListRows(ledger.groupedByCustomer(rows.map { queue[Int($0)] }))
  }
}

/// The Queue screen: every open claim's place in the ladder (state: `QueueView`).
enum QueueScreen {
  /// The screen's keys. The filters and grouping are capitals (`F`, `B`, `C`), so each letter
  /// means one thing on every screen.
  static func keymap(_ t: Catalogue, moves: [KeyBinding<Action>]) -> Keymap<Action> {
    let act = t(.groupActions)
    return Keymap(
      moves.map { b in b.showing(false) } + [
        KeyBinding(keys: [.enter], action: .open, help: t(.keyOpen), group: act),
        SearchPrompt.binding(t, shown: false),
        KeyBinding(
          keys: [.char(" ")], action: .mark, help: t(.keyMark), group: act, showInStatusBar: true),
        KeyBinding(
          keys: [.char("t")], action: .triggerSelected, help: t(.keyTrigger), group: act,
          showInStatusBar: true),
        KeyBinding(
          keys: [.char("T")], action: .triggerCustomer, help: t(.keyTriggerCustomer), group: act),
        KeyBinding(
          keys: [.char("A")], action: .triggerAllEligible, help: t(.keyTriggerAll), group: act,
          showInStatusBar: true),
        KeyBinding(
          keys: [.char("e")], action: .filterEligible, help: t(.keyFilterEligible), group: act,
          showInStatusBar: true),
        KeyBinding(keys: [.char("F")], action: .filterStep, help: t(.keyFilterStep), group: act),
        KeyBinding(
          keys: [.char("B")], action: .filterBlocker, help: t(.keyFilterBlocker), group: act),
        KeyBinding(keys: [.char("C")], action: .groupByCustomer, help: t(.keyGroup), group: act),
        KeyBinding(
          keys: [.escape, .char("q")], action: .back, help: t(.keyBack), group: t(.groupGeneral),
          showInStatusBar: true),
      ])
  }

  /// Rows the queue table shows at once (body less the header and filter rows).
  static func visibleRows(_ state: AppState) -> Int { max(1, state.size.height - 4) }

  /// The queue's columns by priority (`ColumnLayout`): name and step keep their room at
  /// 80×24; the dates give way first.
  static func columns(_ t: Catalogue) -> [LayoutColumn] {
    [
      LayoutColumn(t(.colCustomer), min: 12, max: 28, priority: 0, grows: true),
      LayoutColumn(t(.colInvoice), min: 7, max: 10, priority: 2),
      LayoutColumn(t(.colAmount), min: 12, priority: 1, alignment: .right),
      LayoutColumn(t(.colStep), min: 8, max: 20, priority: 0),
      LayoutColumn(t(.colDeadline), min: 10, max: 10, priority: 3),
      LayoutColumn(t(.colNextStep), min: 8, max: 20, priority: 2),
      LayoutColumn(t(.colEarliest), min: 10, max: 10, priority: 4),
      LayoutColumn(t(.colBlocker), min: 8, max: 26, priority: 1, grows: true),
    ]
  }

  /// The filter line above the queue table.
  static func filterText(_ state: AppState, _ view: QueueView) -> String {
    let t = state.catalogue
    var parts: [String] = []
    switch view.filter {
    case .all: break
    case .eligible: parts.append(t(.filterEligible))
    case .step(let s): parts.append("\(t(.filterStep)): \(t.step(s))")
    case .blocker(let b): parts.append("\(t(.filterBlocker)): \(t.blocker(b))")
    }
    if view.grouped { parts.append(t(.grouped)) }
    if !view.marked.isEmpty { parts.append("\(view.marked.count) \(t(.marked))") }
    return parts.joined(separator: " · ")
  }

  static func render(
    _ state: AppState, _ view: QueueView, rows: ListRows<QueueRow>, in area: Rect,
    buffer: inout Buffer
  ) {
    let t = state.catalogue
    let (filterRow, tableArea) = area.splitTop(1)
    _ = buffer.put(
      filterText(state, view), x: filterRow.x, y: filterRow.y, style: .dim,
      maxWidth: filterRow.width)
    let selected = selectedIndex(state, view, rows) ?? (rows.isEmpty ? nil : 0)
    let height = max(1, tableArea.height - 1)
    var scroll = TableScroll(selected: selected, offset: view.offset)
    scroll.keepVisible(rowCount: rows.count, visibleHeight: height)
    let window = scroll.visibleRange(rowCount: rows.count, visibleHeight: height)
    var lastCustomer: String?
    if view.grouped, window.lowerBound > 0 {
      lastCustomer = state.ledger.customer(of: rows[window.lowerBound - 1])
    }
    var styles: [[Style?]] = []
    let cells: [[String]] = rows[window].map { r in
      let ledger = state.ledger
      let claim = ledger.claim(of: r)
      let owner = claim.customer
      let invoice = claim.invoice
      let mark = view.marked.contains(invoice) ? "* " : "  "
      // Grouped: the customer's name on the first of its rows only.
      let name =
        view.grouped && owner == lastCustomer ? "" : ledger.owner(of: r).name
      lastCustomer = owner
      let next = r.next
      var blocker: String
      if ledger.awaitsApproval(invoice: invoice) {
        // A step or write-off asked for and waiting for a second person (four-eyes).
        blocker = t(.awaitingApproval)
      } else if let next {
        blocker = next.reason(on: state.today).map(t.blocker) ?? t(.ready)
      } else {
        blocker = "–"
      }
      // The state in colour (or marked under NO_COLOR) on the blocker, which every width
      // shows; overdue means the step's deadline has passed.
      var rowStyles = [Style?](repeating: nil, count: 8)
      if let s = state.rowState(queue: r) {
        rowStyles[7] = s.style(colors: state.colors)
        blocker = s.label(blocker, colors: state.colors)
      }
      styles.append(rowStyles)
      return [
        mark + name, invoice, t.money(r.outstanding), t.standing(r.step),
        Ladder.deadline(of: claim).map(t.day) ?? "", next.map { t.step($0.step) } ?? "–",
        next.map { t.day($0.from) } ?? "", blocker,
      ]
    }
    let laid = ColumnLayout.table(columns(t), rows: cells, width: tableArea.width)
    let table = Table(
      columns: laid.columns, rows: laid.rows,
      scroll: TableScroll(selected: selected.map { $0 - window.lowerBound }, offset: 0),
      emptyText: view.query.isEmpty ? t(.noQueueRows) : t(.noMatches),
      cellStyles: styles.map { row in laid.kept.map { row[$0] } })
    buffer.render(table, in: tableArea)
  }

  /// Moves the queue selection to row `index` of `rows` and keeps it on screen.
  private static func moveSelection(
    _ state: AppState, _ view: inout QueueView, rows: ListRows<QueueRow>, to index: Int
  ) {
    guard
      let i = scrolledSelection(
        index, count: rows.count, offset: &view.offset, visible: visibleRows(state))
    else { return }
    view.selected = state.ledger.invoice(of: rows[i])
  }

  /// Incremental search: keep the selection if it still matches, else the first match.
  static func keepSelection(_ state: AppState, _ view: inout QueueView) {
    let rows = state.visibleQueue(view)
    let i = selectedIndex(state, view, rows)
    if i == nil { view.offset = 0 }
    moveSelection(state, &view, rows: rows, to: i ?? 0)
  }

  /// The selected row's index in `rows` (the view's `visibleQueue`): the claim's row in the
  /// queue from the queue's index, then that row among the picked ones (a binary search);
  /// grouped, or without the index, by claim position row by row (one integer compared a
  /// row, not an invoice string read from the ledger: the queue has 200 000 rows). The plain
  /// twin is the row-by-row search (QueueScreenTests checks them alike).
  static func selectedIndex(
    _ state: AppState, _ view: QueueView, _ rows: ListRows<QueueRow>
  ) -> Int? {
    guard let inv = view.selected, let p = state.ledger.claimPosition(of: inv) else {
      return nil
    }
    let claim = Int32(p)
    let ledger = state.ledger
    if !view.grouped, let index = state.queueRowIndex, let r = index.rowOfClaim.row(p),
      rows.base.count == state.queue.count
    {
      if r < 0 { return nil }
      if ledger.isClaim(rows.base[r], at: claim) { return rows.index(ofBase: r) }
    }
    return rows.firstIndex { ledger.isClaim($0, at: claim) }
  }

  /// Opens the queue on top of the stack.
  static func open(_ state: inout AppState) {
    state.stack.append(.queue(QueueView()))
    state.rederiveQueue()
  }

  /// Carries out a bound action on the Queue screen.
  static func update(_ state: inout AppState, _ view: inout QueueView, _ action: Action)
    -> [Effect]
  {
    let rows = state.visibleQueue(view)
    let index = selectedIndex(state, view, rows) ?? 0
    func select(_ i: Int) { moveSelection(state, &view, rows: rows, to: i) }
    let current = rows.isEmpty ? nil : rows[min(index, rows.count - 1)]
    view.afterStep = nil
    /// The first ready claim after the selection (wrapping) that is not about to be stepped.
    func nextReady(skipping stepped: Set<String>) -> String? {
      guard !rows.isEmpty else { return nil }
      for k in 1...rows.count {
        let r = rows[(index + k) % rows.count]
        let inv = state.ledger.invoice(of: r)
        if !stepped.contains(inv), r.isEligible(on: state.today) { return inv }
      }
      return nil
    }
    switch action {
    case .up, .down, .pageUp, .pageDown, .home, .end:
      select(
        listTarget(
          action, from: index, count: rows.count, page: visibleRows(state),
          hasSelection: view.selected != nil))
    case .back:
      state.stack.removeLast()
      state.rederiveQueue()
      return []
    case .open:
      guard let current else { return [] }
      view.selected = state.ledger.invoice(of: current)
      let id = state.ledger.customer(of: current)
      state.stack.append(.caseView(CaseView(customerId: id)))
      return [.loadTimeline(customer: id, refs: state.ledger.timeline(of: id))]
    case .mark:
      guard let current else { return [] }
      let inv = state.ledger.invoice(of: current)
      if view.marked.contains(inv) { view.marked.remove(inv) } else { view.marked.insert(inv) }
      view.selected = inv
      select(index + 1)
    case .filterEligible:
      view.filter = view.filter == .eligible ? .all : .eligible
      view.offset = 0
    case .filterStep:
      let steps = Step.allCases
      if case .step(let s) = view.filter, let i = steps.firstIndex(of: s) {
        view.filter = i + 1 < steps.count ? .step(steps[i + 1]) : .all
      } else {
        view.filter = .step(steps[0])
      }
      view.offset = 0
    case .filterBlocker:
      let all = Blocker.allCases
      if case .blocker(let b) = view.filter, let i = all.firstIndex(of: b) {
        view.filter = i + 1 < all.count ? .blocker(all[i + 1]) : .all
      } else {
        view.filter = .blocker(all[0])
      }
      view.offset = 0
    case .search:
      SearchPrompt.open(&state)
    case .groupByCustomer:
      view.grouped.toggle()
      view.offset = 0
    case .triggerSelected:
      let invoices =
        view.marked.isEmpty
        ? current.map { [state.ledger.invoice(of: $0)] } ?? []
        : rows.map { state.ledger.invoice(of: $0) }.filter { view.marked.contains($0) }
      guard !invoices.isEmpty else { return [] }
      view.afterStep = nextReady(skipping: Set(invoices))
      return StepConfirm.prepare(&state, .invoices(invoices))
    case .triggerCustomer:
      guard let current else { return [] }
      let customer = state.ledger.customer(of: current)
      view.afterStep = nextReady(
        skipping: Set(
          rows.filter { state.ledger.customer(of: $0) == customer }.map {
            state.ledger.invoice(of: $0)
          }))
      return StepConfirm.prepare(&state, .customer(customer))
    case .triggerAllEligible:
      return StepConfirm.prepare(&state, .allEligible)
    default: break
    }
    return []
  }

  /// After letters were sent: clear the marks and say which letters went out.
  static func lettersWereSent(_ state: inout AppState, ids: [String]) {
    state.updateAll(QueueView.self) { view in
      view.marked = []
      // The cursor goes on to the next ready claim, not after the stepped one.
      if let next = view.afterStep { view.selected = next }
      view.afterStep = nil
    }
    state.status = StatusLine("\(state.catalogue(.lettersSent)): \(ids.joined(separator: ", "))")
  }
}
