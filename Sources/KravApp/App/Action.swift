import KravCore
import TerminalUI

/// Everything a key can do in the app; each is bound once, with its keys and help, in a screen's
/// or a form's keymap (`Keymaps`). No screen or form reads raw keys for an action: unbound keys
/// only reach a text field.
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
  /// Issue 20: import a file (customers, invoices, a bank file) with a preview.
  case importFile
  /// Issue 15: write a claim off (time-barred, or not worth collecting).
  case writeOff
  /// Issue 19: the outbox screen, sending its e-mail, making a print batch.
  case openOutbox, outboxSend, outboxPrint
  /// Issue 21: the reports screen and its keys.
  case openReports, nextReport, previousReport, earlier, later, byDay, byWeek, byMonth
  /// In a form: save (or submit the prompt), move between fields, choose, tick.
  case save, nextField, previousField, choosePrevious, chooseNext, toggle
  /// In a form: pick the n-th choice of the focused field (the call outcome 1–5).
  case choose(Int)
  /// Leaves the e-mail review: back where the collector came from.
  case done
  /// Issue 20: after a call, on to the next customer on the call list (an explicit key).
  case nextCustomer
  /// Issue 18: the call list's own customers or the whole team's.
  case toggleTeam
  /// Issue 18: the approvals screen and approving the selected request.
  case openApprovals, approve
  /// Issue 18: rejecting the selected request, with a reason.
  case reject
  /// Issue 20: correct a mistake in the case; change the customer's details.
  case correct, editCustomer

  /// Whether the action writes to the store: a read-only store refuses it (in `update`, one
  /// place), and its binding is left out of the hints and the help screen.
  public var writes: Bool {
    switch self {
    case .addNote, .logCall, .doNotCall, .resolveDispute, .setHold, .proposePlan, .signPlan,
      .followPlan, .triggerSelected, .triggerCustomer, .triggerAllEligible, .assignPayment,
      .registerPayment, .writeOff, .outboxSend, .outboxPrint, .approve, .reject, .correct,
      .editCustomer, .importFile:
      return true
    default:
      return false
    }
  }
}

/// The key bindings as data: status-bar hints, form hints, the help screen and the key table in
/// Docs/user-guide.md are all generated from them.
public struct Keymaps: Sendable {
  public let catalogue: Catalogue
  public var global: Keymap<Action>
  public var customers: Keymap<Action>
  public var caseView: Keymap<Action>
  public var calls: Keymap<Action>
  public var planView: Keymap<Action>
  public var help: Keymap<Action>
  public var queue: Keymap<Action>
  public var unmatched: Keymap<Action>
  public var approvals: Keymap<Action>
  public var outbox: Keymap<Action>
  public var reports: Keymap<Action>
  /// The one confirmation keymap: every legally significant step is confirmed with it.
  public var confirm: Keymap<Action>
  /// The step confirmation: `confirm` plus paging through the letters.
  public var confirmSteps: Keymap<Action>
  /// Only Ctrl-C: what the global layer is under a form (`?` and `q` are text there).
  public var quitOnly: Keymap<Action>

  /// The bindings with help text in the catalogue's language.
  public init(_ t: Catalogue) {
    catalogue = t
    let moves = Keymaps.moves(t)
    global = Keymap([
      KeyBinding(
        keys: [.char("?")], action: .help, help: t(.keyHelp), group: t(.groupGeneral),
        showInStatusBar: true),
      Keymaps.forceQuit(t),
    ])
    quitOnly = Keymap([Keymaps.forceQuit(t)])
    customers = CustomersScreen.keymap(t, moves: moves)
    calls = CallsScreen.keymap(t, moves: moves)
    caseView = CaseScreen.keymap(t, moves: moves)
    unmatched = UnmatchedScreen.keymap(t, moves: moves)
    outbox = OutboxScreen.keymap(t, moves: moves)
    planView = PlanScreen.keymap(t, moves: moves)
    queue = QueueScreen.keymap(t, moves: moves)
    approvals = ApprovalsScreen.keymap(t, moves: moves)
    reports = ReportsScreen.keymap(t, moves: moves)
    let openReports = KeyBinding(
      keys: [.char("R")], action: Action.openReports, help: t.report(.keyReports),
      group: t(.groupActions))
    customers = Keymap(customers.bindings + [openReports])
    calls = Keymap(calls.bindings + [openReports])
    queue = Keymap(queue.bindings + [openReports])
    confirm = Keymaps.confirmKeys(t)
    confirmSteps = StepConfirm.keymap(t, confirm: confirm)
    help = Keymap(
      moves + [
        KeyBinding(
          keys: [.escape, .char("q"), .char("?")], action: .back, help: t(.keyBack),
          group: t(.groupGeneral), showInStatusBar: true)
      ])
  }

