import CKravScan
import KravCore

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// The fold state as a snapshot: a compact binary form of every ledger field.
///
/// Bump `ledgerSnapshotVersion` whenever `Ledger`, `Customer` or `Claim` change shape: an old
/// snapshot then fails to decode and the store falls back to a full replay, so a stale cache
/// can cost time but never correctness.
///
/// Layout choices, all for load time and size: enums are one byte, days four, counts and the
/// lengths of the records' strings are LEB128 varints (one byte, mostly), optional fields share
/// one presence byte per record, and the timeline (one entry per event) is two flat runs of
/// fixed-size values read without per-entry bookkeeping. The three hash indexes' slots end the
/// payload (about 10 MiB at 220 000 claims): reading them is a copy, rebuilding them was a
/// hash and a write to a random slot (a cache miss) per customer, claim and KID.
extension Ledger: SnapshotState {
  static let ledgerSnapshotVersion: UInt32 = 23

  /// Bytes gathered before `flush` is offered them: large enough that writes are few, small
  /// enough that a streamed snapshot never holds more than this of the payload.
  static let snapshotChunk = 1 << 20

  /// What folding `e` will read: index slots (`.far`, `lookupAddresses(for:_:)`), then the
  /// keys and records they point at (`.near`, `lookupTargets(for:_:)`), then the arrays those
  /// records hold that the fold appends to (`.arrays`, `lookupArrays(for:_:)`).
  public mutating func lookahead(
    _ e: UnsafePointer<Event>, _ stage: Lookahead, _ prefetch: (UnsafeRawPointer) -> Void
  ) {
    switch stage {
    case .far: lookupAddresses(for: e, prefetch)
    case .near: lookupTargets(for: e, prefetch)
    case .arrays: lookupArrays(for: e, prefetch)
    }
  }

  /// The types whose text the fold never reads (`Ledger.textNotFolded`).
  public static var textNotRead: [EventType] { Ledger.textNotFolded }

  /// Makes room before a full replay (see `reserveCapacity(forJournalBytes:)`).
  public mutating func prepare(forJournalBytes bytes: Int) {
    reserveCapacity(forJournalBytes: bytes)
  }

  /// The payload in one array (tests and benchmarks; the store streams it instead): the number
  /// of parts, each part's length, then the parts.
  public func encodeSnapshot() -> [UInt8] {
    var parts: [[UInt8]] = []
    for part in 0..<Ledger.snapshotPartCount {
      var w = BinaryWriter()
      encodeSnapshot(part: part, into: &w) { _ in }
      parts.append(w.bytes)
    }
    var w = BinaryWriter()
    w.write(UInt32(parts.count))
    for p in parts { w.write(UInt64(p.count)) }
    for p in parts { p.withUnsafeBytes { w.writeRaw($0) } }
    return w.bytes
  }

  /// Restores a ledger from `encodeSnapshot()` bytes.
  public init(snapshot bytes: [UInt8]) throws {
    var r = BinaryReader(bytes)
    let count = Int(try r.readUInt32())
    guard count == Ledger.snapshotPartCount else { throw BinaryReader.Malformed() }
    var at = 4 + 8 * count
    var parts: [SnapshotPart] = []
    for _ in 0..<count {
      let length = try r.readUInt64()
      guard length <= UInt64(bytes.count - at) else { throw BinaryReader.Malformed() }
      parts.append(SnapshotPart(bytes, range: at..<at + Int(length)))
      at += Int(length)
    }
    guard at == bytes.count else { throw BinaryReader.Malformed() }
    // Each part's frames check that the part was read to its end.
    try self.init(snapshotParts: parts, concurrently: true)
  }

  /// Two parts, decoded at the same time on a restore: the claims, the report log and the
  /// timeline's references (part 1), and everything else (part 0: customers, each timeline
  /// entry's previous entry, the customers' and KIDs' index slots and the small tables), which
  /// take about as long.
  public static var snapshotPartCount: Int { 2 }

