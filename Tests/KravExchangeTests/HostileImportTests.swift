import KravCore
import Testing

@testable import KravExchange

/// Hostile bank and CSV files (issue 16). Each test fails on 0c0305c, as its comment says.
@Suite("Hostile imports")
struct HostileImportTests {
  static func camtEntry(_ amount: String, ref: String) -> String {
    """
        <Ntry>
          <Amt Ccy="NOK">\(amount)</Amt>
          <CdtDbtInd>CRDT</CdtDbtInd>
          <Sts>BOOK</Sts>
          <BookgDt><Dt>2026-11-27</Dt></BookgDt>
          <AcctSvcrRef>\(ref)</AcctSvcrRef>
          <NtryDtls><TxDtls>
            <Refs><AcctSvcrRef>TX-\(ref)</AcctSvcrRef></Refs>
            <RmtInf><Strd><CdtrRefInf><Ref>10013</Ref></CdtrRefInf></Strd></RmtInf>
          </TxDtls></NtryDtls>
        </Ntry>
    """
  }

  // Issue 16, point 2: on 0c0305c two camt payments of 92 233 720 368 547 758.07 kr were
  // planned (and, once folded, made every command trap on an overflowing sum).
  @Test("a camt.054 payment above the amount bound refuses the file, naming its line")
  func camtAboveBoundIsRefused() throws {
    let xml = """
      <?xml version="1.0" encoding="UTF-8"?>
      <Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.054.001.02">
        <BkToCstmrDbtCdtNtfctn>
          <GrpHdr><MsgId>M1</MsgId><CreDtTm>2026-11-30T06:00:00</CreDtTm></GrpHdr>
          <Ntfctn>
            <Id>N1</Id>
      \(Self.camtEntry("2000000000.00", ref: "E1"))
      \(Self.camtEntry("2000000000.00", ref: "E2"))
          </Ntfctn>
        </BkToCstmrDbtCdtNtfctn>
      </Document>
      """
    do {
      _ = try PaymentImport.plan(
        Array(xml.utf8), file: "bank.xml", ledger: baseLedger(),
        options: .init(accounts: ["86011117947"], anyAccount: true), stored: { _ in false })
      Issue.record("a payment above the bound was accepted")
    } catch {
      #expect(error.issues.count == 2)
      #expect(error.issues.allSatisfy { $0.field == "amount" && $0.file == "bank.xml" })
      #expect(error.issues.allSatisfy { $0.line > 1 })
      #expect(error.description.contains("above the largest amount"))
    }
    // An amount past 64 bits is refused by the camt.054 reader itself, naming its line.
    let overflow = xml.replacingOccurrences(of: "2000000000.00", with: "92233720368547758.07")
    do {
      _ = try PaymentImport.plan(
        Array(overflow.utf8), file: "bank.xml", ledger: baseLedger(),
        options: .init(accounts: ["86011117947"], anyAccount: true), stored: { _ in false })
      Issue.record("a payment past 64 bits was accepted")
    } catch {
      #expect(error.description.contains("bank.xml:"))
      #expect(error.description.contains("is not an amount"))
    }
  }

  // Issue 16, point 2: on 0c0305c the CSV import accepted 92233720368547758.07.
  @Test("a CSV invoice above the amount bound is refused at file:line: amount")
  func csvAboveBoundIsRefused() throws {
    let csv = """
      invoice_no,customer_id,issue_date,due_date,amount
      9001,K1,2026-10-01,2026-10-15,92233720368547758.07

      """
    do {
      let t = try CSVTable.read(Array(csv.utf8), file: "inv.csv")
      _ = try AccountingImport.invoices(t, ledger: baseLedger())
      Issue.record("accepted an amount above the bound")
    } catch {
      #expect(error.issues.map(\.description).contains { $0.hasPrefix("inv.csv:2: amount: above") })
    }
  }
}

