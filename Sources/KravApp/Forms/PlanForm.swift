import Foundation
import KravCore
import TerminalUI

/// The plan builder: which claims, how many instalments (or how much each), how often, the
/// signing deadline and the grace days; the schedule is previewed as the collector types.
public struct PlanForm: Hashable, Sendable {
  public var customerId: String
  /// The claims that may go in the plan, and which are ticked.
  public var invoices: [String]
  public var selected: Set<String>
  public var count: TextInput
  public var amount: TextInput
  public var frequency: PlanFrequency = .month
  public var signBy: TextInput
  public var grace: TextInput
  /// The focused field: claim rows first, then count, amount, frequency, sign-by, grace.
  public var focus: Int = 0
  /// Waiting for y/n on the confirmation.
  public var confirming = false
  public var error: String?

  public init(customerId: String, invoices: [String], signBy: String) {
    self.customerId = customerId
    self.invoices = invoices
    self.selected = Set(invoices)
    self.count = TextInput("3", maxLength: 3)
    self.amount = TextInput("", maxLength: 14)
    self.signBy = TextInput(signBy, maxLength: 10)
    self.grace = TextInput(String(Plan.defaultGraceDays), maxLength: 1)
    self.focus = invoices.count
  }

  /// The fields after the claim rows.
  enum Field: Int { case count, amount, frequency, signBy, grace }

  var fieldCount: Int { invoices.count + 5 }

  /// The focused field after the claim rows, or nil on a claim row.
  var field: Field? { focus < invoices.count ? nil : Field(rawValue: focus - invoices.count) }
}

/// Recording the customer's signature: the day and the channel.
public struct SignForm: Hashable, Sendable {
  public var planId: String
  public var signed: TextInput
  /// Index into `Ledger.signatureChannels`.
  public var channel: Int = 0
  /// 0 = the day, 1 = the channel.
  public var focus: Int = 0
  public var confirming = false
  public var error: String?

  public init(planId: String, signed: String) {
    self.planId = planId
    self.signed = TextInput(signed, maxLength: 10)
  }
}

extension PlanForm {
  /// Opens the plan builder for a customer (or says why not).
  static func open(_ state: inout AppState, customer: String) {
    let invoices = state.ledger.plannableInvoices(customer: customer, today: state.today)
    guard !invoices.isEmpty else {
      state.status = StatusLine(state.catalogue.plan(.noPlannable), isError: true)
      return
    }
    let signBy = state.catalogue.day(state.today.adding(days: Plan.defaultSigningDays))
    state.mode = .planForm(PlanForm(customerId: customer, invoices: invoices, signBy: signBy))
  }

}

/// The creditor for letters: the store's, or a placeholder that makes the gap visible.
func letterCreditor(_ state: AppState) -> PlanLetter.Creditor {
  state.creditor ?? PlanLetter.Creditor(name: "(kreditor)", orgnr: "", account: "")
}

/// The draft the form describes, or the reasons there is none: every field's problem at once,
/// one per line (issue 20), then what the ledger says of a well-formed request.
func planDraft(_ state: AppState, _ f: PlanForm) -> Result<PlanDraft, PlanInputError> {
  let t = state.catalogue
  var problems: [String] = []
  var size: PlanRequest.Size?
  if !f.amount.text.trimmingCharacters(in: .whitespaces).isEmpty {
    if let a = Money(parsing: f.amount.text), a.isPositive {
      size = .amount(a)
    } else if Money.parsePositive(f.amount.text) == .failure(.tooLarge) {
      problems.append("\(t.plan(.fieldAmount)): \(t(.amountTooLarge))")
    } else {
      problems.append("\(t.plan(.fieldAmount)): \(t.plan(.badNumber))")
    }
  } else if let n = Int(f.count.text.trimmingCharacters(in: .whitespaces)), n >= 1 {
    size = .instalments(n)
  } else {
    problems.append("\(t.plan(.fieldInstalments)): \(t.plan(.badNumber))")
  }
  let signBy = Day(parsing: f.signBy.text)
  if signBy == nil { problems.append("\(t.plan(.fieldSignBy)): \(t.plan(.badDay))") }
  let grace = Int(f.grace.text).flatMap { Plan.graceRange.contains($0) ? $0 : nil }
  if grace == nil { problems.append("\(t.plan(.fieldGrace)): 0–5") }
  guard problems.isEmpty, let size, let signBy, let grace else {
    return .failure(PlanInputError(problems.joined(separator: "\n")))
  }
  let chosen = f.invoices.filter { f.selected.contains($0) }
  do {
    return .success(
      try state.ledger.draftPlan(
        customer: f.customerId, invoices: chosen.isEmpty ? [] : chosen, size: size,
        frequency: f.frequency, signBy: signBy, graceDays: grace, today: state.today,
        creditor: letterCreditor(state), timestamp: ""))
  } catch let e as PlanInputError {
    return .failure(e)
  } catch {
    return .failure(PlanInputError(errorText(error, .en), norwegian: errorText(error, .nb)))
  }
}

