import KravCore
import Testing

@testable import KravStore

/// The report log in a snapshot (issue 21): reports from a restored ledger are the same.
@Suite("Report log in snapshots")
struct ReportSnapshotTests {
  @Test("a restored ledger has the same report log and gives the same reports")
  func roundTrip() throws {
    let l = LedgerSnapshotTests.ledger
    let today = LedgerSnapshotTests.today
    #expect(l.reportLog.entries.count > 500)
    #expect(Set(l.reportLog.entries.map(\.kind)) == [.step, .call, .promise, .closed])
    let back = try Ledger(snapshot: l.encodeSnapshot())
    #expect(back.reportLog == l.reportLog)
    let periods = ReportPeriods(
      from: today.adding(days: -200), to: today, grouping: .week)
    #expect(
      back.collectorsReport(periods: periods, facts: ReportFacts(back))
        == l.collectorsReport(periods: periods, facts: ReportFacts(l)))
    #expect(
      back.funnelReport(periods: periods, today: today, facts: ReportFacts(back))
        == l.funnelReport(periods: periods, today: today, facts: ReportFacts(l)))
  }

  @Test("a report record pointing past the claims is refused as damaged")
  func damagedTarget() throws {
    var l = Ledger()
    var added = Event(
      id: "a", seq: 1, at: "2026-11-01T10:00:00+01:00", by: "kari", type: .customerAdded,
      customer: "K1")
    added.name = "Kari"
    var call = Event(
      id: "b", seq: 2, at: "2026-11-01T10:00:00+01:00", by: "kari", type: .callLogged,
      customer: "K1")
    call.outcome = "reached"
    let events = [added, call]
    for (i, e) in events.enumerated() { l.apply(e, ref: EventRef(journal: 0, offset: UInt64(i))) }
    var bytes = l.encodeSnapshot()
    #expect(try Ledger(snapshot: bytes).reportLog == l.reportLog)
    // The call's record: day, then target 0 (the customer) as a little-endian u32 after it.
    let words = ReportEntryBits.words(l.reportLog.entries[0])
    let needle = withUnsafeBytes(of: words.0.littleEndian) { Array($0) }
    let at = (0...(bytes.count - 8)).first { Array(bytes[$0..<$0 + 8]) == needle }!
    bytes[at + 4] = 7  // customer 7 does not exist
    #expect(throws: (any Error).self) { try Ledger(snapshot: bytes) }
  }

  /// The restore copies report records straight from the frames when `ReportEntry`'s layout is
  /// the two words' (fast path); the plain twin decodes each record. Same records, same refusals.
  @Test("report records: the straight copy and its plain twin agree and refuse the same")
  func copyAndPlainAgree() throws {
    #expect(ReportEntryBits.layoutMatches, "on this machine restores take the copy")
    var seed: UInt64 = 0x9E37_79B9_7F4A_7C15
    func next() -> UInt64 {
      seed = seed &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
      return seed
    }
    var entries: [ReportEntry] = []
    for i in 0..<3_000 {
      let r = next()
      entries.append(
        ReportEntry(
          kind: ReportEntry.Kind.allCases[i % ReportEntry.Kind.allCases.count],
          day: Day(ordinal: Int32(truncatingIfNeeded: r)),
          target: i == 0 ? Int32.max : Int32(truncatingIfNeeded: r >> 32),
          collector: i == 1 ? UInt16.max : UInt16(truncatingIfNeeded: r >> 7),
          detail: UInt8(truncatingIfNeeded: r >> 50),
          extra: i == 2 ? Int32.min : Int32(truncatingIfNeeded: r >> 17)))
    }
    var bytes: [UInt8] = []
    for e in entries {
      let (a, b) = ReportEntryBits.words(e)
      withUnsafeBytes(of: a.littleEndian) { bytes += $0 }
      withUnsafeBytes(of: b.littleEndian) { bytes += $0 }
    }
    func decode(_ bytes: [UInt8], plain: Bool) throws -> [ReportEntry] {
      try [ReportEntry](unsafeUninitializedCapacity: entries.count) { buffer, n in
        try bytes.withUnsafeBytes {
          try ReportEntryBits.decode(
            $0.baseAddress!, count: entries.count, into: buffer.baseAddress!, plain: plain)
        }
        n = entries.count
      }
    }
    #expect(try decode(bytes, plain: false) == entries)
    #expect(try decode(bytes, plain: true) == entries)
    // An unknown kind (byte 14 of a record) is refused by both.
    for bad: UInt8 in [4, 255] {
      var damaged = bytes
      damaged[16 * 1_234 + 14] = bad
      #expect(throws: BinaryReader.Malformed.self) { try decode(damaged, plain: false) }
      #expect(throws: BinaryReader.Malformed.self) { try decode(damaged, plain: true) }
    }
  }
}
