import Foundation
import KravApp
import KravCore
import KravStore
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

/// Four-eyes in the TUI (issue 18): a write-off through the app on a team store is a request;
/// the case and the queue say it waits for approval.
@Test("a write-off in the TUI on a team store waits for approval, shown in the case and queue")
func fourEyesInTheApp() throws {
  let base = FileManager.default.temporaryDirectory.appendingPathComponent(
    "krav-4eyes-\(UUID().uuidString)"
  ).path
  defer { try? FileManager.default.removeItem(atPath: base) }
  var info = StoreInfo(
    name: "Fjordkraft Regnskap AS", orgnr: "123456785", account: "86011117947",
    created: "2026-11-30T09:00:00+01:00")
  info.fourEyes = ["write-off"]
  try Store.create(at: base, info: info)
  let seed = try Store.open(at: base, writer: "ola")
  _ = try seed.replay { _, _ in }
  _ = try seed.append(TeamAppTests.events())
  let adapter = try StoreAdapter(path: base, writer: "kari")
  var d = AppDriver(appStore: adapter, ledger: adapter.ledger, today: TeamAppTests.today)
  var e = Event(
    id: "", seq: 0, at: "", by: "kari", type: .caseClosed, customer: "K2", invoice: "IK2")
  e.reason = ClosureReason.writtenOff.rawValue
  e.text = "Konkurs"
  for m in d.runner.run(.append([e])) { d.send(m) }
  #expect(d.state.ledger.claims["IK2"]?.closed == nil, "not written off yet")
  #expect(d.state.ledger.pendingApprovals.map(\.request.action) == ["write-off"])
  #expect(d.state.ledger.awaitsApproval(invoice: "IK2"))
  d.state.stack.append(.caseView(CaseView(customerId: "K2")))
  #expect(d.screenText.contains("venter på godkjenning: write-off Konkurs (kari"))
}

/// The approvals screen (issue 18): a colleague's request is listed with what to read, and
/// approving it writes the claim off; one's own request cannot be approved.
@Test("the approvals screen lists requests; a approves a colleague's, never one's own")
func approvalsScreen() throws {
  let base = FileManager.default.temporaryDirectory.appendingPathComponent(
    "krav-approvals-\(UUID().uuidString)"
  ).path
  defer { try? FileManager.default.removeItem(atPath: base) }
  var info = StoreInfo(
    name: "Fjordkraft Regnskap AS", orgnr: "123456785", account: "86011117947",
    created: "2026-11-30T09:00:00+01:00")
  info.fourEyes = ["write-off"]
  try Store.create(at: base, info: info)
  let ola = try Store.open(at: base, writer: "ola")
  _ = try ola.replay { _, _ in }
  var requests = TeamAppTests.events()
  for (c, why) in [("K2", "Konkurs"), ("K3", "Dødsbo")] {
    var r = Event.approvalRequest(action: .writeOff, customer: c, invoice: "I\(c)", text: why)
    r.at = "2026-11-29T10:00:00+01:00"
    r.by = c == "K2" ? "ola" : "kari"
    requests.append(r)
  }
  _ = try ola.append(requests)
  let adapter = try StoreAdapter(path: base, writer: "kari")
  var d = AppDriver(
    appStore: adapter, ledger: adapter.ledger, today: TeamAppTests.today, start: .calls)
  d.state.user = "kari"
  // The call list says what waits, for the selected customer.
  func selected() -> String? {
    if case .calls(let v) = d.state.top { return v.selectedId }
    return nil
  }
  for _ in 0..<5 where selected() != "K2" { d.press(.down) }
  #expect(d.screenText.contains("venter på godkjenning: write-off (ola)"))
  d.press(.char("v"))
  #expect(d.screenText.contains("Til godkjenning (2)"))
  #expect(d.screenText.contains("Åse Kjærstad") && d.screenText.contains("Ærlig AS"))
  // The first (oldest) is Ola's write-off of Åse's claim: its text and the claim are shown.
  #expect(d.screenText.contains("write-off: Konkurs"))
  #expect(d.screenText.contains("IK2"))
  d.press(.char("a"))
  #expect(d.state.ledger.claims["IK2"]?.closed == .writtenOff)
  #expect(d.screenText.contains("Til godkjenning (1)"))
  // What remains is Kari's own request: refused.
  d.press(.char("a"))
  #expect(d.state.ledger.claims["IK3"]?.closed == nil)
  #expect(d.state.status?.text.contains("egen forespørsel") == true)
}
