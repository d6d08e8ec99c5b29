import KravCore
import Testing

@testable import KravExchange

/// A camt.054 document around the given entries.
private func camt(_ entries: String, version: String = "001.02") -> [UInt8] {
  bytes(
    """
    <?xml version="1.0" encoding="UTF-8"?>
    <Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.054.\(version)">
      <BkToCstmrDbtCdtNtfctn>
        <GrpHdr><MsgId>MSG-2026-11-30-1</MsgId><CreDtTm>2026-11-30T06:00:00</CreDtTm></GrpHdr>
        <Ntfctn>
          <Id>N1</Id>
          <Acct><Id><BBAN>86011117947</BBAN></Id></Acct>
    \(entries)
        </Ntfctn>
      </BkToCstmrDbtCdtNtfctn>
    </Document>
    """)
}

private let onePayment = """
        <Ntry>
          <Amt Ccy="NOK">1250.00</Amt>
          <CdtDbtInd>CRDT</CdtDbtInd>
          <Sts>BOOK</Sts>
          <BookgDt><Dt>2026-11-27</Dt></BookgDt>
          <AcctSvcrRef>ENTRY-1</AcctSvcrRef>
          <NtryDtls><TxDtls>
            <Refs><AcctSvcrRef>TX-0001</AcctSvcrRef></Refs>
            <RltdPties><Dbtr><Nm>Bjørn Løvås</Nm></Dbtr></RltdPties>
            <RmtInf><Strd><CdtrRefInf><Tp><CdOrPrtry><Cd>SCOR</Cd></CdOrPrtry></Tp><Ref>10017</Ref></CdtrRefInf></Strd></RmtInf>
          </TxDtls></NtryDtls>
        </Ntry>
  """

@Suite("camt.054")
struct Camt054Tests {
  @Test("one payment: KID from the structured reference, entry amount, booking date, payer")
  func one() throws {
    let b = camt(onePayment)
    #expect(PaymentFile.detect(b) == .camt054)
    let p = try Camt054.parse(b, file: "c.xml")
    #expect(p.count == 1)
    #expect(p[0].amount == Money(ore: 125_000) && p[0].day == day("2026-11-27"))
    #expect(p[0].kid == "10017" && p[0].payer == "Bjørn Løvås" && p[0].text == nil)
    #expect(p[0].id == "bank:camt/ref/TX-0001" && !p[0].isReversal && p[0].source == "camt.054")
  }

  @Test("a batch: one entry with three payments (TxAmt, Amt, free text), a debit entry ignored")
  func batchAndDebit() throws {
    let b = camt(
      """
          <Ntry>
            <Amt Ccy="NOK">3000.50</Amt><CdtDbtInd>CRDT</CdtDbtInd>
            <BookgDt><DtTm>2026-11-28T08:15:00</DtTm></BookgDt>
            <AcctSvcrRef>BATCH-7</AcctSvcrRef>
            <NtryDtls>
              <TxDtls>
                <AmtDtls><TxAmt><Amt Ccy="NOK">1000.00</Amt></TxAmt></AmtDtls>
                <RmtInf><Strd><CdtrRefInf><Ref>20016</Ref></CdtrRefInf></Strd></RmtInf>
              </TxDtls>
              <TxDtls>
                <Amt Ccy="NOK">2000.00</Amt>
                <RltdPties><Dbtr><Pty><Nm>Ærlig Økonomi AS</Nm></Pty></Dbtr></RltdPties>
                <RmtInf><Ustrd>Faktura 1002</Ustrd><Ustrd>takk</Ustrd></RmtInf>
              </TxDtls>
              <TxDtls>
                <Amt Ccy="NOK">0.50</Amt>
              </TxDtls>
            </NtryDtls>
          </Ntry>
          <Ntry>
            <Amt Ccy="NOK">99.00</Amt><CdtDbtInd>DBIT</CdtDbtInd>
            <BookgDt><Dt>2026-11-28</Dt></BookgDt>
            <NtryDtls><TxDtls><Amt Ccy="NOK">99.00</Amt></TxDtls></NtryDtls>
          </Ntry>
      """)
    let p = try Camt054.parse(b, file: "c.xml")
    #expect(p.map(\.amount) == [Money(ore: 100_000), Money(ore: 200_000), Money(ore: 50)])
    #expect(p.allSatisfy { $0.day == day("2026-11-28") })
    #expect(p.map(\.kid) == ["20016", nil, nil])
    #expect(p[1].text == "Faktura 1002 takk" && p[1].payer == "Ærlig Økonomi AS")
    #expect(
      p.map(\.id) == [
        "bank:camt/ref/BATCH-7/1", "bank:camt/ref/BATCH-7/2", "bank:camt/ref/BATCH-7/3",
      ])
  }

  @Test("errors name the line: no booking date, no amount, not XML, not camt.054")
  func errors() {
    let noDate = camt("<Ntry><Amt>5.00</Amt><CdtDbtInd>CRDT</CdtDbtInd></Ntry>")
    let noAmount = camt(
      "<Ntry><CdtDbtInd>CRDT</CdtDbtInd><BookgDt><Dt>2026-11-27</Dt></BookgDt><NtryDtls><TxDtls/><TxDtls/></NtryDtls></Ntry>"
    )
    let cases: [([UInt8], String)] = [
      (noDate, "c.xml:8: Ntry/BookgDt: a booking or value date (Dt or DtTm) is required"),
      (noAmount, "c.xml:8: TxDtls/Amt: no amount for this payment"),
      (
        bytes("<Document><BkToCstmrDbtCdtNtfctn><Ntfctn>\n<Ntry></Document>"),
        "c.xml:2: xml: not well-formed XML"
      ),
      (
        bytes("<Document><Other/></Document>"),
        "c.xml:1: xml: no BkToCstmrDbtCdtNtfctn element: not a camt.054 file"
      ),
    ]
    for (input, message) in cases {
      do {
        _ = try Camt054.parse(input, file: "c.xml")
        Issue.record("accepted: \(message)")
      } catch {
        #expect(error.issues.first?.description == message)
      }
    }
  }

  @Test("fuzz: mutated camt.054 files never crash the parser")
  func fuzz() {
    let base = camt(onePayment)
    var g = Fuzz(seed: 5)
    let alphabet = bytes("<>/=\"&; CRDTDBITNtryAmt0123456789.") + [0xC3, 0xFF]
    for _ in 0..<1_500 {
      let input = g.mutate(base, alphabet: alphabet)
      do {
        let p = try Camt054.parse(input, file: "z.xml")
        // A mutated currency is read as given; such a payment has no kroner to register.
        #expect(p.allSatisfy { $0.amount.isPositive || !$0.hasKroner })
      } catch {
        #expect(!error.issues.isEmpty)
      }
    }
  }
}
