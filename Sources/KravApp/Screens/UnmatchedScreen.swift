import Foundation
import KravCore
import KravExchange
import TerminalUI

/// The unmatched payments screen: payments no rule could place (issue 7), oldest first; the
/// collector assigns the selected one to an invoice or a customer (`payment-assigned`).
public struct UnmatchedView: Hashable, Sendable {
  /// The selected payment, by event id so a reload keeps it.
  public var selectedId: String?
  public var offset: Int = 0
  public init() {}
}

/// The assign prompt of an unmatched payment: an invoice or customer id typed, or a customer
/// found by the one search (name, id, phone, KID, …; issue 20) and picked with ↑/↓.
public struct AssignSearch: Hashable, Sendable {
  public var input = TextInput()
  /// The highlighted customer among the matches.
  public var selected = 0
  public init(_ input: TextInput = TextInput()) { self.input = input }
}

/// The unmatched payments screen (state: `UnmatchedView`).
enum UnmatchedScreen {
  /// The screen's keys: Enter assigns the selected payment.
  static func keymap(_ t: Catalogue, moves: [KeyBinding<Action>]) -> Keymap<Action> {
    Keymap(
      moves + [
        KeyBinding(
          keys: [.enter], action: .assignPayment, help: t(.keyAssign), group: t(.groupActions),
          showInStatusBar: true),
        KeyBinding(
          keys: [.escape, .char("q")], action: .back, help: t(.keyBack), group: t(.groupGeneral),
          showInStatusBar: true),
      ])
  }

  static func render(_ state: AppState, _ view: UnmatchedView, in area: Rect, buffer: inout Buffer)
  {
    let t = state.catalogue
    let rows = state.ledger.unmatchedPayments
    let selected = rows.firstIndex { $0.eventId == view.selectedId } ?? (rows.isEmpty ? nil : 0)
    var scroll = TableScroll(selected: selected, offset: view.offset)
    scroll.keepVisible(rowCount: rows.count, visibleHeight: max(1, area.height - 1))
    let cells = rows.map { p in
      [t.day(p.day), t.money(p.amount), p.kid ?? "", p.payer ?? "", p.text ?? ""]
    }
    // Columns by priority (`ColumnLayout`): payer and amount keep their room.
    let laid = ColumnLayout.table(
      [
        LayoutColumn(t(.colDate), min: 10, max: 10, priority: 2),
        LayoutColumn(t(.colAmount), min: 12, priority: 1, alignment: .right),
        LayoutColumn(t(.colKid), min: 13, max: 25, priority: 1),
        LayoutColumn(t(.colPayer), min: 12, max: 30, priority: 0, grows: true),
        LayoutColumn(t(.colText), min: 10, max: 60, priority: 1, grows: true),
      ], rows: cells, width: area.width,
      measure: scroll.visibleRange(rowCount: rows.count, visibleHeight: max(1, area.height - 1)))
    let table = Table(
      columns: laid.columns, rows: laid.rows, scroll: scroll, emptyText: t(.noUnmatched))
    buffer.render(table, in: area)
  }

  static func update(_ state: inout AppState, _ view: inout UnmatchedView, _ action: Action)
    -> [Effect]
  {
    let rows = state.ledger.unmatchedPayments
    let index = rows.firstIndex { $0.eventId == view.selectedId } ?? 0
    func select(_ i: Int) {
      let visible = max(1, state.size.height - 3)
      guard let k = scrolledSelection(i, count: rows.count, offset: &view.offset, visible: visible)
      else { return }
      view.selectedId = rows[k].eventId
    }
    switch action {
    case .back:
      state.stack.removeLast()
      return []
    case .up, .down, .pageUp, .pageDown, .home, .end:
      select(
        listTarget(
          action, from: index, count: rows.count, page: pageSize(state),
          hasSelection: view.selectedId != nil))
    case .assignPayment:
      guard !rows.isEmpty else { break }
      view.selectedId = rows[index].eventId
      state.ensureSearchIndex()
      state.mode = .assign(AssignSearch())
    default: break
    }
    return []
  }

  /// How many matching customers the assign prompt lists.
  static let candidateRows = 8

  /// The customers the payment can go to whose search matches the prompt (those with claims),
  /// at most `limit`, in the order they were added.
  static func candidates(_ state: AppState, _ query: String, limit: Int = candidateRows)
    -> [Customer]
  {
    guard !Search.words(query).isEmpty else { return [] }
    var out: [Customer] = []
    for p in state.searchFound(query) {
      let c = state.ledger.customers.values[Int(p)]
      guard state.ledger.canReceivePayment(invoice: nil, customer: c.id) else { continue }
      out.append(c)
      if out.count == limit { break }
    }
    return out
  }

  /// A typed key in the assign prompt: the matches follow the text.
  static func type(_ state: inout AppState, _ a: inout AssignSearch, _ key: Key) {
    _ = a.input.handle(key)
    a.selected = 0
    state.lookUp(a.input.text)
    state.mode = .assign(a)
  }

  /// A bound key in the assign prompt: Enter assigns the payment to the invoice or customer id
  /// typed (case-insensitive), else to the highlighted match; ↑/↓ move among the matches; Esc
  /// closes the prompt.
  static func assign(_ state: inout AppState, _ a: AssignSearch, _ action: Action) -> [Effect] {
    guard case .unmatched(let view) = state.top,
      let p = state.ledger.unmatchedPayments.first(where: { $0.eventId == view.selectedId })
        ?? state.ledger.unmatchedPayments.first
    else {
      state.mode = .normal
      return []
    }
    var a = a
    switch action {
    case .cancel:
      state.mode = .normal
    case .up, .down:
      let n = candidates(state, a.input.text).count
      a.selected = max(0, min(n - 1, a.selected + (action == .up ? -1 : 1)))
      state.mode = .assign(a)
    case .save:
      let target = a.input.text.trimmingCharacters(in: .whitespaces)
      guard !target.isEmpty else {
        state.mode = .normal
        return []
      }
      let ledger = state.ledger
      let draft: Event
      let found = candidates(state, target)
      if let invoice = ledger.invoiceNumber(typed: target) {
        draft = PaymentAssignment.draft(p, invoice: invoice, customer: nil)
      } else if let id = ledger.customerId(typed: target),
        ledger.canReceivePayment(invoice: nil, customer: id)
      {
        draft = PaymentAssignment.draft(p, invoice: nil, customer: id)
      } else if !found.isEmpty {
        let c = found[min(a.selected, found.count - 1)]
        draft = PaymentAssignment.draft(p, invoice: nil, customer: c.id)
      } else {
        state.status = StatusLine(state.catalogue(.assignUnknown), isError: true)
        state.mode = .assign(a)
        return []
      }
      state.mode = .normal
      return [.write(WriteRequest(.paymentAssigned, events: [draft]))]
    default: break
    }
    return []
  }

  /// The matches of the assign prompt, listed above it (the highlighted one reversed).
  static func renderCandidates(
    _ state: AppState, _ a: AssignSearch, above row: Rect, buffer: inout Buffer
  ) {
    let found = candidates(state, a.input.text)
    guard !found.isEmpty, row.y > found.count + 1 else { return }
    for (i, c) in found.enumerated() {
      let line = Rect(x: row.x, y: row.y - found.count + i, width: row.width, height: 1)
      let style: Style = i == min(a.selected, found.count - 1) ? .reverse : .plain
      buffer.fill(line, style: style)
      let text = "\(c.id)  \(c.name)  \(c.phone ?? "")"
      _ = buffer.put(text, x: line.x + 1, y: line.y, style: style, maxWidth: line.width - 1)
    }
  }
}
