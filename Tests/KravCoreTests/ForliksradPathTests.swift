import Testing

@testable import KravCore

/// Issue 15 point 17: a claim disputed early can reach the forliksråd once the creditor takes
/// the objection there: first the notice tvisteloven § 5-2 asks for, then the forliksklage.
@Suite("Path to the forliksråd (issue 15)")
struct ForliksradPathTests {
  /// F1 10 000,00 due Thu 15.10.2026, reminder 29.10, objection 01.11 ("never done").
  private static let disputed: [Event] = [
    foldEvent(.customerAdded, "2026-10-01") {
      $0.name = "Kari Nordmann"
      $0.kind = "consumer"
      $0.address = "Storgata 1, 0155 Oslo"
      $0.email = "kari@example.no"
    },
    foldEvent(.claimAdded, "2026-10-01", invoice: "F1") {
      $0.amount = 1_000_000
      $0.issued = Day(parsing: "2026-10-01")
      $0.due = Day(parsing: "2026-10-15")
    },
    foldEvent(.stepTriggered, "2026-10-29", invoice: "F1") {
      $0.from = "invoice"
      $0.step = "reminder"
      $0.date = Day(parsing: "2026-10-29")
      $0.amount = 3_750
    },
    foldEvent(.disputeOpened, "2026-11-01", invoice: "F1") {
      $0.id = "kari@pc:dispute"
      $0.reason = "defect"
      $0.text = "Arbeidet ble aldri utført"
    },
  ]

  private static let toForliksrad = foldEvent(.disputeResolved, "2026-11-03", invoice: "F1") {
    $0.ref = "kari@pc:dispute"
    $0.outcome = "forliksrad"
    $0.date = Day(parsing: "2026-11-03")
  }

  @Test("open objection at the reminder: blocked; taken to the forliksråd: § 5-2 notice first")
  func noticeBeforeForliksklage() throws {
    let today = Day(parsing: "2026-11-03")!
    // Before the fix (and while the objection is open) the claim could only wait: its next
    // step is the inkassovarsel, blocked as disputed, and no path led to the forliksråd.
    let open = foldNumbered(Self.disputed)
    #expect(open.nextStep(invoice: "F1", today: today)?.blocker == .disputed)
    let l = foldNumbered(Self.disputed + [Self.toForliksrad])
    let next = try #require(l.nextStep(invoice: "F1", today: today))
    #expect(next.step == .varsel52 && next.isEligible(on: today))
    let plan = try l.planSteps(.customer("K1"), today: today)
    let notice = try #require(plan.letters.first)
    // On paper to a private party (§ 5-2 (3)), 14 days to answer, no fee.
    #expect(notice.step == .varsel52 && notice.channel == .letter)
    #expect(notice.deadline == Day(parsing: "2026-11-17") && notice.fee == .zero)
    let text = LetterText.render(
      notice, creditor: Creditor(name: "Fjord Rør AS", orgnr: "123456785", account: "86011117947"))
    #expect(text.contains("Varsel om søksmål etter tvisteloven § 5-2."))
    #expect(text.contains("Din innsigelse: F1: Arbeidet ble aldri utført."))
    #expect(text.contains("innen 17.11.2026"))
  }

  @Test("after the notice's 14 days the forliksklage draft is offered, not before")
  func forliksklageAfterNotice() throws {
    let noticeSent = foldEvent(.stepTriggered, "2026-11-03", invoice: "F1") {
      $0.from = "reminder"
      $0.step = "varsel-5-2"
      $0.date = Day(parsing: "2026-11-03")
      $0.until = Day(parsing: "2026-11-17")
    }
    let l = foldNumbered(Self.disputed + [Self.toForliksrad, noticeSent])
    #expect(l.claims["F1"]!.step == .varsel52)
    // Deadline 17.11 (sent 03.11 + 14); the forliksklage from 18.11.
    let on17 = try #require(l.nextStep(invoice: "F1", today: Day(parsing: "2026-11-17")!))
    #expect(on17.step == .forliksklage && !on17.isEligible(on: Day(parsing: "2026-11-17")!))
    let on18 = Day(parsing: "2026-11-18")!
    #expect(l.nextStep(invoice: "F1", today: on18)?.isEligible(on: on18) == true)
    let draft = try #require(try l.planSteps(.customer("K1"), today: on18).letters.first)
    #expect(draft.step == .forliksklage && draft.isCourtDraft)
    #expect(draft.courtFee != nil)
  }
}