  /// Writes part `part` into `w` as frames of whole records, each a u32 length and about
  /// `snapshotChunk` bytes, offering every finished frame to `flush`; a reader can then decode
  /// frame by frame without holding the payload (`init(snapshotParts:concurrently:)`).
  public func encodeSnapshot(
    part: Int, into w: inout BinaryWriter, flush: (inout BinaryWriter) throws -> Void
  ) rethrows {
    var frame = w.beginFrame()
    w.write(Ledger.ledgerSnapshotVersion)
    w.write(UInt8(part))
    // Index slot runs: each a count, then u64s (the claims' in part 1, the customers' and
    // the KIDs' in part 0, which balances the two parts).
    func writeRun(_ run: [UInt64]) throws {
      w.write(run.count)
      for slot in run {
        w.write(slot)
        if w.frameIsFull(frame) { try w.nextFrame(&frame, flush) }
      }
    }
    // A count, then each record read in place by `write` and followed by its u32 (the mirror
    // of `readRecords`): iterating a zip of the arrays copied every record (a retain and a
    // release of each of its strings and arrays).
    func writeRecords<T>(
      _ values: [T], _ links: [Int32], _ write: (inout BinaryWriter, UnsafePointer<T>) -> Void
    ) throws {
      w.write(values.count)
      try values.withUnsafeBufferPointer { all in
        for i in all.indices {
          write(&w, all.baseAddress! + i)
          w.write(UInt32(bitPattern: links[i]))
          if w.frameIsFull(frame) { try w.nextFrame(&frame, flush) }
        }
      }
    }
    let slots = indexSlots
    if part == 1 {
      try writeRecords(claims.values, claimOwner) { $0.write($1) }
      try writeRun(slots.claims)
      // The report log: its collectors' names, then two u64s a record (ReportLog.swift). In
      // this part since version 22: in part 0 it made that part a tenth longer than this one,
      // and a restore waits for the longer part.
      w.write(reportLog.collectors.count)
      for c in reportLog.collectors { w.write(c) }
      w.write(reportLog.entries.count)
      for e in reportLog.entries {
        let words = ReportEntryBits.words(e)
        w.write(words.0)
        w.write(words.1)
        if w.frameIsFull(frame) { try w.nextFrame(&frame, flush) }
      }
      // The timeline's references: in this part since version 23, for the same reason (the
      // customers are the longest single task of a restore, and part 0 was still the longer).
      w.write(timelineRefs.count)
      for ref in timelineRefs {
        w.write(ref.bits)
        if w.frameIsFull(frame) { try w.nextFrame(&frame, flush) }
      }
      w.endFrame(frame)
      try flush(&w)
      return
    }
    w.write(eventCount)
    try writeRecords(customers.values, customerLastEvent) { $0.write($1) }
    w.write(rejected.count)
    for r in rejected {
      w.write(r.eventId)
      w.write(r.type.rawValue)
      w.write(r.reason)
    }
    w.write(unmatchedPayments.count)
    for p in unmatchedPayments {
      w.write(p.eventId)
      w.write(p.amount)
      w.write(p.day)
      w.write(p.kid)
      w.write(p.payer)
      w.write(p.text)
    }
    w.write(assignedPayments.count)
    for id in assignedPayments.sorted() { w.write(id) }
    // The creditor's rules: ladder settings, then the rate rows it set.
    w.write(UInt8(rules.ladder.sendsReminder ? 1 : 0))
    w.write(UInt8(rules.ladder.combines418 ? 1 : 0))
    w.write(UInt8(rules.ladder.handoff == .agency ? 1 : 0))
    w.write(rules.ladder.agencyName ?? "")
    w.write(rules.overrides.count)
    for row in rules.overrides {
      w.write(row.kind.rawValue)
      w.write(row.from)
      w.write(row.value.integer)
      w.write(row.source)
      w.write(row.note)
    }
    w.write(plans.count)
    for p in plans { w.write(p) }
    // Each timeline entry's previous entry of the same customer (the references are in part 1).
    w.write(timelinePrevious.count)
    for prev in timelinePrevious {
      w.write(UInt32(bitPattern: prev))
      if w.frameIsFull(frame) { try w.nextFrame(&frame, flush) }
    }
    try writeRun(slots.customers)
    try writeRun(slots.kids)
    w.endFrame(frame)
    try flush(&w)
  }

  /// Restores a ledger from its two parts, the claims on a second thread when `concurrently`.
  public init(snapshotParts parts: [SnapshotPart], concurrently: Bool) throws {
    guard parts.count == Ledger.snapshotPartCount else { throw BinaryReader.Malformed() }
    let main: SnapshotMain
    let claimPart: SnapshotClaims
    if concurrently {
      (main, claimPart) = try Parallel.both(
        { try SnapshotMain(parts[0]) },
        {
          // The new thread's heap would grow a page per system call (memory.c); the claims
          // allocate somewhat more than their part's size in small pieces.
          krav_prepare_thread_heap(2 * parts[1].length)
          return try SnapshotClaims(parts[1])
        })
    } else {
      main = try SnapshotMain(parts[0])
      claimPart = try SnapshotClaims(parts[1])
    }
    // The timeline's two halves have one entry each, and each customer's last entry is one
    // the timeline holds.
    let entries = Int32(claimPart.refs.count)
    guard main.previous.count == claimPart.refs.count,
      main.lastEvents.allSatisfy({ $0 >= -1 && $0 < entries })
    else { throw BinaryReader.Malformed() }
    // Owners are stored by position; the ledger checks each names the customer its claim does.
    do {
      try self.init(
        customers: main.customers, claims: claimPart.claims, kidSlots: main.kidSlots,
        claimOwner: claimPart.owners, eventCount: main.eventCount, rejected: main.rejected,
        unmatchedPayments: main.unmatched, timelineRefs: claimPart.refs,
        timelinePrevious: main.previous, customerLastEvent: main.lastEvents,
        assignedPayments: main.assigned, rules: main.rules)
    } catch {
      throw BinaryReader.Malformed()
    }
    restorePlans(main.plans)
    // Every record must point at a customer or claim the snapshot holds.
    for e in claimPart.reportEntries {
      let limit = e.kind == .step || e.kind == .closed ? claims.count : customers.count
      guard e.target >= 0, Int(e.target) < limit else { throw BinaryReader.Malformed() }
    }
    restoreReportLog(
      ReportLog(entries: claimPart.reportEntries, collectors: claimPart.reportCollectors))
  }
}

