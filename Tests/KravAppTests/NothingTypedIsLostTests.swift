import Foundation
import KravApp
import KravCore
import KravTestSupport
import TerminalUI
import Testing

// Issue 20, "nothing typed is lost": Esc asks before discarding a changed form, every problem
// shows on the first save, the follow-up e-mail is its own text, multi-line summaries stay
// multi-line, Esc after a call goes back where the collector came from, and a promise can be
// tied to one invoice.

private let today = Day(parsing: "2026-11-30")!
private let sender = MailSender(
  name: "Fjord Rør AS", orgnr: "123456785", account: "86011117947",
  email: "post@fjordror.example", phone: nil)

/// The three fixture customers; Bjørn Løvås (K1) has two open claims and a phone and e-mail.
private func events() -> [Event] {
  Fixtures.threeCustomers(today: today) + [
    Fixtures.event(.customerUpdated, today.adding(days: -10), customer: "K1") {
      $0.email = "bjorn@example.no"
    }
  ]
}

private func driver(start: StartScreen = .calls, width: Int = 100, height: Int = 30) -> AppDriver {
  AppDriver(
    store: MemoryStore(events: events()), today: today, language: .nb,
    size: Size(width: width, height: height), start: start, sender: sender)
}

/// A driver on K1's case (from the customers list).
private func onBjornsCase() -> AppDriver { onCase("Bjørn") }

/// A driver on the case of the customer `name` finds (from the customers list).
private func onCase(_ name: String) -> AppDriver {
  var d = driver(start: .customers)
  d.press(.char("/"))
  d.type(name)
  d.press(.enter, .enter)
  return d
}

private func isDiscardQuestion(_ d: AppDriver) -> Bool {
  if case .confirmDiscard = d.state.mode { return true }
  return false
}

@Test(
  "Esc on a form with changes asks first: n goes back with everything kept, y/j discards, Enter never does"
)
func escAsksBeforeDiscardingTheCallForm() {
  var d = driver()
  let before = d.store.events.count
  d.press(.char("l"), .tab)
  d.type("Snakket med Bjørn – økonomien er stram.")
  d.press(.enter)
  d.type("Ringer tilbake på fredag.")
  d.press(.escape)
  #expect(isDiscardQuestion(d))
  #expect(d.screenText.contains("Forkaste endringene?"))
  #expect(d.screenText.contains("y/j forkast"))
  #expect(d.screenText.contains("n/Esc tilbake til skjemaet"))
  d.press(.enter)
  #expect(isDiscardQuestion(d), "Enter never confirms")
  d.press(.char("n"))
  guard case .callForm(let form) = d.state.mode else {
    Issue.record("n did not go back to the form")
    return
  }
  #expect(form.summary.text == "Snakket med Bjørn – økonomien er stram.\nRinger tilbake på fredag.")
  d.press(.escape)
  #expect(isDiscardQuestion(d))
  d.press(.escape)
  #expect(d.state.mode.isCallForm, "Esc on the question goes back to the form")
  d.press(.escape, .char("j"))
  #expect(d.state.mode == .normal)
  #expect(d.state.status?.text == "Forkastet – ingenting lagret")
  #expect(d.store.events.count == before)
}

@Test("a form without changes closes at once on Esc, also after moving between fields")
func escClosesAnUnchangedForm() {
  var d = driver()
  d.press(.char("l"), .tab, .tab, .tab, .escape)
  #expect(d.state.mode == .normal)
  var c = onBjornsCase()
  for key in ["h", "n", "b", "w", "p"] {
    c.press(.char(Character(key)))
    c.press(.tab)
    c.press(.escape)
    #expect(c.state.mode == .normal, "\(key): closed at once")
  }
}

