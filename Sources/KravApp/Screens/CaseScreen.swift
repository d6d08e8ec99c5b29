import KravCore
import TerminalUI

/// The Case screen: one customer's details, claims and timeline.
public struct CaseView: Hashable, Sendable {
  public var customerId: String
  /// The timeline, newest first, once the runtime has read it from the journals.
  public var timeline: [Event]?
  /// First visible timeline row (the drawing moves it so `selected` is seen).
  public var scroll: Int = 0
  /// The selected timeline entry (Enter reads it in full).
  public var selected: Int = 0
  public init(customerId: String) { self.customerId = customerId }
}

/// The Case screen: one customer's details, claims and timeline (state: `CaseView`).
enum CaseScreen {
  /// An amount without the currency, for the dense claims table (`12 345,50`).
  static func plainAmount(_ m: Money, _ t: Catalogue) -> String {
    let s = t.money(m)
    return t.lang == .nb ? String(s.dropLast(3)) : String(s.dropFirst(4))
  }

  /// Draws the case; returns how many timeline rows were visible (the keys scroll by it).
  @discardableResult
  static func render(_ state: AppState, _ view: CaseView, in area: Rect, buffer: inout Buffer)
    -> Int
  {
    let t = state.catalogue
    guard let c = state.ledger.customers[view.customerId] else { return 0 }
    var y = area.y
    let w = area.width
    func line(_ text: String, _ style: Style = .plain) {
      guard y < area.maxY else { return }
      _ = buffer.put(text, x: area.x, y: y, style: style, maxWidth: w)
      y += 1
    }
    var id = "\(c.name)  (\(c.id), \(t.kind(c.kind)))"
    if let o = c.orgnr { id += "  \(t(.orgnr)) \(OrgNumber.formatted(o) ?? o)" }
    if let b = c.birthNumber { id += "  \(t(.birthNumber)) \(BirthNumber.masked(b))" }
    line(id, .bold)
    let contact = [c.phone.map { "\(t(.phone)) \($0)" }, c.email.map { "\(t(.email)) \($0)" }]
      .compactMap { $0 }.joined(separator: "   ")
    if !contact.isEmpty { line(contact) }
    if let a = c.address { line("\(t(.address)) \(a)") }
    if let h = c.holdUntil, h >= state.today { line("\(t(.hold)) \(t.day(h))", .bold) }
    for text in CallsScreen.caseLines(state, c) { line(text.0, text.1) }

    let claims = state.ledger.claimSummaries(customer: c.id, today: state.today)
    let tableHeight = min(claims.count + 2, max(3, (area.maxY - y) / 2))
    // Columns by priority (`ColumnLayout`): the invoice and its step keep their room; at 80
    // columns the paid, interest and fee columns give way whole before the step is cut.
    let layout = [
      LayoutColumn(t(.colInvoice), min: 7, priority: 0),
      LayoutColumn(t(.colDue), min: 10, max: 10, priority: 2),
      LayoutColumn(t(.colPrincipal), min: 10, priority: 3, alignment: .right),
      LayoutColumn(t(.colPaid), min: 10, priority: 5, alignment: .right),
      LayoutColumn(t(.colInterest), min: 8, priority: 4, alignment: .right),
      LayoutColumn(t(.colFees), min: 7, priority: 6, alignment: .right),
      LayoutColumn(t(.colOutstanding), min: 11, priority: 1, alignment: .right),
      LayoutColumn(t(.colStep), min: 8, max: 44, priority: 0, grows: true),
    ]
    var rows = claims.map { s -> [String] in
      let b = s.balance
      var step = t.claimState(step: s.claim.step, status: s.status)
      if let d = s.disputed {
        // A partial objection: the claim goes on for the rest; the disputed part is shown.
        step +=
          s.status == .disputed
          ? " \(plainAmount(d, t))" : " (\(t(.statusPartlyDisputed)) \(t.money(d)))"
      }
      return [
        s.claim.invoice, t.day(s.claim.due), plainAmount(b.principal, t), plainAmount(b.paid, t),
        plainAmount(b.interest, t), plainAmount(b.fees, t), plainAmount(b.outstanding, t), step,
      ]
    }
    let open = claims.filter { $0.status.isOpen }
    let total = open.reduce(Money.zero) { $0 + $1.balance.outstanding }
    // The label in the invoice column, which is never hidden.
    rows.append([t(.totals), "", "", "", "", "", plainAmount(total, t), ""])
    y += 1
    let tableArea = Rect(x: area.x, y: y, width: w, height: max(0, min(tableHeight, area.maxY - y)))
    let laid = ColumnLayout.table(layout, rows: rows, width: w)
    buffer.render(
      Table(columns: laid.columns, rows: laid.rows, scroll: TableScroll(selected: nil, offset: 0)),
      in: tableArea)
    y = tableArea.maxY
    for s in claims where !s.claim.conflicts.isEmpty {
      // A step another collector took first: kept in the journal, shown, never applied twice.
      line(
        "\(t(.conflict)) \(s.claim.invoice): \(s.claim.conflicts.joined(separator: ", "))", .error)
    }
    for r in c.approvals {
      // Four-eyes: what waits for another user's approval (krav approvals / approve).
      line("\(t(.awaitingApproval)): \(r.action) \(r.text) (\(r.requestedBy), \(r.id))", .bold)
    }
    if let who = c.collector { line("\(t(.colCollector)): \(who)") }
    for text in PlanScreen.summaryLines(state, customer: c.id) { line(text, .bold) }
    for s in claims where s.status.isOpen {
      // The next formal step, and a warning well before the claim becomes time-barred.
      if let next = state.ledger.nextStep(invoice: s.claim.invoice, today: state.today) {
        let why = next.reason(on: state.today).map { " – \(t.blocker($0))" } ?? " – \(t(.ready))"
        line(
          "\(s.claim.invoice): \(t(.colNextStep).lowercased()) \(t.step(next.step)) \(t(.colEarliest).lowercased()) \(t.day(next.from))\(why)",
          .dim)
      }
      if let lim = state.ledger.limitation(of: s.claim.invoice, today: state.today), lim.warn,
        let date = lim.date
      {
        line("\(s.claim.invoice): \(t(.limitationWarning)) \(t.day(date))", .error)
      }
    }
    let credit = claims.reduce(Money.zero) { $0 + $1.balance.overpaid }
    if credit.isPositive { line("\(t(.credit)) \(t.money(credit))", .bold) }
    y += 1
    line(t(.timeline), Style(bold: true, underline: true))
    guard let events = view.timeline else {
      line(t(.loading))
      return 0
    }
    // The selected entry is always in sight, highlighted; Enter reads it in full. A multi-line
    // summary or note keeps its line breaks (issue 20): its further lines start under the text,
    // so an entry may take several rows.
    let visible = max(1, area.maxY - y)
    func entryRows(_ i: Int) -> [Substring] {
      TimelineText.line(events[i], t).split(separator: "\n", omittingEmptySubsequences: false)
    }
    var first = min(view.scroll, max(0, events.count - 1))
    if view.selected < first { first = view.selected }
    if view.selected >= first + visible { first = view.selected - visible + 1 }
    if events.indices.contains(view.selected) {
      while first < view.selected,
        (first...view.selected).reduce(0, { $0 + entryRows($1).count }) > visible
      {
        first += 1
      }
    }
    for (i, e) in events.enumerated().dropFirst(first) {
      guard y < area.maxY else { break }
      let stamp = e.atDay.map(t.day) ?? ""
      let time = e.at.count >= 16 ? String(e.at.dropFirst(11).prefix(5)) : ""
      let head = "\(stamp) \(time)  \(TextWidth.pad(e.by, to: 6))  "
      let style = i == view.selected ? Style(reverse: true) : .plain
      for (k, row) in entryRows(i).enumerated() {
        line((k == 0 ? head : String(repeating: " ", count: head.displayWidth)) + row, style)
      }
    }
    return visible
  }

