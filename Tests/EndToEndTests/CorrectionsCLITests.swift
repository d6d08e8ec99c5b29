import Foundation
import KravTestSupport
import Testing

/// Issue 20 through the real binary: corrections with a reason, shown in the timeline and
/// folded; case-insensitive ids; messages in the interface language.
@Suite(
  "Corrections (real binary)",
  .enabled(
    if: FileManager.default.isExecutableFile(atPath: KravCLI.debugBinary),
    "needs the debug krav binary (swift build)"))
struct CorrectionsCLITests {
  /// Kari (K0132) owing F1 1 000 kr and F2 2 000 kr, both overdue on 1 Dec 2026.
  private func kari(_ name: String) throws -> KravCLI {
    let k = KravCLI(name, today: "2026-12-01")
    try k.runAll([
      ["init", "--creditor", "Fjord Rør AS", "--orgnr", "123456785", "--account", "86011117947"],
      [
        "customer", "add", "--id", "K0132", "--name", "Kari Nordmann", "--kind", "consumer",
        "--address", "Storgata 1, 0155 Oslo", "--phone", "+47 900 00 000",
      ],
      [
        "claim", "add", "--customer", "K0132", "--invoice", "F1", "--amount", "1000", "--issued",
        "2026-10-01", "--due", "2026-10-15",
      ],
      [
        "claim", "add", "--customer", "K0132", "--invoice", "F2", "--amount", "2000", "--issued",
        "2026-10-05", "--due", "2026-10-20",
      ],
    ])
    return k
  }

  private func show(_ k: KravCLI) throws -> [String: Any] {
    try k.json(["show", "K0132"]) as! [String: Any]
  }

  private func paid(_ k: KravCLI, _ invoice: String) throws -> String? {
    let claims = try show(k)["claims"] as! [[String: Any]]
    return claims.first { $0["invoice"] as? String == invoice }?["paid"] as? String
  }

