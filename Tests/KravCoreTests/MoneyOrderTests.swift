import Testing

@testable import KravCore

/// Issue 15, money: payments land by value date whatever order they were registered in.
@Suite("Payments by value date")
struct MoneyOrderTests {
  /// Kari owes F1 1 000,00 (due Thu 15.10.2026) and F2 1 000,00 (due Tue 20.10.2026).
  private static let setup: [Event] = [
    foldEvent(.customerAdded, "2026-10-01", customer: "K1") {
      $0.name = "Kari Nordmann"
      $0.kind = "consumer"
    },
    foldEvent(.claimAdded, "2026-10-01", customer: "K1", invoice: "F1") {
      $0.amount = 100_000
      $0.issued = Day(parsing: "2026-10-01")
      $0.due = Day(parsing: "2026-10-15")
    },
    foldEvent(.claimAdded, "2026-10-05", customer: "K1", invoice: "F2") {
      $0.amount = 100_000
      $0.issued = Day(parsing: "2026-10-05")
      $0.due = Day(parsing: "2026-10-20")
    },
  ]

  private static func pay(
    _ ore: Int64, on day: String, customer: String? = "K1", invoice: String? = nil
  ) -> Event {
    foldEvent(
      .paymentRegistered, "2026-12-01", customer: invoice == nil ? customer : nil, invoice: invoice
    ) {
      $0.amount = ore
      $0.date = Day(parsing: day)
    }
  }

  /// Every ordering of `xs`.
  private static func permutations<T>(_ xs: [T]) -> [[T]] {
    guard xs.count > 1 else { return [xs] }
    return xs.indices.flatMap { i -> [[T]] in
      var rest = xs
      let x = rest.remove(at: i)
      return permutations(rest).map { [x] + $0 }
    }
  }

  @Test("a payment dated before one already registered lands on the oldest claim of its own day")
  func earlierDatedPaymentRegisteredLater() {
    // Registered in this order: 1 010,00 on account dated 30.11, then 1 008,00 dated 27.11.
    // Value-date order: 27.11 first. F1 then owes 1 000,00 + interest 16.10–27.11 = 43 days at
    // 12 % (2026-07-01 row): 1 000 × 0,12 × 43 / 365 = 14,137 → 14,14. The 1 008,00 pays
    // 14,14 interest and 993,86 principal (6,14 left on F1). On 30.11 F1 owes 6,14 (3 days'
    // interest on 6,14 is 0,006 → 0,00), so the 1 010,00 pays 6,14 on F1 and 1 003,86 on F2.
    // Before the fix the 27.11 payment was put on F1 as F1 stood on 27.11, ignoring the
    // 30.11 money already there: F1 paid 2 018,00, F2 nothing.
    let l = foldNumbered(
      Self.setup + [Self.pay(101_000, on: "2026-11-30"), Self.pay(100_800, on: "2026-11-27")])
    #expect(l.claims["F1"]!.paid == Money(ore: 101_414))
    #expect(l.claims["F2"]!.paid == Money(ore: 100_386))
    let b1 = l.claims["F1"]!.balance(asOf: Day(parsing: "2026-12-01")!)
    #expect(b1.overpaid == .zero)
    #expect(b1.interestPaid == Money(ore: 1_414))
  }

  @Test("the ledger is the same whatever order the same payments were registered in")
  func everyOrderGivesOneLedger() {
    // Two payments on account, one on F2 by invoice and one on F1 by invoice, on four
    // different value dates: all 24 registration orders must give the same claims.
    let payments = [
      Self.pay(50_000, on: "2026-11-30"), Self.pay(30_000, on: "2026-11-02"),
      Self.pay(40_000, on: "2026-11-20", invoice: "F2"),
      Self.pay(70_000, on: "2026-11-10", invoice: "F1"),
    ]
    let orders = Self.permutations(payments)
    #expect(orders.count == 24)
    let reference = foldNumbered(Self.setup + orders[0])
    let day = Day(parsing: "2026-12-06")!
    for order in orders.dropFirst() {
      let l = foldNumbered(Self.setup + order)
      for inv in ["F1", "F2"] {
        #expect(
          l.claims[inv]!.balance(asOf: day) == reference.claims[inv]!.balance(asOf: day),
          "\(inv) differs for order \(order.map { $0.date!.iso })")
        #expect(
          l.claims[inv]!.payments.sorted { ($0.day, $0.amount) < ($1.day, $1.amount) }
            == reference.claims[inv]!.payments.sorted { ($0.day, $0.amount) < ($1.day, $1.amount) })
      }
    }
    // And the money is all there: 1 900,00 paid in, 1 900,00 on the claims.
    let total = ["F1", "F2"].reduce(Money.zero) { $0 + reference.claims[$1]!.paid }
    #expect(total == Money(ore: 190_000))
  }
}
