import Glibc
import KravCore
import KravStore

/// `krav-bench writer`: appends events and prints each acknowledged id, one per line, with a
/// direct write(2) right after `append` returned (so after fsync).
///
/// The crash tests kill it with SIGKILL at random moments and then check that every id it
/// printed is in the journal. Exits 1 with the store's message when the journal is locked.
struct WriterProcess {
  let store: String
  let writer: String
  let count: Int
  let batch: Int

  init(options: Options) throws {
    store = try options.string("store")
    writer = try options.string("as")
    count = try options.int("count", default: Int.max)
    batch = max(1, try options.int("batch", default: 1))
  }

  func run() throws {
    let s = try Store.open(at: store, writer: writer)
    _ = try s.replay { _, _ in }
    var written = 0
    var minute = 0
    while written < count {
      let n = min(batch, count - written)
      var drafts: [Event] = []
      for k in 0..<n {
        var e = Event.draft(
          .paymentRegistered, customer: "C\((written + k) % 100)", invoice: "I\(written + k)",
          at: Generator.timestamp(minute: minute))
        e.amount = Int64(100 + k)
        e.text = "crash-test payment æøå"
        drafts.append(e)
        minute += 1
      }
      let saved = try s.append(drafts)
      var out: [UInt8] = []
      for e in saved { out += Array((e.id + "\n").utf8) }
      _ = out.withUnsafeBytes { write(1, $0.baseAddress, $0.count) }
      written += saved.count
    }
  }
}
