import CKravScan
import KravCore

#if canImport(Glibc)
  import Glibc
#endif

/// A fold state that can be cached on disk so start-up replays only the journals' tails.
///
/// `encodeSnapshot()` must capture everything the fold needs (including any `EventRef`s it
/// keeps: journal indexes stay valid because the snapshot also fixes the journal order).
/// Starting from a snapshot plus the tail must give the same state as a full replay.
///
/// A state may split its payload into `snapshotPartCount` parts, each stored with its own
/// length and checksum, so a restore can decode them at the same time on different threads.
public protocol SnapshotState {
  /// The state as opaque bytes (`BinaryWriter` helps).
  func encodeSnapshot() -> [UInt8]
  /// Restores a state from `encodeSnapshot()` bytes; throw if they are not understood
  /// (the store then falls back to a full replay).
  init(snapshot: [UInt8]) throws
  /// How many parts `encodeSnapshot(part:into:flush:)` writes (1 unless a state splits).
  static var snapshotPartCount: Int { get }
  /// Writes part `part` of the state into `w`, calling `flush` from time to time and once at
  /// the end; `flush` may pass the bytes on and empty the writer, so a large state is never
  /// held twice.
  func encodeSnapshot(
    part: Int, into w: inout BinaryWriter, flush: (inout BinaryWriter) throws -> Void) rethrows
  /// Restores a state from its parts, which hand out their bytes in order (checksummed on the
  /// way); a state that reads them in pieces never holds its whole payload. It must read every
  /// part to its end. With `concurrently`, different parts may be read on different threads
  /// (each part by one thread only).
  init(snapshotParts parts: [SnapshotPart], concurrently: Bool) throws
  /// Called before a full replay with the journals' total size, so a state can make room
  /// for what it will hold.
  mutating func prepare(forJournalBytes bytes: Int)
  /// Called during a replay with an event that will be folded soon (by pointer: passing the
  /// event itself copied it): the state may pass to `prefetch` addresses it will then read,
  /// to be fetched meanwhile. Each event is shown three times, in three stages (`Lookahead`):
  /// `.far` a few events before it is folded, for what can be found from the event alone
  /// (index slots), then `.near`, for what those slots point at (keys, records), which by
  /// then are in cache and can be read, then `.arrays`, for the buffers those records hold.
  /// Mutating only so that the replay reaches the state in place: a non-mutating call on the
  /// state it folds into copied the whole state for each event.
  mutating func lookahead(
    _ e: UnsafePointer<Event>, _ stage: Lookahead, _ prefetch: (UnsafeRawPointer) -> Void)
  /// Event types whose `text` folding into this state never reads: `load` hands them to its
  /// `apply` without it (the text is still checked), which spares a string per note and call.
  static var textNotRead: [EventType] { get }
}

extension SnapshotState {
  /// One part.
  public static var snapshotPartCount: Int { 1 }

  /// The whole payload at once, for states that do not stream.
  public func encodeSnapshot(
    part: Int, into w: inout BinaryWriter, flush: (inout BinaryWriter) throws -> Void
  ) rethrows {
    encodeSnapshot().withUnsafeBytes { w.writeRaw($0) }
    try flush(&w)
  }

  /// Every text is read.
  public static var textNotRead: [EventType] { [] }

  /// Nothing to prepare.
  public mutating func prepare(forJournalBytes bytes: Int) {}

  /// Nothing to prefetch.
  public mutating func lookahead(
    _ e: UnsafePointer<Event>, _ stage: Lookahead, _ prefetch: (UnsafeRawPointer) -> Void
  ) {}

  /// The payload in one piece, for states that read only whole arrays.
  public init(snapshotParts parts: [SnapshotPart], concurrently: Bool) throws {
    guard parts.count == 1 else { throw BinaryReader.Malformed() }
    try self.init(snapshot: try parts[0].read(parts[0].length))
  }
}

/// One part of a snapshot's payload, handed out in order `n` bytes at a time, with the
/// CRC-32C of what has been handed out. Used by one thread at a time.
public final class SnapshotPart: @unchecked Sendable {
  /// The part's length in bytes.
  public let length: Int
  /// Bytes handed out so far.
  public private(set) var consumed = 0
  /// CRC-32C of the bytes handed out so far.
  public private(set) var crc: UInt32 = 0
  private let fetch: (_ offset: Int, _ into: inout [UInt8]) throws -> Void

