import KravApp
import KravCore
import KravTestSupport
import TerminalUI
import Testing

private let today = Day(parsing: "2026-11-30")!
private let demo = DemoGenerator(seed: 5, customers: 80, today: today).events()

private func reportsView(_ d: AppDriver) -> ReportsView? {
  if case .reports(let v) = d.state.top { return v }
  return nil
}

@Suite("Reports screen")
struct ReportsScreenTests {
  @Test("r opens the reports on ageing: tabs, a bar chart with block characters, a table")
  func opens() {
    var d = AppDriver(store: MemoryStore(events: demo), today: today)
    d.press(.char("R"))
    let text = d.screenText
    #expect(text.contains("Rapporter: Aldersfordeling"))
    #expect(text.contains("Innbetalt") && text.contains("DSO og CEI"))
    #expect(text.contains("ikke forfalt") && text.contains("1–30 dager"))
    #expect(text.contains("█"))
    #expect(text.contains("Beløp") && text.contains("Forbrukere") && text.contains("Sum"))
    // The table's total is the customers list's total outstanding.
    let total = d.state.ledger.customerSummaries(today: today, overdueOnly: false)
      .reduce(Money.zero) { $0 + $1.outstanding }
    #expect(text.contains(total.formatted(.nb)))
    d.press(.escape)
    #expect(d.screenText.contains("Kunder"))
  }

  @Test("at 80×24 no report cuts a figure: the least needed columns give way whole")
  func narrowNeverCutsFigures() {
    for language in [Language.nb, .en] {
      var d = AppDriver(
        store: MemoryStore(events: demo), today: today, language: language,
        size: Size(width: 80, height: 24))
      d.press(.char("R"))
      for _ in ReportKind.allCases {
        let text = d.screenText
        let kind = reportsView(d)?.kind
        // Every cell of the table under the chart is whole: no "…" on a line with money.
        for line in text.split(separator: "\n") where line.contains("kr") || line.contains("NOK") {
          #expect(!line.contains("…"), "\(language) \(String(describing: kind)): \(line)")
        }
        if kind == .collected {
          // The total stays when compensation gives way.
          #expect(text.contains(language == .nb ? "Sum" : "Total"))
        }
        d.press(.tab)
      }
    }
  }

  @Test("r also opens from the call list and the queue; Tab, ← → and d/w/m switch")
  func switches() {
    var d = AppDriver(
      store: MemoryStore(events: demo), today: today, size: Size(width: 110, height: 60),
      start: .calls)
    d.press(.char("R"))
    #expect(reportsView(d)?.kind == .ageing)
    d.press(.tab)
    #expect(reportsView(d)?.kind == .collected)
    var text = d.screenText
    #expect(text.contains("Innbetalt") && text.contains("11.2026") && text.contains("per måned"))
    #expect(text.contains("Hovedstol") && text.contains("etter inkassovarsel"))
    d.press(.char("w"))
    text = d.screenText
    #expect(text.contains("per uke") && text.contains("uke 48 2026"))
    d.press(.left)
    // One week back: the range now ends on Sunday 29.11.
    #expect(d.screenText.contains("– 29.11.2026"))
    d.press(.right)
    #expect(d.screenText.contains("– 30.11.2026"))
    d.press(.right)
    #expect(d.screenText.contains("– 30.11.2026"), "never past today")
    d.press(.backTab, .backTab)
    #expect(reportsView(d)?.kind == .collectors)
    #expect(d.screenText.contains("kari") && d.screenText.contains("Samtaler"))
    d.press(.tab, .tab, .tab, .tab)
    #expect(reportsView(d)?.kind == .funnel)
    #expect(d.screenText.contains("purring") && d.screenText.contains("Innsigelser åpnet"))
    var q = AppDriver(store: MemoryStore(events: demo), today: today)
    q.press(.char("l"), .char("R"))
    #expect(reportsView(q)?.kind == .ageing)
  }

  @Test("Enter on a bar lists the claims behind it; Enter on one opens that customer's case")
  func drillDown() throws {
    var d = AppDriver(store: MemoryStore(events: demo), today: today)
    d.press(.char("R"), .down)
    #expect(reportsView(d)?.selected == 1)
    d.press(.enter)
    let text = d.screenText
    #expect(text.contains("Bak stolpen: 1–30 dager"))
    let r = d.state.ledger.ageingReport(today: today)
    let first = d.state.ledger.claims.values[Int(r.claimsInBucket[1][0])]
    #expect(text.contains(first.invoice))
    #expect(text.contains("1/\(r.claimsInBucket[1].count)"))
    d.press(.down)
    #expect(reportsView(d)?.drillSelected == 1)
    d.press(.up, .enter)
    let name = try #require(d.state.ledger.customers[first.customer]?.name)
    #expect(d.screenText.contains("Sak: \(name)"))
    d.press(.escape)
    #expect(reportsView(d)?.drill == true)
    d.press(.escape)
    #expect(reportsView(d)?.drill == false)
  }

  @Test("a payment folded while the screen is open shows in the collected report")
  func refreshesAfterFold() {
    let store = MemoryStore(events: demo)
    var d = AppDriver(store: store, today: today, size: Size(width: 110, height: 60))
    d.press(.char("R"), .tab)
    let before = d.state.ledger.collectedReport(
      periods: ReportPeriods.standard(today: today, grouping: .month),
      facts: ReportFacts(d.state.ledger)
    ).total
    let invoice = d.state.ledger.claims.values.first { $0.closed == nil }!.invoice
    var pay = Event(
      id: "", seq: 0, at: "2026-11-30T10:00:00+01:00", by: "ola", type: .paymentRegistered,
      invoice: invoice)
    pay.amount = 12_345_00
    pay.date = today
    store.appendExternally(pay, by: "ola")
    d.send(.external(try! store.poll()))
    let after = before + Money(ore: 12_345_00)
    #expect(d.screenText.contains(after.formatted(.nb)))
  }

  @Test("the help screen lists the report keys")
  func help() {
    var d = AppDriver(store: MemoryStore(events: demo), today: today, language: .en)
    d.press(.char("R"), .char("?"))
    let text = d.screenText
    #expect(text.contains("earlier") && text.contains("drill down") && text.contains("by week"))
  }
}