extension HostileImportTests {
  // Issue 16, point 4: on 0c0305c `=HYPERLINK(...)` and the other formula starts were written
  // as they were, so a spreadsheet opening the export ran them.
  @Test("CSV export neutralises formula starts in text cells; numbers stay numbers")
  func exportNeutralisesFormulas() throws {
    var e = Event(
      id: "kari:1", seq: 1, at: "2026-11-30T10:00:00+01:00", by: "kari", type: .customerAdded,
      customer: "K1")
    let hostile = [
      "=HYPERLINK(\"http://evil.example\",\"klikk\")", "+1+1", "-2+3", "@SUM(A1)", "\tx", "\rx",
    ]
    for name in hostile {
      e.name = name
      let line = Export.csvLine(Export.journalRow(e), columns: Export.journalColumns)
      let t = try CSVTable.read(
        Array((Export.csvLine(Export.journalColumns) + line).utf8), file: "x.csv")
      #expect(t.rows[0]["name"] == "'" + name)
    }
    var p = Event(
      id: "kari:2", seq: 2, at: "2026-11-30T10:00:00+01:00", by: "kari",
      type: .paymentReversed, customer: "K1")
    p.amount = -125_050
    let line = Export.csvLine(Export.journalRow(p), columns: Export.journalColumns)
    #expect(line.contains(",-1250.50,"), "a negative amount stays a number")
    #expect(Export.neutralised("Bjørn") == "Bjørn")
  }
}

extension HostileImportTests {
  // Issue 16, point 14: on 0c0305c this said "expected exactly 80 characters, got 80".
  @Test("an OCR record of 80 characters with a TAB names the real problem")
  func ocrControlCharacterMessage() throws {
    var record = Array(("NY000010" + String(repeating: "0", count: 72)).utf8)
    record[40] = 0x09
    do {
      _ = try PaymentFile.read(record + [13, 10], file: "ocr.txt")
      Issue.record("accepted a record with a TAB")
    } catch {
      #expect(error.description.contains("ocr.txt:1: record: a control character"))
      #expect(!error.description.contains("got 80"))
    }
  }
}

extension HostileImportTests {
  @Test("fuzz: hostile text cells survive export → import neutralised, numbers unchanged")
  func exportFuzz() throws {
    var g = Fuzz(seed: 16)
    let alphabet = Array("=+-@\t\r\n\",;'0123456789aøZ ".utf8)
    for _ in 0..<400 {
      let name = String(
        decoding: (0..<Int.random(in: 1...12, using: &g)).map { _ in
          alphabet.randomElement(using: &g)!
        }, as: UTF8.self)
      var e = Event(
        id: "k:1", seq: 1, at: "2026-11-30T10:00:00+01:00", by: "k", type: .noteAdded,
        customer: "K1")
      e.text = name
      e.amount = Int64.random(in: -100_000...100_000, using: &g)
      let csv =
        Export.csvLine(Export.journalColumns)
        + Export.csvLine(Export.journalRow(e), columns: Export.journalColumns)
      let t = try CSVTable.read(Array(csv.utf8), file: "x.csv")
      // The raw cell, as a spreadsheet sees it (Krav's own reader trims).
      let cell = try #require(t.rows.first?.fields["text"])
      let first = cell.utf8.first
      #expect(
        first != UInt8(ascii: "=") && first != UInt8(ascii: "+") && first != UInt8(ascii: "-")
          && first != UInt8(ascii: "@") && first != 9 && first != 13, "\(cell.debugDescription)")
      #expect(t.rows.first?["amount"] == Money(ore: e.amount!).jsonString)
    }
  }
}

extension HostileImportTests {
  // Issue 16, point 2: on the merged code before this fix, 100 records of the largest
  // 17-digit amount overflowed the 88/89 total check and crashed the parser.
  @Test("an OCR file whose amounts add up past 64 bits is refused with its line, not a crash")
  func ocrTotalOverflow() throws {
    func pad(_ s: String, _ n: Int) -> String { String(repeating: "0", count: n - s.count) + s }
    let big = String(repeating: "9", count: 17)
    var lines = [
      "NY000010" + pad("", 72),
      "NY090020" + "001008566" + "0000002" + "86011117947" + pad("", 45),
    ]
    for n in 1...100 {
      let number = pad("\(n)", 7)
      lines.append(
        "NY091030" + number + "271126" + pad("", 10) + "0" + big
          + String(repeating: " ", count: 20) + "10017" + pad("", 6))
      lines.append(
        "NY091031" + number + pad("", 10) + pad("\(n)", 9) + pad("", 7) + "261126" + pad("", 33))
    }
    lines.append("NY090088" + pad("100", 8) + pad("202", 8) + big + pad("", 39))
    lines.append("NY000089" + pad("100", 8) + pad("204", 8) + big + pad("", 39))
    let file = Array((lines.joined(separator: "\n") + "\n").utf8)
    #expect(lines.allSatisfy { $0.utf8.count == 80 })
    do {
      _ = try PaymentFile.read(file, file: "big.txt")
      Issue.record("accepted amounts adding up past 64 bits")
    } catch {
      #expect(error.description.contains("big.txt:203: record 88: the payments add up to more"))
    }
  }
}
