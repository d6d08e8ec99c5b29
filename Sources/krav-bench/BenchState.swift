import KravCore
import KravStore

/// The fold the benchmark loads into until KravCore's `Ledger` lands: balances per customer.
///
/// Seam: make `Ledger` conform to `SnapshotState` and use it in `LoadBenchmark.fold` instead.
struct BenchState: SnapshotState {
  var balances: [String: Int64] = [:]
  var events = 0

  init() {}

  /// Folds one event: claims and fees raise the balance, payments lower it.
  mutating func apply(_ e: Event) {
    events += 1
    guard let customer = e.customer, let amount = e.amount else { return }
    switch e.type {
    case .claimAdded, .stepTriggered: balances[customer, default: 0] += amount
    case .paymentRegistered: balances[customer, default: 0] -= amount
    default: break
    }
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
    balances.reserveCapacity(Int(n))
    for _ in 0..<n { balances[try r.readString()] = try r.readInt64() }
  }

  /// Sum of all balances, printed so runs can be compared.
  var total: Int64 { balances.values.reduce(0, +) }
}
