import KravTestSupport
import Testing

@Test(
  "the real krav binary in tmux at 80×24: reverse a payment with a reason, edit an address with æøå, read it",
  .timeLimit(.minutes(6)))
func tmuxCaseCorrections() throws {
  try expectTmuxScript("e2e-case-tmux.sh", done: "all case end-to-end checks passed")
}
