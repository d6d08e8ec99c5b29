extension Ledger {
  /// A step letter written again because it did not leave by the day written on it (issue
  /// 19): the same step for the same claims, dated `today` with a new 14-day deadline and the
  /// amounts as they stand today. No fee: it was charged with the letter replaced. Nil when
  /// none of its claims still waits for that letter (paid, closed, or moved on meanwhile).
  ///
  /// Its events (`LetterDraft.events`) move each claim from the step to the same step, so
  /// the fold's precondition holds and the step's day becomes the new letter's.
  public func reissue(
    _ d: Outbox.Document, today: Day, isTaken: (String) -> Bool = { _ in false }
  ) -> LetterDraft? {
    guard let step = d.step, let owner = customers.position(of: d.customer) else { return nil }
    let customer = customers.values[owner]
    let positions = d.invoices.compactMap { claims.position(of: $0) }.filter {
      let c = claims.values[$0]
      return c.step == step && c.closed == nil && c.awaitingDispatch
    }
    guard !positions.isEmpty else { return nil }
    let channel = d.requested ?? .letter
    let address = (channel == .email ? customer.email : customer.address) ?? ""
    let base = "\(today.iso)-\(step.rawValue)-\(LetterFiles.safe(customer.id))"
    var id = base
    var n = 2
    while isTaken(id) {
      id = "\(base)-\(n)"
      n += 1
    }
    var draft = letter(
      id: id, customer: customer, step: step, claims: positions, today: today, channel: channel,
      address: address, curve: InterestCurve(table: rateTable, through: today))
    for i in draft.lines.indices {
      draft.lines[i].fromStep = step
      draft.lines[i].fee = .zero
      draft.lines[i].compensation = .zero
      draft.lines[i].feeRefusal = nil
    }
    draft.reissueOf = d.id
    draft.sources = timeline(of: customer.id)
    return draft
  }
}
