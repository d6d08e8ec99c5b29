import Foundation
import KravTestSupport
import Testing

/// The latency harness (`krav-bench tui`) drives the real binary in a pseudo-terminal and
/// reports per key kind. Checks that it runs and what it reports, never the figures (those are
/// for Docs/performance.md, measured in a release build).
@Test(
  "krav-bench tui reports the first screen and p50/p99 per key kind",
  .enabled(
    if: FileManager.default.isExecutableFile(atPath: KravCLI.debugBinary)
      && FileManager.default.isExecutableFile(
        atPath: ProcessRunner.packageRoot() + "/.build/debug/krav-bench"),
    "needs the debug krav and krav-bench binaries (swift build)"))
func tuiLatencyHarness() throws {
  let k = KravCLI("bench-tui")
  defer { k.cleanUp() }
  #expect(try k.run(["demo", "--customers", "40", "--seed", "7", "--no-tui"]).status == 0)
  let bench = ProcessRunner.packageRoot() + "/.build/debug/krav-bench"
  let r = try ProcessRunner.run([
    bench, "tui", "--store", k.store, "--krav", KravCLI.debugBinary, "--rounds", "1", "--keys",
    "j*3=move,c=screen,/=search-open,ka=search-type,ESC=esc",
  ])
  #expect(r.status == 0, "\(r.output)")
  #expect(r.output.contains("120x40"))
  #expect(r.output.contains("first screen: p50 "))
  for kind in ["move", "screen", "search-type", "esc"] {
    let line = r.output.split(separator: "\n").first { $0.hasPrefix(kind + " ") }
    #expect(line != nil, "no line for \(kind) in \(r.output)")
    // kind, count, p50, p99, max
    #expect(line.map { $0.split(separator: " ").count == 5 } == true, "\(line ?? "")")
  }
  let moves = r.output.split(separator: "\n").first { $0.hasPrefix("move ") }
  #expect(moves?.split(separator: " ")[1] == "3")
}
