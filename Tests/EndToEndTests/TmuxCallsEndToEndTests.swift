import Foundation
import KravTestSupport
import Testing

/// The collector's day in the real binary in tmux: scripts/e2e-calls-tmux.sh types a Norwegian
/// call summary (æøå, two lines) and a promise, and finds them in the journal.
@Test(
  "the real krav binary in tmux: call list, call log with æøå summary and promise, e-mail, reason",
  .timeLimit(.minutes(6)))
func tmuxCallsEndToEnd() throws {
  try expectTmuxScript("e2e-calls-tmux.sh", done: "all call-list end-to-end checks passed")
}
