import KravCore
import Testing

@testable import KravExchange

private func pay(
  _ amount: Int64, on: String = "2026-11-27", kid: String? = nil, payer: String? = nil,
  text: String? = nil, id: String = "bank:test/1", reversal: Bool = false
) -> BankPayment {
  BankPayment(
    id: id, amount: Money(ore: amount), day: day(on), kid: kid, payer: payer, text: text,
    isReversal: reversal, source: "camt.054")
}

@Suite("Payment matching and allocation")
struct MatchingTests {
  let ledger = baseLedger()
  var matcher: PaymentMatcher { PaymentMatcher(ledger: ledger) }

  @Test("rule 1: the KID wins over an invoice number in the text and over the payer")
  func kidFirst() {
    let m = matcher.match(pay(100, kid: "20016", payer: "Bjørn Løvås", text: "faktura 1001"))
    #expect(m == PaymentMatch(rule: .kid, invoice: "2001"))
  }

  @Test("rule 1 also finds a KID typed into the free text, before any invoice number there")
  func kidInText() {
    #expect(
      matcher.match(pay(100, text: "faktura 1002 KID 20016"))
        == PaymentMatch(rule: .kid, invoice: "2001"))
  }

  @Test("rule 2: an unknown KID falls through to an invoice number in the free text")
  func invoiceInText() {
    #expect(
      matcher.match(pay(100, kid: "99999999", text: "Betaling faktura #1002, takk"))
        == PaymentMatch(rule: .invoiceInText, invoice: "1002"))
    #expect(
      matcher.match(pay(100, text: "Fakt.nr:2001"))
        == PaymentMatch(rule: .invoiceInText, invoice: "2001"))
    // Two invoices of one customer: spread over that customer's claims.
    #expect(
      matcher.match(pay(100, text: "1001 og 1002"))
        == PaymentMatch(rule: .invoiceInText, customer: "K1"))
  }

  @Test("rule 3: a known payer (name or id in the text) and an amount equal to a claim's balance")
  func customerAndAmount() {
    // 1002: 2 500.50 principal, nothing paid; interest is not counted for an exact principal match.
    #expect(
      matcher.match(pay(250_050, payer: "BJØRN  LØVÅS"))
        == PaymentMatch(rule: .customerAmount, invoice: "1002"))
    #expect(
      matcher.match(pay(5_000_000, text: "kunde K2"))
        == PaymentMatch(rule: .customerAmount, invoice: "2001"))
    // A known payer with an amount matching nothing, or an unknown payer: unmatched.
    #expect(matcher.match(pay(12_345, payer: "Bjørn Løvås")).rule == .unmatched)
    #expect(matcher.match(pay(250_050, payer: "Ola Nordmann")).rule == .unmatched)
    #expect(matcher.match(pay(250_050)).rule == .unmatched)
  }

  @Test("a customer payment is spread oldest claim first: costs, interest, principal, then credit")
  func allocationOldestFirst() {
    var l = baseLedger()
    l = fold(
      [
        ev(.stepTriggered, "2026-06-20", invoice: "1001") {
          $0.from = "invoice"; $0.step = "reminder"; $0.date = day("2026-06-20"); $0.amount = 3_500
        }
      ], into: l)
    let owed1001 = l.claims["1001"]!.balance(asOf: day("2026-11-27")).outstanding
    let owed1002 = l.claims["1002"]!.balance(asOf: day("2026-11-27")).outstanding
    let extra = Money(ore: 10_000)
    let m = PaymentMatcher(ledger: l)
    let parts = m.allocate(owed1001 + owed1002 + extra, customer: "K1", on: day("2026-11-27"))
    #expect(parts.map(\.0) == ["1001", "1002"])
    #expect(parts.map(\.1) == [owed1001, owed1002 + extra])
    let drafts = m.drafts(
      for: pay((owed1001 + owed1002 + extra).ore, id: "bank:x"),
      match: PaymentMatch(rule: .manual, customer: "K1"))
    // One payment on account: the fold spreads it (issue 15: by value date, in any order).
    #expect(drafts.map(\.id) == ["bank:x"])
    #expect(drafts[0].customer == "K1" && drafts[0].invoice == nil)
    let after = fold(drafts, into: l)
    let b1 = after.claims["1001"]!.balance(asOf: day("2026-11-27"))
    #expect(
      b1.outstanding == .zero && b1.feesPaid == Money(ore: 3_500) && b1.interestPaid.isPositive)
    #expect(
      after.credit(ofCustomer: "K1", asOf: day("2026-11-27")) == extra,
      "the overpayment is kept as credit")
  }

  @Test("newest-first spreads a part payment over the newest claim first")
  func allocationNewestFirst() {
    let m = PaymentMatcher(ledger: ledger, order: .newestFirst)
    let parts = m.allocate(Money(ore: 100_000), customer: "K1", on: day("2026-11-27"))
    #expect(parts.map(\.0) == ["1002"] && parts.map(\.1) == [Money(ore: 100_000)])
    let oldest = PaymentMatcher(ledger: ledger).allocate(
      Money(ore: 100_000), customer: "K1", on: day("2026-11-27"))
    #expect(oldest.map(\.0) == ["1001"])
  }

  @Test("unmatched payments are kept with payer and text, then assigned by hand exactly once")
  func unmatchedAndAssign() {
    let p = pay(77_700, payer: "Ukjent Betaler", text: "diverse", id: "bank:camt/ref/U1")
    let m = matcher.match(p)
    #expect(m.rule == .unmatched)
    var l = fold(matcher.drafts(for: p, match: m), into: ledger)
    #expect(
      l.unmatchedPayments == [
        UnmatchedPayment(
          eventId: "bank:camt/ref/U1", amount: Money(ore: 77_700), day: day("2026-11-27"),
          payer: "Ukjent Betaler", text: "diverse")
      ])
    let assign = PaymentAssignment.draft(l.unmatchedPayments[0], invoice: "2001", customer: nil)
    #expect(assign.type == .paymentAssigned && assign.ref == "bank:camt/ref/U1")
    l = fold([assign, assign], into: l)
    #expect(l.unmatchedPayments.isEmpty)
    #expect(
      l.claims["2001"]!.paid == Money(ore: 77_700),
      "a second assignment of the same payment is not counted")
    #expect(l.rejected.last?.reason == "payment is not unmatched")
  }

  @Test("an assignment to a customer spreads the payment oldest first; to nothing is rejected")
  func assignToCustomer() {
    let p = pay(50_000, id: "bank:u2")
    var l = fold(matcher.drafts(for: p, match: PaymentMatch(rule: .unmatched)), into: ledger)
    l = fold(
      [PaymentAssignment.draft(l.unmatchedPayments[0], invoice: "9999", customer: nil)], into: l)
    #expect(
      l.unmatchedPayments.count == 1 && l.rejected.last?.reason == "assignment names no claim")
    l = fold(
      [PaymentAssignment.draft(l.unmatchedPayments[0], invoice: nil, customer: "K1")], into: l)
    #expect(l.unmatchedPayments.isEmpty && l.claims["1001"]!.paid == Money(ore: 50_000))
  }

  @Test("a reversal cancels the payment it reverses")
  func reversal() {
    var l = fold(
      matcher.drafts(
        for: pay(30_000, kid: "10017", id: "a"), match: matcher.match(pay(30_000, kid: "10017"))),
      into: ledger)
    #expect(l.claims["1001"]!.paid == Money(ore: 30_000))
    let r = pay(30_000, kid: "10017", id: "b", reversal: true)
    let drafts = PaymentMatcher(ledger: l).drafts(for: r, match: PaymentMatcher(ledger: l).match(r))
    #expect(drafts.map(\.type) == [.paymentReversed])
    l = fold(drafts, into: l)
    #expect(l.claims["1001"]!.paid == .zero)
    // A reversal of an unmatched payment removes it from the unmatched list.
    let u = pay(4_200, kid: "555555", id: "c")
    l = fold(matcher.drafts(for: u, match: PaymentMatch(rule: .unmatched)), into: l)
    #expect(l.unmatchedPayments.count == 1)
    l = fold(
      matcher.drafts(
        for: pay(4_200, kid: "555555", id: "d", reversal: true),
        match: PaymentMatch(rule: .unmatched)), into: l)
    #expect(l.unmatchedPayments.isEmpty)
  }

  @Test("a file imported twice registers nothing the second time")
  func doubleImport() throws {
    let file = Array(
      """
      <Document><BkToCstmrDbtCdtNtfctn><Ntfctn><Acct><Id><BBAN>86011117947</BBAN></Id><Ccy>NOK</Ccy></Acct>
      <Ntry><Amt>100.00</Amt><CdtDbtInd>CRDT</CdtDbtInd><BookgDt><Dt>2026-11-27</Dt></BookgDt><AcctSvcrRef>E1</AcctSvcrRef>
      <NtryDtls><TxDtls><Amt>60.00</Amt><RmtInf><Strd><CdtrRefInf><Ref>10017</Ref></CdtrRefInf></Strd></RmtInf></TxDtls>
      <TxDtls><Amt>40.00</Amt><RmtInf><Ustrd>ukjent</Ustrd></RmtInf></TxDtls></NtryDtls></Ntry>
      </Ntfctn></BkToCstmrDbtCdtNtfctn></Document>
      """.utf8)
    let first = try PaymentImport.plan(
      file, file: "c.xml", ledger: ledger, options: .init(accounts: [storeAccount]),
      stored: { _ in false })
    #expect(first.newCount == 2 && first.unmatchedCount == 1 && first.total == Money(ore: 10_000))
    #expect(first.events.map(\.id) == ["bank:camt/ref/E1/1", "bank:camt/ref/E1/2"])
    let storedIds = Set(first.events.map(\.id))
    let second = try PaymentImport.plan(
      file, file: "c.xml", ledger: fold(first.events, into: ledger),
      options: .init(accounts: [storeAccount]), stored: storedIds.contains)
    #expect(second.events.isEmpty && second.alreadyImported == 2 && second.newCount == 0)
  }

  @Test(
    "payments of one file see each other: a second payment to a paid claim is not matched by amount twice"
  )
  func sequential() throws {
    let file = Array(
      """
      <Document><BkToCstmrDbtCdtNtfctn><Ntfctn><Acct><Id><BBAN>86011117947</BBAN></Id><Ccy>NOK</Ccy></Acct>
      <Ntry><Amt>5001.00</Amt><CdtDbtInd>CRDT</CdtDbtInd><BookgDt><Dt>2026-11-27</Dt></BookgDt><AcctSvcrRef>E2</AcctSvcrRef>
      <NtryDtls><TxDtls><Amt>2500.50</Amt><RltdPties><Dbtr><Nm>Bjørn Løvås</Nm></Dbtr></RltdPties></TxDtls>
      <TxDtls><Amt>2500.50</Amt><RltdPties><Dbtr><Nm>Bjørn Løvås</Nm></Dbtr></RltdPties></TxDtls></NtryDtls></Ntry>
      </Ntfctn></BkToCstmrDbtCdtNtfctn></Document>
      """.utf8)
    let plan = try PaymentImport.plan(
      file, file: "c.xml", ledger: ledger, options: .init(accounts: [storeAccount]),
      stored: { _ in false })
    #expect(plan.lines.map(\.match.rule) == [.customerAmount, .unmatched])
  }
}

@Test(
  "an assignment folded before the payment it places gives the same ledger (journals merge by time)"
)
func assignmentOrderIndependent() {
  let ledger = baseLedger()
  let payment = ev(.paymentRegistered, "2026-11-27", id: "bank:camt/ref/Z") {
    $0.amount = 12_300; $0.date = day("2026-11-26"); $0.name = "Ukjent"
  }
  let assign = ev(.paymentAssigned, "2026-11-27", invoice: "1002", id: "kari@pc:9") {
    $0.ref = "bank:camt/ref/Z"; $0.amount = 12_300; $0.date = day("2026-11-26")
  }
  let inOrder = fold([payment, assign], into: ledger)
  let reversed = fold([assign, payment], into: ledger)
  #expect(inOrder.claims == reversed.claims)
  #expect(inOrder.unmatchedPayments.isEmpty && reversed.unmatchedPayments.isEmpty)
  #expect(inOrder.claims["1002"]!.paid == Money(ore: 12_300))
  // A second assignment of the same payment is refused in either order.
  let again = fold([assign], into: reversed)
  #expect(
    again.claims == reversed.claims && again.rejected.last?.reason == "payment is not unmatched")
}
