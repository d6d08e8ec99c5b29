import Foundation
import KravApp
import KravCore
import KravTestSupport
import TerminalUI
import Testing

private let today = Day(parsing: "2026-11-30")!
private let sender = MailSender(
  name: "Fjord Rør AS", orgnr: "123456785", account: "86011117947",
  email: "post@fjordror.example", phone: nil)

/// The three fixture customers plus Ærlig Økonomi's broken promise (made 10 days ago for 5
/// days ago) and a fourth customer, Øystein, with a reminder unpaid past its deadline.
private func events() -> [Event] {
  let d = { (n: Int) in today.adding(days: n) }
  return Fixtures.threeCustomers(today: today) + [
    Fixtures.event(.customerUpdated, d(-10), customer: "K2") { $0.phone = "+47 22 33 44 55" },
    Fixtures.event(.promiseMade, d(-10), customer: "K2") {
      $0.amount = 1_000_000
      $0.date = d(-5)
    },
    Fixtures.event(.customerAdded, d(-60), customer: "K4") {
      $0.name = "Øystein Æsøy"
      $0.kind = "consumer"
      $0.phone = "+47 400 00 000"
    },
    Fixtures.event(.claimAdded, d(-60), customer: "K4", invoice: "4001") {
      $0.amount = 300_000
      $0.issued = d(-60)
      $0.due = d(-45)
    },
    Fixtures.event(.stepTriggered, d(-25), customer: "K4", invoice: "4001") {
      $0.from = "invoice"
      $0.step = "reminder"
      $0.date = d(-25)
    },
  ]
}

private func driver(minute: Int = 10 * 60, width: Int = 100, height: Int = 30) -> AppDriver {
  AppDriver(
    store: MemoryStore(events: events()), today: today, language: .nb,
    size: Size(width: width, height: height), start: .calls, minute: minute, sender: sender)
}

private func selectedCall(_ d: AppDriver) -> String? {
  guard case .calls(let v) = d.state.top else { return nil }
  return v.selectedId ?? d.state.calls.first?.customer
}

@Test("the app starts on today's call list: ranked, with reasons and the score explained")
func callListStartScreen() {
  let d = driver()
  guard case .calls = d.state.top else {
    Issue.record("not on the call list")
    return
  }
  #expect(d.state.calls.first?.customer == "K2", "a broken promise goes to the top")
  let text = d.screenText
  #expect(text.contains("Ringeliste (3)"))
  #expect(text.contains("! Ærlig Økonomi AS"))
  #expect(text.contains("Øystein Æsøy"))
  #expect(text.contains("Hvorfor: brutt løfte"))
  #expect(text.contains("Poeng: grunner"))
  #expect(text.contains("[øverst: brutt løfte]"))
  #expect(text.contains("Ringeregler: kan ringes nå"))
  #expect(text.contains("l logg samtale"))
}

@Test(
  "log a call with a promise from the list: the e-mail is edited before saving, then n goes to the next customer"
)
func logCallWithPromise() {
  var d = driver()
  let first = selectedCall(d)!
  let next = d.state.calls[1].customer
  d.press(.char("l"))
  guard case .callForm = d.state.mode else {
    Issue.record("the call form did not open")
    return
  }
  #expect(d.screenText.contains("Logg samtale – Ærlig Økonomi AS"))
  d.press(.tab)
  d.type("Snakket med daglig leder Åse – lønn kommer fredag.")
  d.press(.enter)
  d.type("Betaler 10 000 kr innen fredag, øvrig innsigelse står.")
  d.press(.tab)
  d.type("10 000,00")
  d.press(.tab)
  d.type("04.12.2026")
  d.press(.function(2))
  // The e-mail step: its own text from the template of what was agreed, never the summary.
  guard case .callForm(let step) = d.state.mode, step.writingEmail else {
    Issue.record("the e-mail step did not open")
    return
  }
  #expect(d.screenText.contains("Oppfølgings-e-post – rediger før lagring"))
  #expect(step.email.text.contains("Du betaler 10 000,00 kr innen 04.12.2026"))
  #expect(!step.email.text.contains("Snakket med daglig leder"))
  d.type("Takk for en hyggelig prat. ")
  d.press(.function(2))
  let stored = d.store.events.suffix(2)
  #expect(stored.map(\.type) == [.callLogged, .promiseMade])
  let call = stored.first!
  #expect(call.customer == first)
  #expect(call.outcome == "reached")
  #expect(
    call.text
      == "Snakket med daglig leder Åse – lønn kommer fredag.\nBetaler 10 000 kr innen fredag, øvrig innsigelse står."
  )
  #expect(stored.last?.amount == 1_000_000)
  #expect(stored.last?.date == Day(parsing: "2026-12-04"))
  // The draft was written before the events, and the call names it.
  let path = call.ref!
  #expect(d.store.drafts[path]?.contains("Content-Type: text/plain; charset=UTF-8") == true)
  guard case .review = d.state.mode else {
    Issue.record("the e-mail draft is not shown")
    return
  }
  #expect(d.screenText.contains("Oppfølgings-e-post (utkast)"))
  #expect(d.screenText.contains("Du betaler 10 000,00 kr innen 04.12.2026"))
  #expect(d.screenText.contains("Samtale lagret"))
  #expect(d.screenText.contains("Takk for en hyggelig prat."))
  #expect(!FollowUpMailText.decoded(d.store.drafts[path]!).contains("Snakket med daglig leder"))
  #expect(d.screenText.contains("n neste kunde"), "the footer names the key")
  d.press(.enter)
  #expect(d.state.mode != .normal, "Enter does not move on")
  d.press(.char("n"))
  #expect(d.state.mode == .normal)
  #expect(selectedCall(d) == next, "on to the next customer, without going back")
  #expect(!d.state.calls.contains { $0.customer == first }, "called: off today's list")
}

