/// The fast path of `Search` (issue 20): every customer's folded texts, kept ready, so a
/// keystroke of a search over 100 000 customers scans bytes instead of folding strings.
///
/// One boundary: `matching(_:within:)` returns exactly the customers `Search.matches` accepts
/// (tested against it on random data, SearchTests). Entry `i` belongs to the customer at
/// position `i` of `Ledger.customers.values`; its texts are folded and joined with a 0 byte,
/// which no folded word contains, so a word can only match inside one text.
///
/// Beside the bytes, a presence map per byte value: which entries contain that byte at all
/// (one bit an entry, 12.5 KB a byte value at 100 000 customers, for the 40–60 byte values
/// folded text uses). A query's candidates are the entries holding every byte of every word,
/// found by AND-ing the maps 64 entries at a time; a word of one byte (the first letter typed)
/// is decided by its map alone, and only longer words are looked for in the candidates' bytes.
public struct SearchIndex: Sendable {
  /// The folded texts of all customers, back to back.
  private var bytes: [UInt8] = []
  /// Where entry `i` starts and ends in `bytes`.
  private var start: [Int32] = []
  private var end: [Int32] = []
  /// Bytes of replaced entries still in `bytes` (compacted when they are half of it).
  private var dead = 0
  /// `has[b]`: bit `i % 64` of word `i / 64` is set when entry `i` contains byte `b` (byte 0,
  /// the separator, is not kept). A map may be shorter than the entries: missing words are 0.
  private var has = [[UInt64]](repeating: [], count: 256)

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
    let i = count
    let (s, e) = write(f)
    start.append(s)
    end.append(e)
    mark(i, from: Int(s), to: Int(e), present: true)
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
    // The old span stays in `bytes`, owned by no one; its bytes no longer count for entry i.
    mark(i, from: Int(start[i]), to: Int(end[i]), present: false)
    (start[i], end[i]) = write(f)
    mark(i, from: Int(start[i]), to: Int(end[i]), present: true)
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

  /// Sets (or clears) entry `i`'s bit in the map of every byte value in `bytes[from..<to]`.
  private mutating func mark(_ i: Int, from: Int, to: Int, present: Bool) {
    var seen = ByteSet()
    for k in from..<to { seen.insert(bytes[k]) }
    seen.remove(0)
    let word = i >> 6
    let bit = UInt64(1) << UInt64(i & 63)
    for b in seen.members {
      if present {
        if has[b].count <= word {
          has[b].append(contentsOf: repeatElement(0, count: word + 1 - has[b].count))
        }
        has[b][word] |= bit
      } else if word < has[b].count {
        has[b][word] &= ~bit
      }
    }
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
    // Every byte of every word must be in the entry; the maps say which entries hold them.
    var needed = ByteSet()
    for w in words { for b in w { needed.insert(b) } }
    let maps = needed.members.map { has[$0] }
    // Words of one byte are decided by the maps; the others are looked for, longest first
    // (it has the fewest hits).
    let long = words.filter { $0.count > 1 }.sorted { $0.count > $1.count }
    // The candidates, 64 entries a word: those holding every byte, among `within` if given.
    let words64 = (count + 63) >> 6
    var candidates = [UInt64](repeating: 0, count: words64)
    if let within {
      for p in within where p >= 0 && Int(p) < count {
        candidates[Int(p) >> 6] |= UInt64(1) << UInt64(Int(p) & 63)
      }
    } else {
      for k in 0..<words64 { candidates[k] = ~0 }
      if count & 63 != 0 { candidates[words64 - 1] = (1 << UInt64(count & 63)) - 1 }
    }
    for m in maps {
      for k in 0..<words64 { candidates[k] &= k < m.count ? m[k] : 0 }
    }
    // The longer words back to back, so one pointer reaches them all.
    let flat = long.flatMap { $0 }
    var out: [Int32] = []
    bytes.withUnsafeBufferPointer { hay in
      flat.withUnsafeBufferPointer { flat in
        for k in 0..<words64 {
          var set = candidates[k]
          while set != 0 {
            let i = k << 6 + set.trailingZeroBitCount
            set &= set - 1
            var all = true
            var at = 0
            for w in long {
              let word = UnsafeBufferPointer(rebasing: flat[at..<at + w.count])
              at += w.count
              if !SearchIndex.contains(word, in: hay, from: Int(start[i]), to: Int(end[i])) {
                all = false
                break
              }
            }
            if all { out.append(Int32(i)) }
          }
        }
      }
    }
    return out
  }

  /// Whether `word` occurs in `hay[from..<to]`. Sixteen places at a time: the word's first two
  /// bytes are compared with sixteen bytes each as vectors (reading past `to`, never past the
  /// end of `hay`), and only where both match is the rest compared; the last bytes of `hay`
  /// one by one. The plain twin is `Search.naiveContains` (SearchTests checks them alike).
  static func contains(
    _ word: UnsafeBufferPointer<UInt8>, in hay: UnsafeBufferPointer<UInt8>, from: Int, to: Int
  ) -> Bool {
    let n = word.count
    guard n > 0 else { return true }
    let last = to - n  // the last place the word can start
    guard from >= 0, to <= hay.count, last >= from, let base = hay.baseAddress else {
      return false
    }
    func rest(_ p: Int) -> Bool {
      var k = 1
      while k < n, base[p + k] == word[k] { k += 1 }
      return k == n
    }
    var p = from
    if n >= 2 {
      let raw = UnsafeRawPointer(base)
      let first = SIMD16<UInt8>(repeating: word[0])
      let second = SIMD16<UInt8>(repeating: word[1])
      while p <= last, p + 17 <= hay.count {
        let a = raw.loadUnaligned(fromByteOffset: p, as: SIMD16<UInt8>.self)
        let b = raw.loadUnaligned(fromByteOffset: p + 1, as: SIMD16<UInt8>.self)
        let both = (a .== first) .& (b .== second)
        if any(both) {
          for j in 0..<16 where both[j] {
            if p + j > last { return false }
            if rest(p + j) { return true }
          }
        }
        p += 16
      }
    }
    while p <= last {
      if base[p] == word[0], rest(p) { return true }
      p += 1
    }
    return false
  }
}

/// A set of byte values (256 bits).
struct ByteSet {
  private var bits: (UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0)

  mutating func insert(_ b: UInt8) {
    let bit = UInt64(1) << UInt64(b & 63)
    switch b >> 6 {
    case 0: bits.0 |= bit
    case 1: bits.1 |= bit
    case 2: bits.2 |= bit
    default: bits.3 |= bit
    }
  }

  mutating func remove(_ b: UInt8) {
    let bit = ~(UInt64(1) << UInt64(b & 63))
    switch b >> 6 {
    case 0: bits.0 &= bit
    case 1: bits.1 &= bit
    case 2: bits.2 &= bit
    default: bits.3 &= bit
    }
  }

  /// The byte values in the set, ascending.
  var members: [Int] {
    var out: [Int] = []
    for (k, w) in [bits.0, bits.1, bits.2, bits.3].enumerated() {
      var w = w
      while w != 0 {
        out.append(k << 6 + w.trailingZeroBitCount)
        w &= w - 1
      }
    }
    return out
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
