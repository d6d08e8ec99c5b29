import KravCore
import Testing

@testable import KravStore

/// The `Ledger` payload of a snapshot: exact round trips on a realistic store, streaming, and
/// refusal of damaged bytes.
@Suite("Ledger snapshots")
struct LedgerSnapshotTests {
  static let today = Day(year: 2026, month: 11, day: 30)!
  static let events = DemoGenerator(seed: 42, customers: 300, today: today).events()

  /// The demo events folded with one journal per collector, as the demo command stores them.
  static let ledger: Ledger = {
    var l = Ledger()
    for (i, e) in events.enumerated() {
      l.apply(e, ref: EventRef(journal: UInt32(i % 3), offset: UInt64(i) * 250))
    }
    return l
  }()

  @Test("a demo ledger decodes to an equal ledger with the same queue and overview")
  func roundTrip() throws {
    let l = Self.ledger
    #expect(l.customers.count == 300 && l.claims.count > 300)
    #expect(l.claims.values.contains { !$0.payments.isEmpty })
    #expect(l.customers.values.contains { !$0.disputes.isEmpty })
    let back = try Ledger(snapshot: l.encodeSnapshot())
    #expect(back == l)
    #expect(back.queue(today: Self.today) == l.queue(today: Self.today))
    #expect(
      back.customerSummaries(today: Self.today, overdueOnly: false)
        == l.customerSummaries(today: Self.today, overdueOnly: false))
    // Indexes are rebuilt, not compared by ==: look a few things up through them.
    for c in l.claims.values.prefix(50) {
      #expect(back.claims[c.invoice] == c)
      if let kid = c.kid { #expect(back.claimPosition(kid: kid) == l.claimPosition(kid: kid)) }
      #expect(back.timeline(of: c.customer) == l.timeline(of: c.customer))
    }
  }

  @Test("the ladder's agency name survives a snapshot, and an empty one stays empty")
  func agencyName() throws {
    var l = Ledger()
    var e = Event(
      id: "k:1", seq: 1, at: "2026-11-30T10:00:00+01:00", by: "kari", type: .ladderSet)
    e.extra["handoff"] = "\"agency\""
    e.ladderAgencyName = "Fjord Inkasso AS"
    l.apply(e, ref: EventRef(journal: 0, offset: 0))
    #expect(l.rules.ladder.agencyName == "Fjord Inkasso AS")
    let back = try Ledger(snapshot: l.encodeSnapshot())
    #expect(back.rules.ladder == l.rules.ladder)
    #expect(try Ledger(snapshot: Ledger().encodeSnapshot()).rules.ladder.agencyName == nil)
  }

  @Test("a claim waiting for its letter to leave stays waiting through a snapshot (issue 19)")
  func awaitingDispatch() throws {
    var l = Ledger()
    var n: UInt64 = 0
    func add(_ e: Event) {
      l.apply(e, ref: EventRef(journal: 0, offset: n))
      n += 1
    }
    var c = Event(
      id: "k:1", seq: 1, at: "2026-11-30T10:00:00+01:00", by: "kari", type: .customerAdded,
      customer: "K1")
    c.name = "Kari"
    c.kind = "consumer"
    add(c)
    for inv in ["1001", "1002"] {
      var e = Event(
        id: "k:\(inv)", seq: 2, at: "2026-11-30T10:00:00+01:00", by: "kari", type: .claimAdded,
        customer: "K1", invoice: inv)
      e.amount = 10_000
      e.issued = Day(parsing: "2026-10-01")
      e.due = Day(parsing: "2026-10-15")
      add(e)
    }
    var s = Event(
      id: "k:s", seq: 3, at: "2026-11-30T10:00:00+01:00", by: "kari", type: .stepTriggered,
      customer: "K1", invoice: "1001")
    s.from = "invoice"
    s.step = "reminder"
    s.extra["dispatch"] = "\"outbox\""
    add(s)
    #expect(l.claims["1001"]!.awaitingDispatch && !l.claims["1002"]!.awaitingDispatch)
    let back = try Ledger(snapshot: l.encodeSnapshot())
    #expect(back.claims["1001"]!.awaitingDispatch)
    #expect(!back.claims["1002"]!.awaitingDispatch)
    #expect(back.claims["1001"] == l.claims["1001"])
  }

