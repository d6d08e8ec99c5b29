import KravCore
import TerminalUI

/// Everything a key can do in the app; each is declared once, with its keys and help, below.
public enum Action: Hashable, Sendable {
  case up, down, pageUp, pageDown, home, end
  case search, open, back, help, quit, forceQuit, addNote
  case logCall, customers, doNotCall, resolveDispute, setHold
  case proposePlan, viewPlans, signPlan, followPlan, nextPlan
  case openQueue, mark, triggerSelected, triggerCustomer, triggerAllEligible
  case filterEligible, filterStep, filterBlocker, groupByCustomer
  case confirm, cancel, nextLetter, previousLetter
  /// Issue 7: the unmatched payments screen, assigning one, registering a payment by hand.
  case unmatchedPayments, assignPayment, registerPayment
  /// Issue 15: write a claim off (time-barred, or not worth collecting).
  case writeOff
  /// Issue 21: the reports screen and its keys.
  case openReports, nextReport, previousReport, earlier, later, byDay, byWeek, byMonth
}

/// The key bindings as data: the status bar hints and the help screen are generated from them.
public struct Keymaps: Sendable {
  public var global: Keymap<Action>
  public var customers: Keymap<Action>
  public var caseView: Keymap<Action>
  public var calls: Keymap<Action>
  public var planView: Keymap<Action>
  public var help: Keymap<Action>
  public var queue: Keymap<Action>
  public var confirmSteps: Keymap<Action>
  public var unmatched: Keymap<Action>
  public var reports: Keymap<Action>

