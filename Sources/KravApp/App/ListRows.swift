import KravCore

/// The rows a list screen shows: the whole list, or the rows a search picked (ascending indexes
/// into it). Nothing is copied: a search that matches 100 000 customers keeps 100 000
/// integers, not 100 000 rows (issue 20, every key within a frame).
public struct ListRows<Element>: RandomAccessCollection {
  /// The whole list.
  let base: [Element]
  /// The indexes into `base` shown, ascending; nil = all of `base`.
  let picked: [Int32]?

  init(_ base: [Element], picked: [Int32]? = nil) {
    self.base = base
    self.picked = picked
  }

  public var startIndex: Int { 0 }
  public var endIndex: Int { picked?.count ?? base.count }
  public subscript(i: Int) -> Element {
    if let picked { return base[Int(picked[i])] }
    return base[i]
  }

  /// Where the row at `baseIndex` of the whole list is among these rows; nil when it is not
  /// shown (a binary search among the picked indexes).
  func index(ofBase baseIndex: Int) -> Int? {
    guard baseIndex >= 0, baseIndex < base.count else { return nil }
    guard let picked else { return baseIndex }
    var lo = 0
    var hi = picked.count
    while lo < hi {
      let mid = (lo + hi) / 2
      if Int(picked[mid]) < baseIndex { lo = mid + 1 } else { hi = mid }
    }
    return lo < picked.count && Int(picked[lo]) == baseIndex ? lo : nil
  }
}

extension ListRows: Sendable where Element: Sendable {}

/// Where each customer's row is in a list derived per customer (the call list, the customers
/// list): customer position → row index, -1 when the customer has no row; and the other way,
/// each row's customer position. Built once per list change, so the selection (kept by
/// customer id) is found without comparing ids row by row, and a search picks rows by reading
/// one small array in order instead of a field of every (large) row.
struct RowIndex: Sendable {
  private var rowOf: [Int32] = []
  /// The customer position of each row, in the list's order.
  private(set) var positions: [Int32] = []

  init() {}

  init(positions: [Int32], customers: Int) {
    var rowOf = [Int32](repeating: -1, count: customers)
    for row in positions.indices {
      let p = positions[row]
      if p >= 0 && Int(p) < customers { rowOf[Int(p)] = Int32(row) }
    }
    self.rowOf = rowOf
    self.positions = positions
  }

  /// The number of customers it was built for.
  var customers: Int { rowOf.count }

  /// The row of the customer at `position`, -1 when it has none; nil when the position is
  /// not one this index knows.
  func row(_ position: Int?) -> Int? {
    guard let position, position >= 0, position < rowOf.count else { return nil }
    return Int(rowOf[position])
  }
}
