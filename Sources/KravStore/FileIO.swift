#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// The file-system calls the store makes, so tests can inject failures and power cuts.
///
/// Every durability decision in the store goes through this protocol: the real implementation
/// (`SystemFileIO`) is a thin layer over POSIX calls; a test implementation can fail any single
/// step (short write, ENOSPC, EIO on fsync) or forget everything not yet synced. Descriptors are
/// plain `Int32` values that only mean something to the implementation that returned them.
/// Failures are thrown as `StoreError.io` carrying the errno.
public protocol FileIO: AnyObject {
  /// open(2) with POSIX `flags` (O_RDONLY, O_WRONLY, O_RDWR, O_CREAT, O_EXCL, O_APPEND,
  /// O_TRUNC, O_DIRECTORY) and `mode` for new files (the umask applies; callers fchmod).
  func open(_ path: String, flags: Int32, mode: UInt32) throws -> Int32
  /// close(2); errors are ignored because nothing can be done about them at that point.
  func close(_ fd: Int32)
  /// pread(2) into `buffer` at `offset`; returns the bytes read (0 at end of file).
  func read(_ fd: Int32, into buffer: UnsafeMutableRawBufferPointer, at offset: UInt64) throws
    -> Int
  /// One write(2) call; returns how many bytes were written, which may be fewer than asked.
  func write(_ fd: Int32, _ bytes: UnsafeRawBufferPointer) throws -> Int
  /// fsync(2), or fdatasync(2) when `dataOnly` (enough after an append: the size is data).
  func sync(_ fd: Int32, dataOnly: Bool) throws
  /// ftruncate(2).
  func truncate(_ fd: Int32, to length: UInt64) throws
  /// The current size of the open file (fstat).
  func size(_ fd: Int32) throws -> UInt64
  /// fchmod(2): sets the exact mode, whatever the umask was at creation.
  func chmod(_ fd: Int32, mode: UInt32) throws
  /// fchown(2) to a group, keeping the owner.
  func chgrp(_ fd: Int32, group: UInt32) throws
  /// flock(LOCK_EX | LOCK_NB); false when another open file description holds the lock.
  func tryLock(_ fd: Int32) throws -> Bool
  /// mkdir(2); the umask applies, so callers open the folder and chmod it.
  func makeDirectory(_ path: String, mode: UInt32) throws
  /// rename(2), atomically replacing `to`.
  func rename(_ from: String, to: String) throws
  /// The names in a folder, without `.` and `..`, in no particular order.
  func list(_ path: String) throws -> [String]
  /// File type, mode and size, or nil when nothing exists at `path`.
  func status(_ path: String) throws -> FileStatus?
  /// The status of the path itself, not following a final symbolic link (`lstat`).
  func linkStatus(_ path: String) throws -> FileStatus?
  /// The status of an open file (`fstat`), with its identity.
  func status(of fd: Int32) throws -> FileStatus
  /// Declares `root` a store folder: below it no symbolic link is ever followed (every path
  /// is opened component by component from the folder's descriptor with `O_NOFOLLOW`);
  /// `root` itself may be a link.
  func anchor(_ root: String)
  /// The numeric id of a group name, or nil if there is no such group.
  func groupID(_ name: String) -> UInt32?
  /// Whether `read` may be called from several threads at once (on different descriptors);
  /// lets replay decode large journals in parallel. False unless an implementation says so.
  var allowsConcurrentReads: Bool { get }
}

extension FileIO {
  public var allowsConcurrentReads: Bool { false }
}

/// What `FileIO.status` reports about a path.
public struct FileStatus: Sendable, Equatable {
  /// Whether it is a folder.
  public var isDirectory: Bool
  /// Permission bits including setgid (`st_mode & 0o7777`).
  public var mode: UInt32
  /// Size in bytes.
  public var size: UInt64
  /// Owning group id.
  public var group: UInt32
  /// Whether the path itself is a symbolic link (only `linkStatus` says so; `status` follows).
  public var isSymlink: Bool
  /// Which file this is (device and inode): a file renamed over the path (a file-sync engine
  /// writes a new copy and renames it into place) has another. 0 when the layer cannot tell.
  public var identity: FileIdentity
  /// Last modification, nanoseconds since 1970 (0 when the layer cannot tell).
  public var modified: Int64

  /// Creates a status value.
  public init(
    isDirectory: Bool, mode: UInt32, size: UInt64, group: UInt32, isSymlink: Bool = false,
    identity: FileIdentity = FileIdentity(), modified: Int64 = 0
  ) {
    self.isDirectory = isDirectory
    self.mode = mode
    self.size = size
    self.group = group
    self.isSymlink = isSymlink
    self.identity = identity
    self.modified = modified
  }
}

/// A file's device and inode: what stays the same while a file is appended to and changes
/// when another file is renamed over its path.
public struct FileIdentity: Sendable, Hashable {
  public var device: UInt64
  public var inode: UInt64
  public init(device: UInt64 = 0, inode: UInt64 = 0) {
    self.device = device
    self.inode = inode
  }
}

