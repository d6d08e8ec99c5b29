import Testing

@testable import KravCore

/// The reports on the demo store against figures recomputed straight from its events (no
/// report log, no report code), and the invariants of issue 21.
@Suite("Reports: brute force on the demo store")
struct ReportBruteForceTests {
  static let today = Day(year: 2026, month: 11, day: 30)!
  static let events = DemoGenerator(seed: 21, customers: 200, today: today).events()
  static let ledger: Ledger = {
    var l = Ledger()
    for (i, e) in events.enumerated() { l.apply(e, ref: EventRef(journal: 0, offset: UInt64(i))) }
    return l
  }()
  static let facts = ReportFacts(ledger)

  static func day(of e: Event) -> Day { Day(parsing: String(e.at.prefix(10)))! }

  static let groupings: [ReportPeriods] = [
    ReportPeriods(from: today.adding(days: -400), to: today, grouping: .month),
    ReportPeriods(from: today.adding(days: -120), to: today, grouping: .week),
    ReportPeriods(from: today.adding(days: -45), to: today, grouping: .day),
  ]

  @Test("the demo store is one the brute force can read: every payment is on a claim")
  func premise() {
    #expect(Self.ledger.unmatchedPayments.isEmpty)
    #expect(!Self.events.contains { $0.type == .paymentReversed || $0.type == .paymentAssigned })
    #expect(Self.ledger.claims.values.allSatisfy { $0.conflicts.isEmpty })
  }

  @Test("collected per period = the payment events of the period; the split adds up")
  func collected() {
    for periods in Self.groupings {
      var expected = [Money](repeating: .zero, count: periods.periods.count)
      var count = [Int](repeating: 0, count: periods.periods.count)
      for e in Self.events where e.type == .paymentRegistered {
        guard let k = periods.index(of: e.date ?? Self.day(of: e)) else { continue }
        expected[k] += Money(ore: e.amount!)
        count[k] += 1
      }
      let r = Self.ledger.collectedReport(periods: periods, facts: Self.facts)
      #expect(r.rows.map(\.total) == expected, "\(periods.grouping)")
      #expect(r.total == expected.reduce(.zero, +))
      for row in r.rows {
        #expect(row.bySource.reduce(.zero, +) == row.total)
        #expect(row.principal.ore >= 0 && row.interest.ore >= 0 && row.fees.ore >= 0)
      }
      // A payment on account is one event placed on several claims: at least as many parts.
      #expect(zip(r.rows.map(\.payments), count).allSatisfy { $0 >= $1 })
    }
  }

  @Test("ageing: each open claim in the bucket of its days past the moved due date")
  func ageing() {
    let l = Self.ledger
    let today = Self.today
    var expected = [Money](repeating: .zero, count: AgeingReport.bounds.count)
    var claims = [Int](repeating: 0, count: AgeingReport.bounds.count)
    for c in l.customers.values {
      // Another path: the case view's claim summaries, customer by customer.
      for s in l.claimSummaries(customer: c.id, today: today)
      where s.claim.closed == nil && s.status.isOpen {
        let days = today.ordinal - s.claim.due.adjustedDueDate.ordinal
        let k = AgeingReport.bounds.firstIndex {
          ($0.from.map { Int(days) >= $0 } ?? true) && ($0.to.map { Int(days) <= $0 } ?? true)
        }!
        expected[k] += s.balance.outstanding
        claims[k] += 1
      }
    }
    let r = l.ageingReport(today: today)
    #expect(r.buckets.map(\.amount) == expected)
    #expect(r.buckets.map(\.claims) == claims)
    let listTotal = l.customerSummaries(today: today, overdueOnly: false)
      .reduce(Money.zero) { $0 + $1.outstanding }
    #expect(r.total == listTotal)
    #expect(listTotal.isPositive)
    for kind in CustomerKind.allCases {
      #expect(r.byKind[kind]!.count == expected.count)
    }
    let sumOfKinds = r.byKind.values.reduce(Money.zero) { $0 + $1.reduce(.zero) { $0 + $1.amount } }
    #expect(sumOfKinds == r.total)
    let sumOfSteps = r.byStep.values.reduce(Money.zero) { $0 + $1.reduce(.zero) { $0 + $1.amount } }
    #expect(sumOfSteps == r.total)
  }

  @Test("funnel: steps reached per period = the step events; disputes = their events")
  func funnel() {
    for periods in Self.groupings {
      let r = Self.ledger.funnelReport(periods: periods, today: Self.today, facts: Self.facts)
      var reached: [Int: [Step: Int]] = [:]
      var opened = [Int](repeating: 0, count: periods.periods.count)
      var resolved = [[String: Int]](repeating: [:], count: periods.periods.count)
      for e in Self.events {
        switch e.type {
        case .stepTriggered:
          if let k = periods.index(of: e.date ?? Self.day(of: e)) {
            reached[k, default: [:]][Step(rawValue: e.step!)!, default: 0] += 1
          }
        case .disputeOpened:
          if let k = periods.index(of: e.date ?? Self.day(of: e)) { opened[k] += 1 }
        case .disputeResolved:
          if let k = periods.index(of: e.date ?? Self.day(of: e)) {
            resolved[k][e.outcome ?? "rejected", default: 0] += 1
          }
        default: break
        }
      }
      for (k, row) in r.rows.enumerated() {
        for s in row.steps {
          #expect(s.reached == reached[k]?[s.step] ?? 0)
          #expect(s.paid14 <= s.matured14 && s.matured14 <= s.reached)
          #expect(s.paid30 <= s.matured30 && s.matured30 <= s.matured14)
        }
        #expect(row.disputesOpened == opened[k])
        #expect(row.disputesResolved == resolved[k])
      }
    }
  }