@Test("every form asks before discarding: hold, plan, resolve, payment, write-off, note")
func everyFormAsks() {
  // key to open, keys that change something, what the form is
  let forms: [(String, [Key], String)] = [
    ("h", "15.12.2026".map { Key.char($0) }, "hold"),
    ("p", [.backspace, .char("6")], "plan builder"),
    ("b", "500".map { Key.char($0) }, "payment"),
    ("w", [.backspace], "write-off"),
    ("n", "Ringte – ingen svar".map { Key.char($0) }, "note"),
  ]
  for (open, edits, what) in forms {
    var d = onBjornsCase()
    let before = d.store.events.count
    d.press(.char(Character(open)))
    let opened = d.state.mode
    for k in edits { d.press(k) }
    d.press(.escape)
    #expect(isDiscardQuestion(d), "\(what): Esc asks")
    d.press(.char("n"))
    #expect(d.state.mode.sameKind(as: opened), "\(what): back to the form")
    #expect(!isDiscardQuestion(d) && d.state.mode != .normal, "\(what): the form is back")
    d.press(.escape, .char("y"))
    #expect(d.state.mode == .normal, "\(what): y discards")
    #expect(d.store.events.count == before, "\(what): nothing saved")
  }
  // The resolve form is on Ærlig Økonomi (K2), who has the open objection.
  var r = onCase("Ærlig")
  r.press(.char("i"), .tab, .right)
  r.press(.escape)
  #expect(isDiscardQuestion(r), "resolve: a changed choice asks too")
  r.press(.char("j"))
  #expect(r.state.mode == .normal)
}

@Test("every problem shows on the first save: call form, hold form, plan builder")
func allProblemsAtOnce() {
  var d = driver()
  // Bjørn Løvås is on the call list; log a reached call with everything wrong.
  d.press(.char("l"))
  for _ in 0..<2 { d.press(.tab) }  // summary left empty
  d.type("tusen")
  d.press(.tab)
  d.type("32.13.2026")
  d.press(.tab, .tab, .tab, .tab, .tab)  // promise invoice, objection invoice/amount/reason
  d.type("Varen var skadet")  // objection text without an invoice
  d.press(.tab, .tab)
  d.type("01.11.2026")  // hold until: before today, and no reason
  d.press(.function(2))
  guard case .callForm(let form) = d.state.mode else {
    Issue.record("the form closed")
    return
  }
  #expect(
    Set(form.errors) == [
      "Sammendrag: må fylles ut", "Løfte: beløp: skriv et beløp, f.eks. 1 500,00",
      "Løfte: innen: skriv en dato, f.eks. 15.12.2026", "Innsigelse: faktura: må fylles ut",
      "Pause til: kan ikke være før i dag", "Pause: grunn: må fylles ut",
    ])
  for e in form.errors { #expect(d.screenText.contains(e), "on screen: \(e)") }
  // The hold form: a bad day, an unknown invoice and no reason, all three at once.
  var h = onBjornsCase()
  h.press(.char("h"))
  h.type("i morgen")
  h.press(.tab)
  h.type("9999")
  h.press(.function(2))
  guard case .hold(let hold) = h.state.mode else {
    Issue.record("the hold form closed")
    return
  }
  #expect(hold.errors.count == 3)
  #expect(h.screenText.contains("Pause til: skriv en dato"))
  #expect(h.screenText.contains("Faktura: ingen slik faktura hos kunden"))
  #expect(h.screenText.contains("Pause: grunn: må fylles ut"))
  // The plan builder: a bad count, a bad sign-by day and bad grace days at once.
  var p = onBjornsCase()
  p.press(.char("p"))
  p.press(.backspace)
  p.type("x")
  p.press(.tab, .tab, .tab)
  for _ in 0..<10 { p.press(.backspace) }
  p.type("snart")
  p.press(.tab, .backspace)
  p.type("9")
  p.press(.enter)
  guard case .planForm(let plan) = p.state.mode else {
    Issue.record("the plan builder closed")
    return
  }
  #expect(plan.error?.split(separator: "\n").count == 3, "\(plan.error ?? "")")
}

@Test(
  "a reached call needs a summary; the e-mail is its own text from the template, never the note")
