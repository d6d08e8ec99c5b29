import KravCore
import Testing

@testable import KravExchange

/// Issue 20: a bad customer row is reported once, at its root; the invoices that name that
/// customer say so and are not checked further, instead of each saying "no customer".
@Test("a bad customer row does not cascade into 'no customer' on its invoices")
func customerErrorDoesNotCascade() throws {
  let customers = """
    customer_id,name,kind,email
    K1,Kari Nordmann,consumer,kari@example.no
    K2,Ola Nordmann,consumer,not-an-address
    """
  let invoices = """
    invoice_no,customer_id,issue_date,due_date,amount
    7001,K1,2026-10-01,2026-10-15,100.00
    7002,K2,2026-10-01,2026-10-15,200.00
    7003,K2,2026-10-01,2026-10-15,-3
    7004,K9,2026-10-01,2026-10-15,100.00
    """
  let cTable = try CSVTable.read(bytes(customers), file: "c.csv")
  var failure: ImportFailure?
  switch Result(catching: { () throws(ImportFailure) in
    try AccountingImport.customers(cTable, ledger: Ledger())
  }) {
  case .success: Issue.record("the bad e-mail was accepted")
  case .failure(let f): failure = f
  }
  let f = try #require(failure)
  #expect(f.issues.map(\.line) == [3])
  #expect(f.validKeys == ["K1"] && f.failedKeys.keys.sorted() == ["K2"])
  let iTable = try CSVTable.read(bytes(invoices), file: "i.csv")
  var found: [String] = []
  switch Result(catching: { () throws(ImportFailure) in
    try AccountingImport.invoices(iTable, ledger: Ledger(), failedCustomers: f)
  }) {
  case .success: Issue.record("the invoices were accepted")
  case .failure(let g): found = g.issues.map(\.description)
  }
  // K1's invoice is fine (K1's row was correct); K2's two rows name the root error, and the
  // negative amount of 7003 is not reported on top; K9 is unknown everywhere.
  #expect(
    found == [
      "i.csv:3: customer_id: customer K2 has an error in c.csv:3 (email); this row was not checked further",
      "i.csv:4: customer_id: customer K2 has an error in c.csv:3 (email); this row was not checked further",
      "i.csv:5: customer_id: no customer with id K9 (import the customers first)",
    ])
}
