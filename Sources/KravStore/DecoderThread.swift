import CKravScan

#if canImport(Glibc)
  import Glibc
#endif

/// Decodes one journal on its own thread, a few batches ahead of the merge.
///
/// Reading, checksumming and parsing are most of a replay's work and independent per journal,
/// so on a machine with spare cores they run beside the merge and the fold. The queue holds at
/// most `capacity` batches, so memory stays bounded whatever the journal's length. Only used
/// with a `FileIO` that allows concurrent reads.
final class DecoderThread: @unchecked Sendable {
  // @unchecked: the queue fields are only touched with `mutex` held; `decoder` belongs to the
  // thread until `join` hands it back; `tid` and `joined` belong to the merge's thread.
  private var decoder: JournalDecoder
  private let mutex = UnsafeMutablePointer<pthread_mutex_t>.allocate(capacity: 1)
  private let changed = UnsafeMutablePointer<pthread_cond_t>.allocate(capacity: 1)
  private var queue: [EventBatch] = []
  private var free: [EventBatch] = []
  private var done = false
  private var failure: Error?
  private var cancelled = false
  private var tid = pthread_t()  // written once, before the thread starts
  private var joined = false
  /// Set by `join` once it has the decoder back: the thread then frees its batches and ends.
  private var released = false
  private let capacity = 4
  /// Events a batch holds: a batch is about 250 KB, so its slots are mmapped (above the
  /// allocator's 128 KiB threshold, `krav_memory_setup`) and given back when freed. At 1024 a
  /// full replay of 1 M events peaked 5–6 MiB higher (163–164 MiB, over its 160 MiB budget)
  /// for no measurable speed; at 256 a batch came from the heap, which kept it after the
  /// replay, and the queue that follows then peaked higher (Docs/performance.md).
  static let batchSize = 512

  private init(_ decoder: JournalDecoder) {
    self.decoder = decoder
    pthread_mutex_init(mutex, nil)
    pthread_cond_init(changed, nil)
  }

  /// Starts decoding on a new thread; nil if no thread could be started (decode inline then).
  static func start(_ decoder: JournalDecoder) -> DecoderThread? {
    let me = DecoderThread(decoder)
    let context = Unmanaged.passRetained(me).toOpaque()
    let started = pthread_create(
      &me.tid, nil,
      { context in
        let me = Unmanaged<DecoderThread>.fromOpaque(context!).takeRetainedValue()
        me.run()
        return nil
      }, context)
    if started != 0 {
      Unmanaged<DecoderThread>.fromOpaque(context).release()
      return nil
    }
    return me
  }

  deinit {
    pthread_cond_destroy(changed)
    pthread_mutex_destroy(mutex)
    changed.deallocate()
    mutex.deallocate()
  }

  private func run() {
    // The merge is the replay's critical path: a decoder yields the core to it (memory.c).
    krav_lower_thread_priority(10)
    defer { dropBatchesWhenReleased() }
    var error: Error?
    var batch = recycled() ?? EventBatch(capacity: Self.batchSize)
    do {
      while try batch.fill(&decoder) {
        guard put(batch) else { return finish(nil) }
        batch = recycled() ?? EventBatch(capacity: Self.batchSize)
      }
    } catch let e {
      error = e
    }
    if batch.count > 0 || !batch.findings.isEmpty { _ = put(batch) }
    finish(error)
  }

  /// A batch the merge has finished with, emptied for reuse, if there is one: the one it
  /// finished longest ago, whose slots have had the most time to leave the merge core's
  /// caches (the newest one's lines were still there, held modified, and each was fetched
  /// back across cores as this thread wrote it: 3–7 % slower).
  private func recycled() -> EventBatch? {
    pthread_mutex_lock(mutex)
    defer { pthread_mutex_unlock(mutex) }
    guard !free.isEmpty else { return nil }
    let b = free.removeFirst()
    b.reset()
    return b
  }

  /// Hands a consumed batch back for reuse: its events' strings are then released and
  /// replaced on this thread, which allocated them (cheaper for malloc than a cross-thread
  /// free), and no event is ever built or moved per line.
  func recycle(_ batch: EventBatch) {
    pthread_mutex_lock(mutex)
    defer { pthread_mutex_unlock(mutex) }
    if free.count < capacity + 2 { free.append(batch) }
  }

  /// Queues a batch, waiting while the queue is full; false if the merge gave up.
  private func put(_ batch: EventBatch) -> Bool {
    pthread_mutex_lock(mutex)
    defer { pthread_mutex_unlock(mutex) }
    while queue.count >= capacity && !cancelled { pthread_cond_wait(changed, mutex) }
    if cancelled { return false }
    queue.append(batch)
    pthread_cond_broadcast(changed)
    return true
  }