  /// The bindings with help text in the catalogue's language.
  public init(_ t: Catalogue) {
    let move = t(.groupMove)
    let act = t(.groupActions)
    let gen = t(.groupGeneral)
    let moves: [KeyBinding<Action>] = [
      KeyBinding(keys: [.up, .char("k")], action: .up, help: t(.keyUp), group: move),
      KeyBinding(keys: [.down, .char("j")], action: .down, help: t(.keyDown), group: move),
      KeyBinding(keys: [.pageUp], action: .pageUp, help: t(.keyPageUp), group: move),
      KeyBinding(keys: [.pageDown], action: .pageDown, help: t(.keyPageDown), group: move),
      KeyBinding(keys: [.home, .char("g")], action: .home, help: t(.keyHome), group: move),
      KeyBinding(keys: [.end, .char("G")], action: .end, help: t(.keyEnd), group: move),
    ]
    global = Keymap([
      KeyBinding(
        keys: [.char("?")], action: .help, help: t(.keyHelp), group: gen,
        showInStatusBar: true),
      KeyBinding(keys: [.ctrl("c")], action: .forceQuit, help: t(.keyForceQuit), group: gen),
    ])
    customers = Keymap(
      moves.map { b in b.showing(b.action == .up || b.action == .down) } + [
        KeyBinding(
          keys: [.enter], action: .open, help: t(.keyOpen), group: act,
          showInStatusBar: true),
        KeyBinding(
          keys: [.char("/")], action: .search, help: t(.keySearch), group: act,
          showInStatusBar: true),
        KeyBinding(
          keys: [.char("l")], action: .openQueue, help: t(.keyQueue), group: act,
          showInStatusBar: true),
        KeyBinding(
          keys: [.char("u")], action: .unmatchedPayments, help: t(.keyUnmatched), group: act),
        KeyBinding(keys: [.escape], action: .back, help: t(.keyBack), group: gen),
        KeyBinding(
          keys: [.char("q")], action: .quit, help: t(.keyQuit), group: gen,
          showInStatusBar: true),
      ])
    calls = Keymap(
      moves.map { b in b.showing(b.action == .up || b.action == .down) } + [
        KeyBinding(
          keys: [.enter], action: .open, help: t(.keyOpen), group: act,
          showInStatusBar: true),
        KeyBinding(
          keys: [.char("l")], action: .logCall, help: t(.keyLogCall), group: act,
          showInStatusBar: true),
        KeyBinding(
          keys: [.char("c")], action: .customers, help: t(.keyCustomers), group: act,
          showInStatusBar: true),
        KeyBinding(keys: [.char("s")], action: .openQueue, help: t(.keyQueue), group: act),
        KeyBinding(
          keys: [.char("q")], action: .quit, help: t(.keyQuit), group: gen,
          showInStatusBar: true),
      ])
    caseView = Keymap(
      moves + [
        KeyBinding(
          keys: [.char("l")], action: .logCall, help: t(.keyLogCall), group: act,
          showInStatusBar: true),
        KeyBinding(keys: [.char("x")], action: .doNotCall, help: t(.keyDoNotCall), group: act),
        KeyBinding(
          keys: [.char("i")], action: .resolveDispute, help: t(.keyResolve), group: act),
        KeyBinding(keys: [.char("h")], action: .setHold, help: t(.keyHold), group: act),
        KeyBinding(
          keys: [.char("n")], action: .addNote, help: t(.keyNote), group: act,
          showInStatusBar: true),
        KeyBinding(
          keys: [.char("b")], action: .registerPayment, help: t(.keyPayment), group: act,
          showInStatusBar: true),
        KeyBinding(keys: [.char("w")], action: .writeOff, help: t(.keyWriteOff), group: act),
        KeyBinding(
          keys: [.char("p")], action: .proposePlan, help: t.plan(.keyPropose), group: act,
          showInStatusBar: true),
        KeyBinding(
          keys: [.char("a")], action: .viewPlans, help: t.plan(.keyPlans), group: act,
          showInStatusBar: true),
        KeyBinding(
          keys: [.escape, .char("q")], action: .back, help: t(.keyBack), group: gen,
          showInStatusBar: true),
      ])
    unmatched = Keymap(
      moves + [
        KeyBinding(
          keys: [.enter, .char("a")], action: .assignPayment, help: t(.keyAssign), group: act,
          showInStatusBar: true),
        KeyBinding(
          keys: [.escape, .char("q")], action: .back, help: t(.keyBack), group: gen,
          showInStatusBar: true),
      ])
    planView = Keymaps.planKeys(t, moves: moves)
    reports = ReportsScreen.keymap(t, moves: moves)
    let openReports = KeyBinding(
      keys: [.char("r")], action: Action.openReports, help: t.report(.keyReports), group: act)
    customers = Keymap(customers.bindings + [openReports])
    calls = Keymap(calls.bindings + [openReports])
    queue = Keymap(
      moves.map { b in b.showing(false) } + [
        KeyBinding(keys: [.enter], action: .open, help: t(.keyOpen), group: act),
        KeyBinding(
          keys: [.char(" ")], action: .mark, help: t(.keyMark), group: act,
          showInStatusBar: true),
        KeyBinding(
          keys: [.char("t")], action: .triggerSelected, help: t(.keyTrigger), group: act,
          showInStatusBar: true),
        KeyBinding(
          keys: [.char("a")], action: .triggerCustomer, help: t(.keyTriggerCustomer), group: act),
        KeyBinding(
          keys: [.char("A")], action: .triggerAllEligible, help: t(.keyTriggerAll), group: act,
          showInStatusBar: true),
        KeyBinding(
          keys: [.char("e")], action: .filterEligible, help: t(.keyFilterEligible), group: act,
          showInStatusBar: true),
        KeyBinding(keys: [.char("f")], action: .filterStep, help: t(.keyFilterStep), group: act),
        KeyBinding(
          keys: [.char("b")], action: .filterBlocker, help: t(.keyFilterBlocker), group: act),
        KeyBinding(
          keys: [.char("c")], action: .groupByCustomer, help: t(.keyGroup), group: act),
        KeyBinding(
          keys: [.char("r")], action: .openReports, help: t.report(.keyReports), group: act),
        KeyBinding(
          keys: [.escape, .char("q")], action: .back, help: t(.keyBack), group: gen,
          showInStatusBar: true),
      ])
    confirmSteps = Keymap([
      KeyBinding(
        keys: [.char("y"), .enter], action: .confirm, help: t(.keyConfirm),
        group: act, showInStatusBar: true),
      KeyBinding(
        keys: [.char("n"), .escape], action: .cancel, help: t(.keyCancel), group: act,
        showInStatusBar: true),
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
    ])
    help = Keymap(
      moves + [
        KeyBinding(
          keys: [.escape, .char("q"), .char("?")], action: .back, help: t(.keyBack),
          group: gen, showInStatusBar: true)
      ])
  }

  /// The keymaps consulted for the current screen and mode, most specific first.
  public func layers(for state: AppState) -> [Keymap<Action>] {
    switch state.mode {
    case .help: return [help, global]
    case .search, .note, .callForm, .review, .resolveDispute, .hold, .planForm, .signForm,
      .confirmFollow, .assign, .payment, .writeOff:
      return [global]
    case .confirmSteps: return [confirmSteps, global]
    case .normal:
      switch state.top {
      case .customers: return [customers, global]
      case .caseView: return [caseView, global]
      case .calls: return [calls, global]
      case .planView: return [planView, global]
      case .queue: return [queue, global]
      case .unmatched: return [unmatched, global]
      case .reports: return [reports, global]
      }
    }
  }
}

extension KeyBinding {
  /// The same binding, shown in the status bar or not.
  func showing(_ visible: Bool) -> KeyBinding {
    var b = self
    b.showInStatusBar = visible
    return b
  }
}