func followUpIsItsOwnText() {
  var d = onBjornsCase()
  d.press(.char("l"), .function(2))
  guard case .callForm(let empty) = d.state.mode else {
    Issue.record("the form closed without a summary")
    return
  }
  #expect(empty.errors == ["Sammendrag: må fylles ut"])
  d.press(.tab)
  d.type("Snakket med Solveig – virket stresset.")
  d.press(.enter)
  d.type("Sjekk lønn fredag.")
  d.press(.tab)
  d.type("1 500")
  d.press(.tab)
  d.type("04.12.2026")
  d.press(.function(2))
  guard case .callForm(let step) = d.state.mode, step.writingEmail else {
    Issue.record("no e-mail step")
    return
  }
  #expect(!step.email.text.contains("Solveig"))
  #expect(!d.screenText.contains("Solveig"), "the e-mail step does not show the note")
  #expect(step.email.text.contains("Du betaler 1 500,00 kr innen 04.12.2026"))
  // Back to the call's fields and on again: the (unedited) e-mail follows the new promise.
  d.press(.backTab)  // back to the call's fields, the focus where it was (the promise's day)
  d.press(.backTab)  // the promise's amount
  for _ in 0..<5 { d.press(.backspace) }
  d.type("2 000")
  d.press(.function(2))
  guard case .callForm(let again) = d.state.mode, again.writingEmail else {
    Issue.record("no e-mail step the second time")
    return
  }
  #expect(again.email.text.contains("Du betaler 2 000,00 kr"))
  d.type("Takk for praten! ")
  d.press(.function(2))
  let call = d.store.events.last { $0.type == .callLogged }!
  #expect(call.text == "Snakket med Solveig – virket stresset.\nSjekk lønn fredag.")
  let mail = FollowUpMailText.decoded(d.store.drafts[call.ref!]!)
  #expect(mail.hasPrefix("Takk for praten! Hei Bjørn Løvås,"), "the text as edited, from its start")
  #expect(!mail.contains("Solveig") && !mail.contains("stresset"))
}

@Test("a multi-line summary keeps its line breaks in the case's timeline")
func multiLineSummaryInTimeline() {
  var d = onBjornsCase()
  d.press(.char("l"), .char("2"), .tab)
  d.type("Første linje: ingen svar.")
  d.press(.enter)
  d.type("Andre linje: prøv igjen i morgen.")
  d.press(.function(2))
  #expect(
    d.store.events.last?.text == "Første linje: ingen svar.\nAndre linje: prøv igjen i morgen.")
  d.poll()
  let rows = d.screen
  guard let i = rows.firstIndex(where: { $0.contains("Første linje: ingen svar.") }) else {
    Issue.record("the summary is not in the timeline:\n\(d.screenText)")
    return
  }
  #expect(rows[i + 1].contains("Andre linje: prøv igjen i morgen."))
  #expect(!rows[i].contains("Andre linje"))
}

@Test("after a call or a reply, Esc returns to where the collector came from; n goes on")
func escReturnsToOrigin() {
  // From the call list: Esc on the review leaves the list on the called customer.
  var l = driver()
  let called = l.state.calls[0].customer
  let below = l.state.calls[1].customer
  l.press(.char("l"), .tab)
  l.type("Avtalte betaling")
  l.press(.function(2), .function(2))
  #expect(l.state.mode.isReview)
  l.press(.escape)
  #expect(l.state.mode == .normal)
  guard case .calls = l.state.top else {
    Issue.record("not on the call list")
    return
  }
  #expect(l.state.stack.count == 1)
  // Called today: off the list; the selection is on the row that took its place, not the top.
  #expect(!l.state.calls.contains { $0.customer == called })
  guard case .calls(let cv) = l.state.top else {
    Issue.record("the call list is not on top after the call: \(l.state.top)")
    return
  }
  #expect(cv.selectedId == below)
  // From a case opened from the customers list: Esc stays in the same case, customers below.
  var c = onBjornsCase()
  c.press(.char("l"), .tab)
  c.type("Avtalte betaling")
  c.press(.function(2), .function(2))
  c.press(.escape)
  guard case .caseView(let v) = c.state.top, case .customers = c.state.stack.first else {
    Issue.record("not back in the case over the customers list")
    return
  }
  #expect(v.customerId == "K1")
  // A reply (the rejected objection's answer): Esc returns to the case it came from.
  var r = onCase("Ærlig")
  r.press(.char("i"), .tab, .right, .right, .tab, .tab)  // rejected, the answer
  r.type("Leveransen ble godkjent på stedet.")
  r.press(.function(2), .char("y"))  // the consequence, then y
  #expect(r.state.mode.isReview)
  #expect(r.screenText.contains("n neste kunde"))
  r.press(.escape)
  guard case .caseView(let rv) = r.state.top else {
    Issue.record("not back in the case")
    return
  }
  #expect(rv.customerId == "K2")
  // From the queue: a case opened there, a call logged, Esc: the same case over the queue.
  var q = driver(start: .customers)
  q.press(.char("s"))
  guard case .queue = q.state.top else {
    Issue.record("no queue")
    return
  }
  q.press(.enter)
  guard case .caseView(let qv) = q.state.top else {
    Issue.record("no case from the queue")
    return
  }
  q.press(.char("l"), .tab)
  q.type("Ringte fra køen")
  q.press(.function(2), .function(2))
  q.press(.escape)
  guard case .caseView(let after) = q.state.top else {
    Issue.record("not back in the case")
    return
  }
  #expect(after.customerId == qv.customerId)
  #expect(q.state.stack.contains { if case .queue = $0 { true } else { false } })
}