  /// The timeline rows the case shows at the state's size (drawn once off screen).
  static func timelineRows(_ state: AppState, _ view: CaseView) -> Int {
    var scratch = Buffer(size: state.size)
    let body = Rect(
      x: 0, y: 1, width: state.size.width, height: max(0, state.size.height - 2))
    return max(1, render(state, view, in: body, buffer: &scratch))
  }

  /// The screen's keys.
  static func keymap(_ t: Catalogue, moves: [KeyBinding<Action>]) -> Keymap<Action> {
    let act = t(.groupActions)
    return Keymap(
      moves + [
        KeyBinding(
          keys: [.char("l")], action: .logCall, help: t(.keyLogCall), group: act,
          showInStatusBar: true),
        KeyBinding(keys: [.char("x")], action: .doNotCall, help: t(.keyDoNotCall), group: act),
        KeyBinding(keys: [.char("i")], action: .resolveDispute, help: t(.keyResolve), group: act),
        KeyBinding(keys: [.char("h")], action: .setHold, help: t(.keyHold), group: act),
        KeyBinding(
          keys: [.char("n")], action: .addNote, help: t(.keyNote), group: act,
          showInStatusBar: true),
        KeyBinding(
          keys: [.char("b")], action: .registerPayment, help: t(.keyPayment), group: act,
          showInStatusBar: true),
        KeyBinding(keys: [.char("w")], action: .writeOff, help: t(.keyWriteOff), group: act),
        KeyBinding(keys: [.char("U")], action: .correct, help: t(.keyCorrect), group: act),
        KeyBinding(
          keys: [.char("E")], action: .editCustomer, help: t(.keyEditCustomer), group: act),
        KeyBinding(
          keys: [.char("T")], action: .triggerCustomer, help: t(.keyStep), group: act),
        KeyBinding(keys: [.enter], action: .open, help: t(.keyRead), group: act),
        KeyBinding(
          keys: [.char("o")], action: .openOutbox,
          help: t.lang == .nb ? "kundens dokumenter (utboks)" : "the customer's documents (outbox)",
          group: act),
        KeyBinding(
          keys: [.char("p")], action: .proposePlan, help: t.plan(.keyPropose), group: act,
          showInStatusBar: true),
        KeyBinding(
          keys: [.char("a")], action: .viewPlans, help: t.plan(.keyPlans), group: act,
          showInStatusBar: true),
        KeyBinding(
          keys: [.escape, .char("q")], action: .back, help: t(.keyBack), group: t(.groupGeneral),
          showInStatusBar: true),
      ])
  }

