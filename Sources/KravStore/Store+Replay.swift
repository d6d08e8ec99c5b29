import KravCore

#if canImport(Glibc)
  import Glibc
#endif

/// What a replay, load or refresh saw: findings, where each journal ends, how many events.
public struct ReplayReport: Sendable {
  /// Problems found during this call (also added to `Store.findings`).
  public var findings: [Finding] = []
  /// Per journal (in `EventRef.journal` order): end offset, lines, last seq and crc.
  public var journals: [JournalState] = []
  /// Events delivered to the caller.
  public var events = 0
  /// Lines skipped because their id was delivered before.
  public var duplicatesSkipped = 0
  /// Whether a snapshot was used (only `load` sets this).
  public var usedSnapshot = false
}

extension Store {
  /// Streams every event of every journal, merged in (`at` instant, `by`, `seq`) order.
  ///
  /// Within one journal the order is always line order. Reads in chunks, one per journal, so
  /// memory does not grow with the number of events. Restarts from scratch: call it on a fresh
  /// fold state. Damaged lines become findings (and make the store read-only) while every
  /// readable line is still delivered. In a writable session a torn last line of the writer's
  /// own journal is copied to `quarantine/` and cut off; in other journals a partial last line
  /// is left alone (it may still be being written) until it is complete.
  public func replay(_ body: (Event, EventRef) -> Void) throws -> ReplayReport {
    try startOver()
    let report = try scan(reportAllTornTails: false) { body($0, $1) }
    loaded = true
    return report
  }

  /// Forgets what was read (descriptors, journal ends, ids, findings) and finds the journals
  /// again, for a replay from the start.
  func startOver() throws {
    for fd in readFds.values { io.close(fd) }
    readFds = [:]
    readIdentities = [:]
    reloadReason = nil
    journals = []
    ids = IdRegistry()
    currentFindings = []
    try discoverJournals()
  }

  /// Folds only what was appended since the last replay, load or refresh, including journals
  /// that appeared meanwhile; returns whether any event was delivered.
  ///
  /// Events arrive in merge order among themselves; an event may be older than some already
  /// delivered (another collector's lines arrive late through a file-sync engine).
  public func refresh(_ body: (Event, EventRef) -> Void) throws -> Bool {
    guard loaded else { throw StoreError.notLoaded }
    guard reloadReason == nil else { return false }
    try followReplacedJournals()
    guard reloadReason == nil else { return false }
    try discoverJournals()
    return try scan(reportAllTornTails: false) { body($0, $1) }.events > 0
  }

  /// Reads the event whose line starts at `ref` (for timelines), checking its crc.
  public func event(at ref: EventRef) throws -> Event {
    let j = Int(ref.journal)
    guard j < journals.count else {
      throw StoreError.badRef(file: "journal", offset: ref.offset, reason: .noSuchJournal)
    }
    let file = journals[j].file
    let fd = try readFd(j)
    var chunk = 4096
    while true {
      var buffer = [UInt8](repeating: 0, count: chunk)
      let n = try buffer.withUnsafeMutableBytes { try io.read(fd, into: $0, at: ref.offset) }
      if let nl = buffer[0..<n].firstIndex(of: 10) {
        let result = buffer.withUnsafeBufferPointer {
          LineDecoder.decode(UnsafeBufferPointer(rebasing: $0[0..<nl]))
        }
        switch result {
        case .success(let d): return d.event
        case .failure(let p):
          throw StoreError.badRef(file: file, offset: ref.offset, reason: p.problem)
        }
      }
      guard n == chunk else {
        throw StoreError.badRef(file: file, offset: ref.offset, reason: .noCompleteLine)
      }
      chunk *= 2
    }
  }

  /// Adds journal files not seen before, in name order, at the end of `journals`.
  func discoverJournals() throws {
    let known = Set(journals.map(\.writer))
    let names = try io.list(root + "/journal").compactMap { name -> String? in
      // A sync engine's conflict copy is never a journal of its own (Store.conflictCopies).
      guard name.hasSuffix(".jsonl"), ConflictCopy.original(of: name) == nil else { return nil }
      let w = String(name.dropLast(6))
      // A link where a journal should be is never read or written through (check names it).
      guard WriterName.isValid(w), !known.contains(w),
        (try? io.linkStatus(root + "/journal/" + name))??.isSymlink != true
      else { return nil }
      return WriterName.isValid(w) && !known.contains(w) ? w : nil
    }
    for w in names.sorted(by: { $0.utf8.lexicographicallyPrecedes($1.utf8) }) {
      journals.append(JournalState(writer: w))
      ids.addJournal(writer: w)
    }
  }