  /// A part of `length` bytes that `fetch(offset, &buffer)` reads: `buffer.count` bytes from
  /// `offset` within the part, into `buffer`.
  public init(length: Int, fetch: @escaping (_ offset: Int, _ into: inout [UInt8]) throws -> Void) {
    self.length = length
    self.fetch = fetch
  }

  /// A part held in memory: `bytes[range]`.
  public convenience init(_ bytes: [UInt8], range: Range<Int>) {
    self.init(length: range.count) { offset, buffer in
      let from = range.lowerBound + offset
      buffer.withUnsafeMutableBytes { $0.copyBytes(from: bytes[from..<from + $0.count]) }
    }
  }

  /// The next `n` bytes; throws when fewer are left.
  public func read(_ n: Int) throws -> [UInt8] {
    var bytes: [UInt8] = []
    try read(n, into: &bytes)
    return bytes
  }

  /// The next `n` bytes into `buffer`, whose storage is reused when it is large enough (a
  /// restore reads frame after frame of about the same size; a fresh array each time was
  /// fresh pages for the kernel to fault in and clear each time).
  public func read(_ n: Int, into buffer: inout [UInt8]) throws {
    guard n >= 0, n <= length - consumed else { throw BinaryReader.Malformed() }
    if buffer.count > n {
      buffer.removeLast(buffer.count - n)
    } else if buffer.count < n {
      buffer.append(contentsOf: repeatElement(0, count: n - buffer.count))
    }
    try fetch(consumed, &buffer)
    crc = buffer.withUnsafeBytes { krav_crc32c(crc, $0.baseAddress, $0.count) }
    consumed += n
  }

  /// Whether every byte has been handed out.
  public var isAtEnd: Bool { consumed == length }
}

extension Store {
  /// Where this writer's snapshot lives, relative to the store.
  public var snapshotFile: String { "cache/snapshot-\(writer).bin" }

  private static let snapshotMagic = Array("KRAVSNAP".utf8)
  private static let snapshotVersion: UInt32 = 2

  /// `load(initial:fromSnapshot:apply:)` folding into a `Ledger`: the fold's own entry point
  /// for a replay (`Ledger.apply(taking:ref:)`, which the fast path keeps out of the public
  /// API), for the app and the command line.
  public func loadLedger(initial: Ledger = Ledger(), fromSnapshot: Bool = true) throws -> (
    Ledger, ReplayReport
  ) {
    try load(initial: initial, fromSnapshot: fromSnapshot) { l, e, r in l.apply(taking: &e, ref: r)
    }
  }

  /// Loads the fold state: from the snapshot plus the journals' tails when the snapshot still
  /// matches the journals, else by a full replay from `initial`. Same result either way.
  ///
  /// A snapshot matches when every journal it covers is at least as long as it was and the
  /// line ending at the covered length has the recorded crc (so the covered part was not
  /// rewritten). Bit rot inside the covered part is found by `Store.check`, not here.
  ///
  /// `fromSnapshot: false` always replays in full (benchmarks measuring exactly that).
  ///
  /// `apply` gets each event `inout` so that it may move out what it keeps
  /// (`Ledger.apply(taking:ref:)`): the store does not read an event once handed over. Events
  /// of the types in `S.textNotRead` come without their `text`.
  public func load<S: SnapshotState>(
    initial: S, fromSnapshot: Bool = true, apply: (inout S, inout Event, EventRef) -> Void
  ) throws -> (S, ReplayReport) {
    for file in fromSnapshot ? snapshotCandidates() : [] {
      guard let (saved, restored) = try? readSnapshot(S.self, file: file) else {
        // A snapshot found damaged only at its end was decoded whole first: give the memory
        // its state took back to the system before the next try or the full replay, or its
        // pieces, freed on two threads' heaps, stay resident beside the replay's (186 MiB
        // instead of 157 at 1 M events).
        _ = krav_release_free_memory()
        continue
      }
      for fd in readFds.values { io.close(fd) }
      readFds = [:]
      journals = saved.journals
      ids = saved.ids
      currentFindings = []
      try discoverJournals()
      var state = restored
      var report = try scan(reportAllTornTails: false, textNotRead: S.textNotRead) {
        apply(&state, &$0, $1)
      }
      report.usedSnapshot = true
      loaded = true
      return (state, report)
    }
    var state = initial
    state.prepare(forJournalBytes: journalBytes())
    try startOver()
    let report = try scan(
      reportAllTornTails: false,
      lookahead: { e, stage in state.lookahead(e, stage) { krav_prefetch($0, 8) } },
      textNotRead: S.textNotRead
    ) { apply(&state, &$0, $1) }
    loaded = true
    return (state, report)
  }

