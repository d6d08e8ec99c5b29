import Foundation
import KravCore
import KravExchange
import TerminalUI

/// Registering a payment on the open case: amount, day paid, then the invoice (empty = spread
/// over the customer's claims, oldest first), one prompt at a time on the status row.
public struct PaymentForm: Hashable, Sendable {
  public enum Field: Hashable, Sendable { case amount, date, invoice }
  public var field: Field = .amount
  /// The text being typed in the current field.
  public var input = TextInput()
  public var amount: Money?
  public var day: Day?
  /// The day field starts with today, in the interface's format.
  var todayText: String

  public init(today: Day, catalogue: Catalogue) {
    todayText = catalogue.day(today)
  }

  func label(_ t: Catalogue) -> String {
    switch field {
    case .amount: return t(.paymentAmountPrompt)
    case .date: return t(.paymentDatePrompt)
    case .invoice: return t(.paymentInvoicePrompt)
    }
  }
}

extension PaymentForm {
  /// An unbound key: text for the prompt.
  mutating func type(_ key: Key) -> [Effect] {
    _ = input.handle(key)
    return []
  }

  /// A bound key: Esc closes the prompt, Enter takes its answer (the last one saves).
  mutating func perform(_ action: Action, _ state: inout AppState) -> [Effect] {
    guard case .caseView(let view) = state.top else {
      state.mode = .normal
      return []
    }
    let t = state.catalogue
    switch action {
    case .cancel:
      state.mode = .normal
      return []
    case .save: break
    default: return []
    }
    let text = input.text.trimmingCharacters(in: .whitespaces)
    switch field {
    case .amount:
      guard let m = Money(parsing: text), m.isPositive else {
        // Above Money.maximumAmount: say so (issue 16), not "type an amount".
        let tooLarge = Money.parsePositive(text) == .failure(.tooLarge)
        state.status = StatusLine(
          tooLarge ? t(.amountTooLarge) : t(.paymentBadAmount), isError: true)
        return []
      }
      amount = m
      field = .date
      input = TextInput(todayText)
    case .date:
      guard let d = Day(parsing: text) else {
        state.status = StatusLine(t(.paymentBadDate), isError: true)
        return []
      }
      guard PaymentDate.problem(d, today: state.today) == nil else {
        state.status = StatusLine(
          t(.paymentFutureDate) + " (\(t.day(d)) > \(t.day(state.today)))", isError: true)
        return []
      }
      day = d
      field = .invoice
      input = TextInput()
    case .invoice:
      let ledger = state.ledger
      let match: PaymentMatch
      if text.isEmpty {
        guard ledger.canReceivePayment(invoice: nil, customer: view.customerId) else {
          state.status = StatusLine(t(.paymentNoClaims), isError: true)
          state.mode = .normal
          return []
        }
        match = PaymentMatch(rule: .manual, customer: view.customerId)
      } else {
        guard ledger.claims[text]?.customer == view.customerId else {
          state.status = StatusLine(t(.paymentUnknownInvoice), isError: true)
          return []
        }
        match = PaymentMatch(rule: .manual, invoice: text)
      }
      guard let amount, let day else {
        state.mode = .normal
        return []
      }
      let payment = BankPayment(id: "", amount: amount, day: day, source: PaymentChannel.manual.rawValue)
      var drafts = PaymentMatcher(ledger: ledger).drafts(for: payment, match: match)
      for k in drafts.indices { drafts[k].id = "" }
      state.mode = .normal
      state.status = nil
      return [.write(WriteRequest(.payment, events: drafts))]
    }
    state.status = nil
    return []
  }
}
