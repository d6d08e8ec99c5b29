import Glibc
import KravCore
import KravStore

/// `krav-bench fold --store DIR [--today DAY] [--rounds N]`: times the real `Ledger` fold,
/// the customers overview and the queue on events already in memory, so the store's parse time
/// is left out and the app's own work can be tuned on its own.
struct FoldBenchmark {
  let store: String
  let today: Day
  let rounds: Int

  init(options: Options) throws {
    store = try options.string("store")
    today = try options.today()
    rounds = try options.int("rounds", default: 3)
  }

  func run() throws {
    print("peak RSS at start: \(peakRSSMiB()) MiB")
    let s = try Store.open(at: store, writer: "bench-fold", readOnly: true)
    var events: [(Event, EventRef)] = []
    _ = try s.replay { events.append(($0, $1)) }
    print("events in memory: \(events.count)")
    var ledger = Ledger()
    var best = Double.infinity
    for _ in 0..<rounds {
      let t0 = now()
      var l = Ledger()
      for (e, r) in events { l.apply(e, ref: r) }
      best = min(best, now() - t0)
      ledger = l
    }
    print(
      "fold: \(events.count) events in \(ms(best)) ms = "
        + "\(fmt(Double(events.count) / best / 1e6)) M events/s "
        + "(\(ledger.customers.count) customers, \(ledger.claims.count) claims, "
        + "\(ledger.rejected.count) rejected)")
    func mib(_ n: Int) -> String { "\(n / 1_048_576) MiB" }
    let timelineBytes =
      ledger.timelineRefs.capacity * MemoryLayout<EventRef>.stride
      + ledger.timelinePrevious.capacity * 4
    print(
      "sizes: customers \(mib(ledger.customers.values.capacity * MemoryLayout<Customer>.stride))"
        + " claims \(mib(ledger.claims.values.capacity * MemoryLayout<Claim>.stride))"
        + " timeline \(mib(timelineBytes))"
        + " payments \(ledger.claims.values.reduce(0) { $0 + $1.payments.count })"
        + " fees \(ledger.claims.values.reduce(0) { $0 + $1.fees.count })"
        + " conflicts \(ledger.claims.values.reduce(0) { $0 + $1.conflicts.count })"
        + " promises \(ledger.customers.values.reduce(0) { $0 + $1.promises.count })"
        + " call days \(ledger.customers.values.reduce(0) { $0 + $1.callDays.count })"
        + " disputes \(ledger.customers.values.reduce(0) { $0 + $1.disputes.count })")
    print(
      "layout (stride): Customer \(MemoryLayout<Customer>.stride) B, Claim "
        + "\(MemoryLayout<Claim>.stride) B, QueueRow \(MemoryLayout<QueueRow>.stride) B, "
        + "CustomerSummary \(MemoryLayout<CustomerSummary>.stride) B")
    var reasons: [String: Int] = [:]
    for r in ledger.rejected { reasons["\(r.type) \(r.reason)", default: 0] += 1 }
    for (k, v) in reasons.sorted(by: { $0.value > $1.value }) { print("  rejected: \(v) \(k)") }
    var rows = 0
    for (label, from) in [("two threads", 0), ("one thread", Int.max)] {
      var q = Double.infinity
      for _ in 0..<rounds {
        let t0 = now()
        rows = ledger.queue(today: today, ladder: ledger.rules.ladder, parallelFrom: from).count
        q = min(q, now() - t0)
      }
      print("queue (\(label)): \(rows) rows in \(ms(q)) ms")
    }
    var c = Double.infinity
    for _ in 0..<rounds {
      let t0 = now()
      rows = ledger.customerSummaries(today: today, overdueOnly: true).count
      c = min(c, now() - t0)
    }
    print("customers overview: \(rows) rows in \(ms(c)) ms")
    let t0 = now()
    let bytes = ledger.encodeSnapshot()
    let enc = now() - t0
    let t1 = now()
    let back = try Ledger(snapshot: bytes)
    let dec = now() - t1
    print(
      "snapshot: \(bytes.count / 1_048_576) MiB, encode \(ms(enc)) ms, decode \(ms(dec)) ms, "
        + "round trip equal: \(back == ledger)")
  }

  private func now() -> Double { monotonicSeconds() }
  private func ms(_ s: Double) -> String { fmt(s * 1000) }
  private func fmt(_ v: Double) -> String { format(v, decimals: 2) }
}
