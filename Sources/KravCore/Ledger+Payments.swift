/// Payments that matched nothing, their assignment by hand, reversals and claim updates
/// (issue 7: bank files and accounting imports). Event fields: see Event.swift.

/// A payment the fold could not place on any claim: kept, shown and assigned by hand.
public struct UnmatchedPayment: Hashable, Sendable {
  /// Id of the `payment-registered` event.
  public var eventId: String
  public var amount: Money
  /// The payment (booking, settlement) day.
  public var day: Day
  /// The KID the bank reported, if any.
  public var kid: String?
  /// The payer's name, if the bank reported one.
  public var payer: String?
  /// Free text from the payer or the bank.
  public var text: String?

  public init(
    eventId: String, amount: Money, day: Day, kid: String? = nil, payer: String? = nil,
    text: String? = nil
  ) {
    self.eventId = eventId
    self.amount = amount
    self.day = day
    self.kid = kid
    self.payer = payer
    self.text = text
  }

  init(_ e: Event, amount: Money, day: Day) {
    self.init(eventId: e.id, amount: amount, day: day, kid: e.kid, payer: e.name, text: e.text)
  }
}

extension Ledger {
  /// The unmatched payment with this event id.
  public func unmatchedPayment(id: String) -> UnmatchedPayment? {
    unmatchedPayments.first { $0.eventId == id }
  }

  /// What a customer has paid beyond what their claims owe on `day`: the credit kept for them
  /// (an overpayment stays on the claim it was paid to, see `registerPayment`).
  public func credit(ofCustomer id: String, asOf day: Day, table: RateTable = .norway) -> Money {
    guard let i = customers.position(of: id) else { return .zero }
    return claimPositions(ofCustomerAt: i).reduce(Money.zero) {
      $0 + claims.values[$1].balance(asOf: day, table: table).overpaid
    }
  }

  /// Whether a payment assigned to `invoice` or `customer` would land on a claim.
  public func canReceivePayment(invoice: String?, customer: String?) -> Bool {
    if let inv = invoice { return claims.contains(inv) }
    guard let cid = customer, let i = customers.position(of: cid) else { return false }
    return customerLastClaim[i] >= 0
  }

  /// `payment-assigned`: the unmatched payment `ref` goes to the invoice or customer named.
  /// A second assignment of the same payment (two collectors at once) is rejected, so the
  /// money is never counted twice.
  ///
  /// The assignment carries the payment's amount and day, so it can also be folded before the
  /// payment itself (another writer's journal, an earlier clock): the payment is then placed
  /// now and skipped when it arrives.
  mutating func assignPayment(_ e: Event, ref: EventRef) {
    guard let id = e.ref, !assignedPayments.contains(id) else {
      return reject(e, "payment is not unmatched")
    }
    guard canReceivePayment(invoice: e.invoice, customer: e.invoice == nil ? e.customer : nil)
    else { return reject(e, "assignment names no claim") }
    var placed = e
    if let i = unmatchedPayments.firstIndex(where: { $0.eventId == id }) {
      let p = unmatchedPayments.remove(at: i)
      placed.amount = p.amount.ore
      placed.date = p.day
    }
    guard let amount = placed.amount, amount > 0 else { return reject(e, "missing amount") }
    if e.invoice != nil { placed.customer = nil }
    placed.kid = nil
    assignedPayments.insert(id)
    registerPayment(&placed, ref: ref)
  }

  /// `payment-reversed`: the bank took a payment back (or the collector placed such a
  /// reversal by hand).
  ///
  /// On a claim (named by invoice or KID; when only the customer is named, the customer's claim
  /// with the newest payment of that amount) it cancels the payment of the same amount paid on
  /// `paid_on` (Event+Bank.swift) when the event gives that day, else the newest payment of the
  /// same amount, so the claim's balance is what it was before. A reversal naming no claim
  /// cancels the unmatched payment `ref` names, else the newest unmatched one with the same KID
  /// and amount paid by its day. A reversal that finds nothing is kept in the unmatched list as
  /// a negative amount (and as a rejected event), for the collector to look into, as is one
  /// whose `reason` is `not-found` (the import found no payment it reverses); a negative
  /// entry `ref` names leaves the list when the reversal it stands for is placed on a claim.
  mutating func reversePayment(_ e: Event, ref: EventRef) {
    guard let amount = e.amount, amount > 0 else { return reject(e, "missing amount") }
    let money = Money(ore: amount)
    if e.reason == "not-found" {
      // The import looked for the payment and found none: shown to the collector as it is.
      if let c = claimPosition(of: e) { link(ref, toCustomerAt: Int(claimOwner[c])) }
      return keepUnmatchedReversal(e, money)
    }
    if e.reason == "correction" || e.reason == "refunded" {
      return correctPayment(e, money, ref: ref)
    }
    if reverseOnAccount(e, money, ref: ref) { return }
    if let c = claimPosition(of: e) ?? customerClaimPaid(money, customer: e.customer) {
      link(ref, toCustomerAt: Int(claimOwner[c]))
      guard cancelClaimPayment(atClaim: c, money, paidOn: e.paidOn) else {
        return keepUnmatchedReversal(e, money)
      }
      if let id = e.ref,
        let u = unmatchedPayments.firstIndex(where: {
          $0.eventId == id && !$0.amount.isPositive
        })
      {
        unmatchedPayments.remove(at: u)
      }
      return
    }
    if let id = e.ref, let k = unmatchedPayments.firstIndex(where: { $0.eventId == id }) {
      unmatchedPayments.remove(at: k)
      return
    }
    if let k = unmatchedPayments.lastIndex(where: {
      $0.kid == e.kid && $0.amount == money && $0.day <= (e.date ?? $0.day)
    }) {
      unmatchedPayments.remove(at: k)
      return
    }
    keepUnmatchedReversal(e, money)
  }