  /// The snapshots a load may start from: this writer's own first, then other writers' (a
  /// read-only command keeps no snapshot of its own, and any snapshot that still matches the
  /// journals gives the same state once their tails are replayed).
  func snapshotCandidates() -> [String] {
    let others = ((try? io.list(root + "/cache")) ?? [])
      .filter { $0.hasPrefix("snapshot-") && $0.hasSuffix(".bin") }
      .map { "cache/" + $0 }
      .filter { $0 != snapshotFile }
      .sorted()
    return [snapshotFile] + others
  }

  /// The total size of the journals in the store's journal folder (0 when unknown).
  private func journalBytes() -> Int {
    let folder = root + "/journal/"
    let names = (try? io.list(folder).filter { $0.hasSuffix(".jsonl") }) ?? []
    return names.reduce(0) { sum, name in
      sum + Int((try? io.status(folder + name))?.size ?? 0)
    }
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
    // The payload can be tens of MB: each part is encoded twice, once to learn its length (the
    // header states it) and once streamed to the file in chunks, instead of being held whole.
    let parts = S.snapshotPartCount
    var lengths: [Int] = []
    for part in 0..<parts {
      var length = 0
      var sizer = BinaryWriter()
      state.encodeSnapshot(part: part, into: &sizer) { chunk in
        length += chunk.count
        chunk.removeAll()
      }
      lengths.append(length)
    }
    w.write(UInt32(parts))
    for length in lengths { w.write(UInt64(length)) }
    let path = root + "/" + snapshotFile
    // cache/ is derivable and may be deleted by hand: made again when missing.
    let cache = root + "/cache"
    if try io.status(cache) == nil {
      do {
        try io.createFolder(cache, permissions: self.permissions)
        try io.syncFolder(root)
      } catch StoreError.io(_, _, let e) where e == EEXIST {}
    }
    let temp = io.temporaryName(for: path)
    let permissions = Permissions.personal
    let fd = try io.open(temp, flags: O_CREAT | O_EXCL | O_WRONLY, mode: permissions.fileMode)
    defer { io.close(fd) }
    try io.chmod(fd, mode: permissions.fileMode)
    try io.writeAll(fd, w.bytes, path: temp)
    w.removeAll()
    var trailer = BinaryWriter()
    for part in 0..<parts {
      var crc: UInt32 = 0
      var streamed = 0
      try state.encodeSnapshot(part: part, into: &w) { chunk in
        crc = chunk.bytes.withUnsafeBytes { krav_crc32c(crc, $0.baseAddress, $0.count) }
        streamed += chunk.count
        try io.writeAll(fd, chunk.bytes, path: temp)
        chunk.removeAll()
      }
      // A state that encodes differently twice would leave a snapshot no reader accepts.
      guard streamed == lengths[part] else {
        throw StoreError.io(op: "write snapshot", path: temp, errno: EINVAL)
      }
      trailer.write(crc)
    }
    try io.writeAll(fd, trailer.bytes, path: temp)
    try io.sync(fd, dataOnly: false)
    try io.rename(temp, to: path)
    try io.syncFolder(parentFolder(of: path))
  }