  /// Reads every journal from its current `length` to its current size and delivers the
  /// events merged; records findings and handles partial last lines.
  ///
  /// `body` gets the event `inout`: that lets the event be passed on from its batch without a
  /// copy (a borrow through a pointer is copied), and lets `body` move out fields it keeps
  /// (`Ledger.apply(taking:ref:)`); the scan does not read an event once it has handed it over.
  ///
  /// `lookahead` sees each event of a decoder thread's journal twice before `body` does,
  /// `.far` and then `.near` (see `SnapshotState.lookahead`). Events of the types in
  /// `textNotRead` reach `body` without their `text` (it is still checked).
  func scan(
    reportAllTornTails: Bool, lookahead: (UnsafePointer<Event>, Lookahead) -> Void = { _, _ in },
    textNotRead: [EventType] = [],
    _ body: (inout Event, EventRef) -> Void
  ) throws -> ReplayReport {
    var report = ReplayReport()
    func note(_ f: Finding) {
      report.findings.append(f)
      currentFindings.append(f)
    }
    var streams: [JournalStream] = []
    let dropText = LineDecoder.typeMask(textNotRead)
    // Large journals are decoded on threads of their own, ahead of the merge, when the file
    // layer allows concurrent reads; small ones (and tests' in-memory files) inline.
    let threaded = io.allowsConcurrentReads
    for j in journals.indices {
      let fd = try readFd(j)
      let size = try io.size(fd)
      if size < journals[j].length {
        note(
          Finding(
            kind: .badFile, file: journals[j].file, line: journals[j].lines,
            byteOffset: size, problem: .shorterThanRead))
        continue
      }
      guard size > journals[j].length else { continue }
      let reader = LineReader(io: io, fd: fd, from: journals[j].length, to: size)
      var decoder = JournalDecoder(state: journals[j], reader: reader)
      decoder.dropText = dropText
      streams.append(
        JournalStream(
          journal: j, decoder: decoder,
          threaded: threaded && size - journals[j].length >= threadThreshold))
    }
    // However the merge ends, threads are stopped and each journal's state is taken back.
    var finished: [(journal: Int, decoder: JournalDecoder)] = []
    defer {
      if finished.isEmpty { for s in streams { _ = s.finish() } }
    }
    for s in streams { try s.advance(note, lookahead) }
    // Streams still to merge, unretained (`streams` holds them): taking a stream out of an
    // array of references retained and released it for every event.
    var active = streams.filter(\.hasHead).map { Unmanaged.passUnretained($0) }
    // The id registry is worked on in a local, given back however the merge ends: as a
    // property of this object, each event's check went through a dynamic exclusivity check.
    var ids = self.ids
    self.ids = IdRegistry()
    defer { self.ids = ids }
    while !active.isEmpty {
      var m = 0
      if active.count > 1 {
        for k in 1..<active.count where precedes(active[k], active[m]) { m = k }
      }
      let more = try active[m]._withUnsafeGuaranteedRef { s in
        // The event is read in place in its batch, never copied: a copy of an `Event` retains
        // and later releases each of its strings (8 % of a replay's instructions).
        let head = s.head
        // A canonical id (checked by the journal's decoder) is recorded by its seq alone: the
        // id string was made on the decoder's thread, and reading it here was a cache miss.
        let seq = head.pointee.line.event.seq
        let fresh =
          (head.pointee.line.canonicalId
            ? ids.insertCanonicalIfAlone(seq: seq, journal: s.journal) : nil)
          ?? ids.insert(
            id: head.pointee.line.event.id, seq: seq, journal: s.journal,
            writer: journals[s.journal].writer)
        if fresh {
          body(&head.pointee.line.event, s.headRef)
          report.events += 1
        } else {
          report.duplicatesSkipped += 1
          note(
            Finding(
              kind: .duplicateId, file: journals[s.journal].file, line: s.headLine,
              byteOffset: s.headRef.offset,
              problem: .duplicateId))
        }
        try s.advance(note, lookahead)
        return s.hasHead
      }
      if !more { active.remove(at: m) }
    }
    withExtendedLifetime(streams) {}
    finished = streams.map { ($0.journal, $0.finish()) }
    for (j, decoder) in finished { journals[j] = decoder.state }
    for (j, decoder) in finished {
      guard let t = decoder.torn else { continue }
      let file = journals[j].file
      if j == ownIndex, let fd = ownFd {
        let place = try quarantineTornTail(journal: j, offset: t.offset, length: t.length)
        try io.truncate(fd, to: t.offset)
        try io.sync(fd, dataOnly: false)
        note(
          Finding(
            kind: .tornTail, file: file, line: t.line, byteOffset: t.offset,
            problem: .tornTailRemoved(length: UInt64(t.length), movedTo: place)))
      } else if reportAllTornTails || j == ownIndex {
        note(
          Finding(
            kind: .tornTail, file: file, line: t.line, byteOffset: t.offset,
            problem: .tornTailOpen(length: UInt64(t.length))))
      }
    }
    report.journals = journals
    return report
  }

