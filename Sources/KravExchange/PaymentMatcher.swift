import KravCore

/// How a payment found its claim (the rules are tried in this order).
public enum MatchRule: String, Sendable {
  /// The KID names a claim (the structured reference, else a number in the free text).
  case kid
  /// An invoice number appears in the payer's free text.
  case invoiceInText = "invoice-in-text"
  /// The payer is a known customer (by name or customer id in the text) and the amount equals
  /// what one of their claims owes (or its principal) exactly.
  case customerAmount = "customer-amount"
  /// Nothing matched: kept as an unmatched payment for the collector to assign.
  case unmatched
  /// The collector said where it goes (`krav pay`, the payment form).
  case manual
}

/// Where a payment goes.
public struct PaymentMatch: Hashable, Sendable {
  public var rule: MatchRule
  /// The claim, when one claim was found.
  public var invoice: String?
  /// The customer, when the payment is to be spread over their claims.
  public var customer: String?

  public init(rule: MatchRule, invoice: String? = nil, customer: String? = nil) {
    self.rule = rule
    self.invoice = invoice
    self.customer = customer
  }
}

/// The order in which a payment naming only a customer is spread over their claims.
///
/// Within a claim the order is always costs, then interest, then principal (domain-norway.md
/// §6; `Claim.balance`). Across claims Krav's default is the oldest claim first.
public enum AllocationOrder: String, Sendable, CaseIterable {
  case oldestFirst = "oldest-first"
  case newestFirst = "newest-first"
}

/// Matches bank payments to claims and turns them into events.
public struct PaymentMatcher {
  public private(set) var ledger: Ledger
  public var order: AllocationOrder
  /// Customer positions by lower-cased name, for the customer-and-amount rule.
  private let byName: [String: [Int]]

  public init(ledger: Ledger, order: AllocationOrder = .oldestFirst) {
    self.ledger = ledger
    self.order = order
    var names: [String: [Int]] = [:]
    for (i, c) in ledger.customers.values.enumerated() {
      names[PaymentMatcher.normalized(c.name), default: []].append(i)
    }
    byName = names
  }

  /// Folds drafts into the matcher's ledger, so the next payment of the same file sees them.
  public mutating func apply(_ drafts: [Event]) {
    for e in drafts { ledger.apply(e, ref: EventRef(journal: 0, offset: 0)) }
  }

  static func normalized(_ name: String) -> String {
    name.lowercased().split(whereSeparator: { $0 == " " || $0 == "," || $0 == "." }).joined(
      separator: " ")
  }

  /// Tries KID, then an invoice number in the free text, then customer and exact amount.
  public func match(_ p: BankPayment) -> PaymentMatch {
    if let kid = p.kid, let c = ledger.claimPosition(kid: kid) {
      return PaymentMatch(rule: .kid, invoice: ledger.claims.values[c].invoice)
    }
    let words = PaymentMatcher.words(in: [p.text, p.kid].compactMap { $0 }.joined(separator: " "))
    // A KID typed into the free text (no structured reference): still a match by KID.
    for w in words where w.count >= 2 && w.allSatisfy({ $0.isASCII && $0.isNumber }) {
      if let c = ledger.claimPosition(kid: w) {
        return PaymentMatch(rule: .kid, invoice: ledger.claims.values[c].invoice)
      }
    }
    // Other structured references (Finnish, Swiss, referred invoice numbers) count as text for
    // the invoice number, never as KIDs.
    let refWords = PaymentMatcher.words(in: p.references.joined(separator: " "))
    var invoices: [String] = []
    for w in words + refWords where ledger.claims.contains(w) && !invoices.contains(w) {
      invoices.append(w)
    }
    if !invoices.isEmpty {
      let owners = Set(invoices.compactMap { ledger.claims[$0]?.customer })
      if invoices.count == 1 {
        return PaymentMatch(rule: .invoiceInText, invoice: invoices[0])
      }
      if owners.count == 1 {
        return PaymentMatch(rule: .invoiceInText, customer: owners.first)
      }
    }
    var candidates: [Int] = []
    if let payer = p.payer { candidates += byName[PaymentMatcher.normalized(payer)] ?? [] }
    for w in words {
      if let i = ledger.customers.position(of: w), !candidates.contains(i) { candidates.append(i) }
    }
    for i in candidates {
      let claims = ledger.claimPositions(ofCustomerAt: i)
        .map { ledger.claims.values[$0] }
        .filter { $0.closed == nil }
        .sorted { ($0.due, $0.invoice) < ($1.due, $1.invoice) }
      if let c = claims.first(where: {
        $0.balance(asOf: p.day).outstanding == p.amount || $0.principal - $0.paid == p.amount
      }) {
        return PaymentMatch(rule: .customerAmount, invoice: c.invoice)
      }
    }
    return PaymentMatch(rule: .unmatched)
  }

  /// Words of a text that could be invoice numbers or customer ids: split at spaces and
  /// punctuation other than `-` and `/`, with `#`, `nr`/`no` prefixes dropped.
  static func words(in text: String) -> [String] {
    text.split(whereSeparator: { !($0.isLetter || $0.isNumber || $0 == "-" || $0 == "/") })
      .map { String($0).trimmingCharacters(in: "-") }
      .filter { !$0.isEmpty }
  }

