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

/// Opens the resolve form for the case's customer, or says there is nothing to resolve.
func openResolveForm(_ state: inout AppState, customer id: String) {
  let t = state.catalogue
  if state.refusedReadOnly() { return }
  let open = state.ledger.customers[id]?.disputes.filter(\.isOpen).map(\.eventId) ?? []
  guard !open.isEmpty else {
    state.status = StatusLine(t(.noOpenDisputes))
    return
  }
  state.mode = .resolveDispute(ResolveForm(customerId: id, disputes: open))
}

/// Keys while the resolve form is open.
func editResolveForm(_ state: inout AppState, _ form: inout ResolveForm, _ key: Key) -> [Effect] {
  func move(_ d: Int) { form.focus = form.focus.cycled(by: d) }
  if let effects = closeOrQuit(&state, key) { return effects }
  switch key {
  case .function(2), .ctrl("s"):
    return saveResolveForm(&state, form)
  case .tab, .down, .enter: move(1)
  case .backTab, .up: move(-1)
  case .left, .right:
    let d = key == .left ? -1 : 1
    switch form.focus {
    case .dispute: form.index = (form.index + d + form.disputes.count) % form.disputes.count
    case .outcome: form.outcome = form.outcome.cycled(by: d)
    case .credit: _ = form.credit.handle(key)
    case .text: _ = form.text.handle(key)
    }
  default:
    if form.focus == .credit { _ = form.credit.handle(key) }
    if form.focus == .text { _ = form.text.handle(key) }
  }
  state.mode = .resolveDispute(form)
  return []
}

/// Checks the form; writes the resolution (and for a rejection, first the answer's draft).
func saveResolveForm(_ state: inout AppState, _ form: ResolveForm) -> [Effect] {
  var form = form
  let t = state.catalogue
  guard let c = state.ledger.customers[form.customerId],
    let d = c.disputes.first(where: { $0.eventId == form.disputes[form.index] }),
    let claim = state.ledger.claims[d.invoice]
  else { return [] }
  var errors: [String] = []
  let text = form.text.text.trimmingCharacters(in: .whitespaces)
  var credit: Money?
  let creditText = form.credit.text.trimmingCharacters(in: .whitespaces)
  if !creditText.isEmpty {
    credit = Money(parsing: creditText)
    if form.outcome != .accepted {
      errors.append("\(t(.resolveCredit)): \(t(.resolveCreditOnlyAccepted))")
    } else if credit == nil || credit?.isPositive == false
      || credit! > claim.principal - claim.credits
    {
      errors.append("\(t(.resolveCredit)): \(t(.probAbovePrincipal))")
    }
  }
  if form.outcome == .rejected && text.isEmpty {
    errors.append("\(t(.resolveText)): \(t(.formRequired))")
  }
  guard errors.isEmpty else {
    form.errors = errors
    state.mode = .resolveDispute(form)
    return []
  }
  var e = Event(
    id: "", seq: 0, at: "", by: "", type: .disputeResolved, customer: c.id, invoice: d.invoice)
  e.ref = d.eventId
  e.outcome = form.outcome.rawValue
  e.text = text.isEmpty ? nil : text
  e.date = state.today
  e.amount = form.outcome == .accepted ? credit?.ore : nil
  state.mode = .normal
  if form.outcome == .rejected, let sender = state.sender {
    let at = OsloTime.timestamp(day: state.today, secondsOfDay: state.minuteOfDay * 60)
    let mail = FollowUpMail.disputeRejected(
      sender: sender, customer: c, dispute: d, answer: text,
      outstanding: claim.balance(asOf: state.today).outstanding, resolvedOn: state.today, at: at)
    return [
      .draftThenAppend(
        draftName: mail.fileName, eml: mail.eml, body: mail.body, events: [e], link: "letter")
    ]
  }
  return [.append([e])]
}

/// The resolve form, centred over the case.
func renderResolveForm(_ state: AppState, _ form: ResolveForm, in area: Rect, buffer: inout Buffer)
  -> Point?
{
  let t = state.catalogue
  let rect = area.centered(width: min(area.width, 90), height: min(area.height, 10))
  let inner = drawFormFrame(t(.resolveTitle), in: rect, buffer: &buffer)
  guard inner.height >= 5 else { return nil }
  var y = inner.y
  var cursor: Point?
  func label(_ f: ResolveForm.Field, _ key: L) -> Int {
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
    (ResolveForm.Field.credit, L.resolveCredit, form.credit), (.text, .resolveText, form.text),
  ] {
    let p = drawFormInput(
      t(key), input, focused: form.focus == f, in: inner, y: y, buffer: &buffer)
    cursor = p ?? cursor
    y += 1
  }
  drawFormFoot(errors: form.errors, hint: t(.resolveHint), in: inner, from: y, buffer: &buffer)
  return cursor
}