@Test("at 80×24 the call column says when in nine cells: the weekday within the week")
func callWhenFitsNarrowColumn() {
  // Monday 30.11.2026 at 17:00: calls may start again on Tuesday at 08:00.
  let d = driver(minute: 17 * 60, width: 80, height: 24)
  let row = d.screenText.split(separator: "\n").first { $0.contains("Ærlig Økonomi AS") }
  #expect(row?.contains(" tir 08:00 ") == true, "row: \(row ?? "none")")
  #expect(!d.screenText.contains("fra 01.1…"), "never a cut date")
}

@Test("a call outside office hours asks for a reason; without one nothing is saved")
func outsideHoursNeedsReason() {
  var d = driver(minute: 17 * 60)
  #expect(d.screenText.contains("fra 01.12.2026 08:00"))
  let before = d.store.events.count
  d.press(.char("l"), .char("2"))
  #expect(d.screenText.contains("Utenfor ringereglene: etter kontortid"))
  d.press(.function(2))
  #expect(d.store.events.count == before)
  #expect(d.screenText.contains("Grunn til å ringe nå: samtalen er utenfor ringereglene"))
  guard case .callForm(let form) = d.state.mode else {
    Issue.record("the form closed")
    return
  }
  #expect(form.focus == .outsideReason)
  d.type("Kunden ba om å bli ringt etter jobb")
  d.press(.ctrl("s"))
  #expect(d.store.events.count == before + 1)
  #expect(d.store.events.last?.outcome == "no-answer")
  #expect(d.store.events.last?.reason == "Kunden ba om å bli ringt etter jobb")
  // No answer and nothing agreed: no e-mail to review; straight on.
  #expect(d.state.mode == .normal)
}

@Test("bad form values are named by field; a failed write brings the form back intact")
func formErrorsAndFailedWrite() {
  var d = driver()
  d.press(.char("l"), .tab)
  d.type("Viktig sammendrag")
  d.press(.tab)
  d.type("tusen")
  d.press(.function(2))
  #expect(d.screenText.contains("Løfte: beløp: skriv et beløp"))
  #expect(d.screenText.contains("Løfte: innen: må fylles ut"))
  // Clear the amount, and make the write fail.
  for _ in 0..<5 { d.press(.backspace) }
  d.store.failNextAppend = "disk full"
  d.press(.function(2), .function(2))
  #expect(d.state.status?.isError == true)
  guard case .callForm(let form) = d.state.mode else {
    Issue.record("the form did not come back")
    return
  }
  #expect(form.summary.text == "Viktig sammendrag")
}

@Test("from a case: l logs the call, and n on the review opens the next customer's case")
func logFromCase() {
  var d = driver()
  d.press(.down, .enter)
  guard case .caseView(let v) = d.state.top else {
    Issue.record("no case")
    return
  }
  let next = d.state.calls.firstIndex { $0.customer == v.customerId }.map {
    d.state.calls[$0 + 1].customer
  }
  d.press(.char("l"), .tab)
  d.type("Ringte om purringen; betaler i morgen.")
  d.press(.function(2), .function(2))
  #expect(d.store.events.last?.type == .callLogged)
  d.press(.char("n"))
  guard case .caseView(let now) = d.state.top else {
    Issue.record("not in a case")
    return
  }
  #expect(now.customerId == next)
  #expect(d.state.stack.count == 2, "the call list stays underneath")
}

