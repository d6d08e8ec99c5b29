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
  // Issue 15 point 12: every rate with its period replaced "for tiden 12,00 %" (one rate).
  #expect(text.contains("forsinkelsesrenteloven § 3, beregnet fra"))
  #expect(text.contains("12,00 % per år fra ") && text.contains("(nå 12,00 % per år)"))
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
    // Issue 15 point 14: a creditor collecting itself says so ("sendt til inkasso" named an
    // agency the store does not have).
    #expect(text.contains("selv inndrive kravet rettslig (inkasso)"))
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

/// K4 (consumer, e-mail): 4001, 10 000 kr for "Montering av varmepumpe", due Sunday 1 June 2025
/// (moved to Monday 2 June, gjeldsbrevloven § 5), reminded 16 June 2025 with 35 kr.
private func movedDueEvents() -> [Event] {
  [
    e(.customerAdded, "2025-05-01", customer: "K4") {
      $0.name = "Per Å"; $0.kind = "consumer"; $0.email = "per@a.no"
      $0.address = "Vei 1, 0150 OSLO"
    },
    e(.claimAdded, "2025-05-01", customer: "K4", invoice: "4001") {
      $0.amount = 1_000_000; $0.issued = Day(parsing: "2025-05-18");
      $0.due = Day(parsing: "2025-06-01")
      $0.text = "Montering av varmepumpe"
    },
    e(.stepTriggered, "2025-06-16", invoice: "4001") {
      $0.from = "invoice"; $0.step = "reminder"; $0.date = Day(parsing: "2025-06-16");
      $0.amount = 3_500
    },
  ]
}

@Suite("Letters: issue 15 (one figure, rates by period, the claim, wording, court drafts, Date)")
struct LetterIssue15Tests {
  let ledger = fold(fixtureEvents())

