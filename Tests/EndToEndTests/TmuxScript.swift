import KravTestSupport
import Testing

/// Runs a tmux end-to-end script (`scripts/<script>`) on the debug krav binary and expects it
/// to pass: exit status 0 and its last line `done` (or SKIP where tmux is missing).
func expectTmuxScript(_ script: String, done: String) throws {
  guard let result = try KravCLI.runScript(script) else {
    Issue.record("no krav binary at \(KravCLI.debugBinary): run swift build first")
    return
  }
  print(result.output)
  #expect(result.status == 0, "\(script) failed:\n\(result.output)")
  #expect(result.output.contains(done) || result.output.contains("SKIP"))
}
