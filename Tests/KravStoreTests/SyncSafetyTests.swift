import Foundation
import Glibc
import KravCore
import KravStore
import KravTestSupport
import Testing

/// Issue 18, point 2: nothing Krav writes collides between machines sharing a store through
/// a file-sync engine.
@Suite("Names that never collide across machines")
struct SyncSafetyTests {
  @Test("document names carry the writer and every event naming them is rewritten")
  func taggedNames() {
    #expect(
      DocumentNames.tagged("letters/2026/plan-K1-1.txt", tag: "kari@pc1")
        == "letters/2026/plan-K1-1-kari@pc1.txt")
    #expect(DocumentNames.tagged("letters/note", tag: "ola@pc2") == "letters/note-ola@pc2")
    var e = Event(id: "", seq: 0, at: "", by: "", type: .noteAdded, customer: "K1")
    e.extra["letter"] = "\"letters/2026/plan-K1-1.txt\""
    e.ref = "letters/2026/plan-K1-1.eml"
    let files = [
      DocumentFile(path: "letters/2026/plan-K1-1.txt", bytes: [65]),
      DocumentFile(path: "letters/2026/plan-K1-1.eml", bytes: [66]),
    ]
    let (f, events) = DocumentNames.tagged(files, [e], tag: "kari@pc1")
    #expect(
      f.map(\.path) == [
        "letters/2026/plan-K1-1-kari@pc1.txt", "letters/2026/plan-K1-1-kari@pc1.eml",
      ])
    #expect(events[0].extra["letter"] == "\"letters/2026/plan-K1-1-kari@pc1.txt\"")
    #expect(events[0].ref == "letters/2026/plan-K1-1-kari@pc1.eml")
    let (same, untouched) = DocumentNames.tagged(files, [e], tag: nil)
    #expect(same == files && untouched[0].ref == e.ref)
  }

  @Test("a store with .stignore is synced: drafts carry the writer; without it they do not")
  func syncedStoreTagsDrafts() throws {
    let base = Fixtures.tempFolder()
    defer { Fixtures.removeTree(base) }
    try Store.create(at: base + "/a", info: Fixtures.info)
    let plain = try Store.open(at: base + "/a", writer: "kari@pc1")
    _ = try plain.replay { _, _ in }
    #expect(!plain.isSynced && plain.documentTag == nil)
    #expect(
      try plain.writeDraft(named: "oppfølging.eml", contents: "x") == "letters/oppfølging.eml")
    try Store.create(at: base + "/b", info: Fixtures.info)
    try Store.writeSyncIgnore(at: base + "/b")
    let synced = try Store.open(at: base + "/b", writer: "kari@pc1")
    _ = try synced.replay { _, _ in }
    #expect(synced.documentTag == "kari@pc1")
    #expect(
      try synced.writeDraft(named: "oppfølging.eml", contents: "x")
        == "letters/oppfølging-kari@pc1.eml")
    let ignore = String(decoding: Fixtures.readFile(base + "/b/.stignore"), as: UTF8.self)
    #expect(ignore.contains("\n/cache\n") && ignore.contains("\n/steps.lock\n"))
    var st = stat()
    #expect(stat(base + "/b/.stignore", &st) == 0 && st.st_mode & 0o777 == 0o600)
    #expect(
      try Store.check(at: base + "/b").allSatisfy { !$0.file.contains("stignore") },
      ".stignore is a file check knows")
  }

  @Test("check leaves Syncthing's file in flight alone and names a conflict copy of a letter")
  func inventory() throws {
    let base = Fixtures.tempFolder()
    defer { Fixtures.removeTree(base) }
    let root = base + "/s"
    try Store.create(at: root, info: Fixtures.info)
    Fixtures.writeFile(root + "/journal/.syncthing.ola.jsonl.tmp", Array("{".utf8))
    #expect(try Store.check(at: root).isEmpty)
    Fixtures.writeFile(
      root + "/letters/2026-12-06-inkassovarsel-K1.sync-conflict-20261206-141500-ABCDEF7.txt",
      [65])
    let f = try Store.check(at: root)
    #expect(f.count == 1 && f[0].message.contains("conflict copy made by a file-sync tool"))
  }

  @Test("two machines writing as one writer: Syncthing's conflict copy is merged by repair")
  func sameWriterConflict() throws {
    let base = Fixtures.tempFolder()
    defer { Fixtures.removeTree(base) }
    let a = base + "/a", b = base + "/b"
    try Store.create(at: a, info: Fixtures.info)
    try Store.create(at: b, info: Fixtures.info)
    func write(_ root: String, _ texts: [String], minute: Int) throws {
      let s = try Store.open(at: root, writer: "kari@pc1")
      _ = try s.replay { _, _ in }
      _ = try s.append(texts.map { Fixtures.note("C1", $0, minute: minute) })
    }
    try write(a, ["felles"], minute: 0)
    try SyncCopy.carry("journal/kari@pc1.jsonl", from: a, to: b)
    // Both machines go on under the same name: the histories part after line 1.
    try write(a, ["fra a"], minute: 1)
    try write(b, ["fra b 1", "fra b 2"], minute: 2)
    // Syncthing keeps a's version and renames b's (the conflict loser) beside it.
    let copy = "journal/kari@pc1.sync-conflict-20261206-141500-ABCDEF7.jsonl"
    try SyncCopy.replace(a + "/" + copy, with: try SyncCopy.read(b + "/journal/kari@pc1.jsonl"))
    let findings = try Store.check(at: a)
    let f = try #require(findings.first { $0.kind == .conflictCopy })
    #expect(f.file == copy)
    #expect(f.message.contains("2 event(s) the store lacks"))
    let plan = try Store.planRepair(at: a)
    _ = try Store.repair(at: a, plan: plan, writer: "kari@pc1-repair", by: "kari")
    let after = try Store.check(at: a)
    #expect(after.isEmpty, "\(after)")
    let s = try Store.open(at: a, writer: "probe", readOnly: true)
    let texts = try Fixtures.replayAll(s).0.compactMap(\.text)
    #expect(Set(texts) == ["felles", "fra a", "fra b 1", "fra b 2"])
  }
}
