import KravCore
import TerminalUI

// MARK: - Update: the call list, the call log form and the e-mail review

/// Rows the call table can show at once (body less header and the explanation panel).
func callsVisibleRows(_ state: AppState) -> Int { max(1, state.size.height - 3 - callsPanelHeight) }

/// Height of the explanation panel under the call table.
let callsPanelHeight = 7

/// Carries out a bound action on the call list.
func callsAction(_ state: inout AppState, _ view: inout CallsView, _ action: Action) -> [Effect] {
  let rows = state.calls
  let index = rows.firstIndex { $0.customer == view.selectedId } ?? 0
  func select(_ i: Int) { moveCallSelection(state, &view, to: i) }
  switch action {
  case .up, .down, .pageUp, .pageDown, .home, .end:
    select(
      listTarget(
        action, from: index, count: rows.count, page: pageSize(state),
        hasSelection: view.selectedId != nil))
  case .open:
    guard !rows.isEmpty else { return [] }
    let id = rows[index].customer
    view.selectedId = id
    state.top = .calls(view)
    state.stack.append(.caseView(CaseView(customerId: id)))
    return [.loadTimeline(customer: id, refs: state.ledger.timeline(of: id))]
  case .logCall:
    guard !rows.isEmpty else { return [] }
    view.selectedId = rows[index].customer
    state.top = .calls(view)
    openCallForm(&state, customer: rows[index].customer)
  case .customers:
    state.top = .calls(view)
    state.stack.append(.customers(CustomersView()))
  case .openQueue:
    state.top = .calls(view)
    openQueue(&state)
  default: break
  }
  return []
}

/// Moves the call-list selection and keeps it on screen.
func moveCallSelection(_ state: AppState, _ view: inout CallsView, to index: Int) {
  let rows = state.calls
  guard
    let i = scrolledSelection(
      index, count: rows.count, offset: &view.offset, visible: callsVisibleRows(state))
  else { return }
  view.selectedId = rows[i].customer
}

/// Opens the call log form for a customer, with the call rules checked at this moment.
func openCallForm(_ state: inout AppState, customer id: String) {
  if state.refusedReadOnly() { return }
  guard let c = state.ledger.customers[id] else { return }
  let permission = CallGuard.check(
    settings: state.callSettings, callDays: c.callDays, doNotCall: c.doNotCall,
    hasPhone: !(c.phone ?? "").isEmpty, at: state.now)
  var form = CallForm(
    customerId: id, outside: permission.blocks, nextCustomer: nextCustomer(state, after: id))
  form.summaryWidth = callFormTextWidth(state)
  state.mode = .callForm(form)
}

/// The customer to go to after `id`: the next one in the call list that may be called now
/// (else simply the next one), or the first callable one when `id` is not on the list.
func nextCustomer(_ state: AppState, after id: String) -> String? {
  let rows = state.calls
  let start = rows.firstIndex { $0.customer == id }.map { $0 + 1 } ?? 0
  let later = rows[min(start, rows.count)...].filter { $0.customer != id }
  let callable = later.first { $0.permission(state.callSettings, at: state.now).allowedNow }
  return (callable ?? later.first)?.customer
}

/// The width of the summary editor: the body less the form's border and margins.
func callFormTextWidth(_ state: AppState) -> Int { max(10, state.size.width - 4) }

/// Keys while the call log form is open.
func editCallForm(_ state: inout AppState, _ form: inout CallForm, _ key: Key) -> [Effect] {
  if let effects = closeOrQuit(&state, key) { return effects }
  switch key {
  case .function(2), .ctrl("s"):
    return saveCallForm(&state, form)
  case .tab:
    form.move(by: 1)
  case .backTab:
    form.move(by: -1)
  default:
    switch form.focus {
    case .outcome:
      switch key {
      case .left: form.outcome = form.outcome.cycled(by: -1)
      case .right, .char(" "): form.outcome = form.outcome.cycled(by: 1)
      case .char(let c) where ("1"..."5").contains(c):
        form.outcome = CallOutcome.allCases[Int(String(c))! - 1]
      case .enter, .down: form.move(by: 1)
      case .up: form.move(by: -1)
      default: break
      }
    case .summary:
      form.summaryWidth = callFormTextWidth(state)
      form.summary.handle(key, width: form.summaryWidth)
    case .disputeReason:
      switch key {
      case .left: form.disputeReason = form.disputeReason.cycled(by: -1)
      case .right, .char(" "): form.disputeReason = form.disputeReason.cycled(by: 1)
      case .enter, .down: form.move(by: 1)
      case .up: form.move(by: -1)
      default: break
      }
    case .proposePlan:
      switch key {
      case .char(" "): form.proposePlan.toggle()
      case .enter, .down: form.move(by: 1)
      case .up: form.move(by: -1)
      default: break
      }
    default:
      switch key {
      case .enter, .down: form.move(by: 1)
      case .up: form.move(by: -1)
      default:
        if var input = form[input: form.focus] {
          _ = input.handle(key)
          form[input: form.focus] = input
        }
      }
    }
  }
  state.mode = .callForm(form)
  return []
}

