import Testing

@testable import KravCore

/// The reports (issue 21) on a small store whose figures are worked out by hand below.
@Suite("Reports: hand-computed examples")
struct ReportTests {
  static func d(_ s: String) -> Day { Day(parsing: s)! }
  static let today = d("2026-06-30")
  static let compensation = Fees.b2bCompensation(kind: .business, due: d("2026-04-01"))!

  static func ev(
    _ type: EventType, _ day: String, customer: String? = nil, invoice: String? = nil,
    by: String = "kari", _ set: (inout Event) -> Void = { _ in }
  ) -> Event {
    var e = Event(
      id: "", seq: 0, at: "\(day)T10:00:00+01:00", by: by, type: type, customer: customer,
      invoice: invoice)
    set(&e)
    return e
  }

  static func claim(_ c: String, _ inv: String, kroner: Int64, issued: String, due: String)
    -> Event
  {
    ev(.claimAdded, issued, customer: c, invoice: inv) {
      $0.amount = kroner * 100
      $0.issued = d(issued)
      $0.due = d(due)
    }
  }

  static func pay(_ inv: String, ore: Int64, _ day: String) -> Event {
    ev(.paymentRegistered, day, invoice: inv) {
      $0.amount = ore
      $0.date = d(day)
    }
  }

  /// K1 (consumer): A 10 000 kr due 31.03, B 500 kr due Saturday 30.05 (moved to 01.06),
  /// E 1 000 kr and G 100 kr due 01.04 with reminders. K2 (business): C 2 000 kr not due,
  /// F 5 000 kr due 01.04 with an inkassovarsel carrying the B2B compensation.
  static let events: [Event] = [
    ev(.customerAdded, "2026-01-01", customer: "K1") {
      $0.name = "Bjørn Løvås"
      $0.kind = "consumer"
    },
    ev(.customerAdded, "2026-01-01", customer: "K2") {
      $0.name = "Ærlig Økonomi AS"
      $0.kind = "business"
    },
    claim("K1", "A", kroner: 10_000, issued: "2026-03-01", due: "2026-03-31"),
    claim("K1", "B", kroner: 500, issued: "2026-05-01", due: "2026-05-30"),
    claim("K1", "E", kroner: 1_000, issued: "2026-03-02", due: "2026-04-01"),
    claim("K1", "G", kroner: 100, issued: "2026-03-02", due: "2026-04-01"),
    claim("K2", "C", kroner: 2_000, issued: "2026-06-15", due: "2026-07-15"),
    claim("K2", "F", kroner: 5_000, issued: "2026-03-02", due: "2026-04-01"),
    ev(.stepTriggered, "2026-04-20", invoice: "E") {
      $0.from = "invoice"
      $0.step = "reminder"
      $0.date = d("2026-04-20")
      $0.amount = 3_500
    },
    ev(.stepTriggered, "2026-04-20", invoice: "G") {
      $0.from = "invoice"
      $0.step = "reminder"
      $0.date = d("2026-04-20")
      $0.amount = 3_500
    },
    ev(.stepTriggered, "2026-04-20", invoice: "F", by: "ola") {
      $0.from = "invoice"
      $0.step = "inkassovarsel"
      $0.date = d("2026-04-20")
      $0.amount = compensation.ore
    },
    pay("E", ore: 20_000, "2026-04-21"),
    ev(.callLogged, "2026-04-24", customer: "K2", by: "ola") { $0.outcome = "reached" },
    pay("G", ore: 20_000, "2026-04-25"),
    pay("F", ore: compensation.ore + 1_000, "2026-04-25"),
    ev(.promiseMade, "2026-05-02", customer: "K1", by: "ola") {
      $0.amount = 30_000
      $0.date = d("2026-05-10")
    },
    ev(.promiseMade, "2026-05-03", customer: "K2") {
      $0.amount = 50_000
      $0.date = d("2026-05-10")
    },
    pay("A", ore: 30_000, "2026-05-08"),
    pay("F", ore: 20_000, "2026-05-09"),
    ev(.callLogged, "2026-06-01", customer: "K1") { $0.outcome = "no-answer" },
    ev(.promiseMade, "2026-06-01", customer: "K1") {
      $0.amount = 10_000
      $0.date = d("2026-06-05")
    },
    ev(.disputeOpened, "2026-06-10", invoice: "A") {
      $0.reason = "defect"
      $0.text = "Feil"
    },
    ev(.disputeResolved, "2026-06-12", invoice: "A") {
      $0.outcome = "rejected"
      $0.date = d("2026-06-12")
    },
    ev(.promiseMade, "2026-06-25", customer: "K2") {
      $0.amount = 10_000
      $0.date = d("2026-07-05")
    },
  ]

