import KravCore

/// How a reversal found the payment it takes back (the rules are tried in this order).
public enum ReversalRule: String, Sendable {
  /// The same end-to-end id (camt.054 `Refs/EndToEndId`).
  case endToEnd = "end-to-end"
  /// The same bank reference (camt.054 `AcctSvcrRef`): the payment's `bank_ref`, or its id.
  case bankReference = "bank-ref"
  /// The same KID or creditor reference (or a payment on the claim it names) and amount,
  /// paid on or before the reversal's day (the newest such payment).
  case reference

  /// `reason` of a reversal that found no payment: the fold keeps it as a negative unmatched
  /// payment without looking further.
  public static let notFound = "not-found"
}

/// Where the payments a reversal may take back are looked up.
///
/// The ledger keeps balances, not the bank's references, so the events are read: first those
/// of the customer the reversal's reference (or text, or payer) points to, then, only when
/// that finds nothing, every payment in the store.
public struct PaymentHistory {
  /// The payment events (`payment-registered`, `payment-assigned`, `payment-reversed`) on a
  /// customer's timeline.
  public var ofCustomer: (String) -> [Event]
  /// The payment events in the store that pass the filter (asked at most once per import;
  /// the filter keeps only what the file's reversals could name, so a large store's payments
  /// are not all held).
  public var all: ((Event) -> Bool) -> [Event]

  /// A history from the two look-ups.
  public init(
    ofCustomer: @escaping (String) -> [Event], all: @escaping ((Event) -> Bool) -> [Event]
  ) {
    self.ofCustomer = ofCustomer
    self.all = all
  }

  /// No history (a store without payments, or tests that need none).
  public static var none: PaymentHistory {
    PaymentHistory(ofCustomer: { _ in [] }, all: { _ in [] })
  }
}

/// A payment as the journal holds it, with its parts (a customer payment spread over claims
/// is written as `ID`, `ID#2`, …), as a reversal sees it.
struct PaidOriginal {
  var id: String
  var parts: [Event]
  var amount: Int64
  var day: Day
  var kid: String?
  /// The claim of its (first) part.
  var invoice: String?
  var endToEndId: String?
  var bankReference: String?
  /// The collector's `payment-assigned`, when the payment was unmatched and placed by hand.
  var assignment: Event?
}

extension PaymentMatcher {
  /// The drafts for a reversal: one `payment-reversed` per part of the payment it takes back
  /// (naming the part's claim, `ref` = the part's id, `paid_on` = its day), found by
  /// `ReversalRule`; or, when no payment is found, one naming nothing, which the fold keeps in
  /// the unmatched list as a negative amount for the collector.
  func reversalDrafts(
    for r: BankPayment, candidates: [Event], unmatched: [UnmatchedPayment]
  ) -> (drafts: [Event], rule: ReversalRule?) {
    var base = Event(id: r.id, seq: 0, at: "", by: "", type: .paymentReversed)
    base.amount = r.amount.ore
    base.date = r.day
    base.kid = r.kid
    base.name = r.payer
    base.text = PaymentMatcher.eventText(r)
    base.channel = r.source
    PaymentMatcher.addBankFields(r, to: &base)
    let invoice = r.kid.flatMap { ledger.claimPosition(kid: $0) }.map {
      ledger.claims.values[$0].invoice
    }
    guard
      let (original, rule) = PaymentMatcher.findOriginal(r, candidates, unmatched, invoice: invoice)
    else {
      base.reason = ReversalRule.notFound
      return ([base], nil)
    }
    base.reason = rule.rawValue
    if let a = original.assignment {
      var e = base
      e.ref = original.id
      e.invoice = a.invoice
      e.customer = a.invoice == nil ? a.customer : nil
      e.paidOn = original.day
      return ([e], rule)
    }
    let drafts = original.parts.enumerated().map { k, part -> Event in
      var e = base
      if k > 0 { e.id = "\(r.id)#\(k + 1)" }
      e.ref = part.id
      e.amount = part.amount
      e.invoice = part.invoice
      e.customer = part.invoice == nil ? part.customer : nil
      e.paidOn = part.date
      return e
    }
    return (drafts, rule)
  }

