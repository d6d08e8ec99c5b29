import KravCore

/// The fold state as a snapshot: a compact binary form of every ledger field.
///
/// Bump `ledgerSnapshotVersion` whenever `Ledger`, `Customer` or `Claim` change shape: an old
/// snapshot then fails to decode and the store falls back to a full replay, so a stale cache
/// can cost time but never correctness.
///
/// Layout choices, all for load time and size: enums are one byte, days four, counts and the
/// lengths of the records' strings are LEB128 varints (one byte, mostly), optional fields share
/// one presence byte per record, and the timeline (one entry per event) is two flat runs of
/// fixed-size values read without per-entry bookkeeping. The three hash indexes' slots end the
/// payload (about 10 MiB at 220 000 claims): reading them is a copy, rebuilding them was a
/// hash and a write to a random slot (a cache miss) per customer, claim and KID.
extension Ledger: SnapshotState {
  static let ledgerSnapshotVersion: UInt32 = 14

  /// Bytes gathered before `flush` is offered them: large enough that writes are few, small
  /// enough that a streamed snapshot never holds more than this of the payload.
  static let snapshotChunk = 1 << 20

  /// Makes room before a full replay (see `reserveCapacity(forJournalBytes:)`).
  public mutating func prepare(forJournalBytes bytes: Int) {
    reserveCapacity(forJournalBytes: bytes)
  }

  /// The payload in one array (tests and benchmarks; the store streams it instead).
  public func encodeSnapshot() -> [UInt8] {
    var w = BinaryWriter()
    encodeSnapshot(into: &w) { _ in }
    return w.bytes
  }

  /// Writes the payload into `w` as frames of whole records, each a u32 length and about
  /// `snapshotChunk` bytes, offering every finished frame to `flush`; a reader can then decode
  /// frame by frame without holding the payload (`init(snapshotLength:read:)`).
  public func encodeSnapshot(
    into w: inout BinaryWriter, flush: (inout BinaryWriter) throws -> Void
  ) rethrows {
    var frame = w.beginFrame()
    w.write(Ledger.ledgerSnapshotVersion)
    w.write(eventCount)
    w.write(customers.count)
    for (c, last) in zip(customers.values, customerLastEvent) {
      w.write(c)
      w.write(UInt32(bitPattern: last))
      if w.frameIsFull(frame) { try w.nextFrame(&frame, flush) }
    }
    w.write(claims.count)
    for (c, owner) in zip(claims.values, claimOwner) {
      w.write(c)
      w.write(UInt32(bitPattern: owner))
      if w.frameIsFull(frame) { try w.nextFrame(&frame, flush) }
    }
    w.write(rejected.count)
    for r in rejected {
      w.write(r.eventId)
      w.write(r.type.rawValue)
      w.write(r.reason)
    }
    w.write(unmatchedPayments.count)
    for p in unmatchedPayments {
      w.write(p.eventId)
      w.write(p.amount)
      w.write(p.day)
      w.write(p.kid)
      w.write(p.payer)
      w.write(p.text)
    }
    w.write(assignedPayments.count)
    for id in assignedPayments.sorted() { w.write(id) }
    // The creditor's rules: ladder settings, then the rate rows it set.
    w.write(UInt8(rules.ladder.sendsReminder ? 1 : 0))
    w.write(UInt8(rules.ladder.combines418 ? 1 : 0))
    w.write(UInt8(rules.ladder.handoff == .agency ? 1 : 0))
    w.write(rules.overrides.count)
    for row in rules.overrides {
      w.write(row.kind.rawValue)
      w.write(row.from)
      w.write(row.value.integer)
      w.write(row.source)
      w.write(row.note)
    }
    w.write(plans.count)
    for p in plans { w.write(p) }
    w.write(timelineRefs.count)
    for ref in timelineRefs {
      w.write(UInt64(ref.journal) << 48 | ref.offset)
      if w.frameIsFull(frame) { try w.nextFrame(&frame, flush) }
    }
    for prev in timelinePrevious {
      w.write(UInt32(bitPattern: prev))
      if w.frameIsFull(frame) { try w.nextFrame(&frame, flush) }
    }
    let slots = indexSlots
    for run in [slots.customers, slots.claims, slots.kids] {
      w.write(run.count)
      for slot in run {
        w.write(slot)
        if w.frameIsFull(frame) { try w.nextFrame(&frame, flush) }
      }
    }
    w.endFrame(frame)
    try flush(&w)
  }