/// A `ReportEntry` as two little-endian u64s: day and target; extra, collector, kind, detail.
enum ReportEntryBits {
  static func words(_ e: ReportEntry) -> (UInt64, UInt64) {
    (
      UInt64(UInt32(bitPattern: e.day.ordinal)) | UInt64(UInt32(bitPattern: e.target)) << 32,
      UInt64(UInt32(bitPattern: e.extra)) | UInt64(e.collector) << 32
        | UInt64(e.kind.rawValue) << 48 | UInt64(e.detail) << 56
    )
  }

  /// Whether a `ReportEntry` in memory is exactly its two little-endian words (day, target,
  /// extra, collector, kind, detail at bytes 0, 4, 8, 12, 14, 15 of 16): then a restore copies
  /// the records straight from the snapshot's frames (`decode(_:count:into:plain:)`).
  static let layoutMatches: Bool = {
    #if _endian(little)
      typealias L = MemoryLayout<ReportEntry>
      return L.size == 16 && L.stride == 16 && L.offset(of: \.day) == 0
        && L.offset(of: \.target) == 4 && L.offset(of: \.extra) == 8
        && L.offset(of: \.collector) == 12 && L.offset(of: \.kind) == 14
        && L.offset(of: \.detail) == 15
    #else
      return false
    #endif
  }()

  /// Restores on the plain twin (`entry` per record) instead of the copy:
  /// `KRAV_PLAIN_SNAPSHOT=1` (tests run both and compare).
  static let plainByDefault: Bool = {
    guard let v = getenv("KRAV_PLAIN_SNAPSHOT") else { return false }
    return String(cString: v) == "1"
  }()

  /// Decodes `count` records of 16 bytes at `src` into uninitialized memory at `dst`. Fast
  /// path (`layoutMatches`, not `plain`): every record's kind is checked in the bytes, then all
  /// are copied at once (one `memcpy`, no per-record work). Plain twin: `entry` per record.
  /// Both refuse an unknown kind, leaving nothing at `dst` initialized (fast) or the records
  /// before it (plain, which the caller then discards with the array it was building).
  static func decode(
    _ src: UnsafeRawPointer, count: Int, into dst: UnsafeMutablePointer<ReportEntry>, plain: Bool
  ) throws {
    if layoutMatches && !plain {
      let kinds = UInt8(ReportEntry.Kind.allCases.count)
      for i in 0..<count where src.load(fromByteOffset: 16 * i + 14, as: UInt8.self) >= kinds {
        throw BinaryReader.Malformed()
      }
      UnsafeMutableRawPointer(dst).copyMemory(from: src, byteCount: 16 * count)
      return
    }
    for i in 0..<count {
      let a = UInt64(littleEndian: src.loadUnaligned(fromByteOffset: 16 * i, as: UInt64.self))
      let b = UInt64(littleEndian: src.loadUnaligned(fromByteOffset: 16 * i + 8, as: UInt64.self))
      (dst + i).initialize(to: try entry(a, b))
    }
  }

  static func entry(_ a: UInt64, _ b: UInt64) throws -> ReportEntry {
    guard let kind = ReportEntry.Kind(rawValue: UInt8(truncatingIfNeeded: b >> 48)) else {
      throw BinaryReader.Malformed()
    }
    return ReportEntry(
      kind: kind, day: Day(ordinal: Int32(bitPattern: UInt32(truncatingIfNeeded: a))),
      target: Int32(bitPattern: UInt32(truncatingIfNeeded: a >> 32)),
      collector: UInt16(truncatingIfNeeded: b >> 32), detail: UInt8(truncatingIfNeeded: b >> 56),
      extra: Int32(bitPattern: UInt32(truncatingIfNeeded: b)))
  }
}

/// A snapshot part's frames, one at a time: each a u32 length and that many bytes of whole
/// records (records never span frames).
private struct SnapshotFrames {
  let part: SnapshotPart
  var r = BinaryReader([])

  /// Opens `part` and checks its version and number.
  init(_ part: SnapshotPart, number: UInt8) throws {
    self.part = part
    try more()
    guard try r.readUInt32() == Ledger.ledgerSnapshotVersion, try r.readUInt8() == number else {
      throw BinaryReader.Malformed()
    }
  }

  /// Moves to the next non-empty frame when the current one is used up; called before each
  /// record or count.
  mutating func more() throws {
    while r.isAtEnd {
      guard part.consumed < part.length, part.length - part.consumed >= 4 else {
        throw BinaryReader.Malformed()
      }
      var header = BinaryReader(try part.read(4))
      let n = Int(try header.readUInt32())
      guard n <= part.length - part.consumed else { throw BinaryReader.Malformed() }
      // The frame's buffer is reused for the next frame (`SnapshotPart.read(_:into:)`).
      var buffer = r.takeBytes()
      try part.read(n, into: &buffer)
      r = BinaryReader(buffer)
    }
  }

