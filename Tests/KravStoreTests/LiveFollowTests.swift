import Foundation
import Glibc
import KravCore
import KravStore
import KravTestSupport
import Testing

/// Issue 18: a session follows journals and settings that a file-sync engine replaces
/// (a new file renamed over the old one), truncates or creates.
@Suite("Following replaced files")
struct LiveFollowTests {
  /// Two copies of one store (two machines) plus the texts of the notes delivered.
  final class Pair {
    let here = Fixtures.tempFolder() + "/store"
    let there = Fixtures.tempFolder() + "/store"
    init() throws {
      try Store.create(at: here, info: Fixtures.info)
      try Store.create(at: there, info: Fixtures.info)
    }
    deinit {
      Fixtures.removeTree(URL(fileURLWithPath: here).deletingLastPathComponent().path)
      Fixtures.removeTree(URL(fileURLWithPath: there).deletingLastPathComponent().path)
    }
    /// Appends notes as `writer` in the `there` copy (the colleague's machine).
    func write(_ texts: [String], as writer: String = "ola", minute: Int = 0) throws {
      let s = try Store.open(at: there, writer: writer)
      _ = try s.replay { _, _ in }
      _ = try s.append(texts.map { Fixtures.note("C1", $0, minute: minute) })
    }
  }

  static func texts(_ store: Store) throws -> [String] {
    var out: [String] = []
    _ = try store.refresh { e, _ in out.append(e.text ?? "") }
    return out
  }

  @Test("a journal renamed over by a sync engine: only the new lines are read")
  func replacedPrefix() throws {
    let p = try Pair()
    try p.write(["a", "b"])
    try SyncCopy.carry("journal/ola.jsonl", from: p.there, to: p.here)
    let me = try Store.open(at: p.here, writer: "kari")
    let (seen, _) = try Fixtures.replayAll(me)
    #expect(seen.map(\.text) == ["a", "b"])
    try p.write(["c"], minute: 1)
    try SyncCopy.carry("journal/ola.jsonl", from: p.there, to: p.here)
    // The old descriptor still reads the old file; the session follows the path.
    #expect(try Self.texts(me) == ["c"])
    #expect(me.reloadReason == nil)
    #expect(me.findings.isEmpty)
    try p.write(["d", "e"], minute: 2)
    try SyncCopy.carry("journal/ola.jsonl", from: p.there, to: p.here)
    #expect(try Self.texts(me) == ["d", "e"])
    #expect(try Self.texts(me) == [], "nothing new: nothing delivered twice")
  }

  @Test("a replacement that does not continue what was read asks for a full reload")
  func replacedOther() throws {
    let p = try Pair()
    try p.write(["a", "b"])
    try SyncCopy.carry("journal/ola.jsonl", from: p.there, to: p.here)
    let me = try Store.open(at: p.here, writer: "kari")
    _ = try Fixtures.replayAll(me)
    // Another history under the same name (the winner of a sync conflict).
    let other = try Pair()
    try other.write(["x", "y", "z"])
    try SyncCopy.carry("journal/ola.jsonl", from: other.there, to: p.here)
    #expect(try Self.texts(me) == [])
    #expect(me.reloadReason?.description.contains("journal/ola.jsonl was replaced") == true)
    let (all, report) = try Fixtures.replayAll(me)
    #expect(all.map(\.text) == ["x", "y", "z"])
    #expect(report.findings.isEmpty)
    #expect(me.reloadReason == nil)
  }

  @Test("a replacement with a damaged chain is reloaded and the break is a finding")
  func replacedBroken() throws {
    let p = try Pair()
    try p.write(["a"])
    try SyncCopy.carry("journal/ola.jsonl", from: p.there, to: p.here)
    let me = try Store.open(at: p.here, writer: "kari")
    _ = try Fixtures.replayAll(me)
    try p.write(["b", "c"], minute: 1)
    // Lines 1 and 3 only: line 3's prev no longer matches line 1's crc.
    let lines = try SyncCopy.read(p.there + "/journal/ola.jsonl").split(separator: 10)
    let cut = Array(lines[0]) + [10] + Array(lines[2]) + [10]
    try SyncCopy.replace(p.here + "/journal/ola.jsonl", with: cut)
    // Still starts with line 1: followed, and the broken chain is found as it is read.
    #expect(try Self.texts(me) == ["c"])
    #expect(me.findings.map(\.kind).contains(.brokenChain))
    #expect(me.isReadOnly)
  }

