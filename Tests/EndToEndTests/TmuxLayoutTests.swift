import Foundation
import KravTestSupport
import Testing

/// Layout, state colours and language in the real binary: scripts/e2e-tmux-layout.sh drives
/// krav inside tmux under NO_COLOR and --lang en at 80×24, then with colours at 120×40.
@Test(
  "in tmux: NO_COLOR and --lang en at 80×24 keep ids, names and amounts with state markers",
  .timeLimit(.minutes(6)))
func tmuxLayout() throws {
  try expectTmuxScript("e2e-tmux-layout.sh", done: "all layout end-to-end checks passed")
}
