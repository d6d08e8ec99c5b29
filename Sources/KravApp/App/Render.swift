import KravCore
import TerminalUI

/// A rendered frame: the cells, and where the text cursor goes (nil = hidden).
public struct Frame: Sendable {
  public var buffer: Buffer
  public var cursor: Point?
}

/// Draws the whole interface for a state: title bar, the top screen (or help), status bar.
public func render(_ state: AppState, keymaps: Keymaps) -> Frame {
  var buffer = Buffer(size: state.size)
  let t = state.catalogue
  let area = buffer.area
  guard area.width >= 20, area.height >= 5 else {
    _ = buffer.put(t(.tooSmall), x: 0, y: 0, maxWidth: area.width)
    return Frame(buffer: buffer, cursor: nil)
  }
  let (titleRow, rest) = area.splitTop(1)
  let (body, statusRow) = rest.splitBottom(1)
  if case .confirmDiscard(let form) = state.mode {
    // The form as it is, with the question over it.
    var under = state
    under.mode = form
    var frame = render(under, keymaps: keymaps)
    renderDiscardQuestion(
      state, keymaps: keymaps, body: body, status: statusRow, buffer: &frame.buffer)
    return Frame(buffer: frame.buffer, cursor: nil)
  }
  // Filter the customer list once per frame: title and table both need it.
  var customerRows = ListRows<CustomerSummary>([])
  if case .customers(let view) = state.top { customerRows = state.visibleCustomers(view) }
  // Likewise the queue rows (filtered, maybe grouped) once per frame.
  var queueRows = ListRows<QueueRow>([])
  if case .queue(let view) = state.top { queueRows = state.visibleQueue(view) }
  buffer.render(
    TitleBar(
      left: title(state, matches: customerRows.count, queueRows: queueRows.count),
      right: titleRight(state),
      style: titleStyle(state)), in: titleRow)
  var cursor: Point?
  switch state.mode {
  case .help(let scroll):
    let underlying = keymaps.effective(for: helpless(state))
    buffer.render(
      HelpView(title: t(.helpTitle), sections: underlying.helpSections(), scrollOffset: scroll),
      in: body)
  default:
    switch state.top {
    case .customers(let view):
      CustomersScreen.render(state, view, rows: customerRows, in: body, buffer: &buffer)
    case .caseView(let view): CaseScreen.render(state, view, in: body, buffer: &buffer)
    case .calls(let view): CallsScreen.render(state, view, in: body, buffer: &buffer)
    case .planView(let view): PlanScreen.render(state, view, in: body, buffer: &buffer)
    case .queue(let view):
      QueueScreen.render(state, view, rows: queueRows, in: body, buffer: &buffer)
    case .unmatched(let view): UnmatchedScreen.render(state, view, in: body, buffer: &buffer)
    case .approvals(let view): ApprovalsScreen.render(state, view, in: body, buffer: &buffer)
    case .outbox(let view): OutboxScreen.render(state, view, in: body, buffer: &buffer)
    case .reports(let view): ReportsScreen.render(state, view, in: body, buffer: &buffer)
    }
  }
  if case .confirmSteps(let c) = state.mode {
    StepConfirm.render(state, c, in: body, buffer: &buffer)
  }
  if case .reader(let r) = state.mode { r.render(state, in: body, buffer: &buffer) }
  switch state.mode {
  case .callForm(let form):
    cursor = form.render(state, keymaps: keymaps, in: body, buffer: &buffer)
  case .review(let review):
    review.render(state, keymaps: keymaps, in: body, buffer: &buffer)
  case .resolveDispute(let form):
    cursor = form.render(state, keymaps: keymaps, in: body, buffer: &buffer)
  case .hold(let form):
    cursor = form.render(state, keymaps: keymaps, in: body, buffer: &buffer)
  case .correction(let form):
    cursor = form.render(state, keymaps: keymaps, in: body, buffer: &buffer)
  case .customerEdit(let form):
    cursor = form.render(state, keymaps: keymaps, in: body, buffer: &buffer)
  default: break
  }
  switch state.mode {
  case .search(let input):
    cursor = prompt(t(.searchPrompt), input, in: statusRow, buffer: &buffer)
  case .note(let input):
    cursor = prompt(t(.notePrompt), input, in: statusRow, buffer: &buffer)
  case .assign(let a):
    UnmatchedScreen.renderCandidates(state, a, above: statusRow, buffer: &buffer)
    cursor = prompt(t(.assignPrompt), a.input, in: statusRow, buffer: &buffer)
    promptError(state, above: statusRow, buffer: &buffer)
  case .payment(let form):
    cursor = prompt(form.label(t), form.input, in: statusRow, buffer: &buffer)
    promptError(state, above: statusRow, buffer: &buffer)
  case .writeOff(let form):
    let name: String
    if case .caseView(let v) = state.top {
      name = state.ledger.customers[v.customerId]?.name ?? v.customerId
    } else {
      name = ""
    }
    cursor = prompt(form.label(t, customer: name), form.input, in: statusRow, buffer: &buffer)
    promptError(state, above: statusRow, buffer: &buffer)
  case .decideApproval(let form):
    cursor = prompt(form.label(t, state.ledger), form.input, in: statusRow, buffer: &buffer)
    promptError(state, above: statusRow, buffer: &buffer)
  case .importFile(let form):
    cursor = form.render(state, keymaps: keymaps, in: body, status: statusRow, buffer: &buffer)
  case .help:
    buffer.render(StatusBar(message: t(.helpFooter)), in: statusRow)
  case .callForm, .review, .resolveDispute, .hold, .correction, .customerEdit:
    buffer.render(
      StatusBar(message: state.status?.text ?? "", isError: state.status?.isError ?? false),
      in: statusRow)
  case .planForm, .signForm, .confirmFollow:
    cursor = renderPlanOverlay(
      state, keymaps: keymaps, body: body, status: statusRow, buffer: &buffer)
  case .normal, .confirmSteps, .reader, .confirmDiscard:
    let hints = keymaps.effective(for: state).statusHints(
      maxWidth: max(0, statusRow.width - (state.status?.text.displayWidth ?? 0) - 2))
    buffer.render(
      StatusBar(
        message: state.status?.text ?? "", isError: state.status?.isError ?? false,
        hints: [hints]), in: statusRow)
  }
  if area.width < 80 || area.height < 24 {
    _ = buffer.put(t(.tooSmall), x: 0, y: area.height - 1, style: .error, maxWidth: area.width)
  }
  return Frame(buffer: buffer, cursor: cursor)
}

