import KravCore
import Testing

@testable import KravStore

/// A small fold for tests: balances per customer, event count, and the ref of each note.
struct TestState: SnapshotState, Equatable {
  var balances: [String: Int64] = [:]
  var events = 0
  var noteRefs: [EventRef] = []

  init() {}

  mutating func apply(_ e: Event, _ ref: EventRef) {
    events += 1
    if e.type == .paymentRegistered, let c = e.customer { balances[c, default: 0] += e.amount ?? 0 }
    if e.type == .noteAdded { noteRefs.append(ref) }
  }

  func encodeSnapshot() -> [UInt8] {
    var w = BinaryWriter()
    w.write(events)
    w.write(UInt64(balances.count))
    for (k, v) in balances.sorted(by: { $0.key < $1.key }) {
      w.write(k)
      w.write(v)
    }
    w.write(UInt64(noteRefs.count))
    for r in noteRefs {
      w.write(r.journal)
      w.write(r.offset)
    }
    return w.bytes
  }

  init(snapshot: [UInt8]) throws {
    var r = BinaryReader(snapshot)
    events = try r.readInt()
    for _ in 0..<(try r.readUInt64()) { balances[try r.readString()] = try r.readInt64() }
    for _ in 0..<(try r.readUInt64()) {
      noteRefs.append(EventRef(journal: try r.readUInt32(), offset: try r.readUInt64()))
    }
  }
}

@Suite("Snapshots")
struct SnapshotTests {
  /// Two writers' worth of events in a memory store; returns the io.
  static func populated() throws -> MemoryFileIO {
    let io = MemoryFileIO()
    try Store.create(at: "store", info: Fixtures.info, io: io)
    for (w, base) in [("ola", 0), ("kari", 1)] {
      let s = try Store.open(at: "store", writer: w, io: io)
      _ = try s.replay { _, _ in }
      for i in 0..<30 {
        _ = try s.append([
          Fixtures.payment("C\(i % 4)", Int64(i + base), minute: i * 2 + base),
          Fixtures.note("C\(i % 4)", "n\(i)", minute: i * 2 + base),
        ])
      }
    }
    return io
  }

  static func fold(_ store: Store) throws -> (TestState, ReplayReport) {
    try store.load(initial: TestState()) { s, e, r in s.apply(e, r) }
  }

  @Test("loading with a snapshot plus the tail gives the same state as a full replay")
  func sameState() throws {
    let io = try Self.populated()
    let kari = try Store.open(at: "store", writer: "kari", io: io)
    let (state, first) = try Self.fold(kari)
    #expect(!first.usedSnapshot)
    try kari.writeSnapshot(state)
    // More events after the snapshot, in both journals and a new one.
    var after = state
    for e in try kari.append([Fixtures.payment("C1", 1000, minute: 500)]) {
      after.apply(
        e,
        EventRef(
          journal: UInt32(kari.journalFiles.firstIndex(of: "journal/kari.jsonl")!), offset: 0))
    }
    for w in ["ola", "per"] {
      let s = try Store.open(at: "store", writer: w, io: io)
      _ = try s.replay { _, _ in }
      _ = try s.append([
        Fixtures.payment("C2", 7, minute: 600), Fixtures.note("C2", "x", minute: 601),
      ])
    }
    let reopened = try Store.open(at: "store", writer: "kari", readOnly: true, io: io)
    let (fromSnapshot, report) = try Self.fold(reopened)
    #expect(report.usedSnapshot)
    #expect(report.events == 5)
    var replayed = TestState()
    let fresh = try Store.open(at: "store", writer: "kari", readOnly: true, io: io)
    _ = try fresh.replay { e, r in replayed.apply(e, r) }
    #expect(fromSnapshot.balances == replayed.balances)
    #expect(fromSnapshot.events == replayed.events)
    // Refs kept in the snapshot still point at the same notes.
    for (a, b) in zip(fromSnapshot.noteRefs, replayed.noteRefs).prefix(60) {
      #expect(try reopened.event(at: a).id == fresh.event(at: b).id)
    }
  }

  @Test("a writer without a snapshot of its own starts from another writer's, same state")
  func othersSnapshot() throws {
    let io = try Self.populated()
    let kari = try Store.open(at: "store", writer: "kari", io: io)
    let (state, _) = try Self.fold(kari)
    try kari.writeSnapshot(state)
    do {
      let ola = try Store.open(at: "store", writer: "ola", io: io)
      _ = try ola.replay { _, _ in }
      _ = try ola.append([Fixtures.payment("C3", 11, minute: 700)])
    }
    // A read-only command (its own writer name, no snapshot) and ola (writing) both start from
    // kari's snapshot and replay only ola's new line.
    for (writer, readOnly) in [("kari@pc-cli", true), ("ola", false)] {
      let store = try Store.open(at: "store", writer: writer, readOnly: readOnly, io: io)
      let (loaded, report) = try Self.fold(store)
      #expect(report.usedSnapshot && report.events == 1, "\(writer)")
      var replayed = TestState()
      let fresh = try Store.open(at: "store", writer: "viewer", readOnly: true, io: io)
      _ = try fresh.replay { e, r in replayed.apply(e, r) }
      #expect(loaded == replayed, "\(writer)")
    }
    // Asked not to, a load replays in full even with snapshots about (the benchmark's case).
    let full = try Store.open(at: "store", writer: "kari", readOnly: true, io: io)
    let (_, fullReport) = try full.load(initial: TestState(), fromSnapshot: false) { s, e, r in
      s.apply(e, r)
    }
    #expect(!fullReport.usedSnapshot && fullReport.events == 121)
    // A writer that then appends still writes to its own journal, after the line it holds.
    let ola2 = try Store.open(at: "store", writer: "ola", io: io)
    _ = try Self.fold(ola2)
    let stored = try ola2.append([Fixtures.payment("C3", 12, minute: 701)])
    #expect(stored.first?.id == "ola:62", "60 lines from populated(), one above, then this")
  }

