import KravApp
import KravCore
import KravTestSupport
import TerminalUI
import Testing

private let today = Day(parsing: "2026-11-30")!

/// The three fixture customers, Bjørn's second claim with a KID, and one unmatched payment.
private func events() -> [Event] {
  var events = Fixtures.threeCustomers(today: today)
  for i in events.indices where events[i].invoice == "1002" && events[i].type == .claimAdded {
    events[i].kid = "0010020085"
  }
  events.append(
    Fixtures.event(.paymentRegistered, today.adding(days: -2)) {
      $0.id = "bank:camt/ref/U1"; $0.amount = 150_000; $0.date = today.adding(days: -3)
      $0.name = "B. Løvås"; $0.text = "Innbetaling"
    })
  return events
}

private func driver(_ start: StartScreen = .customers, lang: Language = .nb) -> AppDriver {
  AppDriver(
    store: MemoryStore(events: events()), today: today, language: lang,
    size: Size(width: 110, height: 30), start: start)
}

/// Types a fresh search on the screen on top.
private func search(_ d: inout AppDriver, _ text: String) {
  d.press(.char("/"))
  // Clear what an earlier search left.
  if case .search(let input) = d.state.mode {
    for _ in input.text { d.press(.backspace) }
  }
  d.type(text)
}

private func customerIds(_ d: AppDriver) -> [String] {
  guard case .customers(let v) = d.state.top else { return [] }
  return d.state.visibleCustomers(v).map(\.id)
}

private func callIds(_ d: AppDriver) -> [String] {
  guard case .calls(let v) = d.state.top else { return [] }
  return d.state.visibleCalls(v).map(\.customer)
}

private func queueInvoices(_ d: AppDriver) -> [String] {
  guard case .queue(let v) = d.state.top else { return [] }
  return d.state.visibleQueue(v).map { d.state.ledger.invoice(of: $0) }
}

@Suite("One search on the call list, customers and queue (issue 20)")
struct SearchAppTests {
  @Test("customers: name without æøå, id in lower case, invoice, KID, phone, orgnr")
  func customers() {
    var d = driver()
    #expect(Set(customerIds(d)) == ["K1", "K2"], "K3 is paid up: not on the overdue list")
    let cases: [(String, [String])] = [
      ("lovas", ["K1"]), ("bjorn", ["K1"]), ("BJØRN LØVÅS", ["K1"]), ("aerlig", ["K2"]),
      ("okonomi", ["K2"]), ("ø", ["K1", "K2"]), ("k1", ["K1"]), ("K2", ["K2"]),
      ("1002", ["K1"]), ("0010020085", ["K1"]), ("91234567", ["K1"]), ("912 34", ["K1"]),
      ("123456785", ["K2"]), ("2001", ["K2"]), ("åse", []), ("zz", []),
    ]
    for (q, ids) in cases {
      search(&d, q)
      #expect(Set(customerIds(d)) == Set(ids), "'\(q)'")
    }
    search(&d, "okonomi")
    #expect(d.screenText.contains("Ærlig Økonomi AS"))
    #expect(!d.screenText.contains("Bjørn Løvås"))
    search(&d, "zz")
    #expect(d.screenText.contains("Ingen treff"))
    d.press(.escape)
    #expect(Set(customerIds(d)) == ["K1", "K2"], "Esc clears the search")
  }

  @Test("the call list searches the same way, and Enter opens the match")
  func callList() {
    var d = driver(.calls)
    let all = callIds(d)
    #expect(all.contains("K1"))
    search(&d, "LOVAS")
    #expect(callIds(d) == ["K1"])
    search(&d, "k1")
    #expect(callIds(d) == ["K1"])
    search(&d, "0010020085")
    #expect(callIds(d) == ["K1"], "by KID")
    search(&d, "nobody")
    #expect(callIds(d).isEmpty)
    search(&d, "bjørn")
    d.press(.enter)
    #expect(d.state.mode == .normal)
    guard case .calls(let v) = d.state.top else {
      Issue.record("the call list is not on top after the search: \(d.state.top)")
      return
    }
    #expect(v.query == "bjørn" && v.selectedId == "K1")
    d.press(.enter)
    guard case .caseView(let c) = d.state.top else {
      Issue.record("Enter opens the case")
      return
    }
    #expect(c.customerId == "K1")
    d.press(.escape)
    d.press(.char("/"), .escape)
    #expect(callIds(d) == all, "Esc in the prompt clears the search")
  }

  @Test("the queue shows the claims of the matching customers")
  func queue() {
    var d = driver()
    d.press(.char("s"))
    guard case .queue = d.state.top else {
      Issue.record("s opens the queue")
      return
    }
    #expect(Set(queueInvoices(d)).isSuperset(of: ["1001", "1002", "2001"]))
    search(&d, "lovas")
    #expect(Set(queueInvoices(d)) == ["1001", "1002"])
    search(&d, "Økonomi")
    #expect(queueInvoices(d) == ["2001"])
    search(&d, "K2")
    #expect(queueInvoices(d) == ["2001"])
    search(&d, "0010020085")
    #expect(Set(queueInvoices(d)) == ["1001", "1002"], "a KID finds its customer's claims")
    d.press(.enter)
    #expect(d.screen.contains { $0.contains("Bjørn Løvås") })
    #expect(!d.screen.contains { $0.contains("Ærlig Økonomi AS") })
  }

  @Test("a claim folded while searching is found by its invoice and KID")
  func foldedWhileSearching() {
    var d = driver()
    search(&d, "7007")
    #expect(customerIds(d).isEmpty)
    d.send(
      .external([
        (
          Fixtures.event(.claimAdded, today.adding(days: -30), customer: "K2", invoice: "7007") {
            $0.id = "kari@pc:900"; $0.amount = 10_000; $0.issued = today.adding(days: -30)
            $0.due = today.adding(days: -16); $0.kid = "0070070001"
          }, EventRef(journal: 0, offset: 900)
        )
      ]))
    #expect(customerIds(d) == ["K2"], "the index follows the fold")
    search(&d, "00700700")
    #expect(customerIds(d) == ["K2"])
  }

