import Foundation
import KravCore
import TerminalUI

/// The call log form (one key from the call list or the case): the outcome, a multi-line
/// summary, and what was agreed — a promise, an objection, a hold, a plan to propose.
public struct CallForm: Hashable, Sendable {
  /// The fields in Tab order.
  public enum Field: Int, CaseIterable, Sendable {
    case outcome, summary, promiseAmount, promiseDate, promiseInvoice, disputeInvoice, disputeAmount
    case disputeReason, disputeText, disputeWho, holdUntil, holdReason, proposePlan, outsideReason
  }

  public var customerId: String
  public var outcome: CallOutcome = .reached
  public var summary = TextArea()
  public var promiseAmount = TextInput()
  public var promiseDate = TextInput()
  /// The invoice the promise is about (empty: the customer's claims; issue 20).
  public var promiseInvoice = TextInput()
  public var disputeInvoice = TextInput()
  public var disputeAmount = TextInput()
  public var disputeReason: DisputeReason = .defect
  public var disputeText = TextInput()
  /// Who objected (the customer's contact person on the phone).
  public var disputeWho = TextInput()
  public var holdUntil = TextInput()
  public var holdReason = TextInput()
  public var proposePlan = false
  /// Why the call is made outside the call rules (asked only then).
  public var outsideReason = TextInput()
  /// What the call rules forbid at the moment the form opened (empty: the call is allowed).
  public var outside: [CallBlock]
  public var focus: Field = .outcome
  /// Problems found on the last save attempt, already in the interface language.
  public var errors: [String] = []
  /// Who to go to after this call: the next customer in the call list.
  public var nextCustomer: String?
  /// The summary editor's width when last drawn (Up/Down move by wrapped rows).
  public var summaryWidth = 60
  /// The second step, after the call's fields check out: the follow-up e-mail to the
  /// customer, its own text (prefilled from `CallLog.followUpTemplate`, never the summary),
  /// edited before it is saved.
  public var writingEmail = false
  public var email = TextArea()
  /// The template `email` was last filled from (an unedited e-mail follows a changed call).
  public var emailTemplate = ""

  public init(customerId: String, outside: [CallBlock], nextCustomer: String?) {
    self.customerId = customerId
    self.outside = outside
    self.nextCustomer = nextCustomer
  }

  /// The fields the form shows (the outside-the-rules reason only when needed).
  public var fields: [Field] { Field.allCases.filter { $0 != .outsideReason || !outside.isEmpty } }

  /// Moves the focus to the next (or previous) field, wrapping around.
  public mutating func move(by delta: Int) {
    let f = fields
    let i = f.firstIndex(of: focus) ?? 0
    focus = f[(i + delta + f.count) % f.count]
  }

  /// The input that edits a one-line field, if the field is one.
  public subscript(input field: Field) -> TextInput? {
    get {
      switch field {
      case .promiseAmount: return promiseAmount
      case .promiseDate: return promiseDate
      case .promiseInvoice: return promiseInvoice
      case .disputeInvoice: return disputeInvoice
      case .disputeAmount: return disputeAmount
      case .disputeText: return disputeText
      case .disputeWho: return disputeWho
      case .holdUntil: return holdUntil
      case .holdReason: return holdReason
      case .outsideReason: return outsideReason
      default: return nil
      }
    }
    set {
      guard let v = newValue else { return }
      switch field {
      case .promiseAmount: promiseAmount = v
      case .promiseDate: promiseDate = v
      case .promiseInvoice: promiseInvoice = v
      case .disputeInvoice: disputeInvoice = v
      case .disputeAmount: disputeAmount = v
      case .disputeText: disputeText = v
      case .disputeWho: disputeWho = v
      case .holdUntil: holdUntil = v
      case .holdReason: holdReason = v
      case .outsideReason: outsideReason = v
      default: break
      }
    }
  }

  /// The form's content as typed (what `CallLog.check` reads, as `krav call log` does).
  public var text: CallLogText {
    var c = CallLogText(customer: customerId, outcome: outcome)
    c.summary = summary.text
    c.outsideReason = outside.isEmpty ? nil : outsideReason.text
    c.promiseAmount = promiseAmount.text
    c.promiseDate = promiseDate.text
    c.promiseInvoice = promiseInvoice.text
    c.disputeInvoice = disputeInvoice.text
    c.disputeAmount = disputeAmount.text
    c.disputeReason = disputeReason
    c.disputeText = disputeText.text
    c.disputeWho = disputeWho.text
    c.holdUntil = holdUntil.text
    c.holdReason = holdReason.text
    c.proposePlan = proposePlan
    return c
  }

  /// The form's content as a call log input, or every problem with it at once (in the
  /// catalogue's language, each naming its field).
  public func check(_ state: AppState) -> Result<CallLogInput, FormProblems> {
    let t = state.catalogue
    let (input, problems) = CallLog.check(
      text, ledger: state.ledger, today: state.today, now: state.now, settings: state.callSettings)
    if let input { return .success(input) }
    return .failure(
      FormProblems(
        messages: problems.map { p in
          "\(CallForm.labelText(problemField: p.field, t)): \(CallForm.problemText(p.code, t))"
        }, outsideRules: problems.contains { $0.code == .outsideRules }))
  }

  /// A field's label in the catalogue's language.
  public static func labelText(_ f: Field, _ t: Catalogue) -> String {
    label(f).map { t($0) } ?? t(LForm.promiseInvoice)
  }

  /// The label of a `CallLogProblem` field (the field's own name when the form has none).
  static func labelText(problemField: String, _ t: Catalogue) -> String {
    if problemField == "promise invoice" { return t(LForm.promiseInvoice) }
    return label(problemField: problemField).map { t($0) } ?? problemField
  }

  /// The catalogue key of a field's label (nil: the promise's invoice, in `LForm`).
  public static func label(_ f: Field) -> LCall? {
    switch f {
    case .outcome: return .formOutcome
    case .summary: return .formSummary
    case .promiseAmount: return .formPromiseAmount
    case .promiseDate: return .formPromiseDate
    case .promiseInvoice: return nil
    case .disputeInvoice: return .formDisputeInvoice
    case .disputeAmount: return .formDisputeAmount
    case .disputeReason: return .formDisputeReason
    case .disputeText: return .formDisputeText
    case .disputeWho: return .formDisputeWho
    case .holdUntil: return .formHoldUntil
    case .holdReason: return .formHoldReason
    case .proposePlan: return .formProposePlan
    case .outsideReason: return .formOutsideReason
    }
  }

  /// The catalogue key of a `CallLogProblem` field.
  static func label(problemField: String) -> LCall? {
    switch problemField {
    case "reason": return .formOutsideReason
    case "summary": return .formSummary
    case "promise amount": return .formPromiseAmount
    case "promise date": return .formPromiseDate
    case "dispute invoice": return .formDisputeInvoice
    case "dispute amount": return .formDisputeAmount
    case "dispute text": return .formDisputeText
    case "hold until": return .formHoldUntil
    case "hold reason": return .formHoldReason
    default: return nil
    }
  }
}

/// Problems with a form's content, in the interface language.
public struct FormProblems: Error, Hashable, Sendable {
  public var messages: [String]
  /// Whether one of them is a call outside the call rules (the form then focuses its reason).
  public var outsideRules = false
}
