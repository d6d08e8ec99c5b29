import Foundation
import KravTestSupport
import Testing

/// The queue in the real binary: scripts/e2e-tmux-queue.sh drives krav inside tmux.
@Test(
  "in tmux: open the queue, filter, mark, preview, confirm; letters and events on disk",
  .timeLimit(.minutes(3)))
func tmuxQueue() throws {
  guard let result = try KravCLI.runScript("e2e-tmux-queue.sh") else {
    Issue.record("no krav binary at \(KravCLI.debugBinary): run swift build first")
    return
  }
  print(result.output)
  #expect(result.status == 0, "e2e-tmux-queue.sh failed:\n\(result.output)")
  #expect(
    result.output.contains("all queue end-to-end checks passed") || result.output.contains("SKIP"))
}
