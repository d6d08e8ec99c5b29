import KravApp
import KravCore
import KravTestSupport
import TerminalUI
import Testing

private let today = Day(parsing: "2026-11-30")!

private func driver(_ lang: Language = .nb, width: Int = 100, height: Int = 30) -> AppDriver {
  AppDriver(
    store: MemoryStore(events: Fixtures.threeCustomers(today: today)), today: today,
    language: lang, size: Size(width: width, height: height))
}

private func selected(_ d: AppDriver) -> String? {
  guard case .customers(let v) = d.state.top else { return nil }
  return v.selectedId
}

@Test("the customers screen lists only overdue customers, largest overdue first, with æøå")
func customersScreen() {
  let d = driver()
  let text = d.screenText
  #expect(text.contains("Ærlig Økonomi AS"))
  #expect(text.contains("Bjørn Løvås"))
  #expect(!text.contains("Åse Kjærstad"), "paid-up customers are not overdue")
  let lines = d.screen
  let ærlig = lines.firstIndex { $0.contains("Ærlig Økonomi AS") }!
  let bjørn = lines.firstIndex { $0.contains("Bjørn Løvås") }!
  #expect(ærlig < bjørn)
  // 50 000,00 due 10 Nov 2026, 20 days at 12 %: 328,77 interest.
  #expect(text.contains("50 328,77 kr"), "amounts in Norwegian format, interest included")
}

@Test("j/k and arrows move the selection by id; Home and End jump")
func navigation() {
  var d = driver()
  #expect(selected(d) == nil)
  d.press(.down)
  #expect(selected(d) == "K1")
  d.press(.char("k"))
  #expect(selected(d) == "K2")
  d.press(.end)
  #expect(selected(d) == "K1")
  d.press(.home)
  #expect(selected(d) == "K2")
}

@Test("/ searches incrementally and case-insensitively, æøå included")
func search() {
  var d = driver()
  d.press(.char("/"))
  d.type("ØKON")
  #expect(
    d.state.visibleCustomers(
      {
        if case .customers(let v) = d.state.top { return v }; fatalError()
      }()
    ).map(\.id) == ["K2"])
  #expect(d.screenText.contains("Søk: ØKON"))
  #expect(!d.screenText.contains("Bjørn Løvås"))
  d.press(.backspace, .backspace, .backspace, .backspace)
  d.type("løv")
  #expect(selected(d) == "K1")
  d.press(.enter)
  #expect(d.state.mode == .normal)
  #expect(d.screenText.contains("/løv"))
  d.press(.char("/"), .escape)
  #expect(d.screenText.contains("Ærlig Økonomi AS"), "Esc clears the search")
}

@Test("Enter opens the case with claims, balances and the timeline newest first; Esc goes back")
func openCase() {
  var d = driver()
  d.press(.char("/"))
  d.type("bjørn")
  d.press(.enter, .enter)
  guard case .caseView(let v) = d.state.top else {
    Issue.record("case view not open")
    return
  }
  #expect(v.customerId == "K1")
  let text = d.screenText
  #expect(text.contains("Bjørn Løvås"))
  #expect(text.contains("1001"))
  #expect(text.contains("1002"))
  #expect(text.contains("purring"))
  #expect(text.contains("311299*****"), "the birth number is masked")
  #expect(!text.contains("31129956715"))
  let note = d.screen.firstIndex { $0.contains("Sendte e-post om avtale") }
  let call = d.screen.firstIndex { $0.contains("Lovet å betale") }
  #expect(note != nil && call != nil && note! < call!, "newest first")
  d.press(.escape)
  #expect(d.state.stack.count == 1)
  #expect(selected(d) == "K1", "the selection survives the round trip")
}

@Test("? shows help generated from the keymap; Esc closes it; q quits from the top view")
func helpAndQuit() {
  var d = driver(.en)
  d.press(.char("?"))
  let text = d.screenText
  #expect(text.contains("Help – keys"))
  #expect(text.contains("search"))
  #expect(text.contains("open"))
  d.press(.escape)
  #expect(d.state.mode == .normal)
  d.press(.char("q"))
  #expect(d.state.isQuitting)
}

@Test("the status bar shows the main keys in the chosen language")
func statusHints() {
  #expect(driver(.nb).screen.last!.contains("Enter åpne"))
  #expect(driver(.en).screen.last!.contains("Enter open"))
}