  static var ledger: Ledger {
    var l = Ledger()
    for (i, var e) in events.enumerated() {
      e.id = "t:\(i + 1)"
      l.apply(e, ref: EventRef(journal: 0, offset: UInt64(i)))
    }
    return l
  }

  static func interest(_ kroner: Int64, due: String, _ reductions: [(Day, Money)] = [], to: String)
    -> Money
  {
    LateInterest.amount(
      principal: Money(kroner: kroner), due: d(due).adjustedDueDate,
      reductions: reductions.map { (day: $0.0, amount: $0.1) }, asOf: d(to))
  }

  static var months: ReportPeriods {
    ReportPeriods(from: d("2026-04-01"), to: today, grouping: .month)
  }

  @Test("the fold logs steps, calls, promises with their day and collector")
  func reportLog() {
    let log = Self.ledger.reportLog
    #expect(log.collectors == ["kari", "ola"])
    #expect(log.entries.filter { $0.kind == .step }.count == 3)
    let calls = log.entries.filter { $0.kind == .call }
    #expect(calls.map(\.outcome) == [.reached, .noAnswer])
    #expect(calls.map { log.name($0.collector) } == ["ola", "kari"])
    let promises = log.entries.filter { $0.kind == .promise }
    #expect(promises.map(\.extra) == [0, 0, 1, 1])
    #expect(
      promises.map(\.day) == [
        Self.d("2026-05-02"), Self.d("2026-05-03"), Self.d("2026-06-01"), Self.d("2026-06-25"),
      ])
  }

  @Test("periods: ISO weeks start on Monday, the first and last period are cut at the range")
  func periods() {
    let p = ReportPeriods(from: Self.d("2026-06-03"), to: Self.d("2026-06-16"), grouping: .week)
    #expect(
      p.periods == [
        ReportPeriod(from: Self.d("2026-06-03"), to: Self.d("2026-06-07")),
        ReportPeriod(from: Self.d("2026-06-08"), to: Self.d("2026-06-14")),
        ReportPeriod(from: Self.d("2026-06-15"), to: Self.d("2026-06-16")),
      ])
    #expect(p.index(of: Self.d("2026-06-14")) == 1)
    #expect(p.index(of: Self.d("2026-06-17")) == nil)
    #expect(Self.months.periods.count == 3)
    let standard = ReportPeriods.standard(today: Self.today, grouping: .month)
    #expect(standard.from == Self.d("2025-07-01") && standard.periods.count == 12)
  }

  @Test("ageing: buckets by days past the moved due date; total = the customers list's")
  func ageing() {
    let l = Self.ledger
    let r = l.ageingReport(today: Self.today)
    let invoices = r.claimsInBucket.map { $0.map { l.claims.values[Int($0)].invoice }.sorted() }
    // C not due; B due Saturday 30.05, moved to Monday 01.06: 29 days, not 31; E, F 90 days
    // (01.04 → 30.06); A 91 days (31.03 → 30.06); G paid in full (not counted).
    #expect(invoices == [["C"], ["B"], [], ["E", "F"], ["A"], [], []])
    #expect(r.buckets[0].amount == Money(kroner: 2_000))
    #expect(
      r.buckets[1].amount == Money(kroner: 500)
        + Self.interest(500, due: "2026-05-30", to: "2026-06-30"))
    #expect(r.buckets.map(\.claims) == [1, 1, 0, 2, 1, 0, 0])
    // A: 300 kr on 08.05 paid interest first, the rest principal.
    let iA = Self.interest(10_000, due: "2026-03-31", to: "2026-05-08")
    let pA = Money(kroner: 300) - iA
    let owedA =
      Money(kroner: 10_000) - pA
      + Self.interest(10_000, due: "2026-03-31", [(Self.d("2026-05-08"), pA)], to: "2026-06-30")
      - iA
    #expect(r.buckets[4].amount == owedA)
    let listTotal = l.customerSummaries(today: Self.today, overdueOnly: false)
      .reduce(Money.zero) { $0 + $1.outstanding }
    #expect(r.total == listTotal)
    #expect(r.byKind[.business]![0].amount == Money(kroner: 2_000))
    #expect(r.byKind[.consumer]![0].amount == .zero)
    #expect(r.byStep[.inkassovarsel]![3].claims == 1)
    #expect(r.byStep[.reminder]![3].claims == 1)
    #expect(r.byStep[.invoice]!.map(\.claims) == [1, 1, 0, 0, 1, 0, 0])
  }

  @Test("collected: each payment split fees (compensation first) → interest → principal")
  func collected() {
    let l = Self.ledger
    let r = l.collectedReport(periods: Self.months, facts: ReportFacts(l))
    let april = r.rows[0]
    let iE = Self.interest(1_000, due: "2026-04-01", to: "2026-04-21")
    let iG = Self.interest(100, due: "2026-04-01", to: "2026-04-25")
    // E: 200 kr = 35 fee + iE interest + the rest principal. G: 200 kr = 35 fee + iG +
    // 100 principal + the rest overpaid. F: C + 10 kr = C compensation + 10 kr interest.
    #expect(april.fees == Money(kroner: 70))
    #expect(april.compensation == Self.compensation)
    #expect(april.interest == iE + iG + Money(kroner: 10))
    #expect(april.principal == Money(kroner: 200 - 35) - iE + Money(kroner: 100))
    #expect(april.overpaid == Money(kroner: 200 - 35 - 100) - iG)
    #expect(april.total == Money(kroner: 400) + Self.compensation + Money(kroner: 10))
    #expect(april.payments == 3)
    // What preceded: E and G the reminder; F a call that reached K2 the day before.
    #expect(april.amount(from: .reminder) == Money(kroner: 400))
    #expect(april.amount(from: .call) == Self.compensation + Money(kroner: 10))
    #expect(april.amount(from: .inkassovarsel) == .zero)
    let may = r.rows[1]
    let iA = Self.interest(10_000, due: "2026-03-31", to: "2026-05-08")
    let iF = Self.interest(5_000, due: "2026-04-01", to: "2026-05-09") - Money(kroner: 10)
    #expect(may.interest == iA + iF)
    #expect(may.principal == Money(kroner: 500) - iA - iF)
    #expect(may.total == Money(kroner: 500))
    // A was at the invoice step; F at the inkassovarsel (the call was 15 days before).
    #expect(may.amount(from: .invoice) == Money(kroner: 300))
    #expect(may.amount(from: .inkassovarsel) == Money(kroner: 200))
    #expect(r.rows[2].total == .zero)
    #expect(r.total == Money(kroner: 900) + Self.compensation + Money(kroner: 10))
  }

  @Test("payment parts add up to what the balance says was paid, on every demo claim")
  func paymentPartsTwin() {
    let today = Day(year: 2026, month: 11, day: 30)!
    var l = Ledger()
    for (i, e) in DemoGenerator(seed: 7, customers: 120, today: today).events().enumerated() {
      l.apply(e, ref: EventRef(journal: 0, offset: UInt64(i)))
    }
    let curve = InterestCurve(table: l.rateTable, through: today)
    var checked = 0
    for c in l.claims.values where !c.payments.isEmpty {
      let b = c.balance(asOf: today, table: l.rateTable)
      let parts = c.paymentParts(through: today, curve: curve)
      #expect(parts.reduce(Money.zero) { $0 + $1.principal } == b.principalPaid)
      #expect(parts.reduce(Money.zero) { $0 + $1.interest } == b.interestPaid)
      #expect(parts.reduce(Money.zero) { $0 + $1.fees + $1.compensation } == b.feesPaid)
      #expect(parts.reduce(Money.zero) { $0 + $1.overpaid } == b.overpaid)
      checked += 1
    }
    #expect(checked > 50)
  }

  @Test("promises: made, kept, partly kept, broken and pending by month and by collector")
  func promises() {
    let l = Self.ledger
    let r = l.promisesReport(periods: Self.months, today: Self.today, facts: ReportFacts(l))
    #expect(r.rows[0].counts.made == 0)
    let may = r.rows[1].counts
    // K1 promised 300 by 10.05 and paid 300 on 08.05 (kept); K2 promised 500 and paid 200
    // on 09.05 (partly kept).
    #expect(may.made == 2 && may.kept == 1 && may.partlyKept == 1 && may.broken == 0)
    #expect(may.promised == Money(kroner: 800) && may.paid == Money(kroner: 500))
    #expect(may.keptShare == 0.5)
    let june = r.rows[2].counts
    // K1's 100 by 05.06 (+3 days' grace) unpaid: broken; K2's by 05.07: pending.
    #expect(june.made == 2 && june.broken == 1 && june.pending == 1 && june.kept == 0)
    let t = r.total
    #expect(t.made == t.kept + t.partlyKept + t.broken + t.pending + t.superseded)
    #expect(r.collectors.map(\.collector) == ["kari", "ola"])
    #expect(r.collectors[0].counts.made == 3 && r.collectors[0].counts.partlyKept == 1)
    #expect(r.collectors[1].counts.made == 1 && r.collectors[1].counts.kept == 1)
    // Per collector and period: kari's partly kept one in May, broken and pending in June.
    #expect(r.collectors[0].periods.map(\.made) == [0, 1, 2])
    #expect(r.collectors[0].periods[2].broken == 1 && r.collectors[0].periods[2].pending == 1)
    #expect(r.collectors[1].periods.map(\.kept) == [0, 1, 0])
    #expect(r.customersInPeriod[1].count == 2)
  }

  @Test("funnel: claims reaching each step, paid in full within 14 and 30 days; disputes")
  func funnel() {
    let l = Self.ledger
    let r = l.funnelReport(periods: Self.months, today: Self.today, facts: ReportFacts(l))
    let april = r.rows[0]
    let reminder = april.steps.first { $0.step == .reminder }!
    // E and G got the reminder on 20.04; G was paid in full on 25.04, E never.
    #expect(reminder.reached == 2 && reminder.matured14 == 2 && reminder.paid14 == 1)
    #expect(reminder.paid30 == 1 && reminder.share14 == 0.5)
    let varsel = april.steps.first { $0.step == .inkassovarsel }!
    #expect(varsel.reached == 1 && varsel.paid30 == 0)
    #expect(r.rows[2].disputesOpened == 1 && r.rows[2].disputesResolved == ["rejected": 1])
    // On 10.05 the reminders of 20.04 have had their 14 days but not their 30.
    let late = l.funnelReport(
      periods: Self.months, today: Self.d("2026-05-10"), facts: ReportFacts(l))
    #expect(late.rows[0].steps[0].matured14 == 2 && late.rows[0].steps[0].matured30 == 0)
  }

  @Test("DSO and CEI by their standard formulas")
  func dso() {
    let events = [
      Self.ev(.customerAdded, "2026-01-01", customer: "K1") {
        $0.name = "Kari"
        $0.kind = "consumer"
      },
      Self.claim("K1", "X", kroner: 1_000, issued: "2026-01-10", due: "2026-02-10"),
      Self.pay("X", ore: 40_000, "2026-01-20"),
      Self.claim("K1", "Y", kroner: 500, issued: "2026-02-05", due: "2026-03-20"),
      Self.pay("Y", ore: 50_000, "2026-02-20"),
    ]
    var l = Ledger()
    for (i, var e) in events.enumerated() {
      e.id = "d:\(i)"
      l.apply(e, ref: EventRef(journal: 0, offset: UInt64(i)))
    }
    let r = l.dsoReport(
      from: Self.d("2026-01-15"), to: Self.d("2026-02-28"), facts: ReportFacts(l))
    #expect(r.rows.count == 2)
    let jan = r.rows[0]
    // January: sales 1 000, receivables 0 → 600 (all current: due 10.02).
    #expect(jan.sales == Money(kroner: 1_000) && jan.receivablesStart == .zero)
    #expect(jan.receivablesEnd == Money(kroner: 600) && jan.currentEnd == Money(kroner: 600))
    #expect(jan.dso == 600.0 / 1_000.0 * 31)
    #expect(jan.cei == 100)
    let feb = r.rows[1]
    // February: sales 500 (Y, paid in full); X overdue since 10.02 with interest on 600.
    let interest = LateInterest.amount(
      principal: Money(kroner: 1_000), due: Self.d("2026-02-10"),
      reductions: [(day: Self.d("2026-01-20"), amount: Money(kroner: 400))],
      asOf: Self.d("2026-02-28"))
    let end = Money(kroner: 600) + interest
    #expect(feb.receivablesStart == Money(kroner: 600) && feb.receivablesEnd == end)
    #expect(feb.currentEnd == .zero)
    #expect(feb.dso == Double(end.ore) / Double(Money(kroner: 500).ore) * 28)
    #expect(
      feb.cei == Double((Money(kroner: 1_100) - end).ore) / Double(Money(kroner: 1_100).ore) * 100)
  }

  @Test("collectors: calls, reached, promises, steps and their customers' payments")
  func collectors() {
    let l = Self.ledger
    let r = l.collectorsReport(periods: Self.months, facts: ReportFacts(l))
    #expect(r.rows.map(\.collector) == ["", "kari", "ola"])
    let nobody = r.rows[0]
    let kari = r.rows[1]
    let ola = r.rows[2]
    // E and G were paid before anyone called K1 or took a promise: nobody's.
    #expect(nobody.periods[0].paid == Money(kroner: 400))
    #expect(kari.periods[0].steps == 2 && kari.periods[0].calls == 0)
    #expect(ola.periods[0].steps == 1 && ola.periods[0].calls == 1 && ola.periods[0].reached == 1)
    // F's payment on 25.04 follows ola's call; A's on 08.05 ola's promise; F's on 09.05
    // kari's promise of 03.05.
    #expect(ola.periods[0].paid == Self.compensation + Money(kroner: 10))
    #expect(ola.periods[1].paid == Money(kroner: 300) && ola.periods[1].promises == 1)
    #expect(kari.periods[1].paid == Money(kroner: 200) && kari.periods[1].promises == 1)
    #expect(kari.periods[2].calls == 1 && kari.periods[2].reached == 0)
    #expect(kari.periods[2].promises == 2 && kari.total.reachedShare == 0)
    let paid = r.rows.reduce(Money.zero) { $0 + $1.total.paid }
    #expect(paid == l.collectedReport(periods: Self.months, facts: ReportFacts(l)).total)
  }
}
