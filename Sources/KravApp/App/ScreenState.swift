import KravCore
import TerminalUI

/// A screen's state as it sits on the back stack (`CallsView` in `Screen.calls`, …).
///
/// Each screen is one namespace (`enum CallsScreen`, …) with `keymap`, `update` and `render`;
/// its state is the `…View` struct. `AppState.updateTop` hands a screen's `update` its state and
/// stores the changed state back, so no handler copies it onto the stack by hand.
protocol ScreenState {
  init?(_ screen: Screen)
  var screen: Screen { get }
}

/// A mode's state (a form or a confirmation) as it sits in `AppState.mode`.
protocol ModeState {
  init?(_ mode: Mode)
  var mode: Mode { get }
}

extension AppState {
  /// Runs `body` on the top screen's state when it is a `V` and stores the changed state back
  /// where it was: under a screen `body` pushed, nowhere when `body` popped it.
  mutating func updateTop<V: ScreenState>(
    _: V.Type, _ body: (inout AppState, inout V) -> [Effect]
  ) -> [Effect] {
    let i = stack.count - 1
    guard var view = V(stack[i]) else { return [] }
    let effects = body(&self, &view)
    if stack.indices.contains(i), V(stack[i]) != nil { stack[i] = view.screen }
    return effects
  }

  /// Runs `body` on the current mode's state when it is an `F` and stores the changed state back,
  /// unless `body` left the mode (set `mode` to something else: `.normal`, another form).
  mutating func updateMode<F: ModeState>(
    _: F.Type, _ body: (inout AppState, inout F) -> [Effect]
  ) -> [Effect] {
    guard var form = F(mode) else { return [] }
    let effects = body(&self, &form)
    if F(mode) != nil { mode = form.mode }
    return effects
  }

  /// Changes every screen of type `V` on the stack (e.g. the call list's selection).
  mutating func updateAll<V: ScreenState>(_: V.Type, _ body: (inout V) -> Void) {
    for i in stack.indices {
      if var v = V(stack[i]) {
        body(&v)
        stack[i] = v.screen
      }
    }
  }
}

extension CustomersView: ScreenState {
  init?(_ s: Screen) { if case .customers(let v) = s { self = v } else { return nil } }
  var screen: Screen { .customers(self) }
}
extension CaseView: ScreenState {
  init?(_ s: Screen) { if case .caseView(let v) = s { self = v } else { return nil } }
  var screen: Screen { .caseView(self) }
}
extension CallsView: ScreenState {
  init?(_ s: Screen) { if case .calls(let v) = s { self = v } else { return nil } }
  var screen: Screen { .calls(self) }
}
extension PlanView: ScreenState {
  init?(_ s: Screen) { if case .planView(let v) = s { self = v } else { return nil } }
  var screen: Screen { .planView(self) }
}
extension QueueView: ScreenState {
  init?(_ s: Screen) { if case .queue(let v) = s { self = v } else { return nil } }
  var screen: Screen { .queue(self) }
}
extension ReportsView: ScreenState {
  init?(_ s: Screen) { if case .reports(let v) = s { self = v } else { return nil } }
  var screen: Screen { .reports(self) }
}
extension UnmatchedView: ScreenState {
  init?(_ s: Screen) { if case .unmatched(let v) = s { self = v } else { return nil } }
  var screen: Screen { .unmatched(self) }
}

extension ApprovalsView: ScreenState {
  init?(_ s: Screen) { if case .approvals(let v) = s { self = v } else { return nil } }
  var screen: Screen { .approvals(self) }
}

extension CallForm: ModeState {
  init?(_ m: Mode) { if case .callForm(let f) = m { self = f } else { return nil } }
  var mode: Mode { .callForm(self) }
}
extension MailReview: ModeState {
  init?(_ m: Mode) { if case .review(let f) = m { self = f } else { return nil } }
  var mode: Mode { .review(self) }
}
extension ResolveForm: ModeState {
  init?(_ m: Mode) { if case .resolveDispute(let f) = m { self = f } else { return nil } }
  var mode: Mode { .resolveDispute(self) }
}
extension HoldForm: ModeState {
  init?(_ m: Mode) { if case .hold(let f) = m { self = f } else { return nil } }
  var mode: Mode { .hold(self) }
}
extension PlanForm: ModeState {
  init?(_ m: Mode) { if case .planForm(let f) = m { self = f } else { return nil } }
  var mode: Mode { .planForm(self) }
}
extension SignForm: ModeState {
  init?(_ m: Mode) { if case .signForm(let f) = m { self = f } else { return nil } }
  var mode: Mode { .signForm(self) }
}
extension FollowConfirm: ModeState {
  init?(_ m: Mode) { if case .confirmFollow(let f) = m { self = f } else { return nil } }
  var mode: Mode { .confirmFollow(self) }
}
extension StepConfirm: ModeState {
  init?(_ m: Mode) { if case .confirmSteps(let f) = m { self = f } else { return nil } }
  var mode: Mode { .confirmSteps(self) }
}
extension PaymentForm: ModeState {
  init?(_ m: Mode) { if case .payment(let f) = m { self = f } else { return nil } }
  var mode: Mode { .payment(self) }
}
extension WriteOffForm: ModeState {
  init?(_ m: Mode) { if case .writeOff(let f) = m { self = f } else { return nil } }
  var mode: Mode { .writeOff(self) }
}
extension CorrectionForm: ModeState {
  init?(_ m: Mode) { if case .correction(let f) = m { self = f } else { return nil } }
  var mode: Mode { .correction(self) }
}
extension CustomerEditForm: ModeState {
  init?(_ m: Mode) { if case .customerEdit(let f) = m { self = f } else { return nil } }
  var mode: Mode { .customerEdit(self) }
}
extension Reader: ModeState {
  init?(_ m: Mode) { if case .reader(let f) = m { self = f } else { return nil } }
  var mode: Mode { .reader(self) }
}
extension OutboxView: ScreenState {
  init?(_ s: Screen) { if case .outbox(let v) = s { self = v } else { return nil } }
  var screen: Screen { .outbox(self) }
}

extension ApprovalForm: ModeState {
  init?(_ m: Mode) { if case .decideApproval(let f) = m { self = f } else { return nil } }
  var mode: Mode { .decideApproval(self) }
}
