import Foundation
import KravCore
import TerminalUI

/// The Calls screen: today's call list, ranked.
public struct CallsView: Hashable, Sendable {
  /// The search (`/`, SearchPrompt.swift); "" = the whole list.
  public var query: String = ""
  /// The selected customer, by id (a reload never moves the selection to another row).
  public var selectedId: String?
  /// First visible row.
  public var offset: Int = 0
  public init() {}
}

/// The Calls screen: today's call list, ranked, with why each customer is where it is.
enum CallsScreen {
  /// The screen's keys.
  static func keymap(_ t: Catalogue, moves: [KeyBinding<Action>]) -> Keymap<Action> {
    let act = t(.groupActions)
    return Keymap(
      moves.map { b in b.showing(b.action == .up || b.action == .down) } + [
        KeyBinding(
          keys: [.enter], action: .open, help: t(.keyOpen), group: act, showInStatusBar: true),
        KeyBinding(
          keys: [.char("l")], action: .logCall, help: t(.keyLogCall), group: act,
          showInStatusBar: true),
        SearchPrompt.binding(t),
        KeyBinding(
          keys: [.char("c")], action: .customers, help: t(.keyCustomers), group: act,
          showInStatusBar: true),
        KeyBinding(keys: [.char("s")], action: .openQueue, help: t(.keyQueue), group: act),
        KeyBinding(keys: [.char("I")], action: .importFile, help: t(LLayout.keyImport), group: act),
        // Issue 18: mine / the whole team (M: T is the queue's next step for the customer).
        KeyBinding(keys: [.char("M")], action: .toggleTeam, help: t(.keyTeam), group: act),
        KeyBinding(
          keys: [.char("v")], action: .openApprovals, help: t(.keyApprovals), group: act),
        KeyBinding(
          keys: [.char("o")], action: .openOutbox,
          help: t.lang == .nb ? "utboks (brev som skal ut)" : "outbox (letters to send)",
          group: act),
        KeyBinding(
          keys: [.char("q")], action: .quit, help: t(.keyQuit), group: t(.groupGeneral),
          showInStatusBar: true),
      ])
  }

  /// Rows the call table can show at once (body less header and the explanation panel).
  static func visibleRows(_ state: AppState) -> Int { max(1, state.size.height - 3 - panelHeight) }

  /// Height of the explanation panel under the call table.
  static let panelHeight = 7

