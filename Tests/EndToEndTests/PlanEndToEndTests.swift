import Foundation
import KravTestSupport
import Testing

/// One customer owing a claim, on a fresh store.
private func setUp(_ cli: KravCLI) throws {
  try cli.runAll([
    [
      "init", "--creditor", "Fjord Rør AS", "--orgnr", "123456785", "--account",
      "8601.11.17947", "--email", "post@fjordror.example",
    ],
    // Issue 16, point 8: with no address at all the claim would be `no-address`, not ready.
    [
      "customer", "add", "--id", "K1", "--name", "Bjørn Løvås", "--kind", "consumer", "--address",
      "Storgata 1, 0155 Oslo",
    ],
    [
      "claim", "add", "--customer", "K1", "--invoice", "1001", "--amount", "10000", "--issued",
      "2026-09-17", "--due", "2026-10-01", "--kid", "12344",
    ],
  ])
}

@Suite("Plans end to end")
struct PlanEndToEndTests {
  @Test("plan propose prints the schedule; plan sign records the signature; plans lists it")
  func proposeSignList() throws {
    let cli = KravCLI("plan")
    guard cli.isAvailable else { try Test.cancel("\(KravCLI.missingBinary)") }
    defer { cli.cleanUp() }
    try setUp(cli)
    // A dry run writes nothing.
    let before = cli.journal()
    let dry =
      try cli.json(["plan", "propose", "K1", "--instalments", "2", "--dry-run"])
      as! [String: Any]
    #expect(dry["dry_run"] as? Bool == true)
    #expect(cli.journal() == before)
    // The worked example of PlanScheduleTests: 5 137.00 + 5 135.08.
    let o = try cli.json(["plan", "propose", "K1", "--instalments", "2"]) as! [String: Any]
    let amounts = (o["instalments"] as! [[String: Any]]).map { $0["amount"] as! String }
    #expect(amounts == ["5137.00", "5135.08"])
    #expect(o["total"] as? String == "10272.08")
    #expect(o["projected_interest"] as? String == "74.82")
    #expect(o["sign_by"] as? String == "2026-12-07")
    #expect(o["label"] as? String == "K1#1")
    #expect(
      (o["letters"] as? [String]) == ["letters/2026/plan-K1-1.txt", "letters/2026/plan-K1-1.eml"])
    let txt = try String(contentsOfFile: cli.store + "/letters/2026/plan-K1-1.txt", encoding: .utf8)
    #expect(txt.contains("hele restbeløpet til betaling straks"))
    #expect(txt.contains("senest 07.12.2026"))
    let id = o["id"] as! String
    // Show lists the plan and the ladder waits for it.
    let show = try cli.json(["show", "K1"]) as! [String: Any]
    #expect((show["plans"] as! [[String: Any]]).first?["state"] as? String == "proposed")
    #expect((show["claims"] as! [[String: Any]]).first?["blocked_by"] as? String == "in-plan")
    let queue = try cli.json(["queue"]) as! [[String: Any]]
    #expect(queue.first?["blocked_by"] as? String == "in-plan")
    // A signature after the deadline is refused, and nothing is written.
    let late = try cli.run(
      ["plan", "sign", id, "--signed", "2026-12-08", "--channel", "email"], today: "2026-12-09")
    #expect(late.status == 1)
    #expect(late.output.contains("måtte signeres innen 07.12.2026"))
    let signed =
      try cli.json(
        ["plan", "sign", "K1#1", "--signed", "2026-12-02", "--channel", "in-person"],
        today: "2026-12-03") as! [String: Any]
    #expect((signed["plan"] as! [String: Any])["state"] as? String == "signed")
    let plans = try cli.json(["plans"], today: "2026-12-03") as! [[String: Any]]
    #expect(plans.count == 1)
    #expect(plans[0]["id"] as? String == id)
    #expect(plans[0]["customer"] as? String == "K1")
    #expect(plans[0]["signed"] as? String == "2026-12-02")
    let inst = plans[0]["instalments"] as! [[String: Any]]
    #expect(inst.map { $0["due"] as! String } == ["2026-12-07", "2027-01-07"])
    #expect(inst.map { $0["state"] as! String } == ["upcoming", "upcoming"])
    #expect(inst.map { $0["paid"] as! String } == ["0.00", "0.00"])
    // The first instalment paid (krav pay): active, and the ladder stays paused.
    let paid = try cli.run(
      ["pay", "--kid", "12344", "--amount", "5137.00", "--date", "2026-12-04"], today: "2026-12-04")
    #expect(paid.status == 0, "\(paid.output)")
    let active = try cli.json(["plans"], today: "2026-12-04") as! [[String: Any]]
    #expect(active.first?["state"] as? String == "active")
    #expect(active.first?["active_from"] as? String == "2026-12-04")
    let q2 = try cli.json(["queue"], today: "2026-12-20") as! [[String: Any]]
    #expect(q2.first?["blocked_by"] as? String == "in-plan")
    // Instalment 2 (Thu 7 Jan 2027) unpaid past 10 Jan: in default; follow-up accelerates.
    let follow2 = try cli.json(["plan", "follow"], today: "2027-01-11") as! [String: Any]
    #expect((follow2["letters"] as? [String]) == ["letters/2026/plan-K1-1-mislighold.txt"])
    let acc = try cli.json(["plans"], today: "2027-01-11") as! [[String: Any]]
    #expect(acc.first?["state"] as? String == "accelerated")
    #expect(acc.first?["remaining"] as? String == "5135.08")
    // Issue 15 point 5: one figure for what is due now, the same as the acceleration notice's
    // (recorded in the plan-accelerated event); `remaining` is the schedule's remainder.
    let shown = try cli.json(["show", "K1"], today: "2027-01-11") as! [String: Any]
    let accelerated = (shown["events"] as! [[String: Any]]).first {
      $0["type"] as? String == "plan-accelerated"
    }
    let owedNow = try #require(acc.first?["owed_now"] as? String)
    #expect(accelerated?["amount"] as? String == owedNow)
    let q3 = try cli.json(["queue"], today: "2027-01-11") as! [[String: Any]]
    #expect(q3.first?["blocked_by"] is NSNull && q3.first?["eligible"] as? Bool == true)
  }

  @Test("a signed plan whose first instalment is never paid lapses")
  func lapse() throws {
    let cli = KravCLI("plan")
    guard cli.isAvailable else { try Test.cancel("\(KravCLI.missingBinary)") }
    defer { cli.cleanUp() }
    try setUp(cli)
    _ = try cli.json(["plan", "propose", "K1", "--instalments", "2"])
    _ = try cli.json(
      ["plan", "sign", "K1#1", "--signed", "2026-12-02", "--channel", "in-person"],
      today: "2026-12-03")
    // Unpaid past the first deadline (7 Dec + 3 days): lapsed.
    let lapsed =
      try cli.json(["plans", "--state", "lapsed"], today: "2026-12-11") as! [[String: Any]]
    #expect(lapsed.first?["lapse_reason"] as? String == "first-instalment-unpaid")
    // Nothing to follow up on a lapsed plan.
    let follow =
      try cli.json(["plan", "follow", "--dry-run"], today: "2026-12-11")
      as! [String: Any]
    #expect((follow["follow_ups"] as! [Any]).isEmpty)
  }

  @Test("bad plan input names the option and writes nothing")
  func refusals() throws {
    let cli = KravCLI("plan")
    guard cli.isAvailable else { try Test.cancel("\(KravCLI.missingBinary)") }
    defer { cli.cleanUp() }
    try setUp(cli)
    let before = cli.journal()
    for (args, message) in [
      (["plan", "propose", "K1"], "oppgi enten --instalments N eller --amount A"),
      (["plan", "propose", "K1", "--instalments", "3", "--every", "day"], "--every"),
      (["plan", "propose", "K1", "--instalments", "3", "--grace", "9"], "--grace"),
      (["plan", "propose", "K1", "--amount", "-5"], "--amount"),
      (["plan", "propose", "K9", "--instalments", "3", "--lang", "en"], "no customer with id K9"),
      (
        ["plan", "propose", "K1", "--instalments", "3", "--sign-by", "2026-11-01"],
        "signeringsfristen 01.11.2026 er før i dag"
      ),
      (["plan", "sign", "nope", "--signed", "2026-11-30", "--channel", "email"], "ingen avtale nope"),
    ] {
      let r = try cli.run(args)
      #expect(r.status != 0, "\(args)")
      #expect(r.output.contains(message), "\(args): \(r.output)")
    }
    #expect(cli.journal() == before)
    #expect(!FileManager.default.fileExists(atPath: cli.store + "/letters/2026"))
    // A proposal retried with the same request id (after a timeout, say) is recorded once.
    let args = ["plan", "propose", "K1", "--instalments", "2", "--request-id", "p-1"]
    #expect(try cli.run(args).status == 0)
    let again = try cli.run(args)
    #expect(again.status == 0)
    #expect(again.output.contains("allerede registrert"))
    let plans = try cli.json(["plans"]) as! [[String: Any]]
    #expect(plans.map { $0["id"] as? String } == ["req:p-1"])
  }
}

@Test(
  "the real krav binary in tmux: propose a plan from the case and record its signature",
  .timeLimit(.minutes(6)))
func tmuxPlanEndToEnd() throws {
  try expectTmuxScript("e2e-plan-tmux.sh", done: "all plan end-to-end checks passed")
}
