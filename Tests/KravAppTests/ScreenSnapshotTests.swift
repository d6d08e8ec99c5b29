import KravApp
import KravCore
import KravTestSupport
import TerminalUI
import Testing

private let today = Day(parsing: "2026-11-30")!

/// Issue 17: every screen (and the main forms) as literal lines at 80×24 and 120×40, next to
/// the `contains` checks of the other tests. Record with `RECORD_SNAPSHOTS=1`.
@Suite("Screen snapshots")
struct ScreenSnapshotTests {
  /// The keys that reach each screen from the call list, by snapshot name.
  static let screens: [(String, [Key])] = [
    ("calls", []),
    ("customers-over-calls", [.char("c")]),
    ("case", [.enter]),
    ("plans", [.enter, .char("a")]),
    ("queue", [.char("s")]),
    ("unmatched", [.char("c"), .char("u")]),
    ("approvals", [.char("v")]),
    ("help", [.char("?")]),
    ("call-form", [.char("l")]),
    ("hold-form", [.enter, .char("h")]),
    ("resolve-form", [.char("c"), .enter, .char("i")]),
    ("plan-form", [.enter, .char("p")]),
    ("write-off-prompt", [.enter, .char("w")]),
    ("step-confirm", [.char("s"), .char("e"), .home, .char("t")]),
    ("correction-form", [.enter, .char("U")]),
    ("customer-edit-form", [.enter, .char("E")]),
    ("reader", [.enter, .enter]),
  ]

  @Test(
    "every screen matches its snapshot",
    arguments: [Size(width: 80, height: 24), Size(width: 120, height: 40)])
  func snapshots(size: Size) {
    for (name, keys) in Self.screens {
      var d = AppDriver(
        store: MemoryStore(events: Fixtures.threeCustomers(today: today)), today: today,
        language: .nb, size: size, start: .calls)
      for k in keys { d.press(k) }
      #expect(d.screen.count == size.height)
      if let diff = d.snapshotMismatch("\(name)-\(size.width)x\(size.height)") {
        Issue.record("\(diff)")
      }
    }
  }
}
