import KravCore
import Testing

@testable import KravExchange

/// Issue 16, point 9: large camt.054 files and the XML attacks the reader refuses
/// (`CamtXML`). Run against 9dfb797's `Camt054.swift` (FoundationXML's `XMLParser`):
/// `twelveMegabytes` fails (refused at line 280 011 as "not well-formed XML"); `externalEntity`
/// fails because the file was accepted, the entity neither fetched nor expanded but the text
/// after it lost (`A&xxe;B` read as `A`); `billionLaughs` and `references` fail on the line and
/// message (refused at line 13, "not well-formed XML").
@Suite("camt.054: large files and XML attacks")
struct CamtLargeAndHostileTests {
  static let head = """
    <?xml version="1.0" encoding="UTF-8"?>
    <Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.054.001.08">
      <BkToCstmrDbtCdtNtfctn>
        <GrpHdr><MsgId>BIG-1</MsgId><CreDtTm>2026-11-30T06:00:00</CreDtTm></GrpHdr>
        <Ntfctn>
          <Id>N1</Id>
          <Acct><Id><Othr><Id>86011117947</Id></Othr></Id><Ccy>NOK</Ccy></Acct>

    """
  static let tail = "    </Ntfctn>\n  </BkToCstmrDbtCdtNtfctn>\n</Document>\n"

  /// One entry of 14 lines; its `TxDtls` is on its 8th.
  static func entry(_ i: Int, text: String = "Faktura 1001") -> String {
    """
          <Ntry>
            <Amt Ccy="NOK">\(100 + i % 900).50</Amt>
            <CdtDbtInd>CRDT</CdtDbtInd>
            <Sts><Cd>BOOK</Cd></Sts>
            <BookgDt><Dt>2026-11-27</Dt></BookgDt>
            <ValDt><Dt>2026-11-27</Dt></ValDt>
            <NtryDtls>
              <TxDtls><Refs><AcctSvcrRef>BIG-\(i)</AcctSvcrRef></Refs>
                <Amt Ccy="NOK">\(100 + i % 900).50</Amt>
                <RltdPties><Dbtr><Pty><Nm>Kunde \(i) Nordmann med et langt navn</Nm></Pty></Dbtr></RltdPties>
                <RmtInf><Ustrd>\(text)</Ustrd><Strd><CdtrRefInf><Ref>\(KID.make(body: "1001")!)</Ref></CdtrRefInf></Strd></RmtInf>
              </TxDtls>
            </NtryDtls>
          </Ntry>

    """
  }

  static func file(entries: Int) -> [UInt8] {
    var s = Array(head.utf8)
    for i in 0..<entries { s += entry(i).utf8 }
    s += tail.utf8
    return s
  }

  static func refusal(_ xml: String) -> ImportIssue? {
    do {
      _ = try Camt054.parse(Array(xml.utf8), file: "x.xml")
      return nil
    } catch {
      return error.issues.first
    }
  }

  @Test("a 12 MB camt.054 (over XMLParser's 10 MB limit) is read whole, each payment on its line")
  func twelveMegabytes() throws {
    let n = 20_000
    let bytes = Self.file(entries: n)
    #expect(bytes.count > 12_000_000)
    let payments = try Camt054.parse(bytes, file: "big.xml")
    #expect(payments.count == n)
    let headLines = Self.head.split(separator: "\n", omittingEmptySubsequences: false).count
    for k in [0, 1, n / 2, n - 1] {
      #expect(payments[k].line == headLines + 14 * k + 7, "TxDtls line of entry \(k)")
      #expect(payments[k].amountLine == headLines + 14 * k + 8)
      #expect(payments[k].id == "bank:camt/ref/BIG-\(k)")
      #expect(payments[k].payer == "Kunde \(k) Nordmann med et langt navn")
      #expect(payments[k].kid == KID.make(body: "1001"))
    }
  }

