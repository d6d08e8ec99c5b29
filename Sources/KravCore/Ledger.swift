/// The state of a store: a fold of its events, and nothing else.
///
/// Invariant: a `Ledger` built by folding a journal's events in merge order equals one built by
/// folding the same events in chunks (`apply` is the only way in, see Ledger+Fold.swift). It
/// holds customers and claims and, for timelines, only where each event lives (`EventRef`), so
/// it grows with customers and claims, not with the length of the history.
///
/// Customers and claims live in `KeyedTable`s and refer to each other by position, so the hot
/// paths (folding, the queue, the customer list) hash a string at most once per event or claim.
public struct Ledger: Sendable {
  /// Customers by id, in the order they were added.
  public internal(set) var customers = KeyedTable<Customer>()
  /// Claims by invoice number, in the order they were added.
  public internal(set) var claims = KeyedTable<Claim>()
  /// Claim positions by KID, to match payments that carry only a KID.
  var kidIndex = PositionIndex()
  /// Position in `customers` of each claim's owner, aligned with `claims.values`.
  public internal(set) var claimOwner: [Int32] = []
  /// Positions in `claims` of each customer's claims, aligned with `customers.values`.
  public internal(set) var customerClaims: [[Int32]] = []
  /// Where every customer's events live, as one chain for all customers: entry `i` is an
  /// event's ref and `timelinePrevious[i]` the same customer's entry before it (-1 = none).
  /// One shared pair of arrays instead of an array per customer: folding a million events then
  /// appends to two arrays instead of growing a hundred thousand small ones.
  public internal(set) var timelineRefs: [EventRef] = []
  public internal(set) var timelinePrevious: [Int32] = []
  /// Events folded so far.
  public internal(set) var eventCount: Int = 0
  /// Events that could not be applied (unknown customer or claim, lost race), with the reason.
  public internal(set) var rejected: [RejectedEvent] = []
  /// Payments that matched no claim; kept so nothing is silently dropped.
  public internal(set) var unmatchedPayments: [String] = []

  /// An empty ledger.
  public init() {}

  /// A ledger restored from its parts (a snapshot), in the order they were first folded.
  ///
  /// `claimOwner`, when given, is each claim's owner's position in `customers` (it must match
  /// the claims' `customer` ids; a snapshot stores it so that restoring needs no id lookups).
  public init(
    customers: [Customer], claims: [Claim], eventCount: Int, rejected: [RejectedEvent],
    unmatchedPayments: [String], timelineRefs: [EventRef], timelinePrevious: [Int32],
    claimOwner: [Int32]? = nil
  ) {
    precondition(claimOwner.map { $0.count == claims.count } ?? true, "one owner per claim")
    self.customers.reserveCapacity(customers.count)
    for c in customers { self.customers.append(c) }
    customerClaims = Array(repeating: [], count: customers.count)
    self.claims.reserveCapacity(claims.count)
    self.claimOwner.reserveCapacity(claims.count)
    kidIndex.reserveCapacity(claims.count)
    for (i, c) in claims.enumerated() {
      let owner = claimOwner.map { Int($0[i]) } ?? self.customers.position(of: c.customer) ?? 0
      customerClaims[owner].append(Int32(i))
      self.claimOwner.append(Int32(owner))
      self.claims.append(c)
      if c.kid != nil { indexKid(ofClaimAt: i) }
    }
    self.eventCount = eventCount
    self.rejected = rejected
    self.unmatchedPayments = unmatchedPayments
    self.timelineRefs = timelineRefs
    self.timelinePrevious = timelinePrevious
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

  /// The customer an event concerns: its `customer` field, else the owner of its claim.
  public func customerId(of e: Event) -> String? {
    if let c = e.customer { return c }
    return claimPosition(of: e).map { customers.values[Int(claimOwner[$0])].id }
  }

  /// The claim an event names by invoice number or KID.
  func claimPosition(of e: Event) -> Int? {
    if let inv = e.invoice { return claims.position(of: inv) }
    if let kid = e.kid { return claimPosition(kid: kid) }
    return nil
  }

  /// The claim with a KID (the newest, should two claims share one).
  public func claimPosition(kid: String) -> Int? {
    claims.values.withUnsafeBufferPointer { v in kidIndex.find(kid) { v[$0].kid } }
  }

  /// Indexes the KID of the claim at position `i`.
  mutating func indexKid(ofClaimAt i: Int) {
    guard let kid = claims.values[i].kid else { return }
    claims.values.withUnsafeBufferPointer { v in
      kidIndex.set(kid, position: i) { v[$0].kid }
    }
  }

  /// The customer an event concerns, by position: its `customer`, else its claim's owner.
  func customerPosition(of e: Event) -> Int? {
    if let c = e.customer { return customers.position(of: c) }
    return claimPosition(of: e).map { Int(claimOwner[$0]) }
  }

  /// A customer's claims with their positions, in the order they were added.
  public func claimPositions(ofCustomerAt i: Int) -> [Int] { customerClaims[i].map(Int.init) }
}

extension Ledger: Equatable {
  /// Equal when the folded facts are; indexes are derived from them and not compared.
  public static func == (a: Ledger, b: Ledger) -> Bool {
    a.customers == b.customers && a.claims == b.claims && a.claimOwner == b.claimOwner
      && a.customerClaims == b.customerClaims && a.timelineRefs == b.timelineRefs
      && a.timelinePrevious == b.timelinePrevious && a.eventCount == b.eventCount
      && a.rejected == b.rejected && a.unmatchedPayments == b.unmatchedPayments
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
