import Foundation
import KravApp
import KravCore
import KravStore
import KravTestSupport
import TerminalUI
import Testing

/// Issue 18: the call list shows the user's own customers and the unassigned ones; M shows
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

  @Test("mine by default; M toggles to the whole team; a colleague's assignment applies live")
  func mineAndTeam() {
    let store = MemoryStore(events: Self.events())
    var d = AppDriver(store: store, today: Self.today, start: .calls)
    d.state.user = "kari"
    d.state.rederive()
    #expect(d.screenText.contains("Ringeliste – mine (2)"))
    #expect(!d.screenText.contains("Bjørn Løvås"), "assigned to Ola")
    #expect(d.screenText.contains("Åse Kjærstad") && d.screenText.contains("Ærlig AS"))
    d.press(.char("M"))
    #expect(d.screenText.contains("Ringeliste – hele teamet (3)"))
    #expect(d.screenText.contains("Bjørn Løvås"))
    d.press(.char("M"))
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

  @Test("the first call list is already the user's own, weighed by the store's settings")
  func firstListIsMine() {
    // What `krav` starts with: the user and the settings given to the state before the call
    // list is built (set afterwards, the first screen showed the whole team's list under
    // "mine" until something derived it again).
    let ledger = MemoryStore(events: Self.events()).ledger
    var settings = CallSettings.standard
    settings.weights[.brokenPromise] = 7
    let state = AppState(
      ledger: ledger, today: Self.today, language: .nb, size: Size(width: 120, height: 40),
      start: .calls, user: "kari", callSettings: settings, deferOverview: true)
    #expect(state.calls.map(\.customer).sorted() == ["K2", "K3"], "K1 is assigned to Ola")
    #expect(state.calls.allSatisfy { $0.factors.map(\.points) == [7] })
    #expect(state.overviewPending)
    // The same as deriving again after setting them one by one.
    var later = AppState(
      ledger: ledger, today: Self.today, language: .nb, size: Size(width: 120, height: 40),
      start: .calls)
    later.user = "kari"
    later.callSettings = settings
    #expect(later.calls == state.calls)
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
  let e = Event.caseClosed(customer: "K2", invoice: "IK2", reason: .writtenOff, text: "Konkurs")
  for m in d.runner.run(.write(WriteRequest(.writeOff, events: [e]))) { d.send(m) }
  #expect(d.state.ledger.claims["IK2"]?.closed == nil, "not written off yet")
  #expect(d.state.status?.text == "venter på godkjenning", "the status does not say written off")
  #expect(d.state.ledger.pendingApprovals.map(\.request.action) == ["write-off"])
  #expect(d.state.ledger.awaitsApproval(invoice: "IK2"))
  d.state.stack.append(.caseView(CaseView(customerId: "K2")))
  #expect(d.screenText.contains("venter på godkjenning: write-off Konkurs (kari"))
}

/// The approvals screen (issue 18): a colleague's request is listed with what to read, and
/// approving it writes the claim off; one's own request cannot be approved.
@Test("the approvals screen lists requests; O approves a colleague's, never one's own")
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
  // O asks the one y/n confirmation, naming what a yes does; Enter never confirms, n cancels.
  d.press(.char("O"))
  #expect(d.screenText.contains("Godkjenne avskrivning av IK2 for Åse Kjærstad"))
  #expect(d.screenText.contains("kravet avskrives og lukkes"))
  let before = d.state.ledger.pendingApprovals.count
  d.press(.enter)
  #expect(d.state.ledger.claims["IK2"]?.closed == nil, "Enter does not confirm: it cancels")
  #expect(d.state.mode == .normal)
  d.press(.char("O"), .char("n"))
  #expect(d.state.ledger.claims["IK2"]?.closed == nil)
  #expect(d.state.ledger.pendingApprovals.count == before)
  #expect(d.state.status?.text == "Avbrutt; ingenting lagret")
  d.press(.char("O"), .char("y"))
  #expect(d.state.ledger.claims["IK2"]?.closed == .writtenOff)
  #expect(d.state.status?.text == "Godkjent")
  #expect(d.screenText.contains("Til godkjenning (1)"))
  // What remains is Kari's own request: refused.
  d.press(.char("O"))
  #expect(d.state.ledger.claims["IK3"]?.closed == nil)
  #expect(d.state.status?.text.contains("egen forespørsel") == true)
}

