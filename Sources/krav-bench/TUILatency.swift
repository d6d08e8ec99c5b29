import Glibc

/// `krav-bench tui`: key latency of the REAL krav binary in a pseudo-terminal (issue 20).
///
/// Starts `krav --store DIR --today DAY` on the slave side of a pty of 120×40 (TERM
/// xterm-256color, LANG C.UTF-8), then sends keys one at a time on the master side. A key's
/// latency is from writing its bytes to the last byte of the frame it caused, the frame's end
/// being found by output quiescence: no byte for `--quiet` ms (default 25; the quiet time
/// itself is not counted). The first screen is the time from spawn to the last byte of the
/// frame that draws `--first-marker` (default "Ringeliste", the call list's title; the
/// terminal's set-up bytes come before the app has its state, so quiet alone ended too early),
/// found as for a key; then `--settle` ms of quiet (default 500) before the first key. Reports
/// p50, p99 and max per key kind.
///
/// Keys (`--keys`): comma-separated `KEYS[*N][=kind]`, each character of KEYS sent and timed
/// on its own (names: ESC, ENTER, BS, UP, DOWN, PGDN, PGUP); the default follows the current
/// keymap from the call list (start screen): moves, a search typed letter by letter and
/// erased, Esc, to the customers list and a search with æøå there, the queue opened, moved
/// in, searched and left.
struct TUILatency {
  let krav: String
  let store: String
  let today: String
  let cols: Int
  let rows: Int
  let quietMs: Int
  let settleMs: Int
  let rounds: Int
  /// Text of the start screen whose drawing ends the first screen (`--first-marker`).
  let firstMarker: String
  let script: [(bytes: [[UInt8]], kind: String)]

  static let defaultKeys =
    "j*40=move,k*20=move,/=search-open,kunde 12=search-type,BS*8=search-type,ESC=esc,"
    + "c=screen,DOWN*20=move,/=search-open,nørdmann 4=search-type,DOWN*5=move,ENTER=search-done,"
    + "ESC=esc,s=queue,DOWN*20=move-queue,/=search-open,12=search-type,ESC=esc,ESC=esc"

  init(options: Options) throws {
    krav = options.values["krav"] ?? ".build/release/krav"
    store = try options.string("store")
    today = options.values["today"] ?? "2026-11-30"
    cols = try options.int("cols", default: 120)
    rows = try options.int("rows", default: 40)
    quietMs = try options.int("quiet", default: 25)
    settleMs = try options.int("settle", default: 500)
    rounds = try options.int("rounds", default: 3)
    firstMarker = options.values["first-marker"] ?? "Ringeliste"
    script = try TUILatency.parse(options.values["keys"] ?? TUILatency.defaultKeys)
    guard access(krav, X_OK) == 0 else { throw BenchError("no krav binary at \(krav) (--krav)") }
  }

  /// Parses the `--keys` script.
  static func parse(_ text: String) throws -> [(bytes: [[UInt8]], kind: String)] {
    let names: [String: [UInt8]] = [
      // Arrows as xterm sends them in keypad-transmit mode, which curses switches on (smkx).
      "ESC": [27], "ENTER": [13], "BS": [127], "UP": Array("\u{1B}OA".utf8),
      "DOWN": Array("\u{1B}OB".utf8),
      "PGUP": Array("\u{1B}[5~".utf8), "PGDN": Array("\u{1B}[6~".utf8),
    ]
    var out: [(bytes: [[UInt8]], kind: String)] = []
    for token in text.split(separator: ",") {
      var body = String(token)
      var kind = ""
      if let eq = body.lastIndex(of: "="), eq != body.startIndex {
        kind = String(body[body.index(after: eq)...])
        body = String(body[..<eq])
      }
      var count = 1
      if let star = body.lastIndex(of: "*"), star != body.startIndex,
        let n = Int(body[body.index(after: star)...])
      {
        count = n
        body = String(body[..<star])
      }
      let keys: [[UInt8]] =
        names[body].map { [$0] } ?? body.unicodeScalars.map { Array(String($0).utf8) }
      guard !keys.isEmpty, count > 0 else { throw BenchError("--keys: bad token '\(token)'") }
      if kind.isEmpty { kind = body }
      for _ in 0..<count { out.append((keys, kind)) }
    }
    return out
  }

  static func nowNs() -> UInt64 {
    var ts = timespec()
    clock_gettime(CLOCK_MONOTONIC, &ts)
    return UInt64(ts.tv_sec) * 1_000_000_000 + UInt64(ts.tv_nsec)
  }

  /// The running app: its pid and the pty's master side.
  struct App {
    var pid: pid_t
    var master: Int32
  }

  func spawn() throws -> App {
    var master: Int32 = -1
    var slave: Int32 = -1
    var size = winsize(ws_row: UInt16(rows), ws_col: UInt16(cols), ws_xpixel: 0, ws_ypixel: 0)
    guard openpty(&master, &slave, nil, nil, &size) == 0 else { throw BenchError("openpty failed") }
    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    for fd: Int32 in [0, 1, 2] { posix_spawn_file_actions_adddup2(&actions, slave, fd) }
    posix_spawn_file_actions_addclose(&actions, master)
    posix_spawn_file_actions_addclose(&actions, slave)
    var attr = posix_spawnattr_t()
    posix_spawnattr_init(&attr)
    defer { posix_spawnattr_destroy(&attr) }
    // A session of its own, as a terminal would give it.
    // POSIX_SPAWN_SETSID (0x80 in glibc; the macro needs _GNU_SOURCE, so Swift does not see it).
    posix_spawnattr_setflags(&attr, 0x80)
    let argv = [krav, "--store", store, "--today", today]
    var env = ["TERM=xterm-256color", "LANG=C.UTF-8", "KRAV_USER=bench"]
    for k in ["HOME", "PATH", "SWIFT_BACKTRACE", "KRAV_TRACE", "ESCDELAY"] {
      if let v = getenv(k) { env.append("\(k)=\(String(cString: v))") }
    }
    let cArgv = argv.map { strdup($0) } + [nil]
    let cEnv = env.map { strdup($0) } + [nil]
    defer {
      for p in cArgv { free(p) }
      for p in cEnv { free(p) }
    }
    var pid: pid_t = 0
    let rc = posix_spawn(&pid, krav, &actions, &attr, cArgv, cEnv)
    close(slave)
    guard rc == 0 else { throw BenchError("posix_spawn \(krav): error \(rc)") }
    _ = fcntl(master, F_SETFL, fcntl(master, F_GETFL) | O_NONBLOCK)
    return App(pid: pid, master: master)
  }

