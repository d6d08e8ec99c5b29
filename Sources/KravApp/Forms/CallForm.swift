import Foundation
import KravCore
import TerminalUI

/// The call log form (one key from the call list or the case): the outcome, a multi-line
/// summary, and what was agreed — a promise, an objection, a hold, a plan to propose.
public struct CallForm: Hashable, Sendable {
  /// The fields in Tab order.
  public enum Field: Int, CaseIterable, Sendable {
    case outcome, summary, promiseAmount, promiseDate, disputeInvoice, disputeAmount
    case disputeReason, disputeText, disputeWho, holdUntil, holdReason, proposePlan, outsideReason
  }

  public var customerId: String
  public var outcome: CallOutcome = .reached
  public var summary = TextArea()
  public var promiseAmount = TextInput()
  public var promiseDate = TextInput()
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

  /// The form's content as a call log input, or the problems with it (in the catalogue's
  /// language, each naming its field).
  public func input(_ t: Catalogue) -> Result<CallLogInput, FormProblems> {
    var problems: [String] = []
    func text(_ i: TextInput) -> String { i.text.trimmingCharacters(in: .whitespaces) }
    func label(_ f: Field) -> String { t(CallForm.label(f)) }
    var input = CallLogInput(
      customer: customerId, outcome: outcome, summary: summary.text,
      outsideReason: outside.isEmpty ? nil : text(outsideReason), proposePlan: proposePlan)
    let amount = text(promiseAmount)
    let date = text(promiseDate)
    if !amount.isEmpty || !date.isEmpty {
      let m = Money(parsing: amount)
      let d = Day(parsing: date)
      if m == nil || m?.isPositive == false {
        let tooLarge = Money.parsePositive(amount) == .failure(.tooLarge)
        problems.append(
          "\(label(.promiseAmount)): \(tooLarge ? t(.amountTooLarge) : t(.formBadAmount))")
      }
      if d == nil { problems.append("\(label(.promiseDate)): \(t(.formBadDay))") }
      if let m, let d { input.promise = .init(amount: m, day: d) }
    }
    let invoice = text(disputeInvoice)
    let dAmount = text(disputeAmount)
    if !invoice.isEmpty {
      var disputed: Money?
      if !dAmount.isEmpty {
        disputed = Money(parsing: dAmount)
        if disputed == nil {
          let tooLarge = Money.parsePositive(dAmount) == .failure(.tooLarge)
          problems.append(
            "\(label(.disputeAmount)): \(tooLarge ? t(.amountTooLarge) : t(.formBadAmount))")
        }
      }
      let who = text(disputeWho)
      input.dispute = .init(
        invoice: invoice, amount: disputed, reason: disputeReason, text: text(disputeText),
        who: who.isEmpty ? nil : who)
    } else if !dAmount.isEmpty || !text(disputeText).isEmpty || !text(disputeWho).isEmpty {
      problems.append("\(label(.disputeInvoice)): \(t(.formRequired))")
    }
    let until = text(holdUntil)
    if !until.isEmpty || !text(holdReason).isEmpty {
      if let d = Day(parsing: until) {
        input.hold = .init(until: d, reason: text(holdReason))
      } else {
        problems.append("\(label(.holdUntil)): \(t(.formBadDay))")
      }
    }
    return problems.isEmpty ? .success(input) : .failure(FormProblems(messages: problems))
  }

  /// The catalogue key of a field's label.
  public static func label(_ f: Field) -> LCall {
    switch f {
    case .outcome: return .formOutcome
    case .summary: return .formSummary
    case .promiseAmount: return .formPromiseAmount
    case .promiseDate: return .formPromiseDate
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
    case "promise amount": return .formPromiseAmount
    case "promise date": return .formPromiseDate
    case "promise invoice", "dispute invoice": return .formDisputeInvoice
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
}
