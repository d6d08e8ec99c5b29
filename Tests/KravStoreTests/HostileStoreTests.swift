import Foundation
import Glibc
import KravCore
import KravStore
import Testing

/// Attacks on the store folder and its journals (issue 16). Each test reproduces an attack
/// that succeeded on the code this branch started from (0c0305c) and says how it failed there.
@Suite("Hostile store")
struct HostileStoreTests {
  static func customer(_ id: String, minute: Int = 0) -> Event {
    var e = Event(
      id: "", seq: 0, at: Fixtures.at(minute), by: "", type: .customerAdded, customer: id)
    e.name = "Kunde \(id)"
    e.kind = "consumer"
    return e
  }

  static func claim(_ id: String, _ invoice: String, _ ore: Int64, minute: Int = 0) -> Event {
    var e = Event(
      id: "", seq: 0, at: Fixtures.at(minute), by: "", type: .claimAdded, customer: id,
      invoice: invoice)
    e.amount = ore
    e.issued = Day(year: 2026, month: 10, day: 1)!
    e.due = Day(year: 2026, month: 10, day: 15)!
    return e
  }

  // Issue 16, point 2. On 0c0305c check said "no findings" and the fold trapped on the sum of
  // two payments of 50 000 000 000 000 000 kr (arithmetic overflow).
  @Test("an amount above the bound is a check finding at file:line; the rest still loads")
  func hugeAmountIsAFindingAndNotFolded() throws {
    let io = MemoryFileIO()
    let store = try Fixtures.memoryStore(io)
    _ = try store.append([Self.customer("K1"), Self.claim("K1", "10001", 100_000)])
    let huge: Int64 = 5_000_000_000_000_000_000
    _ = try store.append([Fixtures.payment("K1", huge, minute: 1)])
    _ = try store.append([Fixtures.payment("K1", huge, minute: 2)])
    _ = try store.append([Self.claim("K1", "10002", 50_000, minute: 3)])
    let findings = try Store.check(at: "store", io: io)
    #expect(findings.map(\.description).contains { $0.hasPrefix("journal/kari.jsonl:3: amount") })
    #expect(findings.map(\.description).contains { $0.hasPrefix("journal/kari.jsonl:4: amount") })
    #expect(findings.allSatisfy { $0.kind == .badValue })
    var ledger = Ledger()
    _ = try store.replay { e, ref in ledger.apply(e, ref: ref) }
    #expect(ledger.claims["10002"] != nil, "later lines still load")
    #expect(ledger.claims["10001"]?.payments.isEmpty == true)
    #expect(ledger.rejected.filter { $0.reason.contains("upper bound") }.count == 2)
    _ = ledger.customerSummaries(today: Day(year: 2026, month: 12, day: 6)!, overdueOnly: false)
  }

  @Test("Money refuses text above the bound and says why")
  func moneyBound() {
    #expect(Money(parsing: "92233720368547758.07") == nil)
    #expect(Money(parsing: "1 000 000 000,00") == Money.maximumAmount)
    #expect(Money(parsing: "1 000 000 000,01") == nil)
    #expect(Money.parsePositive("50000000000000000.00") == .failure(.tooLarge))
    #expect(Money.parsePositive("0") == .failure(.notPositive))
    #expect(Money.parsePositive("abc") == .failure(.notAnAmount))
    #expect(Money.parsePositive("12,50") == .success(Money(ore: 1250)))
  }
}
