import KravCore
import TerminalUI

/// The plan view: one of a customer's plans with its schedule (paid / due / missed per
/// instalment), state and history; `Tab` shows the next plan.
public struct PlanView: Hashable, Sendable {
  public var customerId: String
  /// Which of the customer's plans (oldest first); the newest when the view opens.
  public var index: Int?
  public init(customerId: String, index: Int? = nil) {
    self.customerId = customerId
    self.index = index
  }
}

/// A follow-up waiting for y/n: what will be done to which plan.
public struct FollowConfirm: Hashable, Sendable {
  public var customerId: String
  public var items: [PlanFollowUp]
}

extension Keymaps {
  /// The plan view's keys.
  static func planKeys(_ t: Catalogue, moves: [KeyBinding<Action>]) -> Keymap<Action> {
    let act = t(.groupActions)
    return Keymap([
      KeyBinding(
        keys: [.char("s")], action: .signPlan, help: t.plan(.keySign), group: act,
        showInStatusBar: true),
      KeyBinding(
        keys: [.char("f")], action: .followPlan, help: t.plan(.keyFollow), group: act,
        showInStatusBar: true),
      KeyBinding(
        keys: [.tab], action: .nextPlan, help: t.plan(.keyNextPlan), group: act,
        showInStatusBar: true),
      KeyBinding(
        keys: [.char("p")], action: .proposePlan, help: t.plan(.keyPropose), group: act),
      KeyBinding(
        keys: [.escape, .char("q")], action: .back, help: t(.keyBack), group: t(.groupGeneral),
        showInStatusBar: true),
    ])
  }
}

/// The plan shown in a plan view, if the customer has any.
func shownPlan(_ state: AppState, _ view: PlanView) -> (plan: Plan, index: Int, count: Int)? {
  let plans = state.ledger.plans(ofCustomer: view.customerId)
  guard !plans.isEmpty else { return nil }
  let i = min(view.index ?? plans.count - 1, plans.count - 1)
  return (plans[i], i, plans.count)
}

/// Actions in the plan view.
func planViewAction(_ state: inout AppState, _ view: inout PlanView, _ action: Action)
  -> [Effect]
{
  let t = state.catalogue
  let shown = shownPlan(state, view)
  switch action {
  case .back:
    state.stack.removeLast()
    return []
  case .nextPlan:
    if let s = shown { view.index = (s.index + 1) % s.count }
  case .proposePlan:
    state.top = .planView(view)
    openPlanForm(&state, customer: view.customerId)
    return []
  case .signPlan:
    guard let s = shown else { break }
    if state.refusedReadOnly() { break }
    let p = state.ledger.progress(of: s.plan, on: state.today)
    guard p.state == .proposed || (s.plan.signedOn == nil && p.state == .completed) else {
      state.status = StatusLine(
        "\(s.plan.label): \(t.planState(p.state)) – \(t.plan(.keySign))?", isError: true)
      break
    }
    state.mode = .signForm(SignForm(planId: s.plan.id, signed: t.day(state.today)))
  case .followPlan:
    guard let s = shown else { break }
    if state.refusedReadOnly() { break }
    let items = state.ledger.planFollowUps(customer: view.customerId, on: state.today)
      .filter {
        switch $0 {
        case .accelerate(let id), .close(let id, _): return id == s.plan.id
        }
      }
    if items.isEmpty {
      state.status = StatusLine(t.plan(.nothingToFollow))
    } else {
      state.mode = .confirmFollow(FollowConfirm(customerId: view.customerId, items: items))
    }
  default: break
  }
  if case .planView = state.top { state.top = .planView(view) }
  return []
}

/// y/n on a follow-up: the notice and events, or nothing.
func answerFollow(_ state: inout AppState, _ c: FollowConfirm, _ key: Key) -> [Effect] {
  switch key {
  case .ctrl("c"):
    state.isQuitting = true
    return [.quit]
  case .char("n"), .escape:
    state.mode = .normal
    return []
  case .char("y"), .char("j"):
    state.mode = .normal
    var effects: [Effect] = []
    for item in c.items {
      switch item {
      case .accelerate(let id):
        if let d = try? state.ledger.draftAcceleration(
          plan: id, today: state.today, creditor: letterCreditor(state), timestamp: "")
        {
          effects.append(.appendWithDocuments(d.documents, [d.event]))
        }
      case .close(let id, let invoices):
        if let plan = state.ledger.plan(named: id) {
          effects.append(.append(state.ledger.closingEvents(plan: plan, invoices: invoices)))
        }
      }
    }
    return effects
  default:
    return []
  }
}

