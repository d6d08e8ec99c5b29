import Foundation
import KravTestSupport
import Testing

private let customersCSV = """
  customer_id;name;kind;orgnr;birth_number;email;address;postcode;city
  K1;Bjørn Løvås;person;;31129956715;bjorn@example.no;Løkkeveien 3;9008;Tromsø
  K2;Ærlig Økonomi AS;company;123456785;;post@aerlig.no;"Storgata 1; 2. etg";0155;Oslo
  """

private let invoicesCSV = """
  invoice_no,customer_id,issue_date,due_date,amount,kid,description
  1001,K1,01.09.2026,15.09.2026,"10 000,00",10017,Rørlegging
  1002,K1,2026-10-01,2026-10-15,2500.50,,Deler
  2001,K2,2026-09-01,2026-09-30,50000,20016,"Service, årlig"
  """

/// The real Nets OCR giro sample in the shared outside test data.
private let netsSample =
  ProcessRunner.packageRoot() + "/../shared/testdata/ocr/nets-ocr-giro-sample.txt"

private func setUp(_ k: KravCLI) throws {
  let r = try k.run([
    "init", "--creditor", "Fjord Rør AS", "--orgnr", "123456785", "--account", "86011117947",
  ])
  #expect(r.status == 0, "\(r.output)")
}

