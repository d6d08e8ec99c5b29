import KravCore
import KravStore

/// A fold the load benchmark can time: the app's `Ledger`, or `Balances`, a minimal fold that
/// shows what the store itself costs (read, check, parse, merge) without the domain work.
protocol BenchFold: SnapshotState {
  /// The name used for `--fold` and for the benchmark's writer (its snapshot file).
  static var name: String { get }
  init()
  /// Folds an event the replay no longer needs (its fields may be moved out).
  mutating func fold(_ e: inout Event, _ ref: EventRef)
  var events: Int { get }
  /// A one-line summary, to compare runs with and without a snapshot.
  var summary: String { get }
  /// Builds what the app shows first (the `Ledger`'s queue) and returns its length.
  func firstScreen(today: Day) -> Int
}

extension Ledger: BenchFold {
  static var name: String { "ledger" }
  mutating func fold(_ e: inout Event, _ ref: EventRef) { apply(taking: &e, ref: ref) }
  var events: Int { eventCount }
  func firstScreen(today: Day) -> Int { queue(today: today).count }
  var summary: String {
    let principal = claims.values.reduce(Money.zero) { $0 + $1.principal }
    return "\(customers.count) customers, \(claims.count) claims, \(rejected.count) rejected, "
      + "principal \(principal.jsonString)"
  }
}

/// Balance per customer: claims and fees add, payments subtract.
struct Balances: BenchFold {
  static var name: String { "balances" }
  var balances: [String: Int64] = [:]
  var events = 0

  init() {}

  mutating func fold(_ e: inout Event, _ ref: EventRef) {
    events += 1
    guard let customer = e.customer, let amount = e.amount else { return }
    switch e.type {
    case .claimAdded, .stepTriggered: balances[customer, default: 0] += amount
    case .paymentRegistered: balances[customer, default: 0] -= amount
    default: break
    }
  }

  func firstScreen(today: Day) -> Int { balances.count }

  var summary: String {
    "\(balances.count) customers, total \(balances.values.reduce(0, +)) øre"
  }

  func encodeSnapshot() -> [UInt8] {
    var w = BinaryWriter()
    w.write(events)
    w.write(UInt64(balances.count))
    for (customer, balance) in balances {
      w.write(customer)
      w.write(balance)
    }
    return w.bytes
  }

  init(snapshot: [UInt8]) throws {
    var r = BinaryReader(snapshot)
    events = try r.readInt()
    let n = try r.readUInt64()
    balances.reserveCapacity(Int(min(n, 1 << 24)))
    for _ in 0..<n { balances[try r.readString()] = try r.readInt64() }
  }
}
