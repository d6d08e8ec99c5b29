import Foundation
import KravCore
import TerminalUI

/// The form that resolves an objection from the case (key `i`): which objection, the outcome
/// (accepted with a credit note, rejected with an answer, or to the forliksråd) and the text.
/// Nothing is pre-selected (issue 20): the outcome is an explicit choice, an acceptance needs
/// the credit note's amount (0 for none), and the consequence is shown and confirmed (y/n)
/// before anything is saved.
public struct ResolveForm: Hashable, Sendable {
  public enum Field: Int, CaseIterable, Sendable { case dispute, outcome, credit, text }

  public var customerId: String
  /// The open objections' ids (the dispute-opened events).
  public var disputes: [String]
  public var index = 0
  /// nil until the collector chooses: nothing is pre-selected.
  public var outcome: DisputeOutcome?
  public var credit = TextInput()
  public var text = TextInput()
  public var focus: Field = .dispute
  public var errors: [String] = []
  /// The consequence is shown and y/n asked.
  public var confirming = false
  /// The consequence, worked out once when `F2` asks for the confirmation.
  public var consequenceText = ""

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
    if confirming { return k.confirm }
    let choosing = focus == .dispute || focus == .outcome
    return k.choiceFormKeys(choosing: choosing)
  }

  static func keymapAll(_ k: Keymaps) -> Keymap<Action> {
    k.choiceFormKeys()
  }

  /// A bound key.
  mutating func perform(_ action: Action, _ state: inout AppState) -> [Effect] {
    if confirming { return answerConfirmation(action, &state) }
    switch action {
    case .cancel: state.mode = .normal
    case .save:
      errors = check(state).errors
      confirming = errors.isEmpty
      if confirming { consequenceText = consequence(state) }
    case .nextField: focus = focus.cycled(by: 1)
    case .previousField: focus = focus.cycled(by: -1)
    case .choosePrevious, .chooseNext:
      let d = action == .chooseNext ? 1 : -1
      if focus == .dispute { index = (index + d + disputes.count) % disputes.count }
      if focus == .outcome {
        outcome =
          outcome?.cycled(by: d)
          ?? (d > 0 ? DisputeOutcome.allCases.first : DisputeOutcome.allCases.last)
      }
      errors = []
    default: break
    }
    return []
  }

  /// An unbound key: text for the focused field.
  mutating func type(_ key: Key) -> [Effect] {
    guard !confirming else { return [] }
    if focus == .credit { _ = credit.handle(key) }
    if focus == .text { _ = text.handle(key) }
    return []
  }

  /// Every problem at once (the outcome not chosen, an acceptance without its credit note,
  /// and `DisputeResolution`'s), or the request to save.
  func check(_ state: AppState) -> (errors: [String], request: DisputeResolution?) {
    let t = state.catalogue
    guard let c = state.ledger.customers[customerId],
      let d = c.disputes.first(where: { $0.eventId == disputes[index] })
    else { return ([t(.noOpenDisputes)], nil) }
    var errors: [String] = []
    let answer = text.text.trimmingCharacters(in: .whitespaces)
    let creditText = credit.text.trimmingCharacters(in: .whitespaces)
    // The credit note: required when accepted; 0 says "none"; text that is no amount is refused.
    var amount: Money?
    if !creditText.isEmpty {
      if let m = Money(parsing: creditText) {
        amount = m == .zero && outcome == .accepted ? nil : m
      } else {
        errors.append("\(t(.resolveCredit)): \(t(.formBadAmount))")
      }
    }
    guard let outcome else {
      return (["\(t(.resolveOutcome)): \(t(.resolveChooseOutcome))"] + errors, nil)
    }
    if outcome == .accepted && creditText.isEmpty {
      errors.append(
        "\(t(.resolveCredit)): \(t(.formRequired)) (0 = \(t.lang == .nb ? "ingen" : "none"))")
    }
    let request = DisputeResolution(
      dispute: d.eventId, outcome: outcome, credit: amount, text: answer.isEmpty ? nil : answer,
      today: state.today)
    for p in request.problems(ledger: state.ledger) {
      switch p.field {
      case "credit": errors.append("\(t(.resolveCredit)): \(t(CallForm.problemKey(p.code)))")
      case "text": errors.append("\(t(.resolveText)): \(t(.formRequired))")
      default: errors.append("\(t(.resolveWhich)): \(t(CallForm.problemKey(p.code)))")
      }
    }
    return (errors, errors.isEmpty ? request : nil)
  }

  /// What saving does, in words: shown before the confirmation.
  func consequence(_ state: AppState) -> String {
    let t = state.catalogue
    let nb = t.lang == .nb
    guard let request = check(state).request, let (_, d) = request.find(in: state.ledger),
      let claim = state.ledger.claims[d.invoice]
    else { return "" }
    let outstanding = claim.balance(asOf: state.today).outstanding
    switch request.outcome {
    case .accepted:
      let credit = request.credit ?? .zero
      let after = outstanding - credit
      let rest =
        after.isPositive
        ? (nb
          ? "kravet \(d.invoice) går tilbake til innfordring med \(t.money(after)) utestående"
          : "claim \(d.invoice) goes back to collection with \(t.money(after)) outstanding")
        : (nb ? "ingenting står igjen på \(d.invoice)" : "nothing is left on \(d.invoice)")
      return nb
        ? "Innsigelsen godtas med kreditnota \(t.money(credit)); \(rest)"
        : "The objection is accepted with a credit note of \(t.money(credit)); \(rest)"
    case .rejected:
      let resumes = state.today.adding(days: Dispute.replyWindowDays + 1)
      return nb
        ? "Innsigelsen avvises; svaret lagres som e-postutkast; innfordringen fortsetter \(t.day(resumes)) om skyldneren ikke svarer"
        : "The objection is rejected; the answer is saved as an e-mail draft; collection resumes on \(t.day(resumes)) unless the debtor answers"
    case .forliksrad:
      return nb
        ? "Saken går til forliksrådet; kravet står som omtvistet"
        : "The case goes to the forliksråd; the claim stays disputed"
    }
  }

  /// Writes the resolution (checked again), and for a rejection the answer's draft first.
  mutating func save(_ state: inout AppState) -> [Effect] {
    confirming = false
    let (problems, checked) = check(state)
    errors = problems
    guard let request = checked, let e = request.event(ledger: state.ledger),
      let (c, d) = request.find(in: state.ledger), let claim = state.ledger.claims[d.invoice]
    else { return [] }
    let answer = request.text ?? ""
    state.mode = .normal
    if request.outcome == .rejected, let sender = state.sender {
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
    let rect = area.centered(
      width: min(area.width, 90), height: min(area.height, max(12, 9 + form.errors.count)))
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
    if confirming {
      // The consequence, then y/n (the one confirm keymap).
      for line in TextWidth.wrap("\(t(.consequence)): \(consequenceText)", to: inner.width)
      where y < inner.maxY - 1 {
        buffer.put(line, x: inner.x, y: y, style: .bold, maxWidth: inner.width)
        y += 1
      }
      buffer.put(
        "\(t(.confirmQuestion))  \(keymaps.confirmHint) · \(keymaps.cancelHint)", x: inner.x,
        y: inner.maxY - 1, style: .bold, maxWidth: inner.width)
      return nil
    }
    drawFormFoot(
      errors: form.errors, hint: formHint(keymap(keymaps), width: inner.width), in: inner, from: y,
      buffer: &buffer)
    return cursor
  }
}

extension ResolveForm: ConfirmingForm {
  /// Yes to the consequence shown: the form's event is written.
  mutating func confirmed(_ state: inout AppState) -> [Effect] { save(&state) }
}