/// One line per plan for the case screen: label, state, instalments paid, the next one due.
func planSummaryLines(_ state: AppState, customer: String) -> [String] {
  let t = state.catalogue
  return state.ledger.plans(ofCustomer: customer).suffix(2).map { plan in
    let p = state.ledger.progress(of: plan, on: state.today)
    let paid = p.instalments.filter { $0.state == .paid }.count
    var text =
      "\(t.plan(.plan)) \(plan.label): \(t.planState(p.state)) – \(paid)/\(plan.instalments.count) "
      + "\(t.plan(.instalments)) \(t.plan(.paidOf).components(separatedBy: " ").first ?? "")"
    if let next = p.instalments.first(where: { $0.state != .paid }),
      p.state == .active || p.state == .signed || p.state == .proposed
    {
      text += " – \(t.plan(.next)) \(t.day(next.due)) \(t.money(next.amount - next.paid))"
    }
    return text + "  (a)"
  }
}

/// Draws the plan view.
func renderPlanView(_ state: AppState, _ view: PlanView, in area: Rect, buffer: inout Buffer) {
  let t = state.catalogue
  var y = area.y
  func line(_ text: String, _ style: Style = .plain) {
    guard y < area.maxY else { return }
    _ = buffer.put(text, x: area.x, y: y, style: style, maxWidth: area.width)
    y += 1
  }
  guard let (plan, index, count) = shownPlan(state, view) else {
    return line(t.plan(.noPlans))
  }
  let p = state.ledger.progress(of: plan, on: state.today)
  let stateStyle: Style =
    switch p.state {
    case .defaulted, .accelerated, .lapsed: .error
    default: .bold
    }
  line(
    "\(t.plan(.planTitle)) \(plan.label)  (\(index + 1)/\(count))  –  \(t.planState(p.state))",
    stateStyle)
  line(
    "\(t.plan(.fieldClaims)): \(plan.invoices.joined(separator: ", "))   "
      + "\(t.plan(.every).capitalized) \(t.frequency(plan.frequency))   "
      + "\(t.plan(.signBy)) \(t.day(plan.signBy))   \(t.plan(.fieldGrace)) \(plan.graceDays)")
  // One remaining figure (issue 15): a broken plan's remainder is what its claims owe today,
  // as the acceleration notice and the call list say; the schedule's remainder is not shown.
  let broken = p.state == .defaulted || p.state == .accelerated
  let remaining =
    broken
    ? "\(t.plan(.owedNow)) \(t.money(state.ledger.owedOnPlan(plan, on: state.today)))"
    : "\(t.plan(.remaining)) \(t.money(p.remaining(of: plan)))"
  line(
    "\(t.plan(.totalShort)) \(t.money(plan.total))  \(t(.colPaid)) \(t.money(p.paid))  "
      + "\(remaining)  \(t(.colInterest)) \(t.money(plan.projectedInterest))")
  if let l = plan.letter { line("\(t.plan(.letterWritten)): \(l)") }
  y += 1
  let columns = [
    TableColumn(t.plan(.colNo), width: .fixed(4), alignment: .right),
    TableColumn(t(.colDue), width: .fixed(10)),
    TableColumn(t.plan(.amount), width: .fixed(13), alignment: .right),
    TableColumn(t(.colPaid), width: .fixed(13), alignment: .right),
    TableColumn(t.plan(.colState), width: .flex(min: 10)),
  ]
  let rows = p.instalments.map { r -> [String] in
    var st = t.instalmentState(r.state)
    if let on = r.paidOn { st += " \(t.day(on))" }
    return ["\(r.number)", t.day(r.due), t.money(r.amount), t.money(r.paid), st]
  }
  let historyLines = history(plan, p, t)
  let tableHeight = min(rows.count + 1, max(2, area.maxY - y - historyLines.count - 2))
  let tableArea = Rect(
    x: area.x, y: y, width: area.width, height: max(0, min(tableHeight, area.maxY - y)))
  buffer.render(
    Table(columns: columns, rows: rows, scroll: TableScroll(selected: nil, offset: 0)),
    in: tableArea)
  y = tableArea.maxY + 1
  line(t.plan(.history), Style(bold: true, underline: true))
  for h in historyLines { line(h) }
}

