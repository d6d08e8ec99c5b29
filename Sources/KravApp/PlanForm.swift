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

/// Opens the plan builder for a customer (or says why not).
func openPlanForm(_ state: inout AppState, customer: String) {
  if state.refusedReadOnly() { return }
  let invoices = state.ledger.plannableInvoices(customer: customer, today: state.today)
  guard !invoices.isEmpty else {
    state.status = StatusLine(state.catalogue.plan(.noPlannable), isError: true)
    return
  }
  let signBy = state.catalogue.day(state.today.adding(days: Plan.defaultSigningDays))
  state.mode = .planForm(PlanForm(customerId: customer, invoices: invoices, signBy: signBy))
}

/// The creditor for letters: the store's, or a placeholder that makes the gap visible.
func letterCreditor(_ state: AppState) -> PlanLetter.Creditor {
  state.creditor ?? PlanLetter.Creditor(name: "(kreditor)", orgnr: "", account: "")
}

/// The draft the form describes, or the reason there is none.
func planDraft(_ state: AppState, _ f: PlanForm) -> Result<PlanDraft, PlanInputError> {
  let t = state.catalogue
  let size: PlanRequest.Size
  if !f.amount.text.trimmingCharacters(in: .whitespaces).isEmpty {
    guard let a = Money(parsing: f.amount.text), a.isPositive else {
      if Money.parsePositive(f.amount.text) == .failure(.tooLarge) {
        return .failure(PlanInputError("\(t.plan(.fieldAmount)): \(t(.amountTooLarge))"))
      }
      return .failure(PlanInputError("\(t.plan(.fieldAmount)): \(t.plan(.badNumber))"))
    }
    size = .amount(a)
  } else {
    guard let n = Int(f.count.text.trimmingCharacters(in: .whitespaces)), n >= 1 else {
      return .failure(PlanInputError("\(t.plan(.fieldInstalments)): \(t.plan(.badNumber))"))
    }
    size = .instalments(n)
  }
  guard let signBy = Day(parsing: f.signBy.text) else {
    return .failure(PlanInputError("\(t.plan(.fieldSignBy)): \(t.plan(.badDay))"))
  }
  guard let grace = Int(f.grace.text), Plan.graceRange.contains(grace) else {
    return .failure(PlanInputError("\(t.plan(.fieldGrace)): 0–5"))
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
    return .failure(PlanInputError(String(describing: error)))
  }
}

/// Keys in the plan builder.
func editPlanForm(_ state: inout AppState, _ f: inout PlanForm, _ key: Key) -> [Effect] {
  if key == .ctrl("c") {
    state.isQuitting = true
    return [.quit]
  }
  if f.confirming {
    switch key {
    case .char("y"), .char("j"):
      state.mode = .normal
      guard case .success(let d) = planDraft(state, f) else { return [] }
      return [.appendWithDocuments(d.documents, [d.event])]
    case .char("n"), .escape:
      f.confirming = false
    default: break
    }
    state.mode = .planForm(f)
    return []
  }
  switch key {
  case .escape:
    state.mode = .normal
    return []
  case .tab, .down:
    f.focus = (f.focus + 1) % f.fieldCount
  case .backTab, .up:
    f.focus = (f.focus + f.fieldCount - 1) % f.fieldCount
  case .enter:
    switch planDraft(state, f) {
    case .success: f.confirming = true; f.error = nil
    case .failure(let e): f.error = e.description
    }
  case .char(" ") where f.field == nil:
    let inv = f.invoices[f.focus]
    if f.selected.contains(inv) { f.selected.remove(inv) } else { f.selected.insert(inv) }
  case _ where f.field == .frequency && (key == .char(" ") || key == .left || key == .right):
    let all = PlanFrequency.allCases
    let i = all.firstIndex(of: f.frequency)!
    f.frequency = all[(i + (key == .left ? all.count - 1 : 1)) % all.count]
  default:
    switch f.field {
    case .count?:
      f.count.handle(key)
      if !f.count.text.isEmpty { f.amount.clear() }
    case .amount?:
      f.amount.handle(key)
    case .signBy?: f.signBy.handle(key)
    case .grace?: f.grace.handle(key)
    default: break
    }
  }
  state.mode = .planForm(f)
  return []
}

/// Keys in the signature form.
func editSignForm(_ state: inout AppState, _ f: inout SignForm, _ key: Key) -> [Effect] {
  if key == .ctrl("c") {
    state.isQuitting = true
    return [.quit]
  }
  let channels = Ledger.signatureChannels
  func draft() -> Result<Event, PlanInputError> {
    guard let d = Day(parsing: f.signed.text) else {
      return .failure(
        PlanInputError("\(state.catalogue.plan(.fieldSigned)): \(state.catalogue.plan(.badDay))"))
    }
    do {
      return .success(
        try state.ledger.draftSignature(
          plan: f.planId, signed: d, channel: channels[f.channel], today: state.today))
    } catch let e as PlanInputError {
      return .failure(e)
    } catch {
      return .failure(PlanInputError(String(describing: error)))
    }
  }
  if f.confirming {
    switch key {
    case .char("y"), .char("j"):
      state.mode = .normal
      guard case .success(let e) = draft() else { return [] }
      return [.append([e])]
    case .char("n"), .escape:
      f.confirming = false
    default: break
    }
    state.mode = .signForm(f)
    return []
  }
  switch key {
  case .escape:
    state.mode = .normal
    return []
  case .tab, .down, .backTab, .up:
    f.focus = 1 - f.focus
  case .enter:
    switch draft() {
    case .success: f.confirming = true; f.error = nil
    case .failure(let e): f.error = e.description
    }
  case _ where f.focus == 1 && (key == .char(" ") || key == .left || key == .right):
    f.channel = (f.channel + (key == .left ? channels.count - 1 : 1)) % channels.count
  default:
    if f.focus == 0 { f.signed.handle(key) }
  }
  state.mode = .signForm(f)
  return []
}

/// The status message after a plan write, or nil when the batch is not about a plan.
func planSavedMessage(_ batch: [(Event, EventRef)], _ t: Catalogue) -> String? {
  let types = Set(batch.map(\.0.type))
  if types.contains(.planProposed) { return t.plan(.planSaved) }
  if types.contains(.planSigned) { return t.plan(.signSaved) }
  // A plan's follow-up closes claims as paid; a write-off (also `case-closed`) is not one.
  let followClosed = batch.contains {
    $0.0.type == .caseClosed && $0.0.reason != ClosureReason.writtenOff.rawValue
  }
  if types.contains(.planAccelerated) || followClosed {
    return t.plan(.followSaved)
  }
  return nil
}
