import CSV
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

  /// One row per claim, customers in the order they were added, claims likewise.
  public static func claims(_ ledger: Ledger, today: Day) -> [Row] {
    var rows: [Row] = []
    let ladder = Ladder.standard
    for c in ledger.customers.values {
      for s in ledger.claimSummaries(customer: c.id, today: today) {
        let b = s.balance
        let next =
          s.status.isOpen
          ? ladder.next(
            for: s.claim, disputed: s.status == .disputed,
            onHoldUntil: [s.claim.holdUntil, c.holdUntil].compactMap { $0 }.max()) : nil
        rows.append([
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
    return rows
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

  /// Rows as CSV (comma separated, quoted where needed, LF line ends) with a header row.
  public static func csv(_ rows: [Row], columns: [String]) -> String {
    // CSVWriter quotes fields holding separators, quotes or line breaks.
    let writer = try! CSVWriter(stream: .toMemory())
    try! writer.write(row: columns)
    for r in rows {
      let byName = Dictionary(r, uniquingKeysWith: { a, _ in a })
      try! writer.write(row: columns.map { byName[$0] ?? "" })
    }
    writer.stream.close()
    let data = writer.stream.property(forKey: .dataWrittenToMemoryStreamKey) as? Data ?? Data()
    return String(decoding: data, as: UTF8.self) + "\n"
  }

  /// Rows as JSON objects (for `JSONSerialization`), empty values left out of journal rows.
  public static func objects(_ rows: [Row], dropEmpty: Bool = false) -> [[String: Any]] {
    rows.map { r in
      var o: [String: Any] = [:]
      for (k, v) in r where !(dropEmpty && v.isEmpty) {
        o[k] = k == "seq" ? (Int(v) ?? 0) as Any : v
      }
      return o
    }
  }
}