  static func forceQuit(_ t: Catalogue) -> KeyBinding<Action> {
    KeyBinding(
      keys: [.ctrl("c")], action: .forceQuit, help: t(.keyForceQuit), group: t(.groupGeneral))
  }

  /// The list movements every list screen shares.
  static func moves(_ t: Catalogue) -> [KeyBinding<Action>] {
    let move = t(.groupMove)
    return [
      KeyBinding(keys: [.up, .char("k")], action: .up, help: t(.keyUp), group: move),
      KeyBinding(keys: [.down, .char("j")], action: .down, help: t(.keyDown), group: move),
      KeyBinding(keys: [.pageUp], action: .pageUp, help: t(.keyPageUp), group: move),
      KeyBinding(keys: [.pageDown], action: .pageDown, help: t(.keyPageDown), group: move),
      KeyBinding(keys: [.home, .char("g")], action: .home, help: t(.keyHome), group: move),
      KeyBinding(keys: [.end, .char("G")], action: .end, help: t(.keyEnd), group: move),
    ]
  }

  /// y/j confirms, n/Esc cancels. Enter never confirms: it submits the prompt before, and a
  /// double Enter must not take a legally significant step.
  static func confirmKeys(_ t: Catalogue) -> Keymap<Action> {
    let act = t(.groupActions)
    return Keymap([
      KeyBinding(
        keys: [.char("y"), .char("j")], action: .confirm, help: t(.keyConfirmYes), group: act,
        showInStatusBar: true),
      KeyBinding(
        keys: [.char("n"), .escape], action: .cancel, help: t(.keyCancel), group: act,
        showInStatusBar: true),
    ])
  }

  /// The bindings every form has: save, next and previous field, cancel; `enterMovesOn` adds
  /// Enter/↓ and ↑ as next and previous (not in a multi-line field, where they edit).
  func formKeys(saveKeys: [Key] = [.function(2), .ctrl("s")], enterMovesOn: Bool = true)
    -> [KeyBinding<Action>]
  {
    let t = catalogue
    let f = t(.groupForm)
    var b: [KeyBinding<Action>] = [
      KeyBinding(
        keys: [.tab], action: .nextField, help: t(.keyNextField), group: f,
        showInStatusBar: true),
      KeyBinding(keys: [.backTab], action: .previousField, help: t(.keyPreviousField), group: f),
    ]
    if enterMovesOn {
      b += [
        KeyBinding(keys: [.enter, .down], action: .nextField, help: t(.keyNextField), group: f),
        KeyBinding(keys: [.up], action: .previousField, help: t(.keyPreviousField), group: f),
      ]
    }
    return b + [
      KeyBinding(keys: saveKeys, action: .save, help: t(.keySave), group: f, showInStatusBar: true),
      KeyBinding(
        keys: [.escape], action: .cancel, help: t(.keyCancel), group: f,
        showInStatusBar: true),
    ]
  }

