import Foundation
import KravTestSupport
import Testing

/// The real binary in a real terminal: scripts/e2e-tmux.sh drives krav inside tmux.
@Test(
  "the real krav binary works in tmux: æøå, search, case, live CLI note, help, resize, exits",
  .timeLimit(.minutes(6)))
func tmuxEndToEnd() throws {
  try expectTmuxScript("e2e-tmux.sh", done: "all end-to-end checks passed")
}