  /// Restores a ledger from `encodeSnapshot()` bytes.
  public init(snapshot: [UInt8]) throws {
    try self.init(snapshot: snapshot, range: snapshot.indices)
  }

  /// Restores a ledger from the payload at `range` of `bytes`, reading its frames in place.
  public init(snapshot bytes: [UInt8], range: Range<Int>) throws {
    var at = range.lowerBound
    try self.init(payloadLength: range.count) {
      guard at < range.upperBound else { return nil }
      var header = BinaryReader(bytes, range: at..<range.upperBound)
      let n = Int(try header.readUInt32())
      guard n <= header.remaining else { throw BinaryReader.Malformed() }
      defer { at += 4 + n }
      return BinaryReader(bytes, range: at + 4..<at + 4 + n)
    }
  }

  /// Restores a ledger from a payload read piece by piece (a frame at a time), so a snapshot
  /// load holds one frame of it rather than all of it.
  public init(snapshotLength length: Int, read: (Int) throws -> [UInt8]) throws {
    var left = length
    try self.init(payloadLength: length) {
      guard left > 0 else { return nil }
      guard left >= 4 else { throw BinaryReader.Malformed() }
      var header = BinaryReader(try read(4))
      let n = Int(try header.readUInt32())
      guard n <= left - 4 else { throw BinaryReader.Malformed() }
      left -= 4 + n
      return BinaryReader(try read(n))
    }
  }

  /// Decodes the frames `nextFrame` hands out, in order (nil after the last).
  private init(payloadLength: Int, frames nextFrame: () throws -> BinaryReader?) throws {
    var r = BinaryReader([])
    // Moves to the next non-empty frame when the current one is used up; records never span
    // frames, so this is called before each record or count.
    func more() throws {
      while r.isAtEnd {
        guard let f = try nextFrame() else { throw BinaryReader.Malformed() }
        r = f
      }
    }
    // Counts are checked against the payload's length (a record takes at least
    // `minimumSize` bytes), so a damaged count cannot ask for a huge reservation.
    func count(minimumSize: Int) throws -> Int {
      try more()
      let n = try r.readInt()
      guard n >= 0, n <= payloadLength / minimumSize else { throw BinaryReader.Malformed() }
      return n
    }
    try more()
    guard try r.readUInt32() == Ledger.ledgerSnapshotVersion else {
      throw BinaryReader.Malformed()
    }
    let eventCount = try r.readInt()
    let customerCount = try count(minimumSize: 8)
    var customers: [Customer] = []
    customers.reserveCapacity(customerCount)
    var lastEvents: [Int32] = []
    lastEvents.reserveCapacity(customerCount)
    for _ in 0..<customerCount {
      try more()
      customers.append(try r.readCustomer())
      lastEvents.append(Int32(bitPattern: try r.readUInt32()))
    }
    let claimCount = try count(minimumSize: 16)
    var claims: [Claim] = []
    claims.reserveCapacity(claimCount)
    var owners: [Int32] = []
    owners.reserveCapacity(claimCount)
    for _ in 0..<claimCount {
      try more()
      let claim = try r.readClaim()
      let owner = Int(try r.readUInt32())
      // The owner is stored by position; it must be the customer the claim names.
      guard owner < customers.count, customers[owner].id == claim.customer else {
        throw BinaryReader.Malformed()
      }
      claims.append(claim)
      owners.append(Int32(owner))
    }
    var rejected: [RejectedEvent] = []
    for _ in 0..<(try count(minimumSize: 24)) {
      try more()
      rejected.append(
        RejectedEvent(
          eventId: try r.readString(), type: EventType(rawValue: try r.readString()),
          reason: try r.readString()))
    }
    var unmatched: [UnmatchedPayment] = []
    for _ in 0..<(try count(minimumSize: 23)) {
      try more()
      unmatched.append(
        UnmatchedPayment(
          eventId: try r.readString(), amount: try r.readMoney(), day: try r.readDay(),
          kid: try r.readOptionalString(), payer: try r.readOptionalString(),
          text: try r.readOptionalString()))
    }
    var assigned: Set<String> = []
    for _ in 0..<(try count(minimumSize: 8)) {
      try more()
      assigned.insert(try r.readString())
    }
    try more()
    let ladder = Ladder(
      sendsReminder: try r.readUInt8() == 1, combines418: try r.readUInt8() == 1,
      handoff: try r.readUInt8() == 1 ? .agency : .enforcement)
    var overrides: [RateTable.Row] = []
    for _ in 0..<(try count(minimumSize: 24)) {
      try more()
      guard let kind = RateTable.Kind(rawValue: try r.readString()) else {
        throw BinaryReader.Malformed()
      }
      let from = try r.readDay()
      let value = RateTable.value(kind, integer: try r.readInt64())
      overrides.append(
        RateTable.Row(
          kind: kind, from: from, value: value, source: try r.readString(), isVerified: true,
          note: try r.readString()))
    }
    var plans: [Plan] = []
    for _ in 0..<(try count(minimumSize: 16)) {
      try more()
      plans.append(try r.readPlan())
    }
    // Reads `n` fixed-width values straight from the frames' bytes, as many per frame as it
    // holds (the timeline and the index slots are runs of them).
    func readRun(_ n: Int, width: Int, _ each: (UnsafeRawBufferPointer, Int) throws -> Void)
      throws
    {
      var done = 0
      while done < n {
        try more()
        let k = min(n - done, r.remaining / width)
        guard k > 0 else { throw BinaryReader.Malformed() }
        try r.withRawBytes(k * width) { raw in
          for j in 0..<k { try each(raw, j * width) }
        }
        done += k
      }
    }
    let entries = try count(minimumSize: 12)
    var refs: [EventRef] = []
    refs.reserveCapacity(entries)
    try readRun(entries, width: 8) { raw, at in
      let bits = UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: at, as: UInt64.self))
      refs.append(EventRef(journal: UInt32(bits >> 48), offset: bits & 0xFFFF_FFFF_FFFF))
    }
    var previous: [Int32] = []
    previous.reserveCapacity(entries)
    try readRun(entries, width: 4) { raw, at in
      let p = Int32(
        bitPattern: UInt32(littleEndian: raw.loadUnaligned(fromByteOffset: at, as: UInt32.self)))
      // Each entry points back to an earlier one of the same customer, or nowhere.
      guard p < Int32(previous.count), p >= -1 else { throw BinaryReader.Malformed() }
      previous.append(p)
    }
    // The index slots: three runs of UInt64, checked by `Ledger.init` (which rebuilds an
    // index whose slots do not fit).
    var runs: [[UInt64]] = []
    for _ in 0..<3 {
      let n = try count(minimumSize: 8)
      var run: [UInt64] = []
      run.reserveCapacity(n)
      try readRun(n, width: 8) { raw, at in
        run.append(UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: at, as: UInt64.self)))
      }
      runs.append(run)
    }
    guard r.isAtEnd, try nextFrame() == nil,
      lastEvents.allSatisfy({ $0 >= -1 && $0 < Int32(entries) })
    else { throw BinaryReader.Malformed() }
    self.init(
      customers: customers, claims: claims, eventCount: eventCount, rejected: rejected,
      unmatchedPayments: unmatched, timelineRefs: refs, timelinePrevious: previous,
      customerLastEvent: lastEvents, claimOwner: owners,
      indexSlots: IndexSlots(customers: runs[0], claims: runs[1], kids: runs[2]),
      assignedPayments: assigned, rules: CollectionRules(ladder: ladder, overrides: overrides))
    restorePlans(plans)
  }
}

