import KravApp
import KravCore
import KravTestSupport
import TerminalUI
import Testing

private let today = Day(parsing: "2026-11-30")!

private func openBjørn(
  _ store: MemoryStore, on day: Day = today, size: Size = Size(width: 100, height: 30),
  language: Language = .nb
) -> AppDriver {
  var d = AppDriver(store: store, today: day, language: language, size: size)
  d.press(.char("/"))
  d.type("bjørn")
  d.press(.enter, .enter)
  return d
}

@Suite("Plans in the terminal UI")
struct PlanAppTests {
  @Test("the plan builder at 60 columns wraps its figures between items instead of cutting them")
  func builderNarrow() {
    var d = openBjørn(
      MemoryStore(events: Fixtures.threeCustomers(today: today)),
      size: Size(width: 60, height: 24), language: .en)
    d.press(.char("p"))
    let lines = d.screenText.split(separator: "\n")
    #expect(lines.contains { $0.hasPrefix("If broken") }, "\(d.screenText)")
    #expect(!lines.contains { $0.contains("NOK") && $0.contains("…") }, "\(d.screenText)")
    #expect(lines.contains { $0.hasPrefix("Projected interest to the last instalment NOK") })
  }

  @Test("propose a plan from the case, then record the signature; the payment activates it")
  func proposeAndSignOff() throws {
    let store = MemoryStore(events: Fixtures.threeCustomers(today: today))
    var d = openBjørn(store)
    #expect(d.screenText.contains("Sak: Bjørn Løvås"))
    d.press(.char("p"))
    #expect(d.screenText.contains("Ny nedbetalingsavtale – Bjørn Løvås"))
    #expect(d.screenText.contains("[x] Faktura 1001"))
    #expect(d.screenText.contains("Totalt å betale"))
    // Four fortnightly instalments.
    d.press(.ctrl("u"))
    d.type("4")
    d.press(.tab, .tab, .char(" "))
    #expect(d.screenText.contains("◀ annenhver uke ▶"))
    d.press(.enter)
    #expect(d.screenText.contains("Foreslå nedbetalingsavtale?"))
    #expect(d.screenText.contains("4 avdrag, hver annenhver uke"))
    #expect(store.events.count == Fixtures.threeCustomers(today: today).count, "nothing yet")
    d.press(.char("y"))
    let proposed = try #require(store.events.last)
    #expect(proposed.type == .planProposed)
    #expect(proposed.planInstalments?.count == 4)
    #expect(proposed.planFrequency == .fortnight)
    #expect(proposed.planInvoices == ["1001", "1002"])
    #expect(proposed.until == today.adding(days: 7))
    // The document was written first, with the Date the runtime stamped.
    let txt = try #require(store.documents["letters/2026/plan-K1-1.txt"])
    let eml = String(
      decoding: try #require(store.documents["letters/2026/plan-K1-1.eml"]), as: UTF8.self)
    #expect(String(decoding: txt, as: UTF8.self).contains("NEDBETALINGSAVTALE nr. 1"))
    #expect(eml.contains("Date: Mon, 30 Nov 2026 10:00:00 +0100\r\n"))
    #expect(eml.contains("Subject: =?UTF-8?B?"))
    #expect(d.screenText.contains("Avtale lagret og dokument skrevet"))
    #expect(d.screenText.contains("Avtale K1#1: sendt til signering"))

    // The plan view: schedule and state; record the customer's signature.
    d.press(.char("a"))
    #expect(d.screenText.contains("Nedbetalingsavtale K1#1  (1/1)  –  sendt til signering"))
    #expect(d.screenText.contains("07.12.2026"))
    d.press(.char("r"))
    #expect(d.screenText.contains("Registrer kundens signatur"))
    d.press(.tab, .right)  // channel: e-post → brev
    #expect(d.screenText.contains("◀ brev ▶"))
    d.press(.enter)
    #expect(d.screenText.contains("Registrere signatur?"))
    d.press(.char("y"))
    let signed = try #require(store.events.last)
    #expect(signed.type == .planSigned)
    #expect(signed.ref == proposed.id)
    #expect(signed.channel == "letter")
    #expect(signed.date == today)
    #expect(d.screenText.contains("signert, venter første avdrag"))
    #expect(d.screenText.contains("Signert – brev"))

    // The first instalment arrives (a payment registered elsewhere): the plan is active.
    let plan = try #require(d.state.ledger.plans.first)
    store.appendExternally(
      Fixtures.event(.paymentRegistered, today, customer: "K1") {
        $0.amount = plan.instalments[0].amount.ore; $0.date = today
      }, by: "ola")
    d.send(.external(try store.poll()))
    #expect(d.screenText.contains("–  aktiv"))
    #expect(d.state.ledger.isInActivePlan(invoice: "1001", on: today))
    #expect(
      d.state.ledger.queue(today: today).allSatisfy {
        d.state.ledger.customer(of: $0) != "K1" || $0.next?.blockedBy == "in-plan"
      })
  }

