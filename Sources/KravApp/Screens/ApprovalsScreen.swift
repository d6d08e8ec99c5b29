import KravCore
import TerminalUI

/// The approvals screen (issue 18): requests waiting for a second person's approval, with what
/// to read before approving. State, keymap, update and render in one namespace; the app's
/// hooks are `Screen.approvals`, `Keymaps.approvals`, the call list's `v` and the dispatch
/// lines in `perform` and `render`.
public struct ApprovalsView: Hashable, Sendable {
  /// The request selected (its id).
  public var selectedId: String?
  public var offset = 0
  public init() {}
}

enum ApprovalsScreen {
  /// Keys: move, Enter opens the customer's case, `O` ("OK") approves (never one's own; `a` is
  /// the case's plans, `o` the outbox), `X` rejects with a reason (`x` is do-not-call in the
  /// case), Esc back. Both decisions are confirmed with the one y/n confirmation.
  static func keymap(_ t: Catalogue, moves: [KeyBinding<Action>]) -> Keymap<Action> {
    let act = t(.groupActions), gen = t(.groupGeneral)
    return Keymap(
      moves.map { b in b.showing(b.action == .up || b.action == .down) } + [
        KeyBinding(
          keys: [.enter], action: .open, help: t(.keyOpen), group: act, showInStatusBar: true),
        KeyBinding(
          keys: [.char("O")], action: .approve, help: t(.keyApprove), group: act,
          showInStatusBar: true),
        KeyBinding(
          keys: [.char("X")], action: .reject, help: t(.keyReject), group: act,
          showInStatusBar: true),
        KeyBinding(
          keys: [.escape], action: .back, help: t(.keyBack), group: gen, showInStatusBar: true),
      ])
  }

  /// The pending requests, oldest first.
  static func rows(_ state: AppState) -> [(customer: String, request: ApprovalRequest)] {
    state.ledger.pendingApprovals
  }

  static func title(_ state: AppState) -> String {
    "\(state.catalogue(.appTitle)) – \(state.catalogue(.approvalsTitle)) (\(rows(state).count))"
  }

  static func update(_ state: inout AppState, _ view: inout ApprovalsView, _ action: Action)
    -> [Effect]
  {
    let rows = rows(state)
    let index = rows.firstIndex { $0.request.id == view.selectedId } ?? 0
    switch action {
    case .back:
      state.stack.removeLast()
      return []
    case .up, .down, .pageUp, .pageDown, .home, .end:
      let visible = max(1, (state.size.height - 3) / 2)
      let target = listTarget(
        action, from: index, count: rows.count, page: pageSize(state),
        hasSelection: view.selectedId != nil)
      if let k = scrolledSelection(
        target, count: rows.count, offset: &view.offset, visible: visible)
      {
        view.selectedId = rows[k].request.id
      }
    case .open:
      guard index < rows.count else { return [] }
      view.selectedId = rows[index].request.id
      let id = rows[index].customer
      state.stack.append(.caseView(CaseView(customerId: id)))
      return [.loadTimeline(customer: id, refs: state.ledger.timeline(of: id))]
    case .approve:
      guard index < rows.count else { return [] }
      view.selectedId = rows[index].request.id
      return approve(&state, customer: rows[index].customer, rows[index].request)
    case .reject:
      guard index < rows.count else { return [] }
      view.selectedId = rows[index].request.id
      if state.refusedReadOnly() { return [] }
      state.mode = .decideApproval(
        ApprovalForm(customer: rows[index].customer, request: rows[index].request, approving: false)
      )
    default: break
    }
    return []
  }

  /// Approving: refused for one's own request; a step's letter is previewed first (the
  /// document to read) and sent on confirmation; anything else asks the y/n confirmation
  /// naming what will happen (`ApprovalForm`), then `carryOut`.
  static func approve(_ state: inout AppState, customer: String, _ r: ApprovalRequest) -> [Effect] {
    let t = state.catalogue
    if state.refusedReadOnly() { return [] }
    if let user = state.user, user == r.requestedBy {
      state.status = StatusLine(t(.ownRequest), isError: true)
      return []
    }
    switch FourEyesAction(rawValue: r.action) {
    case .utlegg?, .forliksklage?:
      return carryOut(&state, customer: customer, r)
    case .writeOff?, .longPlan?, nil:
      state.mode = .decideApproval(ApprovalForm(customer: customer, request: r, approving: true))
      state.status = nil
      return []
    }
  }

