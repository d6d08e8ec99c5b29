import Foundation
import KravCore
import Testing

@testable import KravExchange

/// A camt.054 file with one notification for `account` (IBAN or BBAN) around `entries`.
private func camt(
  _ entries: String, account: String = "<IBAN>NO9386011117947</IBAN>", ccy: String = ""
)
  -> [UInt8]
{
  bytes(
    """
    <?xml version="1.0" encoding="UTF-8"?>
    <Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.054.001.06">
      <BkToCstmrDbtCdtNtfctn>
        <GrpHdr><MsgId>T-1</MsgId></GrpHdr>
        <Ntfctn>
          <Acct><Id>\(account)</Id>\(ccy)</Acct>
    \(entries)
        </Ntfctn>
      </BkToCstmrDbtCdtNtfctn>
    </Document>
    """)
}

/// One booked entry with one payment.
private func entry(
  _ amount: String, ccy: String = "NOK", cd: String = "CRDT", reversal: Bool = false,
  ref: String, kid: String? = nil, day: String = "2026-11-27", details: String = ""
) -> String {
  """
      <Ntry><Amt Ccy="\(ccy)">\(amount)</Amt><CdtDbtInd>\(cd)</CdtDbtInd>\(reversal ? "<RvslInd>true</RvslInd>" : "")
      <Sts>BOOK</Sts><BookgDt><Dt>\(day)</Dt></BookgDt>
      <NtryDtls><TxDtls><Refs><AcctSvcrRef>\(ref)</AcctSvcrRef></Refs>\(details)
      \(kid.map { "<RmtInf><Strd><CdtrRefInf><Ref>\($0)</Ref></CdtrRefInf></Strd></RmtInf>" } ?? "")
      </TxDtls></NtryDtls></Ntry>
  """
}

