import KravApp
import KravCore
import KravTestSupport
import TerminalUI
import Testing

private let today = Day(parsing: "2026-11-30")!

/// The fixture customers plus one with a long name whose claim has reached
/// betalingsoppfordring, so the longest step word and a long name compete for room.
private func events() -> [Event] {
  let d = { (n: Int) in today.adding(days: n) }
  return Fixtures.threeCustomers(today: today) + [
    Fixtures.event(.customerAdded, d(-120), customer: "K4") {
      $0.name = "Bjørnstad & Ødegård Rør AS"; $0.kind = "business"; $0.orgnr = "923456783"
      $0.phone = "+47 22 33 44 55"; $0.address = "Storgata 9, 0155 Oslo"
    },
    Fixtures.event(.claimAdded, d(-110), customer: "K4", invoice: "4001") {
      $0.amount = 12_345_600; $0.issued = d(-110); $0.due = d(-100)
    },
    Fixtures.event(.stepTriggered, d(-90), customer: "K4", invoice: "4001") {
      $0.from = "invoice"; $0.step = "reminder"; $0.date = d(-90); $0.amount = 3_750
    },
    Fixtures.event(.stepTriggered, d(-70), customer: "K4", invoice: "4001") {
      $0.from = "reminder"; $0.step = "inkassovarsel"; $0.date = d(-70); $0.amount = 7_000
    },
    Fixtures.event(.stepTriggered, d(-50), customer: "K4", invoice: "4001") {
      $0.from = "inkassovarsel"; $0.step = "betalingsoppfordring"; $0.date = d(-50)
      $0.amount = 0
    },
  ]
}

private func driver(_ lang: Language = .nb, _ size: Size) -> AppDriver {
  AppDriver(store: MemoryStore(events: events()), today: today, language: lang, size: size)
}

/// The cells of the screen row that contains `text`.
private func row(_ d: AppDriver, containing text: String) -> (y: Int, line: String)? {
  let lines = d.screen
  guard let y = lines.firstIndex(where: { $0.contains(text) }) else { return nil }
  return (y, lines[y])
}

@Suite("Layout and states (issue 20)")
struct LayoutStateTests {
  static let sizes = [Size(width: 80, height: 24), Size(width: 120, height: 40)]

  @Test("lists keep names and steps whole at 80×24 and 120×40", arguments: sizes)
  func namesAndSteps(size: Size) throws {
    var d = driver(.nb, size)
    // Customers: the id, the whole name and the whole step.
    let k4 = try #require(row(d, containing: "K4"))
    #expect(k4.line.contains("Bjørnstad & Ødegård Rør AS"))
    #expect(k4.line.contains("betalingsoppfordring"))
    #expect(row(d, containing: "K1")?.line.contains("Bjørn Løvås") == true)
    #expect(d.screen.allSatisfy { $0.count <= size.width })
    // Queue: the whole name, the amount and the whole step.
    d.press(.char("s"))
    let q = try #require(row(d, containing: "4001"))
    #expect(q.line.contains("Bjørnstad & Ødegård Rør AS"))
    #expect(q.line.contains("betalingsoppfordring"))
    #expect(q.line.contains("127 541,15 kr"), "the queue shows the amount: \(q.line)")
    #expect(row(d, containing: "1002")?.line.contains("forfalt") == true, "'forfalt' as the CLI")
    // At 80 columns the dates give way first; at 120 they are all there.
    #expect(d.screenText.contains("Tidligst") == (size.width >= 120))
    #expect(d.screenText.contains("Hindring"))
    // The call list: the whole name.
    d.press(.escape, .escape)
    var c = AppDriver(
      store: MemoryStore(events: events()), today: today, size: size, start: .calls)
    c.press(.home)
    #expect(c.screenText.contains("Bjørn Løvås"))
    #expect(c.screen.allSatisfy { $0.count <= size.width })
  }

