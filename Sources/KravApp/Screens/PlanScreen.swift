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

/// The plan view: one of a customer's plans (state: `PlanView`).
enum PlanScreen {
  /// The plan view's keys.
  static func keymap(_ t: Catalogue, moves: [KeyBinding<Action>]) -> Keymap<Action> {
    let act = t(.groupActions)
    return Keymap([
      KeyBinding(
        keys: [.char("r")], action: .signPlan, help: t.plan(.keySign), group: act,
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

  /// The plan shown in a plan view, if the customer has any.
  static func shownPlan(_ state: AppState, _ view: PlanView) -> (
    plan: Plan, index: Int, count: Int
  )? {
    let plans = state.ledger.plans(ofCustomer: view.customerId)
    guard !plans.isEmpty else { return nil }
    let i = min(view.index ?? plans.count - 1, plans.count - 1)
    return (plans[i], i, plans.count)
  }

  /// Whether the plan shown waits for its signature (the only time `r` is offered).
  static func awaitsSignature(_ state: AppState, _ view: PlanView) -> Bool {
    guard let s = shownPlan(state, view) else { return false }
    let p = state.ledger.progress(of: s.plan, on: state.today)
    return p.state == .proposed || (s.plan.signedOn == nil && p.state == .completed)
  }

  /// Actions in the plan view.
  static func update(_ state: inout AppState, _ view: inout PlanView, _ action: Action)
    -> [Effect]
  {
    let t = state.catalogue
    let shown = shownPlan(state, view)
    switch action {
    case .back:
      state.stack.removeLast()
    case .nextPlan:
      if let s = shown { view.index = (s.index + 1) % s.count }
    case .proposePlan:
      PlanForm.open(&state, customer: view.customerId)
    case .signPlan:
      guard let s = shown else { break }
      let p = state.ledger.progress(of: s.plan, on: state.today)
      guard p.state == .proposed || (s.plan.signedOn == nil && p.state == .completed) else {
        // Signed already (or lapsed): say so, and offer nothing to record.
        let already =
          s.plan.signedOn.map { "\(t(LLayout.alreadySigned)) \(t.day($0))" }
          ?? t.planState(p.state)
        state.status = StatusLine("\(s.plan.label): \(already)")
        break
      }
      state.mode = .signForm(SignForm(planId: s.plan.id, signed: t.day(state.today)))
    case .followPlan:
      guard let s = shown else { break }
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
    return []
  }

  /// One line per plan for the case screen: label, state, instalments paid, the next one due.
  static func summaryLines(_ state: AppState, customer: String) -> [String] {
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
  static func render(_ state: AppState, _ view: PlanView, in area: Rect, buffer: inout Buffer) {
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
    // One remaining figure (issue 15): a broken plan's remainder is what its claims owe today,
    // as the acceleration notice and the call list say; the schedule's remainder is not shown.
    let broken = p.state == .defaulted || p.state == .accelerated
    let remaining =
      broken
      ? "\(t.plan(.owedNow)) \(t.money(state.ledger.owedOnPlan(plan, on: state.today)))"
      : "\(t.plan(.remaining)) \(t.money(p.remaining(of: plan)))"
    // The terms and the figures wrap between items, never inside one (an amount is not cut).
    let items = [
      [
        "\(t.plan(.fieldClaims)): \(plan.invoices.joined(separator: ", "))",
        "\(t.plan(.every).capitalized) \(t.frequency(plan.frequency))",
        "\(t.plan(.signBy)) \(t.day(plan.signBy))", "\(t.plan(.graceShort)) \(plan.graceDays)",
      ],
      [
        "\(t.plan(.totalShort)) \(t.money(plan.total))", "\(t(.colPaid)) \(t.money(p.paid))",
        remaining, "\(t(.colInterest)) \(t.money(plan.projectedInterest))",
      ],
    ]
    for group in items {
      for text in wrapItems(group, width: area.width) { line(text) }
    }
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

  /// `items` joined by `separator`, a new line where the next item would not fit.
  static func wrapItems(_ items: [String], width: Int, separator: String = "   ") -> [String] {
    var lines: [String] = []
    var current = ""
    for item in items {
      let joined = current.isEmpty ? item : current + separator + item
      if current.isEmpty || TextWidth.width(of: joined) <= width {
        current = joined
      } else {
        lines.append(current)
        current = item
      }
    }
    if !current.isEmpty { lines.append(current) }
    return lines
  }

  /// The plan's history: what happened, oldest first (events and derived turning points).
  static func history(_ plan: Plan, _ p: PlanProgress, _ t: Catalogue) -> [String] {
    var items: [(Day, String)] = [
      (plan.proposedOn, "\(t.plan(.histProposed)) (\(plan.proposedBy))")
    ]
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
}

extension FollowConfirm {
  /// The confirmation's answer: the notice and events, or nothing.
  mutating func perform(_ action: Action, _ state: inout AppState) -> [Effect] {
    switch action {
    case .cancel:
      state.mode = .normal
      return []
    case .confirm:
      state.mode = .normal
      var effects: [Effect] = []
      for item in items {
        switch item {
        case .accelerate(let id):
          if let d = try? state.ledger.draftAcceleration(
            plan: id, today: state.today, creditor: letterCreditor(state), timestamp: "")
          {
            effects.append(
              .write(
                WriteRequest(.planFollowUp, events: [d.event], files: .documents(d.documents))))
          }
        case .close(let id, let invoices):
          if let plan = state.ledger.plan(named: id) {
            let events = state.ledger.closingEvents(plan: plan, invoices: invoices)
            effects.append(.write(WriteRequest(.planFollowUp, events: events)))
          }
        }
      }
      return effects
    default:
      return []
    }
  }
}