/// Checks the form and, if all is well, asks the runtime to write the call (and its e-mail).
func saveCallForm(_ state: inout AppState, _ form: CallForm) -> [Effect] {
  var form = form
  let t = state.catalogue
  let input: CallLogInput
  switch form.input(t) {
  case .failure(let p):
    form.errors = p.messages
    state.mode = .callForm(form)
    return []
  case .success(let i): input = i
  }
  let problems = CallLog.problems(
    input, ledger: state.ledger, today: state.today, now: state.now, settings: state.callSettings)
  guard problems.isEmpty else {
    form.errors = problems.map { p in
      let label = CallForm.label(problemField: p.field).map { t($0) } ?? p.field
      return "\(label): \(t(problemKey(p.code)))"
    }
    if problems.contains(where: { $0.code == .outsideRules }) { form.focus = .outsideReason }
    state.mode = .callForm(form)
    return []
  }
  form.errors = []
  state.mode = .normal
  let events = CallLog.events(input, today: state.today)
  let at = OsloTime.timestamp(day: state.today, secondsOfDay: state.minuteOfDay * 60)
  if let sender = state.sender,
    let mail = CallLog.followUp(
      input, ledger: state.ledger, sender: sender, today: state.today, at: at)
  {
    state.afterCall = AfterCall(form: form, expectsDraft: true)
    return [
      .draftThenAppend(
        draftName: mail.fileName, eml: mail.eml, body: mail.body, events: events, link: "ref")
    ]
  }
  state.afterCall = AfterCall(form: form, expectsDraft: false)
  return [.append(events)]
}

/// The catalogue key for a call log problem.
func problemKey(_ c: CallLogProblem.Code) -> L {
  switch c {
  case .outsideRules: return .probOutside
  case .notPositive: return .probNotPositive
  case .beforeToday: return .probBeforeToday
  case .unknownInvoice, .unknownCustomer: return .probUnknownInvoice
  case .alreadyOpen: return .probAlreadyOpen
  case .abovePrincipal: return .probAbovePrincipal
  case .required: return .formRequired
  }
}

/// After the store acknowledged a batch: finishes a call being saved (nil when none was).
func callAppended(_ state: inout AppState) -> [Effect]? {
  guard let a = state.afterCall else { return nil }
  state.status = StatusLine(state.catalogue(.callSaved))
  guard !a.expectsDraft else { return [] }
  state.afterCall = nil
  return afterTheCall(&state, a.form)
}

/// The write failed: the form comes back with everything typed.
func callFailed(_ state: inout AppState) {
  guard let a = state.afterCall else { return }
  state.afterCall = nil
  state.mode = .callForm(a.form)
}

/// The follow-up draft is on disk: show it for review.
func draftWritten(_ state: inout AppState, path: String, body: String) -> [Effect] {
  state.mode = .review(MailReview(path: path, body: body))
  let t = state.catalogue
  state.status = StatusLine(
    "\(state.afterCall == nil ? t(.reviewSavedAs) : t(.callSaved)) – \(path)")
  return []
}

/// Keys while the follow-up e-mail is shown: scroll, then on to the next customer.
func reviewKey(_ state: inout AppState, _ review: inout MailReview, _ key: Key) -> [Effect] {
  switch key {
  case .up: review.scroll = max(0, review.scroll - 1)
  case .down: review.scroll += 1
  case .pageUp: review.scroll = max(0, review.scroll - pageSize(state))
  case .pageDown: review.scroll += pageSize(state)
  case .ctrl("c"):
    state.isQuitting = true
    return [.quit]
  case .enter, .escape, .char("q"):
    state.mode = .normal
    let form = state.afterCall?.form
    state.afterCall = nil
    guard let form else { return advance(&state, to: nil) }
    return afterTheCall(&state, form)
  default: break
  }
  state.mode = .review(review)
  return []
}

