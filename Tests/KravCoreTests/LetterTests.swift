import Foundation
import Testing

@testable import KravCore

private let creditor = Creditor(
  name: "Fjordkraft Rørleggerservice AS", orgnr: "123456785", account: "86011117947",
  email: "regnskap@fjord.no", phone: "22 33 44 55", address: "Storgata 12, 0155 Oslo")

private func e(
  _ type: EventType, _ on: String, customer: String? = nil, invoice: String? = nil,
  _ configure: (inout Event) -> Void = { _ in }
) -> Event {
  var ev = Event(
    id: "", seq: 0, at: "\(on)T10:00:00+01:00", by: "kari", type: type, customer: customer,
    invoice: invoice)
  configure(&ev)
  return ev
}

private func fold(_ events: [Event]) -> Ledger {
  var l = Ledger()
  for (i, var ev) in events.enumerated() {
    ev.id = "kari:\(i + 1)"
    ev.seq = i + 1
    l.apply(ev, ref: EventRef(journal: 0, offset: UInt64(i)))
  }
  return l
}

/// K1 (consumer, e-mail): 1001 and 1002 reminded on the same day, 1003 not yet reminded;
/// K2 (business, no e-mail): 2001 at inkassovarsel; K3 (consumer): 3001 at
/// betalingsoppfordring, 3002 at betalingsoppfordring and disputed.
private func fixtureEvents() -> [Event] {
  func claim(_ inv: String, _ c: String, due: String, kr: Int64) -> Event {
    e(.claimAdded, "2026-01-01", customer: c, invoice: inv) {
      $0.amount = kr * 100
      $0.issued = Day(parsing: due)!.adding(days: -14)
      $0.due = Day(parsing: due)
      $0.kid = KID.make(body: inv)
    }
  }
  func step(_ inv: String, _ from: Step, _ to: Step, _ on: String, fee: Int64?) -> Event {
    e(.stepTriggered, on, invoice: inv) {
      $0.from = from.rawValue
      $0.step = to.rawValue
      $0.date = Day(parsing: on)
      $0.amount = fee
    }
  }
  return [
    e(.customerAdded, "2026-01-01", customer: "K1") {
      $0.name = "Kåre Ødegård"; $0.kind = "consumer"; $0.email = "kare@ødegård.no"
      $0.address = "Fjellveien 2, 5003 Bergen"; $0.birthNumber = "31129956715"
    },
    e(.customerAdded, "2026-01-01", customer: "K2") {
      $0.name = "Ærlig Bygg AS"; $0.kind = "business"; $0.orgnr = "123456785"
      $0.address = "Kaia 1, 9008 Tromsø"
    },
    e(.customerAdded, "2026-01-01", customer: "K3") {
      $0.name = "Åse Bø"; $0.kind = "consumer"; $0.email = "ase@bo.no"
      $0.address = "Bøveien 3, 3800 Bø"
    },
    claim("1001", "K1", due: "2026-01-15", kr: 10_000),
    claim("1002", "K1", due: "2026-01-20", kr: 2_500),
    claim("1003", "K1", due: "2026-02-02", kr: 800),
    claim("2001", "K2", due: "2026-01-15", kr: 50_000),
    claim("3001", "K3", due: "2025-12-01", kr: 4_000),
    claim("3002", "K3", due: "2025-12-01", kr: 6_000),
    step("1001", .invoice, .reminder, "2026-02-02", fee: 3_750),
    step("1002", .invoice, .reminder, "2026-02-02", fee: 3_750),
    step("2001", .invoice, .inkassovarsel, "2026-02-02", fee: 46_000),
    step("3001", .invoice, .inkassovarsel, "2025-12-15", fee: 3_500),
    step("3001", .inkassovarsel, .betalingsoppfordring, "2026-01-05", fee: 11_250),
    step("3002", .invoice, .inkassovarsel, "2025-12-15", fee: 3_500),
    step("3002", .inkassovarsel, .betalingsoppfordring, "2026-01-05", fee: 11_250),
    e(.disputeOpened, "2026-01-10", customer: "K3", invoice: "3002") {
      $0.reason = "defect"; $0.text = "Lekkasje etter montering"
    },
  ]
}

