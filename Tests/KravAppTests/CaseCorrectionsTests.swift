import Foundation
import KravApp
import KravCore
import KravTestSupport
import TerminalUI
import Testing

private let today = Day(parsing: "2026-11-30")!

/// The three fixture customers plus, for Bjørn Løvås (K1), a payment of 2 000,00 registered by
/// hand on 1001 and a call whose summary has a line break; for Ærlig Økonomi (K2) a promise and
/// a hold (its objection on 2001 is open); and Åse Bø (K9), whose inkassovarsel ran out, so her
/// next step is the betalingsoppfordring with the § 4-18 notice.
private func events() -> [Event] {
  let d = { (n: Int) in today.adding(days: n) }
  return Fixtures.threeCustomers(today: today) + [
    Fixtures.event(.paymentRegistered, d(-3), invoice: "1001") {
      $0.amount = 200_000; $0.date = d(-3); $0.channel = "manual"
    },
    Fixtures.event(.callLogged, d(-2), customer: "K1") {
      $0.outcome = "reached"; $0.text = "Snakket med Bjørn.\nHan betaler resten fredag."
    },
    Fixtures.event(.promiseMade, d(-4), customer: "K2") {
      $0.amount = 1_000_000; $0.date = d(5)
    },
    Fixtures.event(.holdSet, d(-4), customer: "K2") {
      $0.until = d(10); $0.text = "Ferie"
    },
    Fixtures.event(.customerAdded, d(-90), customer: "K9") {
      $0.name = "Åse Bø"; $0.kind = "consumer"; $0.address = "Bøveien 3, 3800 Bø"
    },
    Fixtures.event(.claimAdded, d(-90), customer: "K9", invoice: "9001") {
      $0.amount = 400_000; $0.issued = d(-90); $0.due = d(-70)
    },
    Fixtures.event(.stepTriggered, d(-40), invoice: "9001") {
      $0.from = "invoice"; $0.step = "inkassovarsel"; $0.date = d(-40)
    },
  ]
}

private func driver(width: Int = 100, height: Int = 30, language: Language = .nb) -> AppDriver {
  AppDriver(
    store: MemoryStore(events: events()), today: today, language: language,
    size: Size(width: width, height: height))
}

/// Opens a customer's case as Enter on a list does, with its timeline read back.
private func openCase(_ d: inout AppDriver, _ id: String) {
  d.state.stack.append(.caseView(CaseView(customerId: id)))
  let refs = d.state.ledger.timeline(of: id)
  d.send(.timelineLoaded(customer: id, events: try! d.store.events(at: refs)))
}

/// The screen's rows as one line of single-spaced words: text wrapped over rows reads as one.
private func flat(_ rows: [String]) -> String {
  rows.joined(separator: " ").split(separator: " ").joined(separator: " ")
}

private func caseView(_ d: AppDriver) -> CaseView? {
  if case .caseView(let v) = d.state.top { return v }
  return nil
}

