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
}