  /// Carries out a bound action on the call list.
  static func update(_ state: inout AppState, _ view: inout CallsView, _ action: Action) -> [Effect]
  {
    let rows = state.visibleCalls(view)
    let index = state.callRow(view.selectedId, in: rows) ?? 0
    func select(_ i: Int) { moveSelection(state, &view, to: i) }
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
      state.stack.append(.caseView(CaseView(customerId: id)))
      return [.loadTimeline(customer: id, refs: state.ledger.timeline(of: id))]
    case .logCall:
      guard !rows.isEmpty else { return [] }
      view.selectedId = rows[index].customer
      CallForm.open(&state, customer: rows[index].customer)
    case .search:
      SearchPrompt.open(&state)
    case .customers:
      state.stack.append(.customers(CustomersView()))
    case .openQueue:
      QueueScreen.open(&state)
    case .openApprovals:
      state.stack.append(.approvals(ApprovalsView()))
    case .toggleTeam:
      state.callsWholeTeam.toggle()
      state.rederive()
    case .openOutbox:
      return openOutbox(&state, customer: nil)
    default: break
    }
    return []
  }

  /// Moves the call-list selection and keeps it on screen.
  static func moveSelection(_ state: AppState, _ view: inout CallsView, to index: Int) {
    let rows = state.visibleCalls(view)
    guard
      let i = scrolledSelection(
        index, count: rows.count, offset: &view.offset, visible: visibleRows(state))
    else { return }
    view.selectedId = rows[i].customer
  }

  /// Incremental search: keep the selection if it still matches, else the first match.
  static func keepSelection(_ state: AppState, _ view: inout CallsView) {
    let rows = state.visibleCalls(view)
    let at = state.callRow(view.selectedId, in: rows)
    if at == nil { view.offset = 0 }
    moveSelection(state, &view, to: at ?? 0)
  }

  /// The customer to go to after `id`: the next one in the call list that may be called now
  /// (else simply the next one), or the first callable one when `id` is not on the list.
  static func nextCustomer(_ state: AppState, after id: String) -> String? {
    let rows = state.calls
    let start = rows.firstIndex { $0.customer == id }.map { $0 + 1 } ?? 0
    let later = rows[min(start, rows.count)...].filter { $0.customer != id }
    let callable = later.first { $0.permission(state.callSettings, at: state.now).allowedNow }
    return (callable ?? later.first)?.customer
  }

  /// What follows a saved call: the plan builder when "propose a plan" was ticked (the plan is
  /// for this customer), else where the collector came from (issue 20: the next customer is an
  /// explicit key, `n` on the e-mail review).
  static func afterTheCall(_ state: inout AppState, _ form: CallForm) -> [Effect] {
    keepPlace(&state, called: form)
    guard form.proposePlan else { return reloadTimeline(state) }
    PlanForm.open(&state, customer: form.customerId)
    return []
  }

  /// Back on the call list after a call: the selection stays on the called customer, or, when
  /// the call took them off today's list, on the row that took their place (not the top).
  static func keepPlace(_ state: inout AppState, called form: CallForm) {
    let rows = state.calls
    state.updateAll(CallsView.self) { view in
      guard view.selectedId == form.customerId || view.selectedId == nil,
        !rows.contains(where: { $0.customer == form.customerId })
      else { return }
      view.selectedId =
        form.nextCustomer.flatMap { n in
          rows.contains { $0.customer == n } ? n : nil
        } ?? view.selectedId
    }
  }

  /// Goes on to the next customer without going back: the next row of the call list, or the
  /// next customer's case when the call was logged from a case.
  static func goOn(_ state: inout AppState, to next: String?) -> [Effect] {
    switch state.top {
    case .calls:
      return state.updateTop(CallsView.self) { state, view in
        let rows = state.visibleCalls(view)
        if let next, let i = state.callRow(next, in: rows) {
          moveSelection(state, &view, to: i)
        } else if let i = state.callRow(view.selectedId, in: rows) {
          moveSelection(state, &view, to: i)
        } else {
          view.selectedId = rows.first?.customer
        }
        return []
      }
    case .caseView(let view):
      let id = next ?? view.customerId
      // The next customer's case replaces this one (Esc still goes back to the list).
      if id != view.customerId { state.top = .caseView(CaseView(customerId: id)) }
      // Keep the call list's selection on the customer shown.
      state.updateAll(CallsView.self) { $0.selectedId = id }
      return [.loadTimeline(customer: id, refs: state.ledger.timeline(of: id))]
    default:
      return []
    }
  }

  /// Sets or lifts a customer's do-not-call flag: asks for the reason and a confirmation
  /// (issue 20) in the correction form, limited to the flag.
  static func toggleDoNotCall(_ state: inout AppState, customer id: String) -> [Effect] {
    CorrectionForm.open(&state, customer: id, timeline: nil, only: [.doNotCall, .mayCall])
    return []
  }

  // MARK: - Render

  /// The call list: ranked table on top, the selected customer's explanation below.
  static func render(_ state: AppState, _ view: CallsView, in area: Rect, buffer: inout Buffer) {
    let t = state.catalogue
    let rows = state.visibleCalls(view)
    let (tableArea, panel) = area.splitBottom(min(panelHeight, max(0, area.height - 3)))
    let selected = state.callRow(view.selectedId, in: rows) ?? (rows.isEmpty ? nil : 0)
    let height = max(1, tableArea.height - 1)
    var scroll = TableScroll(selected: selected, offset: view.offset)
    scroll.keepVisible(rowCount: rows.count, visibleHeight: height)
    let window = scroll.visibleRange(rowCount: rows.count, visibleHeight: height)
    var styles: [[Style?]] = []
    let cells: [[String]] = rows[window].map { e in
      var reasons = e.factors.map { t(CallText.key($0.reason)) }.joined(separator: ", ")
      var cellStyles = [Style?](repeating: nil, count: 6)
      // The customer's state in colour (or marked under NO_COLOR) on the reasons.
      if let s = state.rowState(customer: e.customer) {
        cellStyles[5] = s.style(colors: state.colors)
        reasons = s.label(reasons, colors: state.colors)
      }
      styles.append(cellStyles)
      return [
        (e.isPinned ? "! " : "") + e.name, e.phone ?? "–", t.money(e.amount), "\(e.score)",
        callWhen(e, state), reasons,
      ]
    }
    let laid = ColumnLayout.table(columns(t), rows: cells, width: tableArea.width)
    let table = Table(
      columns: laid.columns, rows: laid.rows,
      scroll: TableScroll(selected: selected.map { $0 - window.lowerBound }, offset: 0),
      emptyText: view.query.isEmpty ? t(.noCalls) : t(.noMatches),
      cellStyles: styles.map { row in laid.kept.map { row[$0] } })
    buffer.render(table, in: tableArea)
    guard let i = selected, !panel.isEmpty else { return }
    renderExplanation(state, rows[i], in: panel, buffer: &buffer)
  }

  /// The call list's columns by priority (`ColumnLayout`): the name and the reasons keep
  /// their room; the score and the phone give way first.
  static func columns(_ t: Catalogue) -> [LayoutColumn] {
    [
      LayoutColumn(t(.colName), min: 12, max: 28, priority: 0, grows: true),
      LayoutColumn(t(.colPhone), min: 15, max: 15, priority: 3),
      LayoutColumn(t(.colAmount), min: 12, priority: 1, alignment: .right),
      LayoutColumn(t(.colScore), min: 5, max: 5, priority: 4, alignment: .right),
      LayoutColumn(t(.colWhen), min: 9, max: 16, priority: 2),
      LayoutColumn(t(.colReasons), min: 10, max: 60, priority: 1, grows: true),
    ]
  }

  /// "nå", "fra 01.12.2026 08:00" or "ikke ring".
  static func callWhen(_ e: CallEntry, _ state: AppState) -> String {
    let t = state.catalogue
    let p = e.permission(state.callSettings, at: state.now)
    if p.allowedNow { return t(.callNow) }
    guard let from = p.from else { return t(.callNever) }
    // Compact for the table, so it fits its narrowest width (9) at 80 columns: "fra 14:00"
    // today, the weekday within the coming week ("man 08:00"), else day and month. The panel
    // below spells out the whole date.
    let clock = TimeSpan.clock(from.minute)
    if from.day == state.today { return "\(t(.callFrom)) \(clock)" }
    let ahead = state.today.days(to: from.day)
    if ahead > 0 && ahead < 7 { return "\(shortWeekday(from.day.weekday, t.lang)) \(clock)" }
    let c = from.day.components
    func two(_ v: Int) -> String { v < 10 ? "0\(v)" : "\(v)" }
    let day = t.lang == .nb ? "\(two(c.day)).\(two(c.month))." : "\(two(c.month))-\(two(c.day))"
    return "\(day) \(clock)"
  }

  /// "man" … "søn" / "Mon" … "Sun" for an ISO weekday (1 = Monday).
  static func shortWeekday(_ weekday: Int, _ lang: Language) -> String {
    let nb = ["man", "tir", "ons", "tor", "fre", "lør", "søn"]
    let en = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]
    let i = min(max(weekday, 1), 7) - 1
    return lang == .nb ? nb[i] : en[i]
  }

  /// Why a customer is ranked where it is, and what the call rules say now.
  static func renderExplanation(
    _ state: AppState, _ e: CallEntry, in area: Rect, buffer: inout Buffer
  ) {
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
    // Issue 18: whose customer it is, and what waits for a second person's approval.
    if let c = state.ledger.customers[e.customer] {
      if let who = c.collector { line("\(t(.colCollector)): \(who)") }
      for r in c.approvals {
        line("\(t(.awaitingApproval)): \(r.action) (\(r.requestedBy))", .bold)
      }
    }
  }

  /// The case view's lines about calls, promises and objections (under the contact details).
  static func caseLines(_ state: AppState, _ c: Customer) -> [(String, Style)] {
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
}
