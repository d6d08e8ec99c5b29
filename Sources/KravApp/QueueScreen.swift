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
  public init() {}
}

/// The letters a "next step" would send, shown for confirmation.
public struct StepConfirm: Hashable, Sendable {
  public var plan: StepPlan
  /// The letter previewed.
  public var page = 0
  /// First line of the preview shown.
  public var scroll = 0
  public init(plan: StepPlan) { self.plan = plan }
}

extension AppState {
  /// The queue rows the view shows, filtered and ordered.
  public func visibleQueue(_ view: QueueView) -> [QueueRow] {
    let rows = queue.filter { r in
      switch view.filter {
      case .all: return true
      case .eligible: return r.isEligible(on: today)
      case .step(let s): return r.step == s
      case .blocker(let b): return r.reason(on: today) == b
      }
    }
    guard view.grouped else { return rows }
    return ledger.groupedByCustomer(rows)
  }
}

/// Rows the queue table shows at once (body less the header and filter rows).
func queueVisibleRows(_ state: AppState) -> Int { max(1, state.size.height - 4) }

func queueColumns(_ t: Catalogue) -> [TableColumn] {
  [
    TableColumn(t(.colCustomer), width: .flex(min: 14)),
    TableColumn(t(.colInvoice), width: .fixed(8)),
    TableColumn(t(.colStep), width: .flex(min: 10)),
    TableColumn(t(.colDeadline), width: .fixed(10)),
    TableColumn(t(.colNextStep), width: .flex(min: 10)),
    TableColumn(t(.colEarliest), width: .fixed(10)),
    TableColumn(t(.colBlocker), width: .flex(min: 10)),
  ]
}

/// The filter line above the queue table.
func queueFilterText(_ state: AppState, _ view: QueueView) -> String {
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

func renderQueue(
  _ state: AppState, _ view: QueueView, rows: [QueueRow], in area: Rect, buffer: inout Buffer
) {
  let t = state.catalogue
  let (filterRow, tableArea) = area.splitTop(1)
  _ = buffer.put(
    queueFilterText(state, view), x: filterRow.x, y: filterRow.y, style: .dim,
    maxWidth: filterRow.width)
  let selected =
    rows.firstIndex { state.ledger.invoice(of: $0) == view.selected }
    ?? (rows.isEmpty ? nil : 0)
  let height = max(1, tableArea.height - 1)
  var scroll = TableScroll(selected: selected, offset: view.offset)
  scroll.keepVisible(rowCount: rows.count, visibleHeight: height)
  let window = scroll.visibleRange(rowCount: rows.count, visibleHeight: height)
  var lastCustomer: String?
  if view.grouped, window.lowerBound > 0 {
    lastCustomer = state.ledger.customer(of: rows[window.lowerBound - 1])
  }
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
    let blocker: String
    if let next {
      blocker = next.reason(on: state.today).map(t.blocker) ?? t(.ready)
    } else {
      blocker = "–"
    }
    return [
      mark + name, invoice, r.step == .invoice ? t(.stepInvoice) : t.step(r.step),
      Ladder.deadline(of: claim).map(t.day) ?? "", next.map { t.step($0.step) } ?? "–",
      next.map { t.day($0.from) } ?? "", blocker,
    ]
  }
  let table = Table(
    columns: queueColumns(t), rows: cells,
    scroll: TableScroll(selected: selected.map { $0 - window.lowerBound }, offset: 0),
    emptyText: t(.noQueueRows))
  buffer.render(table, in: tableArea)
}

/// Moves the queue selection to row `index` of `rows` and keeps it on screen.
private func moveQueueSelection(
  _ state: AppState, _ view: inout QueueView, rows: [QueueRow], to index: Int
) {
  guard
    let i = scrolledSelection(
      index, count: rows.count, offset: &view.offset, visible: queueVisibleRows(state))
  else { return }
  view.selected = state.ledger.invoice(of: rows[i])
}

/// Opens the queue on top of the stack.
func openQueue(_ state: inout AppState) {
  state.stack.append(.queue(QueueView()))
  state.rederiveQueue()
}