  @Test("saved index slots are taken over and find everything; slots that do not fit are not")
  func indexSlots() throws {
    let l = Self.ledger
    let back = try Ledger(snapshot: l.encodeSnapshot())
    let saved = l.indexSlots
    #expect(back.indexSlots.customers == saved.customers)
    #expect(back.indexSlots.claims == saved.claims && back.indexSlots.kids == saved.kids)
    func findsAll(_ x: Ledger) {
      for (i, c) in l.customers.values.enumerated() { #expect(x.customers.position(of: c.id) == i) }
      for (i, c) in l.claims.values.enumerated() {
        #expect(x.claims.position(of: c.invoice) == i)
        if let kid = c.kid { #expect(x.claimPosition(kid: kid) == l.claimPosition(kid: kid)) }
      }
      #expect(x.customers.position(of: "no such customer") == nil)
    }
    findsAll(back)
    // Slots naming a position twice are refused, and the indexes rebuilt from the values.
    var bad = saved
    let used = bad.claims.indices.filter { bad.claims[$0] != 0 }
    bad.claims[used[1]] = bad.claims[used[0]]
    var rebuilt = try Ledger(
      customers: l.customers.values, claims: l.claims.values, eventCount: l.eventCount,
      rejected: l.rejected, unmatchedPayments: l.unmatchedPayments,
      timelineRefs: l.timelineRefs, timelinePrevious: l.timelinePrevious,
      customerLastEvent: l.customerLastEvent, claimOwner: l.claimOwner, indexSlots: bad)
    rebuilt.restorePlans(l.plans)
    rebuilt.restoreReportLog(l.reportLog)
    #expect(rebuilt == l && rebuilt.indexSlots.claims != bad.claims)
    findsAll(rebuilt)
    // KID slots naming a claim past the last (on both paths of the restore) are refused too.
    var badKids = saved
    let kidUsed = badKids.kids.indices.filter { badKids.kids[$0] != 0 }
    badKids.kids[kidUsed[0]] = badKids.kids[kidUsed[0]] & ~0xFFFF_FFFF | UInt64(l.claims.count + 1)
    for parallelFrom in [0, Int.max] {
      var kidsRebuilt = try Ledger(
        customers: l.customers.values, claims: l.claims.values, eventCount: l.eventCount,
        rejected: l.rejected, unmatchedPayments: l.unmatchedPayments,
        timelineRefs: l.timelineRefs, timelinePrevious: l.timelinePrevious,
        customerLastEvent: l.customerLastEvent, claimOwner: l.claimOwner, indexSlots: badKids,
        parallelFrom: parallelFrom)
      kidsRebuilt.restorePlans(l.plans)
      kidsRebuilt.restoreReportLog(l.reportLog)
      #expect(kidsRebuilt == l && kidsRebuilt.indexSlots.kids != badKids.kids)
      findsAll(kidsRebuilt)
    }
    // A restored ledger keeps folding like the original: the adopted indexes grow as usual.
    var more = back
    var fresh = l
    let extra = DemoGenerator(seed: 43, customers: 300, today: Self.today).events()
    for (i, e) in extra.enumerated() {
      let ref = EventRef(journal: 3, offset: UInt64(i))
      more.apply(e, ref: ref)
      fresh.apply(e, ref: ref)
    }
    #expect(more == fresh && more.claims.count > l.claims.count)
  }

  /// The parts of an `encodeSnapshot()` payload: its part count, their lengths, then them.
  static func parts(of whole: [UInt8]) throws -> [[UInt8]] {
    var r = BinaryReader(whole)
    let n = Int(try r.readUInt32())
    var at = 4 + 8 * n
    var parts: [[UInt8]] = []
    for _ in 0..<n {
      let length = Int(try r.readUInt64())
      parts.append(Array(whole[at..<at + length]))
      at += length
    }
    #expect(at == whole.count)
    return parts
  }

  @Test(
    "each part streamed in chunks has the same bytes, and the parts decode on two threads or one")
  func streamed() throws {
    let l = Self.ledger
    let whole = try Self.parts(of: l.encodeSnapshot())
    #expect(whole.count == 2 && Ledger.snapshotPartCount == 2)
    var streamed: [[UInt8]] = []
    for part in 0..<Ledger.snapshotPartCount {
      var w = BinaryWriter()
      var chunks: [[UInt8]] = []
      l.encodeSnapshot(part: part, into: &w) { chunk in
        chunks.append(chunk.bytes)
        chunk.removeAll()
      }
      #expect(w.count == 0)
      streamed.append(Array(chunks.joined()))
    }
    #expect(streamed == whole)
    for concurrently in [true, false] {
      // Each part inside a larger buffer, read from its range.
      let parts = whole.map { SnapshotPart([1, 2, 3] + $0 + [9, 9], range: 3..<(3 + $0.count)) }
      #expect(try Ledger(snapshotParts: parts, concurrently: concurrently) == l)
      #expect(parts.allSatisfy { $0.isAtEnd })
    }
  }

  @Test(
    "restoring on one thread or two gives the same ledger; an owner naming another customer is refused",
    arguments: [0, Int.max])
  func owners(parallelFrom: Int) throws {
    let l = Self.ledger
    func restore(_ owners: [Int32]) throws -> Ledger {
      var back = try Ledger(
        customers: l.customers.values, claims: l.claims.values, eventCount: l.eventCount,
        rejected: l.rejected, unmatchedPayments: l.unmatchedPayments,
        timelineRefs: l.timelineRefs, timelinePrevious: l.timelinePrevious,
        customerLastEvent: l.customerLastEvent, claimOwner: owners, indexSlots: l.indexSlots,
        assignedPayments: l.assignedPayments, rules: l.rules, parallelFrom: parallelFrom)
      back.restorePlans(l.plans)
      back.restoreReportLog(l.reportLog)
      return back
    }
    #expect(try restore(l.claimOwner) == l)
    var wrong = l.claimOwner
    wrong[7] = (wrong[7] + 1) % Int32(l.customers.count)
    #expect(throws: Ledger.OwnerMismatch(claim: 7)) { try restore(wrong) }
    wrong[7] = Int32(l.customers.count)
    #expect(throws: Ledger.OwnerMismatch(claim: 7)) { try restore(wrong) }
  }

  @Test("a cut or wrongly versioned payload is refused")
  func damaged() throws {
    let bytes = Self.ledger.encodeSnapshot()
    for cut in [0, 3, 4, 40, bytes.count / 2, bytes.count - 1] {
      #expect(throws: BinaryReader.Malformed.self) {
        try Ledger(snapshot: Array(bytes.prefix(cut)))
      }
    }
    var other = bytes
    other[0] ^= 1
    #expect(throws: BinaryReader.Malformed.self) { try Ledger(snapshot: other) }
    #expect(throws: BinaryReader.Malformed.self) { try Ledger(snapshot: bytes + [0]) }
  }

  @Test(
    "a part 0 and a part 1 of different ledgers are refused (the timeline is split between them)")
  func timelineHalves() throws {
    // One more note on an existing customer: the same customers and claims, one more
    // timeline entry, whose reference is in part 1 and whose previous entry is in part 0.
    var longer = Self.ledger
    var note = Event.noteAdded(customer: longer.customers.values[0].id, text: "ringte")
    note.id = "k:999999"
    note.at = "2026-11-30T10:00:00+01:00"
    longer.apply(note, ref: EventRef(journal: 0, offset: 9_999_999))
    #expect(longer.timelineRefs.count == Self.ledger.timelineRefs.count + 1)
    let a = try Self.parts(of: Self.ledger.encodeSnapshot())
    let b = try Self.parts(of: longer.encodeSnapshot())
    func part(_ bytes: [UInt8]) -> SnapshotPart { SnapshotPart(bytes, range: bytes.indices) }
    #expect(try Ledger(snapshotParts: [part(b[0]), part(b[1])], concurrently: false) == longer)
    for mixed in [[a[0], b[1]], [b[0], a[1]]] {
      #expect(throws: BinaryReader.Malformed.self) {
        try Ledger(snapshotParts: mixed.map(part), concurrently: false)
      }
    }
  }