/// Approving a colleague's utleggsbegjæring in the TUI (issue 18): `O` previews the court draft
/// like the queue does; `y` writes it with its `approval-granted` in one append, though utlegg
/// needs four eyes on this store (the approval is the second person); `n` writes nothing.
@Test("approving a step: O previews the letter, y writes it with the approval in one append")
func approveStepInTheApp() throws {
  let today = Day(parsing: "2026-11-30")!
  let d0 = today.adding(days: -60)
  var request = Event.approvalRequest(
    action: .utlegg, customer: "K9", invoice: "9001", invoices: ["9001"], step: .utlegg,
    text: "utlegg for Åse Bø: 9001")
  request.at = "\(today.adding(days: -1).iso)T10:00:00+01:00"
  request.by = "ola"
  let events = [
    Fixtures.event(.customerAdded, d0, customer: "K9") {
      $0.name = "Åse Bø"
      $0.kind = "consumer"
      $0.email = "ase@bo.no"
      $0.address = "Bøveien 3, 3800 Bø"
    },
    Fixtures.event(.claimAdded, d0, customer: "K9", invoice: "9001") {
      $0.amount = 400_000
      $0.issued = d0
      $0.due = d0
    },
    // Betalingsoppfordring (with the § 4-18 notice) 20 days ago: its 14 days have run out.
    Fixtures.event(.stepTriggered, today.adding(days: -20), invoice: "9001") {
      $0.from = "invoice"
      $0.step = "betalingsoppfordring"
      $0.date = today.adding(days: -20)
    },
    request,
  ]
  let store = MemoryStore(events: events, writer: "kari")
  store.fourEyes = [.utlegg, .forliksklage, .writeOff]
  var d = AppDriver(store: store, today: today, start: .calls)
  d.state.user = "kari"
  d.press(.char("v"))
  #expect(d.screenText.contains("Til godkjenning (1)"))
  // Cancelled: nothing is written, the request still waits.
  d.press(.char("O"))
  guard case .confirmSteps(let c) = d.state.mode else {
    Issue.record("O opens the letter's confirmation")
    return
  }
  #expect(c.plan.letters.map(\.step) == [.utlegg] && c.approving != nil)
  let before = store.events.count
  d.press(.char("n"))
  #expect(store.events.count == before && d.state.ledger.awaitsApproval(invoice: "9001"))
  d.press(.char("O"), .char("y"))
  let new = store.events.dropFirst(before)
  #expect(new.map(\.type) == [.stepTriggered, .approvalGranted], "\(new.map(\.type))")
  #expect(new.last?.ref == store.events[3].id, "the approval names the request")
  #expect(store.letters["\(today.iso)-utlegg-K9"] != nil, "the court draft is written")
  #expect(d.state.ledger.claims["9001"]?.step == .utlegg)
  #expect(!d.state.ledger.awaitsApproval(invoice: "9001"))
  #expect(d.screenText.contains("Til godkjenning (0)"))
}

/// Rejecting in the TUI (issue 18): `X` asks for the reason (required), then the one y/n
/// confirmation; a yes writes `approval-rejected` with the reason, as `krav reject ID --reason`.
@Test("X rejects a request: a reason is required, then y/n; nothing takes effect")
func rejectInTheApp() throws {
  var events = TeamAppTests.events()
  var r = Event.approvalRequest(action: .writeOff, customer: "K2", invoice: "IK2", text: "Konkurs")
  r.at = "2026-11-29T10:00:00+01:00"
  r.by = "ola"
  events.append(r)
  let store = MemoryStore(events: events, writer: "kari")
  store.fourEyes = [.writeOff]
  var d = AppDriver(store: store, today: TeamAppTests.today, start: .calls)
  d.state.user = "kari"
  d.press(.char("v"), .char("X"))
  #expect(d.screenText.contains("Avvise avskrivning av IK2 for Åse Kjærstad – grunn:"))
  // Empty: refused, the prompt stays.
  d.press(.enter)
  #expect(d.state.status?.text == "Skriv en grunn for avvisningen")
  guard case .decideApproval = d.state.mode else {
    Issue.record("the reason prompt stays open")
    return
  }
  d.type("Ring først, kunden vil betale")
  d.press(.enter)
  #expect(
    d.screenText.contains("Avvise avskrivning av IK2 for Åse Kjærstad? Ingenting blir gjort."))
  // Enter never confirms: like any key but y/j it cancels, writing nothing.
  let count = store.events.count
  d.press(.enter)
  #expect(store.events.count == count && d.state.ledger.pendingApprovals.count == 1)
  #expect(d.state.status?.text == "Avbrutt; ingenting lagret")
  d.press(.char("X"))
  d.type("Ring først")
  // Esc on a typed reason asks before discarding it (issue 20); n goes back to the prompt.
  d.press(.escape)
  guard case .confirmDiscard = d.state.mode else {
    Issue.record("Esc on a typed reason asks first")
    return
  }
  d.press(.char("n"))
  d.press(.enter)
  d.press(.escape)
  #expect(store.events.count == count, "Esc at the confirmation cancels")
  d.press(.char("X"))
  d.type("Ring først")
  d.press(.enter, .char("j"))
  let new = store.events.dropFirst(count)
  #expect(new.map(\.type) == [.approvalRejected])
  #expect(
    new.first?.reason == "Ring først"
      && new.first?.ref == store.events.first { $0.type == .approvalRequested }?.id)
  #expect(d.state.ledger.pendingApprovals.isEmpty)
  #expect(d.state.ledger.claims["IK2"]?.closed == nil, "a rejected write-off takes no effect")
  #expect(d.state.status?.text == "Avvist")
}

