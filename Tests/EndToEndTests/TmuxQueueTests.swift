import Foundation
import KravTestSupport
import Testing

/// The queue in the real binary: scripts/e2e-tmux-queue.sh drives krav inside tmux.
@Test(
  "in tmux: open the queue, filter, mark, preview, confirm; letters and events on disk",
  .timeLimit(.minutes(6)))
func tmuxQueue() throws {
  try expectTmuxScript("e2e-tmux-queue.sh", done: "all queue end-to-end checks passed")
}

/// The reports screen in the real binary: scripts/e2e-tmux-reports.sh drives krav inside tmux.
@Test(
  "in tmux: open the reports, switch reports and periods, drill down to a case",
  .timeLimit(.minutes(6)))
func tmuxReports() throws {
  try expectTmuxScript("e2e-tmux-reports.sh", done: "all reports end-to-end checks passed")
}

/// The one search in the real binary: scripts/e2e-tmux-search.sh drives krav inside tmux.
@Test(
  "in tmux: / searches the call list, customers and queue, with æøå typed and without",
  .timeLimit(.minutes(6)))
func tmuxSearch() throws {
  try expectTmuxScript("e2e-tmux-search.sh", done: "all search end-to-end checks passed")
}
