import Foundation
import KravCore

/// `krav export`: claims with balances and step, and the journal, as CSV or JSON rows.
///
/// Rows are ordered lists of (column, value) so CSV columns and JSON keys agree; money is a
/// string with two decimals and a dot, days `YYYY-MM-DD`, empty string for "none".
public enum Export {
  public typealias Row = [(String, String)]

  public static let claimColumns = [
    "customer", "customer_name", "invoice", "kid", "issued", "due", "principal", "paid",
    "interest", "fees", "outstanding", "credit", "step", "next_step", "next_step_from", "status",
    "closed",
  ]

  /// One row per claim, customers in the order they were added, each customer's claims by due
  /// day (then invoice), handed to `body` one at a time so a large store's export never holds
  /// every row. The next step is the queue's (`Ledger.nextStep`: the creditor's ladder, with
  /// promises, plans, holds and objections weighed).
  public static func claimRows(_ ledger: Ledger, today: Day, _ body: (Row) throws -> Void)
    rethrows
  {
    // One interest curve for every claim (building one per customer was most of the time).
    let curve = InterestCurve(table: ledger.rateTable, through: today)
    for c in ledger.customers.values {
      for s in ledger.claimSummaries(customer: c.id, today: today, curve: curve) {
        let b = s.balance
        let next = s.status.isOpen ? ledger.nextStep(invoice: s.claim.invoice, today: today) : nil
        try body([
          ("customer", c.id), ("customer_name", c.name), ("invoice", s.claim.invoice),
          ("kid", s.claim.kid ?? ""), ("issued", s.claim.issued.iso), ("due", s.claim.due.iso),
          ("principal", b.principal.jsonString), ("paid", b.paid.jsonString),
          ("interest", b.interest.jsonString), ("fees", b.fees.jsonString),
          ("outstanding", b.outstanding.jsonString), ("credit", b.overpaid.jsonString),
          ("step", s.claim.step.rawValue), ("next_step", next?.step.rawValue ?? ""),
          ("next_step_from", next?.from.iso ?? ""), ("status", s.status.rawValue),
          ("closed", s.claim.closed?.rawValue ?? ""),
        ])
      }
    }
  }

  public static let journalColumns = [
    "id", "seq", "at", "by", "type", "customer", "invoice", "name", "kind", "orgnr",
    "birth_number", "email", "phone", "address", "amount", "issued", "due", "date", "until", "kid",
    "text", "outcome", "step", "from", "channel", "reason", "ref",
  ]

  /// One row per event; a fødselsnummer appears masked, never in full.
  public static func journalRow(_ e: Event) -> Row {
    [
      ("id", e.id), ("seq", String(e.seq)), ("at", e.at), ("by", e.by), ("type", e.type.rawValue),
      ("customer", e.customer ?? ""), ("invoice", e.invoice ?? ""), ("name", e.name ?? ""),
      ("kind", e.kind ?? ""), ("orgnr", e.orgnr ?? ""),
      ("birth_number", e.birthNumber.map(BirthNumber.masked) ?? ""), ("email", e.email ?? ""),
      ("phone", e.phone ?? ""), ("address", e.address ?? ""),
      ("amount", e.amount.map { Money(ore: $0).jsonString } ?? ""), ("issued", e.issued?.iso ?? ""),
      ("due", e.due?.iso ?? ""), ("date", e.date?.iso ?? ""), ("until", e.until?.iso ?? ""),
      ("kid", e.kid ?? ""), ("text", e.text ?? ""), ("outcome", e.outcome ?? ""),
      ("step", e.step ?? ""), ("from", e.from ?? ""), ("channel", e.channel ?? ""),
      ("reason", e.reason ?? ""), ("ref", e.ref ?? ""),
    ]
  }

  /// One CSV line (with its `\n`) of `fields`: a field holding a comma, a quote or a line break
  /// is quoted, its quotes doubled (RFC 4180, as `krav import` reads it back).
  public static func csvLine(_ fields: [String]) -> String {
    var line = ""
    for (i, f) in fields.enumerated() {
      if i > 0 { line += "," }
      if f.utf8.contains(where: { $0 == 44 || $0 == 34 || $0 == 10 || $0 == 13 }) {
        line += "\"" + f.replacingOccurrences(of: "\"", with: "\"\"") + "\""
      } else {
        line += f
      }
    }
    return line + "\n"
  }

  /// The columns that hold numbers (money as `1234.50`, `seq`): written as they are, so a
  /// spreadsheet keeps them numbers. Every other cell is text and is neutralised.
  public static let numericColumns: Set<String> = [
    "seq", "principal", "paid", "interest", "fees", "outstanding", "credit", "amount",
  ]

  /// A text cell made inert for spreadsheets (OWASP "CSV injection"): a cell starting with
  /// `=`, `+`, `-`, `@`, TAB or CR would be read as a formula (`=HYPERLINK(…)`), so it gets a
  /// leading `'`, which spreadsheets show as text and do not display. Other cells are as is.
  public static func neutralised(_ cell: String) -> String {
    guard let first = cell.utf8.first else { return cell }
    switch first {
    case UInt8(ascii: "="), UInt8(ascii: "+"), UInt8(ascii: "-"), UInt8(ascii: "@"), 0x09, 0x0D:
      return "'" + cell
    default: return cell
    }
  }

  /// The CSV line of `row` in the order of `columns` (a column the row lacks is empty); text
  /// cells neutralised (`neutralised`), numeric columns (`numericColumns`) as they are.
  public static func csvLine(_ row: Row, columns: [String]) -> String {
    let byName =
      row.map(\.0) == columns ? nil : Dictionary(row, uniquingKeysWith: { a, _ in a })
    var fields: [String] = []
    fields.reserveCapacity(columns.count)
    for (i, name) in columns.enumerated() {
      let value = byName.map { $0[name] ?? "" } ?? row[i].1
      fields.append(numericColumns.contains(name) ? value : neutralised(value))
    }
    return csvLine(fields)
  }

  /// One row as a JSON object; `seq` as a number, empty values left out with `dropEmpty`.
  public static func object(_ r: Row, dropEmpty: Bool = false) -> [String: Any] {
    var o: [String: Any] = [:]
    for (k, v) in r where !(dropEmpty && v.isEmpty) {
      o[k] = k == "seq" ? (Int(v) ?? 0) as Any : v
    }
    return o
  }
}
