import Foundation
import KravTestSupport
import Testing

/// Issue 15 through the real binary: payments by value date, dates ahead refused, claims at
/// zero closed, time-barred claims left alone.
@Suite(
  "Money and law (real binary)",
  .enabled(
    if: FileManager.default.isExecutableFile(atPath: KravCLI.debugBinary),
    "needs the debug krav binary (swift build)"))
struct MoneyLawCLITests {
  /// A store with Kari (consumer) owing F1 1 000,00 due 15.10.2026 and F2 1 000,00 due
  /// 20.10.2026.
  private func kari(_ name: String) throws -> KravCLI {
    let k = KravCLI(name, today: "2026-12-01")
    try k.runAll([
      ["init", "--creditor", "Fjord Rør AS", "--orgnr", "123456785", "--account", "86011117947"],
      [
        "customer", "add", "--id", "K1", "--name", "Kari Nordmann", "--kind", "consumer",
        "--address", "Storgata 1, 0155 Oslo",
      ],
      [
        "claim", "add", "--customer", "K1", "--invoice", "F1", "--amount", "1000", "--issued",
        "2026-10-01", "--due", "2026-10-15",
      ],
      [
        "claim", "add", "--customer", "K1", "--invoice", "F2", "--amount", "1000", "--issued",
        "2026-10-05", "--due", "2026-10-20",
      ],
    ])
    return k
  }

  private func claims(_ k: KravCLI) throws -> [String: [String: Any]] {
    let show = try k.json(["show", "K1"]) as! [String: Any]
    var byInvoice: [String: [String: Any]] = [:]
    for c in show["claims"] as! [[String: Any]] { byInvoice[c["invoice"] as! String] = c }
    return byInvoice
  }

  @Test("two payments on account registered out of date order land as in date order")
  func outOfOrderPayments() throws {
    // See MoneyOrderTests.earlierDatedPaymentRegisteredLater for the derivation: F1 takes
    // 1 014,14 (all it owed), F2 1 003,86; nothing is left over anywhere.
    let k = try kari("pay-order")
    defer { k.cleanUp() }
    let late = try k.run(["pay", "--customer", "K1", "--amount", "1010", "--date", "2026-11-30"])
    #expect(late.status == 0, "\(late.output)")
    let early = try k.run(["pay", "--customer", "K1", "--amount", "1008", "--date", "2026-11-27"])
    #expect(early.output.contains("F1 4.14, F2 1003.86"), "\(early.output)")
    let c = try claims(k)
    #expect(c["F1"]?["paid"] as? String == "1014.14")
    #expect(c["F2"]?["paid"] as? String == "1003.86")
    #expect(c["F1"]?["status"] as? String == "paid")
  }

