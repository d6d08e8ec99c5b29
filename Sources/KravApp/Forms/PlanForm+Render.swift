import KravCore
import TerminalUI

/// Draws the plan builder, the signature form or a follow-up confirmation over the screen;
/// returns where the cursor goes.
func renderPlanOverlay(
  _ state: AppState, keymaps: Keymaps, body: Rect, status: Rect, buffer: inout Buffer
)
  -> Point?
{
  let t = state.catalogue
  switch state.mode {
  case .planForm(let f):
    return renderPlanForm(state, f, keymaps: keymaps, body: body, status: status, buffer: &buffer)
  case .signForm(let f):
    let plan = state.ledger.plan(named: f.planId)
    let channel = t.channel(Ledger.signatureChannels[f.channel])
    var lines = [
      "\(t.plan(.plan)) \(plan?.label ?? f.planId) – \(state.ledger.customers[plan?.customer ?? ""]?.name ?? "")",
      // The claims the signature binds: the confirmation names customer, claims and step.
      "\(t.plan(.fieldClaims)): \(plan?.invoices.joined(separator: ", ") ?? "")",
      "",
      "\(f.focus == 0 ? "▶" : "·") \(t.plan(.fieldSigned)): \(f.signed.text)",
      "\(f.focus == 1 ? "▶" : "·") \(t.plan(.fieldChannel)): ◀ \(channel) ▶",
    ]
    if let e = f.error { lines += ["", e] }
    if f.confirming {
      buffer.render(
        ConfirmDialog(
          title: t.plan(.confirmSign), lines: lines, confirmHint: keymaps.confirmHint,
          cancelHint: keymaps.cancelHint), in: body)
    } else {
      buffer.render(
        Dialog(
          title: t.plan(.signTitle), lines: lines,
          buttons: formHint(f.keymap(keymaps), width: min(60, body.width) - 4)),
        in: body)
    }
    let hint = formHint(f.confirming ? keymaps.confirm : f.keymap(keymaps), width: status.width)
    buffer.render(StatusBar(message: f.error ?? hint, isError: f.error != nil), in: status)
    return nil
  case .confirmFollow(let c):
    // Whose plan, which claims, what step: a follow-up is legally significant.
    let name = state.ledger.customers[c.customerId]?.name ?? c.customerId
    var lines: [String] = ["\(name) (\(c.customerId))"]
    for item in c.items {
      switch item {
      case .accelerate(let id):
        let plan = state.ledger.plan(named: id)
        let claims = plan.map { " (\($0.invoices.joined(separator: ", ")))" } ?? ""
        lines.append("\(plan?.label ?? id): \(t.plan(.accelerate))\(claims)")
      case .close(let id, let invoices):
        let label = state.ledger.plan(named: id)?.label ?? id
        lines.append("\(label): \(t.plan(.closeClaims)) (\(invoices.joined(separator: ", ")))")
      }
    }
    buffer.render(
      ConfirmDialog(
        title: t.plan(.confirmFollow), lines: lines, confirmHint: keymaps.confirmHint,
        cancelHint: keymaps.cancelHint), in: body)
    buffer.render(StatusBar(message: t.plan(.confirmFollow)), in: status)
    return nil
  default:
    return nil
  }
}

/// The plan builder: fields on the left, the live schedule preview below them.
func renderPlanForm(
  _ state: AppState, _ f: PlanForm, keymaps: Keymaps, body: Rect, status: Rect,
  buffer: inout Buffer
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
    for problem in e.text(t.lang).split(separator: "\n") { line(String(problem), .error) }
  case .success(let d):
    let q = d.quote
    // What follows the schedule, wrapped between items (an amount is never cut), so the
    // schedule knows how many lines it may take.
    let costs = q.defaultCosts.filter { $0.fee.isPositive }
      .map { "\($0.invoice) \(t.step($0.step)) \(t.money($0.fee))" }
    var after: [(String, Style)] = PlanScreen.wrapItems(
      [
        "\(t.plan(.outstandingNow)) \(t.money(q.outstanding))",
        "\(t.plan(.projectedInterest)) \(t.money(q.projectedInterest))",
      ], width: body.width
    ).map { ($0, .plain) }
    after.append(("\(t.plan(.total)): \(t.money(q.total))", .bold))
    after.append(("\(t.plan(.planFee)) \(t.money(q.planFee))", .plain))
    if !costs.isEmpty {
      let items = costs.enumerated().map { i, c in
        (i == 0 ? "\(t.plan(.ifBroken)) " : "") + c + (i < costs.count - 1 ? ";" : "")
      }
      after += PlanScreen.wrapItems(items, width: body.width, separator: " ").map { ($0, .plain) }
    }
    let shown = q.instalments.enumerated().prefix(max(0, body.maxY - y - after.count - 1))
    for (i, inst) in shown {
      line("  \(TextWidth.pad("\(i + 1)", to: 3))  \(t.day(inst.due))  \(t.money(inst.amount))")
    }
    if shown.count < q.instalments.count { line("  …") }
    for (text, style) in after { line(text, style) }
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
          ], confirmHint: keymaps.confirmHint, cancelHint: keymaps.cancelHint), in: body)
      cursor = nil
    }
  }
  buffer.render(
    StatusBar(
      message: f.error?.replacingOccurrences(of: "\n", with: " · ")
        ?? formHint(f.confirming ? keymaps.confirm : f.keymap(keymaps), width: status.width),
      isError: f.error != nil), in: status)
  return cursor
}
