import KravCore

#if canImport(Glibc)
  import Glibc
#endif

extension Store {
  /// Saves events durably in this writer's journal and returns them as stored.
  ///
  /// Fills in `seq`, `id` (`<writer>:<seq>` unless the draft carries one) and `by` (the writer,
  /// if empty), encodes the whole batch, writes it with ONE `write(2)` on the `O_APPEND`
  /// descriptor and fdatasyncs. Only after the sync returned are the events returned: that is
  /// the moment the UI may say "saved". On a failed or short write the journal is truncated
  /// back and `StoreError.writeFailed` thrown: nothing was saved. On a failed sync,
  /// `StoreError.syncFailed` (fatal: the session must end). Refused when `isReadOnly`, before
  /// a `replay`/`load`, and for a draft whose id is already in the store.
  public func append(_ drafts: [Event]) throws -> [Event] {
    try appendLocated(drafts).map(\.0)
  }

  /// Like `append`, and also says where each stored event lives, so the caller can fold it
  /// with the same `EventRef` a later replay would give it.
  public func appendLocated(_ drafts: [Event]) throws -> [(Event, EventRef)] {
    if let reason = readOnlyReason { throw failure ?? StoreError.readOnly(reason: reason) }
    guard loaded, let fd = ownFd else { throw StoreError.notLoaded }
    if ownIndex == nil {
      // Created by this session after the last scan: adopt it now.
      try discoverJournals()
    }
    guard let j = ownIndex else { throw StoreError.notLoaded }
    var state = journals[j]
    let file = state.file
    var registry = ids
    var bytes: [UInt8] = []
    bytes.reserveCapacity(drafts.count * 256)
    var stored: [(Event, EventRef)] = []
    stored.reserveCapacity(drafts.count)
    for draft in drafts {
      var e = draft
      e.seq = state.lastSeq + 1
      if e.id.isEmpty { e.id = "\(writer):\(e.seq)" }
      if e.by.isEmpty { e.by = writer }
      guard registry.insert(id: e.id, seq: e.seq, journal: j, writer: writer) else {
        throw StoreError.idTaken
      }
      let ref = EventRef(journal: UInt32(j), offset: state.length + UInt64(bytes.count))
      state.lastCrc = try LineEncoder.encode(e, prev: state.lastCrc, into: &bytes)
      state.lastSeq = e.seq
      state.lines += 1
      stored.append((e, ref))
    }
    guard !bytes.isEmpty else { return [] }
    // The flock makes us the only writer; a different size means a tool outside Krav wrote.
    guard try io.size(fd) == state.length else { throw StoreError.journalChanged(file: file) }
    let written: Int
    do {
      written = try bytes.withUnsafeBytes { try io.write(fd, $0) }
    } catch StoreError.io(_, _, let e) {
      try cutBack(fd, to: state.length, file: file)
      throw StoreError.writeFailed(file: file, errno: e)
    }
    guard written == bytes.count else {
      // A short write says nothing of why: writing the rest once more gets the real error
      // (a full disk, or the file-size limit: EFBIG), which the message then names.
      var why = ENOSPC
      do {
        _ = try bytes.withUnsafeBytes {
          try io.write(fd, UnsafeRawBufferPointer(rebasing: $0[written...]))
        }
      } catch StoreError.io(_, _, let e) {
        why = e
      }
      try cutBack(fd, to: state.length, file: file)
      throw StoreError.writeFailed(file: file, errno: why)
    }
    do {
      try io.sync(fd, dataOnly: true)
    } catch StoreError.io(_, _, let e) {
      // After a failed fsync the kernel may have dropped the dirty pages and cleared the
      // error: retrying would report success for data that is gone. Stop this session.
      let fatal = StoreError.syncFailed(file: file, errno: e)
      failure = fatal
      throw fatal
    }
    state.length += UInt64(bytes.count)
    journals[j] = state
    ids = registry
    return stored
  }

  /// Truncates the journal back after a failed write; if even that fails, the session ends
  /// (the next session's replay cuts the partial line as a torn tail).
  private func cutBack(_ fd: Int32, to length: UInt64, file: String) throws {
    do {
      try io.truncate(fd, to: length)
      try io.sync(fd, dataOnly: false)
    } catch StoreError.io(_, _, let e) {
      let fatal = StoreError.syncFailed(file: file, errno: e)
      failure = fatal
      throw fatal
    }
  }
}
