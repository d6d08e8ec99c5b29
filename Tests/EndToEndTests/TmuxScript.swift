import KravTestSupport
import Testing

/// Runs a tmux end-to-end script (`scripts/<script>`) on the debug krav binary and expects it
/// to pass: exit status 0 and its last line `done`; a script that prints SKIP is cancelled
/// (reported as skipped) with its reason.
func expectTmuxScript(_ script: String, done: String) throws {
  guard let result = try KravCLI.runScript(script) else {
    try Test.cancel("\(KravCLI.missingBinary)")
  }
  print(result.output)
  #expect(result.status == 0, "\(script) failed:\n\(result.output)")
  // A script that could not run here (no tmux, no chattr +i) is reported as skipped, with its
  // reason, not as passed.
  if !result.output.contains(done),
    let skip = result.output.split(separator: "\n").first(where: { $0.hasPrefix("SKIP") })
  {
    try Test.cancel("\(script): \(skip)")
  }
  #expect(result.output.contains(done))
}
