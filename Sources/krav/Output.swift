import Foundation
import KravApp
import KravCore

/// Writes command results: JSON on stdout for `--json`, otherwise human text.
enum Output {
  /// Prints a JSON value with sorted keys (stable output for scripts and tests).
  static func json(_ value: Any) {
    var bytes = JSONText.encode(value)
    bytes.append(10)
    FileHandle.standardOutput.write(Data(bytes))
  }

  /// Prints a JSON array built one element at a time (for long lists: queue, customers).
  static func jsonArray<S: Sequence>(_ items: S, _ element: (S.Element) -> [String: Any]) {
    fflush(nil)  // anything printed before goes first
    JSONText.streamArray(items, to: 1, element)
  }

  /// Prints JSON text already encoded (an `Encodable` value's own form).
  static func json(encoded data: Data) {
    FileHandle.standardOutput.write(data)
    FileHandle.standardOutput.write(Data("\n".utf8))
  }

  /// Prints a line of text for a person on stdout, control characters shown visibly
  /// (`^[` for ESC): a debtor's name or note must not clear the screen, set the window title
  /// or write the clipboard (OSC 52). Line breaks and tabs are kept. `--json` stays exact.
  static func line(_ s: String) { print(VisibleText.escaped(s, keepLayout: true)) }

  /// A customer summary in the `krav customers` JSON shape.
  static func customerJSON(_ s: CustomerSummary) -> [String: Any] {
    [
      "id": s.id, "name": s.name, "kind": s.kind.rawValue, "overdue": s.overdue.jsonString,
      "outstanding": s.outstanding.jsonString, "oldest_due": s.oldestDue?.iso ?? NSNull(),
      "step": s.step.rawValue, "open_claims": s.openClaims, "disputed": s.isDisputed,
      "on_hold": s.isOnHold,
      "partly_disputed": s.partlyDisputed.isPositive ? s.partlyDisputed.jsonString : NSNull(),
    ]
  }

  /// An event in JSON, as `show` and write commands print it.
  static func eventJSON(_ e: Event) -> [String: Any] {
    var o: [String: Any] = [
      "id": e.id, "seq": e.seq, "at": e.at, "by": e.by, "type": e.type.rawValue,
    ]
    let strings: [(String, String?)] = [
      ("customer", e.customer), ("invoice", e.invoice), ("name", e.name), ("kind", e.kind),
      ("orgnr", e.orgnr), ("email", e.email), ("phone", e.phone), ("address", e.address),
      ("kid", e.kid), ("text", e.text), ("outcome", e.outcome), ("step", e.step), ("from", e.from),
      ("channel", e.channel), ("reason", e.reason), ("ref", e.ref),
      ("issued", e.issued?.iso), ("due", e.due?.iso), ("date", e.date?.iso),
      ("until", e.until?.iso),
    ]
    for (k, v) in strings { if let v { o[k] = v } }
    if let b = e.birthNumber { o["birth_number"] = BirthNumber.masked(b) }
    if let a = e.amount { o["amount"] = Money(ore: a).jsonString }
    // A correction of customer details keeps what each field was (issue 20).
    for f in Event.customerFields where f != "birth_number" {
      if let old = e.oldValue(f) { o["old_" + f] = old }
    }
    // The consent to notices by e-mail ("" when withdrawn).
    if let consent = e.emailConsent { o["email_consent"] = consent }
    PlanOutput.addPlanFields(e, to: &o)
    addBankFields(e, to: &o)
    return o
  }

  /// The bank keys of an imported payment or reversal (Event+Bank.swift), when present.
  static func addBankFields(_ e: Event, to o: inout [String: Any]) {
    let strings: [(String, String?)] = [
      ("account", e.bankAccount), ("booked", e.bookedOn?.iso), ("end_to_end", e.endToEndId),
      ("bank_ref", e.bankReference), ("original_amount", e.originalAmount),
      ("original_currency", e.originalCurrency), ("paid_on", e.paidOn?.iso),
    ]
    for (k, v) in strings { if let v { o[k] = v } }
    if e.anyAccount { o["any_account"] = true }
  }
}
