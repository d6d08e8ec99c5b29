/// The structured body fields of payments imported from bank files (issue 22).
///
/// Like the plan fields (Event+Plan.swift) these travel in `Event.extra` as their exact JSON
/// text, so the line codec keeps them without knowing them and the fold reads only `paid_on`:
/// - `account`: `"86011117947"` — the creditor account the file credited (11-digit BBAN, or the
///   IBAN of a foreign account)
/// - `any_account`: `true` — imported with `--any-account` for an account that is not one of
///   the creditor's
/// - `booked`: `"2026-11-27"` — the bank's booking day (`date` is the value day)
/// - `end_to_end`: the payer's end-to-end id (camt.054 `Refs/EndToEndId`)
/// - `bank_ref`: the bank's own reference (camt.054 `AcctSvcrRef`)
/// - `original_amount`, `original_currency`: `"100.00"`, `"EUR"` — the amount in the currency
///   the payer paid, when `amount` is the NOK amount the bank credited for it
/// - `paid_on`: on `payment-reversed`, the value day of the payment it reverses
extension Event {
  /// The creditor account a bank payment was credited to.
  public var bankAccount: String? {
    get { extra["account"].flatMap(PlanJSON.string) }
    set { extra["account"] = newValue.map(PlanJSON.quote) }
  }

  /// Whether the payment was imported with `--any-account` for another account.
  public var anyAccount: Bool {
    get { extra["any_account"] == "true" }
    set { extra["any_account"] = newValue ? "true" : nil }
  }

  /// The bank's booking day (the event's `date` is the value day).
  public var bookedOn: Day? {
    get { extra["booked"].flatMap(PlanJSON.string).flatMap(Day.init(parsing:)) }
    set { extra["booked"] = newValue.map { PlanJSON.quote($0.iso) } }
  }

  /// The payer's end-to-end id.
  public var endToEndId: String? {
    get { extra["end_to_end"].flatMap(PlanJSON.string) }
    set { extra["end_to_end"] = newValue.map(PlanJSON.quote) }
  }

  /// The bank's reference for the payment (camt.054 `AcctSvcrRef`).
  public var bankReference: String? {
    get { extra["bank_ref"].flatMap(PlanJSON.string) }
    set { extra["bank_ref"] = newValue.map(PlanJSON.quote) }
  }

  /// The amount in the payer's currency (`"100.00"`), when `amount` is its NOK counter value.
  public var originalAmount: String? {
    get { extra["original_amount"].flatMap(PlanJSON.string) }
    set { extra["original_amount"] = newValue.map(PlanJSON.quote) }
  }

  /// The payer's currency (`"EUR"`), with `originalAmount`.
  public var originalCurrency: String? {
    get { extra["original_currency"].flatMap(PlanJSON.string) }
    set { extra["original_currency"] = newValue.map(PlanJSON.quote) }
  }

  /// On `payment-reversed`: the value day of the payment reversed.
  public var paidOn: Day? {
    get { extra["paid_on"].flatMap(PlanJSON.string).flatMap(Day.init(parsing:)) }
    set { extra["paid_on"] = newValue.map { PlanJSON.quote($0.iso) } }
  }
}
