import Glibc
import KravApp
import KravCore
import KravStore
import TerminalUI

/// `krav-bench search --store DIR [--today DAY] [--rounds N]`: the search of issue 20 in
/// process, without a terminal, so where a keystroke's time goes can be seen apart from the
/// pseudo-terminal's noise. The index is built as the TUI builds it; then the TUI benchmark's
/// search keys (`krav-bench tui`'s default script: the call list, the customers list, the
/// queue) are sent to an `AppState` through `update` and `render`, `rounds` times; each key's
/// median update and render time and the customers and rows it found are printed, then the
/// index alone for every prefix of the queries (whole index and narrowed from the prefix one
/// letter shorter).
struct SearchBenchmark {
  let store: String
  let today: Day
  let rounds: Int

  init(options: Options) throws {
    store = try options.string("store")
    today = try options.today()
    rounds = try options.int("rounds", default: 5)
  }

  func run() throws {
    let s = try Store.open(at: store, writer: "bench-ledger", readOnly: false)
    var t = monotonicSeconds()
    var (ledger, report) = try s.load(initial: Ledger(), fromSnapshot: true) { l, e, r in
      l.apply(taking: &e, ref: r)
    }
    if !report.usedSnapshot {
      try s.writeSnapshot(ledger)
      (ledger, report) = try s.load(initial: Ledger(), fromSnapshot: true) { l, e, r in
        l.apply(taking: &e, ref: r)
      }
    }
    print("load: \(ledger.customers.count) customers, \(ms(monotonicSeconds() - t)) ms")
    keptUntilExit.append(ledger)
    t = monotonicSeconds()
    let index = SearchIndex(ledger)
    print("index built: \(ms(monotonicSeconds() - t)) ms")
    keptUntilExit.append(index)

    // The TUI's keys, in process, each round from a new start.
    let keymaps = Keymaps(Catalogue(.nb))
    func keys(_ text: String) -> [Key] { text.map { .char($0) } }
    let script: [(screen: String, keys: [Key])] = [
      ("calls", [.char("/")] + keys("kunde 12") + Array(repeating: .backspace, count: 8)),
      ("calls", [.escape, .char("c"), .char("/")] + keys("nørdmann 4")),
      ("customers", [.enter, .escape, .char("s"), .char("/")] + keys("12")),
      ("queue", [.escape, .escape]),
    ]
    var times: [String: [(update: Double, render: Double, cpu: Double)]] = [:]
    var order: [String] = []
    var found: [String: String] = [:]
    for _ in 0..<max(1, rounds) {
      var state = AppState(
        ledger: ledger, today: today, language: .nb, size: Size(width: 120, height: 40),
        start: .calls)
      state.adopt(index, epoch: state.search.epoch)
      var n = 0
      for part in script {
        for key in part.keys {
          let label = "\(n) \(part.screen) \(key)"
          n += 1
          if times[label] == nil { order.append(label) }
          let c0 = threadCPUSeconds()
          let t0 = monotonicSeconds()
          _ = update(&state, .key(key), keymaps: keymaps)
          let t1 = monotonicSeconds()
          _ = render(state, keymaps: keymaps)
          let t2 = monotonicSeconds()
          times[label, default: []].append((t1 - t0, t2 - t1, threadCPUSeconds() - c0))
          if let q = state.topQuery, !q.isEmpty {
            found[label] = "'\(q)'"
          }
        }
      }
    }
    print(
      "key (median of \(max(1, rounds)))            update ms  render ms  cpu ms    query")
    var totals: [Double] = []
    for label in order {
      let u = times[label]!.map(\.update).sorted()
      let r = times[label]!.map(\.render).sorted()
      let c = times[label]!.map(\.cpu).sorted()
      totals += times[label]!.map { $0.update + $0.render }
      print(
        pad(label, 32) + pad(ms(u[u.count / 2]), 10) + pad(ms(r[r.count / 2]), 11)
          + pad(ms(c[c.count / 2]), 10) + (found[label] ?? ""))
    }
    totals.sort()
    print(
      "all keys: median \(ms(totals[totals.count / 2])) ms, worst \(ms(totals.last!)) ms")

    // The index alone.
    print(
      "index lookups (median of \(max(1, rounds)), thread CPU): query, matches, whole ms, "
        + "narrowed ms")
    for query in ["kunde 12", "nørdmann 4", "12", "nordmann", "k0132", "4"] {
      var prefix = ""
      var previous: [Int32]?
      for c in query {
        prefix.append(c)
        var whole: [Double] = []
        var narrowed: [Double] = []
        var result: [Int32] = []
        for _ in 0..<max(1, rounds) {
          var t0 = threadCPUSeconds()
          result = index.matching(prefix)
          whole.append(threadCPUSeconds() - t0)
          if let previous {
            t0 = threadCPUSeconds()
            _ = index.matching(prefix, within: previous)
            narrowed.append(threadCPUSeconds() - t0)
          }
        }
        whole.sort()
        narrowed.sort()
        print(
          pad("'\(prefix)'", 14) + pad("\(result.count)", 9) + pad(ms(whole[whole.count / 2]), 9)
            + (narrowed.isEmpty ? "" : ms(narrowed[narrowed.count / 2])))
        previous = result
      }
    }
  }

  /// This thread's CPU time: unlike the wall clock, not stretched when the machine's other
  /// work takes the core away.
  private func threadCPUSeconds() -> Double {
    var t = timespec()
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t)
    return Double(t.tv_sec) + Double(t.tv_nsec) / 1e9
  }

  private func pad(_ s: String, _ n: Int) -> String {
    s.count >= n ? s + " " : s + String(repeating: " ", count: n - s.count)
  }

  private func ms(_ s: Double) -> String { format(s * 1000, decimals: 2) }
}
