import KravCore
import Testing

@testable import KravStore

/// Large journals are decoded on threads; the result must be exactly the inline one.
@Suite("Threaded replay")
struct ThreadedReplayTests {
  /// Events (id, ref), findings and final journal states of a replay of `root`.
  static func replay(_ root: String, threaded: Bool) throws
    -> ([Event], [EventRef], [Finding], [JournalState])
  {
    let store = try Store.open(at: root, writer: "viewer", readOnly: true)
    store.threadThreshold = threaded ? 0 : .max
    var events: [Event] = []
    var refs: [EventRef] = []
    let report = try store.replay { e, r in
      events.append(e)
      refs.append(r)
    }
    // Each event as decoded on its own from its line: decoders reuse their slots, and no
    // field of one line may leak into the next.
    for (e, r) in zip(events, refs) where try store.event(at: r) != e {
      Issue.record("event at \(r) differs from its line decoded alone")
      break
    }
    return (events, refs, report.findings, report.journals)
  }

  /// A new store at `dir/s` where each of `writers` (the `k`-th) appended `drafts(k)`.
  static func store(in dir: String, writers: [String], _ drafts: (Int) -> [Event]) throws
    -> String
  {
    let root = dir + "/s"
    try Store.create(at: root, info: Fixtures.info)
    for (k, w) in writers.enumerated() {
      let s = try Store.open(at: root, writer: w)
      _ = try s.replay { _, _ in }
      _ = try s.append(drafts(k))
    }
    return root
  }

