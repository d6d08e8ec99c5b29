import Foundation
import KravTestSupport
import Testing

/// Issue 18, the team: assignment, the "mine" call list, four-eyes approval and a collector's
/// day, through the real binary.
private struct CommandFailed: Error, CustomStringConvertible { var description: String }

private func json(_ k: KravCLI, _ args: [String], as user: String, today: String? = nil) throws
  -> Any
{
  let r = try k.run(args + ["--json"], today: today, as: user)
  guard r.status == 0, let data = r.output.data(using: .utf8) else {
    throw CommandFailed(description: "krav \(args.joined(separator: " ")) failed: \(r.output)")
  }
  return try JSONSerialization.jsonObject(with: data)
}

private func setUp(_ k: KravCLI, team: Bool) throws {
  try k.runAll([
    ["init", "--creditor", "Fjord Rør AS", "--orgnr", "123456785", "--account", "8601.11.17947"]
      + (team ? ["--sync", "syncthing"] : []),
    [
      "customer", "add", "--id", "K1", "--name", "Bjørn Løvås", "--kind", "consumer",
      "--phone", "+47 912 34 567", "--address", "Løkkeveien 3, 9008 Tromsø",
    ],
    [
      "claim", "add", "--customer", "K1", "--invoice", "1001", "--amount", "4000",
      "--issued", "2025-05-18", "--due", "2025-06-01",
    ],
    [
      "customer", "add", "--id", "K2", "--name", "Åse Bø", "--kind", "consumer", "--phone",
      "+47 913 00 000", "--address", "Bøveien 3, 3800 Bø",
    ],
    [
      "claim", "add", "--customer", "K2", "--invoice", "2001", "--amount", "2500",
      "--issued", "2025-05-18", "--due", "2025-06-01",
    ],
    [
      "customer", "add", "--id", "K3", "--name", "Ærlig AS", "--kind", "business", "--orgnr",
      "923609016", "--phone", "+47 22 00 00 00", "--address", "Kaia 2, 9008 Tromsø",
    ],
    [
      "claim", "add", "--customer", "K3", "--invoice", "3001", "--amount", "800",
      "--issued", "2025-05-18", "--due", "2025-06-01",
    ],
  ])
}

@Test("assign: customers go to collectors with history; calls --mine and customers --collector")
func assignment() throws {
  let k = KravCLI("team-assign", today: "2025-07-01")
  defer { k.cleanUp() }
  try setUp(k, team: false)
  // Reminders on 16 June, unpaid by 1 July: every customer is on the call list.
  let rem = try k.run(["step", "next", "--all-eligible"], today: "2025-06-16")
  #expect(rem.status == 0, "\(rem.output)")
  let a = try json(k, ["assign", "K1", "K2", "--to", "ola"], as: "kari") as! [String: Any]
  #expect(a["assigned"] as? [String] == ["K1", "K2"])
  // Bulk by filter: Ola's customers to Per; a repeat changes nothing.
  let b = try json(k, ["assign", "--from", "ola", "--to", "per"], as: "kari") as! [String: Any]
  #expect(b["assigned"] as? [String] == ["K1", "K2"])
  let again = try json(k, ["assign", "K1", "--to", "per"], as: "kari") as! [String: Any]
  #expect((again["assigned"] as? [String])?.isEmpty == true)
  #expect(again["unchanged"] as? [String] == ["K1"])
  _ = try json(k, ["assign", "K2", "--unassign"], as: "kari")
  let perRows = try json(k, ["customers", "--collector", "per"], as: "kari") as! [[String: Any]]
  #expect(perRows.map { $0["id"] as? String } == ["K1"])
  let unassigned = try json(k, ["customers", "--unassigned"], as: "kari") as! [[String: Any]]
  #expect(Set(unassigned.compactMap { $0["id"] as? String }) == ["K2", "K3"])
  // The call list: Per sees his own customer and the unassigned; Kari only the unassigned.
  func mine(_ user: String) throws -> Set<String> {
    let rows = try json(k, ["calls", "--mine"], as: user) as! [[String: Any]]
    return Set(rows.compactMap { $0["customer"] as? String })
  }
  let all = try json(k, ["calls"], as: "kari") as! [[String: Any]]
  guard all.count == 3 else {
    Issue.record("expected all three customers on the call list: \(all)")
    return
  }
  #expect(try mine("per") == ["K1", "K2", "K3"])
  #expect(try mine("kari") == ["K2", "K3"])
  // The history: three assignment events for K1, each with who did it.
  let show = try json(k, ["show", "K1"], as: "kari") as! [String: Any]
  #expect((show["customer"] as? [String: Any])?["collector"] as? String == "per")
  let events = show["events"] as! [[String: Any]]
  let assigned = events.filter { $0["type"] as? String == "customer-assigned" }
  #expect(assigned.count == 2)
  #expect(events.allSatisfy { ($0["by"] as? String)?.isEmpty == false })
  #expect(assigned.allSatisfy { $0["by"] as? String == "kari" })
  let text = try k.run(["show", "K1"], as: "kari").output
  #expect(text.contains("Saksbehandler: per") || text.contains("Collector: per"))
}