extension PlanForm {
  /// The builder's keys for the focused field (the confirmation has `Keymaps.confirm`).
  func keymap(_ k: Keymaps) -> Keymap<Action> {
    var b: [KeyBinding<Action>] = []
    if field == nil { b.append(k.toggleKey()) }
    if field == .frequency { b += k.chooseKeys() }
    return Keymap(b + k.formKeys(saveKeys: [.enter], enterMovesOn: false) + PlanForm.downUp(k))
  }

  static func keymapAll(_ k: Keymaps) -> Keymap<Action> {
    Keymap(
      [k.toggleKey()] + k.chooseKeys() + k.formKeys(saveKeys: [.enter], enterMovesOn: false)
        + downUp(k))
  }

  /// ↓ and ↑ move between fields too (Enter saves here).
  static func downUp(_ k: Keymaps) -> [KeyBinding<Action>] {
    let t = k.catalogue
    return [
      KeyBinding(keys: [.down], action: .nextField, help: t(.keyNextField), group: t(.groupForm)),
      KeyBinding(
        keys: [.up], action: .previousField, help: t(.keyPreviousField), group: t(.groupForm)),
    ]
  }

  /// A bound key: in the builder, or on its confirmation.
  mutating func perform(_ action: Action, _ state: inout AppState) -> [Effect] {
    if confirming { return answerConfirmation(action, &state) }
    switch action {
    case .cancel: state.mode = .normal
    case .nextField: focus = (focus + 1) % fieldCount
    case .previousField: focus = (focus + fieldCount - 1) % fieldCount
    case .save:
      switch planDraft(state, self) {
      case .success:
        confirming = true
        error = nil
      case .failure(let e): error = e.text(state.catalogue.lang)
      }
    case .toggle where field == nil:
      let inv = invoices[focus]
      if selected.contains(inv) { selected.remove(inv) } else { selected.insert(inv) }
    case .chooseNext where field == .frequency, .choosePrevious where field == .frequency:
      frequency = frequency.cycled(by: action == .chooseNext ? 1 : -1)
    default: break
    }
    return []
  }

  /// An unbound key: text for the focused field.
  mutating func type(_ key: Key) -> [Effect] {
    guard !confirming else { return [] }
    switch field {
    case .count?:
      count.handle(key)
      if !count.text.isEmpty { amount.clear() }
    case .amount?: amount.handle(key)
    case .signBy?: signBy.handle(key)
    case .grace?: grace.handle(key)
    default: break
    }
    return []
  }
}

extension SignForm {
  /// The signature form's keys (the confirmation has `Keymaps.confirm`).
  func keymap(_ k: Keymaps) -> Keymap<Action> {
    Keymap((focus == 1 ? k.chooseKeys() : []) + SignForm.common(k))
  }

  static func keymapAll(_ k: Keymaps) -> Keymap<Action> { Keymap(k.chooseKeys() + common(k)) }

  private static func common(_ k: Keymaps) -> [KeyBinding<Action>] {
    k.formKeys(saveKeys: [.enter], enterMovesOn: false)
      + PlanForm.downUp(k)
  }

  /// The signature event the form describes, or why there is none.
  func draft(_ state: AppState) -> Result<Event, PlanInputError> {
    guard let d = Day(parsing: signed.text) else {
      return .failure(
        PlanInputError("\(state.catalogue.plan(.fieldSigned)): \(state.catalogue.plan(.badDay))"))
    }
    do {
      return .success(
        try state.ledger.draftSignature(
          plan: planId, signed: d, channel: Ledger.signatureChannels[channel], today: state.today))
    } catch let e as PlanInputError {
      return .failure(e)
    } catch {
      return .failure(PlanInputError(errorText(error, .en), norwegian: errorText(error, .nb)))
    }
  }

  /// A bound key: in the form, or on its confirmation.
  mutating func perform(_ action: Action, _ state: inout AppState) -> [Effect] {
    let channels = Ledger.signatureChannels.count
    if confirming { return answerConfirmation(action, &state) }
    switch action {
    case .cancel: state.mode = .normal
    case .nextField, .previousField: focus = 1 - focus
    case .save:
      switch draft(state) {
      case .success:
        confirming = true
        error = nil
      case .failure(let e): error = e.text(state.catalogue.lang)
      }
    case .chooseNext where focus == 1: channel = (channel + 1) % channels
    case .choosePrevious where focus == 1: channel = (channel + channels - 1) % channels
    default: break
    }
    return []
  }

  /// An unbound key: text for the day.
  mutating func type(_ key: Key) -> [Effect] {
    if !confirming, focus == 0 { signed.handle(key) }
    return []
  }
}

extension PlanForm: ConfirmingForm {
  /// Yes to the plan shown: its letter and the proposal are written.
  mutating func confirmed(_ state: inout AppState) -> [Effect] {
    state.mode = .normal
    guard case .success(let d) = planDraft(state, self) else { return [] }
    return [
      .write(WriteRequest(.planProposed, events: [d.event], files: .documents(d.documents)))
    ]
  }
}

extension SignForm: ConfirmingForm {
  /// Yes to the signature shown: it is recorded.
  mutating func confirmed(_ state: inout AppState) -> [Effect] {
    state.mode = .normal
    guard case .success(let e) = draft(state) else { return [] }
    return [.write(WriteRequest(.planSigned, events: [e]))]
  }
}