  /// Carries out a bound action in the case.
  static func update(_ state: inout AppState, _ view: inout CaseView, _ action: Action)
    -> [Effect]
  {
    let count = view.timeline?.count ?? 0
    let id = view.customerId
    switch action {
    case .back: state.stack.removeLast()
    case .up, .down, .pageUp, .pageDown, .home, .end:
      let page = max(1, pageSize(state) / 2)
      let to = listTarget(action, from: view.selected, count: count, page: page, hasSelection: true)
      view.selected = min(max(0, to), max(0, count - 1))
      // The window moves only when the selection leaves it.
      let visible = timelineRows(state, view)
      if view.selected < view.scroll { view.scroll = view.selected }
      if view.selected >= view.scroll + visible { view.scroll = view.selected - visible + 1 }
    case .open:
      guard let events = view.timeline, events.indices.contains(view.selected) else { break }
      let (title, text, path) = Reader.entry(events[view.selected], state.catalogue)
      state.mode = .reader(Reader(title: title, text: text, loading: path))
      return path.map { [.readDocument(path: $0)] } ?? []
    case .correct:
      CorrectionForm.open(&state, customer: id, timeline: view.timeline)
    case .editCustomer: CustomerEditForm.open(&state, customer: id)
    case .triggerCustomer: return StepConfirm.prepare(&state, .customer(id))
    case .logCall: CallForm.open(&state, customer: id)
    case .doNotCall: return CallsScreen.toggleDoNotCall(&state, customer: id)
    case .resolveDispute: ResolveForm.open(&state, customer: id)
    case .setHold: state.mode = .hold(HoldForm(customerId: id))
    case .proposePlan: PlanForm.open(&state, customer: id)
    case .viewPlans: state.stack.append(.planView(PlanView(customerId: id)))
    case .addNote: state.mode = .note(TextInput())
    case .registerPayment:
      state.mode = .payment(PaymentForm(today: state.today, catalogue: state.catalogue))
    case .writeOff:
      state.mode = .writeOff(WriteOffForm(invoice: WriteOffForm.candidate(state, customer: id)))
    case .openOutbox:
      return openOutbox(&state, customer: id)
    default: break
    }
    return []
  }

  /// A bound key in the note prompt: Enter saves the note, Esc drops it.
  static func note(_ state: inout AppState, _ input: TextInput, _ action: Action) -> [Effect] {
    guard case .caseView(let view) = state.top else {
      state.mode = .normal
      return []
    }
    switch action {
    case .cancel:
      state.mode = .normal
    case .save:
      state.mode = .normal
      let request = NoteRequest(customer: view.customerId, text: input.text)
      guard request.problems(ledger: state.ledger).isEmpty else { return [] }
      return [.write(WriteRequest(.note, events: [request.event()]))]
    default: break
    }
    return []
  }
}