@Test("four-eyes: a write-off by Kari waits; Kari cannot approve it; Ola's approval writes it off")
func fourEyesWriteOff() throws {
  let k = KravCLI("team-4eyes", today: "2025-07-01")
  defer { k.cleanUp() }
  try setUp(k, team: true)
  let eyes = try json(k, ["four-eyes"], as: "kari") as! [String: Any]
  #expect(
    eyes["four_eyes"] as? [String] == [
      "utlegg", "forliksklage", "write-off", "plan-over-12-months",
    ])
  let r = try k.run(
    ["claim", "write-off", "2001", "--reason", "Konkurs, ingen dividende"], as: "kari")
  #expect(r.status == 0, "\(r.output)")
  #expect(r.output.contains("requested"))
  let pending = try json(k, ["approvals"], as: "kari") as! [[String: Any]]
  #expect(pending.count == 1)
  let p = pending[0]
  #expect(p["action"] as? String == "write-off" && p["customer"] as? String == "K2")
  #expect(p["invoice"] as? String == "2001" && p["requested_by"] as? String == "kari")
  let id = p["id"] as! String
  #expect((p["requested_at"] as? String)?.hasPrefix("2025-07-01") == true)
  // Not yet in effect: the claim is open; the queue says what waits.
  var queue = try json(k, ["queue"], as: "kari") as! [[String: Any]]
  #expect(queue.first { $0["invoice"] as? String == "2001" }?["awaiting_approval"] as? Bool == true)
  // Kari may not approve her own request; nothing is written.
  let before = k.journalBytes()
  let own = try k.run(["approve", id], as: "kari")
  #expect(own.status != 0 && own.output.contains("en annen bruker må godkjenne"))
  #expect(k.journalBytes() == before)
  let ok = try k.run(["approve", id], as: "ola")
  #expect(ok.status == 0, "\(ok.output)")
  queue = try json(k, ["queue"], as: "kari") as! [[String: Any]]
  #expect(!queue.contains { $0["invoice"] as? String == "2001" }, "written off: out of the queue")
  #expect((try json(k, ["approvals"], as: "kari") as! [[String: Any]]).isEmpty)
  // Approving again fails: nothing is pending.
  #expect(try k.run(["approve", id], as: "per").status != 0)
  // A rejected request takes no effect.
  _ = try k.run(["claim", "write-off", "3001", "--reason", "Liten sum"], as: "kari")
  let second = (try json(k, ["approvals"], as: "kari") as! [[String: Any]])[0]["id"] as! String
  let rej = try k.run(["reject", second, "--reason", "Ring først"], as: "ola")
  #expect(rej.status == 0, "\(rej.output)")
  queue = try json(k, ["queue"], as: "kari") as! [[String: Any]]
  #expect(queue.contains { $0["invoice"] as? String == "3001" })
  // Ola's day shows the approval; Kari's the assignments are none.
  let day = try json(k, ["day", "--collector", "ola"], as: "per") as! [[String: Any]]
  #expect(day.first?["approvals"] as? Int == 1)
}