  @Test("the plan builder names what is wrong and writes nothing")
  func formErrors() {
    let store = MemoryStore(events: Fixtures.threeCustomers(today: today))
    var d = openBjørn(store)
    let before = store.events.count
    d.press(.char("p"), .tab)
    d.type("abc")
    d.press(.enter)
    #expect(d.screenText.contains("eller beløp per avdrag: Skriv et tall"))
    #expect(!d.screenText.contains("Foreslå nedbetalingsavtale?"))
    // Untick both claims: nothing to put in a plan.
    d.press(.ctrl("u"), .tab, .tab, .tab, .tab, .char(" "), .tab, .char(" "), .enter)
    #expect(d.screenText.contains("kunde K1 har ingen åpne krav som kan legges i en avtale"))
    // Issue 20: the builder was changed, so Esc asks before discarding; y discards.
    d.press(.escape)
    #expect(d.screenText.contains("Forkaste endringene?"))
    d.press(.char("y"))
    #expect(d.state.mode == .normal)
    #expect(store.events.count == before)
    #expect(store.documents.isEmpty)
  }

  @Test("a missed instalment: f in the plan view accelerates and writes the notice")
  func accelerateFromPlanView() throws {
    var events = Fixtures.threeCustomers(today: today)
    let store0 = MemoryStore(events: events)
    let draft = try store0.ledger.draftPlan(
      customer: "K1", size: .instalments(3), graceDays: 0, today: today,
      creditor: PlanLetter.Creditor(
        name: "Fjord Rør AS", orgnr: "123456785", account: "86011117947"),
      timestamp: "2026-11-30T10:00:00+01:00")
    var proposed = draft.event
    proposed.at = "2026-11-30T10:00:00+01:00"
    proposed.id = "kari:plan"
    events.append(proposed)
    events.append(
      Fixtures.event(.planSigned, today, customer: "K1") {
        $0.ref = "kari:plan"; $0.date = today; $0.channel = "in-person"
      })
    events.append(
      Fixtures.event(.paymentRegistered, today.adding(days: 7), invoice: "1001") {
        $0.amount = draft.quote.instalments[0].amount.ore; $0.date = today.adding(days: 7)
      })
    // Instalment 2 (Thu 2027-01-07) is never paid; with no grace the plan defaults on 8 Jan.
    let later = Day(parsing: "2027-01-08")!
    let store = MemoryStore(events: events)
    // At 80 columns the plan's terms and figures wrap between items: nothing is cut.
    var narrow = openBjørn(
      MemoryStore(events: events), on: Day(parsing: "2027-01-08")!,
      size: Size(width: 80, height: 24), language: .en)
    narrow.press(.char("a"))
    let lines = narrow.screenText.split(separator: "\n")
    #expect(lines.contains { $0.contains("Grace days 0") }, "\(narrow.screenText)")
    #expect(lines.contains { $0.hasPrefix("Interest NOK") || $0.contains("   Interest NOK") })
    #expect(!lines.contains { $0.contains("NOK") && $0.contains("…") })
    var d = openBjørn(store, on: later)
    #expect(d.screenText.contains("Avtale K1#1: misligholdt"))
    d.press(.char("a"))
    #expect(d.screenText.contains("ikke betalt"))
    d.press(.char("f"))
    #expect(d.screenText.contains("Følge opp avtalen?"))
    #expect(d.screenText.contains("K1#1: Hele restbeløpet forfaller straks"))
    d.press(.char("y"))
    let e = try #require(store.events.last)
    #expect(e.type == .planAccelerated)
    #expect(e.ref == "kari:plan")
    #expect(store.documents["letters/2026/plan-K1-1-mislighold.txt"] != nil)
    #expect(d.screenText.contains("restbeløp forfalt"))
    #expect(d.screenText.contains("forfalt straks"))
  }

  @Test("plan texts exist in both languages")
  func planCatalogue() {
    let nb = Catalogue(.nb)
    let en = Catalogue(.en)
    for key in PL.allCases {
      #expect(!nb.plan(key).isEmpty && !en.plan(key).isEmpty, "\(key)")
    }
    for s in PlanState.allCases { #expect(nb.planState(s) != en.planState(s), "\(s)") }
    #expect(nb.plan(.keyPropose) == "ny avtale")
  }
}
