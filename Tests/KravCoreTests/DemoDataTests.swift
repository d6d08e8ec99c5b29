import Testing

@testable import KravCore

@Suite("Demo data generator")
struct DemoDataTests {
  static let today = Day(year: 2026, month: 11, day: 30)!
  static let events = DemoGenerator(seed: 42, customers: 150, today: today).events()

  var events: [Event] { Self.events }
  func of(_ type: EventType) -> [Event] { events.filter { $0.type == type } }

  @Test("gives identical events for the same seed and different ones for another seed")
  func determinism() {
    let again = DemoGenerator(seed: 42, customers: 150, today: Self.today).events()
    #expect(again == events)
    let other = DemoGenerator(seed: 43, customers: 150, today: Self.today).events()
    #expect(other != events)
  }

  @Test("creates 150 customers, about 60/40 consumers/businesses, and at least 400 claims")
  func counts() {
    let customers = of(.customerAdded)
    #expect(customers.count == 150)
    #expect(Set(customers.compactMap(\.customer)).count == 150)
    #expect(customers.first?.customer == "K0001" || customers.contains { $0.customer == "K0001" })
    let businesses = customers.filter { $0.kind == "business" }.count
    #expect((40...80).contains(businesses))
    let claims = of(.claimAdded)
    #expect(claims.count >= 400)
    #expect(Set(claims.compactMap(\.invoice)).count == claims.count)
    #expect(claims.contains { $0.invoice == "100001" })
  }