  /// A count of records of at least `minimumSize` bytes each, checked against the part's
  /// length, so a damaged count cannot ask for a huge reservation.
  mutating func count(minimumSize: Int) throws -> Int {
    try more()
    let n = try r.readInt()
    guard n >= 0, n <= part.length / minimumSize else { throw BinaryReader.Malformed() }
    return n
  }

  /// A count, then that many records each followed by a u32 (a customer's last timeline entry,
  /// a claim's owner): the records built in place by `read` (see `readClaim(into:)`) and the
  /// u32s beside them.
  mutating func readRecords<T>(
    minimumSize: Int, _ read: (inout BinaryReader, UnsafeMutablePointer<T>) throws -> Void
  ) throws -> ([T], [Int32]) {
    let n = try count(minimumSize: minimumSize)
    // Not through `unsafeUninitializedCapacity` when empty (see `KeyedTable.keys(of:)`).
    guard n > 0 else { return ([], []) }
    var links: [Int32] = []
    links.reserveCapacity(n)
    let records = try [T](unsafeUninitializedCapacity: n) { buffer, initialized in
      SnapshotFrames.adviseHugePages(buffer)
      for i in 0..<n {
        try more()
        try read(&r, buffer.baseAddress! + i)
        initialized = i + 1
        links.append(Int32(bitPattern: try r.readUInt32()))
      }
    }
    return (records, links)
  }

  /// An array of `n` fixed-width values stored little-endian (the timeline and the index
  /// slots are runs of them), copied from the frames' bytes as many per frame as it holds.
  /// `T` is an integer or a struct of one (`EventRef`); `swapped` reverses its byte order
  /// on a big-endian machine.
  mutating func readRun<T: BitwiseCopyable>(
    _ n: Int, of _: T.Type, swapped: (T) -> T = { $0 }
  ) throws -> [T] {
    guard n > 0 else { return [] }
    return try [T](unsafeUninitializedCapacity: n) { buffer, initialized in
      SnapshotFrames.adviseHugePages(buffer)
      let width = MemoryLayout<T>.size
      var done = 0
      while done < n {
        try more()
        let k = min(n - done, r.remaining / width)
        guard k > 0 else { throw BinaryReader.Malformed() }
        try r.withRawBytes(k * width) { raw in
          UnsafeMutableRawPointer(buffer.baseAddress! + done).copyMemory(
            from: raw.baseAddress!, byteCount: k * width)
        }
        done += k
        initialized = done
      }
      #if _endian(big)
        for i in 0..<n { buffer[i] = swapped(buffer[i]) }
      #endif
    }
  }

  /// `n` report records (`ReportEntryBits`), built in place from as many per frame as it holds:
  /// no intermediate array of words (that cost a second 5 MB at 1 M events, and its pages).
  mutating func readReportEntries(_ n: Int, plain: Bool) throws -> [ReportEntry] {
    guard n > 0 else { return [] }
    return try [ReportEntry](unsafeUninitializedCapacity: n) { buffer, initialized in
      SnapshotFrames.adviseHugePages(buffer)
      var done = 0
      while done < n {
        try more()
        let k = min(n - done, r.remaining / 16)
        guard k > 0 else { throw BinaryReader.Malformed() }
        try r.withRawBytes(k * 16) { raw in
          try ReportEntryBits.decode(
            raw.baseAddress!, count: k, into: buffer.baseAddress! + done, plain: plain)
        }
        done += k
        initialized = done
      }
    }
  }

  /// Whether large restored arrays ask for huge pages (`krav_advise_huge_pages`); off with
  /// `KRAV_NO_HUGE_PAGES=1` (the plain twin: the same bytes on 4 KiB pages).
  static let hugePages: Bool = {
    guard let v = getenv("KRAV_NO_HUGE_PAGES") else { return true }
    return String(cString: v) != "1"
  }()

  /// Advises huge pages for a restored array of 4 MiB or more before it is written (the
  /// claims' and customers' records, the timeline, the index slots, the report log: 5–30 MiB
  /// each at 1 M events). Interleaved on the 1 M store: 12 % less CPU for the restore and the
  /// queue, the same peak memory (Docs/performance.md).
  static func adviseHugePages<T>(_ buffer: UnsafeMutableBufferPointer<T>) {
    let bytes = buffer.count * MemoryLayout<T>.stride
    guard hugePages, bytes >= 4 << 20, let base = buffer.baseAddress else { return }
    _ = krav_advise_huge_pages(UnsafeMutableRawPointer(base), bytes)
  }

  /// Checks that the part has been read to its end.
  func finish() throws {
    guard r.isAtEnd, part.isAtEnd else { throw BinaryReader.Malformed() }
  }
}

/// Part 1 of a ledger snapshot: the claims and their owners' positions, then the report log,
/// then the timeline's references.
///
/// Each part builds its tables on the thread that decoded it: the saved index slots are
/// checked while they are still in that core's cache.
private struct SnapshotClaims {
  /// The claims by invoice, with the saved index when its slots fit (else rebuilt).
  var claims = KeyedTable<Claim>()
  var owners: [Int32] = []
  var reportCollectors: [String] = []
  var reportEntries: [ReportEntry] = []
  var refs: [EventRef] = []

