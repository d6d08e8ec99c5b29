import Foundation
import KravTestSupport
import Testing

/// A creditor, a consumer with e-mail and two claims due 2 June 2025 (Monday), one business
/// customer with a postal address only.
private func setUp(_ k: KravCLI) throws {
  try k.runAll([
    [
      "init", "--creditor", "Fjord Rør AS", "--orgnr", "123456785", "--account", "8601.11.17947",
      "--email", "post@fjordror.no", "--address", "Kaigata 1, 5003 Bergen",
    ],
    [
      "customer", "add", "--id", "K1", "--name", "Bjørn Løvås", "--kind", "consumer",
      "--email", "bjorn@løvås.no", "--address", "Løkkeveien 3, 9008 Tromsø",
    ],
    [
      "claim", "add", "--customer", "K1", "--invoice", "1001", "--amount", "10 000,00",
      "--issued", "2025-05-19", "--due", "2025-06-02", "--kid", "10017",
    ],
    [
      "claim", "add", "--customer", "K1", "--invoice", "1002", "--amount", "500", "--issued",
      "2025-05-19", "--due", "2025-06-02",
    ],
    [
      "customer", "add", "--id", "K2", "--name", "Ærlig AS", "--kind", "business", "--orgnr",
      "123456785", "--address", "Kaia 2, 9008 Tromsø",
    ],
    [
      "claim", "add", "--customer", "K2", "--invoice", "2001", "--amount", "800", "--issued",
      "2025-05-19", "--due", "2025-06-02",
    ],
  ])
}

@Test("step next: refused before the earliest day with the reason, nothing written")
func stepRefused() throws {
  let k = KravCLI("step", today: "2025-07-01")
  defer { k.cleanUp() }
  try setUp(k)
  let before = k.journal()
  let r = try k.run(["step", "next", "--invoice", "1001"], today: "2025-06-15")
  #expect(r.status == 1)
  #expect(
    r.output.contains("1001: purring er ikke tillatt i dag (frist løper, tidligst 16.06.2025)"))
  #expect(k.journal() == before && k.files("letters").isEmpty)
  let q = try k.json(["queue"], today: "2025-06-15") as! [[String: Any]]
  let row = q.first { $0["invoice"] as? String == "1001" }!
  #expect(row["blocked_by"] as? String == "deadline-running")
  #expect(row["eligible_from"] as? String == "2025-06-16")
  #expect(row["limitation"] as? String == "2028-06-02")
  let bad = try k.run(["step", "next", "--all-eligible", "--channel", "fax"])
  #expect(bad.status != 0 && bad.output.contains("--channel"))
}

@Test("step next --dry-run prints the letters and writes nothing; the real run writes them first")
func stepNextCustomer() throws {
  let k = KravCLI("step", today: "2025-07-01")
  defer { k.cleanUp() }
  try setUp(k)
  let before = k.journal()
  let dry = try k.json(["step", "next", "K1", "--dry-run"]) as! [String: Any]
  let letters = dry["letters"] as! [[String: Any]]
  #expect(letters.count == 1, "two claims, same customer, same step: one letter")
  #expect(letters[0]["invoices"] as? [String] == ["1001", "1002"])
  #expect(letters[0]["step"] as? String == "reminder")
  #expect(letters[0]["deadline"] as? String == "2025-07-15")
  #expect(letters[0]["fee"] as? String == "70.00")
  #expect(letters[0]["path"] is NSNull)
  #expect(k.journal() == before && k.files("letters").isEmpty)

  let real = try k.json(["step", "next", "K1", "--request-id", "r1"]) as! [String: Any]
  let l = (real["letters"] as! [[String: Any]])[0]
  let id = l["id"] as! String
  #expect(id == "2025-07-01-reminder-K1")
  #expect(l["path"] as? String == k.store + "/letters/\(id).txt")
  // The text, the e-mail draft, the PDF and its layout (issue 19).
  #expect(k.files("letters") == ["\(id).eml", "\(id).layout.json", "\(id).pdf", "\(id).txt"])
  for f in k.files("letters") {
    let mode =
      try FileManager.default.attributesOfItem(atPath: k.store + "/letters/" + f)[
        .posixPermissions] as! Int
    #expect(mode == 0o600)
  }
  let text = try String(contentsOfFile: k.store + "/letters/\(id).txt", encoding: .utf8)
  #expect(text.contains("PURRING") && text.contains("Fjord Rør AS") && text.contains("KID 10017"))
  #expect(text.contains("Betalingsfrist: 15.07.2025"))
  let eml = try String(contentsOfFile: k.store + "/letters/\(id).eml", encoding: .utf8)
  #expect(eml.contains("Subject: =?UTF-8?B?"))
  #expect(eml.contains("To: =?UTF-8?B?") && eml.contains("<bjorn@løvås.no>"))
  // A retry with the same request id (say after a timeout) records and writes nothing more.
  let retry = try k.run(["step", "next", "K1", "--request-id", "r1"])
  #expect(retry.status == 0 && retry.output.contains("allerede registrert"))
  #expect(k.files("letters").count == 4)
  let events = real["events"] as! [[String: Any]]
  #expect(
    events.map { $0["type"] as! String } == ["step-triggered", "step-triggered", "letter-sent"])
  #expect(events.allSatisfy { $0["ref"] as? String == id })
  #expect(events[2]["text"] as? String == "bjorn@løvås.no")
  #expect(
    events[0]["amount"] as? String == "35.00" && events[0]["until"] as? String == "2025-07-15")
  let show = try k.json(["show", "K1"]) as! [String: Any]
  let claims = show["claims"] as! [[String: Any]]
  #expect(
    claims.allSatisfy { $0["step"] as? String == "reminder" && $0["fees"] as? String == "35.00" })
  #expect(claims[0]["next_step"] as? String == "inkassovarsel")
  #expect(claims[0]["next_step_from"] as? String == "2025-07-16")
  // The e-mail channel needs an address; K2 has none.
  let noAddress = try k.run(["step", "next", "K2", "--channel", "email"])
  #expect(noAddress.status == 1 && noAddress.output.contains("kunde K2 har ingen e-postadresse"))
}