@Test("four-eyes: an utleggsbegjæring is requested, not written, until another user approves")
func fourEyesUtlegg() throws {
  let k = KravCLI("team-utlegg", today: "2025-06-16")
  defer { k.cleanUp() }
  try setUp(k, team: true)
  for day in ["2025-06-16", "2025-07-01", "2025-07-16"] {
    let r = try k.run(["step", "next", "--invoice", "1001"], today: day, as: "kari")
    #expect(r.status == 0, "\(r.output)")
    // The letter leaves the same day, printed and confirmed (issue 19: the next step counts
    // its deadline from the day the letter left).
    let p = try k.run(
      ["outbox", "print", "--out", k.dir + "/batch.pdf", "--confirm"], today: day, as: "kari")
    #expect(p.status == 0, "\(p.output)")
  }
  let before = Set(k.files("letters"))
  let r = try k.run(["step", "next", "--invoice", "1001"], today: "2025-07-31", as: "kari")
  #expect(r.status == 0, "\(r.output)")
  #expect(r.output.contains("venter på godkjenning"))
  #expect(Set(k.files("letters")) == before, "no utleggsbegjæring written yet")
  // Asking again does not make a second request.
  _ = try k.run(["step", "next", "--invoice", "1001"], today: "2025-07-31", as: "kari")
  let pending = try json(k, ["approvals"], as: "kari", today: "2025-07-31") as! [[String: Any]]
  #expect(pending.count == 1 && pending[0]["action"] as? String == "utlegg")
  let id = pending[0]["id"] as! String
  let ok = try k.run(["approve", id], today: "2025-07-31", as: "ola")
  #expect(ok.status == 0, "\(ok.output)")
  // One letter: its text (with the PDF and its layout beside it since issue 19).
  let new = Set(k.files("letters")).subtracting(before).filter { $0.hasSuffix(".txt") }
  #expect(new.count == 1 && new.first?.contains("utlegg-K1") == true, "\(new)")
  let show = try json(k, ["show", "K1"], as: "kari", today: "2025-07-31") as! [String: Any]
  let claim = (show["claims"] as! [[String: Any]])[0]
  #expect(claim["step"] as? String == "utlegg")
  let steps = (show["events"] as! [[String: Any]]).filter {
    $0["type"] as? String == "step-triggered" && $0["step"] as? String == "utlegg"
  }
  #expect(steps.count == 1 && steps[0]["by"] as? String == "ola")
}

/// Plans over 12 months (issue 18): on a team store the proposal is the gated moment. A plan
/// whose last instalment falls more than 12 months after the proposal is a request: no letter,
/// no plan, the ladder not held; the queue and the call list say it waits. The requester cannot
/// approve it; a colleague's approval drafts the plan on the day of approval (same number of
/// instalments, same signing window) and writes its letter. 12 monthly instalments (the last
/// 11 months and 7 days after the proposal) are not gated; 13 are.
/// Every file under `letters/`, store-relative, at any depth.
private func letterFiles(_ k: KravCLI) -> Set<String> {
  let root = k.store + "/letters"
  let all = FileManager.default.enumerator(atPath: root)?.allObjects as? [String] ?? []
  return Set(all.map { "letters/" + $0 })
}

