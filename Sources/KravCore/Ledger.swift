/// The state of a store: a fold of its events, and nothing else.
///
/// Invariant: a `Ledger` built by folding a journal's events in merge order equals one built by
/// folding the same events in chunks (`apply` is the only way in). It holds customers and claims
/// and, for timelines, only where each event lives (`EventRef`), so it grows with customers.
public struct Ledger: Sendable, Equatable {
  /// Customers by id, in the order they were added.
  public internal(set) var customers = KeyedTable<Customer>()
  /// Claims by invoice number, in the order they were added.
  public internal(set) var claims = KeyedTable<Claim>()
  /// Invoice number by KID, to match payments that carry only a KID.
  public var invoiceByKid: [String: String] = [:]
  /// Where every customer's events live, as one chain for all customers: entry `i` is an
  /// event's ref and `timelinePrevious[i]` the same customer's entry before it (-1 = none).
  /// One shared pair of arrays instead of an array per customer: folding a million events then
  /// appends to two arrays instead of growing a hundred thousand small ones.
  public private(set) var timelineRefs: [EventRef] = []
  public private(set) var timelinePrevious: [Int32] = []
  /// Events folded so far.
  public var eventCount: Int = 0
  /// Events that could not be applied (unknown customer or claim, lost race), with the reason.
  public var rejected: [RejectedEvent] = []
  /// Payments that matched no claim; kept so nothing is silently dropped.
  public var unmatchedPayments: [String] = []

  /// An empty ledger.
  public init() {}

  /// A ledger restored from its parts (a snapshot), in the order they were first folded.
  public init(
    customers: [Customer], claims: [Claim], eventCount: Int, rejected: [RejectedEvent],
    unmatchedPayments: [String]
  ) {
    self.customers.reserveCapacity(customers.count)
    for c in customers { self.customers.insert(c, for: c.id) }
    self.claims.reserveCapacity(claims.count)
    for c in claims {
      self.claims.insert(c, for: c.invoice)
      if let kid = c.kid { invoiceByKid[kid] = c.invoice }
    }
    self.eventCount = eventCount
    self.rejected = rejected
    self.unmatchedPayments = unmatchedPayments
  }

  /// Restores the timeline chain saved with `timelineRefs`/`timelinePrevious`.
  public mutating func restoreTimeline(refs: [EventRef], previous: [Int32]) {
    timelineRefs = refs
    timelinePrevious = previous
  }

  /// A customer's events, oldest first.
  public func timeline(of id: String) -> [EventRef] {
    guard let c = customers.position(of: id) else { return [] }
    var refs: [EventRef] = []
    var i = Int(customers.values[c].lastEvent)
    while i >= 0 {
      refs.append(timelineRefs[i])
      i = Int(timelinePrevious[i])
    }
    return refs.reversed()
  }

  /// Adds an event to a customer's timeline; false when there is no such customer.
  @discardableResult
  mutating func link(_ ref: EventRef, to id: String) -> Bool {
    guard let i = customers.position(of: id) else { return false }
    timelinePrevious.append(customers.values[i].lastEvent)
    let entry = Int32(timelineRefs.count)
    timelineRefs.append(ref)
    customers.update(at: i) { $0.lastEvent = entry }
    return true
  }

  /// Folds one event into the state; `ref` says where the event lives for the timeline.
  public mutating func apply(_ e: Event, ref: EventRef) {
    eventCount += 1
    switch e.type {
    case .customerAdded: addCustomer(e, ref: ref)
    case .customerUpdated: updateCustomer(e, ref: ref)
    case .claimAdded: addClaim(e, ref: ref)
    case .paymentRegistered: registerPayment(e, ref: ref)
    case .callLogged:
      withCustomer(of: e, ref: ref) { c in
        c.callCount += 1
        if let d = e.atDay, c.lastCallOn.map({ d > $0 }) ?? true { c.lastCallOn = d }
      }
    case .promiseMade:
      withCustomer(of: e, ref: ref) { c in
        guard let amount = e.amount, let due = e.date else { return }
        c.promises.append(
          Promise(
            eventId: e.id, madeOn: e.atDay ?? due, amount: Money(ore: amount), due: due,
            invoice: e.invoice))
      }
    case .disputeOpened: openDispute(e, ref: ref)
    case .disputeResolved: resolveDispute(e, ref: ref)
    case .holdSet: setHold(e, ref: ref)
    case .stepTriggered: triggerStep(e, ref: ref)
    case .caseClosed:
      withClaim(of: e, ref: ref) { claim in
        claim.closed = e.reason.flatMap(ClosureReason.init(rawValue:)) ?? .withdrawn
      }
    default:
      // note-added, letter-sent and types this version does not know: timeline only.
      if let id = customerId(of: e) { link(ref, to: id) }
    }
  }

