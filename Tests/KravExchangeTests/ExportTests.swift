import KravCore
import Testing

@testable import KravExchange

@Suite("Export rows")
struct ExportTests {
  @Test("a CSV line quotes only fields with a comma, a quote or a line break, and reads back")
  func csvQuoting() throws {
    let fields = ["plain", "Bjørn Løvås", "a,b", "say \"hi\"", "two\nlines", "cr\rhere", ""]
    let line = Export.csvLine(fields)
    #expect(
      line == "plain,Bjørn Løvås,\"a,b\",\"say \"\"hi\"\"\",\"two\nlines\",\"cr\rhere\",\n")
    // What `krav import` reads (CSV.swift, RFC 4180) gives the fields back.
    let header = Export.csvLine(fields.indices.map { "c\($0)" })
    let table = try CSVTable.read(Array((header + line).utf8), file: "x.csv")
    #expect(table.rows.count == 1)
    // (The importer reads an empty field as absent.)
    for (i, f) in fields.enumerated() { #expect((table.rows[0]["c\(i)"] ?? "") == f) }
  }

  @Test("a row's line follows the columns, whatever order the row names them in")
  func csvColumns() {
    let row: Export.Row = [("b", "2"), ("a", "1")]
    #expect(Export.csvLine(row, columns: ["a", "b", "c"]) == "1,2,\n")
    #expect(Export.csvLine([("a", "1"), ("b", "x,y")], columns: ["a", "b"]) == "1,\"x,y\"\n")
  }

  @Test("claim rows come one per claim, in customer order, with the queue's next step")
  func claimRows() {
    let today = Day(year: 2026, month: 11, day: 30)!
    var l = Ledger()
    for (i, e) in DemoGenerator(seed: 5, customers: 40, today: today).events().enumerated() {
      l.apply(e, ref: EventRef(journal: 0, offset: UInt64(i)))
    }
    var rows: [Export.Row] = []
    Export.claimRows(l, today: today) { rows.append($0) }
    #expect(rows.count == l.claims.count)
    #expect(rows.allSatisfy { $0.map(\.0) == Export.claimColumns })
    for r in rows {
      let v = Dictionary(r, uniquingKeysWith: { a, _ in a })
      let next = l.nextStep(invoice: v["invoice"]!, today: today)
      if ["paid", "credited"].contains(v["status"]) || v["closed"] != "" { continue }
      #expect(v["next_step"] == (next?.step.rawValue ?? ""), "\(v["invoice"]!)")
    }
    let owners = rows.map { Dictionary($0, uniquingKeysWith: { a, _ in a })["customer"]! }
    let order = l.customers.values.map(\.id).filter(Set(owners).contains)
    #expect(owners.reduce(into: [String]()) { if $0.last != $1 { $0.append($1) } } == order)
  }
}