  @Test("payment reverse: back to unmatched with the reason in the timeline; once only")
  func paymentReverse() throws {
    let k = try kari("reverse")
    defer { k.cleanUp() }
    let pay = try k.json(["pay", "--invoice", "f1", "--amount", "400"]) as! [String: Any]
    let id = try #require(pay["id"] as? String)
    #expect(try paid(k, "F1") == "400.00")
    let r = try k.run(["payment", "reverse", id, "--reason", "Feil faktura", "--lang", "en"])
    #expect(r.status == 0)
    #expect(r.output.contains("back among unmatched payments"))
    #expect(try paid(k, "F1") == "0.00")
    let unmatched = try k.json(["payments", "unmatched"]) as! [[String: Any]]
    #expect(unmatched.count == 1 && unmatched[0]["amount"] as? String == "400.00")
    // The text list: money and days in the interface language, as every other list.
    let listed = try k.run(["payments", "unmatched", "--lang", "nb"]).output
    #expect(
      listed.hasPrefix("\(unmatched[0]["id"] as! String)\t") && listed.contains("\t400,00 kr\t"))
    // The timeline says who corrected what and why, in both languages.
    let nb = try k.run(["show", "K0132", "--lang", "nb"]).output
    #expect(nb.contains("Innbetaling rettet: til uplasserte") && nb.contains("Feil faktura"))
    #expect(nb.contains("av kari"))
    // A second correction of the same payment is refused; nothing more is written.
    let before = k.journal()
    let again = try k.run(["payment", "reverse", id, "--reason", "igjen", "--lang", "en"])
    #expect(again.status == 1 && again.output.contains("already corrected"))
    #expect(k.journal() == before)
    // The money is placed again from the unmatched list.
    let uid = unmatched[0]["id"] as! String
    #expect(try k.run(["payments", "assign", uid, "--invoice", "F2"]).status == 0)
    #expect(try paid(k, "F2") == "400.00")
  }

  @Test("payment reverse --refunded: the money leaves; a reason is required")
  func paymentRefunded() throws {
    let k = try kari("refund")
    defer { k.cleanUp() }
    let pay = try k.json(["pay", "--customer", "k0132", "--amount", "500"]) as! [String: Any]
    let id = try #require(pay["id"] as? String)
    let noReason = try k.run(["payment", "reverse", id])
    #expect(noReason.status != 0 && noReason.output.contains("--reason"))
    #expect(
      try k.run(["payment", "reverse", id, "--refunded", "--reason", "Betalt tilbake"]).status
        == 0)
    #expect(try paid(k, "F1") == "0.00")
    #expect((try k.json(["payments", "unmatched"]) as! [Any]).isEmpty)
    let events = try show(k)["events"] as! [[String: Any]]
    let rev = try #require(events.first { $0["type"] as? String == "payment-reversed" })
    #expect(rev["reason"] as? String == "refunded" && rev["text"] as? String == "Betalt tilbake")
    #expect(rev["ref"] as? String == id && rev["by"] as? String == "kari")
  }

  @Test("promise cancel, hold lift, do-not-call and may-call each need a reason")
  func corrections() throws {
    let k = try kari("corr")
    defer { k.cleanUp() }
    let promise =
      try k.json([
        "promise", "add", "k0132", "--amount", "1000", "--date", "2026-12-10",
        "--invoice", "f1",
      ]) as! [String: Any]
    let pid = ((promise["events"] as! [[String: Any]])[0]["id"]) as! String
    #expect(try k.run(["promise", "cancel", pid]).status != 0)
    let c = try k.run(["promise", "cancel", pid, "--reason", "Feil kunde", "--lang", "en"])
    #expect(c.status == 0 && c.output.contains("Promise \(pid) cancelled for K0132"))
    #expect((try k.json(["promise", "list", "K0132"]) as! [Any]).isEmpty)

    #expect(
      try k.run(["hold", "K0132", "--until", "2026-12-20", "--reason", "Sykehus"]).status == 0)
    #expect((try show(k)["customer"] as! [String: Any])["hold_until"] as? String == "2026-12-20")
    let lift = try k.run(["hold", "lift", "k0132", "--reason", "Frisk igjen"])
    #expect(lift.status == 0 && lift.output.contains("Pausen er opphevet"))
    let again = try k.run(["hold", "lift", "K0132", "--reason", "x", "--lang", "en"])
    #expect(again.status == 1 && again.output.contains("has no hold to lift"))

    #expect(try k.run(["call", "do-not-call", "K0132"]).status != 0)
    #expect(
      try k.run(["call", "do-not-call", "K0132", "--reason", "Ba om bare e-post"]).status == 0)
    #expect((try show(k)["customer"] as! [String: Any])["do_not_call"] as? Bool == true)
    #expect(try k.run(["call", "may-call", "K0132", "--reason", "Ringte selv"]).status == 0)
    #expect((try show(k)["customer"] as! [String: Any])["do_not_call"] as? Bool == false)

    let text = try k.run(["show", "K0132", "--lang", "nb"]).output
    for line in [
      "Betalingsløfte annullert – Feil kunde", "Pause opphevet – Frisk igjen",
      "Skal ikke ringes – Ba om bare e-post", "Kan ringes igjen – Ringte selv",
    ] {
      #expect(text.contains(line), "missing: \(line)")
    }
  }

  @Test("objections: accepting needs the credit amount and prints the consequence; withdraw")
  func objections() throws {
    let k = try kari("obj")
    defer { k.cleanUp() }
    let open =
      try k.json([
        "dispute", "open", "--invoice", "f1", "--reason", "defect",
        "--text", "Lekker",
      ]) as! [String: Any]
    let id = open["id"] as! String
    let bare = try k.run(["dispute", "resolve", id, "--outcome", "accepted", "--lang", "en"])
    #expect(bare.status != 0 && bare.output.contains("credit note's amount is required"))
    let ok = try k.run([
      "dispute", "resolve", id, "--outcome", "accepted", "--credit", "300", "--lang", "en",
    ])
    #expect(ok.status == 0)
    #expect(ok.output.contains("credit note NOK 300.00 on F1; outstanding now NOK 710.82"))

    let second =
      try k.json([
        "dispute", "open", "--invoice", "F2", "--reason", "other",
        "--text", "Aldri bestilt",
      ]) as! [String: Any]
    let wid = second["id"] as! String
    let w = try k.run(["dispute", "withdraw", "f2", "--reason", "Fant ordren", "--lang", "nb"])
    #expect(w.status == 0 && w.output.contains("Innsigelse \(wid) trukket"))
    let claims = try show(k)["claims"] as! [[String: Any]]
    #expect(claims.first { $0["invoice"] as? String == "F2" }?["status"] as? String == "overdue")
    #expect(try k.run(["show", "K0132", "--lang", "en"]).output.contains("Objection withdrawn"))
  }

  @Test("customer edit: new values folded, the old ones in the timeline, letters unchanged")
  func customerEdit() throws {
    let k = try kari("edit")
    defer { k.cleanUp() }
    #expect(try k.run(["customer", "edit", "K0132"]).status == 1)
    let r = try k.run([
      "customer", "edit", "k0132", "--address", "Kirkeveien 2, 0368 Oslo", "--email",
      "kari@example.no",
    ])
    #expect(r.status == 0)
    let s = try show(k)
    let c = s["customer"] as! [String: Any]
    #expect(c["address"] as? String == "Kirkeveien 2, 0368 Oslo")
    #expect(c["email"] as? String == "kari@example.no")
    let text = try k.run(["show", "K0132", "--lang", "nb"]).output
    #expect(
      text.contains("adresse endret fra Storgata 1, 0155 Oslo til Kirkeveien 2, 0368 Oslo"))
    #expect(text.contains("e-post endret fra (tom) til kari@example.no"))
    let events = s["events"] as! [[String: Any]]
    let upd = try #require(events.first { $0["type"] as? String == "customer-updated" })
    #expect(upd["old_address"] as? String == "Storgata 1, 0155 Oslo")
  }

  @Test("customer edit --email-consent DAY | --withdraw-consent, as customer consent does")
  func customerEditConsent() throws {
    let k = try kari("consent")
    defer { k.cleanUp() }
    // Consent needs an e-mail address: Kari has none yet, and nothing is written.
    let before = try (show(k)["events"] as! [[String: Any]]).count
    let refused = try k.run(["customer", "edit", "K0132", "--email-consent", "2026-11-30"])
    #expect(refused.status != 0 && refused.output.contains("e-post"))
    #expect(try (show(k)["events"] as! [[String: Any]]).count == before)
    #expect(
      try k.run([
        "customer", "edit", "K0132", "--email-consent", "2026-11-30", "--withdraw-consent",
      ]).status != 0)
    // With the address in the same command: one event with both.
    let r = try k.run([
      "customer", "edit", "K0132", "--email", "kari@example.no", "--email-consent", "2026-11-30",
    ])
    #expect(r.status == 0)
    var events = try show(k)["events"] as! [[String: Any]]
    var upd = try #require(events.last { $0["type"] as? String == "customer-updated" })
    #expect(upd["email"] as? String == "kari@example.no")
    #expect(upd["email_consent"] as? String == "2026-11-30")
    #expect(try k.run(["customer", "edit", "K0132", "--withdraw-consent"]).status == 0)
    events = try show(k)["events"] as! [[String: Any]]
    let updates = events.filter { $0["type"] as? String == "customer-updated" }
    upd = try #require(updates.max { ($0["seq"] as? Int ?? 0) < ($1["seq"] as? Int ?? 0) })
    #expect(upd["email_consent"] as? String == "")
    #expect(
      try k.run(["show", "K0132", "--lang", "nb"]).output.contains("samtykke til e-post trukket"))
  }

  @Test("messages follow --lang: the same note in nb and en; an unknown id in both")
  func languages() throws {
    let k = try kari("lang")
    defer { k.cleanUp() }
    #expect(
      try k.run(["note", "add", "k0132", "Hei", "--lang", "nb"]).output
        .contains("Notat lagt til hos K0132"))
    #expect(
      try k.run(["note", "add", "K0132", "Hi", "--lang", "en"]).output
        .contains("Note added to K0132"))
    #expect(try k.run(["show", "K9", "--lang", "nb"]).output.contains("ingen kunde med id K9"))
    #expect(try k.run(["show", "K9", "--lang", "en"]).output.contains("no customer with id K9"))
    let plan = try k.run([
      "plan", "propose", "K0132", "--amount", "1", "--lang", "nb",
    ])
    #expect(plan.status == 1 && plan.output.contains("mer enn 120 avdrag"))
  }

  @Test("a customer id typed in lower case works on every command that takes one")
  func lowerCaseIds() throws {
    let k = try kari("ids")
    defer { k.cleanUp() }
    let call = try k.run([
      "call", "log", "k0132", "--outcome", "no-answer", "--now", "2026-12-01T10:00",
    ])
    #expect(call.status == 0 && call.output.contains("K0132"), "\(call.output)")
    let step = try k.json(["step", "next", "k0132", "--dry-run"]) as! [String: Any]
    let letters = step["letters"] as! [[String: Any]]
    #expect(letters.first?["customer"] as? String == "K0132", "\(step)")
    let plan = try k.json(["plan", "propose", "k0132", "--instalments", "3", "--dry-run"])
    #expect((plan as! [String: Any])["customer"] as? String == "K0132")
    #expect(try k.run(["plan", "propose", "k0132", "--instalments", "3"]).status == 0)
    let plans = try k.json(["plans", "--customer", "k0132"]) as! [[String: Any]]
    #expect(plans.count == 1 && plans[0]["customer"] as? String == "K0132")
    // The text lists and messages in the interface language: fields, money, days, states.
    let edit = try k.run(["customer", "edit", "k0132", "--phone", "+47 900 00 001", "--lang", "nb"])
    #expect(edit.output.contains("Kunde K0132 endret: telefon"), "\(edit.output)")
    #expect(
      try k.run(["promise", "add", "k0132", "--amount", "1000,50", "--date", "2026-12-10"]).status
        == 0)
    let promises = try k.run(["promise", "list", "k0132", "--lang", "nb"]).output
    #expect(promises.contains("\t1 000,50 kr\t10.12.2026\t0,00 kr\t"), "\(promises)")
  }
}