  /// What an approval writes: a write-off with its approval; a plan over 12 months drafted
  /// today with its letter; a step's letters shown for confirmation (`StepConfirm`).
  static func carryOut(_ state: inout AppState, customer: String, _ r: ApprovalRequest)
    -> [Effect]
  {
    let t = state.catalogue
    if let user = state.user, user == r.requestedBy {
      state.status = StatusLine(t(.ownRequest), isError: true)
      return []
    }
    let granted = Event.approvalDecision(r, customer: customer, granted: true)
    switch FourEyesAction(rawValue: r.action) {
    case .writeOff?:
      guard let invoice = r.invoice, state.ledger.claims[invoice]?.closed == nil else {
        state.status = StatusLine(t(.cannotApprove), isError: true)
        return []
      }
      // The write-off names its request (`ref`), so the four-eyes gate lets it through.
      var e = Event.caseClosed(
        customer: customer, invoice: invoice, reason: .writtenOff, text: r.text)
      e.ref = r.id
      return [.write(WriteRequest(.approval, events: [e, granted]))]
    case .utlegg?, .forliksklage?:
      guard state.creditor != nil,
        let plan = try? state.ledger.planSteps(
          .invoices(r.invoices.isEmpty ? [r.invoice ?? ""] : r.invoices), today: state.today)
      else {
        state.status = StatusLine(t(.cannotApprove), isError: true)
        return []
      }
      var approved = plan
      approved.letters = plan.letters.filter { $0.step.rawValue == r.step }
      guard !approved.letters.isEmpty else {
        state.status = StatusLine(t(.cannotApprove), isError: true)
        return []
      }
      var c = StepConfirm(plan: approved)
      c.approving = granted
      state.mode = .confirmSteps(c)
      return c.loadTexts()
    case .longPlan?:
      guard
        let d = try? state.ledger.draftApprovedPlan(
          r, customer: customer, today: state.today, creditor: letterCreditor(state),
          timestamp: "")
      else {
        state.status = StatusLine(t(.cannotApprove), isError: true)
        return []
      }
      return [
        .write(
          WriteRequest(.approval, events: [d.event, granted], files: .documents(d.documents)))
      ]
    case nil:
      return [.write(WriteRequest(.approval, events: [granted]))]
    }
  }

  static func render(_ state: AppState, _ view: ApprovalsView, in area: Rect, buffer: inout Buffer)
  {
    let t = state.catalogue
    let rows = rows(state)
    let selected = rows.firstIndex { $0.request.id == view.selectedId } ?? (rows.isEmpty ? nil : 0)
    let (top, bottom) = (
      Rect(x: area.x, y: area.y, width: area.width, height: area.height / 2),
      Rect(
        x: area.x, y: area.y + area.height / 2, width: area.width,
        height: area.height - area.height / 2)
    )
    var scroll = TableScroll(selected: selected, offset: view.offset)
    scroll.keepVisible(rowCount: rows.count, visibleHeight: max(1, top.height - 1))
    let cells = rows.map { c, r in
      [
        r.action, state.ledger.customers[c]?.name ?? c,
        r.invoices.isEmpty ? (r.invoice ?? "") : r.invoices.joined(separator: ","),
        r.requestedBy, String(r.requestedAt.prefix(16)).replacingOccurrences(of: "T", with: " "),
      ]
    }
    // Columns by priority (`ColumnLayout`): the action and the customer keep their room.
    let laid = ColumnLayout.table(
      [
        LayoutColumn(t(.colAction), min: 12, max: 24, priority: 0),
        LayoutColumn(t(.colCustomer), min: 12, max: 30, priority: 0, grows: true),
        LayoutColumn(t(.colInvoice), min: 7, max: 20, priority: 1),
        LayoutColumn(t(.colRequestedBy), min: 8, max: 14, priority: 2),
        LayoutColumn(t(.colWhen), min: 16, max: 16, priority: 3),
      ], rows: cells, width: top.width,
      measure: scroll.visibleRange(rowCount: rows.count, visibleHeight: max(1, top.height - 1)))
    let table = Table(
      columns: laid.columns, rows: laid.rows, scroll: scroll, emptyText: t(.noApprovals),
      cellStyles: rows.map { _ in
        laid.kept.map { $0 == 0 ? RowState.approvalPending.style(colors: state.colors) : nil }
      })
    buffer.render(table, in: top)
    // What to read before approving: the request, and the claims as they stand today.
    guard let i = selected else { return }
    let (customer, r) = rows[i]
    var y = bottom.y
    func line(_ text: String, _ style: Style = .plain) {
      guard y < bottom.maxY else { return }
      _ = buffer.put(text, x: bottom.x, y: y, style: style, maxWidth: bottom.width)
      y += 1
    }
    line("\(r.action): \(r.text)", .bold)
    line("\(t(.colRequestedBy)): \(r.requestedBy)  \(r.id)")
    let invoices = Set(r.invoices + (r.invoice.map { [$0] } ?? []))
    for s in state.ledger.claimSummaries(customer: customer, today: state.today)
    where invoices.contains(s.claim.invoice) {
      line(
        "\(s.claim.invoice)  \(t(.colDue)) \(t.day(s.claim.due))  \(t(.colOutstanding)) "
          + "\(t.money(s.balance.outstanding))  \(t.step(s.claim.step))  \(t.status(s.status))")
    }
    // While a decision is asked: what a yes does, in full (the status row may cut it).
    if case .decideApproval(let f) = state.mode, f.request.id == r.id {
      line(f.approving ? "→ \(t.approvalEffect(r))" : "→ \(t(.rejectConfirm))", .bold)
    } else {
      line(t(.approveHint))
    }
  }
}
