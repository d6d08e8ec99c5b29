import Foundation

extension EventType {
  /// A plan was proposed and its document written (Plan.swift, Docs/plans.md).
  public static let planProposed: EventType = "plan-proposed"
  /// The customer's signature was recorded and the plan signed off.
  public static let planSigned: EventType = "plan-signed"
  /// An instalment was missed: the remainder fell due at once and a notice was written.
  public static let planAccelerated: EventType = "plan-accelerated"

  /// The plan event types, folded by `Ledger.applyPlanEvent`.
  public static let planTypes: [EventType] = [.planProposed, .planSigned, .planAccelerated]
}

/// The structured body fields of plan events.
///
/// The line codec's fixed keys are the scalar fields the fold reads for every event; a plan
/// needs lists (its claims and its schedule), so these keys travel in `Event.extra` as their
/// exact JSON text and the store writes them back verbatim, sorted in with the other keys:
/// - `invoices`: `["1001","1002"]` — the claims covered
/// - `instalments`: `[{"amount":125000,"due":"2026-12-07"}, …]` — amounts in øre
/// - `every`: `"month"` | `"fortnight"` | `"week"`
/// - `grace`: `3` — days after a due date before an instalment counts as missed (0–5)
/// - `interest`: `1234` — projected interest included in the total, in øre
/// - `letter`: `"letters/2026/plan-K0001-1.txt"` — the document written before the event
extension Event {
  /// The claims a `plan-proposed` event covers.
  public var planInvoices: [String]? {
    get { extra["invoices"].flatMap(PlanJSON.strings) }
    set { extra["invoices"] = newValue.map(PlanJSON.encode) }
  }

  /// The schedule of a `plan-proposed` event.
  public var planInstalments: [Instalment]? {
    get { extra["instalments"].flatMap(PlanJSON.instalments) }
    set { extra["instalments"] = newValue.map(PlanJSON.encode) }
  }

  /// How often instalments fall due.
  public var planFrequency: PlanFrequency? {
    get { extra["every"].flatMap(PlanJSON.string).flatMap(PlanFrequency.init(rawValue:)) }
    set { extra["every"] = newValue.map { PlanJSON.quote($0.rawValue) } }
  }

  /// Grace days after each due date.
  public var planGraceDays: Int? {
    get { extra["grace"].flatMap { Int($0) } }
    set { extra["grace"] = newValue.map(String.init) }
  }

  /// Projected interest included in the plan's total.
  public var planInterest: Money? {
    get { extra["interest"].flatMap { Int64($0) }.map(Money.init(ore:)) }
    set { extra["interest"] = newValue.map { String($0.ore) } }
  }

  /// The letter written for this event (store-relative path of the .txt).
  public var planLetter: String? {
    get { extra["letter"].flatMap(PlanJSON.string) }
    set { extra["letter"] = newValue.map(PlanJSON.quote) }
  }
}

/// Reads and writes the JSON text of the plan fields (rare events: Foundation's parser is fine).
enum PlanJSON {
  static func parse(_ text: String) -> Any? {
    try? JSONSerialization.jsonObject(with: Data(text.utf8), options: [.fragmentsAllowed])
  }

  static func string(_ text: String) -> String? { parse(text) as? String }

  static func strings(_ text: String) -> [String]? { parse(text) as? [String] }

  static func instalments(_ text: String) -> [Instalment]? {
    guard let rows = parse(text) as? [[String: Any]] else { return nil }
    var result: [Instalment] = []
    for row in rows {
      guard let due = (row["due"] as? String).flatMap(Day.init(parsing:)),
        let amount = (row["amount"] as? NSNumber)?.int64Value, Money.isWithinBound(ore: amount)
      else { return nil }
      result.append(Instalment(due: due, amount: Money(ore: amount)))
    }
    return result
  }

  /// A JSON string literal (quotes, backslashes and control characters escaped).
  static func quote(_ s: String) -> String {
    var out = "\""
    for u in s.unicodeScalars {
      switch u {
      case "\"": out += "\\\""
      case "\\": out += "\\\\"
      case "\n": out += "\\n"
      case "\r": out += "\\r"
      case "\t": out += "\\t"
      case _ where u.value < 0x20:
        let hex = String(u.value, radix: 16)
        out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
      default: out.unicodeScalars.append(u)
      }
    }
    return out + "\""
  }

  static func encode(_ strings: [String]) -> String {
    "[" + strings.map(quote).joined(separator: ",") + "]"
  }

  static func encode(_ instalments: [Instalment]) -> String {
    "["
      + instalments.map { "{\"amount\":\($0.amount.ore),\"due\":\"\($0.due.iso)\"}" }
      .joined(separator: ",") + "]"
  }
}