extension FileIO {
  /// The status of `path` itself, not following a final symbolic link (`lstat`). The default
  /// (for layers without links, such as tests' in-memory files) is `status`.
  public func linkStatus(_ path: String) throws -> FileStatus? { try status(path) }

  /// Layers without links (tests' in-memory files) have nothing to guard.
  public func anchor(_ root: String) {}

  /// The status of an open file (`fstat`). The default knows only the size: a layer that
  /// cannot tell files apart never reports a file as replaced.
  public func status(of fd: Int32) throws -> FileStatus {
    FileStatus(isDirectory: false, mode: 0, size: try size(fd), group: 0)
  }
}

/// The real file layer: POSIX calls through Glibc, retrying on EINTR.
///
/// Inside a store folder declared with `anchor` (every `Store` declares its own), no symbolic
/// link is followed: a path below the folder is opened from the folder's descriptor one
/// component at a time with `O_NOFOLLOW` (`openat`, `mkdirat`, `renameat`, `fstatat`), so a
/// link planted where a journal, letter, snapshot or temporary file should be (pointing at
/// `~/.bashrc`, say) fails with ELOOP instead of being written through. `status` reports such a
/// link as an existing file (so nothing is created over it). The store folder itself may be a
/// link. Paths outside every anchor behave as plain POSIX calls.
public final class SystemFileIO: FileIO {
  /// Creates the real file layer; its only state is the store folders declared with `anchor`
  /// (set when a store is opened, before any thread reads through it).
  public init() {}

  /// Store folders below which links are never followed.
  private var anchors: [String] = []

  public func anchor(_ root: String) {
    var r = root
    while r.count > 1 && r.hasSuffix("/") { r.removeLast() }
    if !anchors.contains(r) { anchors.append(r) }
  }

  /// The store folder holding `path` and the components below it, if it is inside one.
  private func anchored(_ path: String) -> (root: String, parts: [String])? {
    for a in anchors where path.hasPrefix(a + "/") {
      let parts = path.dropFirst(a.count + 1).split(separator: "/").map(String.init)
      if !parts.isEmpty { return (a, parts) }
    }
    return nil
  }