  @Test("the fold never reads the text of the types it lets a replay leave it out of")
  func textNotFolded() throws {
    func folded(strippingTextOf types: Set<EventType>?) -> Ledger {
      var l = Ledger()
      for (i, var e) in Self.events.enumerated() {
        if types.map({ $0.contains(e.type) }) ?? true { e.text = nil }
        l.apply(e, ref: EventRef(journal: UInt32(i % 3), offset: UInt64(i) * 250))
      }
      return l
    }
    #expect(Self.events.contains { Ledger.textNotFolded.contains($0.type) && $0.text != nil })
    #expect(folded(strippingTextOf: Set(Ledger.textNotFolded)) == Self.ledger)
    // The comparison sees texts: stripping every text (objections' too) changes the ledger.
    #expect(folded(strippingTextOf: nil) != Self.ledger)
  }

  @Test("a store loaded from its snapshot equals a full replay, and the tail is folded on top")
  func throughStore() throws {
    let io = MemoryFileIO()
    try Store.create(at: "store", info: Fixtures.info, io: io)
    var byWriter: [String: [Event]] = [:]
    for e in Self.events { byWriter[e.by, default: []].append(e) }
    let writers = byWriter.keys.sorted()
    for w in writers {
      let s = try Store.open(at: "store", writer: w, io: io)
      _ = try s.replay { _, _ in }
      _ = try s.append(byWriter[w]!)
    }
    func load(_ s: Store) throws -> (Ledger, ReplayReport) {
      try s.load(initial: Ledger()) { l, e, r in l.apply(e, ref: r) }
    }
    let first = try Store.open(at: "store", writer: writers[0], io: io)
    let (full, report) = try load(first)
    #expect(!report.usedSnapshot && full.eventCount == Self.events.count)
    // The load left out texts the fold does not read; a replay still gives every text.
    let viewer = try Store.open(at: "store", writer: "viewer", readOnly: true, io: io)
    var texts = 0
    var withTexts = Ledger()
    _ = try viewer.replay { e, r in
      texts += e.text == nil ? 0 : 1
      withTexts.apply(e, ref: r)
    }
    #expect(texts == Self.events.filter { $0.text != nil }.count)
    #expect(full == withTexts)
    try first.writeSnapshot(full)
    // The tail is the newest event (after every demo event of the day): an older event that
    // arrives late is folded on top of a snapshot, so only then do the loads compare equal.
    var tail = Event(
      id: "", seq: 0, at: "2026-11-30T20:00:00+01:00", by: writers[1], type: .callLogged,
      customer: full.customers.values[7].id)
    tail.outcome = "reached"
    let other = try Store.open(at: "store", writer: writers[1], io: io)
    _ = try other.replay { _, _ in }
    _ = try other.append([tail])
    let (restored, again) = try load(
      try Store.open(at: "store", writer: writers[0], readOnly: true, io: io))
    #expect(again.usedSnapshot && again.events == 1)
    let (replayed, _) = try load(
      try Store.open(at: "store", writer: "someone-else", readOnly: true, io: io))
    #expect(restored == replayed)
    #expect(restored.customers.values[7].callCount == full.customers.values[7].callCount + 1)
    // A damaged byte anywhere in the payload (read in pieces) makes the load replay instead.
    let file = "store/cache/snapshot-\(writers[0]).bin"
    let good = io.contents(file)!
    for at in [good.count / 3, good.count - 5] {
      var bad = good
      bad[at] ^= 0x10
      io.overwrite(file, bad)
      let (state, r) = try load(
        try Store.open(at: "store", writer: writers[0], readOnly: true, io: io))
      #expect(!r.usedSnapshot && state == replayed)
    }
  }

