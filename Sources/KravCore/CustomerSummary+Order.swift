extension CustomerSummary {
  /// The customer list's order: largest overdue amount first, then largest outstanding, then id.
  public static func listOrder(_ a: CustomerSummary, _ b: CustomerSummary) -> Bool {
    if a.overdue != b.overdue { return a.overdue > b.overdue }
    if a.outstanding != b.outstanding { return a.outstanding > b.outstanding }
    return a.id < b.id
  }
}
