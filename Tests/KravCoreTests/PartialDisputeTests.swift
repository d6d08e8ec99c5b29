import Testing

@testable import KravCore

/// Issue 15 point 4: a partial objection marks only its amount; letters say what is withheld.
@Suite("Partial disputes (issue 15)")
struct PartialDisputeTests {
  /// Kari owes F1 10 000,00 ("Rørarbeid") and F2 500,00, both due Thu 15.10.2026; on 20.10 she
  /// says the tap leaks and withholds 2 000,00 of F1.
  private static func ledger(disputed amount: Int64?) -> Ledger {
    var l = Ledger()
    let events = [
      foldEvent(.customerAdded, "2026-10-01") {
        $0.name = "Kari Nordmann"
        $0.kind = "consumer"
        $0.address = "Storgata 1, 0155 Oslo"
      },
      foldEvent(.claimAdded, "2026-10-01", invoice: "F1") {
        $0.amount = 1_000_000
        $0.issued = Day(parsing: "2026-10-01")
        $0.due = Day(parsing: "2026-10-15")
      },
      foldEvent(.claimAdded, "2026-10-01", invoice: "F2") {
        $0.amount = 50_000
        $0.issued = Day(parsing: "2026-10-01")
        $0.due = Day(parsing: "2026-10-15")
      },
      foldEvent(.disputeOpened, "2026-10-20", invoice: "F1") {
        $0.amount = amount
        $0.reason = "defect"
        $0.text = "Lekker kran"
      },
    ]
    for (i, var e) in events.enumerated() {
      e.id = "kari@pc:\(i + 1)"
      l.apply(e, ref: EventRef(journal: 0, offset: UInt64(i)))
    }
    return l
  }

  @Test("the customer is partly disputed by 2 000,00, not disputed as a whole")
  func summaryMarksOnlyThePart() throws {
    let today = Day(parsing: "2026-11-01")!
    let partial = Self.ledger(disputed: 200_000)
    let s = try #require(partial.summary(customer: "K1", today: today))
    #expect(!s.isDisputed)
    #expect(s.partlyDisputed == Money(ore: 200_000))
    let listed = try #require(partial.customerSummaries(today: today, overdueOnly: false).first)
    #expect(!listed.isDisputed && listed.partlyDisputed == Money(ore: 200_000))
    // The whole claim disputed: disputed as before, and no partial amount.
    let whole = try #require(Self.ledger(disputed: nil).summary(customer: "K1", today: today))
    #expect(whole.isDisputed && whole.partlyDisputed == .zero)
  }

  @Test("a letter for the claim states the withheld amount and why, and demands the rest")
  func letterStatesWithheld() throws {
    // Reminder on 01.11.2026 (17 days after the due date, so with a fee): F1's principal in
    // the table is 10 000,00 − 2 000,00 = 8 000,00; interest still runs on all 10 000,00
    // (domain-norway.md §5): 17 days × 12 % = 55,89.
    let l = Self.ledger(disputed: 200_000)
    let plan = try l.planSteps(.customer("K1"), today: Day(parsing: "2026-11-01")!)
    let letter = try #require(plan.letters.first)
    let f1 = try #require(letter.lines.first { $0.invoice == "F1" })
    #expect(f1.principal == Money(ore: 800_000) && f1.withheld == Money(ore: 200_000))
    #expect(f1.interest == Money(ore: 5_589))
    let text = LetterText.render(
      letter, creditor: Creditor(name: "Fjord Rør AS", orgnr: "123456785", account: "86011117947"))
    #expect(
      text.contains(
        "Delvis bestridt: 2 000,00 kr av hovedstolen holdes tilbake (mangel ved leveransen:"
          + " «Lekker kran») og kreves ikke nå."))
    let f2 = try #require(letter.lines.first { $0.invoice == "F2" })
    #expect(f2.withheld == .zero && f2.withheldReason == nil)
  }
}
