import KravApp
import KravCore
import KravTestSupport
import TerminalUI
import Testing

private let today = Day(parsing: "2026-11-30")!

private func outboxView(_ d: AppDriver) -> OutboxView? {
  for s in d.state.stack.reversed() { if case .outbox(let v) = s { return v } }
  return nil
}

/// A store where today's letters were written through `sendLetters` (as the queue's `t` and
/// `krav step next` write them): Bjørn Løvås (K1: a postal address, no consent to e-mail).
private func storeWithLetters(_ events: [Event] = Fixtures.threeCustomers(today: today))
  -> MemoryStore
{
  let store = MemoryStore(events: events)
  let plan = try! store.ledger.planSteps(.allEligible, today: today)
  _ = try! sendLetters(
    plan.letters, creditor: AppDriver.creditor, store: store,
    timestamp: "\(today.iso)T09:00:00+01:00")
  return store
}

private func driverWithLetters() -> AppDriver {
  AppDriver(store: storeWithLetters(), today: today)
}

@Suite("Outbox screen")
struct OutboxScreenTests {
  @Test("o from a case lists its documents; Enter reads one, scrolling; Esc goes back")
  func readFromCase() {
    var d = driverWithLetters()
    #expect(!d.store.letters.isEmpty)
    // Open Bjørn's case, then his documents.
    d.press(.char("/"))
    d.type("Bjørn")
    d.press(.enter, .enter)
    d.press(.char("o"))
    guard let v = outboxView(d) else { Issue.record("o opens the outbox"); return }
    #expect(v.customer == "K1")
    #expect(v.visible.count >= 1 && v.visible.allSatisfy { $0.customer == "K1" })
    #expect(v.visible.allSatisfy { $0.state == .toPrint })
    #expect(d.screenText.contains("til utskrift"))
    d.press(.enter)
    guard let r = outboxView(d)?.reading else { Issue.record("Enter reads"); return }
    #expect(r.text.contains("Bjørn Løvås"))
    #expect(d.screenText.contains("Dokument \(r.id)"))
    d.press(.pageDown)
    #expect(outboxView(d)!.reading!.scroll > 0)
    d.press(.escape)
    #expect(outboxView(d)?.reading == nil)
    d.press(.escape)
    if case .caseView = d.state.top {} else { Issue.record("Esc goes back to the case") }
  }

  @Test("F cycles the state filter; P writes a print batch; y marks it printed, Esc does not")
  func printBatch() {
    var d = driverWithLetters()
    d.press(.char("o"))
    #expect(outboxView(d)?.filter == nil)
    d.press(.char("F"))
    #expect(outboxView(d)?.filter == .toEmail)
    #expect(d.screenText.contains("Filter: til e-post"))
    d.press(.char("F"))
    #expect(outboxView(d)?.filter == .toPrint)
    let waiting = outboxView(d)!.visible.count
    #expect(waiting >= 1)
    d.press(.char("P"))
    guard let path = outboxView(d)?.pendingBatch else { Issue.record("P writes a batch"); return }
    #expect(path == "letters/print/print-2026-11-30-1.pdf")
    #expect(d.store.documents[path]?.starts(with: Array("%PDF-".utf8)) == true)
    #expect(!d.store.events.contains { $0.type == .documentPrinted }, "nothing marked yet")
    d.press(.escape)
    #expect(outboxView(d)?.pendingBatch == nil)
    #expect(!d.store.events.contains { $0.type == .documentPrinted })
    d.press(.char("P"))
    #expect(outboxView(d)?.pendingBatch == "letters/print/print-2026-11-30-1-2.pdf")
    d.press(.char("y"))
    let printed = d.store.events.filter { $0.type == .documentPrinted }
    #expect(printed.count == waiting)
    #expect(
      printed.allSatisfy { $0.extra["batch_file"] == "\"letters/print/print-2026-11-30-1-2.pdf\"" })
    #expect(outboxView(d)!.visible.isEmpty, "nothing left to print")
    // The case timeline names it.
    let line = TimelineText.line(printed[0], Catalogue(.nb))
    #expect(line.hasPrefix("Skrevet ut – 2026-11-30-") && line.hasSuffix("print-2026-11-30-1"))
    // The claims' deadlines now run from today.
    #expect(d.state.ledger.claims.values.allSatisfy { !$0.awaitingDispatch })
  }

  @Test("m sends through the mail command; one that fails leaves the letter unsent with its answer")
  func sendFails() {
    var events = Fixtures.threeCustomers(today: today)
    events.append(
      Fixtures.event(.customerUpdated, today.adding(days: -100), customer: "K1") {
        $0.email = "bjorn@example.no"
        $0.setEmailConsent(today.adding(days: -100))
      })
    let store = storeWithLetters(events)
    store.mailCommand = "echo 'no route to smtp.example' >&2; exit 75"
    var d = AppDriver(store: store, today: today)
    d.press(.char("o"))
    // Bjørn's two letters (an inkassovarsel and a reminder) wait for e-mail.
    let waiting = outboxView(d)!.visible.filter { $0.state == .toEmail }.count
    #expect(waiting == 2)
    d.press(.char("m"))
    let failed = d.store.events.filter { $0.type == .documentFailed }
    #expect(failed.count == waiting)
    #expect(failed.allSatisfy { $0.text?.contains("exit 75: no route to smtp.example") == true })
    #expect(TimelineText.line(failed[0], Catalogue(.en)).hasPrefix("Not sent – 2026-11-30-"))
    #expect(outboxView(d)!.visible.contains { $0.state == .failed })
    #expect(d.screenText.contains("0 sendt, 2 ikke sendt"))
    #expect(!d.store.events.contains { $0.type == .documentSent })
    #expect(d.state.ledger.claims.values.contains { $0.awaitingDispatch })
  }
}