  @Test("an unmatched payment is assigned by searching the customer's name")
  func assignByName() {
    var d = driver()
    d.press(.char("u"), .enter)
    d.type("lovas")
    #expect(d.screen.contains { $0.contains("K1") && $0.contains("Bjørn Løvås") })
    #expect(!d.screen.contains { $0.contains("K3") }, "only customers with claims to pay")
    d.press(.enter)
    let assigned = d.store.events.filter { $0.type == .paymentAssigned }
    #expect(assigned.count == 1 && assigned.first?.customer == "K1")
    #expect(assigned.first?.invoice == nil)
    #expect(d.state.ledger.unmatchedPayments.isEmpty)
  }

  @Test("the assign prompt takes a lower-case id, and ↓ picks another match")
  func assignByIdAndArrow() {
    var d = driver()
    d.press(.char("u"), .enter)
    d.type("k2")
    d.press(.enter)
    var assigned = d.store.events.filter { $0.type == .paymentAssigned }
    #expect(assigned.first?.customer == "K2", "k2 is K2")
    d = driver()
    d.press(.char("u"), .enter)
    d.type("ø")
    let rows = d.screen.filter { $0.contains("Bjørn Løvås") || $0.contains("Ærlig Økonomi") }
    #expect(rows.count == 2)
    d.press(.down, .enter)
    assigned = d.store.events.filter { $0.type == .paymentAssigned }
    #expect(assigned.first?.customer == "K2", "the second match, in the order added")
  }
}

/// Sixty customers with overdue claims and names that share words, so a search matches some
/// of them in the middle of both lists.
private func manyCustomers() -> [Event] {
  let first = ["Ola", "Kari", "Bjørn", "Åse", "Per", "Siri"]
  let last = ["Nordmann", "Løvås", "Hansen", "Ærlig", "Berg"]
  var events: [Event] = []
  for i in 0..<60 {
    let id = "K\(i + 1)"
    events.append(
      Fixtures.event(.customerAdded, today.adding(days: -120), customer: id) {
        $0.name = "\(first[i % first.count]) \(last[i % last.count]) \(i)"; $0.kind = "consumer"
        $0.phone = "+47 9\(1_000_000 + i)"
      })
    events.append(
      Fixtures.event(.claimAdded, today.adding(days: -100), customer: id, invoice: "\(5000 + i)") {
        $0.amount = Int64(100_000 + 7_919 * i); $0.issued = today.adding(days: -100)
        $0.due = today.adding(days: -90 + i % 40)
      })
    // A reminder left unpaid puts the customer on the call list.
    events.append(
      Fixtures.event(.stepTriggered, today.adding(days: -35), customer: id, invoice: "\(5000 + i)")
      {
        $0.from = "invoice"; $0.step = "reminder"; $0.date = today.adding(days: -35)
        $0.amount = 3_750
      })
  }
  return events
}

extension SearchAppTests {
  @Test("the selection is found by the customer's position as by comparing ids row by row")
  func rowByPosition() {
    for start in [StartScreen.calls, .customers] {
      var d = AppDriver(
        store: MemoryStore(events: manyCustomers()), today: today, language: .nb,
        size: Size(width: 110, height: 30), start: start)
      let ids = d.state.ledger.customers.values.map(\.id) + ["K999", "k1"]
      for q in ["", "berg", "ola 1", "aase", "lovas 5", "zz"] {
        search(&d, q)
        switch d.state.top {
        case .calls(let v):
          let rows = d.state.visibleCalls(v)
          #expect(d.state.calls.count == 60)
          #expect(q.isEmpty || rows.count < 60, "'\(q)' picks some rows")
          for id in ids {
            #expect(
              d.state.callRow(id, in: rows) == rows.firstIndex { $0.customer == id },
              "'\(q)' \(id)")
          }
          let plain = d.state.calls.filter {
            Search.matches(q, d.state.ledger.searchFields(customerAt: Int($0.position)))
          }
          #expect(rows.map(\.customer) == plain.map(\.customer), "'\(q)'")
        case .customers(let v):
          let rows = d.state.visibleCustomers(v)
          for id in ids {
            #expect(
              d.state.customerRow(id, in: rows) == rows.firstIndex { $0.id == id }, "'\(q)' \(id)")
          }
        default: Issue.record("a list screen")
        }
        // Moving among the matches: ↓↓↓↑ from the selection, as counted on the plain rows.
        d.press(.enter)
        let before = selection(d)
        d.press(.down, .down, .down, .up)
        let after = selection(d)
        #expect(before.rows == after.rows)
        if let from = before.rows.firstIndex(where: { $0 == before.id }) {
          var i = from
          for _ in 0..<3 { i = min(i + 1, before.rows.count - 1) }
          i = max(i - 1, 0)
          #expect(after.id == before.rows[i], "'\(q)': ↓↓↓↑ from row \(from)")
        } else {
          #expect(before.rows.isEmpty || before.id == nil, "'\(q)': the selection is on a match")
        }
      }
    }
  }
}

/// The selected customer and the ids of the visible rows of the list on top.
private func selection(_ d: AppDriver) -> (id: String?, rows: [String]) {
  switch d.state.top {
  case .calls(let v): return (v.selectedId, d.state.visibleCalls(v).map(\.customer))
  case .customers(let v): return (v.selectedId, d.state.visibleCustomers(v).map(\.id))
  default: return (nil, [])
  }
}
