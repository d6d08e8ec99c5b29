import KravCore
import TerminalUI

extension StepConfirm {
  /// Plans the letters for `scope` and opens the confirmation, or says why not. The previewed
  /// letter's invoice texts are in the journal, not the fold: the effect reads them.
  static func prepare(_ state: inout AppState, _ scope: StepScope) -> [Effect] {
    let t = state.catalogue
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
      return c.loadTexts()
    } catch {
      state.status = StatusLine(errorText(error, state.catalogue.lang), isError: true)
      return []
    }
  }

  /// Reads the previewed letter's customer timeline (for its invoice texts), unless done.
  func loadTexts() -> [Effect] {
    let c = self
    guard c.page < c.plan.letters.count else { return [] }
    let l = c.plan.letters[c.page]
    guard !l.sources.isEmpty, l.lines.contains(where: { $0.text == nil }) else { return [] }
    return [.loadTimeline(customer: l.customerId, refs: l.sources)]
  }

  /// The confirmation with the texts of `customer`'s invoices filled in from its timeline.
  func withTexts(customer: String, events: [Event]) -> StepConfirm {
    var c = self
    for i in c.plan.letters.indices where c.plan.letters[i].customerId == customer {
      c.plan.letters[i] = c.plan.letters[i].withInvoiceTexts(from: events)
      // Read once: a letter without texts in the journal is not asked for again.
      c.plan.letters[i].sources = []
    }
    return c
  }

  /// One refused claim as the collector reads it: `1003: inkassovarsel – frist løper (13.12.2026)`.
  static func refusalText(_ state: AppState, _ r: StepRefusal) -> String {
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
  static func summary(_ state: AppState, _ c: StepConfirm, window: Range<Int>? = nil) -> [String] {
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
      s += " · \(t(.channel)): \(t.letterChannel(l.channel)) \(l.address)"
      lines.append(s)
    }
    if !c.plan.refused.isEmpty {
      lines.append(
        "\(t(.notIncluded)): "
          + c.plan.refused.map { refusalText(state, $0) }.joined(separator: "; ")
      )
    }
    return lines
  }

  /// Draws the confirmation: the summary on top, the previewed letter below.
  static func render(_ state: AppState, _ c: StepConfirm, in area: Rect, buffer: inout Buffer) {
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
    var summary = summary(state, c, window: window)
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
    // Wrapped to the screen (the § 4-18 warning is a long line), and never scrolled past its
    // end: the last page shows the letter's last rows (issue 20). Enter reads it in full.
    let lines = Reader.wrap(text, to: area.width)
    let start = min(max(0, c.scroll), max(0, lines.count - (area.maxY - y)))
    for line in lines.dropFirst(start) {
      guard y < area.maxY else { break }
      _ = buffer.put(line, x: area.x, y: y, maxWidth: area.width)
      y += 1
    }
  }

  /// The largest scroll of the previewed letter: its wrapped rows less about half the body
  /// (the summary takes the top half). The drawing clamps exactly; this keeps the keys honest.
  func maxScroll(_ state: AppState) -> Int {
    guard let creditor = state.creditor, plan.letters.indices.contains(page) else { return 0 }
    let rows = Reader.wrap(
      LetterText.render(plan.letters[page], creditor: creditor), to: state.size.width
    ).count
    return max(0, rows - max(1, pageSize(state) / 2 - 1))
  }

  /// Handles a key bound in the confirmation.
  mutating func perform(_ action: Action, _ state: inout AppState) -> [Effect] {
    switch action {
    case .confirm:
      state.mode = .normal
      guard let creditor = state.creditor else { return [] }
      if let granted = approving {
        // A colleague's request approved: the letters and the approval in one append.
        return [
          .write(
            WriteRequest(.approval, events: [granted], files: .letters(plan.letters, creditor)))
        ]
      }
      return [.write(WriteRequest(.letters, events: [], files: .letters(plan.letters, creditor)))]
    case .cancel:
      state.mode = .normal
      return []
    case .nextLetter:
      page = min(plan.letters.count - 1, page + 1)
      scroll = 0
      return loadTexts()
    case .previousLetter:
      page = max(0, page - 1)
      scroll = 0
      return loadTexts()
    case .open:
      // The previewed letter in the reader; Esc comes back here.
      guard let creditor = state.creditor, plan.letters.indices.contains(page) else { break }
      let letter = plan.letters[page]
      state.mode = .reader(
        Reader(
          title: "\(state.catalogue(.letterLabel)) \(letter.id)",
          text: LetterText.render(letter, creditor: creditor), returnTo: self))
      return []
    case .up: scroll = max(0, scroll - 1)
    case .down: scroll = min(scroll + 1, maxScroll(state))
    case .pageUp: scroll = max(0, scroll - pageSize(state) / 2)
    case .pageDown: scroll = min(scroll + pageSize(state) / 2, maxScroll(state))
    case .home: scroll = 0
    case .end: scroll = maxScroll(state)
    default: break
    }
    return []
  }

  /// The confirmation's keys: `Keymaps.confirm`, and paging through the letters.
  static func keymap(_ t: Catalogue, confirm: Keymap<Action>) -> Keymap<Action> {
    let move = t(.groupMove)
    return Keymap(
      // The confirm keys, saying what they do here: send.
      confirm.bindings.map { b in
        var b = b
        if b.action == .confirm { b.help = t(.keyConfirm) }
        return b
      } + [
        KeyBinding(
          keys: [.right, .tab], action: .nextLetter, help: t(.keyNextLetter), group: move,
          showInStatusBar: true),
        KeyBinding(
          keys: [.left, .backTab], action: .previousLetter, help: t(.keyPreviousLetter),
          group: move),
        KeyBinding(keys: [.up], action: .up, help: t(.keyUp), group: move),
        KeyBinding(keys: [.down], action: .down, help: t(.keyDown), group: move),
        KeyBinding(keys: [.pageUp], action: .pageUp, help: t(.keyPageUp), group: move),
        KeyBinding(keys: [.pageDown], action: .pageDown, help: t(.keyPageDown), group: move),
        KeyBinding(keys: [.home], action: .home, help: t(.keyHome), group: move),
        KeyBinding(keys: [.end], action: .end, help: t(.keyEnd), group: move),
        KeyBinding(
          keys: [.enter], action: .open, help: t(.keyRead), group: move, showInStatusBar: true),
      ])
  }
}