@Test("x flags a customer do-not-call after a reason and y; the call list then says so")
func doNotCallFromCase() {
  var d = driver()
  let before = d.store.events.count
  d.press(.enter, .char("x"))
  // Issue 20: a reason is asked, then the consequence and y/n; nothing is written before.
  #expect(d.screenText.contains("Rett en feil"))
  d.press(.function(2))
  #expect(d.screenText.contains("Begrunnelse: må fylles ut"))
  d.type("Ba om å bli kontaktet skriftlig")
  d.press(.function(2))
  #expect(d.screenText.contains("Følge: Kunden skal ikke ringes"))
  #expect(d.store.events.count == before)
  d.press(.char("y"))
  #expect(d.store.events.last?.type == .callPreferenceSet)
  #expect(d.store.events.last?.text == "Ba om å bli kontaktet skriftlig")
  #expect(d.store.events.last?.reason == "do-not-call")
  #expect(d.state.status?.text == "Merket: skal ikke ringes")
  #expect(d.screenText.contains("ønsker ikke å bli ringt"))
  d.press(.escape)
  #expect(d.screenText.contains("ikke ring"))
}

@Test("c opens the customers list over the call list; Esc comes back")
func customersFromCalls() {
  var d = driver()
  d.press(.char("c"))
  #expect(d.screenText.contains("Kunder med forfalte krav"))
  d.press(.escape)
  #expect(d.screenText.contains("Ringeliste"))
}

@Test("the call list and the form fit 80×24 in English too")
func callListSmallScreen() {
  var d = AppDriver(
    store: MemoryStore(events: events()), today: today, language: .en,
    size: Size(width: 80, height: 24), start: .calls, minute: 10 * 60, sender: sender)
  #expect(d.screenText.contains("Call list (3)"))
  #expect(d.screen.allSatisfy { $0.displayWidth <= 80 })
  d.press(.char("l"))
  let text = d.screenText
  #expect(text.contains("Log call"))
  #expect(text.contains("Promise: amount"))
  #expect(text.contains("Propose an instalment plan"))
  #expect(text.contains("F2/Ctrl-S save"))
}

@Test("i resolves an objection from the case: rejected drafts the answer e-mail first")
func resolveDisputeFromCase() {
  var d = driver()
  // Ærlig Økonomi AS (K2) is first on the list, with an open objection on 2001.
  d.press(.enter, .char("i"))
  guard case .resolveDispute = d.state.mode else {
    Issue.record("the resolve form did not open")
    return
  }
  #expect(d.screenText.contains("Avgjør innsigelse"))
  #expect(d.screenText.contains("2001 bestridt mangel – Mangelfull levering"))
  // Issue 20: nothing is pre-selected; saving without an outcome says so and writes nothing.
  let before = d.store.events.count
  d.press(.function(2))
  #expect(d.screenText.contains("Utfall: velg utfall (ingenting er valgt)"))
  #expect(d.store.events.count == before)
  d.press(.tab, .right, .right, .tab)
  d.type("500")
  d.press(.function(2))
  #expect(d.screenText.contains("Kreditnota: bare når godtatt"))
  for _ in 0..<3 { d.press(.backspace) }
  d.press(.function(2))
  #expect(d.screenText.contains("Svar: må fylles ut"))
  d.press(.tab)
  d.type("Leveransen ble kontrollert og godkjent av dere på stedet.")
  d.press(.function(2))
  // The consequence before anything is saved; y saves.
  #expect(d.screenText.contains("Følge: Innsigelsen avvises; svaret lagres som e-postutkast"))
  #expect(d.screenText.contains("15.12.2026 om skyldneren ikke svarer"))
  #expect(d.store.events.count == before)
  d.press(.char("y"))
  let e = d.store.events.last!
  #expect(e.type == .disputeResolved && e.outcome == "rejected")
  let letter = e.extra["letter"]!.trimmingCharacters(in: CharacterSet(charactersIn: "\""))
  #expect(d.store.drafts[letter]?.contains("Subject: =?UTF-8?B?") == true)
  #expect(d.screenText.contains("Vi har gått gjennom saken"))
  #expect(FollowUpMailText.decoded(d.store.drafts[letter]!).contains("svare oss innen 14.12.2026"))
  d.press(.escape)
  #expect(d.state.mode == .normal)
  #expect(d.screenText.contains("innkreving fortsetter 15.12.2026"))
  // Accepted with a credit note: no e-mail, the claim is reduced.
  var a = driver()
  a.press(.enter, .char("i"), .tab, .right, .tab)
  // Accepted needs the credit note's amount (0 for none).
  a.press(.function(2))
  #expect(a.screenText.contains("Kreditnota: må fylles ut"))
  a.type("2 000")
  a.press(.function(2))
  #expect(a.screenText.contains("Innsigelsen godtas med kreditnota 2 000,00 kr"))
  #expect(a.store.events.last?.type != .disputeResolved)
  a.press(.char("y"))
  #expect(a.store.events.last?.outcome == "accepted")
  #expect(a.store.events.last?.amount == 200_000)
  #expect(a.state.ledger.claims["2001"]!.credits == Money(kroner: 2_000))
}