@Test("a note typed in the case view is saved first, then shown")
func addNote() {
  var d = driver()
  d.press(.down, .enter, .char("n"))
  d.type("Ringte – avtalt nedbetaling på fredag, æøå")
  d.press(.enter)
  #expect(d.store.events.last?.type == .noteAdded)
  #expect(d.store.events.last?.text == "Ringte – avtalt nedbetaling på fredag, æøå")
  #expect(d.screenText.contains("avtalt nedbetaling"))
}

@Test("a failed write shows a red status line and folds nothing")
func failedWrite() {
  var d = driver()
  d.store.failNextAppend = "disk full"
  let before = d.store.events.count
  d.press(.down, .enter, .char("n"))
  d.type("Ikke lagret")
  d.press(.enter)
  #expect(d.store.events.count == before)
  #expect(d.state.status?.isError == true)
  #expect(!d.screenText.contains("Notat – Ikke lagret"))
}

@Test("a note from another writer appears in the open case on the next poll")
func externalNote() {
  var d = driver()
  d.press(.down, .enter)
  d.store.appendExternally(
    Fixtures.event(.noteAdded, today, customer: "K1", by: "ola") { $0.text = "Fra kommandolinjen" },
    by: "ola")
  d.send(.external(try! d.store.poll()))
  #expect(d.screenText.contains("Fra kommandolinjen"))
}

@Test("the screen at 80×24 matches its snapshot")
func snapshot80x24() {
  let d = driver(.nb, width: 80, height: 24)
  if let diff = d.snapshotMismatch("customers-80x24") { Issue.record("\(diff)") }
}

@Test("a resize reflows the table to the new width")
func resize() {
  var d = driver(.en, width: 120, height: 30)
  d.send(.resized(Size(width: 80, height: 24)))
  #expect(d.screen.count == 24)
  #expect(d.screen.allSatisfy { $0.count <= 80 })
  #expect(d.screenText.contains("Bjørn Løvås"))
}

@Test("a step that lost a race is shown in the case as a conflict")
func conflictShown() {
  var events = Fixtures.threeCustomers(today: today)
  events.append(
    Fixtures.event(
      .stepTriggered, today.adding(days: -39), customer: "K1", invoice: "1001", by: "ola"
    ) {
      $0.id = "ola@pc2:7"; $0.from = "invoice"; $0.step = "reminder"; $0.amount = 3_750
    })
  var d = AppDriver(store: MemoryStore(events: events), today: today, language: .nb)
  d.press(.down, .enter)
  #expect(d.screenText.contains("Konflikt"))
  #expect(d.screenText.contains("ola@pc2:7"))
}

@Test("a payment from another writer updates that customer's row and re-sorts the list")
func externalPaymentReorders() {
  var d = driver()
  let before = d.state.overview.map(\.id)
  #expect(before == ["K2", "K1"])
  // Ærlig Økonomi pays 45 000,00: its overdue amount drops below Bjørn Løvås's.
  d.store.appendExternally(
    Fixtures.event(.paymentRegistered, today, invoice: "2001", by: "ola") {
      $0.amount = 4_500_000; $0.date = today
    }, by: "ola")
  d.send(.external(try! d.store.poll()))
  #expect(d.state.overview.map(\.id) == ["K1", "K2"])
  var full = d.state
  full.rederive()
  #expect(full.overview == d.state.overview, "the incremental update equals a full recomputation")
}

@Test("End and PgUp keep the selected customer on screen in a long list")
func longListScrolling() {
  let events = DemoGenerator(seed: 3, customers: 200, today: today).events()
  var d = AppDriver(store: MemoryStore(events: events), today: today, language: .nb)
  let rows = d.state.overview
  #expect(rows.count > 60)
  d.press(.end)
  #expect(selected(d) == rows.last!.id)
  #expect(d.screenText.contains(rows.last!.name))
  #expect(!d.screenText.contains(rows.first!.name))
  d.press(.pageUp)
  let sel = selected(d)!
  #expect(d.screenText.contains(rows.first { $0.id == sel }!.name))
  d.press(.home)
  #expect(d.screenText.contains(rows.first!.name))
}

@Test("every interface text exists in both languages and differs where it should")
func catalogueComplete() {
  let nb = Catalogue(.nb)
  let en = Catalogue(.en)
  for key in L.allCases {
    #expect(!nb(key).isEmpty && !en(key).isEmpty, "\(key)")
  }
  #expect(nb(.keySearch) == "søk")
  #expect(en(.keySearch) == "search")
  #expect(nb.money(Money(ore: 1_234_550)) == "12 345,50 kr")
  #expect(en.money(Money(ore: 1_234_550)) == "NOK 12,345.50")
  #expect(nb.day(Day(parsing: "2026-05-17")!) == "17.05.2026")
}
