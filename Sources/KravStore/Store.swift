import Foundation
import KravCore

/// A Krav store folder opened by one writer: the one place that holds OS state (descriptors,
/// the journal lock), hence a class.
///
/// Typical session: `open` → `load` (or `replay`) → `append` on each user action →
/// `refresh` on a ~1 s tick → `writeSnapshot` now and then. Docs/store-format.md has the files.
public final class Store {
  /// The store folder.
  public let root: String
  /// The writer: names this session's journal `journal/<writer>.jsonl`.
  public let writer: String
  /// Whether the store was opened without the intention (and lock) to write.
  public private(set) var openedReadOnly: Bool
  /// Why the store was opened read-only when the caller asked to write (`readOnlyIfUnwritable`).
  var unwritableReason: ReadOnlyReason?
  /// What `krav-store.json` says (read again when it changes: `changedSettingsFiles`).
  public internal(set) var info: StoreInfo

  let io: FileIO
  let permissions: Permissions
  /// This writer's journal opened for append, holding the flock (nil when read-only).
  var ownFd: Int32?
  /// Journals in `EventRef.journal` order; stable for the session.
  var journals: [JournalState] = []
  /// Read descriptors by journal index, opened lazily.
  var readFds: [Int: Int32] = [:]
  /// The file each read descriptor is open on, to notice one renamed over its path.
  var readIdentities: [Int: FileIdentity] = [:]
  /// Set by `refresh` when what was read can no longer be continued (a journal replaced by
  /// one that does not start with it, truncated or removed): the caller must `load` again.
  public internal(set) var reloadReason: ReloadReason?
  /// The settings files as last seen (`changedSettingsFiles`).
  var settingsSeen: [String: FileStatus?] = [:]
  var ids = IdRegistry()
  var currentFindings: [Finding] = []
  var loaded = false
  /// Set after an fsync failure: nothing more may be written in this session.
  var failure: StoreError?
  /// Journals with at least this many unread bytes are decoded on a thread of their own
  /// (when `io.allowsConcurrentReads`); tests lower it to exercise that path on small files.
  var threadThreshold: UInt64 = 4 << 20

  /// Everything found wrong so far (by replay, load and refresh).
  public var findings: [Finding] { currentFindings }

  /// Whether appends are refused: opened read-only, unresolved findings, or a failed session.
  public var isReadOnly: Bool { readOnlyReason != nil }

  /// Why appends are refused, or nil when they are allowed.
  public var readOnlyReason: ReadOnlyReason? {
    if let failure { return .failed(failure) }
    if openedReadOnly { return unwritableReason ?? .openedReadOnly }
    let blocking = currentFindings.filter(\.blocksWriting)
    if let first = blocking.first { return .findings(count: blocking.count, first: first) }
    return nil
  }

  /// The journal files relative to the store, in `EventRef.journal` order.
  public var journalFiles: [String] { journals.map(\.file) }

  /// Creates a new store folder at `path` (which must not exist or be empty).
  ///
  /// Folders are 0700 and files 0600 whatever the umask; with `group`, a team store: folders
  /// 2770 (setgid, so new files inherit the group) and files 0660, all chgrp'ed to `group`.
  /// Every new file and folder is fsynced, and so is its parent folder.
  public static func create(
    at path: String, info: StoreInfo, group: String? = nil, io: FileIO = SystemFileIO()
  ) throws {
    io.anchor(path)
    var permissions = Permissions.personal
    if let group {
      guard let gid = io.groupID(group) else {
        throw StoreError.io(op: "find group", path: group, errno: EINVAL)
      }
      permissions = .team(group: gid)
    }
    if let st = try io.status(path) {
      guard st.isDirectory, try io.list(path).isEmpty else {
        throw StoreError.alreadyExists(path: path)
      }
      let fd = try io.open(path, flags: O_RDONLY | O_DIRECTORY, mode: 0)
      defer { io.close(fd) }
      if let g = permissions.group { try io.chgrp(fd, group: g) }
      try io.chmod(fd, mode: permissions.folderMode)
    } else {
      try io.createFolder(path, permissions: permissions)
    }
    for sub in ["journal", "letters", "cache", "quarantine"] {
      try io.createFolder(path + "/" + sub, permissions: permissions)
    }
    try io.replaceAtomically(
      path + "/krav-store.json", bytes: try info.encoded(), permissions: permissions)
    try io.syncFolder(path)
    try io.syncFolder(parentFolder(of: path))
  }

