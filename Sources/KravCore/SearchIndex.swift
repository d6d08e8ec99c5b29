#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

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
  /// The entries in the order they lie in `bytes`: where each starts (ascending; it ends where
  /// the next starts) and whose it is (-1: replaced, dead bytes). A whole-index scan runs
  /// `memmem` over `bytes` and finds a hit's entry here by binary search.
  private var spanStart: [Int32] = []
  private var spanOwner: [Int32] = []
  /// Whether entries lie in position order (no entry was replaced since the last compaction).
  private var inOrder = true

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
    let (s, e) = write(f, owner: Int32(count))
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
    // The old span stays in `bytes`, owned by no one.
    if let k = span(at: Int(start[i])), spanOwner[k] == Int32(i) { spanOwner[k] = -1 }
    (start[i], end[i]) = write(f, owner: Int32(i))
    inOrder = false
    if dead > bytes.count / 2 { compact() }
  }

  /// Brings the index up to `ledger` for the customers at `positions` (and any added since).
  public mutating func update(_ ledger: Ledger, positions: some Sequence<Int>) {
    for i in positions where i < count { update(i, ledger.searchFields(customerAt: i)) }
    while count < ledger.customers.count { append(ledger.searchFields(customerAt: count)) }
  }

  private mutating func write(_ f: SearchFields, owner: Int32) -> (Int32, Int32) {
    let s = Int32(bytes.count)
    spanStart.append(s)
    spanOwner.append(owner)
    for (n, text) in Search.texts(f).enumerated() {
      if n > 0 { bytes.append(0) }
      bytes.append(contentsOf: Search.fold(text).utf8)
    }
    return (s, Int32(bytes.count))
  }

  private mutating func compact() {
    var fresh: [UInt8] = []
    fresh.reserveCapacity(bytes.count - dead)
    spanStart = []
    spanOwner = []
    for i in 0..<count {
      let s = Int32(fresh.count)
      fresh.append(contentsOf: bytes[Int(start[i])..<Int(end[i])])
      (start[i], end[i]) = (s, Int32(fresh.count))
      spanStart.append(s)
      spanOwner.append(Int32(i))
    }
    bytes = fresh
    dead = 0
    inOrder = true
  }

  /// The span (index into `spanStart`) holding byte `offset`.
  private func span(at offset: Int) -> Int? {
    var low = 0
    var high = spanStart.count
    // The last span starting at or before `offset`.
    while low < high {
      let mid = (low + high) / 2
      if Int(spanStart[mid]) <= offset { low = mid + 1 } else { high = mid }
    }
    return low == 0 ? nil : low - 1
  }

  /// The positions (ascending) of the customers matching `query`, looking only at `within`
  /// (ascending positions) when given: the caller passes the previous result when the new
  /// query can only match fewer (`Search.narrows`).
  public func matching(_ query: String, within: [Int32]? = nil) -> [Int32] {
    // The longest word first: it has the fewest hits.
    let words = Search.words(query).map { Array($0.utf8) }.sorted { $0.count > $1.count }
    guard !words.isEmpty else { return within ?? (0..<Int32(count)).map { $0 } }
    var out: [Int32] = []
    bytes.withUnsafeBufferPointer { hay in
      guard let base = hay.baseAddress else { return }
      func all(_ i: Int32, from first: Int) -> Bool {
        let s = Int(start[Int(i)])
        let e = Int(end[Int(i)])
        for w in words[first...] where !SearchIndex.find(w, in: base, from: s, to: e) {
          return false
        }
        return true
      }
      if let within {
        for i in within where Int(i) < count && all(i, from: 0) { out.append(i) }
        return
      }
      // The whole index: the first word's hits are found in all the bytes at once; each
      // hit's entry is looked up, tested for the other words, and the scan goes on after it.
      let first = words[0]
      let total = hay.count
      var from = 0
      while from < total, let offset = SearchIndex.next(first, in: base, from: from, to: total) {
        guard let k = span(at: offset) else { break }
        let owner = spanOwner[k]
        let spanEnd = k + 1 < spanStart.count ? Int(spanStart[k + 1]) : total
        if owner >= 0, offset + first.count <= Int(end[Int(owner)]), all(owner, from: 1) {
          out.append(owner)
        }
        from = spanEnd
      }
    }
    if !inOrder && within == nil { out.sort() }
    return out
  }

  /// Whether `word` occurs in `base[from..<to]`.
  @inline(__always)
  static func find(_ word: [UInt8], in base: UnsafePointer<UInt8>, from: Int, to: Int) -> Bool {
    word.isEmpty || next(word, in: base, from: from, to: to) != nil
  }

  /// Where `word` (not empty) next occurs in `base[from..<to]`: `memchr` (vectorised in the C
  /// library) finds its first byte, `memcmp` compares the rest.
  static func next(_ word: [UInt8], in base: UnsafePointer<UInt8>, from: Int, to: Int) -> Int? {
    let n = word.count
    return word.withUnsafeBufferPointer { w -> Int? in
      let first = Int32(w[0])
      var p = from
      while to - p >= n {
        guard let hit = memchr(base + p, first, to - p - n + 1) else { return nil }
        let at = UnsafeRawPointer(hit) - UnsafeRawPointer(base)
        if n == 1 || memcmp(base + at + 1, w.baseAddress! + 1, n - 1) == 0 { return at }
        p = at + 1
      }
      return nil
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
