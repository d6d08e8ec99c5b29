import KravApp
import KravCore
import KravTestSupport
import Testing

private let today = Day(parsing: "2026-11-30")!

/// Issue 17, item 4: the checks the TUI and the CLI share live in KravCore request types.
@Suite("Write requests (KravCore, shared by the TUI and the CLI)")
struct WriteRequestTests {
  let ledger = MemoryStore(events: Fixtures.threeCustomers(today: today)).ledger

  @Test("a hold: not before today, the claim must be the customer's, a reason is required")
  func hold() {
    let ok = HoldRequest(customer: "K1", invoice: "1002", until: today, reason: "Sykdom")
    #expect(ok.problems(ledger: ledger, today: today).isEmpty)
    let e = ok.event(ledger: ledger)
    #expect(e.type == .holdSet && e.customer == "K1" && e.invoice == "1002")
    #expect(e.until == today && e.text == "Sykdom")
    // 29.11.2026 is before today; 2001 is Ærlig Økonomi's claim, not Bjørn's; no reason.
    let bad = HoldRequest(
      customer: "K1", invoice: "2001", until: today.adding(days: -1), reason: "  ")
    #expect(
      bad.problems(ledger: ledger, today: today).map(\.code) == [
        .beforeToday, .unknownInvoice, .required,
      ])
    // The CLI's form: only the claim; the customer is its owner.
    let byInvoice = HoldRequest(customer: nil, invoice: "2001", until: today, reason: "x")
    #expect(byInvoice.problems(ledger: ledger, today: today).isEmpty)
    #expect(byInvoice.event(ledger: ledger).customer == "K2")
  }

  @Test("resolving an objection: a credit only when accepted and at most the principal")
  func resolve() throws {
    let id = try #require(ledger.customers["K2"]?.disputes.first?.eventId)
    func codes(_ o: DisputeOutcome, credit: Money?, text: String?) -> [CallLogProblem.Code] {
      DisputeResolution(dispute: id, outcome: o, credit: credit, text: text, today: today)
        .problems(ledger: ledger).map(\.code)
    }
    // 2001 has a principal of 50 000,00: a 50 000,00 credit note is allowed, 50 000,01 is not.
    #expect(codes(.accepted, credit: Money(ore: 5_000_000), text: nil) == [])
    #expect(codes(.accepted, credit: Money(ore: 5_000_001), text: nil) == [.abovePrincipal])
    #expect(codes(.accepted, credit: .zero, text: nil) == [.abovePrincipal])
    #expect(codes(.rejected, credit: Money(ore: 100), text: "Nei") == [.onlyWhenAccepted])
    #expect(codes(.rejected, credit: nil, text: " ") == [.required])
    #expect(codes(.forliksrad, credit: nil, text: nil) == [])
    let unknown = DisputeResolution(
      dispute: "nope", outcome: .accepted, credit: nil, text: nil, today: today)
    #expect(unknown.problems(ledger: ledger).map(\.code) == [.unknownDispute])
    let e = try #require(
      DisputeResolution(
        dispute: id, outcome: .accepted, credit: Money(ore: 100_000), text: nil, today: today
      ).event(ledger: ledger))
    #expect(e.type == .disputeResolved && e.customer == "K2" && e.invoice == "2001")
    #expect(e.ref == id && e.outcome == "accepted" && e.amount == 100_000 && e.date == today)
  }

  @Test("a note needs text and a known customer; do-not-call sets or lifts the flag")
  func noteAndDoNotCall() {
    #expect(NoteRequest(customer: "K1", text: "Ringte").problems(ledger: ledger).isEmpty)
    #expect(
      NoteRequest(customer: "K1", text: "  ").problems(ledger: ledger).map(\.code) == [.required])
    #expect(
      NoteRequest(customer: "K9", text: "x").problems(ledger: ledger).map(\.code) == [
        .unknownCustomer
      ])
    #expect(NoteRequest(customer: "K1", text: "Ringte").event().text == "Ringte")
    #expect(CallPreferenceRequest(customer: "K1", doNotCall: true).event().reason == "do-not-call")
    #expect(CallPreferenceRequest(customer: "K1", doNotCall: false).event().reason == "may-call")
    #expect(
      CallPreferenceRequest(customer: "K9", doNotCall: true, text: "Ba om det").problems(
        ledger: ledger
      ).map(\.code) == [.unknownCustomer])
    // Issue 20: both ways need a reason.
    #expect(
      CallPreferenceRequest(customer: "K1", doNotCall: false, text: " ").problems(ledger: ledger)
        .map(\.code) == [.required])
  }

  @Test("a write is one request answered by one typed acknowledgement naming its purpose")
  func oneWritePath() {
    var d = AppDriver(
      store: MemoryStore(events: Fixtures.threeCustomers(today: today)), today: today)
    d.press(.down, .enter, .char("x"))
    d.type("Ba om det i brev")
    d.press(.function(2))
    // Issue 20: x asks for a reason, then y writes.
    let effects = update(&d.state, .key(.char("y")), keymaps: d.keymaps)
    guard case .write(let request)? = effects.first else {
      Issue.record("x asks for one write")
      return
    }
    #expect(request.purpose == .doNotCall(on: true))
    #expect(request.files == .none && request.events.map(\.type) == [.callPreferenceSet])
    let msgs = d.runner.run(.write(request))
    guard case .written(let ack)? = msgs.first else {
      Issue.record("the runner answers with .written")
      return
    }
    #expect(ack.purpose == .doNotCall(on: true) && ack.stored.count == 1)
    d.store.failNextAppend = "disk full"
    guard case .writeFailed(let purpose, let message)? = d.runner.run(.write(request)).first else {
      Issue.record("a failed write is answered with .writeFailed")
      return
    }
    #expect(purpose == .doNotCall(on: true) && message.contains("disk full"))
  }
}
