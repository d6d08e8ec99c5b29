/// Ids as a collector types them: case does not matter (`k0132` finds K0132).
extension Ledger {
  /// The stored customer id `typed` names: the exact id, else the one that differs only in
  /// case; nil when there is none, or more than one that differ only in case.
  public func customerId(typed: String) -> String? {
    Ledger.key(typed, in: customers)
  }

  /// The stored invoice number `typed` names, as `customerId(typed:)`.
  public func invoiceNumber(typed: String) -> String? {
    Ledger.key(typed, in: claims)
  }

  static func key<V: TableKeyed>(_ typed: String, in table: KeyedTable<V>) -> String? {
    if table.contains(typed) { return typed }
    for guess in [typed.uppercased(), typed.lowercased()] where table.contains(guess) {
      return guess
    }
    // Mixed case (`Ab-12` stored as `aB-12`): one pass over the keys, once per command.
    let folded = typed.lowercased()
    var found: String?
    for v in table.values where v.tableKey.lowercased() == folded {
      guard found == nil else { return nil }
      found = v.tableKey
    }
    return found
  }
}
