import KravCore
import Testing

@testable import KravStore

@Suite("Check and repair")
struct CheckRepairTests {
  /// A store with 30 events by ola and 10 by kari, ola's line 10 damaged, kari's tail torn.
  static func damaged() throws -> (MemoryFileIO, ola: [UInt8], kari: [UInt8]) {
    let io = MemoryFileIO()
    try Store.create(at: "store", info: Fixtures.info, io: io)
    for (w, n) in [("ola", 30), ("kari", 10)] {
      let s = try Store.open(at: "store", writer: w, io: io)
      _ = try s.replay { _, _ in }
      for i in 0..<n { _ = try s.append([Fixtures.payment("C\(i)", Int64(i), minute: i)]) }
    }
    let ola = io.contents("store/journal/ola.jsonl")!
    let kari = io.contents("store/journal/kari.jsonl")!
    var bad = ola
    bad[CorruptionTests.lineStarts(ola)[9] + 3] ^= 0x10
    io.overwrite("store/journal/ola.jsonl", bad)
    io.overwrite("store/journal/kari.jsonl", kari + Array("{\"at\"".utf8))
    return (io, ola, kari)
  }

  @Test("check of a clean store finds nothing; of a damaged one, each problem at file:line")
  func check() throws {
    let clean = MemoryFileIO()
    _ = try Fixtures.memoryStore(clean)
    #expect(try Store.check(at: "store", io: clean).isEmpty)
    let (io, ola, kari) = try Self.damaged()
    let findings = try Store.check(at: "store", io: io)
    #expect(findings.map(\.description).contains { $0.hasPrefix("journal/ola.jsonl:10: checksum") })
    let torn = try #require(findings.first { $0.kind == .tornTail })
    #expect(torn.file == "journal/kari.jsonl" && torn.line == 11)
    #expect(torn.byteOffset == UInt64(kari.count))
    #expect(io.contents("store/journal/ola.jsonl")!.count == ola.count)
  }

  /// The payments (customer ids) a store replays, in order.
  static func payments(_ io: MemoryFileIO) throws -> [String] {
    let s = try Store.open(at: "store", writer: "probe", readOnly: true, io: io)
    let (events, _) = try Fixtures.replayAll(s)
    return events.filter { $0.type == .paymentRegistered }.compactMap(\.customer)
  }

  // Issue 16, point 11 changed this test: repair used to cut everything from the first
  // damaged line on (ola's lines 10–30); now only line 10 is moved aside, lines 11–30 are kept
  // and re-chained, and the repair is recorded in the journal.
  @Test("repair plans first, then moves only the damaged lines to quarantine and keeps the rest")
  func repair() throws {
    let (io, ola, kari) = try Self.damaged()
    let plan = try Store.planRepair(at: "store", io: io)
    let cutAt = CorruptionTests.lineStarts(ola)[9]
    let nextAt = CorruptionTests.lineStarts(ola)[10]
    #expect(plan.mends.map(\.file) == ["journal/kari.jsonl", "journal/ola.jsonl"])
    #expect(plan.mends[1].removals.map(\.line) == [10])
    #expect(plan.mends[1].removals[0].offset == UInt64(cutAt))
    #expect(plan.mends[0].removals.map(\.reason.kind) == [.tornTail])
    #expect(plan.steps[1].hasPrefix("journal/ola.jsonl: move line(s) 10 to quarantine/"))
    // Planning changed nothing.
    #expect(io.contents("store/journal/kari.jsonl")!.count == kari.count + 5)
    let moved = try Store.repair(at: "store", plan: plan, io: io, by: "kari")
    #expect(moved.count == 2)
    var damagedOla = ola
    damagedOla[cutAt + 3] ^= 0x10
    #expect(io.contents("store/" + moved[1]) == Array(damagedOla[cutAt..<nextAt]))
    let mended = io.contents("store/journal/ola.jsonl")!
    #expect(Array(mended[0..<cutAt]) == Array(ola[0..<cutAt]), "lines before are untouched")
    #expect(io.contents("store/journal/kari.jsonl")!.starts(with: kari))
    #expect(try Store.check(at: "store", io: io).isEmpty)
    let paid = try Self.payments(io)
    #expect(paid.count == 29 + 10, "only the damaged payment is gone")
    let s = try Store.open(at: "store", writer: "ola", io: io)
    let (events, _) = try Fixtures.replayAll(s)
    #expect(
      events.contains {
        $0.type == "journal-repaired" && $0.by == "kari"
          && $0.text?.contains("line(s) 10 of journal/ola.jsonl") == true
      })
    #expect(events.contains { $0.type == "line-quarantined" && $0.seq == 10 })
    #expect(try s.append([Fixtures.payment("C1", 1)])[0].seq == 32)
  }

  @Test("repair refuses a journal in use and a plan the files no longer match")
  func repairRefuses() throws {
    let (io, _, _) = try Self.damaged()
    let plan = try Store.planRepair(at: "store", io: io)
    do {
      let session = try Store.open(at: "store", writer: "ola", io: io)
      #expect(throws: StoreError.journalInUse(file: "journal/ola.jsonl", writer: "ola")) {
        _ = try Store.repair(
          at: "store", plan: RepairPlan(mends: [plan.mends[1]], manual: []), io: io)
      }
      _ = session
    }
    let kari = io.contents("store/journal/kari.jsonl")!
    io.overwrite("store/journal/kari.jsonl", kari + [1])
    #expect(throws: StoreError.stalePlan(file: "journal/kari.jsonl")) {
      _ = try Store.repair(at: "store", plan: plan, io: io)
    }
  }

  @Test("a power cut at any step of a repair loses no good line; repairing again finishes it")
  func repairUnderPowerCut() throws {
    for step in 0..<14 {
      let (io, ola, kari) = try Self.damaged()
      let plan = try Store.planRepair(at: "store", io: io)
      io.fail(step: step, with: .powerCut)
      _ = try? Store.repair(at: "store", plan: plan, io: io)
      io.powerCut()
      _ = try Store.repair(at: "store", plan: try Store.planRepair(at: "store", io: io), io: io)
      #expect(try Store.check(at: "store", io: io).isEmpty, "cut at step \(step)")
      let cutAt = CorruptionTests.lineStarts(ola)[9]
      #expect(io.contents("store/journal/ola.jsonl")!.starts(with: ola[0..<cutAt]), "step \(step)")
      #expect(io.contents("store/journal/kari.jsonl")!.starts(with: kari), "step \(step)")
      #expect(try Self.payments(io).count == 29 + 10, "step \(step)")
      let quarantined = try io.list("store/quarantine")
      #expect(quarantined.contains { $0.hasPrefix("ola.jsonl.") && $0.hasSuffix(".cut") })
    }
  }

  @Test("check reports a journal other users can read")
  func permissions() throws {
    let io = MemoryFileIO()
    _ = try Fixtures.memoryStore(io)
    let fd = try io.open("store/journal/kari.jsonl", flags: 0, mode: 0)
    try io.chmod(fd, mode: 0o644)
    let findings = try Store.check(at: "store", io: io)
    #expect(findings.map(\.kind) == [.badFile])
    #expect(findings.first?.message.contains("644") == true)
  }
}
