/// Instalment plans in the demo data: the last few customers of a demo with at least 30
/// customers each get one plan, one per state a collector meets (awaiting signature, signed,
/// active, lapsed, in default, accelerated, paid in full).
///
/// The plans are made the way a collector makes them — `Ledger.draftPlan`, `draftSignature`,
/// `draftAcceleration` on a ledger of the demo's events — so their schedules, documents and
/// states follow every rule the real commands follow. Plan customers get only old claims with a
/// reminder and no other events, so nothing else happens to them after the plan is proposed.
extension DemoGenerator {
  /// How many customers get a plan (one per variant), when there are at least 30.
  static let planVariants = 7

  /// The number of customers reserved for plans.
  var planCustomers: Int { customers >= 30 ? DemoGenerator.planVariants : 0 }

  /// The creditor the demo's letters name (`krav demo` writes the same into its store).
  public static let demoCreditor = PlanLetter.Creditor(
    name: "Fjordkraft Rørleggerservice AS", orgnr: "123456785", account: "86011117947",
    email: "regnskap@fjordror.example", phone: "+47 22 33 44 55",
    address: "Storgata 12, 0155 Oslo")

  /// All events of the demo store, oldest first, and the plan documents they refer to.
  public func eventsAndDocuments(creditor: PlanLetter.Creditor = demoCreditor)
    -> (events: [Event], documents: [DocumentFile])
  {
    var builder = DemoBuilder(generator: self)
    for index in 1...customers {
      if index > customers - planCustomers {
        builder.addPlanCustomer(number: index)
      } else {
        builder.addCustomer(number: index)
      }
    }
    // The call list's day (holds ending today, calls this morning, do not call) on customers
    // without a plan, so that the plans below keep their own story.
    let planned = Set(
      (1...customers).filter { $0 > customers - planCustomers }.map(DemoBuilder.customerId))
    var events = withCollectorsDay(builder.finish(), excluding: planned)
    guard planCustomers > 0 else { return (events, []) }
    var ledger = Ledger()
    for (i, e) in events.enumerated() {
      var stored = e
      stored.id = "demo:\(i + 1)"
      stored.seq = i + 1
      ledger.apply(stored, ref: EventRef(journal: 0, offset: UInt64(i)))
    }
    var added: [Event] = []
    var documents: [DocumentFile] = []
    for (v, index) in ((customers - planCustomers + 1)...customers).enumerated() {
      let id = DemoBuilder.customerId(index)
      let by = events.first { $0.type == .customerAdded && $0.customer == id }?.by ?? "demo"
      var plan = DemoPlan(variant: v, customer: id, by: by, today: today, creditor: creditor)
      plan.make(&ledger, offset: events.count + added.count)
      added += plan.events
      documents += plan.documents
    }
    events += added
    // Stable: events of a day keep their order; plan events come at 15:xx, after the rest.
    let order = events.enumerated().sorted {
      (String($0.element.at.prefix(19)), $0.offset) < (String($1.element.at.prefix(19)), $1.offset)
    }
    return (order.map(\.element), documents)
  }
}

/// One demo plan being made, event by event, on the demo ledger.
struct DemoPlan {
  let variant: Int
  let customer: String
  let by: String
  let today: Day
  let creditor: PlanLetter.Creditor
  var events: [Event] = []
  var documents: [DocumentFile] = []

  /// Days before today the plan is proposed, its instalments and frequency, for each variant:
  /// awaiting signature, signed, active, lapsed, in default, accelerated, paid in full.
  static let shapes: [(daysAgo: Int, count: Int, every: PlanFrequency)] = [
    (2, 4, .month), (4, 6, .month), (45, 6, .month), (20, 3, .month), (50, 5, .month),
    (60, 6, .fortnight), (40, 4, .week),
  ]

  /// The timestamp of the `k`th plan event of a day: 15:00 + k minutes, after the day's others.
  func at(_ day: Day, _ k: Int) -> String {
    OsloTime.timestamp(day: day, secondsOfDay: 15 * 3_600 + k * 60)
  }

  mutating func record(_ e: Event, on day: Day, _ k: Int, ledger: inout Ledger, offset: Int) {
    guard day <= today else { return }
    var x = e
    x.at = at(day, k)
    x.by = by
    var stored = x
    if stored.id.isEmpty { stored.id = "demo:plan:\(offset + events.count + 1)" }
    stored.seq = offset + events.count + 1
    ledger.apply(stored, ref: EventRef(journal: 0, offset: UInt64(offset + events.count)))
    events.append(x)
  }