@Test("four-eyes: a plan over 12 months is a request; another user's approval makes the plan")
func fourEyesLongPlan() throws {
  let k = KravCLI("team-longplan", today: "2025-07-01")
  defer { k.cleanUp() }
  try setUp(k, team: true)
  let rem = try k.run(["step", "next", "--all-eligible"], today: "2025-06-16", as: "kari")
  #expect(rem.status == 0, "\(rem.output)")
  let letters = letterFiles(k)
  // 12 monthly instalments from 8 July 2025: the last on 8 June 2026, within 12 months.
  let short =
    try json(k, ["plan", "propose", "K3", "--instalments", "12"], as: "kari")
    as! [String: Any]
  #expect(short["id"] as? String != nil && short["approval"] == nil, "\(short)")
  // 13: the last on 8 July 2026, more than 12 months after 1 July 2025.
  let r =
    try json(k, ["plan", "propose", "K1", "--instalments", "13"], as: "kari")
    as! [String: Any]
  let approval = r["approval"] as! [String: Any]
  #expect(approval["action"] as? String == "plan-over-12-months")
  #expect(approval["invoices"] as? [String] == ["1001"])
  #expect(r["id"] == nil, "no plan yet")
  let id = approval["id"] as! String
  let afterRequest = letterFiles(k).subtracting(letters)
  #expect(
    afterRequest.allSatisfy { $0.contains("K3") || !$0.contains(".") },
    "no letter for K1: \(afterRequest)")
  var plans = try json(k, ["plans"], as: "kari") as! [[String: Any]]
  #expect(plans.map { $0["customer"] as? String } == ["K3"])
  // Waiting is shown in the queue and on the call list.
  let queue = try json(k, ["queue"], as: "kari") as! [[String: Any]]
  #expect(queue.first { $0["invoice"] as? String == "1001" }?["awaiting_approval"] as? Bool == true)
  let calls = try json(k, ["calls"], as: "kari") as! [[String: Any]]
  #expect(
    calls.first { $0["customer"] as? String == "K1" }?["awaiting_approval"] as? [String]
      == ["plan-over-12-months"], "\(calls)")
  let text = try k.run(["approvals"], as: "kari").output
  #expect(text.contains("plan-over-12-months") && text.contains("13 × month"), "\(text)")
  // The requester cannot approve it.
  let before = k.journalBytes()
  let own = try k.run(["approve", id], as: "kari")
  #expect(own.status != 0 && own.output.contains("en annen bruker må godkjenne"))
  #expect(k.journalBytes() == before)
  // Ola approves two days later: the plan is drafted on 3 July, signing by 10 July.
  let ok = try k.run(["approve", id], today: "2025-07-03", as: "ola")
  #expect(ok.status == 0, "\(ok.output)")
  plans = try json(k, ["plans"], as: "kari", today: "2025-07-03") as! [[String: Any]]
  guard let plan = plans.first(where: { $0["customer"] as? String == "K1" }) else {
    Issue.record("no plan for K1 after approval: \(plans)")
    return
  }
  #expect(plan["proposed"] as? String == "2025-07-03" && plan["sign_by"] as? String == "2025-07-10")
  #expect((plan["instalments"] as? [[String: Any]])?.count == 13)
  let letter = plan["letter"] as? String ?? ""
  #expect(letter.contains("K1") && letterFiles(k).contains(letter), "\(letter)")
  #expect((try json(k, ["approvals"], as: "kari") as! [[String: Any]]).isEmpty)
  let show = try json(k, ["show", "K1"], as: "kari", today: "2025-07-03") as! [String: Any]
  let proposed = (show["events"] as! [[String: Any]]).filter {
    $0["type"] as? String == "plan-proposed"
  }
  #expect(proposed.count == 1 && proposed.first?["by"] as? String == "ola")
  #expect(proposed.first?["ref"] as? String == id)
}

/// The approvals screen in the real binary (scripts/e2e-tmux-approvals.sh): a plan over 12
/// months approved with O and j (Enter cancels), a write-off rejected with X and a reason in æøå.
@Test(
  "in tmux: approve a plan over 12 months, reject a write-off with a reason",
  .timeLimit(.minutes(6)))
func tmuxApprovals() throws {
  try expectTmuxScript("e2e-tmux-approvals.sh", done: "all approvals end-to-end checks passed")
}