  /// The customer an event concerns: its `customer` field, else the owner of its claim.
  public func customerId(of e: Event) -> String? {
    if let c = e.customer { return c }
    if let inv = e.invoice ?? e.kid.flatMap({ invoiceByKid[$0] }) { return owner(of: inv) }
    return nil
  }

  /// The customer of a claim, read in place (a plain subscript read would copy the claim).
  func owner(of invoice: String) -> String? {
    claims.position(of: invoice).map { claims.values[$0].customer }
  }

  private mutating func reject(_ e: Event, _ why: String) {
    rejected.append(RejectedEvent(eventId: e.id, type: e.type, reason: why))
  }

  private mutating func withCustomer(
    of e: Event, ref: EventRef, _ change: (inout Customer) -> Void
  ) {
    guard let id = customerId(of: e), link(ref, to: id) else {
      return reject(e, "unknown customer")
    }
    customers.update(id, change)
  }

  private mutating func withClaim(of e: Event, ref: EventRef, _ change: (inout Claim) -> Void) {
    guard let inv = e.invoice, let owner = owner(of: inv) else {
      return reject(e, "unknown invoice")
    }
    link(ref, to: owner)
    claims.update(inv, change)
  }

  private mutating func addCustomer(_ e: Event, ref: EventRef) {
    guard let id = e.customer, let name = e.name else { return reject(e, "missing customer/name") }
    guard !customers.contains(id) else { return reject(e, "customer already exists") }
    var c = Customer(
      id: id, name: name, kind: e.kind.flatMap(CustomerKind.init(parsing:)) ?? .consumer)
    c.orgnr = e.orgnr
    c.birthNumber = e.birthNumber
    c.email = e.email
    c.phone = e.phone
    c.address = e.address
    customers.insert(c, for: id)
    link(ref, to: id)
  }

  private mutating func updateCustomer(_ e: Event, ref: EventRef) {
    withCustomer(of: e, ref: ref) { c in
      if let v = e.name { c.name = v }
      if let v = e.kind.flatMap(CustomerKind.init(parsing:)) { c.kind = v }
      if let v = e.orgnr { c.orgnr = v }
      if let v = e.birthNumber { c.birthNumber = v }
      if let v = e.email { c.email = v }
      if let v = e.phone { c.phone = v }
      if let v = e.address { c.address = v }
    }
  }

  private mutating func addClaim(_ e: Event, ref: EventRef) {
    guard let cid = e.customer, customers.contains(cid) else { return reject(e, "unknown customer") }
    guard let inv = e.invoice, let amount = e.amount, let due = e.due else {
      return reject(e, "missing invoice/amount/due")
    }
    guard !claims.contains(inv) else { return reject(e, "invoice already exists") }
    var claim = Claim(
      invoice: inv, customer: cid, principal: Money(ore: amount), issued: e.issued ?? due,
      due: due)
    claim.kid = e.kid
    claim.text = e.text
    claims.insert(claim, for: inv)
    if let kid = e.kid { invoiceByKid[kid] = inv }
    customers.update(cid) { $0.invoices.append(inv) }
    link(ref, to: cid)
  }

