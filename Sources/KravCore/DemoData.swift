/// A deterministic generator of realistic demo data for `krav demo`.
///
/// The same seed, customer count, today and collectors always give the same events: the
/// generator uses its own SplitMix64 generator, never the system's random source. Events come in
/// chronological order with `id == ""` and `seq == 0` (the store assigns both), `by` set to the
/// customer's collector and `at` an Oslo timestamp during office hours (08:00–16:00) on the
/// event's day. Everything is dated on or before `today`, follows the ladder's order and adds
/// only the fees `Fees.decide` allows.
public struct DemoGenerator: Sendable {
  /// The seed of the pseudo-random sequence.
  public let seed: UInt64
  /// How many customers to create (about 60 % consumers, 40 % businesses).
  public let customers: Int
  /// The last day any event may have.
  public let today: Day
  /// Collectors the customers are shared between; names `by` on every event.
  public let collectors: [String]

  /// Creates a generator; `customers` is clamped to at least 1, `collectors` to at least one.
  public init(
    seed: UInt64, customers: Int = 150, today: Day, collectors: [String] = ["kari", "ola"]
  ) {
    self.seed = seed
    self.customers = max(1, customers)
    self.today = today
    self.collectors = collectors.isEmpty ? ["demo"] : collectors
  }

  /// All events of the demo store, oldest first (plans included: DemoPlans.swift).
  public func events() -> [Event] { eventsAndDocuments().events }
}

/// SplitMix64 (Steele, Lea and Flood): small, fast and fully specified, hence reproducible.
/// The demo data and the tests' fuzzers use it.
struct SplitMix64: RandomNumberGenerator {
  var state: UInt64

  mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }

  /// A uniform integer in `range` (multiply-high; the tiny bias does not matter for demo data).
  mutating func int(_ range: ClosedRange<Int>) -> Int {
    let span = UInt64(range.upperBound - range.lowerBound + 1)
    return range.lowerBound + Int(span.multipliedFullWidth(by: next()).high)
  }

  /// True with probability `p`.
  mutating func chance(_ p: Double) -> Bool {
    Double(next() >> 11) / Double(1 << 53) < p
  }

  /// A random element of a non-empty array.
  mutating func pick<T>(_ items: [T]) -> T { items[int(0...(items.count - 1))] }
}

/// A customer as the builder needs it while generating claims.
struct DemoCustomer {
  var id: String
  var number: Int
  var isBusiness: Bool
  var collector: String
}

/// Collects events with their day and an order key, then sorts and timestamps them.
struct DemoBuilder {
  let today: Day
  let collectors: [String]
  var rng: SplitMix64
  var pending: [(day: Day, rank: Int, index: Int, event: Event)] = []
  var nextInvoice = 100_001
  /// Days the current customer has been called (good practice: at most one call a day).
  var callDays: Set<Day> = []

  init(generator: DemoGenerator) {
    today = generator.today
    collectors = generator.collectors
    rng = SplitMix64(state: generator.seed)
  }

  /// Queues an event for `day`; `rank` orders events of one day (customer, claim, the rest).
  mutating func emit(_ event: Event, on day: Day, rank: Int = 2) {
    precondition(day <= today, "demo event after today")
    pending.append((day, rank, pending.count, event))
  }

  /// A fresh event of `type` for `customer`, header left for `finish` to complete.
  func event(_ type: EventType, _ customer: DemoCustomer, invoice: String? = nil) -> Event {
    Event.draft(type, customer: customer.id, invoice: invoice, by: customer.collector)
  }

  /// A business day on or after `earliest` plus up to `slack` days, and not after today.
  ///
  /// Nil when no business day from `earliest` to today exists.
  mutating func place(_ earliest: Day, slack: Int = 0) -> Day? {
    guard earliest <= today else { return nil }
    let room = min(max(0, slack), earliest.days(to: today))
    var d = earliest.adding(days: rng.int(0...room))
    if !d.isBusinessDay { d = d.nextBusinessDay }
    return d <= today ? d : nil
  }

