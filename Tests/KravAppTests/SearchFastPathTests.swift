import KravCore
import KravTestSupport
import TerminalUI
import Testing

@testable import KravApp

private let today = Day(parsing: "2026-11-30")!

/// Forty customers of one to three claims each (names that share words, some claims disputed,
/// some on hold), so a search picks rows in the middle of the queue and its filters and
/// grouping all show something.
private func queueEvents() -> [Event] {
  let first = ["Ola", "Kari", "Bjørn", "Åse", "Per"]
  let last = ["Nordmann", "Løvås", "Hansen", "Berg"]
  var events: [Event] = []
  for i in 0..<40 {
    let id = "K\(i + 1)"
    events.append(
      Fixtures.event(.customerAdded, today.adding(days: -200), customer: id) {
        $0.name = "\(first[i % first.count]) \(last[i % last.count]) \(i)"; $0.kind = "consumer"
        $0.address = "Gate \(i), 0150 Oslo"
      })
    for k in 0..<(1 + i % 3) {
      let invoice = "\(6000 + 10 * i + k)"
      events.append(
        Fixtures.event(.claimAdded, today.adding(days: -150), customer: id, invoice: invoice) {
          $0.amount = Int64(50_000 + 3_331 * i + 17 * k); $0.issued = today.adding(days: -150)
          $0.due = today.adding(days: -140 + (7 * i + k) % 130)
        })
      if (i + k) % 4 == 1 {
        events.append(
          Fixtures.event(.stepTriggered, today.adding(days: -40), customer: id, invoice: invoice) {
            $0.from = "invoice"; $0.step = "reminder"; $0.date = today.adding(days: -40)
            $0.amount = 3_750
          })
      }
      if (i + k) % 7 == 3 {
        events.append(
          Fixtures.event(.disputeOpened, today.adding(days: -10), customer: id, invoice: invoice) {
            $0.text = "Bestrider kravet"
          })
      }
    }
  }
  return events
}

private func queueDriver() -> AppDriver {
  var d = AppDriver(
    store: MemoryStore(events: queueEvents()), today: today, language: .nb,
    size: Size(width: 110, height: 30), start: .customers)
  d.press(.char("s"))
  return d
}

private func queueView(_ d: AppDriver) -> QueueView? {
  if case .queue(let v) = d.state.top { return v }
  return nil
}

/// The plain twin of `visibleQueue`: every queue row's customer looked up and matched by
/// `Search.matches`, the filter applied row by row, then grouped.
private func plainRows(_ state: AppState, _ view: QueueView) -> [QueueRow] {
  let l = state.ledger
  let rows = state.queue.filter { r in
    guard Search.matches(view.query, l.searchFields(customerAt: Int(l.ownerPosition(of: r))))
    else { return false }
    switch view.filter {
    case .all: return true
    case .eligible: return r.isEligible(on: state.today)
    case .step(let s): return r.step == s
    case .blocker(let b): return r.reason(on: state.today) == b
    }
  }
  return view.grouped ? l.groupedByCustomer(rows) : rows
}

