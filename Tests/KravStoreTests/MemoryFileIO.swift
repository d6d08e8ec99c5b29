import Glibc
import KravStore

/// An in-memory file system that remembers what was synced, for power-cut and failure tests.
///
/// Each file keeps its current bytes and its durable bytes (as of the last fsync); each folder
/// keeps its current and durable entries (as of the last fsync of the folder). `powerCut()`
/// throws away everything not durable, keeping a random, possibly garbled, part of unsynced
/// appends, as a disk may. Any single step can be made to fail with `fail(step:with:)`.
final class MemoryFileIO: FileIO {
  /// A file or folder.
  final class Node {
    let isDirectory: Bool
    var data: [UInt8] = []
    var durable: [UInt8] = []
    var entries: [String: Node] = [:]
    var durableEntries: [String: Node] = [:]
    var mode: UInt32
    var group: UInt32 = 100
    var lockHolder: Int32?
    init(isDirectory: Bool, mode: UInt32) {
      self.isDirectory = isDirectory
      self.mode = mode
    }
  }

  /// What an injected failure does.
  enum Fault {
    /// A write stores only half the bytes and says so.
    case shortWrite
    /// The call fails with ENOSPC (a write stores nothing).
    case noSpace
    /// The call fails with EIO.
    case ioError
    /// The machine stops before this call: it and every later call fail until `powerCut()`.
    case powerCut
  }

  private var root = Node(isDirectory: true, mode: 0o755)
  private var allNodes: [Node] = []
  /// An open file description: node, access and (for non-append writes) position.
  final class Handle {
    let node: Node
    let writable: Bool
    let append: Bool
    var position = 0
    init(node: Node, writable: Bool, append: Bool) {
      self.node = node
      self.writable = writable
      self.append = append
    }
  }
  private var handles: [Int32: Handle] = [:]
  private var nextFd: Int32 = 3
  private var faults: [Int: Fault] = [:]
  private var isOff = false
  /// Counts every call that changes something or syncs; failures are injected by this number.
  private(set) var steps = 0
  /// One entry per counted step, e.g. `write journal/a.jsonl 212`, for assertions on order.
  private(set) var log: [String] = []
  /// Bits removed from modes of new files and folders, like the process umask.
  var umask: UInt32 = 0o022
  private var rng: UInt64

  init(seed: UInt64 = 1) { rng = seed | 1 }

  /// Makes the `step`th counted call (0-based, counting from now on) fail with `fault`.
  func fail(step: Int, with fault: Fault) { faults[steps + step] = fault }

  /// Simulates the power coming back: every unsynced change is lost (folders revert to their
  /// synced entries; files to their synced bytes plus a random prefix of unsynced appended
  /// bytes, sometimes garbled), all descriptors and locks are gone.
  func powerCut() {
    for node in allNodes + [root] {
      node.lockHolder = nil
      if node.isDirectory {
        node.entries = node.durableEntries
      } else if node.data.count > node.durable.count
        && Array(node.data[0..<node.durable.count]) == node.durable
      {
        let extra = Int(random() % UInt64(node.data.count - node.durable.count + 1))
        var kept = Array(node.data[node.durable.count..<node.durable.count + extra])
        if extra > 0 && random() % 3 == 0 { kept[Int(random() % UInt64(extra))] ^= 0x5a }
        node.data = node.durable + kept
        node.durable = node.data
      } else {
        node.data = node.durable
      }
    }
    handles = [:]
    isOff = false
    faults = [:]
  }

  /// Current bytes of a file (nil if missing), for assertions.
  func contents(_ path: String) -> [UInt8]? { lookup(path).map { $0.data } }

  /// Replaces a file's bytes as a careless tool would (current and durable alike).
  func overwrite(_ path: String, _ bytes: [UInt8]) {
    guard let n = lookup(path) else { return }
    n.data = bytes
    n.durable = bytes
  }

  private func random() -> UInt64 {
    rng ^= rng << 13
    rng ^= rng >> 7
    rng ^= rng << 17
    return rng
  }

  private func components(_ path: String) -> [String] {
    path.split(separator: "/").map(String.init).filter { $0 != "." }
  }

  private func lookup(_ path: String) -> Node? {
    var node = root
    for c in components(path) {
      guard node.isDirectory, let next = node.entries[c] else { return nil }
      node = next
    }
    return node
  }

  private func parentAndName(_ path: String) throws -> (Node, String) {
    var parts = components(path)
    guard let name = parts.popLast() else {
      throw StoreError.io(op: "open", path: path, errno: EINVAL)
    }
    guard let parent = lookup(parts.joined(separator: "/")), parent.isDirectory else {
      throw StoreError.io(op: "open", path: path, errno: ENOENT)
    }
    return (parent, name)
  }

  /// Counts a step and applies an injected fault; returns the fault for writes to interpret.
  private func step(_ what: String) throws -> Fault? {
    if isOff { throw StoreError.io(op: what, path: "(power off)", errno: EIO) }
    let fault = faults[steps]
    steps += 1
    log.append(what)
    switch fault {
    case .powerCut?:
      isOff = true
      throw StoreError.io(op: what, path: "(power cut)", errno: EIO)
    case .ioError?: throw StoreError.io(op: what, path: "(injected)", errno: EIO)
    case .noSpace?: throw StoreError.io(op: what, path: "(injected)", errno: ENOSPC)
    default: return fault
    }
  }

