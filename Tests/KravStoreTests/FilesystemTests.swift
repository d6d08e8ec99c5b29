import Glibc
import KravCore
import Testing

@testable import KravStore

/// Tests on the real file system: locks and permissions are kernel behaviour.
@Suite("Real files: lock and permissions", .serialized)
struct FilesystemTests {
  @Test("a second session of the same writer is refused with a clear message; read-only is not")
  func secondWriterRefused() throws {
    let dir = Fixtures.tempFolder()
    defer { Fixtures.removeTree(dir) }
    try Store.create(at: dir + "/s", info: Fixtures.info)
    do {
      let first = try Store.open(at: dir + "/s", writer: "kari")
      var message = ""
      do { _ = try Store.open(at: dir + "/s", writer: "kari") } catch { message = "\(error)" }
      #expect(message == "journal journal/kari.jsonl is in use by another Krav session of kari")
      let viewer = try Store.open(at: dir + "/s", writer: "kari", readOnly: true)
      _ = try viewer.replay { _, _ in }
      #expect(viewer.isReadOnly)
      _ = try first.replay { _, _ in }
      _ = try first.append([Fixtures.payment("C1", 1)])
      let other = try Store.open(at: dir + "/s", writer: "ola")
      _ = try other.replay { _, _ in }
      #expect(!other.isReadOnly)
    }
    // The lock goes with the session.
    let again = try Store.open(at: dir + "/s", writer: "kari")
    #expect(again.writer == "kari")
  }

  @Test("folders are 0700 and files 0600 even under umask 000")
  func personalPermissions() throws {
    let dir = Fixtures.tempFolder()
    defer { Fixtures.removeTree(dir) }
    let old = umask(0)
    defer { umask(old) }
    let root = dir + "/s"
    try Store.create(at: root, info: Fixtures.info)
    let store = try Store.open(at: root, writer: "kari")
    _ = try store.replay { _, _ in }
    _ = try store.append([Fixtures.payment("C1", 1)])
    let io = SystemFileIO()
    for folder in ["", "/journal", "/letters", "/cache", "/quarantine"] {
      #expect(try io.status(root + folder)?.mode == 0o700, "\(folder)")
    }
    for file in ["/krav-store.json", "/journal/kari.jsonl"] {
      #expect(try io.status(root + file)?.mode == 0o600, "\(file)")
    }
  }

  @Test("a team store has setgid 2770 folders and 0660 files owned by the group")
  func teamPermissions() throws {
    let dir = Fixtures.tempFolder()
    defer { Fixtures.removeTree(dir) }
    let old = umask(0o077)
    defer { umask(old) }
    let gid = getegid()
    let group = String(cString: try #require(getgrgid(gid)).pointee.gr_name)
    let root = dir + "/team"
    try Store.create(at: root, info: Fixtures.info, group: group)
    let store = try Store.open(at: root, writer: "ola")
    _ = try store.replay { _, _ in }
    let io = SystemFileIO()
    for folder in ["", "/journal", "/cache", "/quarantine"] {
      let st = try #require(try io.status(root + folder))
      #expect(st.mode == 0o2770 && st.group == UInt32(gid), "\(folder)")
    }
    for file in ["/krav-store.json", "/journal/ola.jsonl"] {
      let st = try #require(try io.status(root + file))
      #expect(st.mode == 0o660 && st.group == UInt32(gid), "\(file)")
    }
  }

  @Test("create refuses a folder that already has files in it")
  func createRefusesNonEmpty() throws {
    let dir = Fixtures.tempFolder()
    defer { Fixtures.removeTree(dir) }
    Fixtures.writeFile(dir + "/something", [1])
    #expect(throws: StoreError.alreadyExists(path: dir)) {
      try Store.create(at: dir, info: Fixtures.info)
    }
  }

  @Test("writer names are file-name safe; sanitize turns any text into a valid one")
  func writerNames() {
    for good in ["kari", "kari@pc1", "ola.n_2+x-y"] { #expect(WriterName.isValid(good)) }
    for bad in ["", ".hidden", "-x", "a/b", "kåre", String(repeating: "a", count: 101)] {
      #expect(!WriterName.isValid(bad), "\(bad)")
      #expect(WriterName.isValid(WriterName.sanitize(bad)), "\(bad)")
    }
    #expect(WriterName.sanitize("kåre@pc 1") == "k__re@pc_1")
    #expect(throws: StoreError.invalidWriter("a/b")) {
      _ = try Store.open(at: "/nonexistent", writer: "a/b")
    }
  }
}
