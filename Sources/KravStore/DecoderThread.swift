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
  private var queue: [ItemBatch] = []
  private var done = false
  private var failure: Error?
  private var cancelled = false
  private var tid = pthread_t()  // written once, before the thread starts
  private var joined = false
  private let capacity = 4
  private let batchSize = 1024

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
    var batch = ItemBatch(capacity: batchSize)
    var line = 0
    var offset: UInt64 = 0
    var error: Error?
    do {
      while true {
        // A fresh head each time, moved (not copied) into the batch.
        var head = DecodedLine(event: LineDecoder.blank, prev: 0, crc: 0, atKey: 0)
        guard
          try decoder.next(
            into: &head, line: &line, offset: &offset, note: { batch.append(.finding($0)) })
        else { break }
        batch.append(.event(consume head, line: line, offset: offset))
        if batch.count >= batchSize {
          guard put(batch) else { return finish(nil) }
          batch = ItemBatch(capacity: batchSize)
        }
      }
    } catch let e {
      error = e
    }
    if batch.count > 0 { _ = put(batch) }
    finish(error)
  }

  /// Queues a batch, waiting while the queue is full; false if the merge gave up.
  private func put(_ batch: ItemBatch) -> Bool {
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

  /// The next batch, waiting for it; nil at the end; rethrows the thread's read error.
  func take() throws -> ItemBatch? {
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

  /// Stops the thread (if still running), waits for it and returns the decoder's final state.
  func join() -> JournalDecoder {
    pthread_mutex_lock(mutex)
    cancelled = true
    pthread_cond_broadcast(changed)
    pthread_mutex_unlock(mutex)
    if !joined {
      joined = true
      pthread_join(tid, nil)
    }
    return decoder
  }
}

/// A batch of decoded items that the merge moves out one by one, without copying them (and
/// without the reference counting a copy of ten strings costs).
final class ItemBatch: @unchecked Sendable {
  // @unchecked: filled by one thread, then handed over through the queue's mutex.
  private let items: UnsafeMutablePointer<DecodedItem>
  private let capacity: Int
  private(set) var count = 0
  private var taken = 0

  init(capacity: Int) {
    self.capacity = capacity
    items = .allocate(capacity: capacity)
  }

  deinit {
    (items + taken).deinitialize(count: count - taken)
    items.deallocate()
  }

  /// Adds an item (the batch grows past `capacity` only for findings, which are rare).
  func append(_ item: consuming DecodedItem) {
    if count == capacity { return appendSlow(item) }
    (items + count).initialize(to: item)
    count += 1
  }

  private var overflow: [DecodedItem] = []

  private func appendSlow(_ item: DecodedItem) { overflow.append(item) }

  /// Moves out the next item, or nil when all were taken.
  func take() -> DecodedItem? {
    if taken < count {
      taken += 1
      return (items + taken - 1).move()
    }
    return overflow.isEmpty ? nil : overflow.removeFirst()
  }
}
