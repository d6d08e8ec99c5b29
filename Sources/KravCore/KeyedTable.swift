/// A value that names its own key in a `KeyedTable` (a customer's id, a claim's invoice).
public protocol TableKeyed: Sendable {
  var tableKey: String { get }
  /// Whether a `KeyedTable` keeps the keys in an array of their own (see `KeyedTable`).
  static var keysApart: Bool { get }
}

extension TableKeyed {
  public static var keysApart: Bool { true }
}

/// Values kept in insertion order with a key index: the fold's storage for customers and claims.
///
/// A dictionary of large structs costs a seeded hash and often a copy per change; here a change
/// is one `PositionIndex` lookup and then an in-place edit of an array element, which is what
/// folding a million events needs. Reading by key (`table[key]`) still works like a dictionary.
public struct KeyedTable<Value: TableKeyed>: Sendable {
  /// The values in the order they were added.
  public private(set) var values: [Value] = []
  /// The keys again, aligned with `values`, when `Value.keysApart`: a lookup compares its key
  /// with one of these (16 bytes, usually inline) instead of reaching into a large value for
  /// it, which on a big table was a cache miss per lookup. Worth it where a lookup is often
  /// all that is needed (customers: most events only link to their customer's timeline); where
  /// the value found is nearly always read next (claims: a payment, a step), comparing with
  /// the value's own key costs no extra miss, and the array would only be more memory to fill.
  private var keys: [String] = []
  private var index = PositionIndex()

  public init() {}

  /// The keys of `values`, read in place (a key-path `map` copied each large value).
  ///
  /// Empty input gives `[]` without `unsafeUninitializedCapacity`, which for a count of 0
  /// writes the shared empty array's count: a race, if harmless, when two threads do it.
  private static func keys(of values: [Value]) -> [String] {
    guard !values.isEmpty else { return [] }
    return values.withUnsafeBufferPointer { all in
      [String](unsafeUninitializedCapacity: all.count) { keys, n in
        guard let base = all.baseAddress else { return }
        for i in all.indices { (keys.baseAddress! + i).initialize(to: base[i].tableKey) }
        n = all.count
      }
    }
  }

  /// A table of `values` (whose keys must be distinct), taking the array over rather than
  /// copying it element by element, so a restored ledger never holds its values twice.
  public init(_ values: [Value]) {
    self.values = values
    if Value.keysApart { keys = KeyedTable.keys(of: self.values) }
    index.reserveCapacity(values.count)
    for i in values.indices { setIndex(at: i) }
  }

  /// A table of `values` with the index slots `indexSlots` of a table that held the same
  /// values (a snapshot), which spares hashing every key again; nil if the slots do not fit.
  package init?(_ values: [Value], indexSlots: [UInt64]) {
    guard let index = PositionIndex(slots: indexSlots, positions: values.count),
      index.count == values.count
    else { return nil }
    self.values = values
    if Value.keysApart { keys = KeyedTable.keys(of: self.values) }
    self.index = index
  }

  /// Indexes the value at position `i` under its key.
  private mutating func setIndex(at i: Int) {
    if Value.keysApart {
      keys.withUnsafeBufferPointer { k in index.set(k[i], position: i) { k[$0] } }
    } else {
      values.withUnsafeBufferPointer { v in
        index.set(v[i].tableKey, position: i) { v[$0].tableKey }
      }
    }
  }

  /// The key index's slots, to be saved with the values (see `init(_:indexSlots:)`).
  package var indexSlots: [UInt64] { index.storage }

  /// Number of values.
  public var count: Int { values.count }

  /// The key of the value at position `i` (from the keys array when kept: no large value is
  /// read).
  func key(at i: Int) -> String { Value.keysApart ? keys[i] : values[i].tableKey }

  /// The value for `key`, if any (a copy).
  public subscript(key: String) -> Value? {
    position(of: key).map { values[$0] }
  }

  /// Whether a value exists for `key`, without copying it.
  public func contains(_ key: String) -> Bool { position(of: key) != nil }

  /// The position of `key` in `values`. Inlined: called as a function from the fold (which
  /// holds the ledger `inout`), the whole ledger was copied byte by byte for each call.
  @inline(__always)
  package func position(of key: String) -> Int? {
    if Value.keysApart {
      return keys.withUnsafeBufferPointer { k in index.find(key) { k[$0] } }
    }
    return values.withUnsafeBufferPointer { v in index.find(key) { v[$0].tableKey } }
  }

  /// Where a lookup of `key` starts in the index (a prefetching hint, see `PositionIndex`).
  func indexSlotAddress(for key: String) -> UnsafeRawPointer { index.slotAddress(for: key) }

  /// The position `key` probably has and where a lookup will compare it (its key, or its
  /// value when keys are not kept apart): a prefetching hint read from the index without
  /// comparing keys, to be used once the index slot is in cache. Nil when `key` is absent.
  func candidateAddress(for key: String) -> (position: Int, address: UnsafeRawPointer)? {
    guard let p = index.candidate(for: key), p >= 0, p < values.count else { return nil }
    if Value.keysApart {
      return keys.withUnsafeBufferPointer { (p, UnsafeRawPointer($0.baseAddress! + p)) }
    }
    return values.withUnsafeBufferPointer { (p, UnsafeRawPointer($0.baseAddress! + p)) }
  }

  /// Adds a value (whose key must be new) at the end. Consuming, so that a value made for
  /// the table is moved in: a copy retained each of its strings.
  public mutating func append(_ value: consuming Value) {
    if Value.keysApart { keys.append(value.tableKey) }
    values.append(consume value)
    setIndex(at: values.count - 1)
  }

  /// Edits the value for `key` in place; returns false when there is none.
  @discardableResult
  public mutating func update(_ key: String, _ change: (inout Value) -> Void) -> Bool {
    guard let i = position(of: key) else { return false }
    change(&values[i])
    return true
  }

  /// Edits the value at a position from `position(of:)` in place. The key must not change.
  package mutating func update(at i: Int, _ change: (inout Value) -> Void) { change(&values[i]) }

  /// Reserves room for `n` values without sizing the index (for estimates: the index is
  /// written when made, so its size is memory in use, not just address space).
  public mutating func reserveValues(_ n: Int) {
    values.reserveCapacity(n)
    if Value.keysApart { keys.reserveCapacity(n) }
  }

  /// Reserves room for `n` values (snapshot loading knows the count up front).
  public mutating func reserveCapacity(_ n: Int) {
    values.reserveCapacity(n)
    if Value.keysApart { keys.reserveCapacity(n) }
    index.reserveCapacity(n)
  }
}

extension KeyedTable: Equatable where Value: Equatable {
  /// Equal when the values are, in the same order (the index follows from them).
  public static func == (a: KeyedTable, b: KeyedTable) -> Bool { a.values == b.values }
}

extension Customer: TableKeyed {
  public var tableKey: String { id }
}

extension Claim: TableKeyed {
  public var tableKey: String { invoice }
  /// Claims are compared by their own invoice: the fold reads the claim it looks up.
  public static var keysApart: Bool { false }
}