  @Test("all or nothing: one bad entry at the end of 2 000 refuses the file, naming its line")
  func oneBadEntryRefusesTheFile() {
    // (2 000 rather than 20 000 entries: the debug build parses 12 MB in about 7 s.)
    let n = 2_000
    let headLines = Self.head.split(separator: "\n", omittingEmptySubsequences: false).count
    var bad = Array(Self.head.utf8)
    for i in 0..<n { bad += Self.entry(i).utf8 }
    bad += Self.entry(n).replacingOccurrences(of: "CRDT", with: "CRTD").utf8
    bad += Self.tail.utf8
    do {
      _ = try Camt054.parse(bad, file: "big.xml")
      Issue.record("a bad last entry was accepted")
    } catch {
      #expect(
        error.issues.map(\.description) == [
          "big.xml:\(headLines + 14 * n): Ntry/CdtDbtInd: expected CRDT or DBIT, got 'CRTD'"
        ])
    }
  }

  @Test("XXE: a DOCTYPE declaring an external entity is refused on its line, nothing read")
  func externalEntity() {
    let xml = """
      <?xml version="1.0" encoding="UTF-8"?>
      <!DOCTYPE Document [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
      <Document><BkToCstmrDbtCdtNtfctn><Ntfctn>
      <Ntry><Amt Ccy="NOK">1.00</Amt><CdtDbtInd>CRDT</CdtDbtInd><BookgDt><Dt>2026-11-27</Dt></BookgDt>
      <NtryDtls><TxDtls><RmtInf><Ustrd>&xxe;</Ustrd></RmtInf></TxDtls></NtryDtls></Ntry>
      </Ntfctn></BkToCstmrDbtCdtNtfctn></Document>
      """
    let issue = Self.refusal(xml)
    #expect(issue?.line == 2)
    #expect(issue?.field == "xml")
    #expect(issue?.message.contains("DOCTYPE is not allowed") == true)
    // A parameter entity fetched from the network: the same.
    let remote = xml.replacingOccurrences(
      of: "<!ENTITY xxe SYSTEM \"file:///etc/passwd\">",
      with: "<!ENTITY % remote SYSTEM \"http://127.0.0.1:9/x.dtd\"> %remote;")
    #expect(Self.refusal(remote)?.message.contains("DOCTYPE is not allowed") == true)
  }

  @Test("billion laughs: the entity-expansion bomb is refused at once, nothing expanded")
  func billionLaughs() {
    var decl = "<!ENTITY lol \"lol\">"
    for k in 1...9 {
      let prev = k == 1 ? "lol" : "lol\(k - 1)"
      decl += "\n<!ENTITY lol\(k) \"" + String(repeating: "&\(prev);", count: 10) + "\">"
    }
    let xml = """
      <?xml version="1.0"?>
      <!DOCTYPE Document [\(decl)]>
      <Document><BkToCstmrDbtCdtNtfctn><Ntfctn><Ntry><Amt>1</Amt><CdtDbtInd>CRDT</CdtDbtInd>
      <NtryDtls><TxDtls><RmtInf><Ustrd>&lol9;</Ustrd></RmtInf></TxDtls></NtryDtls>
      </Ntry></Ntfctn></BkToCstmrDbtCdtNtfctn></Document>
      """
    let issue = Self.refusal(xml)
    #expect(issue?.line == 2)
    #expect(issue?.message.contains("DOCTYPE is not allowed") == true)
  }

  @Test(
    "an entity reference without a DTD is refused; XML's five and character references are read")
  func references() throws {
    let undeclared = String(decoding: Self.file(entries: 1), as: UTF8.self)
      .replacingOccurrences(of: "<Ustrd>Faktura 1001</Ustrd>", with: "<Ustrd>&xxe;</Ustrd>")
    let issue = Self.refusal(undeclared)
    #expect(issue?.line == 18)
    #expect(issue?.message.contains("&xxe; is not allowed") == true)
    var text = Array(Self.head.utf8)
    text +=
      Self.entry(0, text: "Faktura &lt;1001&gt; &amp; &apos;&quot; Bj&#248;rn L&#xF8;v&#xe5;s").utf8
    text += Self.tail.utf8
    let p = try Camt054.parse(text, file: "x.xml")
    #expect(p.first?.text == "Faktura <1001> & '\" Bjørn Løvås")
    // A character reference to a character XML forbids (NUL) is refused.
    let nul = String(decoding: text, as: UTF8.self).replacingOccurrences(
      of: "&#248;", with: "&#0;")
    #expect(Self.refusal(nul)?.message == "not well-formed XML")
  }

  @Test("not well-formed: crossed tags, a second root, text after the root, open comment, <")
  func notWellFormed() throws {
    let good = String(decoding: Self.file(entries: 2), as: UTF8.self)
    let cases: [(String, Int)] = [
      (good.replacingOccurrences(of: "</Sts>", with: "</Cd>"), 11),
      (good + "<Document/>\n", 39),
      (good + "text\n", 39),
      (good.replacingOccurrences(of: "<CdtDbtInd>CRDT</CdtDbtInd>", with: "<!-- CRDT"), 39),
      (good.replacingOccurrences(of: "Faktura 1001", with: "a < b"), 18),
      (good.replacingOccurrences(of: "Ccy=\"NOK\"", with: "Ccy=NOK"), 9),
      (String(good.dropLast(12)), 38),
    ]
    for (xml, line) in cases {
      let issue = Self.refusal(xml)
      #expect(issue?.message == "not well-formed XML")
      #expect(issue?.line == line)
    }
    // Comments, CDATA, processing instructions, prefixes and single quotes are read.
    let dressed = good.replacingOccurrences(
      of: "<Ustrd>Faktura 1001</Ustrd>", with: "<!-- x --><Ustrd><![CDATA[Faktura <1001>]]></Ustrd>"
    ).replacingOccurrences(of: "<Document xmlns=", with: "<?keep me?><c:Document xmlns:c=")
      .replacingOccurrences(of: "</Document>", with: "</c:Document>")
      .replacingOccurrences(of: "Ccy=\"NOK\"", with: "Ccy='NOK'")
    let p = try Camt054.parse(Array(dressed.utf8), file: "x.xml")
    #expect(p.count == 2 && p[0].text == "Faktura <1001>" && p[1].amount == Money(ore: 10_150))
  }

  @Test("firstInvalidUTF8 on the bytes agrees with the standard library's UTF-8 parser")
  func utf8CheckAgrees() {
    func reference(_ bytes: [UInt8]) -> Int? {
      var parser = Unicode.UTF8.ForwardParser()
      var it = bytes.makeIterator()
      var offset = 0
      while true {
        switch parser.parseScalar(from: &it) {
        case .valid(let s): offset += s.count
        case .emptyInput: return nil
        case .error: return offset
        }
      }
    }
    var rng = SystemRandomNumberGenerator()
    let pieces: [[UInt8]] = [
      Array("aø€😀".utf8), [0x80], [0xC0, 0x80], [0xE0, 0x9F, 0x80], [0xED, 0xA0, 0x80],
      [0xF4, 0x90, 0x80, 0x80], [0xF0, 0x9F], [0xC3], [0xFF], [0x41],
    ]
    for _ in 0..<5_000 {
      var bytes: [UInt8] = []
      for _ in 0..<Int.random(in: 0...6, using: &rng) {
        bytes += pieces.randomElement(using: &rng)!
      }
      #expect(firstInvalidUTF8(bytes) == reference(bytes), "\(bytes)")
    }
  }
}
