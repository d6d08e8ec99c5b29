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

  /// The CSV line of `row` in the order of `columns` (a column the row lacks is empty).
  public static func csvLine(_ row: Row, columns: [String]) -> String {
    if row.map(\.0) == columns { return csvLine(row.map(\.1)) }
    let byName = Dictionary(row, uniquingKeysWith: { a, _ in a })
    return csvLine(columns.map { byName[$0] ?? "" })
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