  /// Sorts by day, rank and creation order, and gives each day's events rising office times.
  mutating func finish() -> [Event] {
    let sorted = pending.sorted { ($0.day, $0.rank, $0.index) < ($1.day, $1.rank, $1.index) }
    var result: [Event] = []
    result.reserveCapacity(sorted.count)
    var i = 0
    while i < sorted.count {
      var j = i
      while j < sorted.count && sorted[j].day == sorted[i].day { j += 1 }
      let count = j - i
      var times = (0..<count).map { _ in rng.int(8 * 3_600...(16 * 3_600 - 1)) }.sorted()
      for k in 1..<max(1, count) where times[k] <= times[k - 1] { times[k] = times[k - 1] + 1 }
      for k in 0..<count {
        var e = sorted[i + k].event
        e.at = OsloTime.timestamp(day: sorted[i + k].day, secondsOfDay: times[k])
        result.append(e)
      }
      i = j
    }
    return result
  }

  /// Adds one customer with its claims and the collector's calls and notes.
  mutating func addCustomer(number: Int) {
    let id = "K" + String(repeating: "0", count: max(0, 4 - String(number).count)) + String(number)
    let isBusiness = !rng.chance(0.6)
    let customer = DemoCustomer(
      id: id, number: number, isBusiness: isBusiness, collector: rng.pick(collectors))
    callDays = []
    var claims: [DemoClaim] = []
    let count = 2 + rng.int(0...2) + (rng.chance(0.15) ? 2 : 0)
    for _ in 0..<count { claims.append(planClaim(for: customer)) }
    let firstIssued = claims.map(\.issued).min()!
    var added = firstIssued.adding(days: -rng.int(0...20))
    if !added.isBusinessDay { added = added.previousBusinessDay }
    emit(customerAdded(customer), on: added, rank: 0)
    for claim in claims { addClaimEvents(claim, customer: customer) }
    addContacts(customer, claims: claims)
  }

  /// The customer-added event with name, identifiers and contact details.
  mutating func customerAdded(_ c: DemoCustomer) -> Event {
    var e = event(.customerAdded, c)
    let (postcode, town) = rng.pick(DemoNames.towns)
    e.address = "\(rng.pick(DemoNames.streets)) \(rng.int(1...120)), \(postcode) \(town)"
    if c.isBusiness {
      let prefix = rng.chance(0.5) ? town : rng.pick(DemoNames.firmPrefixes)
      let name = "\(prefix) \(rng.pick(DemoNames.firmTrades)) \(rng.pick(DemoNames.firmForms))"
      e.name = name
      e.kind = "business"
      e.orgnr = makeOrgNumber()
      e.email = "post@" + DemoNames.slug(prefix, separator: "") + ".no"
      e.phone = phone(mobile: rng.chance(0.3))
    } else {
      let first = rng.pick(DemoNames.firstNames)
      let last = rng.pick(DemoNames.lastNames)
      e.name = "\(first) \(last)"
      e.kind = "consumer"
      if rng.chance(0.4) { e.birthNumber = makeBirthNumber() }
      e.email = DemoNames.slug("\(first) \(last)") + "@" + rng.pick(DemoNames.consumerMailDomains)
      e.phone = phone(mobile: true)
    }
    return e
  }

  /// A valid organisation number starting with 8 or 9, like real ones.
  mutating func makeOrgNumber() -> String {
    while true {
      let body = String(rng.int(80_000_000...99_999_999))
      if let number = OrgNumber.make(body: body) { return number }
    }
  }

  /// A valid fødselsnummer for an adult born 1950–2005.
  mutating func makeBirthNumber() -> String {
    while true {
      let born = Day(year: rng.int(1950...2005), month: rng.int(1...12), day: rng.int(1...28))!
      let individual = born.year >= 2000 ? rng.int(500...999) : rng.int(0...499)
      if let number = BirthNumber.make(birthDate: born, individual: individual) { return number }
    }
  }

  /// `+47 912 34 567` (mobile, starting 4 or 9) or `+47 22 12 34 56` (landline).
  mutating func phone(mobile: Bool) -> String {
    func two(_ v: Int) -> String { v < 10 ? "0\(v)" : "\(v)" }
    if mobile {
      let lead = rng.pick([4, 9]) * 100 + rng.int(0...99)
      return "+47 \(lead) \(two(rng.int(0...99))) \(rng.int(100...999))"
    }
    let area = rng.pick([22, 23, 55, 73, 51, 77])
    return "+47 \(area) \(two(rng.int(0...99))) \(two(rng.int(0...99))) \(two(rng.int(0...99)))"
  }
}
