import Foundation
import KravCore
import TerminalUI

/// The form that resolves an objection from the case (key `i`): which objection, the outcome
/// (accepted with a credit note, rejected with an answer, or to the forliksråd) and the text.
public struct ResolveForm: Hashable, Sendable {
  public enum Field: Int, CaseIterable, Sendable { case dispute, outcome, credit, text }

  public var customerId: String
  /// The open objections' ids (the dispute-opened events).
  public var disputes: [String]
  public var index = 0
  public var outcome: DisputeOutcome = .accepted
  public var credit = TextInput()
  public var text = TextInput()
  public var focus: Field = .dispute
  public var errors: [String] = []

  public init(customerId: String, disputes: [String]) {
    self.customerId = customerId
    self.disputes = disputes
  }
}

extension ResolveForm {
  /// Opens the resolve form for the case's customer, or says there is nothing to resolve.
  static func open(_ state: inout AppState, customer id: String) {
    let open = state.ledger.customers[id]?.disputes.filter(\.isOpen).map(\.eventId) ?? []
    guard !open.isEmpty else {
      state.status = StatusLine(state.catalogue(.noOpenDisputes))
      return
    }
    state.mode = .resolveDispute(ResolveForm(customerId: id, disputes: open))
  }

  /// The form's keys; ←/→ choose on the objection and the outcome, and edit the text fields.
  func keymap(_ k: Keymaps) -> Keymap<Action> {
    let choosing = focus == .dispute || focus == .outcome
    return Keymap((choosing ? k.chooseKeys(space: false) : []) + k.formKeys())
  }

  static func keymapAll(_ k: Keymaps) -> Keymap<Action> {
    Keymap(k.chooseKeys(space: false) + k.formKeys())
  }

  /// A bound key.
  mutating func perform(_ action: Action, _ state: inout AppState) -> [Effect] {
    switch action {
    case .cancel: state.mode = .normal
    case .save: return save(&state)
    case .nextField: focus = focus.cycled(by: 1)
    case .previousField: focus = focus.cycled(by: -1)
    case .choosePrevious, .chooseNext:
      let d = action == .chooseNext ? 1 : -1
      if focus == .dispute { index = (index + d + disputes.count) % disputes.count }
      if focus == .outcome { outcome = outcome.cycled(by: d) }
    default: break
    }
    return []
  }

  /// An unbound key: text for the focused field.
  mutating func type(_ key: Key) -> [Effect] {
    if focus == .credit { _ = credit.handle(key) }
    if focus == .text { _ = text.handle(key) }
    return []
  }

  /// Checks the form (in `DisputeResolution`); writes the resolution, and for a rejection the
  /// answer's draft first.
  mutating func save(_ state: inout AppState) -> [Effect] {
    let t = state.catalogue
    guard let c = state.ledger.customers[customerId],
      let d = c.disputes.first(where: { $0.eventId == disputes[index] }),
      let claim = state.ledger.claims[d.invoice]
    else { return [] }
    let answer = text.text.trimmingCharacters(in: .whitespaces)
    let creditText = credit.text.trimmingCharacters(in: .whitespaces)
    // Text that is no amount is "not a valid credit" (zero fails the same check).
    let amount = creditText.isEmpty ? nil : Money(parsing: creditText) ?? .zero
    let request = DisputeResolution(
      dispute: d.eventId, outcome: outcome, credit: amount, text: answer.isEmpty ? nil : answer,
      today: state.today)
    let problems = request.problems(ledger: state.ledger)
    guard problems.isEmpty, let e = request.event(ledger: state.ledger) else {
      errors = problems.map { p in
        switch p.field {
        case "credit": return "\(t(.resolveCredit)): \(t(CallForm.problemKey(p.code)))"
        case "text": return "\(t(.resolveText)): \(t(.formRequired))"
        default: return "\(t(.resolveWhich)): \(t(CallForm.problemKey(p.code)))"
        }
      }
      return []
    }
    state.mode = .normal
    if outcome == .rejected, let sender = state.sender {
      let at = OsloTime.timestamp(day: state.today, secondsOfDay: state.minuteOfDay * 60)
      let mail = FollowUpMail.disputeRejected(
        sender: sender, customer: c, dispute: d, answer: answer,
        outstanding: claim.balance(asOf: state.today).outstanding, resolvedOn: state.today, at: at)
      return [
        .write(WriteRequest(.disputeResolved, events: [e], files: .draft(mail, link: .letter)))
      ]
    }
    return [.write(WriteRequest(.disputeResolved, events: [e]))]
  }

  /// The resolve form, centred over the case.
  func render(_ state: AppState, keymaps: Keymaps, in area: Rect, buffer: inout Buffer) -> Point? {
    let form = self
    let t = state.catalogue
    let rect = area.centered(width: min(area.width, 90), height: min(area.height, 10))
    let inner = drawFormFrame(t(.resolveTitle), in: rect, buffer: &buffer)
    guard inner.height >= 5 else { return nil }
    var y = inner.y
    var cursor: Point?
    func label(_ f: ResolveForm.Field, _ key: LCall) -> Int {
      drawFormLabel(t(key), focused: form.focus == f, in: inner, y: y, buffer: &buffer)
    }
    let c = state.ledger.customers[form.customerId]
    let d = c?.disputes.first { $0.eventId == form.disputes[form.index] }
    var x = inner.x + label(.dispute, .resolveWhich)
    if let d {
      let what =
        "‹ \(d.invoice) \(d.amount.map { t.money($0) } ?? t(.statusDisputed)) "
        + "\(CallText.disputeReason(DisputeReason(rawValue: d.reason) ?? .other, t)) – \(d.text) ›"
        + (form.disputes.count > 1 ? " (\(form.index + 1)/\(form.disputes.count))" : "")
      buffer.put(what, x: x, y: y, maxWidth: inner.maxX - x)
    }
    y += 1
    x = inner.x + label(.outcome, .resolveOutcome)
    for o in DisputeOutcome.allCases where x < inner.maxX {
      let name = t(
        o == .accepted ? .resolveAccepted : o == .rejected ? .resolveRejected : .resolveForliksrad)
      let text = o == form.outcome ? "[\(name)]" : " \(name) "
      x += buffer.put(
        text, x: x, y: y, style: o == form.outcome ? .bold : .dim, maxWidth: inner.maxX - x)
    }
    y += 1
    for (f, key, input) in [
      (ResolveForm.Field.credit, LCall.resolveCredit, form.credit),
      (.text, .resolveText, form.text),
    ] {
      let p = drawFormInput(
        t(key), input, focused: form.focus == f, in: inner, y: y, buffer: &buffer)
      cursor = p ?? cursor
      y += 1
    }
    drawFormFoot(
      errors: form.errors, hint: formHint(keymap(keymaps), width: inner.width), in: inner, from: y,
      buffer: &buffer)
    return cursor
  }
}
