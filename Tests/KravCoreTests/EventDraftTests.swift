import Testing

@testable import KravCore

@Suite("Typed event constructors, coded values and the id-based ledger API")
struct EventDraftTests {
  static let day = Day(year: 2026, month: 12, day: 1)!

  @Test("a typed constructor fills exactly the fields a hand-filled draft did")
  func constructorsMatchDrafts() {
    var hold = Event(id: "", seq: 0, at: "", by: "", type: .holdSet, customer: "K1", invoice: "F1")
    hold.until = Self.day
    hold.text = "Venter på svar"
    #expect(
      Event.holdSet(customer: "K1", invoice: "F1", until: Self.day, text: "Venter på svar") == hold)

    var pref = Event(id: "", seq: 0, at: "", by: "", type: .callPreferenceSet, customer: "K1")
    pref.reason = "do-not-call"
    pref.text = "Bare e-post"
    #expect(Event.callPreferenceSet(customer: "K1", .doNotCall, text: "Bare e-post") == pref)

    var claim = Event(
      id: "", seq: 0, at: "", by: "", type: .claimAdded, customer: "K1", invoice: "F1")
    claim.amount = 125_000
    claim.issued = Self.day
    claim.due = Self.day.adding(days: 14)
    claim.kid = "12345678903"
    #expect(
      Event.claimAdded(
        customer: "K1", invoice: "F1", amount: Money(ore: 125_000), issued: Self.day,
        due: Self.day.adding(days: 14), kid: "12345678903") == claim)

    var resolved = Event(
      id: "", seq: 0, at: "", by: "", type: .disputeResolved, customer: "K1", invoice: "F1")
    resolved.ref = "kari@pc:3"
    resolved.outcome = "forliksrad"
    resolved.date = Self.day
    #expect(
      Event.disputeResolved(
        customer: "K1", invoice: "F1", ref: "kari@pc:3", outcome: .forliksrad, date: Self.day)
        == resolved)
  }

  @Test(
    "coded values keep the journal's strings; an unknown one stays as written and folds to nothing")
  func codedValues() {
    #expect(CallPreference.doNotCall.rawValue == "do-not-call")
    #expect(CallPreference.mayCall.rawValue == "may-call")
    #expect(NoteReason.proposePlan.rawValue == "propose-plan")
    #expect(StepReason.limitationOverride.rawValue == "limitation-override")
    let added = foldEvent(.customerAdded, "2026-11-01") {
      $0.name = "Åse Ødegård"
      $0.kind = "consumer"
    }
    var unknown = foldEvent(.callPreferenceSet, "2026-11-02")
    unknown.reason = "mornings-only"  // a value from a newer Krav
    #expect(unknown.callPreference == nil)
    #expect(unknown.reason == "mornings-only")
    let blocked = foldEvent(.callPreferenceSet, "2026-11-03") {
      $0.reason = CallPreference.doNotCall.rawValue
    }
    #expect(foldNumbered([added, unknown]).customers["K1"]?.doNotCall == false)
    #expect(foldNumbered([added, blocked]).customers["K1"]?.doNotCall == true)
    #expect(foldNumbered([added, blocked, unknown]).customers["K1"]?.doNotCall == true)
  }

  @Test("claims by KID and by customer, and queue rows by claim and owner, without positions")
  func idBasedLedgerAPI() {
    func customer(_ id: String, _ name: String, _ day: String) -> Event {
      foldEvent(.customerAdded, day, customer: id) {
        $0.name = name
        $0.kind = "consumer"
      }
    }
    func claim(_ id: String, _ invoice: String, _ kid: String) -> Event {
      var e = Event.claimAdded(
        customer: id, invoice: invoice, amount: Money(ore: 100_000),
        issued: Day(year: 2026, month: 8, day: 1), due: Day(year: 2026, month: 8, day: 15),
        kid: kid)
      (e.at, e.by) = ("2026-08-01T10:00:00+02:00", "kari")
      return e
    }
    let l = foldNumbered([
      customer("K2", "Øystein Berg", "2026-07-01"), customer("K1", "Åse Aas", "2026-07-01"),
      claim("K2", "F1", "100017"), claim("K1", "F2", "100025"), claim("K2", "F3", "100033"),
    ])
    #expect(l.claim(kid: "100025")?.invoice == "F2")
    #expect(l.claim(kid: "999999") == nil)
    #expect(l.claims(ofCustomer: "K2").map(\.invoice) == ["F1", "F3"])
    #expect(l.claims(ofCustomer: "nobody").isEmpty)
    let rows = l.queue(today: Day(year: 2026, month: 11, day: 30)!)
    #expect(rows.count == 3)
    for r in rows { #expect(l.owner(of: r).id == l.claim(of: r).customer) }
    // Grouped: customers by name (Åse Aas before Øystein Berg), each one's claims in order.
    #expect(l.groupedByCustomer(rows).map { l.claim(of: $0).invoice } == ["F2", "F1", "F3"])
  }
}