@Suite("The search's fast paths against their plain twins (issue 20)")
struct SearchFastPathTests {
  @Test("queue rows and the selected row, through the queue's index, as filtered row by row")
  func queueIndexEqualsPlain() {
    var d = queueDriver()
    guard var view = queueView(d) else {
      Issue.record("s opens the queue")
      return
    }
    #expect(d.state.queue.count > 60)
    #expect(d.state.queueRowIndex != nil, "the queue's index is made with its rows")
    let invoices = d.state.queue.map { d.state.ledger.invoice(of: $0) } + ["9999", "1"]
    let filters: [QueueFilter] = [
      .all, .eligible, .step(.reminder), .blocker(.disputed), .blocker(.deadlineRunning),
    ]
    var shown = 0
    for query in ["", "berg", "ola 1", "6", "61", "lovas 2", "zz"] {
      for filter in filters {
        for grouped in [false, true] {
          view.query = query
          view.filter = filter
          view.grouped = grouped
          d.state.top = .queue(view)
          d.state.refreshSearch()
          // Twice: as looked up, then as kept for the frames that follow.
          for _ in 0..<2 {
            let rows = d.state.visibleQueue(view)
            let plain = plainRows(d.state, view)
            #expect(
              rows.map { d.state.ledger.invoice(of: $0) }
                == plain.map { d.state.ledger.invoice(of: $0) },
              "'\(query)' \(filter) grouped \(grouped)")
            shown += rows.count
            for inv in invoices {
              var v = view
              v.selected = inv
              #expect(
                QueueScreen.selectedIndex(d.state, v, rows)
                  == rows.firstIndex { d.state.ledger.invoice(of: $0) == inv },
                "'\(query)' \(filter) grouped \(grouped): \(inv)")
            }
          }
          // The title's ready count, kept with the index, is the rows counted.
          #expect(
            d.state.queueRowIndex?.eligible
              == d.state.queue.filter { $0.isEligible(on: today) }.count)
        }
      }
    }
    #expect(shown > 500, "the cases show rows")
    // Without the index (a queue not yet indexed) the same rows, looked up row by row.
    view.query = "berg"
    view.filter = .all
    view.grouped = false
    let indexed = d.state.visibleQueue(view).map { d.state.ledger.invoice(of: $0) }
    d.state.queueIndex = nil
    d.state.search.queue = nil
    #expect(d.state.visibleQueue(view).map { d.state.ledger.invoice(of: $0) } == indexed)
    #expect(!indexed.isEmpty)
  }

  @Test("Backspace takes a kept lookup; a query narrowed from one is the same as looked up anew")
  func keptLookups() {
    var d = queueDriver()
    d.press(.escape)  // back to the customers list
    d.press(.char("/"))
    var typed = ""
    var seen: [String: [String]] = [:]
    for c in "ola nordmann 1" {
      d.press(.char(c))
      typed.append(c)
      seen[typed] = visibleIds(d)
      // A state that never searched before finds the same customers.
      var fresh = AppDriver(
        store: MemoryStore(events: queueEvents()), today: today, language: .nb,
        size: Size(width: 110, height: 30), start: .customers)
      fresh.press(.char("/"))
      fresh.type(typed)
      #expect(visibleIds(fresh) == seen[typed], "'\(typed)'")
    }
    #expect(d.state.search.recent.count == SearchState.recentLimit, "the last lookups are kept")
    // Backspace all the way: each query again, from what was kept.
    while !typed.isEmpty {
      d.press(.backspace)
      typed.removeLast()
      if !Search.words(typed).isEmpty {
        #expect(visibleIds(d) == seen[typed], "'\(typed)' after Backspace")
      }
    }
  }

  @Test("kept lookups are dropped when the ledger changes")
  func keptLookupsFollowTheLedger() {
    var d = queueDriver()
    d.press(.escape)
    d.press(.char("/"))
    d.type("777")
    #expect(visibleIds(d).isEmpty)
    d.press(.backspace)
    #expect(!d.state.search.recent.isEmpty)
    // A claim 7770 of K2 (overdue, so K2 stays on the list) lands while "77" is shown.
    d.send(
      .external([
        (
          Fixtures.event(.claimAdded, today.adding(days: -30), customer: "K2", invoice: "7770") {
            $0.id = "kari@pc:900"; $0.amount = 10_000; $0.issued = today.adding(days: -30)
            $0.due = today.adding(days: -16)
          }, EventRef(journal: 0, offset: 900)
        )
      ]))
    #expect(visibleIds(d) == ["K2"])
    // "777" was kept before the claim came: typed again, it finds K2 now.
    d.press(.char("7"))
    #expect(visibleIds(d) == ["K2"])
  }
}

private func visibleIds(_ d: AppDriver) -> [String] {
  guard case .customers(let v) = d.state.top else { return [] }
  return d.state.visibleCustomers(v).map(\.id)
}