  mutating func make(_ ledger: inout Ledger, offset: Int) {
    let shape = DemoPlan.shapes[variant % DemoPlan.shapes.count]
    let proposed = today.adding(days: -shape.daysAgo)
    guard
      let draft = try? ledger.draftPlan(
        customer: customer, size: .instalments(shape.count), frequency: shape.every,
        signBy: proposed.adding(days: Plan.defaultSigningDays), graceDays: Plan.defaultGraceDays,
        channel: "email", today: proposed, creditor: creditor, timestamp: at(proposed, 0))
    else { return }
    var e = draft.event
    // The plan's id is chosen here so the signature and acceleration can name it (the store
    // keeps an id a draft brings).
    e.id = "demo-plan:\(customer)-\(draft.number)"
    record(e, on: proposed, 0, ledger: &ledger, offset: offset)
    documents += draft.documents
    let planId = e.id
    guard variant != 0, variant != 3 else { return }  // awaiting signature; lapsed unsigned
    let signed = proposed.adding(days: variant == 1 ? 2 : 1)
    if let s = try? ledger.draftSignature(
      plan: planId, signed: signed, channel: variant % 2 == 0 ? "email" : "letter", today: signed)
    {
      record(s, on: signed, 1, ledger: &ledger, offset: offset)
    }
    let instalments = draft.quote.instalments
    let paid: Int
    switch variant {
    case 1: paid = 0  // signed, first instalment not in yet
    case 2: paid = instalments.count  // active: every instalment due so far
    case 4: paid = 1  // in default: the second was missed
    case 5: paid = 2  // accelerated after the third was missed
    default: paid = instalments.count  // paid in full
    }
    for inst in instalments.prefix(paid) where inst.due <= today {
      var p = Event.paymentRegistered(
        customer: customer, amount: inst.amount, date: inst.due,
        channel: PaymentChannel.bank.rawValue)
      p.by = by
      record(p, on: inst.due, 2, ledger: &ledger, offset: offset)
    }
    if variant == 5 {
      let day = today.adding(days: -15)
      if let (docs, a) = try? ledger.draftAcceleration(
        plan: planId, today: day, creditor: creditor, timestamp: at(day, 3))
      {
        record(a, on: day, 3, ledger: &ledger, offset: offset)
        documents += docs
      }
    }
    if variant == 6, let plan = ledger.plan(named: planId), let last = instalments.last?.due {
      for c in ledger.closingEvents(plan: plan, invoices: plan.invoices) {
        record(c, on: last, 4, ledger: &ledger, offset: offset)
      }
    }
  }
}

extension DemoBuilder {
  /// `K0001` for customer 1.
  static func customerId(_ number: Int) -> String {
    "K" + String(repeating: "0", count: max(0, 4 - String(number).count)) + String(number)
  }

  /// A customer kept for a plan: one or two old claims with a reminder, nothing after.
  mutating func addPlanCustomer(number: Int) {
    let customer = DemoCustomer(
      id: DemoBuilder.customerId(number), number: number, isBusiness: rng.chance(0.3),
      collector: rng.pick(collectors))
    callDays = []
    var claims: [DemoClaim] = []
    for _ in 0..<(1 + rng.int(0...1)) {
      var issued = today.adding(days: -(130 + rng.int(0...30)))
      if !issued.isBusinessDay { issued = issued.previousBusinessDay }
      let invoice = String(nextInvoice)
      nextInvoice += 1
      let body = String(10_000 + number % 10_000).dropFirst() + invoice
      claims.append(
        DemoClaim(
          invoice: invoice, scenario: .reminded, issued: issued,
          due: issued.adding(days: 14).adjustedDueDate, principal: principal(business: false),
          kid: KID.make(body: String(body))!, text: rng.pick(DemoNames.invoiceTexts)))
    }
    var added = claims.map(\.issued).min()!.adding(days: -rng.int(0...20))
    if !added.isBusinessDay { added = added.previousBusinessDay }
    emit(customerAdded(customer), on: added, rank: 0)
    for claim in claims { addClaimEvents(claim, customer: customer) }
  }
}
