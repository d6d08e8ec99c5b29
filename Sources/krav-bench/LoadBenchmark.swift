import Glibc
import KravCore
import KravStore

/// `krav-bench load`: replay rate, full load+fold, load from a snapshot, peak RSS, and the
/// latency of one acknowledged append against a bare `write`+`fdatasync` of the same bytes.
struct LoadBenchmark {
  let store: String
  let phase: String
  let appends: Int
  let foldName: String
  /// The day the first screen is built for (`--today`, default 2026-11-30 like `fold`).
  let today: Day

  init(options: Options) throws {
    store = try options.string("store")
    phase = options.values["phase"] ?? "all"
    appends = try options.int("appends", default: 2_000)
    foldName = options.values["fold"] ?? Ledger.name
    today = try options.today()
    guard [Ledger.name, Balances.name].contains(foldName) else {
      throw BenchError("--fold is ledger or balances")
    }
  }

  func run() throws {
    let all = phase == "all"
    if JournalLine.plainDecode { print("line decode: plain (KRAV_PLAIN_DECODE=1)") }
    if all || phase == "replay" { try replayRate() }
    if foldName == Ledger.name {
      try loads(Ledger.self, all: all)
    } else {
      try loads(Balances.self, all: all)
    }
    if all || phase == "append" { try appendLatency() }
    print("peak RSS (VmHWM) at the end: \(peakRSSMiB()) MiB")
  }

  private func loads<S: BenchFold>(_ fold: S.Type, all: Bool) throws {
    if all || phase == "full" { try fullLoad(S.self) }
    if all || phase == "snapshot" { try snapshotLoad(S.self) }
  }

  /// Each fold keeps its own snapshot, under the writer `bench-<fold>`.
  private func writer<S: BenchFold>(_ fold: S.Type) -> String { "bench-" + S.name }

  private func fold<S: BenchFold>(_ s: Store, _: S.Type, fromSnapshot: Bool) throws
    -> (S, ReplayReport)
  {
    try s.load(initial: S(), fromSnapshot: fromSnapshot) { state, e, ref in state.fold(&e, ref) }
  }

  private func replayRate() throws {
    let s = try Store.open(at: store, writer: "bench", readOnly: true)
    let t = monotonicSeconds()
    var n = 0
    let report = try s.replay { _, _ in n += 1 }
    let dt = monotonicSeconds() - t
    print(
      "replay (read + crc + parse + merge, no fold): \(n) events in \(format(dt)) s = "
        + "\(format(Double(n) / dt / 1e6)) M events/s; findings: \(report.findings.count)")
  }

  /// A load and fold timed alone and with the first screen, and the peak RSS after the load.
  private func timedLoad<S: BenchFold>(_: S.Type, readOnly: Bool, fromSnapshot: Bool) throws
    -> (
      store: Store, state: S, report: ReplayReport, load: Double, loadPeak: Int, rows: Int,
      withScreen: Double, loadCPU: String
    )
  {
    let s = try Store.open(at: store, writer: writer(S.self), readOnly: readOnly)
    let t = monotonicSeconds()
    let (state, report) = try fold(s, S.self, fromSnapshot: fromSnapshot)
    let dt = monotonicSeconds() - t
    let loadCPU = processCPUText()
    let loadPeak = peakRSSMiB()
    let rows = state.firstScreen(today: today)
    return (s, state, report, dt, loadPeak, rows, monotonicSeconds() - t, loadCPU)
  }

  /// Full load and fold without a snapshot (this fold's or, since a store may start from
  /// another writer's, anyone else's), then writes one for the snapshot phase.
  private func fullLoad<S: BenchFold>(_: S.Type) throws {
    let r = try timedLoad(S.self, readOnly: false, fromSnapshot: false)
    print(
      "full load + fold (\(S.name)): \(r.report.events) events in \(format(r.load)) s "
        + "(snapshot used: \(r.report.usedSnapshot)); \(r.state.summary); "
        + "peak RSS so far \(r.loadPeak) MiB")
    print(
      "  + first screen (\(r.rows) rows): \(format(r.withScreen)) s in all; "
        + "peak RSS \(peakRSSText())")
    print("  process CPU (user + system): \(r.loadCPU) after the load, \(processCPUText()) now")
    let t2 = monotonicSeconds()
    try r.store.writeSnapshot(r.state)
    print("write snapshot: \(format((monotonicSeconds() - t2) * 1000, decimals: 1)) ms")
  }

