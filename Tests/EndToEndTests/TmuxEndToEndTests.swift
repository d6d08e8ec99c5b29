import Foundation
import KravTestSupport
import Testing

/// The real binary in a real terminal: scripts/e2e-tmux.sh drives krav inside tmux.
@Test(
  "the real krav binary works in tmux: æøå, search, case, live CLI note, help, resize, exits",
  .timeLimit(.minutes(3)))
func tmuxEndToEnd() throws {
  guard let result = try KravCLI.runScript("e2e-tmux.sh") else {
    Issue.record("no krav binary at \(KravCLI.debugBinary): run swift build first")
    return
  }
  print(result.output)
  #expect(result.status == 0, "e2e-tmux.sh failed:\n\(result.output)")
  #expect(result.output.contains("all end-to-end checks passed") || result.output.contains("SKIP"))
}