  @Test("the payload is read frame by frame, in pieces no larger than a frame")
  func pieces() throws {
    let whole = try Self.parts(of: Self.ledger.encodeSnapshot())
    var largest = 0
    let parts = whole.map { bytes in
      SnapshotPart(length: bytes.count) { at, buffer in
        largest = max(largest, buffer.count)
        buffer.withUnsafeMutableBytes { $0.copyBytes(from: bytes[at..<at + $0.count]) }
      }
    }
    let back = try Ledger(snapshotParts: parts, concurrently: false)
    #expect(back == Self.ledger && parts.allSatisfy { $0.isAtEnd })
    #expect(largest <= Ledger.snapshotChunk + 64 * 1024)
  }
}

/// The varint and compact-string encodings the ledger payload uses.
@Suite("Compact binary fields")
struct CompactBinaryTests {
  @Test("varints and compact strings read back, and a cut one is refused")
  func roundTrip() throws {
    let numbers: [UInt64] = [0, 1, 127, 128, 300, 16_383, 16_384, 1 << 35, .max]
    let strings = ["", "K1", String(repeating: "æøå", count: 60), "kari@pc1:000123"]
    var w = BinaryWriter()
    for n in numbers { w.writeVarint(n) }
    for s in strings { w.writeCompact(s) }
    #expect(w.count < numbers.count * 8 + strings.reduce(0) { $0 + $1.utf8.count + 8 })
    var r = BinaryReader(w.bytes)
    for n in numbers { #expect(try r.readVarint() == n) }
    for s in strings { #expect(try r.readCompactString() == s) }
    #expect(r.isAtEnd)
    var cut = BinaryReader(Array(w.bytes.dropLast()))
    for _ in numbers { _ = try cut.readVarint() }
    for _ in strings.dropLast() { _ = try cut.readCompactString() }
    #expect(throws: BinaryReader.Malformed.self) { try cut.readCompactString() }
  }

  @Test("a varint is read only within the reader's range, one byte or many")
  func varintWithinRange() throws {
    var w = BinaryWriter()
    w.writeVarint(5)
    w.writeVarint(300)
    w.writeVarint(7)
    // bytes: 05 | ac 02 | 07
    var first = BinaryReader(w.bytes, range: 0..<1)
    #expect(try first.readVarint() == 5)
    #expect(throws: BinaryReader.Malformed.self) { try first.readVarint() }
    var middle = BinaryReader(w.bytes, range: 1..<3)
    #expect(try middle.readVarint() == 300 && middle.isAtEnd)
    var cut = BinaryReader(w.bytes, range: 1..<2)
    #expect(throws: BinaryReader.Malformed.self) { try cut.readVarint() }
    var last = BinaryReader(w.bytes, range: 3..<4)
    #expect(try last.readVarint() == 7 && last.isAtEnd)
    var empty = BinaryReader(w.bytes, range: 4..<4)
    #expect(throws: BinaryReader.Malformed.self) { try empty.readVarint() }
  }
}
