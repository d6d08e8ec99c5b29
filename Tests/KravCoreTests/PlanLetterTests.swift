import Foundation
import Testing

@testable import KravCore

@Suite("Plan documents")
struct PlanLetterTests {
  static let today = Day(parsing: "2026-11-30")!

  @Test("the fee list names each step as the step letters do, the court steps with their fee")
  func stepNames() {
    let names = Step.allCases.map(PlanLetter.stepName)
    #expect(
      names == [
        "faktura", "purring", "inkassovarsel", "betalingsoppfordring",
        "varsel etter tvangsfullbyrdelsesloven § 4-18",
        "varsel om søksmål etter tvisteloven § 5-2", "utleggsbegjæring (rettsgebyr)",
        "forliksklage (rettsgebyr)", "overlevering til inkassobyrå",
      ])
    #expect(PlanLetter.day(Day(parsing: "2027-03-07")!) == "07.03.2027")
  }
  @Test("6: a plan on an invoice states every cost of default: 37.50 + 37.50 + 112.50 + court fee")
  func everyDefaultCost() throws {
    // 1001 (10 000 kr, due Thu 1 Oct 2026) still at the invoice: a broken plan sends it through
    // the whole standard ladder from the signing deadline Mon 7 Dec 2026 (sats 750):
    // purring 7 Dec (1/20 = 37.50, deadline 21 Dec), inkassovarsel 22 Dec (37.50, the reminder's
    // deadline missed; deadline 5 Jan), betalingsoppfordring 6 Jan 2027 (3/20 = 112.50),
    // utleggsbegjæring 21 Jan 2027 (1.21 × R 1 314 = 1 589). Fees in all 187.50, the § 1-3 cap.
    var l = Ledger()
    var c = Event(
      id: "k:1", seq: 1, at: "2026-09-01T10:00:00+02:00", by: "kari", type: .customerAdded,
      customer: "K1")
    c.name = "Åse Ærø"
    c.kind = "consumer"
    var a = Event(
      id: "k:2", seq: 2, at: "2026-09-17T10:00:00+02:00", by: "kari", type: .claimAdded,
      customer: "K1", invoice: "1001")
    a.amount = 1_000_000
    a.due = Day(parsing: "2026-10-01")
    for (i, e) in [c, a].enumerated() { l.apply(e, ref: EventRef(journal: 0, offset: UInt64(i))) }
    let d = try l.draftPlan(
      customer: "K1", size: .instalments(3), today: Self.today, creditor: Self.creditor,
      timestamp: "2026-11-30T10:15:00+01:00")
    #expect(
      d.quote.defaultCosts.map(\.step) == [
        .reminder, .inkassovarsel, .betalingsoppfordring, .utlegg,
      ])
    #expect(
      d.quote.defaultCosts.map(\.fee)
        == [Money(ore: 3_750), Money(ore: 3_750), Money(ore: 11_250), Money(kroner: 1_589)])
    #expect(
      d.quote.defaultCosts.map(\.from)
        == ["2026-12-07", "2026-12-22", "2027-01-06", "2027-01-21"].map { Day(parsing: $0) })
    let text = String(decoding: d.documents[0].bytes, as: UTF8.self)
    #expect(
      text.contains(
        "   – faktura 1001: purring 37,50 kr, inkassovarsel 37,50 kr, betalingsoppfordring"
          + " 112,50 kr, utleggsbegjæring (rettsgebyr) 1 589,00 kr (gebyrer i alt 187,50 kr)\n"))
    // A business debtor is charged the B2B compensation instead (460 kr for 2026, frl. § 3a):
    // the first letter carries it all, the later notices nothing more.
    var b = l
    var upd = Event(
      id: "k:3", seq: 3, at: "2026-09-18T10:00:00+02:00", by: "kari", type: .customerUpdated,
      customer: "K1")
    upd.kind = "business"
    upd.orgnr = "123456785"
    b.apply(upd, ref: EventRef(journal: 0, offset: 3))
    let bd = try b.draftPlan(
      customer: "K1", size: .instalments(3), today: Self.today, creditor: Self.creditor,
      timestamp: "2026-11-30T10:15:00+01:00")
    #expect(
      bd.quote.defaultCosts.map(\.fee)
        == [Money(kroner: 460), .zero, .zero, Money(kroner: 1_589)])
  }

  static let creditor = PlanLetter.Creditor(
    name: "Fjord Rør AS", orgnr: "123456785", account: "86011117947",
    email: "post@fjordror.example", phone: "+47 22 33 44 55", address: "Storgata 12, 0155 Oslo")

  static func ledger() -> Ledger {
    var l = Ledger()
    var c = Event(
      id: "k:1", seq: 1, at: "2026-09-01T10:00:00+02:00", by: "kari", type: .customerAdded,
      customer: "K1")
    c.name = "Åse Ærø"
    c.email = "ase@example.no"
    c.address = "Løkkeveien 3, 9008 Tromsø"
    var a = Event(
      id: "k:2", seq: 2, at: "2026-09-17T10:00:00+02:00", by: "kari", type: .claimAdded,
      customer: "K1", invoice: "1001")
    a.amount = 1_000_000
    a.due = Day(parsing: "2026-10-01")
    a.kid = "12344"
    var s = Event(
      id: "k:3", seq: 3, at: "2026-10-15T10:00:00+02:00", by: "kari", type: .stepTriggered,
      customer: "K1", invoice: "1001")
    s.from = "invoice"
    s.step = "inkassovarsel"
    s.date = Day(parsing: "2026-10-15")
    s.amount = 3_750
    for (i, e) in [c, a, s].enumerated() {
      l.apply(e, ref: EventRef(journal: 0, offset: UInt64(i)))
    }
    return l
  }

  @Test("the plan document holds every element the plan must tell the debtor")
  func planDocumentElements() throws {
    let d = try Self.ledger().draftPlan(
      customer: "K1", size: .instalments(3), graceDays: 2, today: Self.today,
      creditor: Self.creditor, timestamp: "2026-11-30T10:15:00+01:00")
    let text = String(decoding: d.documents[0].bytes, as: UTF8.self)
    let must = [
      "Fjord Rør AS", "Org.nr. 123 456 785", "Åse Ærø", "Løkkeveien 3, 9008 Tromsø",
      "Faktura 1001",
      // The schedule with every due date and amount, and the total.
      "07.12.2026", "07.01.2027", "07.02.2027", d.quote.total.formatted(.nb),
      d.quote.instalments[0].amount.formatted(.nb), d.quote.instalments[2].amount.formatted(.nb),
      // Interest so far and projected, with the rate.
      "12,00 %", d.quote.projectedInterest.formatted(.nb),
      // Account and KID.
      "kontonummer 8601.11.17947", "KID 12344",
      // Signing deadline, first instalment at signing.
      "senest 07.12.2026", "forfaller samme dag",
      // Acceleration clause and interest running.
      "forfaller hele restbeløpet til betaling straks", "2 dagers frist",
      "Forsinkelsesrente etter forsinkelsesrenteloven løper",
      // Costs told up front: no plan fee; what a default may cost (2026 sats 750 → 112,50,
      // then the utleggsbegjæring's court fee 1.21 × 1 314 = 1 589; issue 15 point 6 lists
      // every step left, so the list reads "step amount, step amount").
      "Vi tar ikke gebyr for denne avtalen", "betalingsoppfordring 112,50 kr",
      "utleggsbegjæring (rettsgebyr) 1 589,00 kr", "kan komme",
      "Underskrift",
    ]
    for m in must { #expect(text.contains(m), "missing: \(m)") }
    // Good practice: costs "may" come, never "will".
    #expect(!text.contains("vil påløpe"))
  }

  @Test("the .eml has proper MIME headers, encoded words and CRLF; the body is the text")
  func eml() throws {
    let d = try Self.ledger().draftPlan(
      customer: "K1", size: .instalments(3), today: Self.today, creditor: Self.creditor,
      timestamp: "2026-11-30T10:15:00+01:00")
    let eml = String(decoding: d.documents[1].bytes, as: UTF8.self)
    let text = String(decoding: d.documents[0].bytes, as: UTF8.self)
    let parts = eml.components(separatedBy: "\r\n\r\n")
    let headers = parts[0]
    #expect(headers.contains("MIME-Version: 1.0\r\n"))
    #expect(headers.contains("Content-Type: text/plain; charset=UTF-8\r\n"))
    #expect(headers.hasSuffix("\r\nContent-Transfer-Encoding: 8bit"))
    #expect(headers.contains("Date: Mon, 30 Nov 2026 10:15:00 +0100\r\n"))
    #expect(headers.contains("Message-ID: <plan-K1-1@krav.invalid>"))
    #expect(headers.contains("<post@fjordror.example>") && headers.contains("<ase@example.no>"))
    let ascii = headers.allSatisfy { $0.isASCII }
    #expect(ascii, "headers are 7-bit")
    for line in headers.components(separatedBy: "\r\n") { #expect(line.count <= 78, "\(line)") }
    // Decoding the Subject's encoded words gives the Norwegian subject back.
    let subject = headers.components(separatedBy: "\r\n")
      .drop { !$0.hasPrefix("Subject: ") }
      .prefix { $0.hasPrefix("Subject: ") || $0.hasPrefix(" ") }
      .joined()
    #expect(decodeWords(subject) == "Subject: Nedbetalingsavtale nr. 1 – signer innen 07.12.2026")
    #expect(
      parts.dropFirst().joined(separator: "\r\n\r\n")
        == text.replacingOccurrences(of: "\n", with: "\r\n"))
  }

  @Test("encoded words split between characters and stay within 75 characters")
  func encodedWords() {
    let long = String(repeating: "æøå Blåbærsyltetøy ", count: 6)
    let words = PlanMail.encodedWord(long).components(separatedBy: "\r\n ")
    #expect(words.count > 1)
    for w in words { #expect(w.count <= 64 && w.hasPrefix("=?UTF-8?B?") && w.hasSuffix("?=")) }
    #expect(decodeWords(words.joined()) == long)
    #expect(PlanMail.encodedWord("Plain ASCII") == "Plain ASCII")
  }

  /// Joins the decoded text of `=?UTF-8?B?…?=` words (what a mail reader shows).
  func decodeWords(_ s: String) -> String {
    var out = ""
    var rest = Substring(s)
    var afterWord = false
    while let start = rest.range(of: "=?UTF-8?B?") {
      let between = rest[..<start.lowerBound]
      // Whitespace between two encoded words is not part of the text (RFC 2047 § 6.2).
      if !(afterWord && between.allSatisfy { $0 == " " }) { out += between }
      afterWord = true
      rest = rest[start.upperBound...]
      guard let end = rest.range(of: "?=") else { break }
      let data = Data(base64Encoded: String(rest[..<end.lowerBound])) ?? Data()
      out += String(decoding: data, as: UTF8.self)
      rest = rest[end.upperBound...]
    }
    return out + rest
  }
}
