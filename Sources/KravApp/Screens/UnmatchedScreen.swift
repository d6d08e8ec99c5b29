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
      state.mode = .assign(TextInput())
    default: break
    }
    return []
  }

  /// A bound key in the assign prompt: Enter assigns the payment to the invoice (or customer)
  /// typed, Esc closes the prompt.
  static func assign(_ state: inout AppState, _ input: TextInput, _ action: Action) -> [Effect] {
    guard case .unmatched(let view) = state.top,
      let p = state.ledger.unmatchedPayments.first(where: { $0.eventId == view.selectedId })
        ?? state.ledger.unmatchedPayments.first
    else {
      state.mode = .normal
      return []
    }
    switch action {
    case .cancel:
      state.mode = .normal
    case .save:
      let target = input.text.trimmingCharacters(in: .whitespaces)
      state.mode = .normal
      guard !target.isEmpty else { return [] }
      let ledger = state.ledger
      let draft: Event
      if ledger.claims.contains(target) {
        draft = PaymentAssignment.draft(p, invoice: target, customer: nil)
      } else if ledger.canReceivePayment(invoice: nil, customer: target) {
        draft = PaymentAssignment.draft(p, invoice: nil, customer: target)
      } else {
        state.status = StatusLine(state.catalogue(.assignUnknown), isError: true)
        state.mode = .assign(input)
        return []
      }
      return [.write(WriteRequest(.paymentAssigned, events: [draft]))]
    default: break
    }
    return []
  }
}
