import KravCore

/// Small hand-made stores for tests, with Norwegian names (æøå) and known amounts.
public enum Fixtures {
  /// A draft event of `type` for `customer` at a day (10:00 Oslo time).
  public static func event(
    _ type: EventType, _ day: Day, customer: String? = nil, invoice: String? = nil,
    by: String = "kari", _ configure: (inout Event) -> Void = { _ in }
  ) -> Event {
    var e = Event.draft(
      type, customer: customer, invoice: invoice, by: by, at: "\(day.iso)T10:00:00+01:00")
    configure(&e)
    return e
  }

  /// Three customers: Bjørn Løvås (two overdue claims), Ærlig Økonomi AS (one, disputed) and
  /// Åse Kjærstad (paid up), as of `today`.
  public static func threeCustomers(today: Day) -> [Event] {
    let d = { (n: Int) in today.adding(days: n) }
    return [
      event(.customerAdded, d(-90), customer: "K1") {
        $0.name = "Bjørn Løvås"; $0.kind = "consumer"; $0.phone = "+47 912 34 567"
        $0.birthNumber = "31129956715"; $0.address = "Løkkeveien 3, 9008 Tromsø"
      },
      event(.customerAdded, d(-90), customer: "K2") {
        $0.name = "Ærlig Økonomi AS"; $0.kind = "business"; $0.orgnr = "123456785"
      },
      event(.customerAdded, d(-90), customer: "K3") {
        $0.name = "Åse Kjærstad"; $0.kind = "consumer"
      },
      event(.claimAdded, d(-80), customer: "K1", invoice: "1001") {
        $0.amount = 1_000_000; $0.issued = d(-80); $0.due = d(-60)
      },
      event(.claimAdded, d(-50), customer: "K1", invoice: "1002") {
        $0.amount = 250_050; $0.issued = d(-50); $0.due = d(-30)
      },
      event(.claimAdded, d(-40), customer: "K2", invoice: "2001") {
        $0.amount = 5_000_000; $0.issued = d(-40); $0.due = d(-20)
      },
      event(.claimAdded, d(-40), customer: "K3", invoice: "3001") {
        $0.amount = 80_000; $0.issued = d(-40); $0.due = d(-20)
      },
      event(.stepTriggered, d(-40), customer: "K1", invoice: "1001") {
        $0.from = "invoice"; $0.step = "reminder"; $0.date = d(-40); $0.amount = 3_750
      },
      event(.callLogged, d(-35), customer: "K1") {
        $0.outcome = "reached"; $0.text = "Lovet å betale"
      },
      event(.disputeOpened, d(-10), customer: "K2", invoice: "2001") {
        // The whole claim: it stops the ladder (a partial objection would leave the rest on
        // it; CollectorDayTests has those).
        $0.reason = "defect"; $0.text = "Mangelfull levering"
      },
      event(.paymentRegistered, d(-20), invoice: "3001") {
        $0.amount = 80_000; $0.date = d(-20)
      },
      event(.noteAdded, d(-5), customer: "K1") { $0.text = "Sendte e-post om avtale" },
    ]
  }
}
