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
  package internal(set) var claimOwner: [Int32] = []
  /// Each customer's claims as a chain, like the timeline: `customerLastClaim[c]` is the
  /// position of customer `c`'s newest claim (-1 = none) and `claimPrevious[i]` the same
  /// owner's claim before claim `i`. Two flat arrays instead of an array per customer.
  package internal(set) var customerLastClaim: [Int32] = []
  /// The previous claim of the same owner, aligned with `claims.values` (see above).
  package internal(set) var claimPrevious: [Int32] = []
  /// Where every customer's events live, as one chain for all customers: entry `i` is an
  /// event's ref and `timelinePrevious[i]` the same customer's entry before it (-1 = none).
  /// One shared pair of arrays instead of an array per customer: folding a million events then
  /// appends to two arrays instead of growing a hundred thousand small ones.
  public internal(set) var timelineRefs: [EventRef] = []
  package internal(set) var timelinePrevious: [Int32] = []
  /// Each customer's newest entry in the timeline chain (-1 = none), aligned with
  /// `customers.values`. Kept apart from `Customer` because nearly every event updates it:
  /// 4 bytes a customer stay in cache where a whole customer record would not.
  package internal(set) var customerLastEvent: [Int32] = []
  /// Events folded so far.
  public internal(set) var eventCount: Int = 0
  /// Events that could not be applied (unknown customer or claim, lost race), with the reason.
  public internal(set) var rejected: [RejectedEvent] = []
  /// Payments that matched no claim; kept so nothing is silently dropped.
  public internal(set) var unmatchedPayments: [UnmatchedPayment] = []
  /// Ids of payments placed by a `payment-assigned`, so that the fold gives the same result
  /// whichever of the two it meets first (journals merge by time, and two collectors' clocks
  /// may put an assignment before the bank payment it places).
  public internal(set) var assignedPayments: Set<String> = []
  /// Instalment plans in the order they were proposed (Ledger+Plans.swift).
  public internal(set) var plans: [Plan] = []
  /// Steps, calls, promises and closings with their day and collector, for the reports
  /// (Reports/ReportLog.swift).
  public internal(set) var reportLog = ReportLog()

  /// The creditor's ladder and rate corrections (`ladder-set`, `rate-set`).
  public internal(set) var rules = CollectionRules()

  /// The rates and fees in force for this store: the shipped table with the creditor's rows.
  public var rateTable: RateTable { rules.rateTable }

  /// An empty ledger.
  public init() {}

  /// A ledger restored from its parts (a snapshot), in the order they were first folded.
  ///
  /// `claimOwner`, when given, is each claim's owner's position in `customers`; a snapshot
  /// stores it so that restoring needs no id lookups, and it must name the customer each
  /// claim names (else `OwnerMismatch` is thrown). `indexSlots`, when given, are the
  /// `indexSlots` of the ledger these parts came from: with them the three hash indexes are
  /// taken over instead of rebuilt (a fifth of a snapshot load); slots that do not fit the
  /// parts are ignored and the indexes rebuilt. The two tables are built on two threads when
  /// large, then the rest as in `init(customers:claims:kidSlots:...)`.
  package init(
    customers: consuming [Customer], claims: consuming [Claim], eventCount: Int,
    rejected: [RejectedEvent],
    unmatchedPayments: [UnmatchedPayment], timelineRefs: [EventRef], timelinePrevious: [Int32],
    customerLastEvent: [Int32], claimOwner: [Int32]? = nil, indexSlots: IndexSlots? = nil,
    assignedPayments: Set<String> = [], rules: CollectionRules = CollectionRules(),
    parallelFrom: Int = Ledger.parallelRestoreClaims
  ) throws(OwnerMismatch) {
    precondition(claimOwner.map { $0.count == claims.count } ?? true, "one owner per claim")
    let claims = claims
    let customers = customers
    func customerTable() -> KeyedTable<Customer> {
      Ledger.customerTable(customers, indexSlots: indexSlots?.customers ?? [])
    }
    func claimTable() -> KeyedTable<Claim> {
      Ledger.claimTable(claims, indexSlots: indexSlots?.claims ?? [])
    }
    let table: KeyedTable<Customer>
    let claimsTable: KeyedTable<Claim>
    if claims.count >= parallelFrom {
      (table, claimsTable) = Parallel.both({ customerTable() }, { claimTable() })
    } else {
      (table, claimsTable) = (customerTable(), claimTable())
    }
    let owners = claimOwner ?? claims.map { Int32(table.position(of: $0.customer) ?? 0) }
    try self.init(
      customers: table, claims: claimsTable, kidSlots: indexSlots?.kids, claimOwner: owners,
      eventCount: eventCount, rejected: rejected, unmatchedPayments: unmatchedPayments,
      timelineRefs: timelineRefs, timelinePrevious: timelinePrevious,
      customerLastEvent: customerLastEvent, assignedPayments: assignedPayments, rules: rules,
      parallelFrom: parallelFrom)
  }

  /// A ledger restored from tables already built (a snapshot's parts build them on the
  /// threads that decode them, while the saved index slots are still in that core's cache),
  /// the claims' owners by position and, optionally, the saved KID index's slots (the index is
  /// rebuilt from the claims when they do not fit). The owner check runs beside the KID
  /// slots' check and the claim chains when large.
  package init(
    customers table: KeyedTable<Customer>, claims claimsTable: KeyedTable<Claim>,
    kidSlots: [UInt64]?, claimOwner owners: [Int32], eventCount: Int,
    rejected: [RejectedEvent], unmatchedPayments: [UnmatchedPayment],
    timelineRefs: [EventRef], timelinePrevious: [Int32], customerLastEvent: [Int32],
    assignedPayments: Set<String> = [], rules: CollectionRules = CollectionRules(),
    parallelFrom: Int = Ledger.parallelRestoreClaims
  ) throws(OwnerMismatch) {
    precondition(customerLastEvent.count == table.count, "one last event per customer")
    precondition(owners.count == claimsTable.count, "one owner per claim")
    self.assignedPayments = assignedPayments
    self.rules = rules
    self.customerLastEvent = customerLastEvent
    let claims = claimsTable.values
    let chains: ClaimChains
    let checked: Result<Void, OwnerMismatch>
    let savedKids: PositionIndex?
    func kids() -> PositionIndex? {
      kidSlots.flatMap { PositionIndex(slots: $0, positions: claims.count) }
    }
    if claims.count >= parallelFrom {
      (checked, (savedKids, chains)) = Parallel.both(
        { Ledger.checkOwners(owners, of: claims, customers: table) },
        { (kids(), ClaimChains(owners: owners, customers: table.count)) })
    } else {
      checked = Ledger.checkOwners(owners, of: claims, customers: table)
      savedKids = kids()
      chains = ClaimChains(owners: owners, customers: table.count)
    }
    try checked.get()
    self.claims = claimsTable
    if let savedKids {
      self.kidIndex = savedKids
    } else {
      self.kidIndex.reserveCapacity(claims.count)
      for i in claims.indices where claims[i].kid != nil { indexKid(ofClaimAt: i) }
    }
    self.claimOwner = owners
    claimPrevious = chains.previous
    customerLastClaim = chains.lastClaim
    self.customers = table
    self.eventCount = eventCount
    self.rejected = rejected
    self.unmatchedPayments = unmatchedPayments
    self.timelineRefs = timelineRefs
    self.timelinePrevious = timelinePrevious
  }

  /// The customers' table for a restore: with the saved index slots when they fit (empty
  /// slots never do), else with a rebuilt index. (Built here rather than by the caller so that the table's generic
  /// code is specialized for customers: from another module each key was read through a
  /// copy of its whole value.)
  package static func customerTable(_ values: [Customer], indexSlots: [UInt64])
    -> KeyedTable<Customer>
  {
    KeyedTable(values, indexSlots: indexSlots) ?? KeyedTable(values)
  }

  /// The claims' table for a restore (see `customerTable(_:indexSlots:)`).
  package static func claimTable(_ values: [Claim], indexSlots: [UInt64]) -> KeyedTable<Claim> {
    KeyedTable(values, indexSlots: indexSlots) ?? KeyedTable(values)
  }

  /// Claims from which a restore builds the customers' and the claims' indexes on two threads
  /// (`parallelFrom`; tests pass 0 to take that path on a small ledger).
  package static let parallelRestoreClaims = 8192

  /// Thrown when a restored claim's owner position names another customer than the claim does.
  public struct OwnerMismatch: Error, Sendable, Equatable {
    /// The claim's position.
    public var claim: Int

    public init(claim: Int) { self.claim = claim }
  }

  /// Checks that every claim's owner position names the customer the claim names.
  ///
  /// Compares with the table's keys (16 bytes a customer) rather than the customers (160):
  /// owners come in no particular order, and each read of a customer was a cache miss.
  private static func checkOwners(
    _ owners: [Int32], of claims: [Claim], customers: KeyedTable<Customer>
  ) -> Result<Void, OwnerMismatch> {
    claims.withUnsafeBufferPointer { all in
      for i in all.indices {
        let owner = Int(owners[i])
        guard owner >= 0, owner < customers.count,
          customers.key(at: owner) == all[i].customer
        else { return .failure(OwnerMismatch(claim: i)) }
      }
      return .success(())
    }
  }

  /// Each customer's claims as a chain (`customerLastClaim`, `claimPrevious`), from the
  /// claims' owners.
  private struct ClaimChains {
    var previous: [Int32] = []
    var lastClaim: [Int32]

    init(owners: [Int32], customers: Int) {
      lastClaim = Array(repeating: -1, count: customers)
      previous.reserveCapacity(owners.count)
      for (i, owner) in owners.enumerated() {
        // Owners are in range: `checkOwners` ran, or runs beside this and throws before use;
        // an out-of-range owner only skips the chain here.
        guard owner >= 0, Int(owner) < customers else {
          previous.append(-1)
          continue
        }
        previous.append(lastClaim[Int(owner)])
        lastClaim[Int(owner)] = Int32(i)
      }
    }
  }

  /// The slots of the ledger's three hash indexes (customers by id, claims by invoice, claims
  /// by KID): plain arrays, so a snapshot can save them and a restore skip rebuilding them.
  package struct IndexSlots: Sendable {
    package var customers: [UInt64]
    package var claims: [UInt64]
    package var kids: [UInt64]

    /// Slots as `Ledger.indexSlots` gave them.
    package init(customers: [UInt64], claims: [UInt64], kids: [UInt64]) {
      self.customers = customers
      self.claims = claims
      self.kids = kids
    }
  }

  /// The current index slots (see `IndexSlots`).
  package var indexSlots: IndexSlots {
    IndexSlots(customers: customers.indexSlots, claims: claims.indexSlots, kids: kidIndex.storage)
  }

  /// A customer's events, oldest first.
  public func timeline(of id: String) -> [EventRef] {
    guard let c = customers.position(of: id) else { return [] }
    var refs: [EventRef] = []
    var i = Int(customerLastEvent[c])
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
  func claimPosition(of e: Event) -> Int? { claimPosition(invoice: e.invoice, kid: e.kid) }

  /// The claim named by invoice number, else by KID. (The fold passes an event's fields, not
  /// the event: passing an event it holds `inout` copied all 416 bytes of it first.)
  @inline(__always)
  func claimPosition(invoice: String?, kid: String?) -> Int? {
    if let invoice { return claims.position(of: invoice) }
    if let kid { return claimPosition(kid: kid) }
    return nil
  }

  /// The claim with a KID (the newest, should two claims share one).
  package func claimPosition(kid: String) -> Int? {
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
    customerPosition(customer: e.customer, invoice: e.invoice, kid: e.kid)
  }

  /// The customer by id, else the owner of the claim named by invoice number or KID.
  @inline(__always)
  func customerPosition(customer: String?, invoice: String?, kid: String?) -> Int? {
    if let customer { return customers.position(of: customer) }
    return claimPosition(invoice: invoice, kid: kid).map { Int(claimOwner[$0]) }
  }

  /// The claim whose KID is `kid`, if any.
  public func claim(kid: String) -> Claim? { claimPosition(kid: kid).map { claims.values[$0] } }

  /// The claims of customer `id`, in the order they were added (none for an unknown id).
  public func claims(ofCustomer id: String) -> [Claim] {
    guard let i = customers.position(of: id) else { return [] }
    return claimPositions(ofCustomerAt: i).map { claims.values[$0] }
  }

  /// A customer's claims with their positions, in the order they were added.
  package func claimPositions(ofCustomerAt i: Int) -> [Int] {
    var positions: [Int] = []
    var p = Int(customerLastClaim[i])
    while p >= 0 {
      positions.append(p)
      p = Int(claimPrevious[p])
    }
    return positions.reversed()
  }

  /// Hands `body` the index slots that folding `e` will read first (its customer's, its
  /// claim's by invoice or else by KID): a replay prefetches them a few events ahead, since
  /// each was a cache miss (a quarter of the fold's time). Addresses only; nothing is read.
  package mutating func lookupAddresses(
    for e: UnsafePointer<Event>, _ body: (UnsafeRawPointer) -> Void
  ) {
    if let c = e.pointee.customer { body(customers.indexSlotAddress(for: c)) }
    if let invoice = e.pointee.invoice {
      body(claims.indexSlotAddress(for: invoice))
      // An event with both (a new or changed claim) will index its KID.
      if let kid = e.pointee.kid { body(kidIndex.slotAddress(for: kid)) }
    } else if let kid = e.pointee.kid {
      body(kidIndex.slotAddress(for: kid))
    }
  }

  /// The second stage after `lookupAddresses(for:_:)`, once its slots are in cache: hands
  /// `body` the addresses those slots lead to, which the fold reads next (the customer's key,
  /// newest timeline entry and, for a new claim, newest claim; the claim and its owner).
  /// Reads index slots, nothing else.
  package mutating func lookupTargets(
    for e: UnsafePointer<Event>, _ body: (UnsafeRawPointer) -> Void
  ) {
    if let c = e.pointee.customer, let (p, key) = customers.candidateAddress(for: c) {
      body(key)
      customerLastEvent.withUnsafeBufferPointer { body(UnsafeRawPointer($0.baseAddress! + p)) }
      // A call or a promise changes the customer's record, and appends to an array found in
      // it (`lookupArrays`).
      if let field = Ledger.appendedCustomerField(e.pointee.type) {
        customers.values.withUnsafeBufferPointer {
          body(UnsafeRawPointer($0.baseAddress! + p) + field)
        }
      }
      // A new claim (the only event with a due date and a customer) joins the chain of its
      // customer's claims.
      if e.pointee.due != nil, p < customerLastClaim.count {
        customerLastClaim.withUnsafeBufferPointer { body(UnsafeRawPointer($0.baseAddress! + p)) }
      }
    }
    if let invoice = e.pointee.invoice, let (p, claim) = claims.candidateAddress(for: invoice) {
      // A claim is 120 bytes: its invoice is in the first line, what a payment changes in
      // the second.
      body(claim)
      body(claim + 64)
      claimOwner.withUnsafeBufferPointer { body(UnsafeRawPointer($0.baseAddress! + p)) }
    }
  }

  /// The third stage, after `lookupTargets(for:_:)` fetched the records: hands `body` the
  /// buffers of the arrays the fold will append to, read from those records (a called
  /// customer's call days, a promising customer's promises, a paid claim's payments, a
  /// stepped claim's fees). Each array is a buffer of its own, so without this each such
  /// event waited for one more cache miss. Reads index slots and records, nothing else.
  package mutating func lookupArrays(
    for e: UnsafePointer<Event>, _ body: (UnsafeRawPointer) -> Void
  ) {
    let type = e.pointee.type
    if let field = Ledger.appendedCustomerField(type), let c = e.pointee.customer,
      let (p, _) = customers.candidateAddress(for: c)
    {
      customers.values.withUnsafeBufferPointer {
        body(
          UnsafeRawPointer($0.baseAddress! + p).load(
            fromByteOffset: field, as: UnsafeRawPointer.self))
      }
    } else if let field = Ledger.appendedClaimField(type), let invoice = e.pointee.invoice,
      let (_, claim) = claims.candidateAddress(for: invoice)
    {
      body(claim.load(fromByteOffset: field, as: UnsafeRawPointer.self))
    }
  }

  /// Where in a `Customer` the array lives that folding an event of type `t` appends to.
  @inline(__always)
  static func appendedCustomerField(_ t: EventType) -> Int? {
    switch t.rawValue.utf8.count {
    case 11 where t == .callLogged: return callDaysField
    case 12 where t == .promiseMade: return promisesField
    default: return nil
    }
  }

  /// Where in a `Claim` the array lives that folding an event of type `t` appends to.
  @inline(__always)
  static func appendedClaimField(_ t: EventType) -> Int? {
    switch t.rawValue.utf8.count {
    case 18 where t == .paymentRegistered: return paymentsField
    case 14 where t == .stepTriggered: return feesField
    default: return nil
    }
  }

  static let callDaysField = MemoryLayout<Customer>.offset(of: \.callDays)!
  static let promisesField = MemoryLayout<Customer>.offset(of: \.promises)!
  static let paymentsField = MemoryLayout<Claim>.offset(of: \.payments)!
  static let feesField = MemoryLayout<Claim>.offset(of: \.fees)!

  /// Makes room for the state of about `journalBytes` bytes of journals, so a full replay
  /// does not grow its largest arrays step by step (each step copies them and briefly holds
  /// both copies). Estimates at about 250 bytes an event; reserving more than is used costs
  /// address space only, as pages that are never written are never mapped.
  package mutating func reserveCapacity(forJournalBytes journalBytes: Int) {
    let events = journalBytes / 200 + 1_024
    timelineRefs.reserveCapacity(events)
    timelinePrevious.reserveCapacity(events)
    customers.reserveValues(events / 4)
    claims.reserveValues(events / 2)
    claimOwner.reserveCapacity(events / 2)
    claimPrevious.reserveCapacity(events / 2)
    customerLastClaim.reserveCapacity(events / 4)
    customerLastEvent.reserveCapacity(events / 4)
  }
}

extension Ledger: Equatable {
  /// Equal when the folded facts are; indexes are derived from them and not compared.
  public static func == (a: Ledger, b: Ledger) -> Bool {
    a.customers == b.customers && a.claims == b.claims && a.claimOwner == b.claimOwner
      && a.customerLastClaim == b.customerLastClaim && a.claimPrevious == b.claimPrevious
      && a.timelineRefs == b.timelineRefs && a.customerLastEvent == b.customerLastEvent
      && a.timelinePrevious == b.timelinePrevious && a.eventCount == b.eventCount
      && a.rejected == b.rejected && a.unmatchedPayments == b.unmatchedPayments
      && a.rules == b.rules
      && a.assignedPayments == b.assignedPayments && a.plans == b.plans
      && a.reportLog == b.reportLog
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