  /// ←/→ (and Space) choose among a field's values.
  func chooseKeys(space: Bool = true) -> [KeyBinding<Action>] {
    let t = catalogue
    return [
      KeyBinding(
        keys: [.left], action: .choosePrevious, help: t(.keyChoose), group: t(.groupForm)),
      // Hinted as "←/→ choose" (`formHint`).
      KeyBinding(
        keys: [.right] + (space ? [.char(" ")] : []), action: .chooseNext, help: t(.keyChoose),
        group: t(.groupForm), showInStatusBar: true),
    ]
  }

  /// A form with choice fields beside text fields: ←/→ choose while `choosing` (a choice field
  /// has the focus; on a text field they move the cursor), plus the form keys. `choosing: true`
  /// is the full map the key table lists.
  func choiceFormKeys(choosing: Bool = true) -> Keymap<Action> {
    Keymap((choosing ? chooseKeys(space: false) : []) + formKeys())
  }

  /// Space ticks the focused box.
  func toggleKey() -> KeyBinding<Action> {
    KeyBinding(
      keys: [.char(" ")], action: .toggle, help: t(.keyToggle), group: t(.groupForm),
      showInStatusBar: true)
  }

  private var t: Catalogue { catalogue }

  /// A one-line prompt on the status row: Enter submits, Esc cancels.
  func promptKeys() -> Keymap<Action> {
    let f = t(.groupForm)
    return Keymap([
      KeyBinding(keys: [.enter], action: .save, help: t(.keySave), group: f, showInStatusBar: true),
      KeyBinding(
        keys: [.escape], action: .cancel, help: t(.keyCancel), group: f,
        showInStatusBar: true),
    ])
  }

  /// The assign prompt's keys: the prompt's, and ↑/↓ among the matching customers.
  func assignKeys() -> Keymap<Action> {
    let f = t(.groupForm)
    return Keymap(
      promptKeys().bindings + [
        KeyBinding(keys: [.up], action: .up, help: t(.keyUp), group: f),
        KeyBinding(keys: [.down], action: .down, help: t(.keyDown), group: f),
      ])
  }

  /// The keymap of the current mode, when a form, prompt or confirmation holds the keyboard.
  func modeKeymap(_ state: AppState) -> Keymap<Action>? {
    switch state.mode {
    case .normal, .help: return nil
    case .confirmSteps: return confirmSteps
    case .search: return SearchPrompt.keys(self)
    case .note, .payment: return promptKeys()
    case .assign: return assignKeys()
    case .writeOff(let f): return f.field == .confirm ? confirm : promptKeys()
    case .callForm(let f): return f.keymap(self)
    case .review: return MailReview.keymap(self)
    case .resolveDispute(let f): return f.keymap(self)
    case .hold: return HoldForm.keymap(self)
    case .planForm(let f): return f.confirming ? confirm : f.keymap(self)
    case .signForm(let f): return f.confirming ? confirm : f.keymap(self)
    case .confirmFollow, .confirmDiscard: return confirm
    case .decideApproval(let f): return f.keymap(self)
    case .importFile(let f): return f.keymap(self)
    case .correction(let f): return f.keymap(self)
    case .customerEdit(let f): return f.keymap(self)
    case .reader: return Reader.keymap(catalogue)
    }
  }

  /// The keymaps consulted for the current screen and mode, most specific first.
  public func layers(for state: AppState) -> [Keymap<Action>] {
    if case .help = state.mode { return [help, global] }
    if case .confirmSteps = state.mode { return [confirmSteps, global] }
    if let m = modeKeymap(state) { return [m, quitOnly] }
    return [screen(state.top), global]
  }

  /// What the collector can press now: the layers, without writing actions on a read-only store.
  public func effective(for state: AppState) -> Keymap<Action> {
    var all = Keymap.layered(layers(for: state))
    // A plan that is signed (or lapsed) is not offered for signing again (issue 20).
    if case .planView(let view) = state.top, !PlanScreen.awaitsSignature(state, view) {
      all = all.filter { $0 != .signPlan }
    }
    return state.readOnlyReason == nil ? all : all.filter { !$0.writes }
  }