@Test("step next --all-eligible: business compensation, and a second run finds nothing to do")
func allEligible() throws {
  let k = KravCLI("step", today: "2025-07-01")
  defer { k.cleanUp() }
  try setUp(k)
  // Issue 16, point 8: a customer the channel cannot reach is skipped and listed (it used to
  // stop the whole batch with "customer K2 has no e-mail address").
  let r = try k.run(["step", "next", "--all-eligible", "--channel", "email", "--dry-run"])
  #expect(r.status == 0 && r.output.contains("Ikke med: 2001 mangler adresse (K2)"), "\(r.output)")
  let out = try k.json(["step", "next", "--all-eligible"]) as! [String: Any]
  let letters = out["letters"] as! [[String: Any]]
  #expect(letters.count == 2)
  let b2b = letters.first { $0["customer"] as? String == "K2" }!
  #expect(b2b["fee"] as? String == "470.00", "B2B standard compensation, 2025-07-01 row")
  #expect(b2b["channel"] as? String == "letter")
  let again = try k.json(["step", "next", "--all-eligible"]) as! [String: Any]
  #expect((again["letters"] as! [Any]).isEmpty)
}

@Test("rates shows verify rows and what is in force; rates set adds a row from the store")
func rates() throws {
  let k = KravCLI("step", today: "2025-07-01")
  defer { k.cleanUp() }
  try setUp(k)
  let rows = try k.json(["rates"]) as! [[String: Any]]
  #expect(
    rows.contains { $0["verified"] as? Bool == false && $0["kind"] as? String == "late-interest" })
  let inForce = rows.filter { $0["in_force"] as? Bool == true }
  #expect(
    inForce.contains {
      $0["kind"] as? String == "inkassosats" && $0["value"] as? String == "NOK 700.00"
    })
  #expect(rows.allSatisfy { ($0["source"] as? String ?? "").hasPrefix("http") })
  let set = try k.run([
    "rates", "set", "--kind", "late-interest", "--from", "2025-07-01", "--value", "12,25",
    "--source", "https://www.norges-bank.no/example",
  ])
  #expect(set.status == 0, "\(set.output)")
  let after = try k.json(["rates"]) as! [[String: Any]]
  let own = after.first { $0["origin"] as? String == "store" }!
  #expect(own["verified"] as? Bool == true && own["value"] as? String == "12.25 %")
  #expect(own["in_force"] as? Bool == true)
  let text = try k.run(["rates", "--lang", "nb"])
  #expect(text.output.contains("(verify)") && text.output.contains("(store)"))
  let bad = try k.run([
    "rates", "set", "--kind", "nope", "--from", "2025-07-01", "--value", "1", "--source", "x",
  ])
  #expect(bad.status != 0 && bad.output.contains("--kind"))
}

@Test("ladder: strict process skips the reminder; agency hand-off after the inkassovarsel")
func ladder() throws {
  let k = KravCLI("step", today: "2025-07-01")
  defer { k.cleanUp() }
  try setUp(k)
  let l = try k.json(["ladder", "--reminder", "no", "--handoff", "agency"]) as! [String: Any]
  #expect(l["steps"] as? [String] == ["invoice", "inkassovarsel", "agency"])
  let q = try k.json(["queue"]) as! [[String: Any]]
  #expect(q.allSatisfy { $0["next_step"] as? String == "inkassovarsel" })
}

private struct PrintFailed: Error { var output: String }

/// Runs `krav step next --invoice INV` on `day` (`--today`: the real clock's time of day, with
/// milliseconds, stamps the events and the e-mail) and returns the letter's JSON.
private func step(_ k: KravCLI, _ inv: String, on day: String) throws -> [String: Any] {
  let out = try k.json(["step", "next", "--invoice", inv], today: day) as! [String: Any]
  // The letter leaves the same day, printed and confirmed (issue 19: the next step counts its
  // deadline from the day the letter left).
  let p = try k.run(["outbox", "print", "--out", k.dir + "/batch.pdf", "--confirm"], today: day)
  guard p.status == 0 else { throw PrintFailed(output: p.output) }
  return (out["letters"] as! [[String: Any]])[0]
}