  @Test("covers every state a collector meets")
  func coverage() {
    let steps = of(.stepTriggered)
    for step in ["reminder", "inkassovarsel", "betalingsoppfordring"] {
      #expect(steps.filter { $0.step == step }.count >= 10, "\(step)")
    }
    #expect(steps.contains { $0.step == "inkassovarsel" && $0.from == "invoice" })
    #expect(steps.contains { $0.step == "inkassovarsel" && $0.from == "reminder" })
    #expect(of(.claimAdded).contains { $0.due! > Self.today })
    #expect(
      of(.claimAdded).contains { $0.due! < Self.today && $0.due! >= Self.today.adding(days: -13) })
    let disputes = of(.disputeOpened)
    #expect(disputes.contains { $0.amount != nil } && disputes.contains { $0.amount == nil })
    #expect(of(.disputeResolved).map(\.outcome).contains("accepted"))
    #expect(of(.disputeResolved).map(\.outcome).contains("rejected"))
    #expect(of(.holdSet).contains { $0.until! > Self.today })
    #expect(of(.paymentRegistered).count >= 50)
    #expect(of(.paymentRegistered).contains { $0.kid != nil && $0.invoice == nil })
    let outcomes = Set(of(.callLogged).compactMap(\.outcome))
    #expect(outcomes.isSuperset(of: ["reached", "no-answer", "voicemail"]))
    #expect(of(.noteAdded).count >= 20)
    #expect(of(.promiseMade).count >= 10)
  }

  @Test("has kept, partly kept and broken promises, so the promises report shows all three")
  func promisesOfEveryOutcome() {
    var l = Ledger()
    for (i, e) in events.enumerated() { l.apply(e, ref: EventRef(journal: 0, offset: UInt64(i))) }
    let periods = ReportPeriods(
      from: Day(year: 2026, month: 1, day: 1)!, to: Self.today, grouping: .month)
    let t = l.promisesReport(periods: periods, today: Self.today, facts: ReportFacts(l)).total
    #expect(t.kept >= 3 && t.partlyKept >= 2 && t.broken >= 3, "\(t)")
    // A kept promise is paid in full on its day, after a call that asked for it.
    let kept = of(.promiseMade).filter { p in
      of(.paymentRegistered).contains {
        ($0.invoice == p.invoice || $0.kid != nil) && $0.date == p.date && $0.amount == p.amount
      }
    }
    #expect(!kept.isEmpty)
  }

  @Test("issues only valid organisation numbers, birth numbers and KIDs")
  func identifiers() {
    for c in of(.customerAdded) {
      if c.kind == "business" {
        #expect(OrgNumber.isValid(c.orgnr ?? ""), "\(c.customer!)")
      } else {
        #expect(c.orgnr == nil)
      }
      if let fnr = c.birthNumber { #expect(BirthNumber.isValid(fnr)) }
      #expect(c.email?.contains("@") == true && c.email?.allSatisfy(\.isASCII) == true)
      #expect(c.phone?.hasPrefix("+47 ") == true)
      #expect(c.address?.contains(", ") == true)
    }
    #expect(of(.customerAdded).contains { $0.birthNumber != nil })
    for claim in of(.claimAdded) {
      #expect(KID.isValid(claim.kid ?? "", method: .mod10))
    }
  }

  @Test("dates everything on or before today, in chronological order, in office hours")
  func chronology() {
    var previous = ""
    for e in events {
      // Plan ids are chosen by the generator so signatures can name them.
      #expect((e.id == "" || e.type == .planProposed) && e.seq == 0)
      #expect(["kari", "ola"].contains(e.by))
      let day = e.atDay
      #expect(day != nil && day! <= Self.today)
      for d in [e.date, e.issued] {
        if let d { #expect(d <= Self.today || e.type == .promiseMade) }
      }
      let local = String(e.at.prefix(19))
      #expect(local >= previous)
      previous = local
      let hour = Int(e.at.dropFirst(11).prefix(2))!
      #expect((8..<16).contains(hour))
      #expect(e.at.hasSuffix("+01:00") || e.at.hasSuffix("+02:00"))
    }
  }

  @Test("follows the ladder's order and adds only the fees the law allows")
  func lawfulLadder() {
    var claims: [String: Event] = [:]
    var ladder: [String: [Fees.Notice]] = [:]
    var known: Set<String> = []
    for e in events {
      if e.type == .customerAdded { known.insert(e.customer!) }
      if let customer = e.customer { #expect(known.contains(customer)) }
      if e.type == .claimAdded { claims[e.invoice!] = e }
      guard e.type == .stepTriggered, let claim = claims[e.invoice!] else { continue }
      let due = claim.due!
      let step = Step(rawValue: e.step!)!
      let history = ladder[e.invoice!, default: []]
      #expect(e.date! > due)
      #expect(e.from == (history.last?.step ?? .invoice).rawValue)
      if step == .betalingsoppfordring {
        #expect(
          history.contains { $0.step == .inkassovarsel && $0.sent.adding(days: 15) <= e.date! })
      }
      if e.date!.isBusinessDay == false { Issue.record("step on a day off: \(e.date!)") }
      let fee = Money(ore: e.amount ?? 0)
      let allowed = Fees.decide(step: step, sent: e.date!, due: due, history: history)
      #expect(fee == allowed.fee)
      ladder[e.invoice!, default: []].append(Fees.Notice(step: step, sent: e.date!, fee: fee))
    }
    #expect(ladder.values.allSatisfy { !$0.isEmpty })
    for (invoice, notices) in ladder {
      #expect(Fees.isLawful(history: notices, due: claims[invoice]!.due!))
    }
    #expect(ladder.values.contains { $0.contains { $0.fee.isPositive } })
  }

  @Test("uses Norwegian letters æ, ø and å in names and texts")
  func norwegianLetters() {
    let names = of(.customerAdded).compactMap(\.name).joined()
    let texts = (of(.noteAdded) + of(.callLogged)).compactMap(\.text).joined()
    for letter in ["æ", "ø", "å"] {
      #expect(names.contains(letter) && texts.contains(letter), "\(letter)")
    }
  }

  @Test("scales down to a handful of customers and never calls twice a day")
  func small() {
    let few = DemoGenerator(seed: 7, customers: 3, today: Self.today, collectors: ["siv"])
      .events()
    #expect(few.filter { $0.type == .customerAdded }.count == 3)
    #expect(few.allSatisfy { $0.by == "siv" })
    var calls: Set<String> = []
    for e in events where e.type == .callLogged {
      #expect(calls.insert(e.customer! + e.at.prefix(10)).inserted)
      #expect(e.atDay!.isBusinessDay)
    }
  }
}

extension DemoDataTests {
  @Test("sends some inkassovarsel within 14 days of the due date, and then without a fee")
  func feeLessNotices() {
    var due: [String: Day] = [:]
    for e in events where e.type == .claimAdded { due[e.invoice!] = e.due! }
    let early = of(.stepTriggered).filter {
      $0.step == "inkassovarsel" && $0.date! < due[$0.invoice!]!.adding(days: 14)
    }
    #expect(!early.isEmpty)
    #expect(early.allSatisfy { $0.amount == nil })
  }
}
