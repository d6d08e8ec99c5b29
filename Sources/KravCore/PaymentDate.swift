/// The one rule on a payment's value date that every door applies (issue 15 point 2): money
/// cannot have arrived after today. A payment dated ahead would be allocated, and earn or stop
/// interest, on a day that has not happened; the collector most likely mistyped the year.
public enum PaymentDate {
  /// Why `day` cannot be a payment's value date on `today`, in English for CLI errors and
  /// file messages; nil when it can.
  public static func problem(_ day: Day, today: Day) -> String? {
    guard day > today else { return nil }
    return "payment date \(day.iso) is after today (\(today.iso)); a payment cannot be "
      + "registered before it has been made"
  }
}
