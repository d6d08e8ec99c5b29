import Glibc
import KravApp
import KravCore
import KravStore
import TerminalUI

/// `krav-bench refresh`: what a colleague's event costs an open screen (issue 18).
///
/// On a team store (e.g. `generate --writers 10`: 10 collectors on 2 machines), a viewer opens
/// the store as the TUI does (load with snapshot, the call list and customers screen derived)
/// and then:
/// - **idle poll**: `--polls` times the exact tick the TUI runs when nothing changed
///   (`Store.followChanges`: each journal's path and descriptor looked at, the settings files
///   stat'ed, the folder listed); CPU time (user + system, `getrusage`) per poll;
/// - **landing → screen**: `--events` times, a colleague's event lands on disk, either appended
///   in place (a group store on one server) or as a Syncthing would bring it (the journal
///   copied with the new line to a temporary file and renamed over the old one; the copy is
///   made before the clock starts); the viewer's loop polls every 750 ms as the TUI does, folds
///   what it finds into the screen state and renders it. Reported: the time from the event
///   landing to its customer's row being rendered (it includes the wait for the next tick),
///   and the work alone (poll + fold + render).
struct RefreshBenchmark {
  let store: String
  let polls: Int
  let events: Int

  init(options: Options) throws {
    store = try options.string("store")
    polls = try options.int("polls", default: 2_000)
    events = try options.int("events", default: 20)
  }

  func run() throws {
    let viewerName = "viewer@m1"
    let t0 = monotonicSeconds()
    let viewer = try Store.open(at: store, writer: viewerName)
    var (ledger, report) = try viewer.loadLedger()
    if !report.usedSnapshot { try viewer.writeSnapshot(ledger) }
    let today = Day(parsing: "2026-11-30")!
    var state = AppState(
      ledger: ledger, today: today, language: .nb, size: Size(width: 120, height: 40),
      start: .customers)
    ledger = Ledger()
    let keymaps = Keymaps(state.catalogue)
    _ = render(state, keymaps: keymaps)
    print(
      "opened \(store) as \(viewerName): \(viewer.journalFiles.count) journals, "
        + "\(report.events) events replayed after the snapshot, \(format(monotonicSeconds() - t0)) s"
    )

    // Idle polls.
    _ = try viewer.followChanges()
    let c0 = cpuSeconds()
    let w0 = monotonicSeconds()
    for _ in 0..<polls {
      let changes = try viewer.followChanges()
      precondition(changes.events.isEmpty && changes.reloaded == nil)
    }
    let cpu = (cpuSeconds() - c0) / Double(polls) * 1000
    let wall = (monotonicSeconds() - w0) / Double(polls) * 1000
    print(
      "idle poll (nothing changed), \(polls) polls: \(format(cpu)) ms CPU, \(format(wall)) ms wall "
        + "per poll")

    // A colleague's journal on the other machine.
    let colleague =
      viewer.journalFiles.map { String($0.dropFirst(8).dropLast(6)) }
      .filter { $0.hasSuffix("@m2") }.sorted().first ?? "c10@m2"
    let path = store + "/journal/\(colleague).jsonl"
    for mode in ["append", "rename"] {
      var latencies: [Double] = []
      var work: [Double] = []
      var polled: [Double] = []
      var folded: [Double] = []
      for k in 0..<events {
        let line = try nextLine(path: path, writer: colleague, text: "bench \(mode) \(k)")
        // The viewer's tick runs at some phase relative to the landing: start the landing at a
        // spread of offsets into the 750 ms period.
        let offset = Double(k % 10) * 0.075
        var nextTick = monotonicSeconds() + 0.75
        let landing = nextTick - 0.75 + offset
        var landed = 0.0
        var tmp = ""
        if mode == "rename" {
          tmp = store + "/journal/.syncthing.\(colleague).jsonl.tmp"
          try copyFile(path, tmp)
          try appendBytes(tmp, line)
        }
        var seen = false
        while !seen {
          let now = monotonicSeconds()
          if landed == 0 && now >= landing {
            if mode == "rename" {
              guard rename(tmp, path) == 0 else { throw BenchError("rename failed") }
            } else {
              try appendBytes(path, line)
            }
            landed = monotonicSeconds()
          }
          if now >= nextTick {
            nextTick += 0.75
            let w = monotonicSeconds()
            let changes = try viewer.followChanges()
            if !changes.events.isEmpty {
              let p = monotonicSeconds()
              _ = update(&state, .external(changes.events), keymaps: keymaps)
              let f = monotonicSeconds()
              _ = render(state, keymaps: keymaps)
              let done = monotonicSeconds()
              polled.append(p - w)
              folded.append(f - p)
              precondition(landed > 0)
              latencies.append(done - landed)
              work.append(done - w)
              seen = true
            }
          }
          usleep(1_000)
        }
      }
      latencies.sort()
      work.sort()
      print(
        "landing → screen (\(mode == "rename" ? "renamed over, as Syncthing" : "appended in place")"
          + ", \(events) events): median \(ms(latencies[latencies.count / 2])) ms, max "
          + "\(ms(latencies.last!)) ms; work alone median \(ms(work[work.count / 2])) ms, max "
          + "\(ms(work.last!)) ms (poll \(ms(polled.sorted()[polled.count / 2])) ms, fold and "
          + "derive \(ms(folded.sorted()[folded.count / 2])) ms)")
    }
    print("peak RSS (VmHWM) at the end: \(peakRSSMiB()) MiB")
  }

  private func ms(_ s: Double) -> String { format(s * 1000, decimals: 1) }

  /// A valid next line of `path`'s journal: a note by the colleague, chained to its last line.
  private func nextLine(path: String, writer: String, text: String) throws -> [UInt8] {
    let fd = open(path, O_RDONLY)
    guard fd >= 0 else { throw BenchError("cannot open \(path)") }
    defer { close(fd) }
    var st = stat()
    fstat(fd, &st)
    let size = Int(st.st_size)
    let window = min(size, 65_536)
    var buf = [UInt8](repeating: 0, count: window)
    _ = buf.withUnsafeMutableBytes { pread(fd, $0.baseAddress, window, off_t(size - window)) }
    let body = buf.dropLast()
    let start = body.lastIndex(of: 10).map { $0 + 1 } ?? body.startIndex
    guard case .success(let last) = JournalLine.decode(Array(buf[start...])) else {
      throw BenchError("the last line of \(path) does not decode")
    }
    var e = Event(
      id: "\(writer):\(last.event.seq + 1)", seq: last.event.seq + 1,
      at: "2026-11-30T10:00:00.000+01:00", by: String(writer.prefix { $0 != "@" }),
      type: .noteAdded, customer: last.event.customer ?? "C000000")
    e.text = text
    return try JournalLine.encode(e, prev: last.crc)
  }

  private func appendBytes(_ path: String, _ bytes: [UInt8]) throws {
    let fd = open(path, O_WRONLY | O_APPEND)
    guard fd >= 0 else { throw BenchError("cannot open \(path)") }
    defer { close(fd) }
    _ = bytes.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
    fdatasync(fd)
  }

  private func cpuSeconds() -> Double {
    var u = rusage()
    getrusage(__rusage_who_t(RUSAGE_SELF.rawValue), &u)
    return Double(u.ru_utime.tv_sec) + Double(u.ru_utime.tv_usec) / 1e6
      + Double(u.ru_stime.tv_sec) + Double(u.ru_stime.tv_usec) / 1e6
  }
}
