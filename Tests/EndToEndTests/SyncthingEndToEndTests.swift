import Foundation
import KravTestSupport
import Testing

/// A team on two machines through a real Syncthing (issue 18): scripts/e2e-syncthing.sh starts
/// two instances on 127.0.0.1 only, a collector and a TUI on each side, and checks
/// convergence, live screens, a conflict shown on both sides and a clean `krav check`. Skipped
/// with the reason when syncthing (or tmux) is missing.
@Test(
  "two machines through a real Syncthing: converge, live screens, a conflict on both sides",
  .timeLimit(.minutes(6)))
func syncthingTeamEndToEnd() throws {
  try expectTmuxScript("e2e-syncthing.sh", done: "all Syncthing end-to-end checks passed")
}
