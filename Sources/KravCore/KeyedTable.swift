/// Values kept in insertion order with a key index: the fold's storage for customers and claims.
///
/// A dictionary of large structs costs a hash lookup and often a copy per change; here a change
/// is one index lookup and then an in-place edit of an array element, which is what folding a
/// million events needs. Reading by key (`table[key]`) still works like a dictionary.
public struct KeyedTable<Value: Sendable>: Sendable {
  /// The values in the order they were added.
  public private(set) var values: [Value] = []
  private var positions: [String: Int] = [:]

  public init() {}

  /// Number of values.
  public var count: Int { values.count }

  /// The value for `key`, if any (a copy).
  public subscript(key: String) -> Value? {
    positions[key].map { values[$0] }
  }

  /// Whether a value exists for `key`, without copying it.
  public func contains(_ key: String) -> Bool { positions[key] != nil }

  /// The position of `key` in `values`.
  public func position(of key: String) -> Int? { positions[key] }

  /// Adds a value under a new key (an existing key is replaced in place).
  public mutating func insert(_ value: Value, for key: String) {
    if let i = positions[key] {
      values[i] = value
    } else {
      positions[key] = values.count
      values.append(value)
    }
  }

  /// Edits the value for `key` in place; returns false when there is none.
  @discardableResult
  public mutating func update(_ key: String, _ change: (inout Value) -> Void) -> Bool {
    guard let i = positions[key] else { return false }
    change(&values[i])
    return true
  }

  /// Edits the value at a position from `position(of:)` in place.
  public mutating func update(at i: Int, _ change: (inout Value) -> Void) { change(&values[i]) }

  /// Reserves room for `n` values (snapshot loading knows the count up front).
  public mutating func reserveCapacity(_ n: Int) {
    values.reserveCapacity(n)
    positions.reserveCapacity(n)
  }
}

extension KeyedTable: Equatable where Value: Equatable {
  public static func == (a: KeyedTable, b: KeyedTable) -> Bool { a.values == b.values }
}