  /// Whether a payment event could be what one of `reversals` takes back, or bears on it
  /// (every part of a payment carries its end-to-end id, bank reference and KID).
  static func mayConcern(_ e: Event, _ reversals: [BankPayment], invoices: Set<String>) -> Bool {
    if e.type != .paymentRegistered { return true }
    if let inv = e.invoice, invoices.contains(inv) { return true }
    return reversals.contains { r in
      (r.endToEndId != nil && e.endToEndId == r.endToEndId)
        || (r.bankReference.map { e.bankReference == $0 || baseId(e.id) == "bank:camt/ref/" + $0 }
          ?? false)
        || (r.kid != nil && e.kid == r.kid)
    }
  }

  /// The payment `r` takes back, by end-to-end id, bank reference, or reference and amount.
  static func findOriginal(
    _ r: BankPayment, _ candidates: [Event], _ unmatched: [UnmatchedPayment], invoice: String?
  ) -> (PaidOriginal, ReversalRule)? {
    var originals: [String: PaidOriginal] = [:]
    var order: [String] = []
    var reversed: Set<String> = []
    var assigned: [String: Event] = [:]
    for e in candidates {
      switch e.type {
      case .paymentRegistered:
        guard let amount = e.amount, amount > 0, !e.id.isEmpty else { continue }
        let id = baseId(e.id)
        if originals[id] == nil {
          order.append(id)
          originals[id] = PaidOriginal(
            id: id, parts: [], amount: 0, day: e.date ?? Day(ordinal: 0), kid: e.kid,
            invoice: e.invoice, endToEndId: e.endToEndId, bankReference: e.bankReference)
        }
        guard !originals[id]!.parts.contains(where: { $0.id == e.id }) else { continue }
        originals[id]!.parts.append(e)
        originals[id]!.amount += amount
      case .paymentReversed:
        if let ref = e.ref { reversed.insert(baseId(ref)) }
      case .paymentAssigned:
        if let ref = e.ref { assigned[ref] = e }
      default: continue
      }
    }
    for u in unmatched where originals[u.eventId] == nil && u.amount.isPositive {
      order.append(u.eventId)
      var e = Event(id: u.eventId, seq: 0, at: "", by: "", type: .paymentRegistered)
      e.amount = u.amount.ore
      e.date = u.day
      e.kid = u.kid
      originals[u.eventId] = PaidOriginal(
        id: u.eventId, parts: [e], amount: u.amount.ore, day: u.day, kid: u.kid)
    }
    let open = order.compactMap { id -> PaidOriginal? in
      guard !reversed.contains(id), var o = originals[id], o.amount == r.amount.ore else {
        return nil
      }
      o.assignment = assigned[id]
      return o
    }
    if let e2e = r.endToEndId, let o = open.last(where: { $0.endToEndId == e2e }) {
      return (o, .endToEnd)
    }
    if let ref = r.bankReference,
      let o = open.last(where: { $0.bankReference == ref || $0.id == "bank:camt/ref/" + ref })
    {
      return (o, .bankReference)
    }
    if let kid = r.kid {
      let same = open.filter {
        ($0.kid == kid || (invoice != nil && $0.invoice == invoice)) && $0.day <= r.day
      }
      if let newest = same.map(\.day).max(), let o = same.last(where: { $0.day == newest }) {
        return (o, .reference)
      }
    }
    return nil
  }

  /// The payment's id without the `#n` of a part.
  static func baseId(_ id: String) -> String {
    guard let hash = id.lastIndex(of: "#"), id[id.index(after: hash)...].allSatisfy(\.isNumber)
    else { return id }
    return String(id[..<hash])
  }
}