@Test("a promise on one invoice pauses only that claim in the queue")
func promisePerInvoice() {
  var d = onBjornsCase()
  d.press(.char("l"), .tab)
  d.type("Betaler faktura 1002 fredag")
  d.press(.tab)
  d.type("2 500,50")
  d.press(.tab)
  d.type("04.12.2026")
  d.press(.tab)
  d.type("1002")
  #expect(d.screenText.contains("Løfte: faktura: 1002"))
  d.press(.function(2), .function(2))
  let promise = d.store.events.last { $0.type == .promiseMade }!
  #expect(promise.invoice == "1002")
  let ledger = d.state.ledger
  var blockers: [String: Blocker?] = [:]
  for row in ledger.queue(today: today) where ledger.customer(of: row) == "K1" {
    blockers[ledger.invoice(of: row)] = row.next?.blocker
  }
  #expect(blockers["1002"] == .some(.promisePending), "the promised claim waits")
  #expect(blockers["1001"] != .some(.promisePending), "the other claim does not")
  // An invoice that is not the customer's: named on the first save.
  var bad = onBjornsCase()
  bad.press(.char("l"), .tab)
  bad.type("Betaler")
  bad.press(.tab)
  bad.type("100")
  bad.press(.tab)
  bad.type("04.12.2026")
  bad.press(.tab)
  bad.type("2001")
  bad.press(.function(2))
  guard case .callForm(let form) = bad.state.mode else {
    Issue.record("saved a promise on another customer's invoice")
    return
  }
  #expect(form.errors.contains { $0.hasPrefix("Løfte: faktura:") })
}

extension Mode {
  fileprivate var isCallForm: Bool { if case .callForm = self { true } else { false } }
  fileprivate var isReview: Bool { if case .review = self { true } else { false } }
  /// Whether `other` is the same kind of form.
  fileprivate func sameKind(as other: Mode) -> Bool {
    switch (self, other) {
    case (.hold, .hold), (.planForm, .planForm), (.payment, .payment), (.writeOff, .writeOff),
      (.note, .note):
      return true
    default: return false
    }
  }
}

