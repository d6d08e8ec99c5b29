import KravCore

extension Session {
  /// The customer a command's CUSTOMER argument names, or the error that says there is none.
  @discardableResult
  func customer(_ id: String) throws -> Customer {
    guard let c = ledger.customers[id] else {
      throw UserError("CUSTOMER: no customer with id \(id)")
    }
    return c
  }
}
