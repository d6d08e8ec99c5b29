import Glibc
import KravCore
import KravStore

/// krav-bench: synthetic stores, load/append benchmarks, and the writer used by crash tests.
/// Docs/performance.md has the commands and the figures.
let usage = """
  usage:
    krav-bench generate --events N --customers N --out DIR [--hledger FILE] [--seed S]
                        [--writers N]
    krav-bench load --store DIR [--phase all|replay|full|snapshot|append]
                    [--fold ledger|balances] [--appends N]
    krav-bench writer --store DIR --as WRITER [--count N] [--batch N]
    krav-bench fold --store DIR [--today YYYY-MM-DD] [--rounds N]
    krav-bench camt [--entries N] [--claims N] [--out FILE]
    krav-bench refresh --store DIR [--polls N] [--events N]
    krav-bench pdf [--letters N] [--claims-per-letter N] [--out DIR]
    krav-bench tui --store DIR [--krav BIN] [--today DAY] [--keys SCRIPT] [--rounds N]
                   [--quiet MS] [--settle MS] [--cols N] [--rows N]
    krav-bench report --store DIR [--today YYYY-MM-DD] [--rounds N] [--snapshot yes|no]
    krav-bench search --store DIR [--today YYYY-MM-DD] [--rounds N]
    krav-bench calllist --store DIR [--today YYYY-MM-DD] [--rounds N]
                        [--variants plain,one,two,state]
  """

/// Command-line options as `--name value` pairs after the subcommand.
struct Options {
  var values: [String: String] = [:]

  init(_ args: ArraySlice<String>) throws {
    var it = args.makeIterator()
    while let a = it.next() {
      guard a.hasPrefix("--"), let v = it.next() else { throw BenchError("bad option \(a)") }
      values[String(a.dropFirst(2))] = v
    }
  }

  func string(_ name: String) throws -> String {
    guard let v = values[name] else { throw BenchError("missing --\(name)") }
    return v
  }

  func int(_ name: String, default d: Int) throws -> Int {
    guard let v = values[name] else { return d }
    guard let n = Int(String(v.filter { $0 != "_" })) else {
      throw BenchError("--\(name) needs a number")
    }
    return n
  }

  /// `--today YYYY-MM-DD`, by default the benchmark store's day (2026-11-30).
  func today() throws -> Day {
    guard let d = Day(parsing: values["today"] ?? "2026-11-30") else {
      throw BenchError("--today needs YYYY-MM-DD")
    }
    return d
  }
}

/// A usage or input error with a one-line message.
struct BenchError: Error, CustomStringConvertible {
  var description: String
  init(_ d: String) { description = d }
}

/// Prints to stderr without Foundation's buffering (crash tests read the streams).
func printError(_ s: String) {
  let line = Array((s + "\n").utf8)
  _ = line.withUnsafeBytes { write(2, $0.baseAddress, $0.count) }
}

/// State kept until the process exits rather than freed object by object (see `krav`'s
/// `Session.keptUntilExit`), so whole-process times match the app's.
nonisolated(unsafe) var keptUntilExit: [Any] = []

let args = CommandLine.arguments
Store.tuneMemory()
do {
  guard args.count >= 2 else { throw BenchError(usage) }
  let options = try Options(args.dropFirst(2))
  switch args[1] {
  case "generate":
    var generator = try Generator(options: options)
    try generator.run()
  case "load": try LoadBenchmark(options: options).run()
  case "writer": try WriterProcess(options: options).run()
  case "fold": try FoldBenchmark(options: options).run()
  case "camt": try CamtBenchmark(options: options).run()
  case "refresh": try RefreshBenchmark(options: options).run()
  case "pdf": try PdfBenchmark(options: options).run()
  case "tui": try TUILatency(options: options).run()
  case "report": try ReportBenchmark(options: options).run()
  case "search": try SearchBenchmark(options: options).run()
  case "calllist": try CallListBenchmark(options: options).run()
  default: throw BenchError(usage)
  }
} catch {
  printError("krav-bench: \(error)")
  exit(1)
}
exit(0)