  /// Removes the payment of `money` paid on `paidOn` (else the newest of that amount) from the
  /// claim at `c`; false when it has none.
  private mutating func cancelClaimPayment(atClaim c: Int, _ money: Money, paidOn: Day?) -> Bool {
    let payments = claims.values[c].payments
    guard
      let k = payments.lastIndex(where: { $0.amount == money && $0.day == paidOn })
        ?? payments.lastIndex(where: { $0.amount == money })
    else { return false }
    claims.update(at: c) { _ = $0.payments.remove(at: k) }
    return true
  }

  /// A collector's correction (`krav payment reverse`): the payment is taken off the claims as
  /// a bank reversal would, and with reason `correction` its money goes back to the unmatched
  /// list (under this event's id, paid on the payment's day) to be placed again; `refunded`
  /// money was paid back and leaves. A correction that finds no such payment changes nothing
  /// and is rejected (the command checks first; a hand-written line could still miss).
  private mutating func correctPayment(_ e: Event, _ money: Money, ref: EventRef) {
    var found = false
    if reverseOnAccount(e, money, ref: ref) {
      found = true
    } else if let c = claimPosition(of: e) {
      link(ref, toCustomerAt: Int(claimOwner[c]))
      found = cancelClaimPayment(atClaim: c, money, paidOn: e.paidOn)
    } else if let owner = customerPosition(of: e) {
      link(ref, toCustomerAt: owner)
    }
    guard found else { return reject(e, "no such payment to correct") }
    if e.reason == "correction" {
      let day = e.paidOn ?? e.date ?? Ledger.day(of: e) ?? Day(ordinal: 0)
      unmatchedPayments.append(
        UnmatchedPayment(eventId: e.id, amount: money, day: day, text: e.text))
    }
  }

  /// A reversal of a payment on account (it names the customer, no invoice): the money on
  /// account of the payment's day loses `money`, and what the customer paid on account from
  /// that day on is placed again without it (`placeOnAccount`), so the claims stand as if the
  /// payment had never come. False when there is not that much on account on that day.
  private mutating func reverseOnAccount(_ e: Event, _ money: Money, ref: EventRef) -> Bool {
    guard e.invoice == nil, let cid = e.customer, let owner = customers.position(of: cid),
      let day = e.paidOn ?? e.date
    else { return false }
    var taken = takeOnAccount(ofCustomerAt: owner, from: day)
    guard let sum = taken[day], sum >= money else {
      placeOnAccount(taken, ofCustomerAt: owner)
      return false
    }
    taken[day] = sum == money ? nil : sum - money
    placeOnAccount(taken, ofCustomerAt: owner)
    link(ref, toCustomerAt: owner)
    return true
  }

  /// The position of the customer's claim with the newest payment of `amount` (a reversal
  /// placed on a customer rather than an invoice).
  private func customerClaimPaid(_ amount: Money, customer: String?) -> Int? {
    guard let cid = customer, let i = customers.position(of: cid) else { return nil }
    var best: (Day, Int)? = nil
    for c in claimPositions(ofCustomerAt: i) {
      for p in claims.values[c].payments where p.amount == amount {
        if best.map({ p.day >= $0.0 }) ?? true { best = (p.day, c) }
      }
    }
    return best?.1
  }

  /// A reversal that found no payment: a negative unmatched entry and a rejected event.
  private mutating func keepUnmatchedReversal(_ e: Event, _ money: Money) {
    let day = e.date ?? Ledger.day(atPacked: e.atPacked, atText: e.atText) ?? Day(ordinal: 0)
    unmatchedPayments.append(UnmatchedPayment(e, amount: -money, day: day))
    reject(e, "reversal matches no payment")
  }

  /// `claim-updated`: new principal, dates or KID for a claim (an accounting re-import).
  mutating func updateClaim(_ e: Event, ref: EventRef) {
    guard let c = claimPosition(of: e) else { return reject(e, "unknown invoice") }
    link(ref, toCustomerAt: Int(claimOwner[c]))
    claims.update(at: c) { claim in
      if let a = e.amount, a > 0 { claim.principal = Money(ore: a) }
      if let d = e.issued { claim.issued = d }
      if let d = e.due { claim.due = d }
    }
    if let k = e.kid, claims.values[c].kid != k {
      claims.update(at: c) { $0.kid = k }
      indexKid(ofClaimAt: c)
    }
  }
}
