import KravCore
import Testing

@testable import KravStore

@Suite("Damaged journals")
struct CorruptionTests {
  static let path = "store/journal/kari.jsonl"

  /// A memory store whose `kari` journal holds `count` notes; returns the io and the bytes.
  static func journal(_ count: Int) throws -> (MemoryFileIO, [UInt8]) {
    let io = MemoryFileIO()
    let store = try Fixtures.memoryStore(io)
    for i in 0..<count {
      _ = try store.append([Fixtures.note("C\(i % 7)", "note \(i)", minute: i)])
    }
    return (io, io.contents(path)!)
  }

  /// Start offsets of each line in `bytes`.
  static func lineStarts(_ bytes: [UInt8]) -> [Int] {
    [0] + bytes.indices.filter { bytes[$0] == 10 && $0 + 1 < bytes.count }.map { $0 + 1 }
  }

  /// Loads the store read-only (nothing is cut) and returns events and findings.
  static func load(_ io: MemoryFileIO) throws -> ([Event], [Finding]) {
    let store = try Store.open(at: "store", writer: "kari", readOnly: true, io: io)
    let (events, report) = try Fixtures.replayAll(store)
    return (events, report.findings)
  }

  @Test("a torn last line is reported with file, line and offset, quarantined, then cut off")
  func tornTail() throws {
    let (io, bytes) = try Self.journal(5)
    let partial = Array(#"{"at":"2026-11-30T10:00:00+01:00","by":"kari","#.utf8)
    io.overwrite(Self.path, bytes + partial)
    let store = try Store.open(at: "store", writer: "kari", io: io)
    let (events, report) = try Fixtures.replayAll(store)
    #expect(events.count == 5)
    let f = try #require(report.findings.first)
    #expect(f.kind == .tornTail && f.file == "journal/kari.jsonl" && f.line == 6)
    #expect(f.byteOffset == UInt64(bytes.count))
    #expect(!store.isReadOnly)
    #expect(io.contents(Self.path)! == bytes)
    let quarantined = try io.list("store/quarantine")
    #expect(quarantined.count == 1 && quarantined[0].hasPrefix("kari.jsonl."))
    #expect(io.contents("store/quarantine/" + quarantined[0]) == partial)
    #expect(try store.append([Fixtures.payment("C1", 5)])[0].seq == 6)
  }

  @Test("another writer's partial last line is left alone until it is complete, then refreshed")
  func foreignPartialLine() throws {
    let (io, bytes) = try Self.journal(3)
    let next = try JournalLine.encode(
      Event(id: "kari:4", seq: 4, at: Fixtures.at(9), by: "kari", type: .noteAdded),
      prev: try JournalLine.decode(Array(bytes[Self.lineStarts(bytes)[2]...])).get().crc)
    io.overwrite(Self.path, bytes + next[0..<20])
    let ola = try Store.open(at: "store", writer: "ola", io: io)
    let (events, report) = try Fixtures.replayAll(ola)
    #expect(events.count == 3 && report.findings.isEmpty)
    #expect(io.contents(Self.path)!.count == bytes.count + 20)
    io.overwrite(Self.path, bytes + next)
    var fresh: [String] = []
    #expect(try ola.refresh { e, _ in fresh.append(e.id) })
    #expect(fresh == ["kari:4"])
    #expect(!ola.isReadOnly)
  }

  @Test("every single-bit flip in a 20-line journal is found at its line; the rest still loads")
  func bitFlips() throws {
    let (io, bytes) = try Self.journal(20)
    let starts = Self.lineStarts(bytes)
    let stride = Fixtures.long ? 1 : 5
    for position in Swift.stride(from: 0, to: bytes.count, by: stride) {
      let line = starts.lastIndex { $0 <= position }! + 1
      for bit in 0..<8 {
        var damaged = bytes
        damaged[position] ^= 1 << bit
        io.overwrite(Self.path, damaged)
        let (events, findings) = try Self.load(io)
        let first = try #require(findings.first, "flip at \(position) bit \(bit) not found")
        #expect(first.line == line, "flip at byte \(position) bit \(bit)")
        #expect(first.file == "journal/kari.jsonl")
        // A flipped newline merges or splits lines; otherwise only the damaged line is lost.
        #expect(events.count >= (bytes[position] == 10 ? 18 : 19))
        #expect(!events.contains { $0.seq == line } || bytes[position] == 10)
      }
    }
  }

  @Test("deleted, duplicated, swapped and inserted lines are found at the right line")
  func chainBreaks() throws {
    let (io, bytes) = try Self.journal(20)
    let starts = Self.lineStarts(bytes) + [bytes.count]
    func line(_ n: Int) -> [UInt8] { Array(bytes[starts[n - 1]..<starts[n]]) }
    let lines = (1...20).map(line)
    let foreign = try JournalLine.encode(
      Event(id: "kari:99", seq: 10, at: Fixtures.at(9), by: "kari", type: .noteAdded), prev: 1)
    let cases: [(String, [[UInt8]], Int, Int)] = [
      ("deleted", Array(lines[0..<9] + lines[10...]), 10, 19),
      ("duplicated", Array(lines[0..<10] + [lines[9]] + lines[10...]), 11, 20),
      ("swapped", Array(lines[0..<9] + [lines[10], lines[9]] + lines[11...]), 10, 20),
      ("inserted", Array(lines[0..<9] + [foreign] + lines[9...]), 10, 21),
    ]
    for (name, damaged, expectedLine, expectedEvents) in cases {
      io.overwrite(Self.path, damaged.flatMap { $0 })
      let (events, findings) = try Self.load(io)
      let first = try #require(findings.first, "\(name) not found")
      #expect(first.line == expectedLine, "\(name)")
      #expect(first.kind == .brokenChain, "\(name)")
      #expect(events.count == expectedEvents, "\(name)")
      let writer = try Store.open(at: "store", writer: "kari", io: io)
      _ = try writer.replay { _, _ in }
      #expect(writer.isReadOnly, "\(name)")
      #expect(throws: StoreError.self) { _ = try writer.append([Fixtures.payment("C1", 1)]) }
    }
  }

  @Test("a line repeated in another journal is skipped and reported; the payment counts once")
  func duplicateIds() throws {
    let io = MemoryFileIO()
    let store = try Fixtures.memoryStore(io)
    _ = try store.append([Fixtures.payment("C1", 50_000), Fixtures.payment("C2", 700)])
    // A file-sync conflict copy of the whole journal under another name.
    let copy = io.contents(Self.path)!
    _ = try Store.open(at: "store", writer: "kari-conflict", io: io)
    io.overwrite("store/journal/kari-conflict.jsonl", copy)
    let (events, findings) = try Self.load(io)
    #expect(events.compactMap(\.amount).reduce(0, +) == 50_700)
    #expect(findings.map(\.kind) == [.duplicateId, .duplicateId])
    #expect(findings.map(\.line) == [1, 2])
    #expect(findings.allSatisfy { $0.file == "journal/kari-conflict.jsonl" })
  }

  @Test("cut at every byte, a 200-event journal loads fully or reports a torn tail at its line")
  func truncationAtEveryByte() throws {
    let (io, bytes) = try Self.journal(200)
    let starts = Self.lineStarts(bytes)
    var offsets = Array(0...starts[3]) + Array(starts[197]...bytes.count)
    if Fixtures.long {
      offsets = Array(0...bytes.count)
    } else {
      offsets += Swift.stride(from: starts[3], to: starts[197], by: 97)
    }
    for cut in offsets {
      io.overwrite(Self.path, Array(bytes[0..<cut]))
      let store = try Store.open(at: "store", writer: "kari", io: io)
      let (events, report) = try Fixtures.replayAll(store)
      let complete = starts.filter { $0 > 0 && $0 <= cut }.count + (cut == bytes.count ? 1 : 0)
      #expect(events.count == complete, "cut at \(cut)")
      let boundary = cut == 0 || cut == bytes.count || starts.contains(cut)
      if boundary {
        #expect(report.findings.isEmpty, "cut at \(cut)")
      } else {
        let f = report.findings.first
        #expect(f?.kind == .tornTail && f?.line == complete + 1, "cut at \(cut)")
        #expect(f?.byteOffset == UInt64(complete == 0 ? 0 : starts[complete]), "cut at \(cut)")
      }
      #expect(!store.isReadOnly)
    }
  }
}
