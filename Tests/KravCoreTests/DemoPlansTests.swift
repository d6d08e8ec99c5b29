import Testing

@testable import KravCore

@Suite("Demo plans")
struct DemoPlansTests {
  static let today = Day(parsing: "2026-11-30")!

  @Test("the demo has one plan in each state, each with its document")
  func everyState() {
    let (events, documents) = DemoGenerator(seed: 7, customers: 60, today: Self.today)
      .eventsAndDocuments()
    var ledger = Ledger()
    for (i, e) in events.enumerated() {
      var x = e
      if x.id.isEmpty { x.id = "d:\(i)" }
      x.seq = i + 1
      ledger.apply(x, ref: EventRef(journal: 0, offset: UInt64(i)))
    }
    #expect(ledger.rejected.isEmpty, "\(ledger.rejected)")
    // Plans come in proposal order; by customer they are the seven variants in turn.
    let plans = ledger.plans.sorted { $0.customer < $1.customer }
    let states = plans.map { ledger.progress(of: $0, on: Self.today).state }
    #expect(states == [.proposed, .signed, .active, .lapsed, .defaulted, .accelerated, .completed])
    #expect(ledger.plans.allSatisfy { $0.customer >= "K0054" })
    // Every plan names its document, and every document is there (the .txt and the .eml).
    let paths = Set(documents.map(\.path))
    for plan in ledger.plans {
      #expect(paths.contains(plan.letter ?? "-"))
      #expect(paths.contains((plan.letter ?? "-").replacingOccurrences(of: ".txt", with: ".eml")))
    }
    #expect(paths.contains(plans[5].accelerationLetter ?? "-"))
    // The paid-in-full plan closed its claims.
    #expect(plans[6].invoices.allSatisfy { ledger.claims[$0]?.closed == .paid })
    // Fewer than 30 customers: no plans.
    #expect(
      !DemoGenerator(seed: 7, customers: 10, today: Self.today).events().contains {
        $0.type == .planProposed
      })
  }
}