@Test("the discard question and the e-mail step speak English with --lang en, at 80×24")
func discardQuestionInEnglish() {
  let nb = Catalogue(.nb)
  let en = Catalogue(.en)
  for key in LForm.allCases { #expect(!nb(key).isEmpty && !en(key).isEmpty, "\(key)") }
  var d = AppDriver(
    store: MemoryStore(events: events()), today: today, language: .en,
    size: Size(width: 80, height: 24), start: .calls, sender: sender)
  d.press(.char("l"), .tab)
  d.type("Spoke to the customer")
  d.press(.escape)
  #expect(d.screenText.contains("Discard your changes?"))
  #expect(d.screenText.contains("y/j discard"))
  #expect(d.screenText.contains("n/Esc back to the form"))
  d.press(.char("n"), .function(2))
  #expect(d.screenText.contains("Follow-up e-mail – edit before saving"))
  #expect(d.screenText.contains("Shift-Tab back to the call"))
}

@Test("the signature form asks too; the plan's own confirmation still cancels with n/Esc")
func signatureFormAsks() {
  var d = onBjornsCase()
  d.press(.char("p"), .enter)
  // The builder's confirmation is a question of its own: Esc answers it, no discard question.
  d.press(.escape)
  guard case .planForm(let builder) = d.state.mode, !builder.confirming else {
    Issue.record("Esc on the plan's confirmation did not go back to the builder")
    return
  }
  d.press(.enter, .char("y"))
  #expect(d.store.events.last?.type == .planProposed)
  d.press(.char("a"), .char("r"))
  guard case .signForm = d.state.mode else {
    Issue.record("no signature form")
    return
  }
  let before = d.store.events.count
  d.press(.tab, .right)  // another channel
  d.press(.escape)
  #expect(isDiscardQuestion(d))
  d.press(.char("n"))
  guard case .signForm(let back) = d.state.mode else {
    Issue.record("n did not go back to the signature form")
    return
  }
  #expect(back.channel == 1, "the choice is kept")
  d.press(.escape, .char("j"))
  #expect(d.state.mode == .normal)
  #expect(d.store.events.count == before)
}

@Test("the forms another helper added get the discard question for free: customer edit, correction")
func newFormsAskToo() {
  for (key, what) in [("E", "customer edit"), ("U", "correction")] {
    var d = onBjornsCase()
    let before = d.store.events.count
    d.press(.char(Character(key)))
    guard d.state.mode != .normal else {
      Issue.record("\(what): no form opened")
      continue
    }
    d.press(.escape)
    #expect(d.state.mode == .normal, "\(what): unchanged, Esc closes at once")
    d.press(.char(Character(key)))
    // Move to a text field and type into it.
    for _ in 0..<6 {
      d.press(.tab)
      d.type("Ø")
      if d.state.formHasChanges { break }
    }
    #expect(d.state.formHasChanges, "\(what): typed into a field")
    d.press(.escape)
    #expect(isDiscardQuestion(d), "\(what): Esc asks")
    d.press(.char("n"))
    #expect(!isDiscardQuestion(d) && d.state.mode != .normal, "\(what): back to the form")
    d.press(.escape, .char("y"))
    #expect(d.state.mode == .normal)
    #expect(d.store.events.count == before)
  }
}

@Test(
  "the unmatched payment's assign prompt: Esc with a typed search asks before discarding it"
)
func assignPromptAsksBeforeDiscarding() {
  var events = Fixtures.threeCustomers(today: today)
  events.append(
    Fixtures.event(.paymentRegistered, today.adding(days: -2)) {
      $0.id = "bank:camt/ref/U1"; $0.amount = 150_000; $0.date = today.adding(days: -3)
      $0.name = "Bjørn Løvås"; $0.text = "Innbetaling nov"
    })
  var d = AppDriver(
    store: MemoryStore(events: events), today: today, language: .nb,
    size: Size(width: 100, height: 30), start: .customers)
  let before = d.store.events.count
  d.press(.char("u"), .enter)
  guard case .assign = d.state.mode else {
    Issue.record("Enter on an unmatched payment opens the assign prompt")
    return
  }
  // Nothing typed: Esc closes at once.
  d.press(.escape)
  #expect(d.state.mode == .normal)
  d.press(.enter)
  d.type("lovas")
  #expect(d.screenText.contains("Bjørn Løvås"), "the search finds the customer")
  d.press(.escape)
  #expect(isDiscardQuestion(d), "Esc with typed text asks")
  #expect(d.screenText.contains("Forkaste endringene?"))
  d.press(.enter)
  #expect(isDiscardQuestion(d), "Enter never confirms")
  d.press(.char("n"))
  guard case .assign(let a) = d.state.mode else {
    Issue.record("n goes back to the prompt")
    return
  }
  #expect(a.input.text == "lovas", "the typed search is kept")
  d.press(.escape, .char("j"))
  #expect(d.state.mode == .normal)
  #expect(d.state.status?.text == "Forkastet – ingenting lagret")
  #expect(d.store.events.count == before)
  #expect(d.state.ledger.unmatchedPayments.count == 1, "nothing was assigned")
}