extension BinaryWriter {
  /// Starts a frame: a u32 length (filled in by `endFrame`) then its bytes; returns where.
  fileprivate mutating func beginFrame() -> Int {
    let at = count
    write(UInt32(0))
    return at
  }

  /// Whether the frame started at `frame` has reached `Ledger.snapshotChunk` bytes.
  fileprivate func frameIsFull(_ frame: Int) -> Bool { count - frame >= Ledger.snapshotChunk }

  /// Fills in the length of the frame started at `frame`.
  fileprivate mutating func endFrame(_ frame: Int) {
    overwrite(UInt32(count - frame - 4), at: frame)
  }

  /// Ends the frame, offers the bytes to `flush` and starts the next frame.
  fileprivate mutating func nextFrame(
    _ frame: inout Int, _ flush: (inout BinaryWriter) throws -> Void
  ) rethrows {
    endFrame(frame)
    try flush(&self)
    frame = beginFrame()
  }
}

/// Presence bits of a customer's optional fields.
private enum CustomerField {
  static let orgnr: UInt8 = 1
  static let birthNumber: UInt8 = 2
  static let email: UInt8 = 4
  static let phone: UInt8 = 8
  static let address: UInt8 = 16
  static let lastCallOn: UInt8 = 32
  static let holdUntil: UInt8 = 64
}

