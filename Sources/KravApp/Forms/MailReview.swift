import Foundation
import KravCore
import TerminalUI

/// The follow-up e-mail draft shown for review after it was written: scroll; Esc goes back to
/// where the collector came from (the call list, customers, queue or case), `n` goes on to the
/// next customer on the call list (issue 20: moving on is an explicit key).
public struct MailReview: Hashable, Sendable {
  /// Where the draft lives, relative to the store (`letters/…eml`).
  public var path: String
  /// The e-mail's text as the debtor will read it.
  public var body: String
  public var scroll = 0
  /// The call the draft follows, whose after-flow comes next (nil: back to the case).
  public var after: CallForm?
  /// Whose e-mail it is (the next customer is the one after them on the call list).
  public var customer: String
  public init(path: String, body: String, after: CallForm? = nil, customer: String = "") {
    self.path = path
    self.body = body
    self.after = after
    self.customer = after?.customerId ?? customer
  }

  static func keymap(_ k: Keymaps) -> Keymap<Action> {
    let t = k.catalogue
    let f = t(.groupForm)
    return Keymap([
      KeyBinding(
        keys: [.escape, .char("q")], action: .done, help: t(LForm.keyCloseReview), group: f,
        showInStatusBar: true),
      KeyBinding(
        keys: [.char("n")], action: .nextCustomer, help: t(.keyNextCustomer), group: f,
        showInStatusBar: true),
      KeyBinding(keys: [.up], action: .up, help: t(.keyScroll), group: f, showInStatusBar: true),
      KeyBinding(keys: [.down], action: .down, help: t(.keyScroll), group: f),
      KeyBinding(keys: [.pageUp], action: .pageUp, help: t(.keyPageUp), group: f),
      KeyBinding(keys: [.pageDown], action: .pageDown, help: t(.keyPageDown), group: f),
    ])
  }

  /// A bound key: scroll, or on to what follows.
  mutating func perform(_ action: Action, _ state: inout AppState) -> [Effect] {
    switch action {
    case .up: scroll = max(0, scroll - 1)
    case .down: scroll += 1
    case .pageUp: scroll = max(0, scroll - pageSize(state))
    case .pageDown: scroll += pageSize(state)
    case .done:
      state.mode = .normal
      guard let after else { return reloadTimeline(state) }
      return CallsScreen.afterTheCall(&state, after)
    case .nextCustomer:
      state.mode = .normal
      return CallsScreen.goOn(
        &state, to: after?.nextCustomer ?? CallsScreen.nextCustomer(state, after: customer))
    default: break
    }
    return []
  }

  /// The follow-up e-mail draft, for review.
  func render(_ state: AppState, keymaps: Keymaps, in area: Rect, buffer: inout Buffer) {
    let review = self
    let t = state.catalogue
    let inner = drawFormFrame(t(.reviewTitle), in: area, buffer: &buffer)
    guard inner.height >= 3 else { return }
    buffer.put(
      "\(t(.reviewSavedAs)): \(review.path)", x: inner.x, y: inner.y, style: .bold,
      maxWidth: inner.width)
    let lines = review.body.split(separator: "\n", omittingEmptySubsequences: false).flatMap {
      $0.isEmpty ? [""] : TextWidth.wrap(String($0), to: max(1, inner.width))
    }
    let height = inner.height - 3
    let first = min(review.scroll, max(0, lines.count - height))
    for (k, l) in lines.dropFirst(first).prefix(height).enumerated() {
      buffer.put(l, x: inner.x, y: inner.y + 2 + k, maxWidth: inner.width)
    }
    buffer.put(
      formHint(MailReview.keymap(keymaps), width: inner.width), x: inner.x, y: inner.maxY - 1,
      style: .dim,
      maxWidth: inner.width)
  }
}