  private func snapshotLoad<S: BenchFold>(_: S.Type) throws {
    let r = try timedLoad(S.self, readOnly: true, fromSnapshot: true)
    print(
      "load with snapshot (\(S.name)): \(r.state.events) events folded, \(r.report.events) "
        + "from tails, in \(format(r.load * 1000, decimals: 1)) ms (snapshot used: "
        + "\(r.report.usedSnapshot)); \(r.state.summary); peak RSS so far \(r.loadPeak) MiB")
    print(
      "  + first screen (\(r.rows) rows): \(format(r.withScreen * 1000, decimals: 1)) ms in all; "
        + "peak RSS \(peakRSSText())")
    print("  process CPU (user + system): \(r.loadCPU) after the load, \(processCPUText()) now")
    // Dropped with the process, as `krav` does (the last phase: nothing runs after it).
    keptUntilExit.append(r.state)
    keptUntilExit.append(r.store)
  }

  private func appendLatency() throws {
    let temp = makeTempFolder()
    defer { removeTree(temp) }
    // Small: a fresh store. Large: a copy of the biggest generated journal, appended to as its
    // writer, to show the cost does not grow with the journal.
    try Store.create(
      at: temp + "/small",
      info: StoreInfo(
        name: "x", orgnr: "987654321", account: "12345678903",
        created: Generator.timestamp(minute: 0)))
    let small = try measureAppends(root: temp + "/small", writer: "lat")
    print("append, empty journal:  " + small)
    let journals = try listJournals(store)
    if let biggest = journals.max(by: { $0.size < $1.size }) {
      try Store.create(
        at: temp + "/large",
        info: StoreInfo(
          name: "x", orgnr: "987654321", account: "12345678903",
          created: Generator.timestamp(minute: 0)))
      try copyFile(store + "/journal/" + biggest.name, temp + "/large/journal/" + biggest.name)
      let large = try measureAppends(
        root: temp + "/large", writer: String(biggest.name.dropLast(6)))
      print("append, \(biggest.size / 1_048_576) MiB journal: " + large)
    }
  }

  /// Median and p99 of `appends` single-event appends, and of bare appends of the same bytes.
  private func measureAppends(root: String, writer: String) throws -> String {
    let s = try Store.open(at: root, writer: writer)
    _ = try s.replay { _, _ in }
    var krav: [Double] = []
    var bare: [Double] = []
    let fd = open(root + "/bare.bin", O_CREAT | O_WRONLY | O_APPEND, 0o600)
    defer { close(fd) }
    for i in 0..<appends {
      let at = Generator.timestamp(minute: 2_000_000 + i)
      var e = Event.paymentRegistered(
        customer: "C000042", invoice: "10042", amount: Money(ore: 12_345),
        date: Day(parsing: String(at.prefix(10)))!)
      e.at = at
      let t = monotonicSeconds()
      let saved = try s.append([e])
      krav.append(monotonicSeconds() - t)
      let bytes = try JournalLine.encode(saved[0], prev: 0)
      let t2 = monotonicSeconds()
      _ = bytes.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
      fdatasync(fd)
      bare.append(monotonicSeconds() - t2)
    }
    func pct(_ v: [Double], _ p: Double) -> Double {
      let sorted = v.sorted()
      return sorted[min(sorted.count - 1, Int(Double(sorted.count) * p))] * 1000
    }
    let ratio = pct(krav, 0.5) / pct(bare, 0.5)
    return "median \(format(pct(krav, 0.5))) ms, p99 \(format(pct(krav, 0.99))) ms; "
      + "bare write+fdatasync median \(format(pct(bare, 0.5))) ms, p99 "
      + "\(format(pct(bare, 0.99))) ms; ratio \(format(ratio, decimals: 2))"
  }
}
