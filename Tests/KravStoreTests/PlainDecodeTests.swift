import Foundation
import KravTestSupport
import Testing

@testable import KravCore
@testable import KravStore

/// The plain decode path (`KRAV_PLAIN_DECODE=1`): the whole store suite can run on it with
/// `KRAV_PLAIN_DECODE=1 swift test --filter KravStoreTests`; these tests keep a representative
/// part of it in every run.
@Suite("Plain decode path")
struct PlainDecodeTests {
  @Test("a store loads to the same ledger in a process on the plain path as on the fast one")
  func processOnPlainPath() throws {
    guard let bench = BenchBinary.path else { throw CancellationError() }
    let dir = NSTemporaryDirectory() + "krav-plain-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
    try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let store = dir + "/store"
    func run(_ args: [String], plain: Bool, _ name: String) throws -> String {
      let out = dir + "/\(name).out"
      let child = try #require(
        Child.spawn(
          [bench] + args, stdout: out, stderr: dir + "/\(name).err",
          environment: plain ? ["KRAV_PLAIN_DECODE=1"] : []))
      #expect(
        child.wait() == 0,
        "\(name): \((try? String(contentsOfFile: dir + "/\(name).err", encoding: .utf8)) ?? "")")
      return try String(contentsOfFile: out, encoding: .utf8)
    }
    _ = try run(
      ["generate", "--events", "20000", "--customers", "2000", "--out", store], plain: false, "gen")
    // The figures of the load (events, customers, claims, rejected, principal), without times.
    func facts(_ output: String) -> [String] {
      output.split(separator: "\n").filter { $0.hasPrefix("full load") || $0.hasPrefix("replay") }
        .map { line in
          line.replacingOccurrences(
            of: #" in [0-9.]+ (s|ms)( = [0-9.]+ M events/s)?"#, with: "",
            options: .regularExpression
          )
          .replacingOccurrences(of: #"; peak RSS.*"#, with: "", options: .regularExpression)
        }
    }
    let args = ["load", "--store", store, "--fold", "ledger", "--phase", "full"]
    let fast = try run(args, plain: false, "fast")
    let plain = try run(args, plain: true, "plain")
    #expect(!fast.contains("line decode: plain"))
    #expect(plain.contains("line decode: plain"))
    #expect(facts(fast).count == 1)
    #expect(facts(plain) == facts(fast))
    let replayArgs = ["load", "--store", store, "--fold", "balances", "--phase", "replay"]
    let fastReplay = try run(replayArgs, plain: false, "fast-replay")
    let plainReplay = try run(replayArgs, plain: true, "plain-replay")
    #expect(facts(fastReplay).count == 1 && facts(plainReplay) == facts(fastReplay))
  }

  @Test("every line of a generated store decodes to the same event on both paths")
  func sameEventsInProcess() throws {
    var lines: [[UInt8]] = []
    let drafts = KravTestSupport.Fixtures.threeCustomers(
      today: Day(year: 2026, month: 11, day: 30)!)
    for (k, draft) in drafts.enumerated() {
      var e = draft
      e.id = "kari@pc1:\(k + 1)"
      e.seq = k + 1
      // Clock times (with milliseconds) take the general `at` parser on both paths.
      if k % 2 == 1 { e.at = "2026-11-30T09:12:44.318+01:00" }
      lines.append(Array(try JournalLine.encode(e, prev: 0).dropLast()))
    }
    #expect(lines.count > 5)
    for line in lines {
      var fast = DecodedLine(event: LineDecoder.blank, prev: 0, crc: 0, atKey: 0)
      var plain = fast
      let (a, b) = line.withUnsafeBufferPointer {
        (
          LineDecoder.decode($0, into: &fast, plain: false),
          LineDecoder.decode($0, into: &plain, plain: true)
        )
      }
      #expect(a == nil && b == nil)
      #expect(fast.event == plain.event && fast.atKey == plain.atKey && fast.prev == plain.prev)
    }
  }
}