  init(_ part: SnapshotPart) throws {
    var f = try SnapshotFrames(part, number: 1)
    let (values, links) = try f.readRecords(minimumSize: 16) { try $0.readClaim(into: $1) }
    owners = links
    let slots = try f.readRun(try f.count(minimumSize: 8), of: UInt64.self) { $0.byteSwapped }
    for _ in 0..<(try f.count(minimumSize: 1)) {
      try f.more()
      reportCollectors.append(try f.r.readString())
    }
    reportEntries = try f.readReportEntries(
      try f.count(minimumSize: 16), plain: ReportEntryBits.plainByDefault)
    refs = try f.readRun(try f.count(minimumSize: 8), of: EventRef.self) {
      EventRef(bits: $0.bits.byteSwapped)
    }
    try f.finish()
    claims = Ledger.claimTable(values, indexSlots: slots)
  }
}

/// Part 0 of a ledger snapshot: everything but the claims, the report log and the timeline's
/// references.
private struct SnapshotMain {
  var eventCount = 0
  /// The customers by id, with the saved index when its slots fit (else rebuilt).
  var customers = KeyedTable<Customer>()
  var lastEvents: [Int32] = []
  var rejected: [RejectedEvent] = []
  var unmatched: [UnmatchedPayment] = []
  var assigned: Set<String> = []
  var rules = CollectionRules()
  var plans: [Plan] = []
  /// Each timeline entry's previous entry of the same customer (the references are in part 1).
  var previous: [Int32] = []
  /// The saved KID index's slots (they index claims, which are in the other part: the ledger
  /// checks them).
  var kidSlots: [UInt64] = []

  init(_ part: SnapshotPart) throws {
    var f = try SnapshotFrames(part, number: 0)
    eventCount = try f.r.readInt()
    let (values, links) = try f.readRecords(minimumSize: 8) { try $0.readCustomer(into: $1) }
    lastEvents = links
    for _ in 0..<(try f.count(minimumSize: 24)) {
      try f.more()
      rejected.append(
        RejectedEvent(
          eventId: try f.r.readString(), type: EventType(rawValue: try f.r.readString()),
          reason: try f.r.readString()))
    }
    for _ in 0..<(try f.count(minimumSize: 23)) {
      try f.more()
      unmatched.append(
        UnmatchedPayment(
          eventId: try f.r.readString(), amount: try f.r.readMoney(), day: try f.r.readDay(),
          kid: try f.r.readOptionalString(), payer: try f.r.readOptionalString(),
          text: try f.r.readOptionalString()))
    }
    for _ in 0..<(try f.count(minimumSize: 8)) {
      try f.more()
      assigned.insert(try f.r.readString())
    }
    try f.more()
    var ladder = Ladder(
      sendsReminder: try f.r.readUInt8() == 1, combines418: try f.r.readUInt8() == 1,
      handoff: try f.r.readUInt8() == 1 ? .agency : .enforcement)
    ladder.agencyName = try f.r.readString()
    if ladder.agencyName == "" { ladder.agencyName = nil }
    var overrides: [RateTable.Row] = []
    for _ in 0..<(try f.count(minimumSize: 24)) {
      try f.more()
      guard let kind = RateTable.Kind(rawValue: try f.r.readString()) else {
        throw BinaryReader.Malformed()
      }
      let from = try f.r.readDay()
      let value = RateTable.value(kind, integer: try f.r.readInt64())
      overrides.append(
        RateTable.Row(
          kind: kind, from: from, value: value, source: try f.r.readString(), isVerified: true,
          note: try f.r.readString()))
    }
    rules = CollectionRules(ladder: ladder, overrides: overrides)
    for _ in 0..<(try f.count(minimumSize: 16)) {
      try f.more()
      plans.append(try f.r.readPlan())
    }
    previous = try f.readRun(try f.count(minimumSize: 4), of: Int32.self) { $0.byteSwapped }
    // Each entry points back to an earlier one of the same customer, or nowhere.
    for (i, p) in previous.enumerated() where p >= Int32(i) || p < -1 {
      throw BinaryReader.Malformed()
    }
    // The customers' and KIDs' index slots: the customers' checked here (rebuilt if they do
    // not fit), the KIDs' by `Ledger.init`, which has the claims.
    let customerSlots = try f.readRun(try f.count(minimumSize: 8), of: UInt64.self) {
      $0.byteSwapped
    }
    kidSlots = try f.readRun(try f.count(minimumSize: 8), of: UInt64.self) { $0.byteSwapped }
    try f.finish()
    customers = Ledger.customerTable(values, indexSlots: customerSlots)
  }
}

extension BinaryWriter {
  /// Starts a frame: a u32 length (filled in by `endFrame`) then its bytes; returns where.
  fileprivate mutating func beginFrame() -> Int {
    let at = count
    write(UInt32(0))
    return at
  }

  /// Whether the frame started at `frame` has reached `Ledger.snapshotChunk` bytes.
  fileprivate func frameIsFull(_ frame: Int) -> Bool { count - frame >= Ledger.snapshotChunk }

  /// Fills in the length of the frame started at `frame`.
  fileprivate mutating func endFrame(_ frame: Int) {
    overwrite(UInt32(count - frame - 4), at: frame)
  }

