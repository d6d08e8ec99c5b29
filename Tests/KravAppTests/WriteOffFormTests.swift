import KravApp
import KravCore
import KravTestSupport
import TerminalUI
import Testing

private let today = Day(parsing: "2026-11-30")!

/// Issue 15: `w` in the case writes a claim off: invoice, reason, confirmation naming both.
@Suite("Write-off from the case")
struct WriteOffFormTests {
  private func driver(_ lang: Language) -> AppDriver {
    AppDriver(
      store: MemoryStore(events: Fixtures.threeCustomers(today: today)), today: today,
      language: lang, size: Size(width: 100, height: 30))
  }

  @Test("w, the offered invoice, a reason and j write the claim off; it leaves the totals")
  func writeOff() throws {
    var d = driver(.nb)
    d.press(.down, .enter)
    guard case .caseView(let v) = d.state.top else {
      Issue.record("expected a case")
      return
    }
    let claims = d.state.ledger.claimSummaries(customer: v.customerId, today: today)
      .filter { $0.status.isOpen }
    let first = try #require(claims.first).claim.invoice
    d.press(.char("w"))
    #expect(d.screenText.contains("Skriv av faktura: \(first)"), "the oldest open claim offered")
    d.press(.enter)
    #expect(d.screenText.contains("Grunn (lagres i loggen):"))
    d.press(.enter)
    #expect(d.screenText.contains("Skriv en grunn"), "a reason is required")
    d.type("Foreldet – ikke erkjent")
    d.press(.enter)
    let name = d.state.ledger.customers[v.customerId]!.name
    #expect(d.screenText.contains("Skrive av \(first) for \(name)?"))
    d.press(.char("j"))
    let closed = d.store.events.filter { $0.type == .caseClosed }
    #expect(closed.count == 1 && closed.first?.invoice == first)
    #expect(
      closed.first?.reason == "written-off" && closed.first?.text == "Foreldet – ikke erkjent")
    #expect(d.state.ledger.claims[first]?.closed == .writtenOff)
    #expect(d.screenText.contains("Kravet er skrevet av"))
    #expect(d.store.ledger == d.state.ledger, "what is shown is what a replay gives")
  }

  @Test("anything but j/y at the confirmation cancels, and nothing is written")
  func cancel() {
    var d = driver(.en)
    d.press(.down, .enter)
    let before = d.store.events.count
    d.press(.char("w"))
    d.press(.enter)
    d.type("Not worth it")
    d.press(.enter)
    #expect(d.screenText.contains("(y/n)"))
    d.press(.char("n"))
    #expect(d.store.events.count == before)
    #expect(d.screenText.contains("Write-off cancelled"))
  }
}