  @Test("a payment dated after today is refused at every door, and nothing is written")
  func futurePaymentRefused() throws {
    let k = try kari("pay-future")
    defer { k.cleanUp() }
    let before = try k.journals()
    let r = try k.run(["pay", "--invoice", "F1", "--amount", "100", "--date", "2026-12-02"])
    #expect(r.status != 0)
    #expect(
      r.output.contains("--date: innbetalingsdatoen 02.12.2026 er etter i dag (01.12.2026)"),
      "\(r.output)")
    // A camt.054 with one payment booked today and one booked tomorrow: the whole file is
    // refused, naming the line of the second entry.
    let entry = { (day: String, ref: String) in
      """
          <Ntry>
            <Amt Ccy="NOK">100.00</Amt><CdtDbtInd>CRDT</CdtDbtInd><Sts>BOOK</Sts>
            <BookgDt><Dt>\(day)</Dt></BookgDt>
            <NtryDtls><TxDtls><Refs><AcctSvcrRef>\(ref)</AcctSvcrRef></Refs>
              <RmtInf><Ustrd>Faktura F1</Ustrd></RmtInf></TxDtls></NtryDtls>
          </Ntry>
      """
    }
    let xml = """
      <?xml version="1.0" encoding="UTF-8"?>
      <Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.054.001.02">
        <BkToCstmrDbtCdtNtfctn>
          <GrpHdr><MsgId>M1</MsgId><CreDtTm>2026-12-01T06:00:00</CreDtTm></GrpHdr>
          <Ntfctn><Id>N1</Id><Acct><Id><BBAN>86011117947</BBAN></Id></Acct>
      \(entry("2026-12-01", "TX-1"))
      \(entry("2026-12-02", "TX-2"))
          </Ntfctn>
        </BkToCstmrDbtCdtNtfctn>
      </Document>
      """
    let file = try k.file("ahead.xml", xml)
    let imp = try k.run(["import", "payments", file])
    #expect(imp.status != 0)
    // The line named is within the second entry (its <Ntry> … </Ntry> lines, 1-based).
    let lines = xml.split(separator: "\n", omittingEmptySubsequences: false).enumerated()
    let starts = lines.filter { $0.element.contains("<Ntry>") }.map { $0.offset + 1 }
    let ends = lines.filter { $0.element.contains("</Ntry>") }.map { $0.offset + 1 }
    let named = (starts[1]...ends[1]).filter {
      imp.output.contains("\(file):\($0): date: innbetalingsdatoen 02.12.2026")
    }
    #expect(named.count == 1, "\(imp.output)")
    #expect(imp.output.contains("ingenting ble importert"))
    #expect(try k.journals() == before)
  }

  @Test("a claim credited to 0,00 is closed: off the queue, status credited")
  func creditedClaimClosed() throws {
    let k = try kari("credited")
    defer { k.cleanUp() }
    let d = try k.json([
      "dispute", "open", "--invoice", "F2", "--reason", "defect", "--text", "Feil vare",
    ])
    let id = ((d as! [String: Any])["events"] as! [[String: Any]])[0]["id"] as! String
    _ = try k.json(["dispute", "resolve", id, "--accepted", "--credit", "1000"])
    // Interest runs only on principal left after credits (none), so F2 owes 0,00.
    let c = try claims(k)
    #expect(c["F2"]?["outstanding"] as? String == "0.00")
    #expect(c["F2"]?["status"] as? String == "credited")
    let queue = try k.json(["queue"]) as! [[String: Any]]
    #expect(queue.map { $0["invoice"] as! String } == ["F1"])
    // On the call list (a hold ending today puts Kari there) only F1's amount counts.
    _ = try k.json(["hold", "K1", "--until", "2026-12-01", "--reason", "Venter på svar"])
    let calls = try k.json(["calls"], now: "2026-12-01T10:00") as! [[String: Any]]
    let entry = try #require(calls.first { $0["customer"] as? String == "K1" })
    #expect(entry["amount"] as? String == c["F1"]?["outstanding"] as? String)
  }

  @Test(
    "a time-barred claim: queue says foreldet, step refused, forced with a reason, or written off")
  func timeBarred() throws {
    // F9 due Mon 10.01.2022: time-barred from 11.01.2025 (three years, foreldelsesloven § 2).
    let k = try kari("foreldet")
    defer { k.cleanUp() }
    try k.runAll([
      [
        "claim", "add", "--customer", "K1", "--invoice", "F9", "--amount", "500", "--issued",
        "2021-12-27", "--due", "2022-01-10",
      ]
    ])
    let queue = try k.run(["queue"])
    #expect(queue.output.contains("F9\tforfalt"), "\(queue.output)")
    #expect(queue.output.contains("foreldet 11.01.2025"), "\(queue.output)")
    let json = try k.json(["queue"]) as! [[String: Any]]
    let f9 = try #require(json.first { $0["invoice"] as? String == "F9" })
    #expect(f9["blocked_by"] as? String == "time-barred" && f9["eligible"] as? Bool == false)
    let before = try k.journals()
    let refused = try k.run(["step", "next", "--invoice", "F9"])
    #expect(refused.status != 0)
    #expect(refused.output.contains("foreldet, siden 11.01.2025"), "\(refused.output)")
    #expect(try k.journals() == before)
    let forced =
      try k.json([
        "step", "next", "--invoice", "F9", "--override-limitation", "Erkjent i brev 05.01.2025",
      ]) as! [String: Any]
    let events = forced["events"] as! [[String: Any]]
    let step = try #require(events.first { $0["type"] as? String == "step-triggered" })
    #expect(step["reason"] as? String == "limitation-override")
    #expect(step["text"] as? String == "Erkjent i brev 05.01.2025")
    let off = try k.run(["claim", "write-off", "F9", "--reason", "Foreldet, ikke erkjent"])
    #expect(off.status == 0, "\(off.output)")
    let show = try k.json(["show", "K1"]) as! [String: Any]
    let claim = (show["claims"] as! [[String: Any]]).first { $0["invoice"] as? String == "F9" }
    #expect(claim?["status"] as? String == "written-off")
    let after = try k.json(["queue"]) as! [[String: Any]]
    #expect(!after.contains { $0["invoice"] as? String == "F9" })
    let export = try k.run(["export", "claims", "--format", "csv"])
    #expect(export.output.contains("written-off"), "the export shows it")
  }

  @Test("a court draft does not stop the clock; `claim file` records the filing and does")
  func filing() throws {
    // F1 due Thu 15.10.2026 through the strict ladder: reminder 29.10 (D+14), inkassovarsel
    // 13.11, betalingsoppfordring with the § 4-18 notice 28.11, utleggsbegjæring draft 13.12.
    // After the draft the limitation date is still 15.10.2029; after the filing there is none.
    let k = KravCLI("filing", today: "2026-10-01")
    defer { k.cleanUp() }
    try k.runAll([
      ["init", "--creditor", "Fjord Rør AS", "--orgnr", "123456785", "--account", "86011117947"],
      [
        "customer", "add", "--id", "K1", "--name", "Kari Nordmann", "--kind", "consumer",
        "--address", "Storgata 1, 0155 Oslo", "--birth-number", "31129956715",
      ],
      [
        "claim", "add", "--customer", "K1", "--invoice", "F1", "--amount", "1000", "--issued",
        "2026-10-01", "--due", "2026-10-15",
      ],
    ])
    let early = try k.run(["claim", "file", "F1", "--where", "Namsmannen i Oslo"])
    #expect(early.status != 0 && early.output.contains("har ikke noe rettsutkast å levere"))
    for day in ["2026-10-29", "2026-11-13", "2026-11-28", "2026-12-13"] {
      let r = try k.run(["step", "next", "--invoice", "F1"], today: day)
      #expect(r.status == 0, "\(day): \(r.output)")
      // Each letter leaves the day it is written (printed, confirmed): issue 19.
      let p = try k.run(
        ["outbox", "print", "--out", k.dir + "/batch.pdf", "--confirm"], today: day)
      #expect(p.status == 0, "\(day): \(p.output)")
    }
    func claim(_ day: String) throws -> [String: Any] {
      let r = try k.run(["show", "K1", "--json"], today: day)
      let show = try JSONSerialization.jsonObject(with: Data(r.output.utf8)) as! [String: Any]
      return (show["claims"] as! [[String: Any]])[0]
    }
    let drafted = try claim("2026-12-14")
    #expect(drafted["step"] as? String == "utlegg")
    #expect(drafted["limitation"] as? String == "2029-10-15")
    let filed = try k.run(
      ["claim", "file", "F1", "--where", "Namsmannen i Oslo", "--date", "2026-12-14"],
      today: "2026-12-14")
    #expect(filed.status == 0, "\(filed.output)")
    let after = try claim("2026-12-15")
    #expect(after["filed_on"] as? String == "2026-12-14")
    #expect(after["limitation"] is NSNull)
  }
}
