import CKravHash
import KravCore

#if canImport(Glibc)
  import Glibc
#endif

/// A fold state that can be cached on disk so start-up replays only the journals' tails.
///
/// `encodeSnapshot()` must capture everything the fold needs (including any `EventRef`s it
/// keeps: journal indexes stay valid because the snapshot also fixes the journal order).
/// Starting from a snapshot plus the tail must give the same state as a full replay.
public protocol SnapshotState {
  /// The state as opaque bytes (`BinaryWriter` helps).
  func encodeSnapshot() -> [UInt8]
  /// Restores a state from `encodeSnapshot()` bytes; throw if they are not understood
  /// (the store then falls back to a full replay).
  init(snapshot: [UInt8]) throws
}

extension Store {
  /// Where this writer's snapshot lives, relative to the store.
  public var snapshotFile: String { "cache/snapshot-\(writer).bin" }

  private static let snapshotMagic = Array("KRAVSNAP".utf8)
  private static let snapshotVersion: UInt32 = 1

  /// Loads the fold state: from the snapshot plus the journals' tails when the snapshot still
  /// matches the journals, else by a full replay from `initial`. Same result either way.
  ///
  /// A snapshot matches when every journal it covers is at least as long as it was and the
  /// line ending at the covered length has the recorded crc (so the covered part was not
  /// rewritten). Bit rot inside the covered part is found by `Store.check`, not here.
  public func load<S: SnapshotState>(
    initial: S, apply: (inout S, Event, EventRef) -> Void
  ) throws -> (S, ReplayReport) {
    if let (saved, payload) = try? readSnapshot(), let restored = try? S(snapshot: payload) {
      for fd in readFds.values { io.close(fd) }
      readFds = [:]
      journals = saved.journals
      ids = saved.ids
      currentFindings = []
      try discoverJournals()
      var state = restored
      var report = try scan(reportAllTornTails: false) { apply(&state, $0, $1) }
      report.usedSnapshot = true
      loaded = true
      return (state, report)
    }
    var state = initial
    let report = try replay { apply(&state, $0, $1) }
    return (state, report)
  }

  /// Saves `state` (which must have folded everything this session delivered and appended)
  /// as this writer's snapshot: temp file 0600, write, fsync, rename, fsync folder.
  ///
  /// Refused in read-only sessions and while findings are unresolved, so a snapshot only ever
  /// records a clean state.
  public func writeSnapshot<S: SnapshotState>(_ state: S) throws {
    if let reason = readOnlyReason { throw StoreError.readOnly(reason: reason) }
    guard loaded else { throw StoreError.notLoaded }
    var w = BinaryWriter()
    for b in Store.snapshotMagic { w.write(b) }
    w.write(Store.snapshotVersion)
    w.write(UInt32(journals.count))
    for (j, st) in journals.enumerated() {
      w.write(st.writer)
      w.write(st.length)
      w.write(st.lines)
      w.write(st.lastSeq)
      w.write(st.lastCrc)
      w.write(ids.maxCanonical[j])
      var holes = BinaryWriter()
      for h in ids.holes[j].sorted() { holes.write(UInt64(h)) }
      w.write(holes.bytes)
    }
    w.write(UInt64(ids.others.count))
    for id in ids.others.sorted() { w.write(id) }
    // The payload can be tens of MB: checksum and write it in place rather than copy it.
    let payload = state.encodeSnapshot()
    w.write(UInt64(payload.count))
    let header = w.bytes
    let crc = payload.withUnsafeBytes {
      krav_crc32c(CRC32C.checksum(header), $0.baseAddress, $0.count)
    }
    let trailer = (0..<4).map { UInt8(truncatingIfNeeded: crc >> (8 * UInt32($0))) }
    try io.replaceAtomically(
      root + "/" + snapshotFile, chunks: [header, payload, trailer], permissions: .personal)
  }

  /// Reads and verifies the snapshot; throws if absent, damaged or no longer matching.
  /// Returns the saved journal positions and id registry, and the payload.
  private func readSnapshot() throws -> ((journals: [JournalState], ids: IdRegistry), [UInt8]) {
    var bytes = try io.readAll(root + "/" + snapshotFile)
    guard bytes.count > 12 else { throw BinaryReader.Malformed() }
    let body = bytes.count - 4
    let stored = bytes[body...].reversed().reduce(UInt32(0)) { $0 << 8 | UInt32($1) }
    guard bytes.withUnsafeBytes({ krav_crc32c(0, $0.baseAddress, body) }) == stored else {
      throw BinaryReader.Malformed()
    }
    let (saved, payloadStart) = try readSnapshotHeader(bytes)
    guard payloadStart <= body else { throw BinaryReader.Malformed() }
    // Cut header and trailer off in place: the payload is not copied.
    bytes.removeLast(4)
    bytes.removeFirst(payloadStart)
    return (saved, bytes)
  }

  /// Parses everything before the payload; returns it and where the payload starts.
  private func readSnapshotHeader(_ bytes: [UInt8]) throws
    -> ((journals: [JournalState], ids: IdRegistry), Int)
  {
    var r = BinaryReader(bytes)
    for b in Store.snapshotMagic where try r.readUInt8() != b { throw BinaryReader.Malformed() }
    guard try r.readUInt32() == Store.snapshotVersion else { throw BinaryReader.Malformed() }
    var saved: [JournalState] = []
    var registry = IdRegistry()
    for _ in 0..<(try r.readUInt32()) {
      var st = JournalState(writer: try r.readString())
      st.length = try r.readUInt64()
      st.lines = try r.readInt()
      st.lastSeq = try r.readInt()
      st.lastCrc = try r.readUInt32()
      registry.addJournal(writer: st.writer)
      registry.maxCanonical[saved.count] = try r.readInt()
      var holes = BinaryReader(try r.readBytes())
      while !holes.isAtEnd { registry.holes[saved.count].insert(Int(try holes.readUInt64())) }
      guard try journalStillStarts(with: st) else { throw BinaryReader.Malformed() }
      saved.append(st)
    }
    for _ in 0..<(try r.readUInt64()) { registry.others.insert(try r.readString()) }
    let length = try r.readUInt64()
    guard length == UInt64(bytes.count - 4 - r.position) else { throw BinaryReader.Malformed() }
    return ((saved, registry), r.position)
  }

  /// Whether the journal is at least `st.length` long and its line ending there has `st.lastCrc`.
  private func journalStillStarts(with st: JournalState) throws -> Bool {
    guard st.length > 0 else { return true }
    let path = root + "/" + st.file
    guard let status = try io.status(path), status.size >= st.length else { return false }
    let fd = try io.open(path, flags: O_RDONLY, mode: 0)
    defer { io.close(fd) }
    var window = 4096
    while true {
      let start = st.length - min(st.length, UInt64(window))
      var buffer = [UInt8](repeating: 0, count: Int(st.length - start))
      let n = try buffer.withUnsafeMutableBytes { try io.read(fd, into: $0, at: start) }
      guard n == buffer.count, buffer.last == 10 else { return false }
      if let nl = buffer.dropLast().lastIndex(of: 10) {
        return JournalLine.decode(Array(buffer[(nl + 1)...])).map(\.crc) == .success(st.lastCrc)
      }
      if start == 0 { return JournalLine.decode(buffer).map(\.crc) == .success(st.lastCrc) }
      window *= 4
    }
  }
}