  @Test("promises: made per period and collector = the promise events; the counts add up")
  func promises() {
    for periods in Self.groupings {
      let r = Self.ledger.promisesReport(periods: periods, today: Self.today, facts: Self.facts)
      var made = [Int](repeating: 0, count: periods.periods.count)
      var byCollector: [String: Int] = [:]
      var promised = Money.zero
      for e in Self.events where e.type == .promiseMade {
        guard let k = periods.index(of: Self.day(of: e)) else { continue }
        made[k] += 1
        byCollector[e.by, default: 0] += 1
        promised += Money(ore: e.amount!)
      }
      #expect(r.rows.map(\.counts.made) == made)
      #expect(
        Dictionary(uniqueKeysWithValues: r.collectors.map { ($0.collector, $0.counts.made) })
          == byCollector)
      let t = r.total
      #expect(t.promised == promised)
      #expect(t.made == t.kept + t.partlyKept + t.broken + t.pending + t.superseded)
      #expect(r.collectors.reduce(0) { $0 + $1.counts.made } == t.made)
      for row in r.rows {
        let c = row.counts
        #expect(c.made == c.kept + c.partlyKept + c.broken + c.pending + c.superseded)
        #expect(c.paid <= c.promised)
      }
    }
  }

  @Test("collectors: calls, reached calls, promises, steps and plans = their events by `by`")
  func collectors() {
    let periods = Self.groupings[1]
    let r = Self.ledger.collectorsReport(periods: periods, facts: Self.facts)
    var expected: [String: CollectorsReport.Figures] = [:]
    for e in Self.events {
      guard
        let _ = periods.index(
          of: e.date.flatMap { e.type == .stepTriggered ? $0 : nil } ?? Self.day(of: e))
      else {
        continue
      }
      switch e.type {
      case .callLogged:
        expected[e.by, default: .init()].calls += 1
        if e.outcome == "reached" { expected[e.by, default: .init()].reached += 1 }
      case .promiseMade: expected[e.by, default: .init()].promises += 1
      case .stepTriggered: expected[e.by, default: .init()].steps += 1
      case .planSigned: expected[e.by, default: .init()].plansSigned += 1
      default: break
      }
    }
    for row in r.rows where !row.collector.isEmpty {
      let t = row.total
      let e = expected[row.collector] ?? .init()
      #expect(t.calls == e.calls, "\(row.collector)")
      #expect(t.reached == e.reached)
      #expect(t.promises == e.promises)
      #expect(t.steps == e.steps)
      #expect(t.plansSigned == e.plansSigned)
    }
    #expect(expected.keys.allSatisfy { k in r.rows.contains { $0.collector == k } })
    // Every payment of the period is someone's (or nobody's), once.
    let paid = r.rows.reduce(Money.zero) { $0 + $1.total.paid }
    #expect(paid == Self.ledger.collectedReport(periods: periods, facts: Self.facts).total)
  }

  @Test("DSO: receivables at each month's end recomputed claim by claim with the plain interest")
  func dso() {
    let l = Self.ledger
    let r = l.dsoReport(from: Self.today.adding(days: -200), to: Self.today, facts: Self.facts)
    var closedOn: [String: Day] = [:]
    for e in Self.events where e.type == .caseClosed {
      closedOn[e.invoice!] = e.date ?? Self.day(of: e)
    }
    func receivables(_ day: Day) -> (Money, Money) {
      var total = Money.zero
      var current = Money.zero
      for c in l.claims.values where c.issued <= day {
        if c.closed != nil, let closed = closedOn[c.invoice], closed <= day { continue }
        let owed = c.balance(asOf: day, table: l.rateTable).outstanding
        guard owed.isPositive else { continue }
        total += owed
        if day <= c.due.adjustedDueDate { current += owed }
      }
      return (total, current)
    }
    for row in r.rows {
      let start = receivables(row.period.from.adding(days: -1)).0
      let (end, current) = receivables(row.period.to)
      let sales = l.claims.values.filter { row.period.contains($0.issued) }
        .reduce(Money.zero) { $0 + $1.principal }
      #expect(row.receivablesStart == start)
      #expect(row.receivablesEnd == end)
      #expect(row.currentEnd == current)
      #expect(row.sales == sales)
    }
  }
}

@Suite("Reports: two threads against one")
struct ReportParallelTests {
  @Test("ageing and DSO give the same figures in two halves as in one pass")
  func halves() {
    let l = ReportBruteForceTests.ledger
    let today = ReportBruteForceTests.today
    #expect(
      l.ageingReport(today: today, parallelFrom: 0)
        == l.ageingReport(today: today, parallelFrom: .max))
    let facts = ReportBruteForceTests.facts
    let from = today.adding(days: -300)
    #expect(
      l.dsoReport(from: from, to: today, facts: facts, parallelFrom: 0)
        == l.dsoReport(from: from, to: today, facts: facts, parallelFrom: .max))
  }
}
