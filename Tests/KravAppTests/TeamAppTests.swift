import KravApp
import KravCore
import KravTestSupport
import TerminalUI
import Testing

/// Issue 18: the call list shows the user's own customers and the unassigned ones; T shows
/// the whole team's; a colleague's assignment arriving on the tick moves a row off the list.
@Suite("The team's call list")
struct TeamAppTests {
  static let today = Day(parsing: "2026-11-30")!

  /// Three customers on the call list (a broken promise each pins them there).
  static func events() -> [Event] {
    var out: [Event] = []
    for (id, name) in [("K1", "Bjørn Løvås"), ("K2", "Åse Kjærstad"), ("K3", "Ærlig AS")] {
      out.append(
        Fixtures.event(.customerAdded, today.adding(days: -60), customer: id) {
          $0.name = name
          $0.kind = "consumer"
          $0.phone = "+47 912 34 567"
        })
      out.append(
        Fixtures.event(.claimAdded, today.adding(days: -60), customer: id, invoice: "I\(id)") {
          $0.amount = 500_000
          $0.issued = today.adding(days: -60)
          $0.due = today.adding(days: -40)
        })
      out.append(
        Fixtures.event(.promiseMade, today.adding(days: -20), customer: id, invoice: "I\(id)") {
          $0.amount = 100_000
          $0.date = today.adding(days: -10)
        })
    }
    var a = Event.assignment(customer: "K1", to: "ola")
    a.at = "\(today.adding(days: -5).iso)T10:00:00+01:00"
    out.append(a)
    return out
  }

  @Test("mine by default; T toggles to the whole team; a colleague's assignment applies live")
  func mineAndTeam() {
    let store = MemoryStore(events: Self.events())
    var d = AppDriver(store: store, today: Self.today, start: .calls)
    d.state.user = "kari"
    d.state.rederive()
    #expect(d.screenText.contains("Ringeliste – mine (2)"))
    #expect(!d.screenText.contains("Bjørn Løvås"), "assigned to Ola")
    #expect(d.screenText.contains("Åse Kjærstad") && d.screenText.contains("Ærlig AS"))
    d.press(.char("T"))
    #expect(d.screenText.contains("Ringeliste – hele teamet (3)"))
    #expect(d.screenText.contains("Bjørn Løvås"))
    d.press(.char("T"))
    // Per takes Åse: on the next tick she leaves Kari's list.
    store.appendExternally(Event.assignment(customer: "K2", to: "per"), by: "per")
    d.poll()
    #expect(d.screenText.contains("Ringeliste – mine (1)"))
    #expect(!d.screenText.contains("Åse Kjærstad"))
    // Unassigned again: back on her list.
    store.appendExternally(Event.assignment(customer: "K2", to: nil), by: "per")
    d.poll()
    #expect(d.screenText.contains("Åse Kjærstad"))
  }

  @Test("the case timeline names who did what")
  func timelineShowsCollector() {
    let store = MemoryStore(events: Self.events())
    var d = AppDriver(store: store, today: Self.today)
    d.press(.down)
    d.press(.enter)
    #expect(d.screenText.contains("kari"))
  }
}
