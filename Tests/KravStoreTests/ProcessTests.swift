import Glibc
import KravCore
import Testing

@testable import KravStore

/// Tests with real writer processes (`krav-bench writer`): kill -9 loops and concurrency.
@Suite(
  "Writer processes", .serialized, .enabled(if: BenchBinary.path != nil, "\(BenchBinary.missing)"))
struct ProcessTests {
  @Test("kill -9 at random moments never loses an event the writer acknowledged")
  func crashLoop() throws {
    let kills = Fixtures.long ? 1_000 : 50
    // Stores of 100 kills each: every writer start replays its journal, so one ever-growing
    // journal would make the loop quadratic (it reached 670 MB and half an hour in CI). Each
    // writer also stops after 400 events if it is not killed first.
    var seed: UInt64 = 0x1234_5678
    var acknowledgedTotal = 0
    for segment in 0..<(kills + 99) / 100 {
      let dir = Fixtures.tempFolder()
      defer { Fixtures.removeTree(dir) }
      let root = dir + "/s"
      try Store.create(at: root, info: Fixtures.info)
      for round in segment * 100..<min(kills, segment * 100 + 100) {
        seed = seed &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
        let child = try #require(
          Child.spawn(
            [
              BenchBinary.path!, "writer", "--store", root, "--as", "w", "--batch",
              "\(1 + round % 3)", "--count", "400",
            ],
            stdout: dir + "/acked.txt", stderr: dir + "/stderr.txt"))
        if round % 5 == 0 {
          // Every fifth kill lands mid-append for sure: wait until the writer acknowledged
          // something more, however slow start-up is on a busy machine.
          let before = Fixtures.readFile(dir + "/acked.txt").count
          for _ in 0..<3_000 where Fixtures.readFile(dir + "/acked.txt").count == before {
            usleep(1_000)
          }
          usleep(UInt32((seed >> 33) % 3_000))
        } else {
          usleep(UInt32(2_000 + (seed >> 33) % 60_000))
        }
        child.kill9()
        child.wait()
      }
      let acknowledged = completeLines(dir + "/acked.txt")
      acknowledgedTotal += acknowledged.count
      let store = try Store.open(at: root, writer: "w")
      var stored = Set<String>()
      let report = try store.replay { e, _ in stored.insert(e.id) }
      #expect(report.findings.allSatisfy { !$0.blocksWriting }, "\(report.findings)")
      let lost = acknowledged.filter { !stored.contains($0) }
      #expect(lost.isEmpty, "lost \(lost.count) acknowledged events, e.g. \(lost.prefix(3))")
      #expect(Fixtures.readFile(dir + "/stderr.txt").isEmpty)
    }
    #expect(acknowledgedTotal >= kills / 5, "the writer should have acknowledged events")
  }

  @Test("4, 8 and 16 writer processes appending at once: nothing mixed or lost")
  func concurrentWriters() throws {
    for writers in [4, 8, 16] {
      let dir = Fixtures.tempFolder()
      defer { Fixtures.removeTree(dir) }
      let root = dir + "/s"
      try Store.create(at: root, info: Fixtures.info)
      let count = Fixtures.long ? 1_000 : 400 / writers
      let children = try (0..<writers).map { w in
        try #require(
          Child.spawn(
            [BenchBinary.path!, "writer", "--store", root, "--as", "w\(w)", "--count", "\(count)"],
            stdout: dir + "/acked-\(w).txt", stderr: dir + "/stderr.txt"))
      }
      for c in children { #expect(c.wait() == 0) }
      let store = try Store.open(at: root, writer: "check", readOnly: true)
      var seqs: [String: [Int]] = [:]
      var ids = Set<String>()
      let report = try store.replay { e, _ in
        seqs[String(e.id.split(separator: ":")[0]), default: []].append(e.seq)
        ids.insert(e.id)
      }
      #expect(report.findings.isEmpty, "\(report.findings.prefix(3))")
      #expect(report.events == writers * count)
      for w in 0..<writers {
        #expect(seqs["w\(w)"] == Array(1...count), "writer w\(w)")
        #expect(completeLines(dir + "/acked-\(w).txt").allSatisfy { ids.contains($0) })
      }
    }
  }

  @Test("a writer process is refused while another session holds the same journal")
  func lockAcrossProcesses() throws {
    let dir = Fixtures.tempFolder()
    defer { Fixtures.removeTree(dir) }
    let root = dir + "/s"
    try Store.create(at: root, info: Fixtures.info)
    let args = [BenchBinary.path!, "writer", "--store", root, "--as", "kari", "--count", "5"]
    do {
      let holder = try Store.open(at: root, writer: "kari")
      let child = try #require(Child.spawn(args, stdout: dir + "/out", stderr: dir + "/err"))
      #expect(child.wait() == 1)
      let message = String(decoding: Fixtures.readFile(dir + "/err"), as: UTF8.self)
      #expect(
        message.contains("journal journal/kari.jsonl is in use by another Krav session of kari"))
      _ = holder
    }
    let child = try #require(Child.spawn(args, stdout: dir + "/out", stderr: dir + "/err2"))
    #expect(child.wait() == 0)
    #expect(completeLines(dir + "/out") == (1...5).map { "kari:\($0)" })
  }
}
