/// The fast path of `Search` (issue 20): every customer's folded texts, kept ready, so a
/// keystroke of a search over 100 000 customers scans bytes instead of folding strings.
///
/// One boundary: `matching(_:within:)` returns exactly the customers `Search.matches` accepts
/// (tested against it on random data, SearchTests). Entry `i` belongs to the customer at
/// position `i` of `Ledger.customers.values`; its texts are folded and joined with a 0 byte,
/// which no folded word contains, so a word can only match inside one text.
public struct SearchIndex: Sendable {
  /// The folded texts of all customers, back to back.
  private var bytes: [UInt8] = []
  /// Where entry `i` starts and ends in `bytes`.
  private var start: [Int32] = []
  private var end: [Int32] = []
  /// Bytes of replaced entries still in `bytes` (compacted when they are half of it).
  private var dead = 0

  /// Customers the index covers (positions 0..<count).
  public var count: Int { start.count }

  /// An index of the given customers' fields, by position.
  public init(_ fields: [SearchFields]) {
    for f in fields { append(f) }
  }

  /// An index of every customer of `ledger`.
  public init(_ ledger: Ledger) {
    bytes.reserveCapacity(ledger.customers.count * 80)
    start.reserveCapacity(ledger.customers.count)
    end.reserveCapacity(ledger.customers.count)
    for i in ledger.customers.values.indices { append(ledger.searchFields(customerAt: i)) }
  }

  /// Adds the next customer's entry.
  public mutating func append(_ f: SearchFields) {
    let (s, e) = write(f)
    start.append(s)
    end.append(e)
  }

  /// Replaces entry `i` (a customer whose fields or claims changed); a new customer at the
  /// end is appended.
  public mutating func update(_ i: Int, _ f: SearchFields) {
    guard i < count else {
      precondition(i == count, "customers are added at the end")
      append(f)
      return
    }
    dead += Int(end[i] - start[i])
    (start[i], end[i]) = write(f)
    if dead > bytes.count / 2 { compact() }
  }

  /// Brings the index up to `ledger` for the customers at `positions` (and any added since).
  public mutating func update(_ ledger: Ledger, positions: some Sequence<Int>) {
    for i in positions where i < count { update(i, ledger.searchFields(customerAt: i)) }
    while count < ledger.customers.count { append(ledger.searchFields(customerAt: count)) }
  }

  private mutating func write(_ f: SearchFields) -> (Int32, Int32) {
    let s = Int32(bytes.count)
    for (n, text) in Search.texts(f).enumerated() {
      if n > 0 { bytes.append(0) }
      bytes.append(contentsOf: Search.fold(text).utf8)
    }
    return (s, Int32(bytes.count))
  }

  private mutating func compact() {
    var fresh: [UInt8] = []
    fresh.reserveCapacity(bytes.count - dead)
    for i in 0..<count {
      let s = Int32(fresh.count)
      fresh.append(contentsOf: bytes[Int(start[i])..<Int(end[i])])
      (start[i], end[i]) = (s, Int32(fresh.count))
    }
    bytes = fresh
    dead = 0
  }

  /// The positions (ascending) of the customers matching `query`, looking only at `within`
  /// (ascending positions) when given: the caller passes the previous result when the new
  /// query can only match fewer (`Search.narrows`).
  public func matching(_ query: String, within: [Int32]? = nil) -> [Int32] {
    let words = Search.words(query).map { Array($0.utf8) }
    guard !words.isEmpty else { return within ?? (0..<Int32(count)).map { $0 } }
    var out: [Int32] = []
    bytes.withUnsafeBufferPointer { hay in
      func test(_ i: Int32) {
        let s = Int(start[Int(i)])
        let e = Int(end[Int(i)])
        for w in words where !SearchIndex.find(w, in: hay, from: s, to: e) { return }
        out.append(i)
      }
      if let within {
        for i in within where Int(i) < count { test(i) }
      } else {
        for i in 0..<Int32(count) { test(i) }
      }
    }
    return out
  }

  /// Whether `word` occurs in `hay[from..<to]`: the first byte is looked for, then the rest
  /// compared.
  @inline(__always)
  static func find(_ word: [UInt8], in hay: UnsafeBufferPointer<UInt8>, from: Int, to: Int)
    -> Bool
  {
    let n = word.count
    guard n > 0 else { return true }
    guard to - from >= n else { return false }
    return word.withUnsafeBufferPointer { w in
      let first = w[0]
      var p = from
      let last = to - n
      while p <= last {
        if hay[p] == first {
          var k = 1
          while k < n && hay[p + k] == w[k] { k += 1 }
          if k == n { return true }
        }
        p += 1
      }
      return false
    }
  }
}

extension Search {
  /// Whether everything `new` matches is also matched by `old` (so `new`'s matches can be
  /// looked for among `old`'s): each word of `old` occurs in some word of `new`. Typing one
  /// more letter narrows; deleting one does not.
  public static func narrows(from old: String, to new: String) -> Bool {
    let newWords = words(new).map { Array($0.utf8) }
    return words(old).allSatisfy { o in
      let old = Array(o.utf8)
      return newWords.contains { naiveContains($0, old) }
    }
  }
}