private let today = Day(parsing: "2026-02-20")!

/// The elements every payment notice must carry (domain-norway.md §1, Docs/rules.md).
private func expectCommon(_ text: String, _ l: LetterDraft) {
  #expect(text.contains("Fjordkraft Rørleggerservice AS"), "creditor's name")
  #expect(text.contains("Org.nr. 123 456 785"), "creditor's organisation number")
  #expect(text.contains("Storgata 12, 0155 Oslo"), "creditor's address")
  #expect(text.contains("8601.11.17947"), "account number")
  #expect(text.contains("Dato: 20.02.2026"), "date of the letter")
  for line in l.lines {
    #expect(text.contains("Faktura \(line.invoice) datert"), "what the claim concerns")
    if let kid = line.kid { #expect(text.contains("KID \(kid)")) }
  }
  #expect(text.contains("Hovedstol:") && text.contains("Renter:") && text.contains("Gebyr i alt:"))
  #expect(text.contains("Sum å betale: \(l.total.formatted(.nb))"))
  #expect(text.contains("forsinkelsesrenteloven § 3, for tiden 12,00 % per år, beregnet fra"))
}

@Suite("Letters: grouping, required elements, e-mail files, events")
struct LetterTests {
  let ledger = fold(fixtureEvents())

  @Test("claims of one customer going to the same step share one letter; others get their own")
  func grouping() throws {
    let plan = try ledger.planSteps(.customer("K1"), today: today)
    #expect(plan.letters.count == 2)
    let iv = plan.letters.first { $0.step == .inkassovarsel }!
    #expect(iv.invoices == ["1001", "1002"] && iv.channel == .email)
    #expect(iv.address == "kare@ødegård.no" && iv.id == "2026-02-20-inkassovarsel-K1")
    let rem = plan.letters.first { $0.step == .reminder }!
    #expect(rem.invoices == ["1003"])
    // 1003 was due Monday 2 Feb: a reminder with a fee from 16 Feb.
    #expect(rem.fee == Money(ore: 3_750) && rem.deadline == Day(parsing: "2026-03-06"))
    // Inkassovarsel after a reminder whose deadline (16 Feb) was missed: a second 37.50 each.
    #expect(iv.lines.map(\.fee) == [Money(ore: 3_750), Money(ore: 3_750)])
    #expect(iv.fee == Money(kroner: 75))
  }

  @Test("a claim that may not move is refused with its reason and earliest day")
  func refusal() throws {
    let plan = try ledger.planSteps(
      .invoices(["2001", "1003"]), today: Day(parsing: "2026-02-10")!)
    #expect(plan.letters.isEmpty)
    #expect(plan.refused.map(\.invoice) == ["2001", "1003"])
    #expect(plan.refused.map(\.reason) == [.deadlineRunning, .deadlineRunning])
    #expect(plan.refused.map(\.step) == [.betalingsoppfordring, .reminder])
    #expect(plan.refused.map(\.from) == [Day(parsing: "2026-02-17"), Day(parsing: "2026-02-16")])
    #expect(throws: StepPlanError.unknownInvoice("9")) {
      try ledger.planSteps(.invoices(["9"]), today: today)
    }
  }

  @Test("a customer's paid claims are not listed as refused; its running deadlines are")
  func customerRefusals() throws {
    var events = fixtureEvents()
    events.append(
      e(.paymentRegistered, "2026-02-05", invoice: "1003") {
        $0.amount = 90_000  // principal 800 + a little interest: paid in full
        $0.date = Day(parsing: "2026-02-05")
      })
    let l = fold(events)
    let plan = try l.planSteps(.customer("K1"), today: Day(parsing: "2026-02-10")!)
    #expect(plan.letters.isEmpty)
    #expect(plan.refused.map(\.invoice) == ["1001", "1002"])
    // Asked for by number, the paid claim is refused and says why.
    let byNumber = try l.planSteps(.invoices(["1003"]), today: Day(parsing: "2026-02-10")!)
    #expect(byNumber.refused.map(\.reason) == [.paid])
  }

  @Test("reminder: amounts split, deadline as a date, fee and its rule")
  func reminder() throws {
    let l = try ledger.planSteps(.invoices(["1003"]), today: today).letters[0]
    let text = LetterText.render(l, creditor: creditor)
    expectCommon(text, l)
    #expect(text.contains("PURRING"))
    #expect(text.contains("Betalingsfrist: 06.03.2026"))
    #expect(text.contains("Purregebyr: 37,50 kr"))
    #expect(text.contains("Kåre Ødegård") && text.contains("Fjellveien 2, 5003 Bergen"))
  }

  @Test("inkassovarsel: the § 9 statement, a deadline of 14 days, amount and what it concerns")
  func inkassovarsel() throws {
    let l = try ledger.planSteps(.customer("K1"), today: today).letters.first {
      $0.step == .inkassovarsel
    }!
    let text = LetterText.render(l, creditor: creditor)
    expectCommon(text, l)
    #expect(text.contains("INKASSOVARSEL"))
    #expect(text.contains("inkassoloven § 9"))
    #expect(text.contains("vil kravet bli sendt til inkasso"))
    #expect(text.contains("Betalingsfristen er 06.03.2026, 14 dager fra dette varselet"))
    #expect(text.contains("Bruk KID for hver faktura"))
  }

  @Test("betalingsoppfordring with the § 4-18 notice: every § 10 element")
  func betalingsoppfordring() throws {
    let l = try ledger.planSteps(.invoices(["2001"]), today: Day(parsing: "2026-02-17")!)
      .letters[0]
    #expect(l.step == .betalingsoppfordring && l.includes418 && l.channel == .letter)
    let text = LetterText.render(l, creditor: creditor)
    #expect(text.contains("BETALINGSOPPFORDRING OG VARSEL ETTER TVANGSFULLBYRDELSESLOVEN § 4-18"))
    #expect(text.contains("inkassoloven § 10"))
    #expect(text.contains("Kreditor: Fjordkraft Rørleggerservice AS"))
    #expect(text.contains("kan det føre til ytterligere kostnader"))
    #expect(text.contains("kravet kan bli inndrevet rettslig"))
    #expect(text.contains("Varsel etter tvangsfullbyrdelsesloven § 4-18"))
    #expect(text.contains("to uker"))
    #expect(text.contains("Betalingsfrist: 03.03.2026"))
    // A business debtor already charged 460 kr compensation: no more fees (no double recovery).
    #expect(l.fee == .zero)
    #expect(text.contains("Gebyr fra tidligere varsler: 460,00 kr"))
  }

  @Test("betalingsoppfordring without the notice, then the notice as its own letter")
  func separate418() throws {
    var events = fixtureEvents()
    events.append(
      e(.ladderSet, "2026-01-01") { $0.extra = ["notice_4_18": "\"separate\""] })
    var l = fold(events)
    let bo = try l.planSteps(.invoices(["2001"]), today: Day(parsing: "2026-02-17")!).letters[0]
    #expect(!bo.includes418)
    let text = LetterText.render(bo, creditor: creditor)
    #expect(text.contains("BETALINGSOPPFORDRING\n") && !text.contains("§ 4-18"))
    for (i, ev) in bo.events.enumerated() {
      var s = ev
      s.id = "x:\(i)"
      s.at = "2026-02-17T10:00:00+01:00"
      l.apply(s, ref: EventRef(journal: 1, offset: UInt64(i)))
    }
    let notice = try l.planSteps(.invoices(["2001"]), today: Day(parsing: "2026-03-04")!)
      .letters[0]
    #expect(notice.step == .varsel418 && notice.deadline == Day(parsing: "2026-03-18"))
    let nt = LetterText.render(notice, creditor: creditor)
    #expect(nt.contains("VARSEL ETTER TVANGSFULLBYRDELSESLOVEN § 4-18"))
    #expect(nt.contains("begjære tvangsfullbyrdelse (utlegg) hos namsmannen"))
  }

  @Test("utleggsbegjæring draft: parties, basis, amounts and court fee 1.21 R")
  func utlegg() throws {
    let l = try ledger.planSteps(.invoices(["3001"]), today: today).letters[0]
    #expect(l.step == .utlegg && l.deadline == nil)
    // R 2026 = 1 314 kr (verify row): 1.21 × 1 314 = 1 589.94 → 1 589 kr.
    #expect(l.courtFee == Money(kroner: 1_589))
    let text = LetterText.render(l, creditor: creditor)
    #expect(text.contains("UTKAST – BEGJÆRING OM UTLEGG"))
    #expect(text.contains("Til: Namsmannen"))
    #expect(text.contains("Saksøker: Fjordkraft Rørleggerservice AS, org.nr. 123 456 785"))
    #expect(text.contains("Saksøkte: Åse Bø"))
    #expect(text.contains("tvangsfullbyrdelsesloven § 7-2 bokstav f"))
    #expect(text.contains("Kravet er ikke bestridt."))
    #expect(text.contains("Rettsgebyr for utleggsbegjæringen (1,21 R): 1 589,00 kr"))
    #expect(
      text.contains(
        "Tidligere varsler: inkassovarsel 15.12.2025 (faktura 3001),"
          + " betalingsoppfordring 05.01.2026 (faktura 3001)"))
  }

  @Test("forliksklage draft for a disputed claim: objection, claim, court fee, no new fee")
  func forliksklage() throws {
    let l = try ledger.planSteps(.invoices(["3002"]), today: today).letters[0]
    #expect(l.step == .forliksklage && l.fee == .zero)
    let text = LetterText.render(l, creditor: creditor)
    #expect(text.contains("UTKAST – FORLIKSKLAGE"))
    #expect(text.contains("Forliksrådet"))
    #expect(text.contains("Klager: Fjordkraft Rørleggerservice AS"))
    #expect(text.contains("Innklaget: Åse Bø"))
    #expect(text.contains("Innklagedes innsigelse: 3002: Lekkasje etter montering"))
    // Principal, interest from after the due date, earlier fees: no interest on interest.
    #expect(
      text.contains(
        "Påstand: Åse Bø dømmes til å betale Fjordkraft Rørleggerservice AS 6 000,00 kr med"
          + " tillegg av forsinkelsesrente"))
    #expect(text.contains("147,50 kr i gebyrer, samt sakskostnader"))
    #expect(text.contains("Rettsgebyr for forliksklagen"))
  }

  @Test("hand-over to an agency: claims, debtor's details and earlier notices; paper letter")
  func agency() throws {
    var events = fixtureEvents()
    events.append(e(.ladderSet, "2026-01-01") { $0.extra = ["handoff": "\"agency\""] })
    let l = fold(events)
    let plan = try l.planSteps(.invoices(["2001"]), today: today, channel: .letter)
    let letter = plan.letters[0]
    #expect(letter.step == .agency && letter.deadline == nil && letter.fee == .zero)
    #expect(letter.address == "Kaia 1, 9008 Tromsø")
    let text = LetterText.render(letter, creditor: creditor)
    #expect(text.contains("OVERSENDELSE TIL INKASSO"))
    #expect(text.contains("Til: Inkassobyrået"))
    #expect(text.contains("mot Ærlig Bygg AS (123 456 785)"))
    #expect(text.contains("Skyldnerens adresse: Kaia 1, 9008 Tromsø"))
    #expect(text.contains("inkassovarsel 02.02.2026 (faktura 2001)"))
    #expect(text.contains("KID \(KID.make(body: "2001")!)"))
  }

  @Test("the .eml: MIME headers, encoded-word Subject with æøå, UTF-8 body, CRLF")
  func eml() throws {
    let l = try ledger.planSteps(.invoices(["1003"]), today: today).letters[0]
    let text = LetterText.render(l, creditor: creditor)
    let mail = LetterFiles.eml(
      l, creditor: creditor, text: text, timestamp: "2026-02-20T09:15:00+01:00")
    let (head, body) = {
      let parts = mail.components(separatedBy: "\r\n\r\n")
      return (parts[0], parts.dropFirst().joined(separator: "\r\n\r\n"))
    }()
    #expect(head.contains("MIME-Version: 1.0\r\n"))
    #expect(head.contains("Content-Type: text/plain; charset=UTF-8\r\n"))
    #expect(head.contains("Content-Transfer-Encoding: 8bit\r\n"))
    #expect(head.contains("Date: Fri, 20 Feb 2026 09:15:00 +0100\r\n"))
    #expect(head.contains("To: =?UTF-8?B?"))
    #expect(head.contains("<kare@ødegård.no>"))
    #expect(head.contains("From: =?UTF-8?B?") && head.contains("<regnskap@fjord.no>"))
    #expect(head.contains("Message-ID: <2026-02-20-reminder-K1@krav.invalid>"))
    #expect(
      head.unicodeScalars.filter { !$0.isASCII }.count
        == "ødegård".unicodeScalars.filter { !$0.isASCII }.count,
      "only the address may be non-ASCII")
    let subject = head.components(separatedBy: "\r\n").first { $0.hasPrefix("Subject: ") }!
    #expect(subject.count <= 78)
    #expect(LetterFiles.encodedWord("Purring – faktura 1003") == subject.dropFirst(9).description)
    #expect(body.replacingOccurrences(of: "\r\n", with: "\n") == text)
    #expect(!body.replacingOccurrences(of: "\r\n", with: "").contains("\n"))
  }

  @Test("encoded-words split at character boundaries and decode back")
  func encodedWords() {
    let s = String(repeating: "Betalingsoppfordring og varsel – æøå ÆØÅ ", count: 3)
    let words = LetterFiles.encodedWord(s).components(separatedBy: "\r\n ")
    #expect(words.count > 1 && words.allSatisfy { $0.count <= 75 })
    let decoded = words.map { w -> [UInt8] in
      let b64 = w.dropFirst(10).dropLast(2)
      return base64Decode(String(b64))
    }
    #expect(decoded.allSatisfy { String(validating: $0, as: UTF8.self) != nil })
    #expect(String(decoding: decoded.flatMap { $0 }, as: UTF8.self) == s)
    #expect(LetterFiles.encodedWord("Purring") == "Purring")
    #expect(LetterFiles.base64(Array("Må".utf8)) == "TcOl")
  }

  @Test(
    "the events of a letter: a step per claim with fee, deadline and letter id, then the letter")
  func events() throws {
    let l = try ledger.planSteps(.customer("K1"), today: today).letters.first {
      $0.step == .inkassovarsel
    }!
    let evs = l.events
    #expect(evs.map(\.type) == [.stepTriggered, .stepTriggered, .letterSent])
    #expect(evs[0].from == "reminder" && evs[0].step == "inkassovarsel")
    #expect(evs[0].amount == 3_750 && evs[0].ref == l.id && evs[0].until == l.deadline)
    #expect(evs[2].channel == "email" && evs[2].text == "kare@ødegård.no" && evs[2].ref == l.id)
    var folded = ledger
    for (i, var ev) in evs.enumerated() {
      ev.id = "x:\(i)"
      ev.at = "2026-02-20T10:00:00+01:00"
      folded.apply(ev, ref: EventRef(journal: 1, offset: UInt64(i)))
    }
    #expect(folded.claims["1001"]!.step == .inkassovarsel)
    #expect(folded.claims["1001"]!.stepOn == today)
    #expect(folded.claims["1001"]!.feeTotal == Money(kroner: 75))
    // The same letter id is not given twice.
    let again = try folded.planSteps(
      .customer("K1"), today: today, isTaken: { $0 == "2026-02-20-reminder-K1" })
    #expect(again.letters.map(\.id) == ["2026-02-20-reminder-K1-2"])
  }
}

private func base64Decode(_ s: String) -> [UInt8] {
  let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/")
  var out: [UInt8] = []
  var buffer = 0
  var bits = 0
  for c in s where c != "=" {
    buffer = (buffer << 6) | alphabet.firstIndex(of: c)!
    bits += 6
    if bits >= 8 {
      bits -= 8
      out.append(UInt8((buffer >> bits) & 0xFF))
    }
  }
  return out
}
