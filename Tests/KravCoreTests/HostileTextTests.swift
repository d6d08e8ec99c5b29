import Foundation
import Testing

@testable import KravCore

/// Hostile names and addresses in e-mail and letters (issue 16). Each test fails on 0c0305c as
/// its comment says.
@Suite("Hostile text")
struct HostileTextTests {
  static let injected = "bjorn@example.no\r\nBcc: thief@evil.example"
  static let creditor = Creditor(
    name: "Fjord Rør AS", orgnr: "123456785", account: "86011117947",
    email: "regnskap@fjord.no", phone: "22 33 44 55", address: "Storgata 12, 0155 Oslo")

  /// A ledger with one overdue claim of a customer named `name` with e-mail `email`.
  static func ledger(name: String, email: String?) -> Ledger {
    var l = Ledger()
    var events: [Event] = []
    var c = Event(
      id: "", seq: 0, at: "2026-01-01T10:00:00+01:00", by: "kari", type: .customerAdded,
      customer: "K1")
    c.name = name
    c.kind = "consumer"
    c.email = email
    c.address = "Storgata 1, 0155 Oslo"
    events.append(c)
    var claim = Event(
      id: "", seq: 0, at: "2026-01-01T10:00:00+01:00", by: "kari", type: .claimAdded,
      customer: "K1", invoice: "1001")
    claim.amount = 1_000_000
    claim.issued = Day(parsing: "2026-01-01")
    claim.due = Day(parsing: "2026-01-15")
    claim.kid = KID.make(body: "1001")
    events.append(claim)
    for (i, var e) in events.enumerated() {
      e.id = "kari:\(i + 1)"
      e.seq = i + 1
      l.apply(e, ref: EventRef(journal: 0, offset: UInt64(i)))
    }
    return l
  }

  static func headerLines(_ eml: String) -> [String] {
    (eml.components(separatedBy: "\r\n\r\n").first ?? "").components(separatedBy: "\r\n")
  }

  @Test("addr-spec: plain and IDN addresses pass; CR/LF, spaces, brackets and commas do not")
  func addrSpec() {
    for ok in ["a@b.no", "kari.nordmann+krav@firma.no", "kare@ødegård.no"] {
      #expect(EmailAddress.isValid(ok), "\(ok)")
    }
    for bad in [
      Self.injected, "a@b.no\nBcc: x@y.no", "a b@c.no", "<a@b.no>", "a@b.no, c@d.no", "a@", "@b.no",
      "a@b..no", "a@-b.no", "\"a\"@b.no", "a@b.no\u{1B}]0;x\u{07}", "",
    ] {
      #expect(!EmailAddress.isValid(bad), "\(bad.debugDescription)")
    }
  }

  // Issue 16, point 3: on 0c0305c the letter's .eml got a `Bcc: thief@evil.example` header
  // from an address read from the journal (written by an old Krav or a colleague's tool).
  @Test("a letter's .eml never carries a header from a stored address with CR/LF")
  func letterEmlHasNoInjectedHeader() throws {
    let l = Self.ledger(name: "Evil\r\nBcc: x@y.no", email: Self.injected)
    let letter = try #require(
      l.planSteps(.invoices(["1001"]), today: Day(parsing: "2026-03-01")!).letters.first)
    let eml = LetterFiles.eml(
      letter, creditor: Self.creditor, text: "Hei", timestamp: "2026-03-01T10:00:00+01:00")
    let headers = Self.headerLines(eml)
    #expect(!headers.contains { $0.lowercased().hasPrefix("bcc") })
    #expect(headers.contains("To: undisclosed-recipients:;"))
    #expect(headers.allSatisfy { !$0.contains("\r") && !$0.contains("\n") })
  }

  // Issue 16, point 3: on 0c0305c the call follow-up's To: line carried the raw address.
  @Test("a call follow-up e-mail never carries a header from a stored address with CR/LF")
  func followUpHasNoInjectedHeader() {
    var c = Customer(id: "K1", name: "Bjørn", kind: .consumer)
    c.email = Self.injected
    let mail = FollowUpMail.callSummary(
      sender: MailSender(
        name: "Fjord", orgnr: "123456785", account: "86011117947",
        email: "a@b.no\r\nBcc: y@evil.example", phone: nil),
      customer: c,
      agreement: CallAgreement(outcome: "reached", promise: nil),
      open: [], at: "2026-11-30T10:15:00+01:00")
    let headers = Self.headerLines(mail.eml)
    #expect(!headers.contains { $0.lowercased().hasPrefix("bcc") })
    #expect(!headers.contains { $0.contains("evil.example") })
  }

  // Issue 16, point 3: on 0c0305c a plan letter's display name `Evil <x@evil>, ` was written
  // raw, adding a recipient, and its address raw, adding a header.
  @Test("a plan e-mail encodes display names and refuses addresses that are not addr-specs")
  func planMailHeaders() {
    let eml = PlanMail.message(
      from: ("Fjord Rør AS", "post@fjord.no"),
      to: ("Evil <thief@evil.example>, Kari", Self.injected),
      subject: "Nedbetalingsplan\r\nBcc: z@evil.example", timestamp: "2026-11-30T10:00:00+01:00",
      messageId: "kari:1", body: "Hei")
    let headers = Self.headerLines(eml)
    #expect(!headers.contains { $0.lowercased().hasPrefix("bcc") })
    #expect(!eml.contains("thief@evil.example"))
    let good = PlanMail.message(
      from: ("Fjord Rør AS", "post@fjord.no"), to: ("Kari Nordmann", "kari@example.no"),
      subject: "Plan", timestamp: "", messageId: "kari:1", body: "Hei")
    #expect(good.contains("To: Kari Nordmann <kari@example.no>\r\n"))
    #expect(good.contains("From: =?UTF-8?B?"))
  }

  // Issue 16, point 8: on 0c0305c `planSteps(.allEligible)` threw `noAddress` for K2 and no
  // letter at all was planned; the queue showed K2's claim as ready.
  @Test("a batch skips a customer without any address, says why, and the queue agrees")
  func batchSkipsCustomerWithoutAddress() throws {
    var l = Self.ledger(name: "Kari", email: nil)
    var k2 = Event(
      id: "kari:3", seq: 3, at: "2026-01-01T10:00:00+01:00", by: "kari", type: .customerAdded,
      customer: "K2")
    k2.name = "Uten Adresse"
    k2.kind = "consumer"
    l.apply(k2, ref: EventRef(journal: 0, offset: 3))
    var claim = Event(
      id: "kari:4", seq: 4, at: "2026-01-01T10:00:00+01:00", by: "kari", type: .claimAdded,
      customer: "K2", invoice: "2001")
    claim.amount = 50_000
    claim.issued = Day(parsing: "2026-01-01")
    claim.due = Day(parsing: "2026-01-15")
    l.apply(claim, ref: EventRef(journal: 0, offset: 4))
    let today = Day(parsing: "2026-03-01")!
    let plan = try l.planSteps(.allEligible, today: today)
    #expect(plan.letters.map(\.customerId) == ["K1"])
    #expect(plan.refused.map(\.invoice) == ["2001"])
    #expect(plan.refused.first?.reason == .noAddress)
    let row = try #require(l.queue(today: today).first { l.invoice(of: $0) == "2001" })
    #expect(!row.isEligible(on: today))
    #expect(row.reason(on: today) == .noAddress)
    let byCustomer = try l.planSteps(.customer("K2"), today: today)
    #expect(byCustomer.letters.isEmpty && byCustomer.refused.first?.reason == .noAddress)
  }
}