@Suite("krav import, pay, payments and export (real binary)")
struct ImportExportCLITests {
  @Test(
    "a CSV with bad rows is refused whole, every row named, the journal byte-for-byte unchanged")
  func allOrNothing() throws {
    let k = KravCLI("io")
    defer { k.cleanUp() }
    guard k.isAvailable else { try Test.cancel("\(KravCLI.missingBinary)") }
    try setUp(k)
    _ = try k.json(["import", "customers", try k.file("c.csv", customersCSV)])
    let before = try k.journals()
    let bad = try k.file(
      "bad.csv",
      invoicesCSV
        + "\n3001,K9,2026-10-01,2026-10-15,100,,\n3002,K1,2026-10-20,2026-10-15,0,12345,\n")
    let r = try k.run(["import", "invoices", bad, "--lang", "en"])
    #expect(r.status == 1)
    #expect(r.output.contains("krav: \(bad):5: customer_id: no customer with id K9"))
    #expect(
      r.output.contains(
        "krav: \(bad):6: due_date: the due date 2026-10-15 is before the issue date 2026-10-20"))
    #expect(r.output.contains("krav: \(bad):6: amount: must be more than 0, got '0'"))
    #expect(r.output.contains("krav: \(bad):6: kid: '12345' is not a valid KID"))
    #expect(r.output.contains("4 problems; nothing was imported"))
    #expect(try k.journals() == before, "nothing written, not even the three good rows")
    let show = try k.json(["customers"]) as! [[String: Any]]
    #expect(show.isEmpty)
  }

  @Test("importing the same files again changes nothing; --update changes an amount")
  func reimport() throws {
    let k = KravCLI("io")
    defer { k.cleanUp() }
    guard k.isAvailable else { try Test.cancel("\(KravCLI.missingBinary)") }
    try setUp(k)
    let c = try k.file("c.csv", customersCSV)
    let i = try k.file("i.csv", invoicesCSV)
    let first = try k.json(["import", "invoices", i, "--customers", c]) as! [String: Any]
    #expect(first["added"] as? Int == 3)
    #expect((first["events"] as? [Any])?.count == 5)
    let before = try k.journals()
    let again = try k.json(["import", "invoices", i, "--customers", c]) as! [String: Any]
    #expect(again["added"] as? Int == 0 && again["unchanged"] as? Int == 3)
    #expect(try k.journals() == before, "a re-import writes nothing")
    let changed = try k.file(
      "i2.csv", invoicesCSV.replacingOccurrences(of: "2500.50", with: "2600"))
    let refused = try k.run(["import", "invoices", changed, "--lang", "en"])
    #expect(
      refused.status == 1
        && refused.output.contains("\(changed):3: amount: invoice 1002 is registered with 2500.50"))
    let updated = try k.json(["import", "invoices", changed, "--update"]) as! [String: Any]
    #expect(updated["updated"] as? Int == 1)
    let show = try k.json(["show", "K1"]) as! [String: Any]
    let claims = show["claims"] as! [[String: Any]]
    #expect(
      claims.first { $0["invoice"] as? String == "1002" }?["principal"] as? String == "2600.00")
  }

  @Test(
    "the Nets OCR sample imports once: 20 payments, 51449.00; the second import adds nothing",
    .enabled(
      if: FileManager.default.fileExists(atPath: netsSample),
      "../shared/testdata is absent (outside test files not next to Krav)"))
  func netsTwice() throws {
    let k = KravCLI("io")
    defer { k.cleanUp() }
    guard k.isAvailable else { try Test.cancel("\(KravCLI.missingBinary)") }
    let sample = netsSample
    try setUp(k)
    // The sample credits the payee account 9999.10.42764: the creditor's second account here.
    _ = try k.json(["account", "add", "9999.10.42764"])
    _ = try k.json(["import", "customers", try k.file("c.csv", customersCSV)])
    // An invoice carrying one of the sample's KIDs, so one payment matches by KID.
    _ = try k.json([
      "claim", "add", "--customer", "K1", "--invoice", "531", "--amount", "1020", "--issued",
      "2026-09-01", "--due", "2026-09-15", "--kid", "0000531",
    ])
    // A copy with a wrong total in record 89 is refused whole: nothing written.
    let text = try String(contentsOfFile: sample, encoding: .utf8)
    var records = text.components(separatedBy: "\n")
    let last = records.lastIndex { $0.hasPrefix("NY000089") }!
    records[last] =
      String(records[last].prefix(24)) + "00000000005144901" + String(records[last].dropFirst(41))
    let tampered = try k.file("tampered.txt", records.joined(separator: "\n"))
    let untouched = try k.journals()
    let refused = try k.run(["import", "payments", tampered])
    #expect(refused.status == 1)
    #expect(
      refused.output.contains(
        "\(tampered):\(last + 1): record 89: says a total of 51449.01, the payments add up to 51449.00"
      ))
    #expect(try k.journals() == untouched)
    let first = try k.json(["import", "payments", sample]) as! [String: Any]
    #expect(first["format"] as? String == "ocr-giro")
    #expect(first["payments"] as? Int == 20 && first["registered"] as? Int == 20)
    #expect(first["total"] as? String == "51449.00" && first["unmatched"] as? Int == 19)
    let lines = first["lines"] as! [[String: Any]]
    #expect(lines.first { $0["kid"] as? String == "0000531" }?["invoice"] as? String == "531")
    let before = try k.journals()
    let second = try k.json(["import", "payments", sample]) as! [String: Any]
    #expect(second["registered"] as? Int == 0 && second["already_imported"] as? Int == 20)
    #expect(try k.journals() == before)
    let unmatched = try k.json(["payments", "unmatched"]) as! [[String: Any]]
    #expect(unmatched.count == 19)
    // Assign one by hand from the command line.
    let id = unmatched[0]["id"] as! String
    let assigned = try k.json(["payments", "assign", id, "--invoice", "531"]) as! [String: Any]
    let event = (assigned["events"] as! [[String: Any]])[0]
    #expect(event["type"] as? String == "payment-assigned" && event["ref"] as? String == id)
    #expect((try k.json(["payments", "unmatched"]) as! [Any]).count == 18)
  }

  @Test("pay, payments assign, export claims (CSV and JSON) and export journal")
  func payAndExport() throws {
    let k = KravCLI("io")
    defer { k.cleanUp() }
    guard k.isAvailable else { try Test.cancel("\(KravCLI.missingBinary)") }
    try setUp(k)
    _ = try k.json([
      "import", "invoices", try k.file("i.csv", invoicesCSV), "--customers",
      try k.file("c.csv", customersCSV),
    ])
    let paid =
      try k.json(["pay", "--kid", "20016", "--amount", "1 000,00", "--date", "20.11.2026"])
      as! [String: Any]
    let e = (paid["events"] as! [[String: Any]])[0]
    #expect(
      e["invoice"] as? String == "2001" && e["amount"] as? String == "1000.00"
        && e["date"] as? String == "2026-11-20")
    // A camt.054 payment nobody can place, then assigned to customer K1.
    let camt = try k.file(
      "c.xml",
      """
      <Document><BkToCstmrDbtCdtNtfctn><Ntfctn><Acct><Id><IBAN>NO9386011117947</IBAN></Id><Ccy>NOK</Ccy></Acct>
      <Ntry><Amt>300.00</Amt><CdtDbtInd>CRDT</CdtDbtInd>
      <BookgDt><Dt>2026-11-27</Dt></BookgDt><AcctSvcrRef>X1</AcctSvcrRef>
      <NtryDtls><TxDtls><RltdPties><Dbtr><Nm>Ukjent Betaler</Nm></Dbtr></RltdPties></TxDtls></NtryDtls></Ntry>
      <Ntry><Amt>99.00</Amt><CdtDbtInd>DBIT</CdtDbtInd><BookgDt><Dt>2026-11-27</Dt></BookgDt></Ntry>
      </Ntfctn></BkToCstmrDbtCdtNtfctn></Document>
      """)
    let imported = try k.json(["import", "payments", camt]) as! [String: Any]
    #expect(
      imported["format"] as? String == "camt.054" && imported["payments"] as? Int == 1
        && imported["unmatched"] as? Int == 1)
    let list = try k.json(["payments", "unmatched"]) as! [[String: Any]]
    #expect(
      list.count == 1 && list[0]["payer"] as? String == "Ukjent Betaler"
        && list[0]["amount"] as? String == "300.00")
    let wrong = try k.run([
      "payments", "assign", "bank:camt/ref/X1/1", "--invoice", "404", "--lang", "en",
    ])
    #expect(
      wrong.status == 1 && wrong.output.contains("--invoice: no claim with invoice number 404"))
    _ = try k.json(["payments", "assign", "bank:camt/ref/X1/1", "--customer", "K1"])
    #expect((try k.json(["payments", "unmatched"]) as! [Any]).isEmpty)

    let csv = try k.run(["export", "claims", "--format", "csv"])
    #expect(csv.status == 0)
    let rows = csv.output.split(separator: "\n")
    #expect(rows.count == 4)
    #expect(
      rows[0].hasPrefix(
        "customer,customer_name,invoice,kid,issued,due,principal,paid,interest,fees,outstanding,credit,step"
      ))
    #expect(
      rows.contains {
        $0.hasPrefix("K1,Bjørn Løvås,1001,10017,2026-09-01,2026-09-15,10000.00,300.00,")
      })
    let shown = try k.json(["show", "K1"]) as! [String: Any]
    #expect((shown["customer"] as? [String: Any])?["credit"] as? String == "0.00")
    let json = try k.json(["export", "claims", "--format", "json"]) as! [[String: Any]]
    let r2001 = json.first { $0["invoice"] as? String == "2001" }!
    #expect(
      r2001["paid"] as? String == "1000.00" && r2001["step"] as? String == "invoice"
        && r2001["status"] as? String == "overdue")
    let journal = try k.json(["export", "journal", "--format", "json"]) as! [[String: Any]]
    #expect(journal.map { $0["type"] as? String }.contains("payment-assigned"))
    #expect(journal.first?["seq"] as? Int == 1, "seq is a number in JSON")
    let exported = try k.run(["export", "journal", "--format", "csv"])
    #expect(exported.status == 0, "\(exported.output)")
    let text = exported.output
    #expect(!text.contains("31129956715"), "a fødselsnummer is never exported in full")
    #expect(text.contains("311299*****"), "a fødselsnummer is exported masked: \(text)")
  }
}