/// The plan's history: what happened, oldest first (events and derived turning points).
func history(_ plan: Plan, _ p: PlanProgress, _ t: Catalogue) -> [String] {
  var items: [(Day, String)] = [(plan.proposedOn, "\(t.plan(.histProposed)) (\(plan.proposedBy))")]
  if let s = plan.signedOn {
    let ch = plan.signChannel.map { " – \(t.channel($0))" } ?? ""
    items.append((s, "\(t.plan(.histSigned))\(ch) (\(plan.signedOffBy ?? ""))"))
  }
  if let a = p.activeFrom { items.append((a, t.plan(.histActive))) }
  if let l = p.lapsedOn { items.append((l, t.plan(.histLapsed))) }
  if let d = p.defaultedOn {
    items.append((d, t.plan(.histDefaulted) + (p.missedInstalment.map { " #\($0)" } ?? "")))
  }
  if let a = plan.acceleratedOn { items.append((a, t.plan(.histAccelerated))) }
  if let c = p.completedOn { items.append((c, t.plan(.histCompleted))) }
  return items.sorted { $0.0 < $1.0 }.map { "  \(t.day($0.0))  \($0.1)" }
}

/// Draws the plan builder, the signature form or a follow-up confirmation over the screen;
/// returns where the cursor goes.
func renderPlanOverlay(_ state: AppState, body: Rect, status: Rect, buffer: inout Buffer)
  -> Point?
{
  let t = state.catalogue
  switch state.mode {
  case .planForm(let f):
    return renderPlanForm(state, f, body: body, status: status, buffer: &buffer)
  case .signForm(let f):
    let plan = state.ledger.plan(named: f.planId)
    let channel = t.channel(Ledger.signatureChannels[f.channel])
    var lines = [
      "\(t.plan(.plan)) \(plan?.label ?? f.planId) – \(state.ledger.customers[plan?.customer ?? ""]?.name ?? "")",
      "",
      "\(f.focus == 0 ? "▶" : "·") \(t.plan(.fieldSigned)): \(f.signed.text)",
      "\(f.focus == 1 ? "▶" : "·") \(t.plan(.fieldChannel)): ◀ \(channel) ▶",
    ]
    if let e = f.error { lines += ["", e] }
    if f.confirming {
      buffer.render(
        ConfirmDialog(
          title: t.plan(.confirmSign), lines: lines, confirmHint: t.plan(.confirmYes),
          cancelHint: t.plan(.confirmNo)), in: body)
    } else {
      buffer.render(
        Dialog(title: t.plan(.signTitle), lines: lines, buttons: t.plan(.formHelp)), in: body)
    }
    buffer.render(
      StatusBar(message: f.error ?? t.plan(.formHelp), isError: f.error != nil), in: status)
    return nil
  case .confirmFollow(let c):
    var lines: [String] = []
    for item in c.items {
      switch item {
      case .accelerate(let id):
        let label = state.ledger.plan(named: id)?.label ?? id
        lines.append("\(label): \(t.plan(.accelerate))")
      case .close(let id, let invoices):
        let label = state.ledger.plan(named: id)?.label ?? id
        lines.append("\(label): \(t.plan(.closeClaims)) (\(invoices.joined(separator: ", ")))")
      }
    }
    buffer.render(
      ConfirmDialog(
        title: t.plan(.confirmFollow), lines: lines, confirmHint: t.plan(.confirmYes),
        cancelHint: t.plan(.confirmNo)), in: body)
    buffer.render(StatusBar(message: t.plan(.confirmFollow)), in: status)
    return nil
  default:
    return nil
  }
}