/// Presence bits of a claim's optional fields.
private enum ClaimField {
  static let kid: UInt8 = 1
  static let stepOn: UInt8 = 2
  static let holdUntil: UInt8 = 4
  static let closed: UInt8 = 8
}

/// One-byte codes for the enums a snapshot stores (their position in `allCases`).
private let closureReasons: [ClosureReason] = [.paid, .writtenOff, .sentToAgency, .withdrawn]

extension BinaryWriter {
  mutating func write(_ s: String?) {
    write(UInt8(s == nil ? 0 : 1))
    if let s { writeCompact(s) }
  }
  mutating func write(_ d: Day) { write(UInt32(bitPattern: d.ordinal)) }
  mutating func write(_ m: Money) { write(m.ore) }
  mutating func write(_ m: Money?) {
    write(UInt8(m == nil ? 0 : 1))
    if let m { write(m) }
  }
  mutating func write(_ d: Day?) {
    write(UInt8(d == nil ? 0 : 1))
    if let d { write(d) }
  }
  mutating func writeCount(_ n: Int) { writeVarint(UInt64(n)) }
  mutating func write(_ s: Step) { write(UInt8(s.rank)) }

  mutating func write(_ c: Customer) {
    writeCompact(c.id)
    writeCompact(c.name)
    var flags: UInt8 = c.kind == .business ? 128 : 0
    if c.orgnr != nil { flags |= CustomerField.orgnr }
    if c.birthNumber != nil { flags |= CustomerField.birthNumber }
    if c.email != nil { flags |= CustomerField.email }
    if c.phone != nil { flags |= CustomerField.phone }
    if c.address != nil { flags |= CustomerField.address }
    if c.lastCallOn != nil { flags |= CustomerField.lastCallOn }
    if c.holdUntil != nil { flags |= CustomerField.holdUntil }
    write(flags)
    if let s = c.orgnr { writeCompact(s) }
    if let s = c.birthNumber { writeCompact(s) }
    if let s = c.email { writeCompact(s) }
    if let s = c.phone { writeCompact(s) }
    if let s = c.address { writeCompact(s) }
    if let d = c.lastCallOn { write(d) }
    if let d = c.holdUntil { write(d) }
    writeVarint(UInt64(c.callCount))
    write(UInt8(c.doNotCall ? 1 : 0))
    writeCount(c.callDays.count)
    for d in c.callDays { write(d) }
    writeCount(c.promises.count)
    for p in c.promises {
      writeCompact(p.eventId)
      write(p.madeOn)
      write(p.amount)
      write(p.due)
      write(p.invoice)
    }
    writeCount(c.disputes.count)
    for d in c.disputes {
      writeCompact(d.eventId)
      writeCompact(d.invoice)
      write(d.openedOn)
      write(d.amount)
      writeCompact(d.reason)
      writeCompact(d.text)
      write(d.outcome)
      write(d.resolvedOn)
      write(d.credit)
    }
  }

  mutating func write(_ c: Claim) {
    writeCompact(c.invoice)
    writeCompact(c.customer)
    write(c.principal)
    write(c.issued)
    write(c.due)
    var flags: UInt8 = 0
    if c.kid != nil { flags |= ClaimField.kid }
    if c.stepOn != nil { flags |= ClaimField.stepOn }
    if c.holdUntil != nil { flags |= ClaimField.holdUntil }
    if c.closed != nil { flags |= ClaimField.closed }
    write(flags)
    if let k = c.kid { writeCompact(k) }
    if let d = c.stepOn { write(d) }
    if let d = c.holdUntil { write(d) }
    if let x = c.closed { write(UInt8(closureReasons.firstIndex(of: x)!)) }
    write(c.step)
    write(c.credits)
    writeCount(c.payments.count)
    for p in c.payments {
      write(p.day)
      write(p.amount)
    }
    writeCount(c.fees.count)
    for f in c.fees {
      write(f.day)
      write(f.amount)
      write(f.step)
    }
    writeCount(c.conflicts.count)
    for x in c.conflicts { writeCompact(x) }
  }
}