/// Carries out a bound action on the Queue screen.
func queueAction(_ state: inout AppState, _ view: inout QueueView, _ action: Action) -> [Effect] {
  let rows = state.visibleQueue(view)
  let index = rows.firstIndex { state.ledger.invoice(of: $0) == view.selected } ?? 0
  func select(_ i: Int) { moveQueueSelection(state, &view, rows: rows, to: i) }
  let current = rows.isEmpty ? nil : rows[min(index, rows.count - 1)]
  switch action {
  case .up, .down, .pageUp, .pageDown, .home, .end:
    select(
      listTarget(
        action, from: index, count: rows.count, page: queueVisibleRows(state),
        hasSelection: view.selected != nil))
  case .back:
    state.stack.removeLast()
    state.rederiveQueue()
    return []
  case .open:
    guard let current else { return [] }
    view.selected = state.ledger.invoice(of: current)
    let id = state.ledger.customer(of: current)
    state.top = .queue(view)
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
  case .groupByCustomer:
    view.grouped.toggle()
    view.offset = 0
  case .triggerSelected:
    let invoices =
      view.marked.isEmpty
      ? current.map { [state.ledger.invoice(of: $0)] } ?? []
      : rows.map { state.ledger.invoice(of: $0) }.filter { view.marked.contains($0) }
    guard !invoices.isEmpty else { return [] }
    return preparePlan(&state, .invoices(invoices))
  case .triggerCustomer:
    guard let current else { return [] }
    return preparePlan(&state, .customer(state.ledger.customer(of: current)))
  case .triggerAllEligible:
    return preparePlan(&state, .allEligible)
  default: break
  }
  return []
}

/// Plans the letters for `scope` and opens the confirmation, or says why not. The previewed
/// letter's invoice texts are in the journal, not the fold: the effect reads them.
private func preparePlan(_ state: inout AppState, _ scope: StepScope) -> [Effect] {
  let t = state.catalogue
  if state.refusedReadOnly() { return [] }
  guard state.creditor != nil else {
    state.status = StatusLine(t(.noCreditor), isError: true)
    return []
  }
  do {
    let plan = try state.ledger.planSteps(scope, today: state.today)
    guard !plan.letters.isEmpty else {
      let why = plan.refused.first.map { refusalText(state, $0) } ?? ""
      state.status = StatusLine(
        t(.nothingEligible) + (why.isEmpty ? "" : ": \(why)"), isError: true)
      return []
    }
    let c = StepConfirm(plan: plan)
    state.mode = .confirmSteps(c)
    return loadTexts(c)
  } catch {
    state.status = StatusLine(String(describing: error), isError: true)
    return []
  }
}

/// Reads the previewed letter's customer timeline (for its invoice texts), unless done.
func loadTexts(_ c: StepConfirm) -> [Effect] {
  guard c.page < c.plan.letters.count else { return [] }
  let l = c.plan.letters[c.page]
  guard !l.sources.isEmpty, l.lines.contains(where: { $0.text == nil }) else { return [] }
  return [.loadTimeline(customer: l.customerId, refs: l.sources)]
}

/// The confirmation with the texts of `customer`'s invoices filled in from its timeline.
func withTexts(_ c: StepConfirm, customer: String, events: [Event]) -> StepConfirm {
  var c = c
  for i in c.plan.letters.indices where c.plan.letters[i].customerId == customer {
    c.plan.letters[i] = c.plan.letters[i].withInvoiceTexts(from: events)
    // Read once: a letter without texts in the journal is not asked for again.
    c.plan.letters[i].sources = []
  }
  return c
}

/// One refused claim as the collector reads it: `1003: inkassovarsel – frist løper (13.12.2026)`.
func refusalText(_ state: AppState, _ r: StepRefusal) -> String {
  let t = state.catalogue
  guard let step = r.step else { return "\(r.invoice): –" }
  var s = "\(r.invoice): \(t.step(step))"
  if let reason = r.reason { s += " – \(t.blocker(reason))" }
  if let from = r.from,
    r.reason == .deadlineRunning || r.reason == .onHold
      || r.reason == .promisePending
  {
    s += " (\(t.day(from)))"
  }
  return s
}