  @Test("the English customers list does not cut money at 120 columns")
  func englishMoney() {
    let d = driver(.en, Size(width: 120, height: 40))
    let k2 = row(d, containing: "K2")!.line
    #expect(
      k2.components(separatedBy: "NOK 50,328.77").count == 3, "overdue and outstanding: \(k2)")
    #expect(!k2.contains("…"))
    let k4 = row(d, containing: "K4")!.line
    #expect(k4.components(separatedBy: "NOK 127,541.15").count == 3, "\(k4)")
    #expect(!d.screenText.contains("NOK 1…"))
  }

  @Test("states have colours; under NO_COLOR attributes and markers instead")
  func colours() throws {
    for colors in [true, false] {
      var d = driver(.nb, Size(width: 100, height: 30))
      d.state.colors = colors
      let k2 = try #require(row(d, containing: "K2"))
      let buffer = render(d.state, keymaps: d.keymaps).buffer
      let x = try #require(
        k2.line.range(of: "bestridt").map {
          k2.line.distance(from: k2.line.startIndex, to: $0.lowerBound)
        })
      let cell = buffer[x, k2.y]
      if colors {
        #expect(cell.style.fg == RowState.disputed.color)
        #expect(!k2.line.contains("? bestridt"))
      } else {
        #expect(cell.style.fg == .default && cell.style.bg == .default)
        #expect(cell.style.underline, "disputed is underlined under NO_COLOR")
        #expect(k2.line.contains("? bestridt"), "the marker says it without colour: \(k2.line)")
      }
      // No colour anywhere on the screen under NO_COLOR but the title bar's own fallback.
      if !colors {
        for y in 1..<buffer.size.height - 1 {
          for xx in 0..<buffer.size.width {
            let s = buffer[xx, y].style
            #expect(s.fg == Color.default || s.fg == Color.red, "(\(xx),\(y)) \(s)")
          }
        }
      }
    }
    // Every state has its own colour and its own marker.
    #expect(Set(RowState.allCases.map(\.color)).count == RowState.allCases.count)
    #expect(Set(RowState.allCases.map(\.marker)).count == RowState.allCases.count)
    #expect(RowState.allCases.allSatisfy { $0.style(colors: false).fg == .default })
  }

  @Test("the queue marks a claim past its deadline, a hold and an objection by state")
  func queueStates() throws {
    var es = events()
    es.append(
      .holdSet(customer: "K4", invoice: "4001", until: today.adding(days: 10), text: "Ferie"))
    var d = AppDriver(
      store: MemoryStore(events: es), today: today, size: Size(width: 120, height: 40))
    d.state.colors = false
    d.press(.char("s"))
    #expect(row(d, containing: "2001")?.line.contains("? bestridt") == true)
    #expect(row(d, containing: "4001")?.line.contains("= ") == true, "on hold is marked")
    // 1001's reminder deadline (04.11.2026) has passed: overdue, marked on its state.
    #expect(row(d, containing: "1001")?.line.contains("! klar") == true)
    d.state.colors = true
    d.press(.end)  // the selection off 1001
    let r = try #require(row(d, containing: "1001"))
    #expect(!r.line.contains("! klar"))
    let buffer = render(d.state, keymaps: d.keymaps).buffer
    let x = r.line.distance(from: r.line.startIndex, to: r.line.range(of: "klar")!.lowerBound)
    #expect(buffer[x, r.y].style.fg == RowState.overdue.color)
  }

  @Test("after a step the queue cursor goes on to the next ready claim")
  func cursorAfterStep() throws {
    var d = AppDriver(
      store: MemoryStore(events: Fixtures.threeCustomers(today: today)), today: today,
      size: Size(width: 120, height: 40))
    d.press(.char("s"), .home)
    let rows = { (d: AppDriver) -> [String] in
      guard case .queue(let v) = d.state.top else { return [] }
      return d.state.visibleQueue(v).map { d.state.ledger.invoice(of: $0) }
    }
    let ready = { (d: AppDriver) -> [String] in
      guard case .queue(let v) = d.state.top else { return [] }
      return d.state.visibleQueue(v).filter { $0.isEligible(on: today) }.map {
        d.state.ledger.invoice(of: $0)
      }
    }
    let first = try #require(rows(d).first)
    #expect(ready(d).contains(first))
    let nextReady = try #require(ready(d).first { $0 != first })
    d.press(.char("t"))
    guard case .confirmSteps = d.state.mode else {
      Issue.record("t opens the confirmation")
      return
    }
    d.press(.char("y"))
    guard case .queue(let v) = d.state.top else {
      Issue.record("back on the queue")
      return
    }
    #expect(v.selected == nextReady, "the cursor is on \(v.selected ?? "-")")
    #expect(!ready(d).contains(first), "the stepped claim waits for its deadline")
  }

  @Test("a signed plan is not offered for signing again")
  func signedPlan() throws {
    var es = Fixtures.threeCustomers(today: today)
    let draft = try MemoryStore(events: es).ledger.draftPlan(
      customer: "K1", size: .instalments(3), graceDays: 0, today: today,
      creditor: PlanLetter.Creditor(
        name: "Fjord Rør AS", orgnr: "123456785", account: "86011117947"),
      timestamp: "2026-11-30T10:00:00+01:00")
    var proposed = draft.event
    proposed.at = "2026-11-30T10:00:00+01:00"
    proposed.id = "kari:plan"
    es.append(proposed)
    // Proposed: r is offered.
    var d = AppDriver(
      store: MemoryStore(events: es), today: today, size: Size(width: 100, height: 30))
    d.press(.char("/"))
    d.type("bjørn")
    d.press(.enter, .enter, .char("a"))
    #expect(d.screen.last?.contains("registrer signatur") == true)
    es.append(
      Fixtures.event(.planSigned, today, customer: "K1") {
        $0.ref = "kari:plan"; $0.date = today; $0.channel = "in-person"
      })
    d = AppDriver(store: MemoryStore(events: es), today: today, size: Size(width: 100, height: 30))
    d.press(.char("/"))
    d.type("bjørn")
    d.press(.enter, .enter, .char("a"))
    #expect(d.screen.last?.contains("registrer signatur") == false, "\(d.screen.last ?? "")")
    d.press(.char("r"))
    if case .signForm = d.state.mode { Issue.record("r opened the signature form again") }
    #expect(d.screenText.contains("allerede signert 30.11.2026"))
    #expect(d.state.status?.isError == false)
  }

  @Test("a plan signed after a broken promise: the customer is no longer pinned as 'brutt løfte'")
  func planUnpinsBrokenPromise() throws {
    var es = Fixtures.threeCustomers(today: today)
    // Promised on 10 November to pay 1001 by 20 November; nothing came.
    var promise = Event.promiseMade(
      customer: "K1", invoice: "1001", amount: Money(ore: 500_000), day: today.adding(days: -10))
    promise.at = "2026-11-10T10:00:00+01:00"
    es.append(promise)
    let broken = MemoryStore(events: es).ledger.callEntry(customer: "K1", today: today)
    #expect(broken?.isPinned == true, "a broken promise pins the customer")
    #expect(broken?.factors.contains { $0.reason == .brokenPromise } == true)
    // Then a plan for both claims is proposed and signed today.
    let draft = try MemoryStore(events: es).ledger.draftPlan(
      customer: "K1", size: .instalments(3), graceDays: 0, today: today,
      creditor: PlanLetter.Creditor(
        name: "Fjord Rør AS", orgnr: "123456785", account: "86011117947"),
      timestamp: "2026-11-30T10:00:00+01:00")
    var proposed = draft.event
    proposed.at = "2026-11-30T10:00:00+01:00"
    proposed.id = "kari:plan"
    es.append(proposed)
    es.append(
      Fixtures.event(.planSigned, today, customer: "K1") {
        $0.ref = "kari:plan"; $0.date = today; $0.channel = "in-person"
      })
    let ledger = MemoryStore(events: es).ledger
    let entry = ledger.callEntry(customer: "K1", today: today)
    #expect(entry?.isPinned != true, "the plan replaced the promise")
    #expect(entry?.factors.contains { $0.reason == .brokenPromise } != true)
    #expect(ledger.callList(today: today).first { $0.customer == "K1" }?.isPinned != true)
    // The app says "i plan" by colour or marker, not "brutt løfte".
    var d = AppDriver(
      store: MemoryStore(events: es), today: today, size: Size(width: 100, height: 30))
    d.state.colors = false
    #expect(d.state.rowState(customer: "K1") == .inPlan)
    d.press(.home)
    #expect(!d.screenText.contains("! Bjørn Løvås"))
  }

  @Test("key hints are never cut: items give way whole, save and cancel stay")
  func hintsWhole() {
    for lang in [Language.nb, .en] {
      var d = AppDriver(
        store: MemoryStore(events: Fixtures.threeCustomers(today: today)), today: today,
        language: lang, size: Size(width: 80, height: 24))
      d.press(.char("/"))
      d.type("bjørn")
      d.press(.enter, .enter, .char("p"))
      let last = d.screen.last ?? ""
      #expect(!last.contains("…"), "\(last)")
      #expect(last.contains(lang == .nb ? "Esc avbryt" : "Esc cancel"), "\(last)")
      #expect(last.contains(lang == .nb ? "lagre" : "save"), "\(last)")
    }
  }
}