  @Test("a snapshot is ignored when a covered journal was rewritten or cut")
  func verified() throws {
    let io = try Self.populated()
    let kari = try Store.open(at: "store", writer: "kari", io: io)
    let (state, _) = try Self.fold(kari)
    try kari.writeSnapshot(state)
    let journal = io.contents("store/journal/ola.jsonl")!
    // Cut the last line: the snapshot covers more than the journal holds.
    io.overwrite("store/journal/ola.jsonl", Array(journal.dropLast(10)))
    #expect(
      try !Self.fold(try Store.open(at: "store", writer: "kari", readOnly: true, io: io)).1
        .usedSnapshot)
    // Same length, other content in the last covered line.
    var changed = journal
    changed[changed.count - 30] ^= 1
    io.overwrite("store/journal/ola.jsonl", changed)
    #expect(
      try !Self.fold(try Store.open(at: "store", writer: "kari", readOnly: true, io: io)).1
        .usedSnapshot)
    io.overwrite("store/journal/ola.jsonl", journal)
    #expect(
      try Self.fold(try Store.open(at: "store", writer: "kari", readOnly: true, io: io)).1
        .usedSnapshot)
    // A damaged snapshot file is ignored too.
    var snap = io.contents("store/cache/snapshot-kari.bin")!
    snap[20] ^= 4
    io.overwrite("store/cache/snapshot-kari.bin", snap)
    let (s, r) = try Self.fold(try Store.open(at: "store", writer: "kari", readOnly: true, io: io))
    #expect(!r.usedSnapshot && s == state)
  }

  @Test(
    "a power cut at any step of writing a snapshot leaves the old one or the new one, never a mix")
  func atomicUnderPowerCut() throws {
    for step in 0..<8 {
      let io = try Self.populated()
      let kari = try Store.open(at: "store", writer: "kari", io: io)
      var (state, _) = try Self.fold(kari)
      try kari.writeSnapshot(state)
      for e in try kari.append([Fixtures.payment("C3", 99, minute: 999)]) {
        state.apply(e, EventRef(journal: 0, offset: 0))
      }
      let before = io.contents("store/cache/snapshot-kari.bin")
      io.fail(step: step, with: .powerCut)
      _ = try? kari.writeSnapshot(state)
      io.powerCut()
      let after = io.contents("store/cache/snapshot-kari.bin")
      let reopened = try Store.open(at: "store", writer: "kari", io: io)
      let (loaded, report) = try Self.fold(reopened)
      #expect(loaded.balances == state.balances, "cut at step \(step)")
      #expect(loaded.events == state.events, "cut at step \(step)")
      #expect(report.findings.isEmpty)
      try reopened.writeSnapshot(loaded)
      let complete = io.contents("store/cache/snapshot-kari.bin")
      #expect(after == before || after == complete, "a mixed snapshot after a cut at \(step)")
    }
  }

  @Test("the snapshot file is private (0600) and refused while findings are unresolved")
  func refusedWhenDamaged() throws {
    let io = try Self.populated()
    io.umask = 0
    var state = TestState()
    do {
      let kari = try Store.open(at: "store", writer: "kari", io: io)
      state = try Self.fold(kari).0
      try kari.writeSnapshot(state)
    }
    #expect(try io.status("store/cache/snapshot-kari.bin")?.mode == 0o600)
    var journal = io.contents("store/journal/ola.jsonl")!
    journal[5] ^= 1
    io.overwrite("store/journal/ola.jsonl", journal)
    let again = try Store.open(at: "store", writer: "kari", io: io)
    _ = try again.replay { _, _ in }
    #expect(throws: StoreError.self) { try again.writeSnapshot(state) }
  }
}

@Suite("Snapshot folder")
struct SnapshotFolderTests {
  @Test("a deleted cache/ folder is made again when the next snapshot is written")
  func deletedCacheIsRemade() throws {
    let dir = Fixtures.tempFolder()
    defer { Fixtures.removeTree(dir) }
    let root = dir + "/store"
    try Store.create(at: root, info: Fixtures.info)
    Fixtures.removeTree(root + "/cache")
    let store = try Store.open(at: root, writer: "kari")
    let (state, _) = try store.load(initial: TestState()) { s, e, r in s.apply(e, r) }
    try store.writeSnapshot(state)
    #expect(!Fixtures.readFile(root + "/" + store.snapshotFile).isEmpty)
  }
}
