import Glibc
import KravApp
import KravCore
import KravStore
import TerminalUI

/// `krav-bench calllist --store DIR [--today DAY] [--rounds N]
/// [--variants plain,one,two,state]`: the call list the TUI builds
/// before its first screen (`Ledger.callList`), on a ledger loaded from the snapshot, timed
/// alone: the plain rule over every customer (`plainCallList`), the pre-filtered rule on one
/// thread and on two (what `callList` does), each checked to give the plain list exactly.
/// Prints the median and best of `rounds` in wall-clock and in CPU time (user + system of
/// the process, so both threads count), which the machine's other work disturbs less.
struct CallListBenchmark {
  let store: String
  let today: Day
  let rounds: Int
  /// Which variants to time (`plain`, `one`, `two`, `state`: the whole start state; all by
  /// default).
  let only: Set<String>

  init(options: Options) throws {
    store = try options.string("store")
    today = try options.today()
    rounds = try options.int("rounds", default: 7)
    only = Set(
      (options.values["variants"] ?? "plain,one,two,state").split(separator: ",").map(String.init))
  }

  func run() throws {
    let s = try Store.open(at: store, writer: "bench-calllist", readOnly: true)
    let t0 = monotonicSeconds()
    let (ledger, report) = try s.load(initial: Ledger(), fromSnapshot: true) { l, e, r in
      l.apply(taking: &e, ref: r)
    }
    print(
      "load: \(ledger.customers.count) customers, \(ledger.claims.count) claims in "
        + "\(ms(monotonicSeconds() - t0)) ms (snapshot used: \(report.usedSnapshot))")
    keptUntilExit.append(ledger)
    let settings = CallSettings.standard
    let plain = ledger.plainCallList(today: today, settings: settings)
    let candidates = ledger.callListCandidates(today: today).count
    print(
      "call list on \(today.iso): \(plain.count) entries; \(candidates) of "
        + "\(ledger.customers.count) customers pass the pre-filter")
    let variants: [(String, String, () -> [CallEntry])] = [
      (
        "plain", "plain (every customer, one thread)",
        { ledger.plainCallList(today: today, settings: settings) }
      ),
      (
        "one", "pre-filtered, one thread",
        { ledger.callList(today: today, settings: settings, parallelFrom: Int.max) }
      ),
      (
        "two", "pre-filtered, two threads (callList)",
        { ledger.callList(today: today, settings: settings) }
      ),
      (
        "state", "the TUI's start state (AppState with the customers list deferred)",
        {
          AppState(
            ledger: ledger, today: today, language: .nb, size: Size(width: 120, height: 40),
            deferOverview: true
          ).calls
        }
      ),
    ]
    for (key, name, body) in variants where only.contains(key) {
      var walls: [Double] = []
      var cpus: [Double] = []
      var same = true
      for _ in 0..<max(1, rounds) {
        let c = cpuSeconds()
        let w = monotonicSeconds()
        let list = body()
        walls.append(monotonicSeconds() - w)
        cpus.append(cpuSeconds() - c)
        same = same && list == plain
      }
      print(
        "\(name): wall median \(ms(median(walls))) best \(ms(walls.min()!)) ms, "
          + "CPU median \(ms(median(cpus))) best \(ms(cpus.min()!)) ms, "
          + "same as plain: \(same)")
      if !same {
        let list = body()
        let k =
          (0..<Swift.min(list.count, plain.count)).first { list[$0] != plain[$0] }
          ?? Swift.min(list.count, plain.count)
        printError("counts \(list.count) / \(plain.count); first difference at \(k):")
        if k < list.count { printError("  fast:  \(list[k])") }
        if k < plain.count { printError("  plain: \(plain[k])") }
        throw BenchError("\(name) differs from the plain call list")
      }
    }
  }

  private func median(_ v: [Double]) -> Double { v.sorted()[v.count / 2] }

  private func cpuSeconds() -> Double {
    var u = rusage()
    getrusage(__rusage_who_t(RUSAGE_SELF.rawValue), &u)
    return Double(u.ru_utime.tv_sec + u.ru_stime.tv_sec)
      + Double(u.ru_utime.tv_usec + u.ru_stime.tv_usec) / 1e6
  }

  private func ms(_ s: Double) -> String { format(s * 1000, decimals: 1) }
}