  @Test("11: the § 4-18 notice counts two weeks from sending, the day the ladder counts from")
  func notice418FromSending() throws {
    // 2001 got its inkassovarsel Mon 2 Feb 2026; betalingsoppfordring with the notice on Tue
    // 17 Feb. Two weeks from sending end Tue 3 Mar (17 + 14), and the ladder allows the
    // utleggsbegjæring from Wed 4 Mar, so the letter may promise no later day than 3 Mar.
    let bo = try ledger.planSteps(.invoices(["2001"]), today: Day(parsing: "2026-02-17")!)
      .letters[0]
    let text = LetterText.render(bo, creditor: creditor)
    #expect(
      text.contains(
        "innen to uker etter at dette varselet er sendt (sendt 17.02.2026, fristen går ut"
          + " 03.03.2026)"))
    #expect(!text.contains("mottatt"))
    var after = ledger
    for (i, var ev) in bo.events.enumerated() {
      ev.id = "x:\(i)"
      ev.at = "2026-02-17T10:00:00+01:00"
      after.apply(ev, ref: EventRef(journal: 1, offset: UInt64(i)))
    }
    let next = after.nextStep(invoice: "2001", today: Day(parsing: "2026-03-04")!)
    #expect(next?.step == .utlegg && next?.from == Day(parsing: "2026-03-04"))
  }

  @Test("12: every interest rate used is listed with its period (worked example 203.29)")
  func ratesByPeriod() throws {
    let l = fold(movedDueEvents())
    let iv = try l.planSteps(.invoices(["4001"]), today: Day(parsing: "2025-08-01")!).letters[0]
    #expect(iv.step == .inkassovarsel)
    // Interest from the day after the moved due date (Tue 3 June) through 1 August: 28 days at
    // 12.50 % (3–30 June) and 32 days at 12.25 % (1 July – 1 August):
    // 10 000 × (0.125 × 28 + 0.1225 × 32) / 365 = 203.29 (domain-norway.md §3).
    #expect(iv.lines[0].interest == Money(ore: 20_329))
    #expect(
      iv.ratePeriods == [
        InterestRatePeriod(
          from: Day(parsing: "2025-06-03")!, through: Day(parsing: "2025-06-30")!,
          basisPoints: 1_250),
        InterestRatePeriod(
          from: Day(parsing: "2025-07-01")!, through: Day(parsing: "2025-08-01")!,
          basisPoints: 1_225),
      ])
    let text = LetterText.render(iv, creditor: creditor)
    #expect(text.contains("  12,50 % per år fra 03.06.2025 til 30.06.2025\n"))
    #expect(text.contains("  12,25 % per år fra 01.07.2025 til 01.08.2025\n"))
    #expect(!text.contains("for tiden"))
    // The betalingsoppfordring of K3's 3001 (due Mon 1 Dec 2025, letter 20 Feb 2026) spans the
    // 2026 change too: 12.25 % for 2–31 Dec, 12.00 % from 1 Jan.
    var k3 = fixtureEvents()
    k3.removeAll { $0.invoice == "3001" && $0.step == "betalingsoppfordring" }
    let bo = try fold(k3).planSteps(.invoices(["3001"]), today: today).letters[0]
    #expect(bo.step == .betalingsoppfordring)
    let bt = LetterText.render(bo, creditor: creditor)
    #expect(bt.contains("  12,25 % per år fra 02.12.2025 til 31.12.2025\n"))
    #expect(bt.contains("  12,00 % per år fra 01.01.2026 til 20.02.2026\n"))
  }

  @Test("12: neighbouring table rows with the same rate are one period")
  func ratePeriodsMerge() {
    // 2024-01-01 and 2024-07-01 are both 12.50 %: one period from 15 Mar 2024 to 30 Dec 2024.
    let p = Ledger.ratePeriods(
      from: Day(parsing: "2024-03-15")!, through: Day(parsing: "2024-12-30")!, table: .norway)
    #expect(
      p == [
        InterestRatePeriod(
          from: Day(parsing: "2024-03-15")!, through: Day(parsing: "2024-12-30")!,
          basisPoints: 1_250)
      ])
  }

  @Test("13: the invoice text, and the moved due date with the invoiced one in brackets")
  func whatTheClaimConcerns() throws {
    let events = movedDueEvents()
    let l = fold(events)
    let iv = try l.planSteps(.invoices(["4001"]), today: Day(parsing: "2025-08-01")!).letters[0]
    // The draft knows where the customer's events are; the text is read from there.
    #expect(iv.sources.count == 3)
    let filled = iv.withInvoiceTexts(from: events)
    let text = LetterText.render(filled, creditor: creditor)
    #expect(
      text.contains(
        "  Faktura 4001 datert 18.05.2025, forfall 02.06.2025 (opprinnelig forfall 01.06.2025)"))
    #expect(text.contains("    Gjelder: Montering av varmepumpe\n"))
    #expect(text.contains("beregnet fra 03.06.2025 (dagen etter forfall)"))
    // A due date that did not move is shown once, without brackets.
    let k1 = try ledger.planSteps(.invoices(["1003"]), today: today).letters[0]
    let t1 = LetterText.render(k1, creditor: creditor)
    #expect(t1.contains("forfall 02.02.2026, KID") && !t1.contains("opprinnelig"))
  }

  @Test("14: the inkassovarsel says what the creditor will do; objections need no form")
  func selfCollectionWording() throws {
    let iv = try ledger.planSteps(.customer("K1"), today: today).letters.first {
      $0.step == .inkassovarsel
    }!
    let own = LetterText.render(iv, creditor: creditor)
    #expect(!own.contains("sendt til inkasso"))
    #expect(
      own.contains(
        "vil Fjordkraft Rørleggerservice AS selv inndrive kravet rettslig (inkasso): først med"
          + " en betalingsoppfordring"))
    // Hand-over to an agency: named when the store names it, else "et inkassobyrå".
    var events = fixtureEvents()
    events.append(e(.ladderSet, "2026-01-01") { $0.extra = ["handoff": "\"agency\""] })
    let anon = try fold(events).planSteps(.customer("K1"), today: today).letters.first {
      $0.step == .inkassovarsel
    }!
    #expect(
      LetterText.render(anon, creditor: creditor).contains(
        "vil kravet bli overlevert til et inkassobyrå for inndriving."))
    events.append(e(.ladderSet, "2026-01-02") { $0.ladderAgencyName = "Lindorff Demo AS" })
    let named = fold(events)
    #expect(named.rules.ladder.agencyName == "Lindorff Demo AS")
    #expect(named.rules.ladder.handoff == .agency, "a later ladder-set keeps what it does not name")
    let nl = try named.planSteps(.customer("K1"), today: today).letters.first {
      $0.step == .inkassovarsel
    }!
    #expect(
      LetterText.render(nl, creditor: creditor).contains(
        "vil kravet bli overlevert til inkassobyrået Lindorff Demo AS for inndriving."))
    let handover = try named.planSteps(.invoices(["2001"]), today: today).letters[0]
    let ht = LetterText.render(handover, creditor: creditor)
    #expect(
      ht.contains("Til: Lindorff Demo AS") && ht.contains("til Lindorff Demo AS for inndriving"))
    // The betalingsoppfordring asks for the objection without demanding writing.
    let bo = try ledger.planSteps(.invoices(["2001"]), today: Day(parsing: "2026-02-17")!)
      .letters[0]
    let bt = LetterText.render(bo, creditor: creditor)
    #expect(!bt.contains("skriftlig") && bt.contains("eller innen samme frist gi oss beskjed om"))
  }

  @Test("15: court drafts go to the court: no e-mail, no letter-sent, forliksråd from postcode")
  func courtDrafts() throws {
    // 3001/3002 belong to Åse Bø, who has an e-mail address: the debtor's letters go there,
    // the drafts do not.
    let ut = try ledger.planSteps(.invoices(["3001"]), today: today).letters[0]
    #expect(ut.step == .utlegg && ut.isCourtDraft)
    #expect(ut.channel == .letter && ut.address == "Namsmannen (Politiet, sivile gjøremål)")
    #expect(ut.events.map(\.type) == [.stepTriggered])
    #expect(ut.events[0].channel == nil && ut.events[0].ref == ut.id)
    let fk = try ledger.planSteps(.invoices(["3002"]), today: today, channel: .email).letters[0]
    #expect(fk.step == .forliksklage && fk.channel == .letter)
    // "Bøveien 3, 3800 Bø": postcode 3800, poststed Bø.
    #expect(fk.address == "Forliksrådet i Bø")
    #expect(!fk.events.contains { $0.type == .letterSent })
    let text = LetterText.render(fk, creditor: creditor)
    #expect(text.contains("Til: Forliksrådet i Bø\n"))
    #expect(text.contains("poststedet i innklagedes adresse (3800 Bø)"))
    #expect(!text.contains("Sendt på e-post"))
    #expect(Court.forliksraad(address: "Vei 1, 0150 OSLO") == "Forliksrådet i Oslo")
    #expect(Court.forliksraad(address: "Torget 1\n8622 MO I RANA") == "Forliksrådet i Mo i Rana")
    #expect(Court.forliksraad(address: "Postboks 7") == "Forliksrådet i innklagedes bostedskommune")
  }

  @Test("15: the utleggsbegjæring warns when the birth date or organisation number is missing")
  func courtDraftIdentity() throws {
    let ut = try ledger.planSteps(.invoices(["3001"]), today: today).letters[0]
    // Åse Bø has no birth number in the fixture.
    #expect(ut.customerIdentity == nil)
    #expect(ut.warnings.count == 1 && ut.warnings[0].hasPrefix("Fødselsdatoen"))
    let text = LetterText.render(ut, creditor: creditor)
    #expect(text.contains("ADVARSEL: Fødselsdatoen (fødselsnummeret) til Åse Bø mangler"))
    // With the birth number, the masked one is printed and there is no warning.
    var events = fixtureEvents()
    events.append(
      e(.customerUpdated, "2026-01-02", customer: "K3") { $0.birthNumber = "31129956715" })
    let with = try fold(events).planSteps(.invoices(["3001"]), today: today).letters[0]
    #expect(with.warnings.isEmpty && with.customerIdentity == "311299*****")
    #expect(!LetterText.render(with, creditor: creditor).contains("ADVARSEL"))
  }

  @Test("16: Date headers are RFC 5322 for every timestamp form, the real clock's included")
  func dateHeader() throws {
    // What the real clock gives (milliseconds) broke the fixed-column parser:
    // "2026-12-06T12:53:02.960+01:00" became "… 11:53:02 .96+0".
    #expect(MailDate.rfc5322("2026-12-06T12:53:02.960+01:00") == "Sun, 06 Dec 2026 12:53:02 +0100")
    #expect(MailDate.rfc5322("2026-07-01T08:05:09+02:00") == "Wed, 01 Jul 2026 08:05:09 +0200")
    #expect(MailDate.rfc5322("2026-07-01T08:05:09Z") == "Wed, 01 Jul 2026 08:05:09 +0000")
    #expect(MailDate.rfc5322("2026-07-01") == nil && MailDate.rfc5322("garbage") == nil)
    let stamp = OsloTime.timestamp(now: Date())
    let l = try ledger.planSteps(.invoices(["1003"]), today: today).letters[0]
    let mail = LetterFiles.eml(
      l, creditor: creditor, text: LetterText.render(l, creditor: creditor), timestamp: stamp)
    let date = mail.components(separatedBy: "\r\n").first { $0.hasPrefix("Date: ") }!
    #expect(isRFC5322(String(date.dropFirst(6))), "\(date) from \(stamp)")
  }
}

/// `Sun, 06 Dec 2026 12:53:02 +0100`: day name, 2-digit day, month name, year, time, zone.
func isRFC5322(_ s: String) -> Bool {
  let p = s.split(separator: " ").map(String.init)
  let days = ["Mon,", "Tue,", "Wed,", "Thu,", "Fri,", "Sat,", "Sun,"]
  let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
  guard p.count == 6, days.contains(p[0]), p[1].count <= 2, Int(p[1]) != nil,
    months.contains(p[2]), p[3].count == 4, Int(p[3]) != nil
  else { return false }
  let t = p[4].split(separator: ":")
  let z = Array(p[5])
  return t.count == 3 && t.allSatisfy { $0.count == 2 && Int($0) != nil } && z.count == 5
    && (z[0] == "+" || z[0] == "-") && Int(String(z[1...])) != nil
}