/// The summary lines of the confirmation: per letter customer, claims, step, fee, deadline.
///
/// Only `window` of the letters (the one previewed and those after it): a confirmation of every
/// eligible claim in a large store has thousands of letters, and the screen shows a few.
func confirmSummary(_ state: AppState, _ c: StepConfirm, window: Range<Int>? = nil) -> [String] {
  let t = state.catalogue
  var lines: [String] = []
  let shown = window ?? c.plan.letters.indices
  for i in shown {
    let l = c.plan.letters[i]
    var s =
      "\(i == c.page ? "▶" : " ") \(i + 1). \(t(.customerLabel)): \(l.customerName) (\(l.customerId))"
      + " · \(t(.stepLabel)): \(t.step(l.step)) · \(t(.claimsLabel)): \(l.invoices.joined(separator: ", "))"
      + " · \(t(.fee)): \(t.money(l.fee))"
    if let d = l.deadline { s += " · \(t(.deadline)): \(t.day(d))" }
    if let f = l.courtFee { s += " · \(t(.courtFee)): \(t.money(f))" }
    s += " · \(t(.channel)): \(l.channel.rawValue) \(l.address)"
    lines.append(s)
  }
  if !c.plan.refused.isEmpty {
    lines.append(
      "\(t(.notIncluded)): " + c.plan.refused.map { refusalText(state, $0) }.joined(separator: "; ")
    )
  }
  return lines
}

/// Draws the confirmation: the summary on top, the previewed letter below.
func renderConfirm(_ state: AppState, _ c: StepConfirm, in area: Rect, buffer: inout Buffer) {
  let t = state.catalogue
  buffer.fill(area, style: .plain)
  var y = area.y
  _ = buffer.put(
    "\(t(.confirmTitle)) – \(c.plan.letters.count) \(t(.letterLabel).lowercased())",
    x: area.x, y: y, style: .bold, maxWidth: area.width)
  y += 1
  let summaryRows = max(1, area.height / 2 - 1)
  // The previewed letter first (one before it for context), then as many as fit.
  let first = max(0, min(c.page - 1, c.plan.letters.count - 1))
  let window = first..<min(c.plan.letters.count, first + summaryRows)
  var summary = confirmSummary(state, c, window: window)
    .flatMap { TextWidth.wrap($0, to: max(10, area.width)) }
  if window.upperBound < c.plan.letters.count {
    // Say how many more there are, and what all of them add in fees, before they are sent.
    let fees = c.plan.letters.reduce(Money.zero) { $0 + $1.fee }
    summary.insert(
      "\(t(.letterLabel)) \(window.lowerBound + 1)–\(window.upperBound) / \(c.plan.letters.count)"
        + " · \(t(.fee)): \(t.money(fees))", at: 0)
  }
  for line in summary.prefix(summaryRows + 1) {
    _ = buffer.put(line, x: area.x, y: y, maxWidth: area.width)
    y += 1
  }
  guard let creditor = state.creditor, c.page < c.plan.letters.count else { return }
  let letter = c.plan.letters[c.page]
  _ = buffer.put(
    "── \(t(.letterLabel)) \(c.page + 1)/\(c.plan.letters.count): \(letter.id) ──",
    x: area.x, y: y, style: .dim, maxWidth: area.width)
  y += 1
  let text = LetterText.render(letter, creditor: creditor)
  let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
  let start = min(c.scroll, max(0, lines.count - 1))
  for line in lines.dropFirst(start) {
    guard y < area.maxY else { break }
    _ = buffer.put(line, x: area.x, y: y, maxWidth: area.width)
    y += 1
  }
}

/// Handles a key bound in the confirmation.
func confirmAction(_ state: inout AppState, _ c: StepConfirm, _ action: Action) -> [Effect] {
  var c = c
  switch action {
  case .confirm:
    state.mode = .normal
    guard let creditor = state.creditor else { return [] }
    return [.sendLetters(c.plan.letters, creditor)]
  case .cancel:
    state.mode = .normal
    return []
  case .nextLetter:
    c.page = min(c.plan.letters.count - 1, c.page + 1)
    c.scroll = 0
    state.mode = .confirmSteps(c)
    return loadTexts(c)
  case .previousLetter:
    c.page = max(0, c.page - 1)
    c.scroll = 0
    state.mode = .confirmSteps(c)
    return loadTexts(c)
  case .up: c.scroll = max(0, c.scroll - 1)
  case .down: c.scroll += 1
  case .pageUp: c.scroll = max(0, c.scroll - pageSize(state) / 2)
  case .pageDown: c.scroll += pageSize(state) / 2
  default: break
  }
  state.mode = .confirmSteps(c)
  return []
}

/// After letters were sent: clear the marks and say which letters went out.
func lettersWereSent(_ state: inout AppState, ids: [String]) {
  for i in state.stack.indices {
    if case .queue(var v) = state.stack[i] {
      v.marked = []
      state.stack[i] = .queue(v)
    }
  }
  state.status = StatusLine("\(state.catalogue(.lettersSent)): \(ids.joined(separator: ", "))")
}