  /// Reads, verifies and decodes the snapshot; throws if absent, damaged or no longer
  /// matching. Returns the saved journal positions and id registry, and the state.
  ///
  /// The file is read as the state asks for it, not whole: the header from a first piece,
  /// then each part of the payload in the state's own pieces, checksummed as they pass (on
  /// as many threads as the state uses, when the file layer allows concurrent reads). The
  /// state is returned only if every part was read to its end and matches its checksum.
  private func readSnapshot<S: SnapshotState>(_: S.Type, file: String) throws
    -> ((journals: [JournalState], ids: IdRegistry), S)
  {
    let fd = try io.open(root + "/" + file, flags: O_RDONLY, mode: 0)
    defer { io.close(fd) }
    let size = Int(try io.size(fd))
    guard size > 12 else { throw BinaryReader.Malformed() }
    // The header is usually a few hundred bytes; a header longer than the first piece (a huge
    // id registry) is parsed from the whole file instead.
    var first = try readFully(fd, at: 0, count: min(size, 1 << 16))
    let header: ((journals: [JournalState], ids: IdRegistry), [Range<Int>])
    if let parsed = try? readSnapshotHeader(first, fileSize: size) {
      header = parsed
    } else {
      guard first.count < size else { throw BinaryReader.Malformed() }
      first = try readFully(fd, at: 0, count: size)
      header = try readSnapshotHeader(first, fileSize: size)
    }
    let (saved, ranges) = header
    let head = first
    let parts = ranges.map { range in
      SnapshotPart(length: range.count) { [self] offset, buffer in
        // What the first piece already holds is copied from it; the rest is read.
        let at = range.lowerBound + offset
        let n = buffer.count
        let buffered = max(0, min(n, head.count - at))
        try buffer.withUnsafeMutableBytes { out in
          if buffered > 0 { out.copyBytes(from: head[at..<at + buffered]) }
          try readFully(
            fd, at: at + buffered, into: UnsafeMutableRawBufferPointer(rebasing: out[buffered...]))
        }
      }
    }
    let state = try S(snapshotParts: parts, concurrently: io.allowsConcurrentReads)
    let end = ranges.last?.upperBound ?? 0
    var trailer = BinaryReader(try readFully(fd, at: end, count: 4 * parts.count))
    for part in parts {
      guard part.isAtEnd, try trailer.readUInt32() == part.crc else {
        throw BinaryReader.Malformed()
      }
    }
    return (saved, state)
  }

  /// Exactly `count` bytes of the file at `offset`; throws if the file ends first.
  private func readFully(_ fd: Int32, at offset: Int, count: Int) throws -> [UInt8] {
    try [UInt8](unsafeUninitializedCapacity: count) { buffer, n in
      try readFully(fd, at: offset, into: UnsafeMutableRawBufferPointer(buffer))
      n = count
    }
  }

  /// Fills `buffer` from the file at `offset`; throws if the file ends first.
  private func readFully(_ fd: Int32, at offset: Int, into buffer: UnsafeMutableRawBufferPointer)
    throws
  {
    var done = 0
    while done < buffer.count {
      let got = try io.read(
        fd, into: UnsafeMutableRawBufferPointer(rebasing: buffer[done...]),
        at: UInt64(offset + done))
      guard got > 0 else { throw BinaryReader.Malformed() }
      done += got
    }
  }

  /// Parses everything before the payload; returns it and where each part of it lies.
  private func readSnapshotHeader(_ bytes: [UInt8], fileSize: Int) throws
    -> ((journals: [JournalState], ids: IdRegistry), [Range<Int>])
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
    let count = Int(try r.readUInt32())
    guard count >= 1, count <= 64 else { throw BinaryReader.Malformed() }
    var ranges: [Range<Int>] = []
    var at = r.position + 8 * count
    for _ in 0..<count {
      let length = try r.readUInt64()
      guard length <= UInt64(fileSize) else { throw BinaryReader.Malformed() }
      ranges.append(at..<at + Int(length))
      at += Int(length)
    }
    // The parts, then a checksum for each, and nothing else.
    guard at + 4 * count == fileSize else { throw BinaryReader.Malformed() }
    return ((saved, registry), ranges)
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

extension Store {
  /// Sets the process's allocator up for large stores (`krav_memory_setup`: large arrays
  /// stay mmapped, so growing one never holds two heap copies and freeing one gives it back).
  /// Krav's programs call it once at start; a library user may too.
  public static func tuneMemory() { krav_memory_setup() }
}