@Suite("krav account and bank files for accounts, currencies and reversals (real binary)")
struct BankAccountCLITests {
  @Test("krav init --account twice and krav account add keep the accounts in krav-store.json")
  func accounts() throws {
    let k = KravCLI("acct")
    defer { k.cleanUp() }
    guard k.isAvailable else { try Test.cancel("\(KravCLI.missingBinary)") }
    let created =
      try k.json([
        "init", "--creditor", "Fjord Rør AS", "--orgnr", "123456785", "--account",
        "8601.11.17947", "--account", "NO72 1503 1234 562",
      ]) as! [String: Any]
    #expect(created["accounts"] as? [String] == ["86011117947", "15031234562"])
    let added =
      try k.json(["account", "add", "FI98 8123 4511 2244 50"]) as! [String: Any]
    #expect(added["added"] as? Bool == true)
    let again = try k.json(["account", "add", "NO9386011117947"]) as! [String: Any]
    #expect(again["added"] as? Bool == false, "the same account as an IBAN is not added twice")
    let list = try k.json(["account", "list"]) as! [[String: Any]]
    #expect(
      list.map { $0["account"] as? String } == ["86011117947", "15031234562", "FI9881234511224450"])
    #expect(list.first?["iban"] as? String == "NO9386011117947")
    let bad = try k.run(["account", "add", "8601.11.17948"])
    #expect(bad.status != 0 && bad.output.contains("8601.11.17948"))
  }

  @Test("the preview shows account, currency and reversals; --any-account is recorded")
  func previewAndAnyAccount() throws {
    let k = KravCLI("acct")
    defer { k.cleanUp() }
    guard k.isAvailable else { try Test.cancel("\(KravCLI.missingBinary)") }
    try setUp(k)
    _ = try k.json([
      "import", "invoices", try k.file("i.csv", invoicesCSV), "--customers",
      try k.file("c.csv", customersCSV),
    ])
    // A claim whose payment reference is an ISO 11649 creditor reference, not a KID.
    let rf =
      try k.json([
        "claim", "add", "--customer", "K2", "--invoice", "2002", "--amount", "500", "--issued",
        "2026-11-01", "--due", "2026-11-15", "--kid", "RF18 5390 0754 7034",
      ]) as! [String: Any]
    #expect((rf["events"] as? [[String: Any]])?.first?["kid"] as? String == "RF18539007547034")
    let badRF = try k.run([
      "claim", "add", "--customer", "K2", "--invoice", "2003", "--amount", "500", "--issued",
      "2026-11-01", "--due", "2026-11-15", "--kid", "RF19539007547034",
    ])
    #expect(badRF.status != 0 && badRF.output.contains("--kid"))
    let file = try k.file(
      "two.xml",
      """
      <Document><BkToCstmrDbtCdtNtfctn>
      <Ntfctn><Acct><Id><IBAN>NO9386011117947</IBAN></Id><Ccy>NOK</Ccy></Acct>
      <Ntry><Amt Ccy="NOK">400</Amt><CdtDbtInd>CRDT</CdtDbtInd><BookgDt><Dt>2026-11-30</Dt></BookgDt>
      <ValDt><Dt>2026-11-29</Dt></ValDt><AcctSvcrRef>E-1</AcctSvcrRef><NtryDtls><TxDtls>
      <Refs><AcctSvcrRef>T-1</AcctSvcrRef><EndToEndId>E2E-1</EndToEndId></Refs>
      <RmtInf><Strd><CdtrRefInf><Ref>10017</Ref></CdtrRefInf></Strd></RmtInf></TxDtls></NtryDtls></Ntry>
      </Ntfctn>
      <Ntfctn><Acct><Id><Othr><Id>15031234562</Id></Othr></Id><Ccy>NOK</Ccy></Acct>
      <Ntry><Amt Ccy="NOK">600</Amt><CdtDbtInd>CRDT</CdtDbtInd><BookgDt><Dt>2026-11-30</Dt></BookgDt>
      <AcctSvcrRef>E-2</AcctSvcrRef><NtryDtls><TxDtls><Refs><AcctSvcrRef>T-2</AcctSvcrRef></Refs>
      <RmtInf><Strd><CdtrRefInf><Ref>20016</Ref></CdtrRefInf></Strd></RmtInf></TxDtls></NtryDtls></Ntry>
      </Ntfctn></BkToCstmrDbtCdtNtfctn></Document>
      """)
    let before = try k.journals()
    let refused = try k.run(["import", "payments", file, "--lang", "en"])
    #expect(refused.status == 1)
    #expect(
      refused.output.contains(
        "\(file):8: Ntfctn/Acct: the account 1503.12.34562 is not one of the creditor's accounts"
          + " (8601.11.17947)"))
    #expect(try k.journals() == before)
    let preview =
      try k.json(["import", "payments", file, "--any-account", "--dry-run"]) as! [String: Any]
    #expect(preview["dry_run"] as? Bool == true && preview["registered"] as? Int == 0)
    let accounts = preview["accounts"] as! [[String: Any]]
    #expect(accounts.map { $0["account"] as? String } == ["86011117947", "15031234562"])
    #expect(accounts.map { $0["creditors"] as? Bool } == [true, false])
    #expect(accounts.map { $0["currency"] as? String } == ["NOK", "NOK"])
    let lines = preview["lines"] as! [[String: Any]]
    #expect(lines.map { $0["date"] as? String } == ["2026-11-29", "2026-11-30"])
    #expect(lines.first?["booked"] as? String == "2026-11-30")
    #expect(try k.journals() == before, "a dry run writes nothing")
    let imported = try k.json(["import", "payments", file, "--any-account"]) as! [String: Any]
    #expect(imported["registered"] as? Int == 2)
    // The journal lines record the account credited, and --any-account where it was needed.
    let text = try k.journals().values.map { String(decoding: $0, as: UTF8.self) }.joined()
    let stored = text.split(separator: "\n").filter { $0.contains("payment-registered") }
    #expect(stored.count == 2)
    #expect(stored.filter { $0.contains("\"any_account\":true") }.count == 1)
    #expect(stored.contains { $0.contains("\"account\":\"15031234562\"") })
    // The bank takes the first payment back: the preview names the payment it reverses.
    let reversal = try k.file(
      "rev.xml",
      """
      <Document><BkToCstmrDbtCdtNtfctn>
      <Ntfctn><Acct><Id><IBAN>NO9386011117947</IBAN></Id><Ccy>NOK</Ccy></Acct>
      <Ntry><Amt Ccy="NOK">400</Amt><CdtDbtInd>DBIT</CdtDbtInd><RvslInd>true</RvslInd>
      <BookgDt><Dt>2026-11-30</Dt></BookgDt><AcctSvcrRef>R-1</AcctSvcrRef><NtryDtls><TxDtls>
      <Refs><AcctSvcrRef>RT-1</AcctSvcrRef><EndToEndId>E2E-1</EndToEndId></Refs></TxDtls></NtryDtls></Ntry>
      </Ntfctn></BkToCstmrDbtCdtNtfctn></Document>
      """)
    let shown = try k.json(["import", "payments", reversal, "--dry-run"]) as! [String: Any]
    let r = (shown["lines"] as! [[String: Any]])[0]
    #expect(r["reversal"] as? Bool == true && r["reverses"] as? String == "bank:camt/ref/T-1")
    #expect(r["reversal_rule"] as? String == "end-to-end" && shown["total"] as? String == "-400.00")
    _ = try k.json(["import", "payments", reversal])
    let show = try k.json(["show", "K1"]) as! [String: Any]
    let claim = (show["claims"] as! [[String: Any]]).first { $0["invoice"] as? String == "1001" }
    #expect(claim?["paid"] as? String == "0.00")
    let again = try k.json(["import", "payments", reversal]) as! [String: Any]
    #expect(again["registered"] as? Int == 0 && again["already_imported"] as? Int == 1)
  }
}

/// The real binary in tmux: scripts/e2e-tmux-payments.sh imports a camt.054 file, assigns the
/// unmatched payment on the unmatched payments screen and registers one with the case's form.
@Test(
  "the payment screens work in tmux: unmatched payments (u), assign, payment form (b)",
  .timeLimit(.minutes(6)))
func tmuxPayments() throws {
  try expectTmuxScript("e2e-tmux-payments.sh", done: "all payment end-to-end checks passed")
}
