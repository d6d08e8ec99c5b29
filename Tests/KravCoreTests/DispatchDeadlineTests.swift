import Testing

@testable import KravCore

/// Issue 19: a formal step's deadline counts from the day its letter left (inkl. §§ 9–10:
/// 14 days "fra varselet er sendt"), not from the day it was written.
@Suite("Deadlines from the day a letter left")
struct DispatchDeadlineTests {
  /// Kari owes 1001, due Thu 15 Oct 2026; the reminder is written on 29 Oct.
  func events(dispatch: Bool) -> [Event] {
    [
      foldEvent(.customerAdded, "2026-10-01") {
        $0.name = "Kari Nordmann"; $0.kind = "consumer"; $0.address = "Storgata 1, 0155 Oslo"
      },
      foldEvent(.claimAdded, "2026-10-01", invoice: "1001") {
        $0.amount = 100_000; $0.issued = Day(parsing: "2026-10-01");
        $0.due = Day(parsing: "2026-10-15")
      },
      foldEvent(.stepTriggered, "2026-10-29", invoice: "1001") {
        $0.from = "invoice"; $0.step = "reminder"; $0.date = Day(parsing: "2026-10-29")
        $0.until = Day(parsing: "2026-11-12"); $0.ref = "2026-10-29-reminder-K1"
        if dispatch { $0.extra["dispatch"] = "\"outbox\"" }
      },
    ]
  }

  func left(_ type: EventType, _ day: String, step: String = "reminder") -> Event {
    foldEvent(type, day) {
      $0.ref = "2026-10-29-reminder-K1"; $0.date = Day(parsing: day); $0.step = step
      $0.outboxInvoices = ["1001"]
    }
  }

  @Test("a letter written before issue 19 (no dispatch) counts as left the day it was written")
  func oldJournals() {
    let l = foldNumbered(events(dispatch: false))
    let next = l.nextStep(invoice: "1001", today: Day(parsing: "2026-11-13")!)!
    #expect(next.step == .inkassovarsel && next.from == Day(parsing: "2026-11-13"))
    #expect(next.isEligible(on: Day(parsing: "2026-11-13")!))
  }

  @Test("the outbox shows a letter from before issue 19 as left the day it was written")
  func oldJournalsInTheOutbox() {
    var box = Outbox()
    for e in events(dispatch: false) { box.apply(e) }
    let d = box["2026-10-29-reminder-K1"]!
    #expect(box.state(of: d) == .printed)
    #expect(d.departure?.day == Day(parsing: "2026-10-29"))
    #expect(d.departure?.answer == Outbox.legacyAnswer)
    #expect(!box.isStale(d, today: Day(parsing: "2026-12-01")!))
  }

  @Test("a letter not sent holds the next step back, whatever the day")
  func notSent() {
    let l = foldNumbered(events(dispatch: true))
    #expect(l.claims["1001"]!.awaitingDispatch)
    let next = l.nextStep(invoice: "1001", today: Day(parsing: "2027-03-01")!)!
    #expect(next.reason(on: Day(parsing: "2027-03-01")!) == .notSent)
  }

  @Test("printed three days late: the deadline runs 14 days from the printing day")
  func printedLate() {
    // Printed Sun 1 Nov: deadline 15 Nov, the inkassovarsel from Mon 16 Nov (not 13 Nov).
    let l = foldNumbered(events(dispatch: true) + [left(.documentPrinted, "2026-11-01")])
    let c = l.claims["1001"]!
    #expect(!c.awaitingDispatch && c.stepOn == Day(parsing: "2026-11-01"))
    #expect(Ladder.deadline(of: c) == Day(parsing: "2026-11-15"))
    let next = l.nextStep(invoice: "1001", today: Day(parsing: "2026-11-13")!)!
    #expect(next.from == Day(parsing: "2026-11-16"))
    #expect(next.reason(on: Day(parsing: "2026-11-15")!) == .deadlineRunning)
    #expect(next.isEligible(on: Day(parsing: "2026-11-16")!))
  }

  @Test("sent by e-mail the day written: the ladder's own dates")
  func sentSameDay() {
    let l = foldNumbered(events(dispatch: true) + [left(.documentSent, "2026-10-29")])
    let next = l.nextStep(invoice: "1001", today: Day(parsing: "2026-11-13")!)!
    #expect(
      next.from == Day(parsing: "2026-11-13") && next.isEligible(on: Day(parsing: "2026-11-13")!))
  }

  @Test("a plan document that left (no step) does not start the step letter's deadline")
  func planDocumentLeft() {
    var plan = left(.documentPrinted, "2026-10-30")
    plan.step = nil
    plan.ref = "2026/plan-K1-1"
    let l = foldNumbered(events(dispatch: true) + [plan])
    #expect(l.claims["1001"]!.awaitingDispatch)
  }

  @Test("a departure naming another step leaves the claim waiting")
  func otherStep() {
    let l = foldNumbered(
      events(dispatch: true) + [left(.documentSent, "2026-10-30", step: "inkassovarsel")])
    #expect(l.claims["1001"]!.awaitingDispatch)
    #expect(l.claims["1001"]!.stepOn == Day(parsing: "2026-10-29"))
  }

  @Test("re-issued on 2 Nov: the same step, no second fee, the new letter waits in its turn")
  func reissue() {
    var box = Outbox()
    let evs = events(dispatch: true)
    for e in evs { box.apply(e) }
    let l = foldNumbered(evs)
    let d = box["2026-10-29-reminder-K1"]!
    #expect(box.isStale(d, today: Day(parsing: "2026-11-02")!))
    #expect(!box.isStale(d, today: Day(parsing: "2026-10-29")!))
    let draft = l.reissue(d, today: Day(parsing: "2026-11-02")!)!
    #expect(draft.step == .reminder && draft.sent == Day(parsing: "2026-11-02"))
    #expect(draft.deadline == Day(parsing: "2026-11-16"))
    #expect(draft.fee == .zero && draft.reissueOf == "2026-10-29-reminder-K1")
    #expect(draft.lines.allSatisfy { $0.fromStep == .reminder })
    let text = LetterText.render(
      draft, creditor: Creditor(name: "Fjord AS", orgnr: "123456785", account: "86011117947"))
    #expect(
      text.contains("Dette brevet erstatter brev 2026-10-29-reminder-K1, som ikke ble sendt."))
    #expect(!text.contains("(ikke krevd)"))
    // Its events move the claim from reminder to reminder: the precondition holds, no fee.
    var with = evs
    for var e in draft.events {
      e.at = "2026-11-02T10:00:00+01:00"
      if e.type == .stepTriggered { e.extra["dispatch"] = "\"outbox\"" }
      with.append(e)
    }
    let after = foldNumbered(with)
    let c = after.claims["1001"]!
    #expect(c.conflicts.isEmpty && c.step == .reminder && c.stepOn == Day(parsing: "2026-11-02"))
    #expect(c.fees.count == 0 && c.awaitingDispatch)
  }
}
