import KravApp
import KravCore
import KravTestSupport
import TerminalUI
import Testing

private let today = Day(parsing: "2026-11-30")!

/// The three fixture customers plus a third claim of Bjørn Løvås due with 1002, so that both go
/// to the reminder together.
private func store() -> MemoryStore {
  var events = Fixtures.threeCustomers(today: today)
  events.append(
    Fixtures.event(.claimAdded, today.adding(days: -50), customer: "K1", invoice: "1003") {
      $0.amount = 99_900; $0.issued = today.adding(days: -50); $0.due = today.adding(days: -30)
      $0.kid = "10037"
    })
  return MemoryStore(events: events)
}

private func queueView(_ d: AppDriver) -> QueueView? {
  for s in d.state.stack.reversed() { if case .queue(let v) = s { return v } }
  return nil
}

@Suite("Queue screen")
struct QueueScreenTests {
  @Test("l opens the queue with step, deadline, next step, earliest day and blocker per claim")
  func opens() {
    var d = AppDriver(store: store(), today: today)
    d.press(.char("s"))
    let text = d.screenText
    #expect(text.contains("Kø – neste steg"))
    #expect(text.contains("Neste steg") && text.contains("Tidligst") && text.contains("Hindring"))
    let row1001 = d.screen.first { $0.contains("1001") }!
    #expect(
      row1001.contains("purring") && row1001.contains("inkassovarsel") && row1001.contains("klar"))
    let row2001 = d.screen.first { $0.contains("2001") }!
    #expect(row2001.contains("bestridt"))
    #expect(!text.contains("3001"), "a paid claim is not in the queue")
    d.press(.escape)
    if case .customers = d.state.top {} else { Issue.record("Esc goes back to customers") }
  }

  @Test("filters: eligible today, by step, by blocker; grouping by customer")
  func filters() {
    var d = AppDriver(store: store(), today: today, language: .en)
    d.press(.char("s"), .char("e"))
    var v = queueView(d)!
    #expect(
      Set(d.state.visibleQueue(v).map { d.state.ledger.invoice(of: $0) }) == [
        "1001", "1002", "1003",
      ])
    #expect(d.screenText.contains("eligible today"))
    d.press(.char("e"), .char("B"))  // back to all, then the first blocker: deadline running
    d.press(.char("B"))  // disputed
    v = queueView(d)!
    #expect(v.filter == .blocker(.disputed))
    #expect(d.state.visibleQueue(v).map { d.state.ledger.invoice(of: $0) } == ["2001"])
    d.press(.char("F"))  // step filter: invoice
    v = queueView(d)!
    #expect(v.filter == .step(.invoice))
    #expect(
      Set(d.state.visibleQueue(v).map { d.state.ledger.invoice(of: $0) }) == [
        "1002", "1003", "2001",
      ])
    d.press(.char("C"))
    v = queueView(d)!
    #expect(v.grouped)
    let names = d.state.visibleQueue(v).map { d.state.ledger.customer(of: $0) }
    #expect(names == ["K1", "K1", "K2"], "grouped by customer name")
  }

  @Test("issue 15 point 13: the preview and the sent letter say what each invoice was for")
  func previewInvoiceText() {
    var events = Fixtures.threeCustomers(today: today)
    events.append(
      Fixtures.event(.claimAdded, today.adding(days: -50), customer: "K1", invoice: "1003") {
        $0.amount = 99_900; $0.issued = today.adding(days: -50); $0.due = today.adding(days: -30)
        $0.text = "Utskifting av varmtvannsbereder"
      })
    var d = AppDriver(
      store: MemoryStore(events: events), today: today, size: Size(width: 120, height: 60))
    d.press(.char("s"), .char("e"))
    let rows = d.state.visibleQueue(queueView(d)!).count
    for _ in 0..<rows { d.press(.char(" ")) }
    d.press(.char("t"))
    guard case .confirmSteps(let c) = d.state.mode else {
      Issue.record("t opens the confirmation")
      return
    }
    // Both letters are K1's: the timeline read for the first fills the texts of both.
    let reminder = c.plan.letters.first { $0.invoices.contains("1003") }!
    #expect(
      reminder.lines.first { $0.invoice == "1003" }?.text == "Utskifting av varmtvannsbereder")
    if c.plan.letters[0].step != .reminder { d.press(.right) }
    #expect(d.screenText.contains("Gjelder: Utskifting av varmtvannsbereder"))
    d.press(.char("y"))
    #expect(
      d.store.letters.values.contains {
        $0.text.contains("Gjelder: Utskifting av varmtvannsbereder")
      })
  }

  @Test("issue 15 point 15: a court draft from the queue has no e-mail and no letter-sent")
  func courtDraftFromQueue() {
    let d0 = today.adding(days: -60)
    let events = [
      Fixtures.event(.customerAdded, d0, customer: "K9") {
        $0.name = "Åse Bø"; $0.kind = "consumer"; $0.email = "ase@bo.no"
        $0.address = "Bøveien 3, 3800 Bø"
      },
      Fixtures.event(.claimAdded, d0, customer: "K9", invoice: "9001") {
        $0.amount = 400_000; $0.issued = d0; $0.due = d0
      },
      // Betalingsoppfordring (with the § 4-18 notice) 20 days ago: its 14 days have run out.
      Fixtures.event(.stepTriggered, today.adding(days: -20), invoice: "9001") {
        $0.from = "invoice"; $0.step = "betalingsoppfordring"; $0.date = today.adding(days: -20)
      },
    ]
    var d = AppDriver(store: MemoryStore(events: events), today: today)
    d.press(.char("s"), .char("e"), .char("t"))
    guard case .confirmSteps(let c) = d.state.mode else {
      Issue.record("t opens the confirmation")
      return
    }
    #expect(c.plan.letters.map(\.step) == [.utlegg])
    #expect(d.screenText.contains("brev Namsmannen"))
    let before = d.store.events.count
    d.press(.char("y"))
    let id = "\(today.iso)-utlegg-K9"
    #expect(
      d.store.letters[id]?.eml == nil && d.store.letters[id]?.text.contains("ADVARSEL") == true)
    let new = d.store.events.dropFirst(before)
    #expect(new.map(\.type) == [.stepTriggered] && new.first?.channel == nil)
    #expect(d.screenText.contains(id), "the status line names the draft")
  }

  @Test("mark two claims, trigger: preview names customer, claims, step, fee, deadline; y sends")
  func triggerMarked() {
    var d = AppDriver(store: store(), today: today)
    d.press(.char("s"), .char("e"))
    // Mark every eligible row.
    let rows = d.state.visibleQueue(queueView(d)!).count
    for _ in 0..<rows { d.press(.char(" ")) }
    #expect(queueView(d)!.marked == ["1001", "1002", "1003"])
    d.press(.char("t"))
    guard case .confirmSteps(let c) = d.state.mode else {
      Issue.record("t opens the confirmation")
      return
    }
    // 1002 and 1003 go to the reminder together (one letter), 1001 to the inkassovarsel.
    #expect(c.plan.letters.count == 2)
    #expect(Set(c.plan.letters.map(\.invoices)) == [["1001"], ["1002", "1003"]])
    let text = d.screenText
    #expect(text.contains("Bekreft neste steg – 2 brev"))
    #expect(text.contains("Kunde: Bjørn Løvås (K1)"))
    #expect(text.contains("Steg: inkassovarsel") && text.contains("Steg: purring"))
    #expect(text.contains("Krav: 1002, 1003"))
    #expect(text.contains("Gebyr: 37,50 kr") && text.contains("Frist: 14.12.2026"))
    // The preview shows the first letter; → shows the next.
    #expect(text.contains("INKASSOVARSEL") || text.contains("PURRING"))
    let first = c.plan.letters[0].step == .reminder ? "PURRING" : "INKASSOVARSEL"
    let second = first == "PURRING" ? "INKASSOVARSEL" : "PURRING"
    #expect(text.contains(first))
    d.press(.right)
    #expect(d.screenText.contains(second))
    #expect(d.store.letters.isEmpty, "nothing is written before the confirmation")
    d.press(.char("y"))
    #expect(d.store.letters.count == 2)
    let steps = d.store.events.filter { $0.type == .stepTriggered }.suffix(3)
    #expect(Set(steps.compactMap(\.invoice)) == ["1001", "1002", "1003"])
    #expect(d.store.events.last?.type == .letterSent)
    #expect(d.store.events.last?.channel == "letter")
    #expect(d.store.events.last?.text == "Løkkeveien 3, 9008 Tromsø")
    #expect(d.state.ledger.claims["1001"]!.step == .inkassovarsel)
    #expect(d.state.ledger.claims["1002"]!.step == .reminder)
    #expect(queueView(d)!.marked.isEmpty)
    #expect(d.screenText.contains("Brev lagt i utboksen"))
    guard let letter = d.store.letters["2026-11-30-reminder-K1"] else {
      Issue.record("letters: \(d.store.letters.keys)"); return
    }
    #expect(letter.text.contains("Faktura 1002") && letter.text.contains("Faktura 1003"))
    #expect(letter.eml?.contains("Content-Type: text/plain; charset=UTF-8") == true)
    // Eligible rows only: none left. All rows: 1001 waits for its letter to leave (issue 19:
    // the deadline runs from the day it is sent or printed, not from today).
    #expect(!d.screen.contains { $0.contains("1001") })
    d.press(.char("e"))
    let row = d.screen.first { $0.contains("1001") }!
    #expect(row.contains("ikke sendt"))
    #expect(d.state.ledger.claims["1001"]!.awaitingDispatch)
  }

  @Test("Esc cancels the confirmation and writes nothing; a blocked claim is refused with why")
  func cancelAndRefuse() {
    var d = AppDriver(store: store(), today: today)
    d.press(.char("s"), .char("A"))
    guard case .confirmSteps = d.state.mode else {
      Issue.record("A opens the confirmation")
      return
    }
    d.press(.escape)
    #expect(d.state.mode == .normal && d.store.letters.isEmpty)
    let before = d.store.events.count
    // Select the disputed claim and try to move it.
    let rows = d.state.visibleQueue(queueView(d)!)
    let i = rows.firstIndex { d.state.ledger.invoice(of: $0) == "2001" }!
    d.press(.home)
    for _ in 0..<i { d.press(.down) }
    d.press(.char("t"))
    #expect(d.state.mode == .normal)
    #expect(d.screenText.contains("Ingen av kravene kan gå videre i dag: 2001: purring – bestridt"))
    #expect(d.store.events.count == before)
  }

  @Test("a for the customer of the selected row; a failed letter write folds nothing")
  func customerAndFailure() {
    var d = AppDriver(store: store(), today: today)
    d.press(.char("s"), .home, .char("T"))
    guard case .confirmSteps(let c) = d.state.mode else {
      Issue.record("a opens the confirmation")
      return
    }
    #expect(c.plan.letters.allSatisfy { $0.customerId == "K1" })
    d.store.failNextAppend = "disk full"
    d.press(.char("y"))
    #expect(d.screenText.contains("disk full"))
    #expect(d.state.ledger.claims["1001"]!.step == .reminder)
  }
}

