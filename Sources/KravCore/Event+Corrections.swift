/// Corrections (issue 20): the old values a `customer-updated` replaced.
extension Event {
  /// The fields `krav customer edit` can change, by their JSON key.
  public static let customerFields = [
    "name", "kind", "address", "phone", "email", "orgnr", "birth_number",
  ]

  /// On `customer-updated`: the value `field` had before (`""` when it had none), kept in
  /// `extra` as `old_<field>` so the timeline can say "from … to …".
  public func oldValue(_ field: String) -> String? {
    extra["old_" + field].flatMap(PlanJSON.string)
  }

  public mutating func setOldValue(_ field: String, _ value: String?) {
    extra["old_" + field] = value.map(PlanJSON.quote)
  }
}
