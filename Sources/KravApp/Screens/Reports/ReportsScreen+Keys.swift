import KravCore
import TerminalUI

extension ReportsScreen {
  /// The reports screen's keys: Tab / Shift-Tab (or 1–6 by name) switch the report, ← → move
  /// the period, d w m set the grouping, ↑ ↓ select a bar, Enter drills down, Esc goes back.
  static func keymap(_ t: Catalogue, moves: [KeyBinding<Action>]) -> Keymap<Action> {
    let move = t(.groupMove)
    let act = t(.groupActions)
    let gen = t(.groupGeneral)
    return Keymap(
      moves.map { b in b.showing(false) } + [
        KeyBinding(
          keys: [.tab], action: .nextReport, help: t.report(.keyReport), group: act,
          showInStatusBar: true),
        KeyBinding(
          keys: [.backTab], action: .previousReport, help: t.report(.keyReport), group: act),
        KeyBinding(
          keys: [.left, .char("h")], action: .earlier, help: t.report(.keyPeriodBack),
          group: move, showInStatusBar: true),
        KeyBinding(
          keys: [.right, .char("l")], action: .later, help: t.report(.keyPeriodForward),
          group: move, showInStatusBar: true),
        KeyBinding(keys: [.char("d")], action: .byDay, help: t.report(.byDay), group: act),
        KeyBinding(keys: [.char("w")], action: .byWeek, help: t.report(.byWeek), group: act),
        KeyBinding(
          keys: [.char("m")], action: .byMonth, help: t.report(.keyGrouping), group: act,
          showInStatusBar: true),
        KeyBinding(
          keys: [.enter], action: .open, help: t.report(.keyDrill), group: act,
          showInStatusBar: true),
        KeyBinding(
          keys: [.escape, .char("q")], action: .back, help: t(.keyBack), group: gen,
          showInStatusBar: true),
      ])
  }
}