extension BinaryReader {
  /// A 64-bit count of records of at least `minimumSize` bytes each, checked against the input.
  mutating func readCount(minimumSize: Int) throws -> Int {
    let n = try readInt()
    guard n >= 0, n <= remaining / minimumSize else { throw Malformed() }
    return n
  }
  /// A varint count of records of at least `minimumSize` bytes each.
  mutating func readSmallCount(minimumSize: Int) throws -> Int {
    let n = try readVarint()
    guard n <= UInt64(remaining / minimumSize) else { throw Malformed() }
    return Int(n)
  }
  mutating func readOptionalString() throws -> String? {
    try readUInt8() == 0 ? nil : try readCompactString()
  }
  mutating func readDay() throws -> Day { Day(ordinal: Int32(bitPattern: try readUInt32())) }
  mutating func readOptionalDay() throws -> Day? { try readUInt8() == 0 ? nil : try readDay() }
  mutating func readMoney() throws -> Money { Money(ore: try readInt64()) }
  mutating func readOptionalMoney() throws -> Money? {
    try readUInt8() == 0 ? nil : try readMoney()
  }
  mutating func readStep() throws -> Step {
    let rank = Int(try readUInt8())
    guard rank < Step.allCases.count else { throw Malformed() }
    return Step.allCases[rank]
  }

  mutating func readCustomer() throws -> Customer {
    let id = try readCompactString()
    let name = try readCompactString()
    let flags = try readUInt8()
    var c = Customer(id: id, name: name, kind: flags & 128 != 0 ? .business : .consumer)
    if flags & CustomerField.orgnr != 0 { c.orgnr = try readCompactString() }
    if flags & CustomerField.birthNumber != 0 { c.birthNumber = try readCompactString() }
    if flags & CustomerField.email != 0 { c.email = try readCompactString() }
    if flags & CustomerField.phone != 0 { c.phone = try readCompactString() }
    if flags & CustomerField.address != 0 { c.address = try readCompactString() }
    if flags & CustomerField.lastCallOn != 0 { c.lastCallOn = try readDay() }
    if flags & CustomerField.holdUntil != 0 { c.holdUntil = try readDay() }
    c.callCount = Int(truncatingIfNeeded: try readVarint())
    c.doNotCall = try readUInt8() != 0
    let callDays = try readSmallCount(minimumSize: 4)
    if callDays > 0 {
      c.callDays.reserveCapacity(callDays)
      for _ in 0..<callDays { c.callDays.append(try readDay()) }
    }
    let promises = try readSmallCount(minimumSize: 18)
    if promises > 0 {
      c.promises.reserveCapacity(promises)
      for _ in 0..<promises {
        c.promises.append(
          Promise(
            eventId: try readCompactString(), madeOn: try readDay(), amount: try readMoney(),
            due: try readDay(), invoice: try readOptionalString()))
      }
    }
    let disputes = try readSmallCount(minimumSize: 12)
    if disputes > 0 {
      c.disputes.reserveCapacity(disputes)
      for _ in 0..<disputes {
        var d = Dispute(
          eventId: try readCompactString(), invoice: try readCompactString(),
          openedOn: try readDay(), amount: try readOptionalMoney(),
          reason: try readCompactString(), text: try readCompactString())
        d.outcome = try readOptionalString()
        d.resolvedOn = try readOptionalDay()
        d.credit = try readOptionalMoney()
        c.disputes.append(d)
      }
    }
    return c
  }

  mutating func readClaim() throws -> Claim {
    var c = Claim(
      invoice: try readCompactString(), customer: try readCompactString(),
      principal: try readMoney(), issued: try readDay(), due: try readDay())
    let flags = try readUInt8()
    if flags & ClaimField.kid != 0 { c.kid = try readCompactString() }
    if flags & ClaimField.stepOn != 0 { c.stepOn = try readDay() }
    if flags & ClaimField.holdUntil != 0 { c.holdUntil = try readDay() }
    if flags & ClaimField.closed != 0 {
      let code = Int(try readUInt8())
      guard code < closureReasons.count else { throw Malformed() }
      c.closed = closureReasons[code]
    }
    c.step = try readStep()
    c.credits = try readMoney()
    let payments = try readSmallCount(minimumSize: 12)
    if payments > 0 {
      c.payments.reserveCapacity(payments)
      for _ in 0..<payments {
        c.payments.append(ClaimPayment(day: try readDay(), amount: try readMoney()))
      }
    }
    let fees = try readSmallCount(minimumSize: 13)
    if fees > 0 {
      c.fees.reserveCapacity(fees)
      for _ in 0..<fees {
        c.fees.append(ClaimFee(day: try readDay(), amount: try readMoney(), step: try readStep()))
      }
    }
    let conflicts = try readSmallCount(minimumSize: 1)
    if conflicts > 0 {
      c.conflicts.reserveCapacity(conflicts)
      for _ in 0..<conflicts { c.conflicts.append(try readCompactString()) }
    }
    return c
  }
}