/// What follows a saved call: the plan builder when "propose a plan" was ticked (the plan is
/// for this customer), else the next customer.
func afterTheCall(_ state: inout AppState, _ form: CallForm) -> [Effect] {
  guard form.proposePlan else { return advance(&state, to: form.nextCustomer) }
  openPlanForm(&state, customer: form.customerId)
  return []
}

/// Goes on to the next customer without going back: the next row of the call list, or the
/// next customer's case when the call was logged from a case.
func advance(_ state: inout AppState, to next: String?) -> [Effect] {
  switch state.top {
  case .calls(var view):
    let rows = state.calls
    if let next, let i = rows.firstIndex(where: { $0.customer == next }) {
      moveCallSelection(state, &view, to: i)
    } else if let i = rows.firstIndex(where: { $0.customer == view.selectedId }) {
      moveCallSelection(state, &view, to: i)
    } else {
      view.selectedId = rows.first?.customer
    }
    state.top = .calls(view)
    return []
  case .caseView(let view):
    let id = next ?? view.customerId
    if id != view.customerId { state.top = .caseView(CaseView(customerId: id)) }
    // Keep the call list's selection on the customer shown.
    for i in state.stack.indices {
      if case .calls(var v) = state.stack[i] {
        v.selectedId = id
        state.stack[i] = .calls(v)
      }
    }
    return [.loadTimeline(customer: id, refs: state.ledger.timeline(of: id))]
  default:
    return []
  }
}

/// Sets or lifts a customer's do-not-call flag.
func toggleDoNotCall(_ state: inout AppState, customer id: String) -> [Effect] {
  if state.refusedReadOnly() { return [] }
  guard let c = state.ledger.customers[id] else { return [] }
  var e = Event.draft(.callPreferenceSet, customer: id)
  e.reason = (c.doNotCall ? CallPreference.mayCall : .doNotCall).rawValue
  return [.append([e])]
}

// MARK: - Render

/// The call list: ranked table on top, the selected customer's explanation below.
func renderCalls(_ state: AppState, _ view: CallsView, in area: Rect, buffer: inout Buffer) {
  let t = state.catalogue
  let rows = state.calls
  let (tableArea, panel) = area.splitBottom(min(callsPanelHeight, max(0, area.height - 3)))
  let selected = rows.firstIndex { $0.customer == view.selectedId } ?? (rows.isEmpty ? nil : 0)
  let height = max(1, tableArea.height - 1)
  var scroll = TableScroll(selected: selected, offset: view.offset)
  scroll.keepVisible(rowCount: rows.count, visibleHeight: height)
  let window = scroll.visibleRange(rowCount: rows.count, visibleHeight: height)
  let columns = [
    TableColumn(t(.colName), width: .flex(min: 14)),
    TableColumn(t(.colPhone), width: .fixed(15)),
    TableColumn(t(.colAmount), width: .fixed(14), alignment: .right),
    TableColumn(t(.colScore), width: .fixed(5), alignment: .right),
    TableColumn(t(.colWhen), width: .fixed(16)),
    TableColumn(t(.colReasons), width: .flex(min: 10)),
  ]
  let table = Table(
    columns: columns,
    rows: rows[window].map { e in
      [
        (e.isPinned ? "! " : "") + e.name, e.phone ?? "–", t.money(e.amount), "\(e.score)",
        when(e, state), e.factors.map { t(CallText.key($0.reason)) }.joined(separator: ", "),
      ]
    },
    scroll: TableScroll(selected: selected.map { $0 - window.lowerBound }, offset: 0),
    emptyText: t(.noCalls))
  buffer.render(table, in: tableArea)
  guard let i = selected, !panel.isEmpty else { return }
  renderExplanation(state, rows[i], in: panel, buffer: &buffer)
}

/// "nå", "fra 01.12.2026 08:00" or "ikke ring".
func when(_ e: CallEntry, _ state: AppState) -> String {
  let t = state.catalogue
  let p = e.permission(state.callSettings, at: state.now)
  if p.allowedNow { return t(.callNow) }
  guard let from = p.from else { return t(.callNever) }
  // Compact for the table: the time alone today, else day and month.
  let clock = TimeSpan.clock(from.minute)
  if from.day == state.today { return "\(t(.callFrom)) \(clock)" }
  let c = from.day.components
  func two(_ v: Int) -> String { v < 10 ? "0\(v)" : "\(v)" }
  let day = t.lang == .nb ? "\(two(c.day)).\(two(c.month))." : "\(two(c.month))-\(two(c.day))"
  return "\(t(.callFrom)) \(day) \(clock)"
}