@Suite("Corrections, the edit form, the reader and a step from the case (issue 20)")
struct CaseCorrectionsTests {
  @Test("U reverses a hand-registered payment: which, where the money goes, a reason, y")
  func reversePayment() {
    var d = driver(width: 170)
    openCase(&d, "K1")
    let payment = d.store.events.first { $0.type == .paymentRegistered && $0.invoice == "1001" }!
    #expect(d.state.ledger.claims["1001"]!.balance(asOf: today).paid == Money(kroner: 2_000))
    d.press(.char("U"))
    guard case .correction(let f) = d.state.mode else {
      Issue.record("U opens the correction form")
      return
    }
    #expect(f.kind == .payment && f.focus == .target)
    #expect(d.screenText.contains("Rett en feil – Bjørn Løvås"))
    #expect(d.screenText.contains("2 000,00 kr  1001  \(payment.id)"))
    // Every problem at once: the money's destination is an explicit choice, the reason needed.
    d.press(.function(2))
    #expect(d.screenText.contains("Pengene: velg ett"))
    #expect(d.screenText.contains("Begrunnelse: må fylles ut"))
    d.press(.tab, .right, .tab)
    d.type("Betalt av Åse, ikke Bjørn")
    d.press(.function(2))
    #expect(
      d.screenText.contains(
        "2 000,00 kr tas av kravene og legges tilbake blant uplasserte innbetalinger"))
    let before = d.store.events.count
    // n goes back to the form; nothing is written.
    d.press(.char("n"))
    #expect(d.store.events.count == before)
    d.press(.function(2), .char("y"))
    let e = d.store.events.last!
    #expect(e.type == .paymentReversed && e.ref == payment.id && e.reason == "correction")
    #expect(e.text == "Betalt av Åse, ikke Bjørn" && e.channel == "manual")
    #expect(d.state.ledger.claims["1001"]!.balance(asOf: today).paid == .zero)
    #expect(d.state.ledger.unmatchedPayments.contains { $0.amount == Money(kroner: 2_000) })
    #expect(d.state.status?.text == "Rettelsen er lagret")
    // The timeline shows the correction with its reason and who made it.
    #expect(
      d.screenText.contains(
        "Innbetaling rettet: til uplasserte – 2 000,00 kr – faktura 1001 – 27.11.2026 – Betalt av Åse, ikke Bjørn – av test"
      ))
    // A payment is corrected once: it is no longer offered.
    d.press(.char("U"))
    if case .correction(let g) = d.state.mode { #expect(g.kinds.first != .payment) }
  }

  @Test("a refund is recorded as paid back, not returned to the unmatched list")
  func refundPayment() {
    var d = driver(language: .en)
    openCase(&d, "K1")
    let unmatched = d.state.ledger.unmatchedPayments.count
    d.press(.char("U"), .tab, .left, .tab)
    d.type("Paid back to the customer's account")
    d.press(.function(2))
    #expect(d.screenText.contains("NOK 2,000.00 leaves the claims as paid back"))
    d.press(.char("y"))
    #expect(d.store.events.last?.reason == "refunded")
    #expect(d.state.ledger.unmatchedPayments.count == unmatched)
    #expect(d.screenText.contains("Payment corrected: refunded"))
  }

  @Test("U cancels a promise, lifts a hold early and withdraws an objection, each with a reason")
  func promiseHoldObjection() {
    var d = driver()
    openCase(&d, "K2")
    #expect(d.state.ledger.customers["K2"]!.promises.count == 1)
    d.press(.char("U"))
    guard case .correction(let f) = d.state.mode else {
      Issue.record("U opens the correction form")
      return
    }
    #expect(f.kinds == [.promise, .hold, .objection, .doNotCall])
    d.press(.tab, .tab)
    d.type("Registrert på feil kunde")
    d.press(.function(2))
    #expect(d.screenText.contains("Løftet annulleres: det stanser ikke lenger inndrivingen"))
    d.press(.char("y"))
    #expect(d.store.events.last?.type == .promiseCancelled)
    #expect(d.state.ledger.customers["K2"]!.promises.isEmpty)
    #expect(d.screenText.contains("Betalingsløfte annullert – Registrert på feil kunde – av test"))

    // The hold: now first of what is left.
    d.press(.char("U"), .tab, .tab)
    d.type("Kunden er tilbake")
    d.press(.function(2), .char("y"))
    #expect(d.store.events.last?.type == .holdLifted)
    #expect(d.state.ledger.customers["K2"]!.holdUntil == nil)
    #expect(d.screenText.contains("Pause opphevet – Kunden er tilbake – av test"))

    // The objection the debtor withdrew: collection of 2001 goes on.
    d.press(.char("U"), .tab, .tab)
    d.type("Trukket i telefon 30.11")
    d.press(.function(2))
    #expect(d.screenText.contains("Innsigelsen trekkes: inndrivingen av 2001 går videre"))
    d.press(.char("y"))
    #expect(d.store.events.last?.outcome == Dispute.withdrawn)
    #expect(d.state.ledger.customers["K2"]!.disputes.allSatisfy { !$0.isOpen })
    #expect(d.screenText.contains("Innsigelse trukket – faktura 2001 – Trukket i telefon 30.11"))
  }

  @Test("x asks for a reason both ways: do-not-call, then may-call (krav call may-call)")
  func doNotCallAndBack() {
    var d = driver()
    openCase(&d, "K1")
    d.press(.char("x"))
    d.type("Ba om brev")
    d.press(.function(2), .char("y"))
    #expect(d.state.ledger.customers["K1"]!.doNotCall)
    d.press(.char("x"))
    #expect(d.screenText.contains("kan ringes igjen"))
    d.press(.function(2))
    #expect(d.screenText.contains("Begrunnelse: må fylles ut"))
    d.type("Ringte selv og ba om å bli ringt")
    d.press(.function(2))
    #expect(d.screenText.contains("Følge: Kunden kan ringes igjen"))
    d.press(.char("y"))
    #expect(!d.state.ledger.customers["K1"]!.doNotCall)
    let e = d.store.events.last!
    #expect(e.callPreference == .mayCall && e.text == "Ringte selv og ba om å bli ringt")
    #expect(d.screenText.contains("Kan ringes igjen – Ringte selv og ba om å bli ringt"))
  }

  @Test("accepting an objection: the consequence names the credit note and what is left")
  func acceptObjectionConsequence() {
    var d = driver()
    openCase(&d, "K2")
    d.press(.char("i"))
    if case .resolveDispute(let f) = d.state.mode { #expect(f.outcome == nil) }
    #expect(!d.screenText.contains("[godtatt]"), "nothing is pre-selected")
    d.press(.tab, .right, .tab)
    d.type("50 000")
    d.press(.function(2))
    // 50 000,00 principal + 328,77 interest − the 50 000,00 credit note: 328,77 goes on.
    #expect(
      d.screenText.contains("Innsigelsen godtas med kreditnota 50 000,00 kr; kravet 2001 går"))
    #expect(d.screenText.contains("innfordring med 328,77 kr utestående"))
    let before = d.store.events.count
    d.press(.char("n"), .escape)
    // The form was filled in: Esc asks before discarding it (issue 20); y discards.
    #expect(d.screenText.contains("Forkaste endringene?"))
    d.press(.char("y"))
    #expect(d.store.events.count == before, "n, then Esc: nothing saved")
    #expect(d.state.mode == .normal)
  }

  @Test("E edits the customer: every problem at once, then one customer-updated, old → new")
  func editCustomer() {
    var d = driver()
    openCase(&d, "K1")
    d.press(.char("E"))
    guard case .customerEdit = d.state.mode else {
      Issue.record("E opens the edit form")
      return
    }
    #expect(d.screenText.contains("Løkkeveien 3, 9008 Tromsø"))
    #expect(!d.screenText.contains("31129956715"), "the birth number is never shown")
    // Address: replace the text.
    d.press(.tab, .tab)
    for _ in 0..<40 { d.press(.backspace) }
    d.type("Ærøyveien 5, 9011 Tromsø")
    d.press(.tab, .tab)
    d.type("bjørn@")
    d.press(.tab)
    d.type("123")
    d.press(.function(2))
    #expect(d.screenText.contains("E-post: ugyldig"))
    #expect(d.screenText.contains("Org.nr.: ugyldig"))
    let before = d.store.events.count
    #expect(d.store.events.count == before)
    d.press(.backspace, .backspace, .backspace, .backTab)
    for _ in 0..<6 { d.press(.backspace) }
    d.type("bjorn@lovas.no")
    d.press(.function(2))
    let e = d.store.events.last!
    #expect(e.type == .customerUpdated && e.address == "Ærøyveien 5, 9011 Tromsø")
    #expect(e.oldValue("address") == "Løkkeveien 3, 9008 Tromsø" && e.email == "bjorn@lovas.no")
    #expect(e.name == nil && e.phone == nil, "unchanged fields are not written")
    #expect(d.state.ledger.customers["K1"]!.address == "Ærøyveien 5, 9011 Tromsø")
    #expect(d.state.status?.text == "Kundeopplysningene er lagret")
    // The newest entry, read in full: the old and the new value.
    d.press(.enter)
    #expect(
      flat(d.screen).contains(
        "adresse endret fra Løkkeveien 3, 9008 Tromsø til Ærøyveien 5, 9011 Tromsø – e-post endret fra (tom) til bjorn@lovas.no"
      ))
  }

  @Test("Enter reads a timeline entry in full, line breaks kept; Esc back to the case")
  func readTimelineEntry() {
    var d = driver(width: 80, height: 24)
    openCase(&d, "K1")
    let timeline = caseView(d)!.timeline!
    let i = timeline.firstIndex { $0.type == .callLogged && $0.text?.contains("\n") == true }!
    for _ in 0..<i { d.press(.down) }
    #expect(caseView(d)!.selected == i)
    // The timeline keeps the line break: the second line under the first (issue 20).
    let rows = d.screen
    let at = rows.firstIndex { $0.contains("Snakket med Bjørn.") && !$0.contains("Han betaler") }
    #expect(at.map { rows[$0 + 1].contains("Han betaler") } == true, "\(d.screenText)")
    d.press(.enter)
    guard case .reader = d.state.mode else {
      Issue.record("Enter opens the reader")
      return
    }
    #expect(d.screen.contains { $0.hasPrefix("Snakket med Bjørn.") })
    #expect(d.screen.contains { $0.hasPrefix("Han betaler resten fredag.") })
    #expect(d.screen.allSatisfy { $0.displayWidth <= 80 })
    d.press(.escape)
    #expect(d.state.mode == .normal && caseView(d) != nil)
  }

  @Test("the timeline's window moves only when the selection leaves it (80×24)")
  func timelineWindow() {
    var notes = events()
    for i in 1...20 {
      notes.append(Fixtures.event(.noteAdded, today, customer: "K1") { $0.text = "Notat \(i)" })
    }
    var d = AppDriver(
      store: MemoryStore(events: notes), today: today, size: Size(width: 80, height: 24))
    openCase(&d, "K1")
    var moves = 0
    while caseView(d)!.scroll == 0, moves < 40 {
      d.press(.down)
      moves += 1
    }
    let v = caseView(d)!
    #expect(v.scroll == 1 && v.selected > 1, "the window moved one row with the selection")
    // Up moves the selection inside the window; the window stays.
    d.press(.up)
    #expect(caseView(d)!.scroll == 1 && caseView(d)!.selected == v.selected - 1)
    #expect(
      d.screenText.contains(
        TimelineText.line(caseView(d)!.timeline![v.selected - 1], d.state.catalogue)))
    d.press(.home)
    #expect(caseView(d)!.scroll == 0 && caseView(d)!.selected == 0)
  }

  @Test("T takes the next step from the case; the § 4-18 notice is readable in full at 80×24")
  func stepFromCaseAndReader() {
    var d = driver(width: 80, height: 24)
    openCase(&d, "K9")
    d.press(.char("T"))
    guard case .confirmSteps(let c) = d.state.mode else {
      Issue.record("T opens the step confirmation")
      return
    }
    #expect(c.plan.letters.map(\.step) == [.betalingsoppfordring])
    #expect(d.screen.allSatisfy { $0.displayWidth <= 80 })
    // The preview scrolls to its end, never into an empty pane.
    for _ in 0..<30 { d.press(.pageDown) }
    let preview = d.screen.dropFirst(3).filter { !$0.trimmingCharacters(in: .whitespaces).isEmpty }
    #expect(preview.count > 5, "the last page of the preview shows the letter's last rows")
    // Enter reads the letter in full: page through it and the § 4-18 sentence is all there.
    d.press(.enter)
    guard case .reader = d.state.mode else {
      Issue.record("Enter opens the reader")
      return
    }
    // The text rows are 2..<22 at 24 rows (title bar, reader title; foot, status below).
    d.press(.home)
    var seen = Array(d.screen[2..<22])
    for _ in 0..<200 {
      let before = d.screen
      d.press(.down)
      if d.screen == before { break }
      seen.append(d.screen[21])
    }
    #expect(d.screen[22].hasPrefix("(slutt)"))
    d.press(.pageUp, .pageUp)
    #expect(d.screen[22].hasPrefix("↓"))
    d.press(.end)
    #expect(d.screen[22].hasPrefix("(slutt)"))
    // The notice (tvfbl. § 4-18): sent today 30.11, two weeks to 14.12, then utlegg.
    let notice =
      "Varsel etter tvangsfullbyrdelsesloven § 4-18: Dersom kravet ikke er betalt innen to uker"
      + " etter at dette varselet er sendt (sendt 30.11.2026, fristen går ut 14.12.2026), kan"
      + " Fjordkraft Regnskap AS begjære tvangsfullbyrdelse (utlegg) hos namsmannen uten nytt"
      + " varsel. Det kan føre til ytterligere kostnader for deg."
    #expect(flat(seen).contains(notice), "the whole § 4-18 notice is read, wrapped at 80 columns")
    #expect(d.screen.allSatisfy { $0.displayWidth <= 80 })
    // Esc returns to the confirmation; y sends; the case's timeline shows the step.
    d.press(.escape)
    guard case .confirmSteps = d.state.mode else {
      Issue.record("Esc returns to the confirmation")
      return
    }
    d.press(.char("y"))
    #expect(
      d.store.events.contains { $0.type == .stepTriggered && $0.step == "betalingsoppfordring" })
    #expect(caseView(d)?.customerId == "K9")
    #expect(d.screenText.contains("betalingsoppfordring"))
    // The letter-sent entry opens the letter itself from the store.
    let timeline = caseView(d)!.timeline!
    let i = timeline.firstIndex { $0.type == .letterSent }!
    d.press(.home)
    for _ in 0..<i { d.press(.down) }
    d.press(.enter, .end)
    #expect(d.screenText.contains("uten nytt varsel") || d.screenText.contains("(slutt)"))
    guard case .reader(let r) = d.state.mode else {
      Issue.record("the reader is open")
      return
    }
    #expect(r.loading == nil && r.text.contains("Varsel etter tvangsfullbyrdelsesloven § 4-18"))
  }
}
