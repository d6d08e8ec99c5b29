import KravCore
import Testing

@testable import KravStore

@Suite("Durable append")
struct DurabilityTests {
  @Test("append writes once, syncs, and only then returns the events with seq, id and by")
  func ackAfterSync() throws {
    let io = MemoryFileIO()
    let store = try Fixtures.memoryStore(io)
    let before = io.log.count
    let saved = try store.append([Fixtures.payment("C1", 100), Fixtures.payment("C2", 200)])
    #expect(
      Array(io.log[before...]) == [
        "write \(io.contents("store/journal/kari.jsonl")!.count)",
        "sync file",
      ])
    #expect(saved.map(\.seq) == [1, 2])
    #expect(saved.map(\.id) == ["kari:1", "kari:2"])
    #expect(saved.allSatisfy { $0.by == "kari" })
  }

  @Test("a new store and a new journal survive a power cut: files and folders sync their parents")
  func createIsDurable() throws {
    let io = MemoryFileIO()
    try Store.create(at: "store", info: Fixtures.info, io: io)
    do { _ = try Store.open(at: "store", writer: "ola", io: io) }
    io.powerCut()
    let store = try Store.open(at: "store", writer: "ola", readOnly: true, io: io)
    #expect(store.info == Fixtures.info)
    #expect(io.contents("store/journal/ola.jsonl") == [])
    for sub in ["letters", "cache", "quarantine"] {
      #expect(try io.status("store/" + sub)?.isDirectory == true)
    }
  }

  /// Appends batches with a power cut injected at `step`; returns the events acknowledged.
  private func appendUntilPowerCut(_ io: MemoryFileIO, step: Int) throws -> [Event] {
    let store = try Fixtures.memoryStore(io)
    var acknowledged: [Event] = []
    io.fail(step: step, with: .powerCut)
    for batch in 0..<4 {
      let drafts = (0..<3).map {
        Fixtures.payment("C\(batch)", Int64(batch * 10 + $0), minute: batch)
      }
      guard let saved = try? store.append(drafts) else { break }
      acknowledged += saved
    }
    return acknowledged
  }

  @Test("a power cut at any step of appending never loses an acknowledged event")
  func powerCutAtEveryStep() throws {
    for step in 0..<10 {
      for seed in 1...(Fixtures.long ? 40 : 6) {
        let io = MemoryFileIO(seed: UInt64(seed * 7919 + step))
        let acknowledged = try appendUntilPowerCut(io, step: step)
        io.powerCut()
        let store = try Store.open(at: "store", writer: "kari", io: io)
        let (events, _) = try Fixtures.replayAll(store)
        let ids = Set(events.map(\.id))
        for e in acknowledged { #expect(ids.contains(e.id), "lost \(e.id) (cut at step \(step))") }
        // Nothing beyond the batch in flight can appear.
        #expect(events.count <= acknowledged.count + 3)
        #expect(Array(events.prefix(acknowledged.count)) == acknowledged)
      }
    }
  }

  @Test("a short write or a full disk cuts the journal back; nothing is acknowledged")
  func shortWriteAndNoSpace() throws {
    for fault in [MemoryFileIO.Fault.shortWrite, .noSpace] {
      let io = MemoryFileIO()
      let store = try Fixtures.memoryStore(io)
      _ = try store.append([Fixtures.payment("C1", 100)])
      let before = io.contents("store/journal/kari.jsonl")!
      io.fail(step: 0, with: fault)
      #expect {
        _ = try store.append([Fixtures.payment("C2", 200), Fixtures.payment("C3", 300)])
      } throws: { error in
        guard case StoreError.writeFailed(let file, _) = error else { return false }
        return file == "journal/kari.jsonl"
      }
      #expect(io.contents("store/journal/kari.jsonl")! == before)
      // The session goes on and the chain stays whole.
      let saved = try store.append([Fixtures.payment("C4", 400)])
      #expect(saved[0].seq == 2)
      let (events, report) = try Fixtures.replayAll(store)
      #expect(report.findings.isEmpty)
      #expect(events.map(\.amount) == [100, 400])
    }
  }

  @Test("EIO from fsync is fatal: the error says the session must end and later appends fail")
  func syncFailureIsFatal() throws {
    let io = MemoryFileIO()
    let store = try Fixtures.memoryStore(io)
    io.fail(step: 1, with: .ioError)
    var caught: StoreError?
    do { _ = try store.append([Fixtures.payment("C1", 100)]) } catch let e as StoreError {
      caught = e
    }
    #expect(caught?.isFatal == true)
    #expect(caught?.description.contains("session must end") == true)
    #expect(store.isReadOnly)
    #expect(throws: StoreError.self) { _ = try store.append([Fixtures.payment("C2", 1)]) }
  }

  @Test("ids are unique across writers; a draft with an id already stored is refused")
  func uniqueIds() throws {
    let io = MemoryFileIO()
    try Store.create(at: "store", info: Fixtures.info, io: io)
    var all: [Event] = []
    for w in ["kari", "ola"] {
      let s = try Store.open(at: "store", writer: w, io: io)
      _ = try s.replay { _, _ in }
      for i in 0..<50 { all += try s.append([Fixtures.payment("C\(i)", 1)]) }
    }
    #expect(Set(all.map(\.id)).count == 100)
    let s = try Store.open(at: "store", writer: "kari", io: io)
    _ = try s.replay { _, _ in }
    var again = Fixtures.payment("C1", 1)
    again.id = "ola:3"
    #expect(throws: StoreError.self) { _ = try s.append([again]) }
    var imported = Fixtures.payment("C1", 1)
    imported.id = "import:ocr-2026-11-30:7"
    _ = try s.append([imported])
    #expect(throws: StoreError.self) { _ = try s.append([imported]) }
  }

  @Test("append before replay or load is refused (the chain head is not known yet)")
  func appendNeedsLoad() throws {
    let io = MemoryFileIO()
    try Store.create(at: "store", info: Fixtures.info, io: io)
    let s = try Store.open(at: "store", writer: "kari", io: io)
    #expect(throws: StoreError.notLoaded) { _ = try s.append([Fixtures.payment("C1", 1)]) }
  }
}
