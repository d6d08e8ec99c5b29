import KravCore

/// The fold state as a snapshot: a compact binary form of every ledger field.
///
/// Bump `ledgerSnapshotVersion` whenever `Ledger`, `Customer` or `Claim` change shape: an old
/// snapshot then fails to decode and the store falls back to a full replay, so a stale cache
/// can cost time but never correctness.
extension Ledger: SnapshotState {
  static let ledgerSnapshotVersion: UInt32 = 5

  public func encodeSnapshot() -> [UInt8] {
    var w = BinaryWriter()
    w.write(Ledger.ledgerSnapshotVersion)
    w.write(eventCount)
    w.write(customers.count)
    for c in customers.values { w.write(c) }
    w.write(claims.count)
    for c in claims.values { w.write(c) }
    w.write(rejected.count)
    for r in rejected {
      w.write(r.eventId)
      w.write(r.type.rawValue)
      w.write(r.reason)
    }
    w.write(unmatchedPayments.count)
    for p in unmatchedPayments { w.write(p) }
    w.write(timelineRefs.count)
    for (ref, prev) in zip(timelineRefs, timelinePrevious) {
      w.write(ref.journal)
      w.write(ref.offset)
      w.write(UInt32(bitPattern: prev))
    }
    return w.bytes
  }

  public init(snapshot: [UInt8]) throws {
    var r = BinaryReader(snapshot)
    guard try r.readUInt32() == Ledger.ledgerSnapshotVersion else {
      throw BinaryReader.Malformed()
    }
    let eventCount = try r.readInt()
    let customerCount = try r.readCount()
    var customers: [Customer] = []
    customers.reserveCapacity(customerCount)
    for _ in 0..<customerCount { customers.append(try r.readCustomer()) }
    let claimCount = try r.readCount()
    var claims: [Claim] = []
    claims.reserveCapacity(claimCount)
    for _ in 0..<claimCount { claims.append(try r.readClaim()) }
    var rejected: [RejectedEvent] = []
    for _ in 0..<(try r.readCount()) {
      rejected.append(
        RejectedEvent(
          eventId: try r.readString(), type: EventType(rawValue: try r.readString()),
          reason: try r.readString()))
    }
    var unmatched: [String] = []
    for _ in 0..<(try r.readCount()) { unmatched.append(try r.readString()) }
    let entries = try r.readCount()
    var refs: [EventRef] = []
    var previous: [Int32] = []
    refs.reserveCapacity(entries)
    previous.reserveCapacity(entries)
    for _ in 0..<entries {
      refs.append(EventRef(journal: try r.readUInt32(), offset: try r.readUInt64()))
      let p = Int32(bitPattern: try r.readUInt32())
      guard p < Int32(previous.count) else { throw BinaryReader.Malformed() }
      previous.append(p)
    }
    self.init(
      customers: customers, claims: claims, eventCount: eventCount, rejected: rejected,
      unmatchedPayments: unmatched, timelineRefs: refs, timelinePrevious: previous)
  }
}

extension BinaryWriter {
  mutating func write(_ s: String?) {
    write(UInt8(s == nil ? 0 : 1))
    if let s { write(s) }
  }
  mutating func write(_ d: Day) { write(Int(d.ordinal)) }
  mutating func write(_ d: Day?) {
    write(UInt8(d == nil ? 0 : 1))
    if let d { write(d) }
  }
  mutating func write(_ m: Money) { write(m.ore) }
  mutating func write(_ m: Money?) {
    write(UInt8(m == nil ? 0 : 1))
    if let m { write(m) }
  }

  mutating func write(_ c: Customer) {
    write(c.id)
    write(c.name)
    write(c.kind.rawValue)
    for s in [c.orgnr, c.birthNumber, c.email, c.phone, c.address] { write(s) }
    write(c.invoices.count)
    for i in c.invoices { write(i) }
    write(Int(c.lastEvent))
    write(c.promises.count)
    for p in c.promises {
      write(p.eventId)
      write(p.madeOn)
      write(p.amount)
      write(p.due)
      write(p.invoice)
    }
    write(c.disputes.count)
    for d in c.disputes {
      write(d.eventId)
      write(d.invoice)
      write(d.openedOn)
      write(d.amount)
      write(d.reason)
      write(d.text)
      write(d.outcome)
      write(d.resolvedOn)
      write(d.credit)
    }
    write(c.lastCallOn)
    write(c.callCount)
    write(c.holdUntil)
  }