  /// Ends the frame, offers the bytes to `flush` and starts the next frame.
  fileprivate mutating func nextFrame(
    _ frame: inout Int, _ flush: (inout BinaryWriter) throws -> Void
  ) rethrows {
    endFrame(frame)
    try flush(&self)
    frame = beginFrame()
  }
}

/// Presence bits of a customer's optional fields.
private enum CustomerField {
  static let orgnr: UInt8 = 1
  static let birthNumber: UInt8 = 2
  static let email: UInt8 = 4
  static let phone: UInt8 = 8
  static let address: UInt8 = 16
  static let lastCallOn: UInt8 = 32
  static let holdUntil: UInt8 = 64
}

/// Presence bits of a claim's optional fields.
private enum ClaimField {
  static let kid: UInt8 = 1
  static let stepOn: UInt8 = 2
  static let holdUntil: UInt8 = 4
  static let closed: UInt8 = 8
  static let filedOn: UInt8 = 16
  static let awaitingDispatch: UInt8 = 32
}

/// One-byte codes for the enums a snapshot stores (their position in `allCases`).
private let closureReasons: [ClosureReason] = [.paid, .writtenOff, .sentToAgency, .withdrawn]

extension BinaryWriter {
  mutating func write(_ s: String?) {
    write(UInt8(s == nil ? 0 : 1))
    if let s { writeCompact(s) }
  }
  mutating func write(_ d: Day) { write(UInt32(bitPattern: d.ordinal)) }
  mutating func write(_ m: Money) { write(m.ore) }
  mutating func write(_ m: Money?) {
    write(UInt8(m == nil ? 0 : 1))
    if let m { write(m) }
  }
  mutating func write(_ d: Day?) {
    write(UInt8(d == nil ? 0 : 1))
    if let d { write(d) }
  }
  mutating func writeCount(_ n: Int) { writeVarint(UInt64(n)) }
  mutating func write(_ s: Step) { write(UInt8(s.rank)) }

  /// Writes the customer at `c`, read in place (a customer passed by value was copied: a retain
  /// and a release of each of its strings and arrays).
  mutating func write(_ c: UnsafePointer<Customer>) {
    writeCompact(c.pointee.id)
    writeCompact(c.pointee.name)
    var flags: UInt8 = c.pointee.kind == .business ? 128 : 0
    if c.pointee.orgnr != nil { flags |= CustomerField.orgnr }
    if c.pointee.birthNumber != nil { flags |= CustomerField.birthNumber }
    if c.pointee.email != nil { flags |= CustomerField.email }
    if c.pointee.phone != nil { flags |= CustomerField.phone }
    if c.pointee.address != nil { flags |= CustomerField.address }
    if c.pointee.lastCallOn != nil { flags |= CustomerField.lastCallOn }
    if c.pointee.holdUntil != nil { flags |= CustomerField.holdUntil }
    write(flags)
    if let s = c.pointee.orgnr { writeCompact(s) }
    if let s = c.pointee.birthNumber { writeCompact(s) }
    if let s = c.pointee.email { writeCompact(s) }
    if let s = c.pointee.phone { writeCompact(s) }
    if let s = c.pointee.address { writeCompact(s) }
    if let d = c.pointee.lastCallOn { write(d) }
    if let d = c.pointee.holdUntil { write(d) }
    writeVarint(UInt64(c.pointee.callCount))
    write(UInt8(c.pointee.doNotCall ? 1 : 0))
    write(c.pointee.collector)
    writeCount(c.pointee.approvals.count)
    for a in c.pointee.approvals {
      writeCompact(a.id)
      writeCompact(a.action)
      write(a.invoice)
      writeCount(a.invoices.count)
      for i in a.invoices { writeCompact(i) }
      write(a.step)
      writeCompact(a.requestedBy)
      writeCompact(a.requestedAt)
      writeCompact(a.text)
      // A plan request's terms (issue 18): a presence byte, then the terms.
      write(UInt8(a.plan == nil ? 0 : 1))
      if let p = a.plan {
        writeCount(p.invoices.count)
        for i in p.invoices { writeCompact(i) }
        writeCount(p.instalments)
        writeCompact(p.frequency.rawValue)
        writeCount(p.graceDays)
        writeCount(p.signingDays)
        write(p.channel)
      }
    }
    writeCount(c.pointee.callDays.count)
    for d in c.pointee.callDays { write(d) }
    writeCount(c.pointee.promises.count)
    for p in c.pointee.promises {
      writeCompact(p.eventId)
      write(p.madeOn)
      write(p.amount)
      write(p.due)
      write(p.invoice)
    }
    writeCount(c.pointee.disputes.count)
    for d in c.pointee.disputes {
      writeCompact(d.eventId)
      writeCompact(d.invoice)
      write(d.openedOn)
      write(d.amount)
      writeCompact(d.reason)
      writeCompact(d.text)
      write(d.outcome)
      write(d.resolvedOn)
      write(d.credit)
    }
  }