  /// The drafts for one payment: a `payment-registered` on the claim; for a customer, one
  /// payment on account that the fold spreads oldest claim first (`Ledger.placeOnAccount`), or,
  /// newest first, one part per claim (first part keeps the payment's id, the others `#2`,
  /// `#3`…); or without a claim (unmatched); a reversal becomes `payment-reversed`.
  public func drafts(for p: BankPayment, match m: PaymentMatch) -> [Event] {
    func draft(_ type: EventType, id: String, amount: Money) -> Event {
      var e = Event(id: id, seq: 0, at: "", by: "", type: type)
      e.amount = amount.ore
      e.date = p.day
      e.kid = p.kid
      e.name = p.payer
      e.text = PaymentMatcher.eventText(p)
      e.channel = p.source
      e.reason = m.rule == .unmatched ? nil : m.rule.rawValue
      PaymentMatcher.addBankFields(p, to: &e)
      return e
    }
    if p.isReversal {
      var e = draft(.paymentReversed, id: p.id, amount: p.amount)
      e.invoice = m.invoice
      if m.invoice == nil { e.customer = nil }
      return [e]
    }
    if let inv = m.invoice {
      var e = draft(.paymentRegistered, id: p.id, amount: p.amount)
      e.invoice = inv
      return [e]
    }
    guard let cid = m.customer else {
      return [draft(.paymentRegistered, id: p.id, amount: p.amount)]
    }
    if order == .oldestFirst {
      // One payment on account: the fold places it on the oldest claims as they stood on its
      // value date, and places it again if an earlier-dated payment is registered later, so
      // the ledger does not depend on the order payments were registered in.
      var e = draft(.paymentRegistered, id: p.id, amount: p.amount)
      e.customer = cid
      return [e]
    }
    // Newest first is the collector's explicit choice, fixed per claim when registered.
    let parts = allocate(p.amount, customer: cid, on: p.day)
    return parts.enumerated().map { k, part in
      var e = draft(.paymentRegistered, id: k == 0 ? p.id : "\(p.id)#\(k + 1)", amount: part.1)
      e.invoice = part.0
      if part.0 == nil { e.customer = cid }
      return e
    }
  }

  /// The event's `text`: the payer's free text, then any other structured references
  /// (`ref 00000006450830029863`), so the collector sees them in the unmatched list.
  static func eventText(_ p: BankPayment) -> String? {
    let parts = [p.text].compactMap { $0 } + p.references.map { "ref " + $0 }
    return parts.isEmpty ? nil : parts.joined(separator: " ")
  }

  /// The bank file's own fields on an event (Event+Bank.swift): account, booking day,
  /// end-to-end id, bank reference, and the original amount of a payment in another currency.
  static func addBankFields(_ p: BankPayment, to e: inout Event) {
    e.bankAccount = p.account
    if p.bookingDay != p.day { e.bookedOn = p.bookingDay }
    e.endToEndId = p.endToEndId
    e.bankReference = p.bankReference
    if let o = p.original {
      e.originalAmount = Money(ore: o.minor).jsonString
      e.originalCurrency = o.currency
    }
  }

  /// Spreads `amount` over a customer's open claims in `order`: each gets what it owes on
  /// `day` (costs, interest, principal); anything left over stays on the last claim as the
  /// customer's credit. A customer without claims gets one part without an invoice.
  public func allocate(_ amount: Money, customer: String, on day: Day) -> [(String?, Money)] {
    guard let i = ledger.customers.position(of: customer) else { return [(nil, amount)] }
    let all = ledger.claimPositions(ofCustomerAt: i).map { ledger.claims.values[$0] }
    var open = all.filter { $0.closed == nil }.sorted {
      ($0.due, $0.invoice) < ($1.due, $1.invoice)
    }
    if order == .newestFirst { open.reverse() }
    var left = amount
    var parts: [(String?, Money)] = []
    for c in open where left.isPositive {
      let owed = c.balance(asOf: day, table: ledger.rateTable).outstanding
      guard owed.isPositive else { continue }
      let part = min(owed, left)
      parts.append((c.invoice, part))
      left -= part
    }
    if left.isPositive {
      guard let last = open.last ?? all.last else { return [(nil, amount)] }
      if let k = parts.firstIndex(where: { $0.0 == last.invoice }) {
        parts[k].1 += left
      } else {
        parts.append((last.invoice, left))
      }
    }
    return parts
  }
}

/// Placing an unmatched payment by hand (`krav payments assign`, the unmatched payments view).
public enum PaymentAssignment {
  /// The `payment-assigned` draft for an unmatched payment; for a negative one (a reversal
  /// that found no payment) a `payment-reversed` that takes the amount back from the claim,
  /// or from the customer's claim holding such a payment, naming the entry in `ref`.
  public static func draft(_ p: UnmatchedPayment, invoice: String?, customer: String?) -> Event {
    let isReversal = !p.amount.isPositive
    var e = Event.draft(
      isReversal ? .paymentReversed : .paymentAssigned, customer: customer, invoice: invoice)
    e.ref = p.eventId
    e.amount = isReversal ? -p.amount.ore : p.amount.ore
    e.date = p.day
    if isReversal { e.reason = "manual" }
    return e
  }
}
