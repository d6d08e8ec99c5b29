import Testing

@testable import KravCore

/// The queue and the customers list on a realistic ledger, against simpler derivations.
@Suite("Ledger queue and overview")
struct LedgerQueueTests {
  static let today = Day(year: 2026, month: 11, day: 30)!
  static let ledger: Ledger = {
    var l = Ledger()
    let events = DemoGenerator(seed: 11, customers: 400, today: today).events()
    for (i, e) in events.enumerated() { l.apply(e, ref: EventRef(journal: 0, offset: UInt64(i))) }
    return l
  }()

  @Test(
    "the queue holds every open claim once, eligible first, then by day, then claim order",
    arguments: [Int.max, 0])
  func queueOrder(parallelFrom: Int) {
    let l = Self.ledger
    // In one piece, and in two halves on two threads (merged back into one order).
    let rows = l.queue(today: Self.today, ladder: l.rules.ladder, parallelFrom: parallelFrom)
    // The same rows, derived claim by claim through the public single-claim calls.
    var expected: [(key: (Int, Int32, Int), row: QueueRow)] = []
    for (i, claim) in l.claims.values.enumerated() {
      let b = claim.balance(asOf: Self.today)
      let st = l.status(of: claim, balance: b, today: Self.today)
      guard st.isOpen else { continue }
      let next = l.nextStep(invoice: claim.invoice, today: Self.today)
      let row = QueueRow(
        claim: Int32(i), step: claim.step, status: st, outstanding: b.outstanding, next: next)
      #expect(row.next == next)
      #expect(l.invoice(of: row) == claim.invoice && l.customer(of: row) == claim.customer)
      let eligible = row.isEligible(on: Self.today) ? 0 : 1
      expected.append(((eligible, next?.from.ordinal ?? Int32.max, i), row))
    }
    expected.sort { $0.key < $1.key }
    #expect(rows.count > 100)
    #expect(rows.contains { $0.next?.blocker == .inPlan })
    #expect(rows.contains { $0.next?.blocker == .promisePending })
    #expect(rows == expected.map(\.row))
  }

  @Test("the customers list agrees with each customer's own summary")
  func overview() {
    let l = Self.ledger
    let all = l.customerSummaries(today: Self.today, overdueOnly: false)
    let one = l.customers.values.compactMap { l.summary(customer: $0.id, today: Self.today) }
    #expect(all.count == one.count && all.count > 100)
    #expect(Set(all) == Set(one))
    let overdue = l.customerSummaries(today: Self.today, overdueOnly: true)
    #expect(overdue == all.filter { $0.overdue.isPositive })
    #expect(zip(all, all.dropFirst()).allSatisfy { $0.overdue >= $1.overdue })
  }

  @Test("a customer's claims come back in the order they were added")
  func claimChain() {
    let l = Self.ledger
    for i in l.customers.values.indices.prefix(100) {
      let positions = l.claimPositions(ofCustomerAt: i)
      #expect(positions == positions.sorted())
      #expect(positions.allSatisfy { Int(l.claimOwner[$0]) == i })
    }
    let total = l.customers.values.indices.reduce(0) {
      $0 + l.claimPositions(ofCustomerAt: $1).count
    }
    #expect(total == l.claims.count)
  }
}