  @Test("decoding on threads gives the same events, refs, findings and journal ends as inline")
  func sameAsInline() throws {
    let dir = Fixtures.tempFolder()
    defer { Fixtures.removeTree(dir) }
    let count = Fixtures.long ? 20_000 : 3_000
    let root = try Self.store(in: dir, writers: ["ola", "kari", "per"]) { k in
      var drafts: [Event] = []
      for i in 0..<count {
        var payment = Fixtures.payment("C\(i % 50)", Int64(i), minute: i * 3 + k)
        if i % 5 == 0 { payment.text = "innbetaling \(i) – æøå" }
        if i % 3 == 0 { payment.extra["x_future"] = "\(i)" }
        drafts.append(payment)
        if i % 7 == 0 { drafts.append(Fixtures.note("C\(i % 50)", "note \(i)", minute: i * 3 + k)) }
      }
      return drafts
    }
    // Damage: a flipped byte in ola's journal, a repeated line in per's, a torn tail in kari's.
    var ola = Fixtures.readFile(root + "/journal/ola.jsonl")
    ola[ola.count / 2] ^= 0x04
    Fixtures.writeFile(root + "/journal/ola.jsonl", ola)
    let per = Fixtures.readFile(root + "/journal/per.jsonl")
    let firstLine = per[...per.firstIndex(of: 10)!]
    Fixtures.writeFile(root + "/journal/per.jsonl", per + Array(firstLine))
    let kari = Fixtures.readFile(root + "/journal/kari.jsonl")
    Fixtures.writeFile(root + "/journal/kari.jsonl", kari + Array(#"{"at":"20"#.utf8))

    let inline = try Self.replay(root, threaded: false)
    let threaded = try Self.replay(root, threaded: true)
    #expect(inline.0.count > count * 3)
    #expect(threaded.0 == inline.0)
    #expect(threaded.1 == inline.1)
    #expect(threaded.2 == inline.2)
    #expect(threaded.3 == inline.3)
    // The flipped byte is a checksum mismatch, or a parse error if it hit the crc field.
    let kinds = Set(inline.2.map(\.kind))
    #expect(
      kinds == [.badChecksum, .brokenChain, .duplicateId]
        || kinds == [.parseError, .brokenChain, .duplicateId])
  }

  @Test("a refresh after a threaded replay reads only what was appended since")
  func refreshAfterThreaded() throws {
    let dir = Fixtures.tempFolder()
    defer { Fixtures.removeTree(dir) }
    let root = dir + "/s"
    try Store.create(at: root, info: Fixtures.info)
    let writer = try Store.open(at: root, writer: "ola")
    _ = try writer.replay { _, _ in }
    _ = try writer.append((0..<500).map { Fixtures.payment("C\($0)", 1, minute: $0) })
    let viewer = try Store.open(at: root, writer: "viewer", readOnly: true)
    viewer.threadThreshold = 0
    var seen = 0
    _ = try viewer.replay { _, _ in seen += 1 }
    _ = try writer.append([Fixtures.payment("C1", 2, minute: 900)])
    var fresh: [Int] = []
    #expect(try viewer.refresh { e, _ in fresh.append(e.seq) })
    #expect(seen == 500 && fresh == [501])
    #expect(viewer.findings.isEmpty)
  }

  @Test("one collector's events from two journals in one second merge by their milliseconds")
  func millisecondsOrderTwoJournals() throws {
    let dir = Fixtures.tempFolder()
    defer { Fixtures.removeTree(dir) }
    let root = dir + "/s"
    try Store.create(at: root, info: Fixtures.info)
    // The TUI's journal has seq 1–3 at .500; the command's journal seq 1 at .100, in between
    // by seq but first by time.
    let tui = try Store.open(at: root, writer: "kari@pc")
    _ = try tui.replay { _, _ in }
    _ = try tui.append(
      (0..<3).map { k in
        var e = Fixtures.note("C1", "tui \(k)")
        e.at = "2026-11-30T09:00:00.\(500 + k)+01:00"
        e.by = "kari"
        return e
      })
    let cli = try Store.open(at: root, writer: "kari@pc-cli")
    _ = try cli.replay { _, _ in }
    var first = Fixtures.note("C1", "cli")
    first.at = "2026-11-30T09:00:00.100+01:00"
    first.by = "kari"
    _ = try cli.append([first])
    let viewer = try Store.open(at: root, writer: "viewer", readOnly: true)
    var texts: [String] = []
    _ = try viewer.replay { e, _ in texts.append(e.text ?? "") }
    #expect(texts == ["cli", "tui 0", "tui 1", "tui 2"])
  }

  /// A state that notes which events it was shown ahead of folding them, and in which stage.
  struct LookaheadProbe: SnapshotState {
    var folded = 0
    var foldedUnseen = 0
    var foldedNotFar = 0
    var far: Set<String> = []
    var near: Set<String> = []
    var arrays: Set<String> = []
    var foldedNotArrays = 0
    var arraysBeforeNear = 0
    var seenTwice = 0
    var nearBeforeFar = 0
    init() {}
    init(snapshot: [UInt8]) throws { throw BinaryReader.Malformed() }
    func encodeSnapshot() -> [UInt8] { [] }
    mutating func lookahead(
      _ e: UnsafePointer<Event>, _ stage: Lookahead, _ prefetch: (UnsafeRawPointer) -> Void
    ) {
      switch stage {
      case .far:
        if !far.insert(e.pointee.id).inserted { seenTwice += 1 }
        if near.contains(e.pointee.id) { nearBeforeFar += 1 }
      case .near:
        if !near.insert(e.pointee.id).inserted { seenTwice += 1 }
      case .arrays:
        if !arrays.insert(e.pointee.id).inserted { seenTwice += 1 }
        if !near.contains(e.pointee.id) { arraysBeforeNear += 1 }
      }
      withUnsafePointer(to: &folded) { prefetch(UnsafeRawPointer($0)) }
    }
  }

  @Test(
    "a threaded full load shows the state nearly every event far, then near, then arrays, before folding it"
  )
  func lookaheadBeforeFold() throws {
    let dir = Fixtures.tempFolder()
    defer { Fixtures.removeTree(dir) }
    let root = try Self.store(in: dir, writers: ["ola", "kari"]) { k in
      (0..<3_000).map { Fixtures.payment("C\($0 % 40)", Int64($0), minute: $0 * 2 + k) }
    }
    for threaded in [true, false] {
      let store = try Store.open(at: root, writer: "viewer", readOnly: true)
      store.threadThreshold = threaded ? 0 : .max
      let (probe, report) = try store.load(initial: LookaheadProbe(), fromSnapshot: false) {
        state, e, _ in
        state.folded += 1
        if !state.near.contains(e.id) { state.foldedUnseen += 1 }
        if !state.far.contains(e.id) { state.foldedNotFar += 1 }
        if !state.arrays.contains(e.id) { state.foldedNotArrays += 1 }
      }
      #expect(report.events == 6_000 && probe.folded == 6_000)
      #expect(probe.seenTwice == 0 && probe.nearBeforeFar == 0)
      let batches = 2 * (3_000 / DecoderThread.batchSize + 1)
      if threaded {
        // Only the first event of each batch is folded unseen, and only the first
        // two without the far stage.
        #expect(probe.foldedUnseen <= batches)
        #expect(probe.foldedNotFar <= 2 * batches)
        // Every event is shown `.arrays` when it becomes its journal's next to merge, after
        // `.near` but for the first of each batch.
        #expect(probe.foldedNotArrays == 0)
        #expect(probe.arraysBeforeNear <= batches)
      } else {
        #expect(probe.far.isEmpty && probe.near.isEmpty && probe.foldedUnseen == 6_000)
        #expect(probe.arrays.isEmpty)
      }
    }
  }

}