/// Why a customer is ranked where it is, and what the call rules say now.
func renderExplanation(_ state: AppState, _ e: CallEntry, in area: Rect, buffer: inout Buffer) {
  let t = state.catalogue
  buffer.fill(area.row(0), with: "─", style: .dim)
  var y = area.y + 1
  func line(_ text: String, _ style: Style = .plain) {
    for part in TextWidth.wrap(text, to: max(1, area.width)) where y < area.maxY {
      buffer.put(part, x: area.x, y: y, style: style, maxWidth: area.width)
      y += 1
    }
  }
  line("\(e.name)  \(e.phone ?? "")", .bold)
  let p = e.permission(state.callSettings, at: state.now)
  let recent7 = e.callDays.filter { $0 > state.today.adding(days: -7) && $0 <= state.today }.count
  let recent30 = e.callDays.filter { $0 > state.today.adding(days: -30) && $0 <= state.today }
    .count
  let rules =
    p.allowedNow
    ? t(.callsAllowed)
    : "\(t(.callsBlocked)) (" + p.blocks.map { CallText.block($0, t) }.joined(separator: ", ")
      + ")" + (p.from.map { " – \(t(.callFrom)) \(CallText.moment($0, t))" } ?? "")
  line(
    "\(t(.callsRules)): \(rules)  ·  \(t(.callsRecent)): \(recent7)/\(recent30)",
    p.allowedNow ? .plain : .bold)
  line("\(t(.callsWhy)): " + e.factors.map { CallText.reason($0, t) }.joined(separator: " · "))
  line(
    "\(t(.callsScore)): \(t(.scoreReasons)) \(e.reasonPoints) + \(t(.scoreAmount)) "
      + "\(e.amountPoints) (\(t.money(e.amount))) + \(t(.scoreDays)) \(e.overduePoints) "
      + "(\(e.daysOverdue)) = \(e.score)" + (e.isPinned ? "  [\(t(.pinnedTop))]" : ""))
}

/// The call log form over the body; returns where the cursor goes.
func renderCallForm(_ state: AppState, _ form: CallForm, in area: Rect, buffer: inout Buffer)
  -> Point?
{
  let t = state.catalogue
  let c = state.ledger.customers[form.customerId]
  let inner = drawFormFrame(
    "\(t(.formTitle)) – \(c?.name ?? form.customerId)", in: area, buffer: &buffer)
  guard inner.height >= 8 else { return nil }
  var y = inner.y
  var cursor: Point?
  let focusStyle = Style(bold: true, reverse: true)
  func label(_ f: CallForm.Field, x: Int, width: Int) -> Int {
    let text = t(CallForm.label(f)) + ": "
    return buffer.put(
      text, x: x, y: y, style: form.focus == f ? focusStyle : .bold, maxWidth: width)
  }
  func input(_ f: CallForm.Field, x: Int, width: Int) {
    let used = label(f, x: x, width: width)
    guard let i = form[input: f] else { return }
    let field = Rect(x: x + used, y: y, width: max(0, width - used - 1), height: 1)
    let p = i.draw(in: field, buffer: &buffer, style: .underline)
    if form.focus == f { cursor = p }
  }
  func choice<T: Equatable>(
    _ f: CallForm.Field, _ all: [T], _ current: T, _ name: (T) -> String, x: Int, width: Int
  ) {
    var cx = x + label(f, x: x, width: width)
    for v in all where cx < x + width {
      let text = v == current ? "[\(name(v))]" : " \(name(v)) "
      cx += buffer.put(
        text, x: cx, y: y, style: v == current ? .bold : .dim, maxWidth: x + width - cx)
    }
  }
  let half = inner.width / 2
  // Who and the call rules.
  let contact = [
    c?.phone,
    state.calls.first { $0.customer == form.customerId }.map {
      t.money($0.amount)
    },
  ].compactMap { $0 }.joined(separator: "   ")
  buffer.put(contact, x: inner.x, y: y, maxWidth: inner.width)
  y += 1
  if !form.outside.isEmpty {
    let why = form.outside.map { CallText.block($0, t) }.joined(separator: ", ")
    buffer.put("\(t(.formOutside)): \(why)", x: inner.x, y: y, style: .error, maxWidth: inner.width)
    y += 1
  }
  choice(
    .outcome, CallOutcome.allCases, form.outcome, { CallText.outcome($0, t) }, x: inner.x,
    width: inner.width)
  y += 1
  _ = label(.summary, x: inner.x, width: inner.width)
  y += 1
  // The rows under the summary: 6 field rows, plan, outside reason, errors, hint.
  let below = 7 + (form.outside.isEmpty ? 0 : 1) + min(2, form.errors.count) + 1
  let textHeight = max(2, inner.maxY - y - below)
  let textArea = Rect(x: inner.x, y: y, width: inner.width, height: textHeight)
  let p = form.summary.draw(in: textArea, buffer: &buffer, style: .underline)
  if form.focus == .summary { cursor = p }
  y += textHeight
  input(.promiseAmount, x: inner.x, width: half)
  input(.promiseDate, x: inner.x + half, width: inner.width - half)
  y += 1
  input(.disputeInvoice, x: inner.x, width: half)
  input(.disputeAmount, x: inner.x + half, width: inner.width - half)
  y += 1
  choice(
    .disputeReason, DisputeReason.allCases, form.disputeReason,
    { CallText.disputeReason($0, t) }, x: inner.x, width: inner.width)
  y += 1
  let whoWidth = inner.width / 3
  input(.disputeText, x: inner.x, width: inner.width - whoWidth)
  input(.disputeWho, x: inner.x + inner.width - whoWidth, width: whoWidth)
  y += 1
  input(.holdUntil, x: inner.x, width: half)
  input(.holdReason, x: inner.x + half, width: inner.width - half)
  y += 1
  let used = label(.proposePlan, x: inner.x, width: inner.width)
  buffer.put(form.proposePlan ? "[x]" : "[ ]", x: inner.x + used, y: y, maxWidth: 3)
  y += 1
  if !form.outside.isEmpty {
    input(.outsideReason, x: inner.x, width: inner.width)
    y += 1
  }
  drawFormFoot(errors: form.errors, hint: t(.formHint), in: inner, from: y, buffer: &buffer)
  return cursor
}