@Test("issue 15: invoice text and real-clock Date in the letters; court drafts go to the court")
func issue15Letters() throws {
  let k = KravCLI("step15", today: "2025-06-16")
  defer { k.cleanUp() }
  try setUp(k)
  try k.runAll([
    [
      "customer", "add", "--id", "K3", "--name", "Åse Bø", "--kind", "consumer", "--email",
      "ase@bo.no", "--address", "Bøveien 3, 3800 Bø",
    ],
    [
      "claim", "add", "--customer", "K3", "--invoice", "3001", "--amount", "4000",
      "--issued", "2025-05-18", "--due", "2025-06-01", "--text", "Service på varmepumpe",
    ],
  ])
  // Due Sunday 1 June 2025, moved to Monday 2 June: reminder from 16 June (D + 14).
  let rem = try step(k, "3001", on: "2025-06-16")
  let id = rem["id"] as! String
  let text = try String(contentsOfFile: k.store + "/letters/\(id).txt", encoding: .utf8)
  // 13: what the claim concerns, from `claim add --text`, and the moved due date.
  #expect(text.contains("forfall 02.06.2025 (opprinnelig forfall 01.06.2025)"))
  #expect(text.contains("    Gjelder: Service på varmepumpe\n"))
  // 16: written without --now, the e-mail's Date is still RFC 5322 (the real clock has
  // milliseconds, which the old parser turned into "… 11:53:02 .96+0").
  let eml = try String(contentsOfFile: k.store + "/letters/\(id).eml", encoding: .utf8)
  let date = eml.components(separatedBy: "\r\n").first { $0.hasPrefix("Date: ") }!
  let fields = date.dropFirst(6).split(separator: " ")
  #expect(fields.count == 6 && fields[1].count == 2 && fields[4].count == 8, "\(date)")
  #expect(fields.last.map { $0.count == 5 && ($0.first == "+" || $0.first == "-") } == true)
  #expect(fields.first?.hasSuffix(",") == true && fields[2] == "Jun" && fields[3] == "2025")
  // On to the utleggsbegjæring: inkassovarsel 1 July, betalingsoppfordring 16 July (with the
  // § 4-18 notice, deadline 30 July), utleggsbegjæring from 31 July.
  _ = try step(k, "3001", on: "2025-07-01")
  _ = try step(k, "3001", on: "2025-07-16")
  let before = k.files("letters")
  let run = try k.run(["step", "next", "--invoice", "3001"], today: "2025-07-31")
  #expect(run.status == 0, "\(run.output)")
  // 15: the draft is addressed to namsmannen, warns that the birth number is missing, and
  // is neither e-mailed (no .eml) nor logged as a letter sent to the debtor.
  #expect(run.output.contains("brev Namsmannen (Politiet, sivile gjøremål)"))
  #expect(run.output.contains("! Fødselsdatoen (fødselsnummeret) til Åse Bø mangler"))
  let new = Set(k.files("letters")).subtracting(before)
  // The text and its PDF for filing (issue 19); no e-mail.
  #expect(
    new == [
      "2025-07-31-utlegg-K3.txt", "2025-07-31-utlegg-K3.pdf", "2025-07-31-utlegg-K3.layout.json",
    ])
  let draft = try String(
    contentsOfFile: k.store + "/letters/2025-07-31-utlegg-K3.txt", encoding: .utf8)
  #expect(draft.contains("Til: Namsmannen") && draft.contains("ADVARSEL: Fødselsdatoen"))
  #expect(!draft.contains("Sendt på e-post"))
  let lines = k.journal().split(separator: "\n").filter { $0.contains("2025-07-31-utlegg-K3") }
  #expect(lines.count == 1 && lines[0].contains("\"type\":\"step-triggered\""))
  #expect(!lines[0].contains("\"channel\""))
}

@Test("issue 15: the agency named in the store is named in the inkassovarsel")
func agencyNamed() throws {
  let k = KravCLI("step15a", today: "2025-07-01")
  defer { k.cleanUp() }
  try setUp(k)
  let l =
    try k.json(["ladder", "--handoff", "agency", "--agency-name", "Fjord Inkasso AS"])
    as! [String: Any]
  #expect(l["agency_name"] as? String == "Fjord Inkasso AS")
  _ = try step(k, "2001", on: "2025-06-16")
  let iv = try step(k, "2001", on: "2025-07-01")
  #expect(iv["step"] as? String == "inkassovarsel")
  let text = try String(
    contentsOfFile: k.store + "/letters/\(iv["id"] as! String).txt", encoding: .utf8)
  #expect(text.contains("vil kravet bli overlevert til inkassobyrået Fjord Inkasso AS"))
  #expect(!text.contains("sendt til inkasso"))
}
