import Foundation
import Glibc
import KravCore
import Testing

@testable import KravStore

/// Letters in `letters/`: durable before their event, frozen, private.
@Suite("Letter files")
struct LetterStoreTests {
  @Test("each file is written to a temp file, synced, renamed, and the folder synced; 0600")
  func durableOrder() throws {
    let io = MemoryFileIO()
    let store = try Fixtures.memoryStore(io)
    let before = io.log.count
    try store.writeLetter(
      id: "2026-11-30-reminder-K1", text: "Purring æøå\n", eml: "Subject: x\r\n")
    // Issue 16, point 1: temporary names are unpredictable (`.<name>.<16 hex>.tmp`, O_EXCL);
    // they were `<name>.tmp`. The random part is masked here.
    let log = Array(io.log[before...]).map {
      $0.replacingOccurrences(
        of: #"\.[0-9a-f]{16}\.tmp"#, with: ".RANDOM.tmp", options: .regularExpression)
    }
    let txt = "store/letters/2026-11-30-reminder-K1.txt"
    let eml = "store/letters/2026-11-30-reminder-K1.eml"
    let tmpTxt = "store/letters/.2026-11-30-reminder-K1.txt.RANDOM.tmp"
    let tmpEml = "store/letters/.2026-11-30-reminder-K1.eml.RANDOM.tmp"
    #expect(
      log == [
        "create \(tmpTxt)", "chmod", "write 15", "sync file", "rename \(tmpTxt)", "sync folder",
        "create \(tmpEml)", "chmod", "write 12", "sync file", "rename \(tmpEml)", "sync folder",
      ])
    #expect(try io.status(txt)?.mode == 0o600)
    #expect(store.letterExists("2026-11-30-reminder-K1"))
    // A power cut right after: both files are there in full.
    io.powerCut()
    #expect(io.contents(txt) == Array("Purring æøå\n".utf8))
    #expect(io.contents(eml) == Array("Subject: x\r\n".utf8))
  }

  @Test("a power cut at any step leaves each letter file either absent or complete")
  func powerCutAtEveryStep() throws {
    for cut in 0..<12 {
      let io = MemoryFileIO(seed: UInt64(cut + 1))
      let store = try Fixtures.memoryStore(io)
      io.fail(step: cut, with: .powerCut)
      #expect(throws: (any Error).self) {
        try store.writeLetter(id: "L1", text: "tekst", eml: "e-post")
      }
      io.powerCut()
      let t = io.contents("store/letters/L1.txt")
      let e = io.contents("store/letters/L1.eml")
      #expect(t == nil || t == Array("tekst".utf8), "cut at step \(cut)")
      #expect(e == nil || e == Array("e-post".utf8), "cut at step \(cut)")
    }
  }

  @Test("a letter is frozen: the same id is refused and the first text kept")
  func frozen() throws {
    let io = MemoryFileIO()
    let store = try Fixtures.memoryStore(io)
    try store.writeLetter(id: "L1", text: "første", eml: "a")
    #expect(throws: StoreError.self) { try store.writeLetter(id: "L1", text: "andre", eml: "b") }
    #expect(io.contents("store/letters/L1.txt") == Array("første".utf8))
    #expect(throws: StoreError.self) { try store.writeLetter(id: "../x", text: "", eml: "") }
  }

  @Test("a read-only store writes no letter")
  func readOnly() throws {
    let io = MemoryFileIO()
    _ = try Fixtures.memoryStore(io)
    let viewer = try Store.open(at: "store", writer: "kari", readOnly: true, io: io)
    #expect(throws: StoreError.self) { try viewer.writeLetter(id: "L1", text: "x", eml: "y") }
    #expect(io.contents("store/letters/L1.txt") == nil)
  }

  @Test("the creditor's rules survive a snapshot round trip")
  func rulesInSnapshot() throws {
    var l = Ledger()
    var rate = Event(
      id: "k:1", seq: 1, at: "2026-01-02T10:00:00+01:00", by: "kari", type: .rateSet)
    rate.kind = "rettsgebyr"
    rate.date = Day(year: 2026, month: 1, day: 1)
    rate.amount = 135_000
    rate.text = "https://example.no/r"
    rate.reason = "read in the budget"
    var ladder = Event(
      id: "k:2", seq: 2, at: "2026-01-02T10:00:00+01:00", by: "kari", type: .ladderSet)
    ladder.extra = ["reminder": "false", "handoff": "\"agency\""]
    l.apply(rate, ref: EventRef(journal: 0, offset: 0))
    l.apply(ladder, ref: EventRef(journal: 0, offset: 100))
    let back = try Ledger(snapshot: l.encodeSnapshot())
    #expect(back == l)
    #expect(back.rules.ladder.handoff == .agency && !back.rules.ladder.sendsReminder)
    #expect(
      back.rateTable.amount(.rettsgebyr, on: Day(year: 2026, month: 6, day: 1)!)
        == Money(kroner: 1350))
    #expect(back.rules.overrides[0].note == "read in the budget")
  }
}