  /// Opens the store at `path` as `writer`.
  ///
  /// A writable open creates `journal/<writer>.jsonl` if needed and takes an exclusive flock
  /// on it for the whole session: a second session of the same writer is refused with
  /// `StoreError.journalInUse`. A read-only open takes no lock and never changes a file.
  ///
  /// With `readOnlyIfUnwritable`, a store this process cannot write to (a read-only file
  /// system, no write permission on `journal/` or on the writer's journal) is opened
  /// read-only instead of refused; `readOnlyReason` says why (the TUI shows it in its title
  /// bar, as for a damaged journal).
  public static func open(
    at path: String, writer: String, readOnly: Bool = false, io: FileIO = SystemFileIO(),
    readOnlyIfUnwritable: Bool = false
  ) throws -> Store {
    guard WriterName.isValid(writer) else { throw StoreError.invalidWriter(writer) }
    let store = try Store(root: path, writer: writer, readOnly: readOnly, io: io)
    guard !readOnly else { return store }
    do {
      try store.openOwnJournal()
    } catch StoreError.io(_, _, let e)
      where readOnlyIfUnwritable && [EROFS, EACCES, EPERM].contains(e)
    {
      store.openedReadOnly = true
      store.unwritableReason = e == EROFS ? .readOnlyFileSystem : .noWritePermission
    }
    return store
  }

  /// Reads `krav-store.json` (refusing a missing one or a newer format) and tells a team store
  /// (group bits on `journal/`) from a personal one. `writer` may be empty for inspection.
  init(root: String, writer: String, readOnly: Bool, io: FileIO) throws {
    // Below the store folder no symbolic link is followed (SystemFileIO.anchor).
    io.anchor(root)
    do {
      info = try StoreInfo.decode(try io.readAll(root + "/krav-store.json"))
    } catch {
      throw StoreError.notAStore(path: root)
    }
    guard info.formatVersion <= StoreInfo.currentFormatVersion else {
      throw StoreError.newerFormat(version: info.formatVersion)
    }
    if let st = try io.status(root + "/journal"), st.mode & 0o070 != 0 {
      permissions = .team(group: st.group)
    } else {
      permissions = .personal
    }
    self.root = root
    self.writer = writer
    self.openedReadOnly = readOnly
    self.io = io
    _ = changedSettingsFiles()  // notes them as they are now
  }

  deinit {
    for fd in readFds.values { io.close(fd) }
    if let ownFd { io.close(ownFd) }  // closing the last descriptor releases the flock
  }

  /// Opens (creating if needed) and locks this writer's journal.
  private func openOwnJournal() throws {
    let file = "journal/\(writer).jsonl"
    let path = root + "/" + file
    let fd: Int32
    if try io.status(path) == nil {
      do {
        fd = try io.createFile(path, bytes: [], permissions: permissions, flags: O_APPEND)
      } catch StoreError.io(_, _, let e) where e == EEXIST {
        fd = try io.open(path, flags: O_RDWR | O_APPEND, mode: 0)
      }
    } else {
      fd = try io.open(path, flags: O_RDWR | O_APPEND, mode: 0)
    }
    guard try io.tryLock(fd) else {
      io.close(fd)
      throw StoreError.journalInUse(file: file, writer: writer)
    }
    ownFd = fd
  }

  /// Index of this writer's journal in `journals`, if it is there.
  var ownIndex: Int? { journals.firstIndex { $0.writer == writer } }

  /// A read descriptor for journal `j`, opened once per session.
  func readFd(_ j: Int) throws -> Int32 {
    if let fd = readFds[j] { return fd }
    let fd = try io.open(root + "/" + journals[j].file, flags: O_RDONLY, mode: 0)
    readFds[j] = fd
    readIdentities[j] = try? io.status(of: fd).identity
    return fd
  }
}