/// The same state outside help mode (the help screen lists the keys of what is under it).
private func helpless(_ state: AppState) -> AppState {
  var s = state
  s.mode = .normal
  return s
}

private func title(_ state: AppState, matches: Int, queueRows: Int) -> String {
  let t = state.catalogue
  switch state.top {
  case .customers(let view):
    let q = view.query.isEmpty ? "" : "  /\(view.query) (\(matches) \(t(.matchesCount)))"
    let unmatched = state.ledger.unmatchedPayments.count
    let u = unmatched == 0 ? "" : "  [\(unmatched) \(t(.unmatchedShort))]"
    return "\(t(.appTitle)) – \(t(.customersTitle))\(q)\(u)"
  case .caseView(let view):
    let name = state.ledger.customers[view.customerId]?.name ?? view.customerId
    return "\(t(.appTitle)) – \(t(.caseTitle)): \(name)"
  case .calls(let view):
    let scope =
      state.user == nil ? "" : state.callsWholeTeam ? " – \(t(.wholeTeam))" : " – \(t(.mine))"
    let q =
      view.query.isEmpty
      ? "" : "  /\(view.query) (\(state.visibleCalls(view).count) \(t(.matchesCount)))"
    return "\(t(.appTitle)) – \(t(.callsTitle))\(scope) (\(state.calls.count))\(q)"
  case .planView(let view):
    let name = state.ledger.customers[view.customerId]?.name ?? view.customerId
    return "\(t(.appTitle)) – \(t.plan(.plansTitle)): \(name)"
  case .queue(let view):
    let eligible =
      state.queueRowIndex?.eligible
      ?? state.queue.lazy.filter { $0.isEligible(on: state.today) }
      .count
    let q = view.query.isEmpty ? "" : "  /\(view.query)"
    return "\(t(.appTitle)) – \(t(.queueTitle)) (\(queueRows); \(t(.ready)): \(eligible))\(q)"
  case .unmatched:
    return "\(t(.appTitle)) – \(t(.unmatchedTitle)) (\(state.ledger.unmatchedPayments.count))"
  case .approvals:
    return ApprovalsScreen.title(state)
  case .outbox(let view):
    return OutboxScreen.title(state, view)
  case .reports(let view): return ReportsScreen.title(state, view)
  }
}

/// White on blue; red when the store takes no writes. (Reverse video under NO_COLOR.)
private func titleStyle(_ state: AppState) -> Style {
  Style(fg: .brightWhite, bg: state.readOnlyReason == nil ? .blue : .red, bold: true)
}

private func titleRight(_ state: AppState) -> String {
  let t = state.catalogue
  // A short reason (a read-only file system, no write permission) is named in the title;
  // a long one (the first finding of a damaged journal) is in the status line and `krav check`.
  var ro = ""
  if let r = state.readOnlyReason {
    ro = r.count <= 32 ? "\(t(.readOnly)) (\(r))  " : "\(t(.readOnly))  "
  }
  let clock =
    state.stack.contains { if case .calls = $0 { true } else { false } }
    ? " \(TimeSpan.clock(state.minuteOfDay))" : ""
  return "\(ro)\(t(.today)) \(t.day(state.today))\(clock)"
}

/// While a prompt holds the status row, a refused entry is explained on the row above it.
private func promptError(_ state: AppState, above row: Rect, buffer: inout Buffer) {
  guard let status = state.status, status.isError, row.y > 1 else { return }
  let line = Rect(x: row.x, y: row.y - 1, width: row.width, height: 1)
  buffer.fill(line, style: .error)
  _ = buffer.put(status.text, x: line.x, y: line.y, style: .error, maxWidth: line.width)
}

/// Draws a one-line prompt with a text input; returns where the cursor goes.
private func prompt(_ label: String, _ input: TextInput, in row: Rect, buffer: inout Buffer)
  -> Point?
{
  buffer.fill(row, style: .plain)
  let used = buffer.put(label, x: row.x, y: row.y, style: .bold, maxWidth: row.width)
  let field = Rect(x: row.x + used, y: row.y, width: max(0, row.width - used), height: 1)
  return input.draw(in: field, buffer: &buffer, style: .plain)
}
