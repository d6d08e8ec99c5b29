import Foundation
import KravTestSupport
import Testing

/// Every kind of document Krav writes gets a PDF beside its text, read back with pdftotext:
/// reminder, inkassovarsel, betalingsoppfordring with the § 4-18 notice, utleggsbegjæring and
/// forliksklage drafts, the hand-over to an agency, a plan and its acceleration notice.
@Suite(
  "Letter PDFs",
  .enabled(if: Tool.find("pdftotext") != nil, "pdftotext (poppler-utils) is not installed"))
struct LetterPDFCLITests {
  /// The PDF's text with its lines joined (pdftotext breaks lines where the PDF wraps them).
  func pdf(_ k: KravCLI, _ base: String) throws -> String {
    try Tool.pdfText(k.store + "/letters/" + base + ".pdf").replacingOccurrences(
      of: "\n", with: " ")
  }

  /// Takes the next step for `invoice` on `day` and lets the letter leave that day (printed and
  /// confirmed); returns the letter id.
  func step(_ k: KravCLI, _ invoice: String, on day: String) throws -> String {
    let out = try k.json(["step", "next", "--invoice", invoice], today: day) as! [String: Any]
    let id = (out["letters"] as! [[String: Any]])[0]["id"] as! String
    let p = try k.run(["outbox", "print", "--out", k.dir + "/b.pdf", "--confirm"], today: day)
    #expect(p.status == 0, "\(p.output)")
    return id
  }

  @Test("the ladder's letters and court drafts: letterhead, window address, amounts, deadlines")
  func ladder() throws {
    let k = KravCLI("pdf-ladder", today: "2026-01-02")
    defer { k.cleanUp() }
    try k.runAll([
      [
        "init", "--creditor", "Fjordkraft Bøker AS", "--orgnr", "923609016", "--account",
        "12345678903", "--email", "post@fjordbok.no", "--address", "Strandgata 5, 5013 Bergen",
      ],
      [
        "outbox", "settings", "--logo",
        ProcessRunner.packageRoot() + "/Docs/images/logo-example.png",
      ],
      [
        "customer", "add", "--id", "K1", "--name", "Åse Ødegård", "--kind", "consumer",
        "--address", "Løvåsveien 12, 0763 Oslo",
      ],
      [
        "claim", "add", "--customer", "K1", "--invoice", "1001", "--amount", "12 345,50",
        "--issued", "2026-01-01", "--due", "2026-01-15", "--kid", "10017",
      ],
      [
        "customer", "add", "--id", "K4", "--name", "Bjørn Bø", "--kind", "consumer", "--address",
        "Bøveien 3, 3800 Bø",
      ],
      [
        "claim", "add", "--customer", "K4", "--invoice", "4001", "--amount", "800", "--issued",
        "2026-01-01", "--due", "2026-01-15",
      ],
    ])
    // Thu 15 Jan: reminder 29 Jan, inkassovarsel 13 Feb, betalingsoppfordring 28 Feb,
    // utleggsbegjæring 15 Mar.
    let rem = try step(k, "1001", on: "2026-01-29")
    let rt = try pdf(k, rem)
    #expect(rt.contains("Fjordkraft Bøker AS") && rt.contains("Org.nr. 923 609 016"))
    #expect(rt.contains("Purring") && rt.contains("Åse Ødegård") && rt.contains("Løvåsveien 12"))
    #expect(rt.contains("0763 Oslo") && rt.contains("KID") && rt.contains("10017"))
    #expect(rt.contains("Betalingsfrist: 12.02.2026") && rt.contains("Side 1 av"))
    #expect(rt.contains("Hovedstol") && rt.contains("12 345,50 kr"))
    let inv = try step(k, "1001", on: "2026-02-13")
    let it = try pdf(k, inv)
    #expect(it.contains("Inkassovarsel") && it.contains("inkassoloven § 9"))
    #expect(it.contains("Betalingsfrist: 27.02.2026"))
    let bo = try step(k, "1001", on: "2026-02-28")
    let bt = try pdf(k, bo)
    #expect(bt.contains("Betalingsoppfordring og varsel etter tvangsfullbyrdelsesloven § 4-18"))
    #expect(
      bt.contains("inkassoloven § 10")
        && bt.contains("Varsel etter tvangsfullbyrdelsesloven § 4-18:"))
    let ut =
      try k.json(["step", "next", "--invoice", "1001"], today: "2026-03-15") as! [String: Any]
    let utId = (ut["letters"] as! [[String: Any]])[0]["id"] as! String
    let utt = try pdf(k, utId)
    #expect(utt.contains("Utkast – begjæring om utlegg") && utt.contains("Namsmannen"))
    #expect(utt.contains("Saksøker: Fjordkraft Bøker AS"))
    // The court draft is for filing: never in the debtor's outbox to send or print.
    let box =
      try k.json(["outbox", "--state", "for-filing"], today: "2026-03-15") as! [String: Any]
    #expect((box["documents"] as! [[String: Any]]).map { $0["id"] as? String } == [utId])