  /// Writes the claim at `c`, read in place (a claim passed by value was copied: a retain
  /// and a release of each of its strings and arrays).
  mutating func write(_ c: UnsafePointer<Claim>) {
    writeCompact(c.pointee.invoice)
    writeCompact(c.pointee.customer)
    write(c.pointee.principal)
    write(c.pointee.issued)
    write(c.pointee.due)
    var flags: UInt8 = 0
    if c.pointee.kid != nil { flags |= ClaimField.kid }
    if c.pointee.stepOn != nil { flags |= ClaimField.stepOn }
    if c.pointee.holdUntil != nil { flags |= ClaimField.holdUntil }
    if c.pointee.closed != nil { flags |= ClaimField.closed }
    if c.pointee.filedOn != nil { flags |= ClaimField.filedOn }
    if c.pointee.awaitingDispatch { flags |= ClaimField.awaitingDispatch }
    write(flags)
    if let k = c.pointee.kid { writeCompact(k) }
    if let d = c.pointee.stepOn { write(d) }
    if let d = c.pointee.holdUntil { write(d) }
    if let x = c.pointee.closed { write(UInt8(closureReasons.firstIndex(of: x)!)) }
    if let d = c.pointee.filedOn { write(d) }
    write(c.pointee.step)
    write(c.pointee.credits)
    writeCount(c.pointee.payments.count)
    for p in c.pointee.payments {
      write(p.day)
      write(UInt8(p.onAccount ? 1 : 0))
      write(p.amount)
    }
    writeCount(c.pointee.fees.count)
    for f in c.pointee.fees {
      write(f.day)
      write(f.amount)
      write(f.step)
    }
    writeCount(c.pointee.conflicts.count)
    for x in c.pointee.conflicts { writeCompact(x) }
  }
}

extension BinaryReader {
  /// A 64-bit count of records of at least `minimumSize` bytes each, checked against the input.
  mutating func readCount(minimumSize: Int) throws -> Int {
    let n = try readInt()
    guard n >= 0, n <= remaining / minimumSize else { throw Malformed() }
    return n
  }
  /// A varint count of records of at least `minimumSize` bytes each.
  mutating func readSmallCount(minimumSize: Int) throws -> Int {
    let n = try readVarint()
    guard n <= UInt64(remaining / minimumSize) else { throw Malformed() }
    return Int(n)
  }
  mutating func readOptionalString() throws -> String? {
    try readUInt8() == 0 ? nil : try readCompactString()
  }
  mutating func readDay() throws -> Day { Day(ordinal: Int32(bitPattern: try readUInt32())) }
  mutating func readOptionalDay() throws -> Day? { try readUInt8() == 0 ? nil : try readDay() }
  mutating func readMoney() throws -> Money { Money(ore: try readInt64()) }
  mutating func readOptionalMoney() throws -> Money? {
    try readUInt8() == 0 ? nil : try readMoney()
  }
  mutating func readStep() throws -> Step {
    let rank = Int(try readUInt8())
    guard rank < Step.allCases.count else { throw Malformed() }
    return Step.allCases[rank]
  }