@Suite("Bank import: account, currency, reversals, dates")
struct BankImportTests {
  @Test("a payment in another currency is refused with its line; its NOK counter value is used")
  func currency() throws {
    var journal = MemoryJournal()
    let chf = camt(entry("100", ccy: "CHF", ref: "C-1", kid: "10017"))
    #expect(
      refusal { () throws(ImportFailure) in _ = try journal.plan(chf, file: "chf.xml") } == [
        "chf.xml:7: Amt: CHF 100.00 is not in NOK and the entry gives no NOK amount"
          + " (AmtDtls/CntrValAmt); only NOK payments are registered"
      ])
    // One bad payment stops the whole file: the NOK payment beside it is not registered either.
    let mixed = camt(
      entry("50.00", ref: "C-0", kid: "20016") + entry("100", ccy: "CHF", ref: "C-1"))
    #expect(
      refusal { () throws(ImportFailure) in _ = try journal.plan(mixed, file: "m.xml") }.count == 1)
    // The bank's NOK counter value is the amount registered; the original is kept and shown.
    let converted = camt(
      entry(
        "100", ccy: "CHF", ref: "C-2", kid: "10017",
        details: "<AmtDtls><InstdAmt><Amt Ccy=\"CHF\">100</Amt></InstdAmt>"
          + "<CntrValAmt><Amt Ccy=\"NOK\">1187.45</Amt></CntrValAmt></AmtDtls>"))
    let plan = try journal.importFile(converted)
    #expect(plan.lines[0].payment.amount == Money(ore: 118_745))
    #expect(plan.lines[0].payment.original == CurrencyAmount(currency: "CHF", minor: 10_000))
    #expect(plan.events[0].amount == 118_745 && plan.events[0].invoice == "1001")
    #expect(plan.events[0].originalAmount == "100.00" && plan.events[0].originalCurrency == "CHF")
    #expect(journal.ledger.claims["1001"]!.paid == Money(ore: 118_745))
    // A single payment in EUR booked in a NOK account: the entry's NOK amount is what was paid.
    let booked = camt(
      """
          <Ntry><Amt Ccy="NOK">1150.00</Amt><CdtDbtInd>CRDT</CdtDbtInd><BookgDt><Dt>2026-11-27</Dt></BookgDt>
          <NtryDtls><TxDtls><Refs><AcctSvcrRef>C-3</AcctSvcrRef></Refs>
          <AmtDtls><InstdAmt><Amt Ccy="EUR">100.00</Amt></InstdAmt></AmtDtls></TxDtls></NtryDtls></Ntry>
      """)
    let p = try journal.plan(booked).lines[0].payment
    #expect(p.amount == Money(ore: 115_000) && p.original?.description == "EUR 100.00")
    // An amount with no currency anywhere is refused; the account's Ccy supplies a missing one.
    let bare =
      "<Ntry><Amt>5.00</Amt><CdtDbtInd>CRDT</CdtDbtInd><BookgDt><Dt>2026-11-27</Dt></BookgDt></Ntry>"
    #expect(
      refusal { () throws(ImportFailure) in _ = try journal.plan(camt(bare), file: "b.xml") } == [
        "b.xml:7: Amt: the amount names no currency (Ccy) and neither does Acct/Ccy"
      ])
    #expect(try journal.plan(camt(bare, ccy: "<Ccy>NOK</Ccy>")).total == Money(ore: 500))
    #expect(
      refusal { () throws(ImportFailure) in
        _ = try journal.plan(camt(bare, ccy: "<Ccy>EUR</Ccy>"), file: "b.xml")
      }.first?.contains("EUR 5.00 is not in NOK") == true)
  }

  @Test("a file for another account is refused naming both; --any-account imports and records it")
  func account() throws {
    var journal = MemoryJournal()
    let two = fixture("camt054-v02-two-accounts.xml")
    #expect(
      refusal { () throws(ImportFailure) in _ = try journal.plan(two, file: "two.xml") } == [
        "two.xml:25: Ntfctn/Acct: the account 1503.12.34562 is not one of the creditor's accounts"
          + " (8601.11.17947); check the file, add the account with 'krav account add', or pass"
          + " --any-account"
      ])
    // Both accounts the creditor's: each notification is imported for its own account.
    let both = try journal.plan(two, accounts: [storeAccount, "15031234562"])
    #expect(both.accounts.map(\.isCreditors) == [true, true] && both.newCount == 2)
    #expect(both.events.map(\.bankAccount) == [storeAccount, "15031234562"])
    #expect(both.events.allSatisfy { !$0.anyAccount } && both.findings.isEmpty)
    // --any-account: imported, the foreign account's event says so, and the collector is told.
    let any = try journal.importFile(two, file: "two.xml", anyAccount: true)
    #expect(any.events.map(\.anyAccount) == [false, true])
    #expect(
      any.findings.map(\.description) == [
        "two.xml:35: Ntfctn/Acct: registered for 1503.12.34562, not one of the creditor's"
          + " accounts (--any-account)"
      ])
    #expect(journal.ledger.claims["2001"]!.paid == Money(ore: 60_000))
    // A notification that names no account is refused too.
    let none = bytes(
      """
      <Document><BkToCstmrDbtCdtNtfctn><Ntfctn>
      \(entry("5.00", ref: "N-1"))
      </Ntfctn></BkToCstmrDbtCdtNtfctn></Document>
      """)
    #expect(
      refusal { () throws(ImportFailure) in _ = try journal.plan(none, file: "n.xml") }.first?
        .hasPrefix("n.xml:1: Ntfctn/Acct: the notification names no account, so it") == true)
  }

  @Test("a reversal pair: each reversal finds its payment, balances return, re-import is a no-op")
  func reversalPair() throws {
    var journal = MemoryJournal()
    let before1001 = journal.ledger.claims["1001"]!
    let before2001 = journal.ledger.claims["2001"]!
    let first = try journal.importFile(fixture("camt054-v05-payments.xml"), file: "pay.xml")
    #expect(first.lines.map(\.match.rule) == [.kid, .kid, .unmatched])
    #expect(journal.ledger.claims["1001"]!.paid == Money(ore: 125_000))
    #expect(journal.ledger.unmatchedPayments.map(\.amount) == [Money(ore: 7_700)])
    let timeline = journal.ledger.timeline(of: "K1").count
    let plan = try journal.importFile(fixture("camt054-v05-reversals.xml"), file: "rev.xml")
    #expect(plan.reversalCount == 4 && plan.total == Money(ore: -207_700))
    #expect(plan.lines.map(\.reversal) == [.endToEnd, .bankReference, .endToEnd, nil])
    #expect(
      plan.lines.map(\.reverses) == [
        "bank:camt/ref/RV-T-1", "bank:camt/ref/RV-T-2", "bank:camt/ref/RV-T-3", nil,
      ])
    #expect(
      plan.events.map(\.id) == [
        "bank:camt/rvsl/ref/RV-R-1-1", "bank:camt/rvsl/ref/RV-T-2", "bank:camt/rvsl/ref/RV-R-3/1",
        "bank:camt/rvsl/ref/RV-R-4/1",
      ])
    #expect(plan.events.allSatisfy { $0.type == .paymentReversed })
    #expect(plan.events[0].paidOn == day("2026-11-20") && plan.events[0].date == day("2026-11-24"))
    #expect(plan.events[1].paidOn == day("2026-11-19") && plan.events[1].invoice == "2001")
    #expect(plan.accounts[0].skipped.map(\.reason) == ["reversal of a debit"])
    // Balances are what they were before the payments; the timeline shows payment and reversal.
    #expect(journal.ledger.claims["1001"]! == before1001)
    #expect(journal.ledger.claims["2001"]! == before2001)
    // K1's timeline gains the reversal of its payment, and the reversal of nothing known that
    // carries K1's KID (2001 belongs to K2).
    #expect(journal.ledger.timeline(of: "K1").count == timeline + 2)
    // The unmatched payment left the list; the reversal of nothing is there as a negative amount.
    #expect(
      journal.ledger.unmatchedPayments.map(\.amount) == [Money(ore: -45_000)]
        && journal.ledger.unmatchedPayments[0].eventId == "bank:camt/rvsl/ref/RV-R-4/1")
    #expect(
      plan.findings.map(\.description) == [
        "rev.xml:57: reversal: the bank took back 450.00 (KID 10017) but no payment it reverses"
          + " was found; kept as an unmatched payment of -450.00 for the collector"
      ])
    // The same reversals again change nothing.
    let claims = journal.ledger.claims
    let again = try journal.importFile(fixture("camt054-v05-reversals.xml"), file: "rev.xml")
    #expect(again.events.isEmpty && again.alreadyImported == 4)
    #expect(journal.ledger.claims == claims && journal.ledger.unmatchedPayments.count == 1)
  }

  @Test("a reversal by KID, amount and day takes back the newest such payment, not a later one")
  func reversalByReference() throws {
    var journal = MemoryJournal()
    try journal.importFile(
      camt(
        entry("200.00", ref: "K-1", kid: "10017", day: "2026-11-10")
          + entry("200.00", ref: "K-2", kid: "10017", day: "2026-11-20")
          + entry("200.00", ref: "K-3", kid: "10017", day: "2026-11-28")))
    let plan = try journal.importFile(
      camt(entry("200.00", cd: "DBIT", reversal: true, ref: "K-R", kid: "10017", day: "2026-11-25"))
    )
    #expect(plan.lines[0].reversal == .reference && plan.lines[0].reverses == "bank:camt/ref/K-2")
    #expect(
      journal.ledger.claims["1001"]!.payments.map(\.day) == [day("2026-11-10"), day("2026-11-28")])
  }

  @Test("reference rule: a payment on the claim the KID names counts; one after the day does not")
  func reversalOnTheClaim() throws {
    var journal = MemoryJournal()
    // Paid by hand on invoice 1001 (no KID on the payment), then a later payment of the same
    // amount with the KID.
    journal.append([
      ev(.paymentRegistered, "2026-11-10", invoice: "1001", id: "kari@pc:1") {
        $0.amount = 20_000; $0.date = day("2026-11-10"); $0.channel = "manual"
      }
    ])
    let found = try journal.importFile(
      camt(entry("200.00", cd: "DBIT", reversal: true, ref: "M-R", kid: "10017")))
    #expect(found.lines[0].reversal == .reference && found.lines[0].reverses == "kari@pc:1")
    #expect(journal.ledger.claims["1001"]!.paid == .zero)
    // A reversal dated before the only payment of its amount finds nothing, and the fold does
    // not take that later payment off either: it is kept as a negative unmatched payment.
    try journal.importFile(camt(entry("300.00", ref: "L-1", kid: "10017", day: "2026-11-28")))
    let early = try journal.importFile(
      camt(entry("300.00", cd: "DBIT", reversal: true, ref: "L-R", kid: "10017", day: "2026-11-20"))
    )
    #expect(early.lines[0].reversal == nil && early.events[0].reason == "not-found")
    #expect(journal.ledger.claims["1001"]!.paid == Money(ore: 30_000))
    #expect(journal.ledger.unmatchedPayments.map(\.amount) == [Money(ore: -30_000)])
  }

  @Test("a reversal of a payment spread over a customer's claims takes back every part")
  func reversalOfSpreadPayment() throws {
    var journal = MemoryJournal()
    let before = journal.ledger.claims
    // Bjørn Løvås pays more than 1001 owes, naming both invoices: spread over 1001 and 1002.
    try journal.importFile(
      camt(
        entry(
          "11000.00", ref: "S-1",
          details:
            "<Refs><EndToEndId>E2E-S</EndToEndId></Refs>"
            + "<RmtInf><Ustrd>1001 og 1002</Ustrd></RmtInf>"
        )))
    #expect(journal.ledger.claims["1002"]!.paid.isPositive)
    let plan = try journal.importFile(
      camt(
        entry(
          "11000.00", cd: "DBIT", reversal: true, ref: "S-R",
          details: "<Refs><EndToEndId>E2E-S</EndToEndId></Refs>")))
    // The payment is one payment on account (issue 15: the fold spreads it by value date), so
    // one reversal names it and the fold takes back every part it placed.
    #expect(plan.events.map(\.id) == ["bank:camt/rvsl/ref/S-R"])
    #expect(plan.events.map(\.ref) == ["bank:camt/ref/S-1"])
    #expect(plan.events.first?.customer == "K1" && plan.events.first?.invoice == nil)
    #expect(journal.ledger.claims == before)
  }

  @Test("an OCR giro reversal (type 18) takes back the payment with its KID and amount")
  func ocrReversal() throws {
    var journal = MemoryJournal()
    let kid = "10017"
    func ocr(type: String, number: String, archive: String) -> [UInt8] {
      func pad(_ s: String, _ n: Int) -> String { String(repeating: "0", count: n - s.count) + s }
      let kidField = String(repeating: " ", count: 25 - kid.count) + kid
      let lines = [
        "NY000010" + pad("", 72),
        "NY090020" + "001008566" + "0000002" + "86011117947" + pad("", 45),
        "NY09\(type)30" + number + "271126" + pad("", 10) + "0" + pad("25000", 17) + kidField
          + pad("", 6),
        "NY09\(type)31" + number + pad("", 10) + archive + pad("", 7) + "261126" + pad("", 33),
        "NY090088" + pad("1", 8) + pad("4", 8) + pad("25000", 17) + pad("", 39),
        "NY000089" + pad("1", 8) + pad("6", 8) + pad("25000", 17) + pad("", 39),
      ]
      return bytes(lines.joined(separator: "\n") + "\n")
    }
    let paid = try journal.importFile(ocr(type: "10", number: "0000001", archive: "000000001"))
    #expect(paid.lines[0].match.invoice == "1001" && !paid.lines[0].payment.isReversal)
    let rev = try journal.importFile(ocr(type: "18", number: "0000002", archive: "000000002"))
    #expect(rev.lines[0].payment.isReversal && rev.lines[0].reversal == .reference)
    #expect(journal.ledger.claims["1001"]!.paid == .zero)
  }

  @Test("the fold: paid_on picks the payment reversed; a reversal naming nothing known is kept")
  func foldReversal() {
    var journal = MemoryJournal()
    journal.append([
      ev(.paymentRegistered, "2026-11-10", invoice: "1001", id: "p1") {
        $0.amount = 10_000; $0.date = day("2026-11-10")
      },
      ev(.paymentRegistered, "2026-11-20", invoice: "1001", id: "p2") {
        $0.amount = 10_000; $0.date = day("2026-11-20")
      },
      ev(.paymentReversed, "2026-11-25", invoice: "1001", id: "r1") {
        $0.amount = 10_000; $0.date = day("2026-11-25"); $0.ref = "p1"
        $0.paidOn = day("2026-11-10")
      },
    ])
    #expect(journal.ledger.claims["1001"]!.payments.map(\.day) == [day("2026-11-20")])
    journal.append([
      ev(.paymentReversed, "2026-11-26", invoice: "1001", id: "r2") {
        $0.amount = 99_900; $0.date = day("2026-11-26")
      }
    ])
    #expect(journal.ledger.unmatchedPayments.map(\.amount) == [Money(ore: -99_900)])
    #expect(journal.ledger.rejected.last?.reason == "reversal matches no payment")
  }

  @Test("a negative unmatched entry placed by hand takes the payment back and leaves the list")
  func placeUnmatchedReversal() {
    var journal = MemoryJournal()
    journal.append([
      ev(.paymentRegistered, "2026-11-10", invoice: "1001", id: "p1") {
        $0.amount = 30_000; $0.date = day("2026-11-10")
      },
      ev(.paymentRegistered, "2026-11-12", invoice: "1002", id: "p2") {
        $0.amount = 20_000; $0.date = day("2026-11-12")
      },
      ev(.paymentReversed, "2026-11-20", id: "r1") {
        $0.amount = 30_000; $0.date = day("2026-11-20")
      },
      ev(.paymentReversed, "2026-11-21", id: "r2") {
        $0.amount = 20_000; $0.date = day("2026-11-21")
      },
    ])
    let open = journal.ledger.unmatchedPayments
    #expect(open.map(\.amount) == [Money(ore: -30_000), Money(ore: -20_000)])
    let onInvoice = PaymentAssignment.draft(open[0], invoice: "1001", customer: nil)
    #expect(onInvoice.type == .paymentReversed && onInvoice.ref == "r1")
    #expect(onInvoice.amount == 30_000 && onInvoice.invoice == "1001")
    // On a customer: the claim of theirs holding a payment of that amount.
    let onCustomer = PaymentAssignment.draft(open[1], invoice: nil, customer: "K1")
    journal.append([onInvoice, onCustomer])
    #expect(journal.ledger.unmatchedPayments.isEmpty)
    #expect(
      journal.ledger.claims["1001"]!.paid == .zero && journal.ledger.claims["1002"]!.paid == .zero)
  }

  @Test("dates: the value day is the payment's day, booking kept; far past and future flagged")
  func dates() throws {
    let journal = MemoryJournal()
    let file = camt(
      """
          <Ntry><Amt Ccy="NOK">10.00</Amt><CdtDbtInd>CRDT</CdtDbtInd>
          <BookgDt><Dt>2026-12-10</Dt></BookgDt><ValDt><DtTm>2026-12-09T10:00:00</DtTm></ValDt></Ntry>
          <Ntry><Amt Ccy="NOK">10.00</Amt><CdtDbtInd>CRDT</CdtDbtInd><ValDt><Dt>2026-06-01</Dt></ValDt></Ntry>
      """)
    let plan = try journal.plan(file, file: "d.xml", today: day("2026-12-06"))
    #expect(plan.events.map(\.date) == [day("2026-12-09"), day("2026-06-01")])
    #expect(plan.events.map(\.bookedOn) == [day("2026-12-10"), nil])
    #expect(
      plan.findings.map(\.description) == [
        "d.xml:9: date: dated 2026-06-01, 188 days before today: is this the right file?",
        "d.xml:7: date: dated 2026-12-09, 3 days ahead of today",
      ])
    #expect(try journal.plan(file, today: day("2026-12-10")).findings.count == 1)
  }

  @Test("an RF creditor reference on a claim matches a payment that carries it")
  func creditorReferenceClaim() throws {
    var journal = MemoryJournal()
    journal.append([
      ev(.claimAdded, "2026-11-01", customer: "K2", invoice: "2002") {
        $0.amount = 50_000; $0.issued = day("2026-11-01"); $0.due = day("2026-11-15")
        $0.kid = "RF18539007547034"
      }
    ])
    let plan = try journal.importFile(fixture("camt054-v04-batch-charges.xml"))
    #expect(plan.lines.map(\.match.rule) == [.kid, .invoiceInText, .kid])
    #expect(plan.lines[2].match.invoice == "2002")
    #expect(plan.events.map(\.amount) == [100_000, 200_000, 50_000], "charges are not deducted")
    #expect(journal.ledger.claims["2002"]!.paid == Money(ore: 50_000))
  }

  @Test("fuzz: mutated bank files never crash the import; a refused one names its lines")
  func fuzz() throws {
    var journal = MemoryJournal()
    try journal.importFile(fixture("camt054-v05-payments.xml"))
    var g = Fuzz(seed: 22)
    let alphabet = bytes("<>/=\"CRDTDBITtrue01.NtryAmtRvslIndBtchNbOfTxs") + [0xC3, 0xA5]
    var accepted = 0
    var refused = 0
    for base in [fixture("camt054-v05-reversals.xml"), fixture("camt054-v04-batch-charges.xml")] {
      for _ in 0..<400 {
        let input = g.mutate(base, alphabet: alphabet)
        switch Result(catching: { () throws(ImportFailure) in try journal.plan(input) }) {
        case .success(let plan):
          accepted += 1
          #expect(plan.lines.count == plan.newCount + plan.alreadyImported)
          #expect(plan.events.allSatisfy { ($0.amount ?? 0) > 0 })
        case .failure(let f):
          refused += 1
          #expect(!f.issues.isEmpty && f.issues.allSatisfy { $0.line >= 1 })
        }
      }
    }
    print("bank import fuzz: \(accepted) accepted, \(refused) refused")
    #expect(accepted > 40 && refused > 400, "the mutations reach both outcomes")
  }
}