    // Bjørn disputes the whole claim after the betalingsoppfordring: a forliksklage draft.
    _ = try step(k, "4001", on: "2026-01-29")
    _ = try step(k, "4001", on: "2026-02-13")
    _ = try step(k, "4001", on: "2026-02-28")
    try k.runAll([
      [
        "dispute", "open", "--invoice", "4001", "--reason", "defect", "--text", "Feil vare",
        "--today", "2026-03-02",
      ]
    ])
    let fk =
      try k.json(["step", "next", "--invoice", "4001"], today: "2026-03-15") as! [String: Any]
    let fkId = (fk["letters"] as! [[String: Any]])[0]["id"] as! String
    let ft = try pdf(k, fkId)
    #expect(ft.contains("Utkast – forliksklage") && ft.contains("Innklaget: Bjørn Bø"))
    #expect(try k.run(["check"], today: "2026-03-15").status == 0)
  }

  @Test("the hand-over to an agency is for filing, with its PDF")
  func agency() throws {
    let k = KravCLI("pdf-agency", today: "2026-01-02")
    defer { k.cleanUp() }
    try k.runAll([
      [
        "init", "--creditor", "Fjordkraft Bøker AS", "--orgnr", "923609016", "--account",
        "12345678903",
      ],
      ["ladder", "--handoff", "agency", "--agency-name", "Lindorff Øst AS"],
      [
        "customer", "add", "--id", "K3", "--name", "Per Ås", "--kind", "consumer", "--address",
        "Bøveien 3, 3800 Bø",
      ],
      [
        "claim", "add", "--customer", "K3", "--invoice", "3001", "--amount", "4000", "--issued",
        "2026-01-01", "--due", "2026-01-15",
      ],
    ])
    _ = try step(k, "3001", on: "2026-01-29")
    let iv = try pdf(k, try step(k, "3001", on: "2026-02-13"))
    #expect(iv.contains("inkassobyrået Lindorff Øst AS"))
    let ag =
      try k.json(["step", "next", "--invoice", "3001"], today: "2026-02-28") as! [String: Any]
    let id = (ag["letters"] as! [[String: Any]])[0]["id"] as! String
    let t = try pdf(k, id)
    #expect(t.contains("Oversendelse til inkasso") && t.contains("Lindorff Øst AS"))
    let box = try k.json(["outbox"], today: "2026-02-28") as! [String: Any]
    let doc = (box["documents"] as! [[String: Any]]).first { $0["id"] as? String == id }
    #expect(doc?["state"] as? String == "for-filing")
  }

  @Test("a plan and its acceleration notice: PDFs with the schedule and the sum due now")
  func plan() throws {
    let k = KravCLI("pdf-plan", today: "2026-11-30")
    defer { k.cleanUp() }
    try k.runAll([
      [
        "init", "--creditor", "Fjord Rør AS", "--orgnr", "123456785", "--account",
        "8601.11.17947", "--email", "post@fjordror.example",
      ],
      [
        "customer", "add", "--id", "K1", "--name", "Bjørn Løvås", "--kind", "consumer",
        "--address", "Storgata 1, 0155 Oslo",
      ],
      [
        "claim", "add", "--customer", "K1", "--invoice", "1001", "--amount", "10000", "--issued",
        "2026-09-17", "--due", "2026-10-01", "--kid", "12344",
      ],
      ["plan", "propose", "K1", "--instalments", "2"],
    ])
    let p = try pdf(k, "2026/plan-K1-1")
    #expect(p.contains("NEDBETALINGSAVTALE nr. 1") && p.contains("Bjørn Løvås"))
    #expect(p.contains("Storgata 1") && p.contains("0155 Oslo") && p.contains("Vilkår"))
    #expect(p.contains("Fjord Rør AS") && p.contains("Side 1 av"))
    _ = try k.json(
      ["plan", "sign", "K1#1", "--signed", "2026-12-02", "--channel", "in-person"],
      today: "2026-12-03")
    // The first instalment paid, the second (7 Jan 2027) not: the plan is accelerated.
    let paid = try k.run(
      ["pay", "--kid", "12344", "--amount", "5137.00", "--date", "2026-12-04"], today: "2026-12-04")
    #expect(paid.status == 0, "\(paid.output)")
    _ = try k.json(["plan", "follow"], today: "2027-01-11")
    let a = try pdf(k, "2026/plan-K1-1-mislighold")
    #expect(a.contains("HELE RESTBELØPET ER FORFALT") && a.contains("Sum som forfaller nå"))
    // Both wait in the outbox: on paper (no e-mail address).
    let box = try k.json(["outbox"], today: "2027-01-11") as! [String: Any]
    let kinds = (box["documents"] as! [[String: Any]]).map {
      "\($0["kind"] as! String):\($0["state"] as! String)"
    }
    #expect(kinds == ["plan:to-print", "acceleration:to-print"])
    // Their PDFs and layouts are known to `krav check` (named by the plan events' letters).
    #expect(try k.run(["check"], today: "2027-01-11").status == 0)
  }
}