  /// A descriptor of the folder holding the last component, walked from the store folder with
  /// `O_NOFOLLOW` (a link, `.` or `..` on the way is refused).
  private func parentFd(_ root: String, _ parts: [String], _ op: String, _ path: String) throws
    -> Int32
  {
    var fd = Glibc.open(root, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
    if fd < 0 { throw fail(op, path) }
    for part in parts.dropLast() {
      guard part != ".", part != ".." else {
        Glibc.close(fd)
        throw StoreError.io(op: op, path: path, errno: EINVAL)
      }
      let next = openat(fd, part, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)
      let e = errno
      Glibc.close(fd)
      if next < 0 { throw StoreError.io(op: op, path: path, errno: e == ENOTDIR ? ELOOP : e) }
      fd = next
    }
    if let last = parts.last, last == "." || last == ".." {
      Glibc.close(fd)
      throw StoreError.io(op: op, path: path, errno: EINVAL)
    }
    return fd
  }

  /// pread(2) on separate descriptors is safe from any thread.
  public var allowsConcurrentReads: Bool { true }

  private func fail(_ op: String, _ path: String) -> StoreError {
    .io(op: op, path: path, errno: errno)
  }

  public func open(_ path: String, flags: Int32, mode: UInt32) throws -> Int32 {
    if let (root, parts) = anchored(path) {
      let dir = try parentFd(root, parts, "open", path)
      defer { Glibc.close(dir) }
      while true {
        let fd = openat(dir, parts.last!, flags | O_CLOEXEC | O_NOFOLLOW, mode_t(mode))
        if fd >= 0 { return fd }
        if errno != EINTR { throw fail("open", path) }
      }
    }
    while true {
      let fd = Glibc.open(path, flags | O_CLOEXEC, mode_t(mode))
      if fd >= 0 { return fd }
      if errno != EINTR { throw fail("open", path) }
    }
  }

  public func close(_ fd: Int32) { _ = Glibc.close(fd) }

  public func read(_ fd: Int32, into buffer: UnsafeMutableRawBufferPointer, at offset: UInt64)
    throws -> Int
  {
    while true {
      let n = pread(fd, buffer.baseAddress, buffer.count, off_t(offset))
      if n >= 0 { return n }
      if errno != EINTR { throw fail("read", "fd \(fd)") }
    }
  }

  public func write(_ fd: Int32, _ bytes: UnsafeRawBufferPointer) throws -> Int {
    while true {
      let n = Glibc.write(fd, bytes.baseAddress, bytes.count)
      if n >= 0 { return n }
      if errno != EINTR { throw fail("write", "fd \(fd)") }
    }
  }

  public func sync(_ fd: Int32, dataOnly: Bool) throws {
    // No EINTR retry: after a failed fsync the page cache state is unknown (see fsyncgate).
    let r = dataOnly ? fdatasync(fd) : fsync(fd)
    if r != 0 { throw fail("fsync", "fd \(fd)") }
  }

  public func truncate(_ fd: Int32, to length: UInt64) throws {
    while ftruncate(fd, off_t(length)) != 0 {
      if errno != EINTR { throw fail("ftruncate", "fd \(fd)") }
    }
  }

  public func size(_ fd: Int32) throws -> UInt64 {
    var st = stat()
    if fstat(fd, &st) != 0 { throw fail("fstat", "fd \(fd)") }
    return UInt64(st.st_size)
  }

  public func status(of fd: Int32) throws -> FileStatus {
    var st = stat()
    if fstat(fd, &st) != 0 { throw fail("fstat", "fd \(fd)") }
    return SystemFileIO.status(st)
  }

  /// A `FileStatus` from a `stat` result.
  private static func status(_ st: stat) -> FileStatus {
    FileStatus(
      isDirectory: (st.st_mode & S_IFMT) == S_IFDIR, mode: UInt32(st.st_mode) & 0o7777,
      size: UInt64(st.st_size), group: UInt32(st.st_gid),
      isSymlink: (st.st_mode & S_IFMT) == S_IFLNK,
      identity: FileIdentity(device: UInt64(st.st_dev), inode: UInt64(st.st_ino)),
      modified: Int64(st.st_mtim.tv_sec) * 1_000_000_000 + Int64(st.st_mtim.tv_nsec))
  }

  public func chmod(_ fd: Int32, mode: UInt32) throws {
    if fchmod(fd, mode_t(mode)) != 0 { throw fail("fchmod", "fd \(fd)") }
  }

  public func chgrp(_ fd: Int32, group: UInt32) throws {
    if fchown(fd, uid_t.max, gid_t(group)) != 0 { throw fail("fchown", "fd \(fd)") }
  }

  public func tryLock(_ fd: Int32) throws -> Bool {
    while flock(fd, LOCK_EX | LOCK_NB) != 0 {
      if errno == EWOULDBLOCK { return false }
      if errno != EINTR { throw fail("flock", "fd \(fd)") }
    }
    return true
  }

  public func makeDirectory(_ path: String, mode: UInt32) throws {
    if let (root, parts) = anchored(path) {
      let dir = try parentFd(root, parts, "mkdir", path)
      defer { Glibc.close(dir) }
      if mkdirat(dir, parts.last!, mode_t(mode)) != 0 { throw fail("mkdir", path) }
      return
    }
    if mkdir(path, mode_t(mode)) != 0 { throw fail("mkdir", path) }
  }

  public func rename(_ from: String, to: String) throws {
    if let (r1, p1) = anchored(from), let (r2, p2) = anchored(to) {
      let a = try parentFd(r1, p1, "rename", from)
      defer { Glibc.close(a) }
      let b = try parentFd(r2, p2, "rename", to)
      defer { Glibc.close(b) }
      if renameat(a, p1.last!, b, p2.last!) != 0 { throw fail("rename", from) }
      return
    }
    if Glibc.rename(from, to) != 0 { throw fail("rename", from) }
  }

  public func list(_ path: String) throws -> [String] {
    var opened: OpaquePointer? = nil
    if let (root, parts) = anchored(path) {
      let dir = try parentFd(root, parts, "opendir", path)
      let fd = openat(dir, parts.last!, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)
      Glibc.close(dir)
      if fd < 0 { throw fail("opendir", path) }
      opened = fdopendir(fd)
      if opened == nil { Glibc.close(fd) }
    } else {
      opened = opendir(path)
    }
    guard let dir = opened else { throw fail("opendir", path) }
    defer { closedir(dir) }
    var names: [String] = []
    while let entry = readdir(dir) {
      let name = withUnsafePointer(to: entry.pointee.d_name) {
        $0.withMemoryRebound(to: CChar.self, capacity: 256) { String(cString: $0) }
      }
      if name != "." && name != ".." { names.append(name) }
    }
    return names
  }

  public func status(_ path: String) throws -> FileStatus? {
    // Inside a store a link is reported as what it is, never followed.
    if anchored(path) != nil { return try linkStatus(path) }
    var st = stat()
    if stat(path, &st) != 0 {
      if errno == ENOENT || errno == ENOTDIR { return nil }
      throw fail("stat", path)
    }
    return SystemFileIO.status(st)
  }

  public func linkStatus(_ path: String) throws -> FileStatus? {
    var st = stat()
    if let (root, parts) = anchored(path) {
      let dir: Int32
      do {
        dir = try parentFd(root, parts, "lstat", path)
      } catch StoreError.io(_, _, let e) where e == ENOENT {
        return nil
      }
      defer { Glibc.close(dir) }
      if fstatat(dir, parts.last!, &st, AT_SYMLINK_NOFOLLOW) != 0 {
        if errno == ENOENT || errno == ENOTDIR { return nil }
        throw fail("lstat", path)
      }
    } else if lstat(path, &st) != 0 {
      if errno == ENOENT || errno == ENOTDIR { return nil }
      throw fail("lstat", path)
    }
    return SystemFileIO.status(st)
  }

  public func groupID(_ name: String) -> UInt32? {
    guard let g = getgrnam(name) else { return nil }
    return UInt32(g.pointee.gr_gid)
  }
}
