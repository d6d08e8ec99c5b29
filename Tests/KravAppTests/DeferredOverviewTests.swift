import KravApp
import KravCore
import KravTestSupport
import TerminalUI
import Testing

private let today = Day(parsing: "2026-11-30")!

/// A driver on the call list whose customers list is left for after the first screen, as the
/// real terminal starts (`AppState(deferOverview:)`, issue 20: first screen ≤ 300 ms).
private func deferredDriver() -> AppDriver {
  var d = AppDriver(
    store: MemoryStore(events: Fixtures.threeCustomers(today: today)), today: today,
    language: .nb, size: Size(width: 110, height: 30), start: .calls)
  let state = d.state
  d.state = AppState(
    ledger: state.ledger, today: today, language: .nb, size: state.size, deferOverview: true)
  return d
}

@Suite("The customers list is built after the first screen (issue 20)")
struct DeferredOverviewTests {
  @Test("the call list is there at once; the customers list when its screen opens")
  func builtOnFirstUse() {
    var d = deferredDriver()
    var eager = d.state
    eager.rederive()
    #expect(d.state.overviewPending && d.state.overview.isEmpty)
    #expect(d.state.calls == eager.calls, "the first screen is complete")
    d.press(.char("c"))
    #expect(!d.state.overviewPending)
    #expect(d.state.overview == eager.overview && !eager.overview.isEmpty)
    #expect(d.screenText.contains("Bjørn Løvås") && d.screenText.contains("Ærlig Økonomi AS"))
  }

  @Test("a list built in the background is taken only for the ledger and day it was built from")
  func adoptedWhenCurrent() {
    var d = deferredDriver()
    let rows = d.state.ledger.customerSummaries(today: today, overdueOnly: true)
    d.state.adoptOverview(rows, epoch: d.state.search.epoch, day: today.adding(days: -1))
    #expect(d.state.overviewPending, "another day's list is not taken")
    let epoch = d.state.search.epoch
    // A colleague's payment arrives before the background list does.
    d.store.appendExternally(
      Fixtures.event(.paymentRegistered, today, invoice: "2001", by: "ola") {
        $0.amount = 4_500_000; $0.date = today
      }, by: "ola")
    d.send(.external(try! d.store.poll()))
    #expect(d.state.overviewPending, "a fold leaves the pending list for later")
    d.state.adoptOverview(rows, epoch: epoch, day: today)
    #expect(d.state.overviewPending, "a list from before the fold is not taken")
    let now = d.state.ledger.customerSummaries(today: today, overdueOnly: true)
    d.state.adoptOverview(now, epoch: d.state.search.epoch, day: today)
    #expect(!d.state.overviewPending && d.state.overview == now)
    #expect(d.state.overview.map(\.id) == ["K1", "K2"], "the payment moved Ærlig Økonomi down")
  }
}

@Suite("The queue's rows are kept for the ledger and day they were made from (issue 20)")
struct QueueCacheTests {
  @Test("reopening the queue takes the kept rows only while nothing was folded since")
  func reopened() {
    var d = deferredDriver()
    d.press(.char("s"))
    let first = d.state.queue
    #expect(!first.isEmpty && first == d.state.ledger.queue(today: today))
    d.press(.escape)
    #expect(d.state.queue.isEmpty, "no rows while the queue is closed")
    d.press(.char("s"))
    #expect(d.state.queue == first)
    d.press(.escape)
    // A payment pays Ærlig Økonomi's claim in full: it leaves the queue.
    d.store.appendExternally(
      Fixtures.event(.paymentRegistered, today, invoice: "1001", by: "ola") {
        $0.amount = 1_100_000; $0.date = today
      }, by: "ola")
    d.send(.external(try! d.store.poll()))
    d.press(.char("s"))
    #expect(d.state.queue == d.state.ledger.queue(today: today))
    #expect(d.state.queue != first, "the rows follow the payment")
  }

  @Test("rows built in the background are taken only for the current ledger and day")
  func adopted() {
    var d = deferredDriver()
    let epoch = d.state.search.epoch
    let stale = d.state.ledger.queue(today: today.adding(days: -30))
    #expect(stale != d.state.ledger.queue(today: today))
    d.state.adoptQueue(stale, epoch: epoch, day: today.adding(days: -30))
    d.press(.char("s"))
    #expect(d.state.queue == d.state.ledger.queue(today: today), "another day's rows are not taken")
    d.press(.escape)
    d.store.appendExternally(
      Fixtures.event(.noteAdded, today, customer: "K1", by: "ola") { $0.text = "Ringt" }, by: "ola")
    d.send(.external(try! d.store.poll()))
    d.state.adoptQueue(stale, epoch: epoch, day: today)
    d.press(.char("s"))
    #expect(
      d.state.queue == d.state.ledger.queue(today: today), "rows from before a fold are not taken")
  }
}