@Test(
  "outbox pdf: a call follow-up draft as a PDF when wanted, beside it; never replaced",
  .enabled(if: Tool.find("pdftotext") != nil, "pdftotext (poppler-utils) is not installed"))
func followUpPDF() throws {
  let k = KravCLI("pdf-followup", now: "2026-12-08T10:00")
  defer { k.cleanUp() }
  try k.runAll([
    [
      "init", "--creditor", "Fjord Rør AS", "--orgnr", "123456785", "--account", "86011117947",
      "--email", "post@fjordror.example",
    ],
    [
      "customer", "add", "--id", "K1", "--name", "Bjørn Løvås", "--kind", "consumer", "--phone",
      "+47 912 34 567", "--email", "bjorn@example.no", "--address", "Løkkeveien 3, 9008 Tromsø",
    ],
    [
      "claim", "add", "--customer", "K1", "--invoice", "1001", "--amount", "10 000,00",
      "--issued", "2026-08-01", "--due", "2026-09-01", "--kid", "10017",
    ],
  ])
  let logged =
    try k.json([
      "call", "log", "K1", "--outcome", "reached", "--summary", "Lønn på fredag – betaler da",
      "--promise", "2000", "--promise-date", "2026-12-11",
    ]) as! [String: Any]
  let email = logged["email"] as! String
  let r = try k.run(["outbox", "pdf", email])
  #expect(r.status == 0, "\(r.output)")
  let pdfPath = k.store + "/" + email.dropLast(4) + ".pdf"
  let text = try Tool.pdfText(pdfPath).replacingOccurrences(of: "\n", with: " ")
  #expect(text.contains("Oppsummering av samtalen 08.12.2026"))
  #expect(
    text.contains("Bjørn Løvås") && text.contains("Løkkeveien 3") && text.contains("9008 Tromsø"))
  #expect(text.contains("innen 11.12.2026") && text.contains("Fjord Rør AS"))
  // The body was quoted-printable: its æøå read back (the template's "Åpne krav"; the call's
  // internal summary is never in the customer's e-mail, issue 20).
  #expect(text.contains("Åpne krav"), "\(text)")
  #expect(!text.contains("Lønn på fredag"), "\(text)")
  let again = try k.run(["outbox", "pdf", email])
  #expect(again.status == 1 && again.output.contains("aldri erstattet"))
  let bad = try k.run(["outbox", "pdf", "letters/../krav-store.json"])
  #expect(bad.status == 1)
  #expect(try k.run(["check"]).status == 0)
}