@Test(
  "import invoices --customers: a bad customer row is the one root error, nothing is imported",
  .enabled(
    if: FileManager.default.isExecutableFile(atPath: KravCLI.debugBinary),
    "needs the debug krav binary (swift build)"))
func importCascadeCLI() throws {
  let k = KravCLI("cascade")
  defer { k.cleanUp() }
  try k.runAll([
    ["init", "--creditor", "Fjord Rør AS", "--orgnr", "123456785", "--account", "86011117947"]
  ])
  let c = k.dir + "/c.csv"
  let i = k.dir + "/i.csv"
  try "customer_id,name,kind,email\nK1,Kari,consumer,kari@example.no\nK2,Ola,consumer,nope\n"
    .write(toFile: c, atomically: true, encoding: .utf8)
  try
    "invoice_no,customer_id,issue_date,due_date,amount\n1,K1,2026-10-01,2026-10-15,10\n2,K2,2026-10-01,2026-10-15,10\n"
    .write(toFile: i, atomically: true, encoding: .utf8)
  let before = k.journal()
  let r = try k.run(["import", "invoices", i, "--customers", c, "--lang", "en"])
  #expect(r.status == 1)
  #expect(r.output.contains("\(c):3: email:"))
  #expect(r.output.contains("\(i):3: customer_id: customer K2 has an error in \(c):3 (email)"))
  #expect(!r.output.contains("no customer with id"))
  #expect(!r.output.contains("\(i):2:"))
  #expect(k.journal() == before)
}