  /// A screen's own keymap.
  public func screen(_ s: Screen) -> Keymap<Action> {
    switch s {
    case .customers: return customers
    case .caseView: return caseView
    case .calls: return calls
    case .planView: return planView
    case .queue: return queue
    case .unmatched: return unmatched
    case .approvals: return approvals
    case .outbox: return outbox
    case .reports: return reports
    }
  }

  /// Every keymap by the name the key table in Docs/user-guide.md gives it.
  public func named() -> [(String, Keymap<Action>)] {
    [
      ("Everywhere", global), ("Call list", calls), ("Customers", customers),
      ("Search (call list, customers, queue)", SearchPrompt.keys(self)), ("Case", caseView),
      ("Instalment plans", planView), ("Queue", queue), ("Unmatched payments", unmatched),
      ("Approvals", approvals),
      ("Outbox", outbox),
      ("Reports", reports),
      ("Confirmation (every legally significant step)", confirm),
      ("Step confirmation", confirmSteps), ("Help", help),
      (
        "Call log form",
        CallForm(customerId: "", outside: [.sunday], nextCustomer: nil)
          .keymap(self, allFields: true)
      ),
      ("Call log form: the follow-up e-mail step", CallForm.emailKeys(self)),
      ("Follow-up e-mail review", MailReview.keymap(self)),
      ("Resolve objection form", ResolveForm.keymapAll(self)), ("Hold form", HoldForm.keymap(self)),
      ("Plan builder", PlanForm.keymapAll(self)), ("Signature form", SignForm.keymapAll(self)),
      (
        "Correction form (payment, promise, hold, objection, do-not-call)",
        CorrectionForm.keymapAll(self)
      ),
      ("Customer edit form", CustomerEditForm.keymapAll(self)),
      ("Reader (a timeline entry or letter in full)", Reader.keymap(catalogue)),
      ("Prompts (note, payment, assign, write-off, import file)", promptKeys()),
      ("Import preview (a customers, invoices or bank file)", ImportForm.previewKeys(self)),
    ]
  }
}

extension Keymaps {
  /// The confirmation's hints, e.g. "y/j yes, save" and "n/Esc no".
  public var confirmHint: String { hint(confirm, .confirm) }
  public var cancelHint: String { hint(confirm, .cancel) }
  private func hint(_ k: Keymap<Action>, _ a: Action) -> String {
    k.binding(for: a).map { $0.helpLabel + " " + $0.help } ?? ""
  }
}

/// A form's key hint, generated from its bindings: "Tab next field · F2/Ctrl-S save · Esc cancel".
func formHint(_ keymap: Keymap<Action>, width: Int = Int.max) -> String {
  var seen = Set<Action>()
  var items: [(action: Action, text: String)] = []
  for b in keymap.effectiveBindings where b.showInStatusBar && !b.help.isEmpty {
    guard seen.insert(b.action).inserted else { continue }
    items.append((b.action, (b.action == .chooseNext ? "←/→" : b.helpLabel) + " " + b.help))
  }
  return fitHint(items, width: width)
}

/// The actions a hint never leaves out: how to save, confirm or get out.
private let essentialHints: Set<Action> = [.save, .cancel, .confirm, .back]

/// Hint items joined to fit `width` without cutting one: first " · " between them, then two
/// spaces, then the items that are not essential (save, confirm, cancel) are left out from the
/// right, so "Esc avbryt" is never cut to "Esc avb…".
func fitHint(_ items: [(action: Action, text: String)], width: Int) -> String {
  var items = items
  func joined(_ separator: String) -> String { items.map(\.text).joined(separator: separator) }
  if joined(" · ").displayWidth <= width { return joined(" · ") }
  while joined("  ").displayWidth > width,
    let i = items.lastIndex(where: { !essentialHints.contains($0.action) })
  {
    items.remove(at: i)
  }
  return joined("  ")
}

extension KeyBinding {
  /// The same binding, shown in the status bar or not.
  func showing(_ visible: Bool) -> KeyBinding {
    var b = self
    b.showInStatusBar = visible
    return b
  }
}