  private mutating func registerPayment(_ e: Event, ref: EventRef) {
    guard let amount = e.amount, amount > 0 else { return reject(e, "missing amount") }
    let day = e.date ?? e.atDay ?? Day(ordinal: 0)
    if let inv = e.invoice ?? e.kid.flatMap({ invoiceByKid[$0] }), let owner = owner(of: inv) {
      claims.update(inv) {
        $0.payments.append(ClaimPayment(day: day, amount: Money(ore: amount), eventId: e.id))
      }
      link(ref, to: owner)
      return
    }
    guard let cid = e.customer, let customer = customers[cid] else {
      unmatchedPayments.append(e.id)
      return reject(e, "payment matches no claim")
    }
    link(ref, to: cid)
    // A payment that names only the customer covers the oldest claims first (domain §6).
    var left = Money(ore: amount)
    let open = customer.invoices.compactMap { claims[$0] }.filter { $0.closed == nil }
      .sorted { ($0.due, $0.invoice) < ($1.due, $1.invoice) }
    for claim in open where left.isPositive {
      let owed = claim.balance(asOf: day).outstanding
      guard owed.isPositive else { continue }
      let part = min(owed, left)
      claims.update(claim.invoice) {
        $0.payments.append(ClaimPayment(day: day, amount: part, eventId: e.id))
      }
      left -= part
    }
    if left.isPositive, let last = open.last ?? customer.invoices.last.flatMap({ claims[$0] }) {
      // An overpayment stays on the newest claim, shown as a credit balance.
      claims.update(last.invoice) {
        $0.payments.append(ClaimPayment(day: day, amount: left, eventId: e.id))
      }
    }
  }

  private mutating func openDispute(_ e: Event, ref: EventRef) {
    guard let inv = e.invoice, let claim = claims[inv] else { return reject(e, "unknown invoice") }
    link(ref, to: claim.customer)
    customers.update(claim.customer) { c in
      c.disputes.append(
        Dispute(
          eventId: e.id, invoice: inv, openedOn: e.date ?? e.atDay ?? claim.due,
          amount: e.amount.map(Money.init(ore:)), reason: e.reason ?? "other", text: e.text ?? ""))
    }
  }

  private mutating func resolveDispute(_ e: Event, ref: EventRef) {
    guard let cid = customerId(of: e), link(ref, to: cid) else {
      return reject(e, "unknown customer")
    }
    // The resolution names its objection by id; without one, the open objection on the invoice.
    let match: (Dispute) -> Bool =
      e.ref != nil ? { $0.eventId == e.ref } : { $0.invoice == e.invoice && $0.isOpen }
    guard let i = customers[cid]!.disputes.firstIndex(where: match) else {
      return reject(e, "unknown dispute")
    }
    var d = customers[cid]!.disputes[i]
    guard d.isOpen else { return reject(e, "dispute already resolved") }
    d.outcome = e.outcome ?? "rejected"
    d.resolvedOn = e.date ?? e.atDay
    if d.outcome == "accepted", let credit = e.amount, credit > 0 {
      d.credit = Money(ore: credit)
      claims.update(d.invoice) { $0.credits += Money(ore: credit) }
    }
    customers.update(cid) { $0.disputes[i] = d }
  }

  private mutating func setHold(_ e: Event, ref: EventRef) {
    guard let until = e.until else { return reject(e, "missing until") }
    if let inv = e.invoice {
      withClaim(of: e, ref: ref) { $0.holdUntil = until }
      _ = inv
    } else {
      withCustomer(of: e, ref: ref) { $0.holdUntil = until }
    }
  }

  private mutating func triggerStep(_ e: Event, ref: EventRef) {
    guard let inv = e.invoice, let owner = owner(of: inv) else {
      return reject(e, "unknown invoice")
    }
    link(ref, to: owner)
    guard let to = e.step.flatMap(Step.init(rawValue:)) else { return reject(e, "unknown step") }
    var failed = false
    claims.update(inv) { claim in
      // The event names the step it moves from; if another collector moved the claim first,
      // the precondition fails and the event is kept as a conflict instead of applied twice.
      if let from = e.from.flatMap(Step.init(rawValue:)), from != claim.step {
        claim.conflicts.append(e.id)
        failed = true
        return
      }
      let day = e.date ?? e.atDay ?? claim.due
      claim.step = to
      claim.stepOn = day
      if let fee = e.amount, fee > 0 {
        claim.fees.append(ClaimFee(day: day, amount: Money(ore: fee), step: to))
      }
    }
    if failed { reject(e, "step precondition failed") }
  }

}

/// An event the fold could not apply, kept so the collector can see it.
public struct RejectedEvent: Hashable, Sendable {
  public var eventId: String
  public var type: EventType
  public var reason: String

  public init(eventId: String, type: EventType, reason: String) {
    self.eventId = eventId
    self.type = type
    self.reason = reason
  }
}