  /// Reads what is there; the time of the last byte read, or nil when `timeoutMs` passed
  /// without a byte. What was read is added to `seen` when given.
  func read(_ fd: Int32, timeoutMs: Int32, seen: UnsafeMutablePointer<[UInt8]>? = nil)
    -> UInt64?
  {
    var p = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
    guard poll(&p, 1, timeoutMs) > 0 else { return nil }
    var buf = [UInt8](repeating: 0, count: 65536)
    var got = false
    while true {
      let n = Glibc.read(fd, &buf, buf.count)
      if n > 0 {
        got = true
        seen?.pointee.append(contentsOf: buf[0..<n])
        continue
      }
      break
    }
    return got ? TUILatency.nowNs() : nil
  }

  /// The first screen: reads until `marker` has been drawn (the start screen's title; the
  /// terminal's own set-up bytes come long before it), then until `quiet` ms pass without
  /// output; the time of the last byte, or nil when the marker did not come within `limitMs`.
  func firstScreen(_ fd: Int32, marker: [UInt8], limitMs: Int, quiet: Int32) -> UInt64? {
    var seen: [UInt8] = []
    let deadline = TUILatency.nowNs() + UInt64(limitMs) * 1_000_000
    var last: UInt64?
    while !seen.contains(marker) {
      guard TUILatency.nowNs() < deadline else { return nil }
      if let t = withUnsafeMutablePointer(to: &seen, { read(fd, timeoutMs: 100, seen: $0) }) {
        last = t
      }
    }
    while let t = read(fd, timeoutMs: quiet) { last = t }
    return last
  }

  /// Reads until `quiet` ms pass without output; the time of the last byte (or nil if none
  /// came within `firstMs`).
  func untilQuiet(_ fd: Int32, firstMs: Int32, quiet: Int32) -> UInt64? {
    guard var last = read(fd, timeoutMs: firstMs) else { return nil }
    while let t = read(fd, timeoutMs: quiet) { last = t }
    return last
  }

  func run() throws {
    var byKind: [String: [Double]] = [:]
    var order: [String] = []
    var first: [Double] = []
    var silent: [String: Int] = [:]
    for _ in 0..<max(1, rounds) {
      let start = TUILatency.nowNs()
      let app = try spawn()
      guard
        let drawn = firstScreen(
          app.master, marker: Array(firstMarker.utf8), limitMs: 30_000, quiet: Int32(quietMs))
      else {
        kill(app.pid, SIGKILL)
        throw BenchError("krav did not draw '\(firstMarker)' within 30 s")
      }
      // Then let the start settle (nothing is timed until it is quiet).
      _ = untilQuiet(app.master, firstMs: Int32(settleMs), quiet: Int32(settleMs))
      first.append(Double(drawn - start) / 1e6)
      for step in script {
        for key in step.bytes {
          let sent = TUILatency.nowNs()
          _ = key.withUnsafeBytes { write(app.master, $0.baseAddress, $0.count) }
          if let done = untilQuiet(app.master, firstMs: 2_000, quiet: Int32(quietMs)) {
            if byKind[step.kind] == nil { order.append(step.kind) }
            byKind[step.kind, default: []].append(Double(done - sent) / 1e6)
          } else {
            silent[step.kind, default: 0] += 1
          }
        }
      }
      kill(app.pid, SIGTERM)
      var status: Int32 = 0
      _ = waitpid(app.pid, &status, 0)
      close(app.master)
    }
    func pct(_ v: [Double], _ p: Double) -> Double {
      let s = v.sorted()
      return s[min(s.count - 1, Int((Double(s.count - 1) * p).rounded(.up)))]
    }
    func ms(_ v: Double) -> String {
      let r = (v * 10).rounded() / 10
      return String(r)
    }
    print(
      "krav tui latency: \(krav) on \(store), \(cols)x\(rows), \(rounds) run(s), quiet \(quietMs) ms"
    )
    print("first screen: p50 \(ms(pct(first, 0.5))) ms, max \(ms(first.max()!)) ms")
    print("kind            keys    p50 ms   p99 ms   max ms")
    for k in order {
      let v = byKind[k]!
      let name = k.padding(toLength: 14, withPad: " ", startingAt: 0)
      let n = String(v.count).leftPadded(6)
      print(
        "\(name)  \(n)  \(ms(pct(v, 0.5)).leftPadded(7))  \(ms(pct(v, 0.99)).leftPadded(7))  "
          + "\(ms(v.max()!).leftPadded(7))")
    }
    for (k, n) in silent.sorted(by: { $0.key < $1.key }) {
      print("\(k): \(n) key(s) drew nothing within 2 s (not counted)")
    }
  }
}

extension String {
  fileprivate func leftPadded(_ n: Int) -> String {
    count >= n ? self : String(repeating: " ", count: n - count) + self
  }
}