  private func handle(_ fd: Int32) throws -> Handle {
    guard let h = handles[fd] else { throw StoreError.io(op: "fd", path: "\(fd)", errno: EBADF) }
    return h
  }

  func open(_ path: String, flags: Int32, mode: UInt32) throws -> Int32 {
    if isOff { throw StoreError.io(op: "open", path: path, errno: EIO) }
    var node = lookup(path)
    if flags & O_CREAT != 0 {
      _ = try step("create \(path)")
      if node != nil && flags & O_EXCL != 0 {
        throw StoreError.io(op: "open", path: path, errno: EEXIST)
      }
      if node == nil {
        let (parent, name) = try parentAndName(path)
        let n = Node(isDirectory: false, mode: mode & ~umask)
        allNodes.append(n)
        parent.entries[name] = n
        node = n
      }
    }
    guard let node else { throw StoreError.io(op: "open", path: path, errno: ENOENT) }
    if flags & O_DIRECTORY != 0 && !node.isDirectory {
      throw StoreError.io(op: "open", path: path, errno: ENOTDIR)
    }
    if flags & O_TRUNC != 0 { node.data = [] }
    let fd = nextFd
    nextFd += 1
    let access = flags & O_ACCMODE
    handles[fd] = Handle(
      node: node, writable: access == O_WRONLY || access == O_RDWR, append: flags & O_APPEND != 0)
    return fd
  }

  func close(_ fd: Int32) {
    if let h = handles[fd], h.node.lockHolder == fd { h.node.lockHolder = nil }
    handles[fd] = nil
  }

  func read(_ fd: Int32, into buffer: UnsafeMutableRawBufferPointer, at offset: UInt64) throws
    -> Int
  {
    if isOff { throw StoreError.io(op: "read", path: "(power off)", errno: EIO) }
    let n = try handle(fd).node
    guard offset < UInt64(n.data.count) else { return 0 }
    let count = min(buffer.count, n.data.count - Int(offset))
    n.data.withUnsafeBytes {
      buffer.baseAddress!.copyMemory(from: $0.baseAddress! + Int(offset), byteCount: count)
    }
    return count
  }

  func write(_ fd: Int32, _ bytes: UnsafeRawBufferPointer) throws -> Int {
    let h = try handle(fd)
    let fault = try step("write \(bytes.count)")
    guard h.writable else { throw StoreError.io(op: "write", path: "fd", errno: EBADF) }
    let count = fault == .shortWrite ? bytes.count / 2 : bytes.count
    if h.append || h.position >= h.node.data.count {
      if !h.append && h.position > h.node.data.count {
        h.node.data += [UInt8](repeating: 0, count: h.position - h.node.data.count)
      }
      h.node.data += bytes[0..<count]
    } else {
      let end = min(h.position + count, h.node.data.count)
      h.node.data.replaceSubrange(h.position..<end, with: bytes[0..<count])
    }
    h.position = h.append ? h.node.data.count : h.position + count
    return count
  }

  func sync(_ fd: Int32, dataOnly: Bool) throws {
    let h = try handle(fd)
    _ = try step(h.node.isDirectory ? "sync folder" : "sync file")
    h.node.durable = h.node.data
    h.node.durableEntries = h.node.entries
  }

  func truncate(_ fd: Int32, to length: UInt64) throws {
    let h = try handle(fd)
    _ = try step("truncate \(length)")
    h.node.data = Array(h.node.data.prefix(Int(length)))
  }

  func size(_ fd: Int32) throws -> UInt64 { UInt64(try handle(fd).node.data.count) }

  func chmod(_ fd: Int32, mode: UInt32) throws {
    let h = try handle(fd)
    _ = try step("chmod")
    h.node.mode = mode
  }

  func chgrp(_ fd: Int32, group: UInt32) throws {
    let h = try handle(fd)
    _ = try step("chgrp")
    h.node.group = group
    h.node.mode &= ~0o2000  // like Linux, changing the group clears setgid
  }

  func tryLock(_ fd: Int32) throws -> Bool {
    let h = try handle(fd)
    if let holder = h.node.lockHolder, holder != fd { return false }
    h.node.lockHolder = fd
    return true
  }

  func makeDirectory(_ path: String, mode: UInt32) throws {
    _ = try step("mkdir \(path)")
    if lookup(path) != nil { throw StoreError.io(op: "mkdir", path: path, errno: EEXIST) }
    let (parent, name) = try parentAndName(path)
    let n = Node(isDirectory: true, mode: mode & ~umask)
    allNodes.append(n)
    parent.entries[name] = n
  }

  func rename(_ from: String, to: String) throws {
    _ = try step("rename \(from)")
    let (p1, n1) = try parentAndName(from)
    let (p2, n2) = try parentAndName(to)
    guard let node = p1.entries[n1] else {
      throw StoreError.io(op: "rename", path: from, errno: ENOENT)
    }
    p1.entries[n1] = nil
    p2.entries[n2] = node
  }

  func list(_ path: String) throws -> [String] {
    guard let n = lookup(path), n.isDirectory else {
      throw StoreError.io(op: "opendir", path: path, errno: ENOENT)
    }
    return Array(n.entries.keys)
  }

  func status(_ path: String) throws -> FileStatus? {
    guard let n = lookup(path) else { return nil }
    return FileStatus(
      isDirectory: n.isDirectory, mode: n.mode, size: UInt64(n.data.count), group: n.group)
  }

  func groupID(_ name: String) -> UInt32? { name == "krav-team" ? 4242 : nil }
}