  /// Reads a customer into uninitialized memory at `p`, every field before `p` is
  /// initialized and the customer built in place (see `readClaim(into:)`).
  mutating func readCustomer(into p: UnsafeMutablePointer<Customer>) throws {
    let id = try readCompactString()
    let name = try readCompactString()
    let flags = try readUInt8()
    let orgnr = flags & CustomerField.orgnr != 0 ? try readCompactString() : nil
    let birthNumber = flags & CustomerField.birthNumber != 0 ? try readCompactString() : nil
    let email = flags & CustomerField.email != 0 ? try readCompactString() : nil
    let phone = flags & CustomerField.phone != 0 ? try readCompactString() : nil
    let address = flags & CustomerField.address != 0 ? try readCompactString() : nil
    let lastCallOn = flags & CustomerField.lastCallOn != 0 ? try readDay() : nil
    let holdUntil = flags & CustomerField.holdUntil != 0 ? try readDay() : nil
    let callCount = Int(truncatingIfNeeded: try readVarint())
    let doNotCall = try readUInt8() != 0
    let collector = try readOptionalString()
    var approvals: [ApprovalRequest] = []
    let approvalCount = try readSmallCount(minimumSize: 8)
    for _ in 0..<approvalCount {
      let id = try readCompactString()
      let action = try readCompactString()
      let invoice = try readOptionalString()
      var invoices: [String] = []
      let n = try readSmallCount(minimumSize: 1)
      for _ in 0..<n { invoices.append(try readCompactString()) }
      var request = ApprovalRequest(
        id: id, action: action, invoice: invoice, invoices: invoices,
        step: try readOptionalString(), requestedBy: try readCompactString(),
        requestedAt: try readCompactString(), text: try readCompactString())
      if try readUInt8() != 0 {
        var planInvoices: [String] = []
        for _ in 0..<(try readSmallCount(minimumSize: 1)) {
          planInvoices.append(try readCompactString())
        }
        let instalments = Int(truncatingIfNeeded: try readVarint())
        guard let frequency = PlanFrequency(rawValue: try readCompactString()) else {
          throw Malformed()
        }
        request.plan = PlanTerms(
          invoices: planInvoices, instalments: instalments, frequency: frequency,
          graceDays: Int(truncatingIfNeeded: try readVarint()),
          signingDays: Int(truncatingIfNeeded: try readVarint()), channel: try readOptionalString())
        guard instalments > 0, request.plan!.graceDays >= 0, request.plan!.signingDays >= 0 else {
          throw Malformed()
        }
      }
      approvals.append(request)
    }
    var callDays: [Day] = []
    let callDayCount = try readSmallCount(minimumSize: 4)
    if callDayCount > 0 {
      callDays.reserveCapacity(callDayCount)
      for _ in 0..<callDayCount { callDays.append(try readDay()) }
    }
    var promises: [Promise] = []
    let promiseCount = try readSmallCount(minimumSize: 18)
    if promiseCount > 0 {
      promises.reserveCapacity(promiseCount)
      for _ in 0..<promiseCount {
        promises.append(
          Promise(
            eventId: try readCompactString(), madeOn: try readDay(), amount: try readMoney(),
            due: try readDay(), invoice: try readOptionalString()))
      }
    }
    var disputes: [Dispute] = []
    let disputeCount = try readSmallCount(minimumSize: 12)
    if disputeCount > 0 {
      disputes.reserveCapacity(disputeCount)
      for _ in 0..<disputeCount {
        var d = Dispute(
          eventId: try readCompactString(), invoice: try readCompactString(),
          openedOn: try readDay(), amount: try readOptionalMoney(),
          reason: try readCompactString(), text: try readCompactString())
        d.outcome = try readOptionalString()
        d.resolvedOn = try readOptionalDay()
        d.credit = try readOptionalMoney()
        disputes.append(d)
      }
    }
    p.initialize(to: Customer(id: id, name: name, kind: flags & 128 != 0 ? .business : .consumer))
    p.pointee.orgnr = orgnr
    p.pointee.birthNumber = birthNumber
    p.pointee.email = email
    p.pointee.phone = phone
    p.pointee.address = address
    p.pointee.lastCallOn = lastCallOn
    p.pointee.holdUntil = holdUntil
    p.pointee.callCount = callCount
    p.pointee.doNotCall = doNotCall
    p.pointee.collector = collector
    p.pointee.approvals = approvals
    p.pointee.callDays = callDays
    p.pointee.promises = promises
    p.pointee.disputes = disputes
  }

  /// Reads a claim into uninitialized memory at `p`. Every field is read before `p` is
  /// initialized (so a throw leaves it uninitialized), and the claim is built in place:
  /// returning it by value copied all 120 bytes and retained its arrays and strings.
  mutating func readClaim(into p: UnsafeMutablePointer<Claim>) throws {
    let invoice = try readCompactString()
    let customer = try readCompactString()
    let principal = try readMoney()
    let issued = try readDay()
    let due = try readDay()
    let flags = try readUInt8()
    let kid = flags & ClaimField.kid != 0 ? try readCompactString() : nil
    let stepOn = flags & ClaimField.stepOn != 0 ? try readDay() : nil
    let holdUntil = flags & ClaimField.holdUntil != 0 ? try readDay() : nil
    var closed: ClosureReason?
    if flags & ClaimField.closed != 0 {
      let code = Int(try readUInt8())
      guard code < closureReasons.count else { throw Malformed() }
      closed = closureReasons[code]
    }
    let filedOn = flags & ClaimField.filedOn != 0 ? try readDay() : nil
    let step = try readStep()
    let credits = try readMoney()
    var payments: [ClaimPayment] = []
    let paymentCount = try readSmallCount(minimumSize: 13)
    if paymentCount > 0 {
      payments.reserveCapacity(paymentCount)
      for _ in 0..<paymentCount {
        let day = try readDay()
        let onAccount = try readUInt8()
        guard onAccount <= 1 else { throw Malformed() }
        payments.append(
          ClaimPayment(day: day, amount: try readMoney(), onAccount: onAccount == 1))
      }
    }
    var fees: [ClaimFee] = []
    let feeCount = try readSmallCount(minimumSize: 13)
    if feeCount > 0 {
      fees.reserveCapacity(feeCount)
      for _ in 0..<feeCount {
        fees.append(ClaimFee(day: try readDay(), amount: try readMoney(), step: try readStep()))
      }
    }
    var conflicts: [String] = []
    let conflictCount = try readSmallCount(minimumSize: 1)
    if conflictCount > 0 {
      conflicts.reserveCapacity(conflictCount)
      for _ in 0..<conflictCount { conflicts.append(try readCompactString()) }
    }
    p.initialize(
      to: Claim(
        invoice: invoice, customer: customer, principal: principal, issued: issued, due: due))
    p.pointee.kid = kid
    p.pointee.stepOn = stepOn
    p.pointee.holdUntil = holdUntil
    p.pointee.closed = closed
    p.pointee.filedOn = filedOn
    p.pointee.awaitingDispatch = flags & ClaimField.awaitingDispatch != 0
    p.pointee.step = step
    p.pointee.credits = credits
    p.pointee.payments = payments
    p.pointee.fees = fees
    p.pointee.conflicts = conflicts
  }
}
