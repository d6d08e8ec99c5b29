#if canImport(Glibc)
  import Glibc
#endif

/// Two pieces of work at once, on this thread and one more (the machine Krav is measured on has
/// two cores; a snapshot restore and the queue each split into two halves of about equal cost).
package enum Parallel {
  /// Runs `first` on the calling thread and `second` on a new thread, and returns both results
  /// once both have finished (also when one of them throws: the other is always waited for,
  /// so neither outlives the call). Without a thread to spare, `second` runs after `first`.
  ///
  /// The two closures must not share mutable state: each builds its own result.
  package static func both<A, B, E: Error>(
    _ first: () throws(E) -> A, _ second: () throws(E) -> B
  ) throws(E) -> (A, B) {
    let outcome: (Result<A, E>, Result<B, E>) = withoutActuallyEscaping(second) { second in
      let job = Job<B, E>(second)
      let context = Unmanaged.passRetained(job as ThreadJob).toOpaque()
      var tid = pthread_t()
      let started =
        pthread_create(
          &tid, nil,
          { context in
            Unmanaged<ThreadJob>.fromOpaque(context!).takeRetainedValue().run()
            return nil
          }, context) == 0
      if !started {
        Unmanaged<ThreadJob>.fromOpaque(context).release()
      }
      let a = Result<A, E> { () throws(E) -> A in try first() }
      if started {
        pthread_join(tid, nil)
      } else {
        job.run()
      }
      return (a, job.result!)
    }
    return (try outcome.0.get(), try outcome.1.get())
  }
}

/// A body run on another thread (the thread's entry point is a C function, so not generic).
private class ThreadJob: @unchecked Sendable {
  func run() {}
}

/// `Parallel.both`'s second closure and its result. @unchecked: the result is written by the
/// thread and read only after `pthread_join`, which orders the two.
private final class Job<B, E: Error>: ThreadJob, @unchecked Sendable {
  let body: () throws(E) -> B
  var result: Result<B, E>?

  init(_ body: @escaping () throws(E) -> B) { self.body = body }

  override func run() { result = Result<B, E> { () throws(E) -> B in try body() } }
}
