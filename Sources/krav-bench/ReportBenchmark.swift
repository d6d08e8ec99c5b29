import Glibc
import KravApp
import KravCore
import KravStore
import TerminalUI

/// `krav-bench report --store DIR [--today DAY] [--rounds N] [--snapshot yes|no]`: the
/// reports of issue 21 on a loaded ledger: the load (from a snapshot or by a full replay), the
/// report facts, then each report over the standard range by month, week and day (best of
/// `rounds`), and the whole of load + facts + one report, which is what `krav report` does.
struct ReportBenchmark {
  let store: String
  let today: Day
  let rounds: Int
  let fromSnapshot: Bool

  init(options: Options) throws {
    store = try options.string("store")
    today = try options.today()
    rounds = try options.int("rounds", default: 3)
    fromSnapshot = (options.values["snapshot"] ?? "yes") == "yes"
  }

  func run() throws {
    let s = try Store.open(at: store, writer: "bench-ledger", readOnly: !fromSnapshot)
    let t0 = monotonicSeconds()
    var (ledger, report) = try s.load(initial: Ledger(), fromSnapshot: fromSnapshot) {
      l, e, r in l.apply(taking: &e, ref: r)
    }
    let load = monotonicSeconds() - t0
    print(
      "load (\(fromSnapshot ? "snapshot" : "full replay")): \(ledger.eventCount) events, "
        + "\(ledger.reportLog.entries.count) report records, \(ms(load)) ms "
        + "(snapshot used: \(report.usedSnapshot))")
    if fromSnapshot && !report.usedSnapshot {
      try s.writeSnapshot(ledger)
      print("snapshot written; run again for the snapshot figures")
      (ledger, report) = try s.load(initial: Ledger(), fromSnapshot: true) { l, e, r in
        l.apply(taking: &e, ref: r)
      }
    }
    keptUntilExit.append(ledger)
    var facts = ReportFacts(ledger)
    let factsTime = best { facts = ReportFacts(ledger) }
    print("report facts: \(ms(factsTime)) ms")
    for grouping in ReportGrouping.allCases {
      let periods = ReportPeriods.standard(today: today, grouping: grouping)
      let timings: [(String, () -> Void)] = [
        ("ageing", { _ = ledger.ageingReport(today: today) }),
        ("collected", { _ = ledger.collectedReport(periods: periods, facts: facts) }),
        (
          "promises",
          { _ = ledger.promisesReport(periods: periods, today: today, facts: facts) }
        ),
        ("funnel", { _ = ledger.funnelReport(periods: periods, today: today, facts: facts) }),
        ("dso", { _ = ledger.dsoReport(from: periods.from, to: periods.to, facts: facts) }),
        ("collectors", { _ = ledger.collectorsReport(periods: periods, facts: facts) }),
      ]
      let line = timings.map { name, body in "\(name) \(ms(best(body)))" }
      print(
        "by \(grouping.rawValue) (\(periods.periods.count) periods), ms: "
          + line.joined(separator: ", "))
    }
    tui(ledger)
  }

  /// The TUI's reports screen on this ledger: opening it (the precomputation), then each key
  /// of a tour that switches report, grouping and period (update and render), repeated
  /// `rounds` times; prints the median, p99 and worst key.
  func tui(_ ledger: Ledger) {
    var state = AppState(
      ledger: ledger, today: today, language: .nb, size: Size(width: 120, height: 40),
      start: .customers)
    let keymaps = Keymaps(state.catalogue)
    var t = monotonicSeconds()
    _ = update(&state, .key(.char("r")), keymaps: keymaps)
    _ = render(state, keymaps: keymaps)
    print(
      "tui: open the reports screen (facts, ageing, 36 months of DSO, first view): "
        + "\(ms(monotonicSeconds() - t)) ms")
    let tour: [Key] =
      [
        .tab, .tab, .tab, .tab, .tab, .tab, .char("w"), .left, .left, .right, .tab, .char("d"),
        .left, .tab, .char("m"), .left, .right, .backTab, .down, .down, .enter, .down, .escape,
        .tab, .tab,
      ]
    var times: [Double] = []
    var slowest: (Double, Int, Key) = (0, 0, .escape)
    for round in 0..<max(1, rounds) {
      for key in tour {
        t = monotonicSeconds()
        _ = update(&state, .key(key), keymaps: keymaps)
        _ = render(state, keymaps: keymaps)
        let dt = monotonicSeconds() - t
        times.append(dt)
        if dt > slowest.0 { slowest = (dt, round, key) }
      }
    }
    print("tui: slowest key \(slowest.2) in round \(slowest.1 + 1)")
    times.sort()
    let p99 = times[min(times.count - 1, Int(Double(times.count) * 0.99))]
    print(
      "tui: \(times.count) keys (switch report, grouping, period, drill down): median "
        + "\(ms(times[times.count / 2])) ms, p99 \(ms(p99)) ms, worst \(ms(times.last!)) ms")
  }

  /// The best of `rounds` timings of `body`, in seconds.
  private func best(_ body: () -> Void) -> Double {
    var b = Double.infinity
    for _ in 0..<max(1, rounds) {
      let t = monotonicSeconds()
      body()
      b = min(b, monotonicSeconds() - t)
    }
    return b
  }

  private func ms(_ s: Double) -> String { format(s * 1000, decimals: 1) }
}