/// A plan over 12 months in the TUI (issue 18): the plan builder's write becomes a request
/// (no letter, no plan, the ladder not held); the queue and call list show it waiting; a
/// colleague approves it on the approvals screen (y/n naming the 13 instalments), which drafts
/// the plan that day and writes its letter.
@Test("a plan over 12 months from the TUI waits for a colleague's approval, then is made")
func longPlanInTheApp() throws {
  let store = MemoryStore(events: TeamAppTests.events(), writer: "kari")
  store.fourEyes = [.longPlan]
  var d = AppDriver(store: store, today: TeamAppTests.today, start: .calls)
  d.state.user = "kari"
  func draft(_ n: Int) throws -> PlanDraft {
    try d.state.ledger.draftPlan(
      customer: "K2", size: .instalments(n), today: TeamAppTests.today,
      creditor: PlanLetter.Creditor(name: "Fjordkraft Regnskap AS", orgnr: "", account: ""),
      timestamp: "")
  }
  let long = try draft(13)
  let twelve = try draft(12)
  #expect(FourEyesAction.isLongPlan(long.event) && !FourEyesAction.isLongPlan(twelve.event))
  for m in d.runner.run(
    .write(WriteRequest(.planProposed, events: [long.event], files: .documents(long.documents))))
  {
    d.send(m)
  }
  #expect(store.events.last?.type == .approvalRequested)
  #expect(store.documents.isEmpty, "no letter before approval")
  #expect(d.state.ledger.plans(ofCustomer: "K2").isEmpty)
  #expect(d.state.status?.text == "venter på godkjenning")
  #expect(d.state.ledger.awaitsApproval(invoice: "IK2"))
  // The call list says it waits, for the selected customer.
  func selected() -> String? {
    if case .calls(let v) = d.state.top { return v.selectedId }
    return nil
  }
  for _ in 0..<5 where selected() != "K2" { d.press(.down) }
  #expect(d.screenText.contains("venter på godkjenning: plan-over-12-months (kari)"))
  // Kari cannot approve her own.
  d.press(.char("v"), .char("O"))
  #expect(d.state.status?.text.contains("egen forespørsel") == true)
  // Ola, on his machine, two days later.
  d.state.user = "ola"
  d.state.today = TeamAppTests.today.adding(days: 2)
  d.press(.char("O"))
  #expect(d.screenText.contains("Godkjenne avdragsplan over 12 måneder (IK2) for Åse Kjærstad"))
  #expect(d.screenText.contains("planen (13 avdrag) regnes ut per i dag"))
  d.press(.char("y"))
  let plans = d.state.ledger.plans(ofCustomer: "K2")
  #expect(plans.count == 1 && plans.first?.instalments.count == 13)
  #expect(plans.first?.proposedOn == TeamAppTests.today.adding(days: 2))
  #expect(
    plans.first?.signBy == TeamAppTests.today.adding(days: 9), "the 7-day window from approval")
  #expect(!store.documents.isEmpty, "the plan's letter is written on approval")
  let last = store.events.suffix(2).map(\.type)
  #expect(last == [.planProposed, .approvalGranted], "\(last)")
  #expect(!d.state.ledger.awaitsApproval(invoice: "IK2"))
}
