import KravCore

extension Session {
  /// The customer a command's CUSTOMER argument names, or the error that says there is none.
  @discardableResult
  func customer(_ id: String) throws -> Customer {
    guard let key = ledger.customerId(typed: id), let c = ledger.customers[key] else {
      throw UserError(CLIText.noCustomer(id).text(lang))
    }
    return c
  }

  /// The stored id of the customer `typed` names in any case (`k0132` → `K0132`), or `typed`
  /// itself when there is none (the command then says so in its own words).
  func customerKey(_ typed: String) -> String {
    ledger.customerId(typed: typed) ?? typed
  }

  /// The claim an invoice number typed on the command line names (case does not matter).
  func claim(_ typed: String) -> Claim? {
    ledger.invoiceNumber(typed: typed).flatMap { ledger.claims[$0] }
  }

  /// The claim `--invoice` (or INVOICE) names, or the error that says there is none.
  func claim(_ typed: String, option: String) throws -> Claim {
    guard let c = claim(typed) else {
      throw UserError(CLIText.noInvoice(option: option, typed).text(lang))
    }
    return c
  }

  /// The interface language of this command's messages.
  var lang: Language { global.language }
}