/// The body of a stored .eml draft, decoded.
enum FollowUpMailText {
  static func decoded(_ eml: String) -> String {
    let body = eml.components(separatedBy: "\r\n\r\n").dropFirst().joined(separator: "\r\n\r\n")
    return FollowUpMail.decodeQuotedPrintable(body)
  }
}

@Test("h puts the customer (or one claim) on hold from the case, with a reason")
func holdFromCase() {
  var d = driver()
  d.press(.enter, .char("h"))
  #expect(d.screenText.contains("Sett på pause"))
  d.type("01.11.2026")
  d.press(.function(2))
  #expect(d.screenText.contains("Pause til: kan ikke være før i dag"))
  #expect(d.screenText.contains("Pause: grunn: må fylles ut"))
  for _ in 0..<10 { d.press(.backspace) }
  d.type("15.12.2026")
  d.press(.tab)
  d.type("2001")
  d.press(.tab)
  d.type("Venter på takstmann")
  d.press(.function(2))
  let e = d.store.events.last!
  #expect(e.type == .holdSet && e.invoice == "2001" && e.until == Day(parsing: "2026-12-15"))
  #expect(e.text == "Venter på takstmann")
  #expect(d.state.status?.text == "Pause lagret")
  #expect(d.state.ledger.claims["2001"]!.holdUntil == Day(parsing: "2026-12-15"))
  #expect(d.screenText.contains("Pause – faktura 2001 – til 15.12.2026 – Venter på takstmann"))
}

@Test("'propose a plan' on the call form opens the plan builder for the customer after the call")
func proposePlanFromCall() {
  var d = driver()
  d.press(.down)  // Bjørn Løvås: claims a plan can cover (Ærlig Økonomi's one claim is disputed)
  let first = selectedCall(d)!
  d.press(.char("l"), .tab)
  d.type("Vil betale over tid")
  for _ in 0..<11 { d.press(.tab) }
  guard case .callForm(let form) = d.state.mode, form.focus == .proposePlan else {
    Issue.record("not on the plan field")
    return
  }
  d.press(.char(" "), .function(2), .function(2))
  #expect(d.store.events.suffix(2).map(\.type) == [.callLogged, .noteAdded])
  #expect(d.store.events.last?.reason == "propose-plan")
  d.press(.escape)  // closes the e-mail review
  guard case .planForm = d.state.mode else {
    Issue.record("the plan builder did not open")
    return
  }
  #expect(d.screenText.contains(d.state.ledger.customers[first]!.name))
}

@Test("an objection from the call form records what, how much, why, who raised it, when and how")
func logCallWithObjection() {
  var d = driver()
  while selectedCall(d) != "K4", d.state.calls.contains(where: { $0.customer == "K4" }) {
    let before = selectedCall(d)
    d.press(.down)
    if selectedCall(d) == before { break }
  }
  #expect(selectedCall(d) == "K4")
  d.press(.char("l"), .tab)
  d.type("Innsigelse på røret")
  for _ in 0..<4 { d.press(.tab) }  // summary, promise amount, promise date, promise invoice
  d.type("4001")
  d.press(.tab)
  d.type("500")
  d.press(.tab)  // the reason stays "defect in delivery"
  d.press(.tab)
  d.type("Røret lakk ved levering")
  d.press(.tab)
  d.type("Åse Ørn")
  #expect(d.screenText.contains("Fra hvem: Åse Ørn"), "the field is on screen where Tab put it")
  d.press(.function(2), .function(2))
  let dispute = d.store.events.last { $0.type == .disputeOpened }
  #expect(dispute?.invoice == "4001" && dispute?.amount == 50_000)
  #expect(dispute?.reason == "defect" && dispute?.text == "Røret lakk ved levering")
  #expect(dispute?.name == "Åse Ørn", "who raised it")
  #expect(dispute?.date == today && dispute?.channel == "phone", "when and how")
}

@Test(
  "a read-only store: every form that would write is refused with the reason on the status line")
func readOnlyRefusals() {
  var d = driver()
  d.state.readOnlyReason = "journal damaged"
  let before = d.store.events.count
  func expectRefused(_ what: String) {
    guard case .normal = d.state.mode else {
      Issue.record("\(what) opened a form on a read-only store")
      d.press(.escape)
      return
    }
    #expect(d.state.status?.text == "SKRIVEBESKYTTET: journal damaged", "\(what)")
    #expect(d.state.status?.isError == true, "\(what)")
    d.state.status = nil
  }
  d.press(.char("l"))
  expectRefused("l on the call list")
  d.press(.enter)
  for key in ["l", "h", "n", "b", "p"] {
    d.press(.char(Character(key)))
    expectRefused("\(key) in the case")
  }
  #expect(d.store.events.count == before)
}