  mutating func write(_ c: Claim) {
    write(c.invoice)
    write(c.customer)
    write(c.principal)
    write(c.issued)
    write(c.due)
    write(c.kid)
    write(c.step.rawValue)
    write(c.stepOn)
    write(c.payments.count)
    for p in c.payments {
      write(p.day)
      write(p.amount)
    }
    write(c.fees.count)
    for f in c.fees {
      write(f.day)
      write(f.amount)
      write(f.step.rawValue)
    }
    write(c.credits)
    write(c.holdUntil)
    write(c.closed?.rawValue)
    write(c.conflicts.count)
    for x in c.conflicts { write(x) }
  }
}

extension BinaryReader {
  mutating func readCount() throws -> Int {
    let n = try readInt()
    guard n >= 0, n < 1 << 32 else { throw Malformed() }
    return n
  }
  mutating func readOptionalString() throws -> String? {
    try readUInt8() == 0 ? nil : try readString()
  }
  mutating func readDay() throws -> Day { Day(ordinal: Int32(truncatingIfNeeded: try readInt())) }
  mutating func readOptionalDay() throws -> Day? { try readUInt8() == 0 ? nil : try readDay() }
  mutating func readMoney() throws -> Money { Money(ore: try readInt64()) }
  mutating func readOptionalMoney() throws -> Money? {
    try readUInt8() == 0 ? nil : try readMoney()
  }
  mutating func readStep() throws -> Step {
    guard let s = Step(rawValue: try readString()) else { throw Malformed() }
    return s
  }

  mutating func readCustomer() throws -> Customer {
    let id = try readString()
    let name = try readString()
    guard let kind = CustomerKind(rawValue: try readString()) else { throw Malformed() }
    var c = Customer(id: id, name: name, kind: kind)
    c.orgnr = try readOptionalString()
    c.birthNumber = try readOptionalString()
    c.email = try readOptionalString()
    c.phone = try readOptionalString()
    c.address = try readOptionalString()
    for _ in 0..<(try readCount()) { c.invoices.append(try readString()) }
    c.lastEvent = Int32(truncatingIfNeeded: try readInt())
    for _ in 0..<(try readCount()) {
      c.promises.append(
        Promise(
          eventId: try readString(), madeOn: try readDay(), amount: try readMoney(),
          due: try readDay(), invoice: try readOptionalString()))
    }
    for _ in 0..<(try readCount()) {
      var d = Dispute(
        eventId: try readString(), invoice: try readString(), openedOn: try readDay(),
        amount: try readOptionalMoney(), reason: try readString(), text: try readString())
      d.outcome = try readOptionalString()
      d.resolvedOn = try readOptionalDay()
      d.credit = try readOptionalMoney()
      c.disputes.append(d)
    }
    c.lastCallOn = try readOptionalDay()
    c.callCount = try readInt()
    c.holdUntil = try readOptionalDay()
    return c
  }

  mutating func readClaim() throws -> Claim {
    var c = Claim(
      invoice: try readString(), customer: try readString(), principal: try readMoney(),
      issued: try readDay(), due: try readDay())
    c.kid = try readOptionalString()
    c.step = try readStep()
    c.stepOn = try readOptionalDay()
    for _ in 0..<(try readCount()) {
      c.payments.append(
        ClaimPayment(day: try readDay(), amount: try readMoney()))
    }
    for _ in 0..<(try readCount()) {
      c.fees.append(ClaimFee(day: try readDay(), amount: try readMoney(), step: try readStep()))
    }
    c.credits = try readMoney()
    c.holdUntil = try readOptionalDay()
    c.closed = try readOptionalString().map {
      guard let r = ClosureReason(rawValue: $0) else { throw Malformed() }
      return r
    }
    for _ in 0..<(try readCount()) { c.conflicts.append(try readString()) }
    return c
  }
}