  private func finish(_ error: Error?) {
    pthread_mutex_lock(mutex)
    failure = error
    done = true
    pthread_cond_broadcast(changed)
    pthread_mutex_unlock(mutex)
  }

  /// Waits for `join`, then frees the batches here: their events' strings were made on this
  /// thread, and freeing some six thousand events' worth on the merge's thread, at the end of
  /// every replay, took it 30 ms at a million events.
  private func dropBatchesWhenReleased() {
    pthread_mutex_lock(mutex)
    while !released { pthread_cond_wait(changed, mutex) }
    var batches = queue + free
    queue = []
    free = []
    pthread_mutex_unlock(mutex)
    batches.removeAll()
  }

  /// The next batch, waiting for it; nil at the end; rethrows the thread's read error.
  func take() throws -> EventBatch? {
    pthread_mutex_lock(mutex)
    defer { pthread_mutex_unlock(mutex) }
    while queue.isEmpty && !done { pthread_cond_wait(changed, mutex) }
    if !queue.isEmpty {
      pthread_cond_broadcast(changed)
      return queue.removeFirst()
    }
    if let failure { throw failure }
    return nil
  }

  /// Stops the thread (if still running) and returns the decoder's final state once it has
  /// stopped decoding; `batch` (the merge's last) goes back to it. The thread then frees its
  /// batches on its own and ends, detached, while the caller carries on.
  func join(handingBack batch: EventBatch?) -> JournalDecoder {
    pthread_mutex_lock(mutex)
    cancelled = true
    if let batch { free.append(batch) }
    pthread_cond_broadcast(changed)
    while !done { pthread_cond_wait(changed, mutex) }
    let final = decoder
    released = true
    pthread_cond_broadcast(changed)
    pthread_mutex_unlock(mutex)
    if !joined {
      joined = true
      pthread_detach(tid)
    }
    return final
  }
}

/// One decoded event with where its line is.
struct EventSlot {
  var line: DecodedLine
  var lineNumber: Int
  var offset: UInt64
}

/// A batch of decoded events, decoded in place into slots that live as long as the batch, and
/// the findings met among them. The merge reads the events through `slot(_:)` without moving
/// or copying them (a copy of an event is ten reference-count operations, a move 450 bytes),
/// then hands the batch back to its decoder to be refilled.
final class EventBatch: @unchecked Sendable {
  // @unchecked: filled by one thread, then handed over (and back) through a mutex.
  private let slots: UnsafeMutablePointer<EventSlot>
  private let capacity: Int
  /// Events decoded into the first `count` slots (the others hold stale events).
  private(set) var count = 0
  /// Findings in journal order, each with the number of events decoded before it.
  private(set) var findings: [(before: Int, finding: Finding)] = []

  init(capacity: Int) {
    self.capacity = capacity
    slots = .allocate(capacity: capacity)
    for k in 0..<capacity {
      (slots + k).initialize(
        to: EventSlot(
          line: DecodedLine(event: LineDecoder.blank, prev: 0, crc: 0, atKey: 0),
          lineNumber: 0, offset: 0))
    }
  }

  deinit {
    slots.deinitialize(count: capacity)
    slots.deallocate()
  }

  /// Empties the batch for refilling (the slots keep their stale events until overwritten).
  func reset() {
    count = 0
    findings.removeAll(keepingCapacity: true)
  }

  /// Decodes events of `decoder` until the batch is full (true) or the journal ends (false).
  /// A batch at a time, so that the decoder, a property of its thread, is reached once per
  /// batch: per event, that was an exclusivity check and a retain of the batch (7 % of a
  /// decoder's time).
  func fill(_ decoder: inout JournalDecoder) throws -> Bool {
    while count < capacity {
      guard try decodeNext(&decoder) else { return false }
    }
    return true
  }

  /// Decodes the next good event of `decoder` into the next slot; false at the journal's end.
  /// Only called while `count < capacity`.
  @inline(__always)
  func decodeNext(_ decoder: inout JournalDecoder) throws -> Bool {
    let slot = slots + count
    let before = count
    guard
      try decoder.next(
        into: &slot.pointee.line, line: &slot.pointee.lineNumber, offset: &slot.pointee.offset,
        note: { findings.append((before, $0)) })
    else { return false }
    count += 1
    return true
  }

  /// The slot of event `k` (`k < count`).
  @inline(__always)
  func slot(_ k: Int) -> UnsafeMutablePointer<EventSlot> { slots + k }
}
