import Foundation
import KravCore
import Testing

@testable import KravExchange

/// The real Finnish camt.054 v02 (Danske Bank, from nnarhinen/corporate.js).
private let finnishPath = testdataFolder + "/camt/danske-fi-camt054-v02.xml"
/// The real Nets OCR giro sample (from otovo/python-netsgiro).
private let netsPath = testdataFolder + "/ocr/nets-ocr-giro-sample.txt"

private func load(_ path: String) -> [UInt8] {
  [UInt8](FileManager.default.contents(atPath: path)!)
}

@Suite("Bank files: real files, versions and shapes")
struct BankFileTests {
  @Test(
    "the real Finnish camt.054 v02: 1 notification, 2 entries, 3 payments, EUR 193.00",
    .enabled(if: hasTestdata, testdataAbsent))
  func finnishFile() throws {
    let file = try PaymentFile.read(load(finnishPath), file: "fi.xml")
    #expect(file.format == .camt054 && file.notifications.count == 1)
    let n = file.notifications[0]
    #expect(n.account == "FI9881234511224450" && n.currency == "EUR" && n.line == 8)
    #expect(n.skipped.isEmpty)
    let p = n.payments
    #expect(p.map { $0.original?.description } == ["EUR 147.00", "EUR 36.00", "EUR 10.00"])
    #expect(p.reduce(0) { $0 + ($1.original?.minor ?? 0) } == 19_300)
    #expect(p.allSatisfy { !$0.hasKroner && $0.amount == .zero && !$0.isReversal })
    #expect(p.allSatisfy { $0.day == day("2011-09-16") && $0.bookingDay == day("2011-09-16") })
    // SCOR references that are not KIDs: Finnish references kept as text with their zeros,
    // and an ISO 11649 creditor reference recognised as one.
    #expect(p.map(\.kid) == [nil, "RF74100978", nil])
    #expect(p.map(\.references) == [["123"], [], ["00000006450830029863"]])
    #expect(p.map(\.payer) == ["Maksaja", "Maksaja", "Maksaja"])
    #expect(
      p.map(\.id) == [
        "bank:camt/ref/1109168E0049198529", "bank:camt/ref/1109168E0049198530",
        "bank:camt/ref/1109158E0049179974",
      ])
  }

  @Test(
    "the real Finnish file is refused whole: another company's account and EUR, every line named",
    .enabled(if: hasTestdata, testdataAbsent))
  func finnishRefused() {
    let journal = MemoryJournal()
    let before = journal.ledger
    let issues = refusal { () throws(ImportFailure) in
      _ = try journal.plan(load(finnishPath), file: "fi.xml")
    }
    #expect(
      issues == [
        "fi.xml:8: Ntfctn/Acct: the account FI98 8123 4511 2244 50 is not one of the creditor's"
          + " accounts (8601.11.17947); check the file, add the account with 'krav account add',"
          + " or pass --any-account",
        "fi.xml:98: Amt: EUR 147.00 is not in NOK and the entry gives no NOK amount"
          + " (AmtDtls/CntrValAmt); only NOK payments are registered",
        "fi.xml:141: Amt: EUR 36.00 is not in NOK and the entry gives no NOK amount"
          + " (AmtDtls/CntrValAmt); only NOK payments are registered",
        "fi.xml:216: Amt: EUR 10.00 is not in NOK and the entry gives no NOK amount"
          + " (AmtDtls/CntrValAmt); only NOK payments are registered",
      ])
    // --any-account lifts the account check, never the currency check.
    let anyAccount = refusal { () throws(ImportFailure) in
      _ = try journal.plan(load(finnishPath), file: "fi.xml", anyAccount: true)
    }
    #expect(anyAccount.count == 3 && anyAccount.allSatisfy { $0.contains("EUR") })
    #expect(journal.ledger.claims == before.claims && journal.ledger.unmatchedPayments.isEmpty)
  }

  @Test(
    "the real Nets OCR sample imports for its payee account with its exact total 51 449.00",
    .enabled(if: hasTestdata, testdataAbsent))
  func netsImport() throws {
    var journal = MemoryJournal()
    let refused = refusal { () throws(ImportFailure) in
      _ = try journal.plan(load(netsPath), file: "ocr.txt")
    }
    #expect(
      refused == [
        "ocr.txt:2: record 20: the account 9999.10.42764 is not one of the creditor's accounts"
          + " (8601.11.17947); check the file, add the account with 'krav account add', or pass"
          + " --any-account"
      ])
    let plan = try journal.plan(
      load(netsPath), file: "ocr.txt", accounts: [storeAccount, "99991042764"],
      today: day("2026-12-06"))
    #expect(plan.format == .ocrGiro && plan.newCount == 20 && plan.reversalCount == 0)
    #expect(plan.total == Money(ore: 5_144_900))
    #expect(plan.accounts.map(\.account) == ["99991042764"] && plan.accounts[0].isCreditors)
    #expect(plan.events.allSatisfy { $0.bankAccount == "99991042764" && !$0.anyAccount })
    #expect(plan.events.allSatisfy { $0.date == day("1992-01-20") && $0.channel == "ocr-giro" })
    #expect(
      plan.findings.map(\.description) == [
        "ocr.txt:3: date: dated 1992-01-20, 12739 days before today: is this the right file?"
      ])
    journal.append(plan.events)
    #expect(journal.ledger.unmatchedPayments.count == 20)
    let again = try journal.plan(load(netsPath), file: "ocr.txt", accounts: ["99991042764"])
    #expect(again.events.isEmpty && again.alreadyImported == 20)
  }

  @Test("v08 shapes: Sts/Cd, Dbtr/Pty/Nm, amounts without decimals, several Strd, value date")
  func v08Shapes() throws {
    let file = try PaymentFile.read(fixture("camt054-v08-nok.xml"), file: "v08.xml")
    let n = file.notifications[0]
    #expect(n.account == storeAccount && n.currency == "NOK")
    #expect(n.skipped.map(\.line) == [83] && n.skipped.map(\.reason) == ["not booked (PDNG)"])
    #expect(n.skipped.map { $0.amount?.description } == ["NOK 99.00"])
    let p = n.payments
    #expect(p.map(\.amount) == [Money(ore: 125_000), Money(ore: 250_050)])
    // Value day is the payment's day; the booking day is kept beside it.
    #expect(p[0].day == day("2026-11-27") && p[0].bookingDay == day("2026-11-30"))
    #expect(p[0].payer == "Bjørn Løvås" && p[1].payer == nil, "an entry with no debtor at all")
    // A SCOR KID, a referred invoice number in a second Strd, an empty Strd, Ustrd beside them.
    #expect(p[0].kid == "10017" && p[0].references == ["1001"])
    #expect(p[0].text == "Takk for tålmodigheten")
    // A Prtry-typed Swiss QR reference: 27 digits, kept as text, never a KID.
    #expect(p[1].kid == nil && p[1].references == ["000000000000000000000010028"])
    #expect(p[0].endToEndId == "E2E-LOVAS-1" && p[1].endToEndId == nil, "NOTPROVIDED is none")
    #expect(p[0].bankReference == "RB-T-0001" && p[0].id == "bank:camt/ref/RB-T-0001")
  }

  @Test("v04 batch: amounts only in AmtDtls, charges reported not deducted, sums checked")
  func v04BatchWithCharges() throws {
    let b = fixture("camt054-v04-batch-charges.xml")
    let file = try PaymentFile.read(b, file: "pf.xml")
    let n = file.notifications[0]
    #expect(n.account == storeAccount)
    #expect(n.skipped.map(\.reason) == ["debit"])
    let p = n.payments
    #expect(p.map(\.amount) == [Money(ore: 100_000), Money(ore: 200_000), Money(ore: 50_000)])
    #expect(p.map { $0.charges?.description } == ["NOK 1.50", "NOK 2.00", "NOK 1.50"])
    #expect(p.map(\.kid) == ["20016", nil, "RF18539007547034"])
    #expect(p.allSatisfy { $0.day == day("2026-11-29") })
    // A batch whose count, total or entry amount disagree with its payments is refused.
    let text = String(decoding: b, as: UTF8.self)
    let cases: [(String, String, String)] = [
      (
        "<NbOfTxs>3</NbOfTxs>", "<NbOfTxs>4</NbOfTxs>",
        "pf.xml:19: Btch/NbOfTxs: says 4 payments, the entry lists 3 (TxDtls)"
      ),
      (
        "<TtlAmt Ccy=\"NOK\">3500.00</TtlAmt>", "<TtlAmt Ccy=\"NOK\">3600.00</TtlAmt>",
        "pf.xml:19: Btch/TtlAmt: says NOK 3600.00, the payments add up to NOK 3500.00"
      ),
      (
        "<Amt Ccy=\"NOK\">3495.00</Amt>", "<Amt Ccy=\"NOK\">3490.00</Amt>",
        "pf.xml:12: Ntry/Amt: says NOK 3490.00, the 3 payments add up to NOK 3500.00"
      ),
    ]
    for (from, to, message) in cases {
      let changed = Array(text.replacingOccurrences(of: from, with: to).utf8)
      let issues = refusal { () throws(ImportFailure) in
        _ = try PaymentFile.read(changed, file: "pf.xml")
      }
      #expect(issues == [message])
    }
    // Without ChrgInclInd the entry must equal the payments exactly.
    let notIncluded = Array(
      text.replacingOccurrences(of: "<ChrgInclInd>true</ChrgInclInd>", with: "").utf8)
    #expect(
      refusal { () throws(ImportFailure) in _ = try PaymentFile.read(notIncluded, file: "pf.xml") }
        == ["pf.xml:12: Ntry/Amt: says NOK 3495.00, the 3 payments add up to NOK 3500.00"])
  }

  @Test("an entry whose one payment states another amount than the entry is refused")
  func singlePaymentSum() {
    let b = bytes(
      """
      <Document><BkToCstmrDbtCdtNtfctn><Ntfctn><Acct><Id><IBAN>NO9386011117947</IBAN></Id></Acct>
      <Ntry><Amt Ccy="NOK">100.00</Amt><CdtDbtInd>CRDT</CdtDbtInd><BookgDt><Dt>2026-11-27</Dt></BookgDt>
      <NtryDtls><TxDtls><Amt Ccy="NOK">90.00</Amt></TxDtls></NtryDtls></Ntry>
      </Ntfctn></BkToCstmrDbtCdtNtfctn></Document>
      """)
    #expect(
      refusal { () throws(ImportFailure) in _ = try PaymentFile.read(b, file: "s.xml") } == [
        "s.xml:2: Ntry/Amt: says NOK 100.00, its payment says NOK 90.00"
      ])
  }

  @Test("a file with a notification per account gives each payment its account")
  func twoAccounts() throws {
    let file = try PaymentFile.read(fixture("camt054-v02-two-accounts.xml"), file: "two.xml")
    #expect(file.notifications.map(\.account) == [storeAccount, "15031234562"])
    #expect(file.notifications.map(\.line) == [8, 25])
    #expect(file.payments.map(\.account) == [storeAccount, "15031234562"])
  }

  @Test("Sts as text (v02–v07) and Sts/Cd (v08): only booked entries are payments")
  func status() throws {
    let entry = { (sts: String) in
      bytes(
        """
        <Document><BkToCstmrDbtCdtNtfctn><Ntfctn><Acct><Id><IBAN>NO9386011117947</IBAN></Id></Acct>
        <Ntry><Amt Ccy="NOK">5</Amt><CdtDbtInd>CRDT</CdtDbtInd>\(sts)<BookgDt><Dt>2026-11-27</Dt></BookgDt></Ntry>
        </Ntfctn></BkToCstmrDbtCdtNtfctn></Document>
        """)
    }
    for (sts, booked) in [
      ("<Sts>BOOK</Sts>", true), ("<Sts><Cd>BOOK</Cd></Sts>", true), ("", true),
      ("<Sts>PDNG</Sts>", false), ("<Sts><Cd>INFO</Cd></Sts>", false),
    ] {
      let n = try PaymentFile.read(entry(sts), file: "s.xml").notifications[0]
      #expect(n.payments.count == (booked ? 1 : 0), "\(sts)")
      #expect(n.skipped.count == (booked ? 0 : 1), "\(sts)")
    }
  }

  @Test("amounts: without decimals, one decimal, up to five with zeros; nothing else")
  func amounts() {
    #expect(CurrencyAmount.minorUnits("100") == 10_000)
    #expect(CurrencyAmount.minorUnits("100.5") == 10_050)
    #expect(CurrencyAmount.minorUnits("1250.00") == 125_000)
    #expect(CurrencyAmount.minorUnits("0.10000") == 10)
    #expect(CurrencyAmount.minorUnits("999999999999.99") == 99_999_999_999_999)
    for bad in ["1.005", "-5", "1,50", "", ".5", "5.", "1e3", "1 000", "1000000000000"] {
      #expect(CurrencyAmount.minorUnits(bad) == nil, "\(bad)")
    }
  }

  @Test("accounts: BBAN, Norwegian IBAN and foreign IBANs, with their check digits")
  func accounts() {
    #expect(BankAccount.normalized("8601.11.17947") == "86011117947")
    #expect(BankAccount.normalized("NO93 8601 1117 947") == "86011117947")
    #expect(BankAccount.norwegianIBAN("86011117947") == "NO9386011117947")
    #expect(BankAccount.normalized("FI98 8123 4511 2244 50") == "FI9881234511224450")
    #expect(BankAccount.normalized("NO94 8601 1117 947") == nil, "wrong IBAN check digits")
    #expect(BankAccount.normalized("8601.11.17948") == nil, "wrong MOD11 check digit")
    #expect(BankAccount.normalized("FI99 8123 4511 2244 50") == nil)
    #expect(BankAccount.display("FI9881234511224450") == "FI98 8123 4511 2244 50")
  }

  @Test("references: KIDs only on Norwegian accounts, RF recognised, others kept as text")
  func references() {
    #expect(StructuredReference.classify("10017", norwegianAccount: true) == .kid("10017"))
    #expect(StructuredReference.classify("10017", norwegianAccount: false) == .other("10017"))
    #expect(StructuredReference.classify("10018", norwegianAccount: true) == .other("10018"))
    #expect(
      StructuredReference.classify("rf18 5390 0754 7034", norwegianAccount: false)
        == .creditor("RF18539007547034"))
    #expect(
      StructuredReference.classify("RF19539007547034", norwegianAccount: true)
        == .other("RF19539007547034"), "a creditor reference with wrong check digits is text")
    #expect(CreditorReference.isValid("RF74100978") && !CreditorReference.isValid("RF75100978"))
    #expect(PaymentReference.normalized("RF18 5390 0754 7034") == "RF18539007547034")
    #expect(PaymentReference.normalized("10017") == "10017")
    #expect(PaymentReference.normalized("10018") == nil)
  }
}