  /// Whether stream `a`'s next event comes before `b`'s: by `at` instant, then `by`, then seq.
  private func precedes(_ a: Unmanaged<JournalStream>, _ b: Unmanaged<JournalStream>) -> Bool {
    a._withUnsafeGuaranteedRef { a in
      b._withUnsafeGuaranteedRef { b in
        let x = a.head, y = b.head
        if x.pointee.line.atKey != y.pointee.line.atKey {
          return x.pointee.line.atKey < y.pointee.line.atKey
        }
        if x.pointee.line.event.by != y.pointee.line.event.by {
          return x.pointee.line.event.by.utf8.lexicographicallyPrecedes(
            y.pointee.line.event.by.utf8)
        }
        if x.pointee.line.event.seq != y.pointee.line.event.seq {
          return x.pointee.line.event.seq < y.pointee.line.event.seq
        }
        return a.journal < b.journal
      }
    }
  }

  /// Copies a torn tail into `quarantine/<journal file>.<UTC time>.torn` (fsynced, never
  /// deleted) and returns that path relative to the store.
  func quarantineTornTail(journal j: Int, offset: UInt64, length: Int) throws -> String {
    var bytes = [UInt8](repeating: 0, count: length)
    let fd = try readFd(j)
    var done = 0
    while done < length {
      let n = try bytes.withUnsafeMutableBytes {
        try io.read(
          fd, into: UnsafeMutableRawBufferPointer(rebasing: $0[done...]),
          at: offset + UInt64(done))
      }
      if n == 0 { break }
      done += n
    }
    return try quarantine(
      Array(bytes[0..<done]), name: "\(journals[j].writer).jsonl.at\(offset)", kind: "torn")
  }

  /// Writes `bytes` to a new quarantine file `quarantine/<name>.<UTC time>[-n].<kind>`.
  func quarantine(_ bytes: [UInt8], name: String, kind: String) throws -> String {
    let stamp = utcStamp()
    var attempt = 1
    while true {
      let suffix = attempt == 1 ? "" : "-\(attempt)"
      let relative = "quarantine/\(name).\(stamp)\(suffix).\(kind)"
      do {
        let fd = try io.createFile(root + "/" + relative, bytes: bytes, permissions: permissions)
        io.close(fd)
        return relative
      } catch StoreError.io(_, _, let e) where e == EEXIST && attempt < 10_000 {
        attempt += 1
      }
    }
  }
}

/// The current UTC time as `YYYYMMDDTHHMMSSZ`, for quarantine file names.
func utcStamp() -> String {
  var t = time(nil)
  var parts = tm()
  gmtime_r(&t, &parts)
  func pad(_ v: Int32, _ w: Int) -> String {
    let s = String(v)
    return String(repeating: "0", count: max(0, w - s.count)) + s
  }
  return pad(parts.tm_year + 1900, 4) + pad(parts.tm_mon + 1, 2) + pad(parts.tm_mday, 2) + "T"
    + pad(parts.tm_hour, 2) + pad(parts.tm_min, 2) + pad(parts.tm_sec, 2) + "Z"
}