  @Test("a journal truncated in place is reloaded, not read past its end")
  func truncated() throws {
    let p = try Pair()
    try p.write(["a", "b"])
    try SyncCopy.carry("journal/ola.jsonl", from: p.there, to: p.here)
    let me = try Store.open(at: p.here, writer: "kari")
    _ = try Fixtures.replayAll(me)
    let first = try SyncCopy.read(p.here + "/journal/ola.jsonl").split(separator: 10)[0]
    #expect(truncate(p.here + "/journal/ola.jsonl", off_t(first.count + 1)) == 0)
    #expect(try Self.texts(me) == [])
    #expect(me.reloadReason?.description.contains("shorter") == true)
    let (all, report) = try Fixtures.replayAll(me)
    #expect(all.map(\.text) == ["a"])
    #expect(report.findings.isEmpty)
  }

  @Test("a journal that appears (renamed into journal/) is read on the next refresh")
  func created() throws {
    let p = try Pair()
    let me = try Store.open(at: p.here, writer: "kari")
    _ = try Fixtures.replayAll(me)
    try p.write(["hei", "på", "deg"], as: "per")
    try SyncCopy.carry("journal/per.jsonl", from: p.there, to: p.here)
    #expect(try Self.texts(me) == ["hei", "på", "deg"])
  }

  @Test("a removed journal whose events were read asks for a reload")
  func removed() throws {
    let p = try Pair()
    try p.write(["a"])
    try SyncCopy.carry("journal/ola.jsonl", from: p.there, to: p.here)
    let me = try Store.open(at: p.here, writer: "kari")
    _ = try Fixtures.replayAll(me)
    #expect(unlink(p.here + "/journal/ola.jsonl") == 0)
    #expect(try Self.texts(me) == [])
    #expect(me.reloadReason?.description.contains("removed") == true)
  }

  @Test("this writer's journal replaced by another machine's: writing stops with a clear reason")
  func ownJournalClash() throws {
    let p = try Pair()
    let me = try Store.open(at: p.here, writer: "kari")
    _ = try Fixtures.replayAll(me)
    _ = try me.append([Fixtures.note("C1", "mine")])
    // The other machine also writes as kari, and its copy arrives.
    try p.write(["theirs"], as: "kari")
    try SyncCopy.carry("journal/kari.jsonl", from: p.there, to: p.here)
    _ = try Self.texts(me)
    let reason = try #require(me.readOnlyReason).description
    #expect(reason.contains("another machine that also writes as kari"))
    #expect(reason.contains("KRAV_MACHINE"))
    #expect(throws: StoreError.self) { try me.append([Fixtures.note("C1", "lost?")]) }
    // Nothing was written to the orphaned file either: the journal on disk is theirs alone.
    let now = try SyncCopy.read(p.here + "/journal/kari.jsonl").split(separator: 10)
    #expect(now.count == 1)
  }

  @Test("this writer's journal extended in place by someone else also stops writing")
  func ownJournalExtended() throws {
    let p = try Pair()
    let me = try Store.open(at: p.here, writer: "kari")
    _ = try Fixtures.replayAll(me)
    _ = try me.append([Fixtures.note("C1", "mine")])
    // Same inode, more bytes: a tool (or a sync engine writing in place) added a line.
    let mine = try SyncCopy.read(p.here + "/journal/kari.jsonl")
    let fd = open(p.here + "/journal/kari.jsonl", O_WRONLY | O_APPEND)
    _ = mine.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
    close(fd)
    _ = try Self.texts(me)
    #expect(me.readOnlyReason?.description.contains("another machine") == true)
  }

  @Test("settings replaced on disk are noticed once, krav-store.json read again")
  func settings() throws {
    let p = try Pair()
    let me = try Store.open(at: p.here, writer: "kari")
    _ = try Fixtures.replayAll(me)
    #expect(me.changedSettingsFiles() == [])
    var info = Fixtures.info
    info.name = "Nytt Navn AS"
    try SyncCopy.replace(p.here + "/krav-store.json", with: Array(try JSONEncoder().encode(info)))
    #expect(me.changedSettingsFiles() == ["krav-store.json"])
    #expect(me.info.name == "Nytt Navn AS")
    #expect(me.changedSettingsFiles() == [])
    try SyncCopy.replace(p.here + "/call-settings.json", with: Array("{}".utf8))
    #expect(me.changedSettingsFiles() == ["call-settings.json"])
  }
}