/// The plan builder: fields on the left, the live schedule preview below them.
func renderPlanForm(
  _ state: AppState, _ f: PlanForm, body: Rect, status: Rect, buffer: inout Buffer
) -> Point? {
  let t = state.catalogue
  buffer.fill(body, style: .plain)
  var y = body.y
  func line(_ text: String, _ style: Style = .plain) {
    guard y < body.maxY else { return }
    _ = buffer.put(text, x: body.x, y: y, style: style, maxWidth: body.width)
    y += 1
  }
  let name = state.ledger.customers[f.customerId]?.name ?? f.customerId
  line("\(t.plan(.formTitle)) – \(name)", Style(bold: true, underline: true))
  let summaries = state.ledger.claimSummaries(customer: f.customerId, today: state.today)
  for (i, inv) in f.invoices.enumerated() {
    let owed = summaries.first { $0.claim.invoice == inv }?.balance.outstanding ?? .zero
    let mark = f.selected.contains(inv) ? "[x]" : "[ ]"
    line(
      "\(f.focus == i ? "▶" : " ") \(mark) \(t(.colInvoice)) \(inv)  \(t.money(owed))",
      f.focus == i ? .reverse : .plain)
  }
  var cursor: Point?
  let labelWidth = 26
  func field(_ which: PlanForm.Field, _ label: String, _ input: TextInput?, _ text: String = "") {
    guard y < body.maxY else { return }
    let focused = f.field == which
    _ = buffer.put(
      "\(focused ? "▶" : " ") \(TextWidth.pad(label, to: labelWidth - 2))", x: body.x, y: y,
      style: focused ? .bold : .plain, maxWidth: labelWidth)
    let area = Rect(x: body.x + labelWidth, y: y, width: 16, height: 1)
    if let input {
      let at = input.draw(in: area, buffer: &buffer, style: .underline)
      if focused { cursor = at }
    } else {
      _ = buffer.put(text, x: area.x, y: y, style: focused ? .reverse : .plain, maxWidth: 30)
    }
    y += 1
  }
  field(.count, t.plan(.fieldInstalments), f.count)
  field(.amount, t.plan(.fieldAmount), f.amount)
  field(.frequency, t.plan(.fieldEvery), nil, "◀ \(t.frequency(f.frequency)) ▶")
  field(.signBy, t.plan(.fieldSignBy), f.signBy)
  field(.grace, t.plan(.fieldGrace), f.grace)
  y += 1
  switch planDraft(state, f) {
  case .failure(let e):
    line(e.description, .error)
  case .success(let d):
    let q = d.quote
    let shown = q.instalments.enumerated().prefix(max(0, body.maxY - y - 6))
    for (i, inst) in shown {
      line("  \(TextWidth.pad("\(i + 1)", to: 3))  \(t.day(inst.due))  \(t.money(inst.amount))")
    }
    if shown.count < q.instalments.count { line("  …") }
    line(
      "\(t.plan(.outstandingNow)) \(t.money(q.outstanding))   \(t.plan(.projectedInterest)) "
        + "\(t.money(q.projectedInterest))")
    line("\(t.plan(.total)): \(t.money(q.total))", .bold)
    let costs = q.defaultCosts.filter { $0.fee.isPositive }
      .map { "\($0.invoice) \(t.step($0.step)) \(t.money($0.fee))" }
    line("\(t.plan(.planFee)) \(t.money(q.planFee))")
    if !costs.isEmpty { line("\(t.plan(.ifBroken)) \(costs.joined(separator: "; "))") }
    if f.confirming {
      buffer.render(
        ConfirmDialog(
          title: t.plan(.confirmPropose),
          lines: [
            "\(name) (\(f.customerId))",
            "\(t.plan(.fieldClaims)): \(d.invoices.joined(separator: ", "))",
            "\(q.instalments.count) \(t.plan(.instalments)), \(t.plan(.every)) \(t.frequency(f.frequency))",
            "\(t.plan(.total)): \(t.money(q.total))",
            "\(t.plan(.signBy)): \(t.day(d.signBy))",
          ], confirmHint: t.plan(.confirmYes), cancelHint: t.plan(.confirmNo)), in: body)
      cursor = nil
    }
  }
  buffer.render(
    StatusBar(message: f.error ?? t.plan(.formHelp), isError: f.error != nil), in: status)
  return cursor
}