/// The follow-up e-mail draft, for review.
func renderReview(_ state: AppState, _ review: MailReview, in area: Rect, buffer: inout Buffer) {
  let t = state.catalogue
  let inner = drawFormFrame(t(.reviewTitle), in: area, buffer: &buffer)
  guard inner.height >= 3 else { return }
  buffer.put(
    "\(t(.reviewSavedAs)): \(review.path)", x: inner.x, y: inner.y, style: .bold,
    maxWidth: inner.width)
  let lines = review.body.split(separator: "\n", omittingEmptySubsequences: false).flatMap {
    $0.isEmpty ? [""] : TextWidth.wrap(String($0), to: max(1, inner.width))
  }
  let height = inner.height - 3
  let first = min(review.scroll, max(0, lines.count - height))
  for (k, l) in lines.dropFirst(first).prefix(height).enumerated() {
    buffer.put(l, x: inner.x, y: inner.y + 2 + k, maxWidth: inner.width)
  }
  buffer.put(t(.reviewHint), x: inner.x, y: inner.maxY - 1, style: .dim, maxWidth: inner.width)
}

/// The case view's lines about calls, promises and objections (under the contact details).
func caseCallLines(_ state: AppState, _ c: Customer) -> [(String, Style)] {
  let t = state.catalogue
  var lines: [(String, Style)] = []
  if c.doNotCall { lines.append(("\(t(.callsRules)): \(t(.blockDoNotCall))", .error)) }
  let promises = state.ledger.promiseStatuses(
    customer: c.id, today: state.today, graceDays: state.callSettings.promiseGraceDays
  ).filter { $0.state != .superseded }.suffix(2)
  if !promises.isEmpty {
    lines.append(
      (
        "\(t(.promisesTitle)): "
          + promises.map {
            "\(t.money($0.promise.amount)) \(t.day($0.promise.due)) – \(t.promiseState($0.state))"
              + ($0.paid.isPositive && $0.state != .kept ? " (\(t.money($0.paid)))" : "")
          }.joined(separator: " · "),
        promises.contains { $0.state.isBreach } ? .bold : .plain
      ))
  }
  let standing = c.disputes.filter { $0.stands(on: state.today) }
  if !standing.isEmpty {
    lines.append(
      (
        "\(t(.disputesTitle)): "
          + standing.map { d in
            var s = "\(d.invoice) " + (d.amount.map { t.money($0) } ?? t(.statusDisputed))
            s += " \(CallText.disputeReason(DisputeReason(rawValue: d.reason) ?? .other, t))"
            if let split = state.ledger.disputeSplit(invoice: d.invoice, today: state.today),
              split.isPartial
            {
              s += ", \(t(.disputeUndisputed)) \(t.money(split.undisputed))"
            }
            if let r = d.resumesOn { s += ", \(t(.disputeResumes)) \(t.day(r))" }
            return s
          }.joined(separator: " · "),
        .plain
      ))
  }
  return lines
}