// Issue 16, point 6: on 0c0305c the TUI sent its previewed letters although another session
// had meanwhile taken the step on the same claim, so the debtor got the letter twice.
@Test("the TUI sends nothing when another session stepped a previewed claim meanwhile")
func tuiStepRaceSendsNothingTwice() {
  var d = AppDriver(store: store(), today: today)
  d.press(.char("s"), .home, .char("T"))
  guard case .confirmSteps(let c) = d.state.mode, let invoice = c.plan.letters.first?.invoices.first
  else {
    Issue.record("a opens the confirmation")
    return
  }
  let claim = d.state.ledger.claims[invoice]!
  let next = d.state.ledger.nextStep(invoice: invoice, today: today)!
  d.store.appendExternally(
    Fixtures.event(.stepTriggered, today, customer: claim.customer, invoice: invoice) {
      $0.from = claim.step.rawValue
      $0.step = next.step.rawValue
      $0.date = today
    }, by: "ola")
  d.press(.char("y"))
  #expect(d.store.letters.isEmpty, "nothing sent")
  // In the driver's language (Norwegian), as every status line.
  #expect(d.screenText.contains("en annen økt tok et steg"), "\(d.screenText)")
  #expect(d.state.ledger.claims[invoice]!.step == next.step, "the other session's step is folded")
}

@Test("the case shows each open claim's next step and warns well before limitation")
func caseNextStepAndLimitation() {
  var events = Fixtures.threeCustomers(today: today)
  events.append(
    Fixtures.event(.claimAdded, today.adding(days: -1000), customer: "K1", invoice: "0999") {
      $0.amount = 50_000; $0.issued = Day(parsing: "2024-01-18");
      $0.due = Day(parsing: "2024-02-01")
    })
  var d = AppDriver(store: MemoryStore(events: events), today: today)
  d.press(.down, .enter)
  let text = d.screenText
  #expect(text.contains("1001: neste steg inkassovarsel tidligst"))
  #expect(text.contains("– klar"))
  #expect(text.contains("0999: foreldes – avbryt foreldelsen før 01.02.2027"))
  #expect(!text.contains("1001: foreldes"))
}
