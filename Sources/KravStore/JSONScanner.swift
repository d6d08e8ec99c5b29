/// A byte-level JSON tokenizer over one line, for the store's flat event objects.
///
/// Foundation's JSONDecoder manages about 0.09 M events/s; a scanner that knows the shape (one
/// flat object, string/integer values) is an order of magnitude faster. It still accepts any
/// valid JSON string escape and any JSON value for keys it does not know.
struct JSONScanner {
  /// The bytes being scanned.
  let p: UnsafeBufferPointer<UInt8>
  /// The current position.
  var i: Int
  /// One past the last byte this scanner may read.
  let end: Int
  /// The bytes' quotes as bits (`krav_classify_line`), when the bytes up to `end` are known to
  /// hold no backslash and no control byte and to be valid UTF-8: strings then end at the next
  /// quote bit, every string is reported unescaped and valid (`ascii`), and whitespace is not
  /// skipped.
  let quotes: UnsafePointer<UInt64>?

  init(
    _ p: UnsafeBufferPointer<UInt8>, from start: Int = 0, to end: Int? = nil,
    quotes: UnsafePointer<UInt64>? = nil
  ) {
    self.p = p
    self.i = start
    self.end = end ?? p.count
    self.quotes = quotes
  }

  /// Skips JSON whitespace (space, tab, CR, LF). Nothing with classified quotes: those are
  /// for lines as Krav writes them, without whitespace, and a line that has some fails that
  /// scan and is scanned again without them (`LineDecoder.decode`).
  @inline(__always)
  mutating func skipSpace() {
    if quotes != nil { return }
    while i < end {
      let c = p[i]
      if c != 32 && c != 9 && c != 10 && c != 13 { return }
      i += 1
    }
  }

  /// Consumes `c` if it is next; false otherwise.
  @inline(__always)
  mutating func take(_ c: UInt8) -> Bool {
    if i < end && p[i] == c {
      i += 1
      return true
    }
    return false
  }

  /// Scans a string literal at the current position; returns its content range, whether it
  /// holds escapes and whether it is pure ASCII, and moves past the closing quote. Nil when
  /// malformed.
  @inline(__always)
  mutating func scanString() -> (start: Int, end: Int, escaped: Bool, ascii: Bool)? {
    guard let quotes else { return scanStringByBytes() }
    guard i < end, p[i] == 34 else { return nil }
    let start = i + 1
    // The next quote bit after the opening quote, a word (64 bytes) at a time.
    var w = start >> 6
    var bits = quotes[w] & (~0 << UInt64(start & 63))
    while bits == 0 {
      w += 1
      if w << 6 >= end { return nil }
      bits = quotes[w]
    }
    let close = w << 6 + bits.trailingZeroBitCount
    guard close < end else { return nil }
    i = close + 1
    return (start, close, false, true)
  }

  /// `scanString()` without classified quotes: byte by byte, eight at a time.
  @inline(never)
  mutating func scanStringByBytes() -> (start: Int, end: Int, escaped: Bool, ascii: Bool)? {
    guard take(34) else { return nil }
    let start = i
    var escaped = false
    var high: UInt8 = 0
    let base = UnsafeRawPointer(p.baseAddress!)
    let ones: UInt64 = 0x0101_0101_0101_0101
    let highs: UInt64 = 0x8080_8080_8080_8080
    while true {
      // Skip 8 bytes at a time to the first byte that needs a look: a quote, a backslash, a
      // control or a non-ASCII byte (SWAR: each such byte gets its high bit set in `flags`;
      // borrows can only flag bytes above a true one, so the lowest flag is exact).
      while i + 8 <= end {
        let x = base.loadUnaligned(fromByteOffset: i, as: UInt64.self)
        let q = x ^ (ones &* 34), b = x ^ (ones &* 92)
        let flags = (((q &- ones) & ~q) | ((b &- ones) & ~b) | ((x &- ones &* 32) & ~x) | x) & highs
        if flags != 0 {
          i += flags.littleEndian.trailingZeroBitCount >> 3
          break
        }
        i += 8
      }
      guard i < end else { return nil }
      let c = p[i]
      if c == 34 {
        i += 1
        return (start, i - 1, escaped, high < 0x80)
      }
      high |= c
      if c == 92 {
        escaped = true
        i += 1
        guard i < end else { return nil }
        let e = p[i]
        if e == 117 {  // \uXXXX
          guard i + 4 < end, hexValue(p[i + 1]) != nil, hexValue(p[i + 2]) != nil,
            hexValue(p[i + 3]) != nil, hexValue(p[i + 4]) != nil
          else { return nil }
          i += 4
        } else if !(e == 34 || e == 92 || e == 47 || e == 98 || e == 102 || e == 110 || e == 114
          || e == 116)
        {
          return nil
        }
      } else if c < 32 {
        return nil  // raw control characters are not allowed in JSON strings
      }
      i += 1
    }
  }

  /// The text of a scanned string's content, unescaping if needed; nil if not valid UTF-8.
  @inline(__always)
  static func decode(
    _ p: UnsafeBufferPointer<UInt8>, _ s: Int, _ e: Int, escaped: Bool, ascii: Bool
  ) -> String? {
    if !escaped {
      let bytes = UnsafeBufferPointer(rebasing: p[s..<e])
      // Validating ourselves and then decoding is several times faster than the generic
      // String(validating:as:), and journal strings are mostly ASCII.
      guard ascii || isValidUTF8(bytes) else { return nil }
      return String(decoding: bytes, as: UTF8.self)
    }
    guard let bytes = unescape(p, s, e) else { return nil }
    return bytes.withUnsafeBufferPointer {
      isValidUTF8($0) ? String(decoding: $0, as: UTF8.self) : nil
    }
  }

  /// The text of `p[s..<e]`, unescaped, when it is at most 15 ASCII bytes: built straight
  /// from two words of the bytes in the standard library's layout of a small string (the
  /// bytes, their count and the flags "small, ASCII, immortal" in the top byte), where
  /// `String(decoding:as:)` checked and copied them again (a tenth of a decoder's time). Nil
  /// for longer or non-ASCII text, or when `smallStringsFromBits` found the layout different
  /// (`enabled`: that check, read once per line by a caller that makes several strings).
  /// Reads 16 bytes from `s`: the caller's buffer must have them (a journal line always does,
  /// as its crc field follows every string).
  @inline(__always)
  static func smallASCII(
    _ p: UnsafeBufferPointer<UInt8>, _ s: Int, _ e: Int,
    enabled: Bool = smallStringsFromBits
  ) -> String? {
    let n = e - s
    guard n <= 15, enabled else { return nil }
    let base = UnsafeRawPointer(p.baseAddress! + s)
    return smallASCII(
      base.loadUnaligned(as: UInt64.self), base.loadUnaligned(fromByteOffset: 8, as: UInt64.self),
      count: n)
  }

  /// `smallASCII(_:_:_:)` from the first 16 bytes at the text, as two little-endian words.
  @inline(__always)
  private static func smallASCII(_ first: UInt64, _ second: UInt64, count n: Int) -> String? {
    guard let words = smallASCIIWords(first, second, count: n) else { return nil }
    return unsafeBitCast(words, to: String.self)
  }

  /// The two words of a small ASCII `String` of the first `n` (at most 15) bytes of `first`
  /// and `second`, as this standard library lays it out on 64-bit little-endian machines;
  /// nil if a byte is not ASCII. Only raw words: no `String` is made here.
  @inline(__always)
  private static func smallASCIIWords(_ first: UInt64, _ second: UInt64, count n: Int)
    -> (UInt64, UInt64)?
  {
    var w0 = first, w1 = second
    if n < 8 {
      w0 &= (1 << UInt64(8 * n)) &- 1
      w1 = 0
    } else {
      w1 &= (1 << UInt64(8 * (n - 8))) &- 1
    }
    guard (w0 | w1) & 0x8080_8080_8080_8080 == 0 else { return nil }
    return (w0, w1 | UInt64(0xE0 | n) << 56)
  }

  /// Whether this standard library lays out small ASCII strings as `smallASCII` builds them:
  /// checked once, for every length, against strings it made itself. The raw words are
  /// compared first, before any `String` is built from them, so that a different layout makes
  /// the check answer false instead of building an invalid string (which could crash).
  static let smallStringsFromBits: Bool = {
    guard MemoryLayout<String>.size == 16, UInt16(1).littleEndian == 1 else { return false }
    let sample = Array("C0123456789-abcdef:".utf8)
    for n in 0...15 {
      let official = String(decoding: sample[0..<n], as: UTF8.self)
      let padded = sample[0..<n] + [UInt8](repeating: 0x7f, count: 16)
      let words = padded.withUnsafeBytes { b in
        smallASCIIWords(
          b.loadUnaligned(as: UInt64.self), b.loadUnaligned(fromByteOffset: 8, as: UInt64.self),
          count: n)
      }
      guard let words else { return false }
      let officialWords = unsafeBitCast(official, to: (UInt64, UInt64).self)
      guard words == officialWords else { return false }
      // Same bits as a string the library made itself: safe to build and compare.
      let built = unsafeBitCast(words, to: String.self)
      guard built == official, built.utf8.count == n, built.isContiguousUTF8 else { return false }
    }
    return true
  }()

  /// Whether `b` is well-formed UTF-8 (no overlong forms, surrogates or values past U+10FFFF).
  static func isValidUTF8(_ b: UnsafeBufferPointer<UInt8>) -> Bool {
    var i = 0
    let n = b.count
    while i < n {
      let c = b[i]
      if c < 0x80 {
        i += 1
        continue
      }
      let length: Int
      var low: UInt8 = 0x80, high: UInt8 = 0xbf
      switch c {
      case 0xc2...0xdf: length = 2
      case 0xe0: length = 3; low = 0xa0
      case 0xe1...0xec, 0xee...0xef: length = 3
      case 0xed: length = 3; high = 0x9f
      case 0xf0: length = 4; low = 0x90
      case 0xf1...0xf3: length = 4
      case 0xf4: length = 4; high = 0x8f
      default: return false
      }
      guard i + length <= n, b[i + 1] >= low, b[i + 1] <= high else { return false }
      for k in 2..<max(2, length) where b[i + k] < 0x80 || b[i + k] > 0xbf { return false }
      i += length
    }
    return true
  }

  /// Resolves escapes (including `\uXXXX` surrogate pairs) into UTF-8 bytes.
  static func unescape(_ p: UnsafeBufferPointer<UInt8>, _ s: Int, _ e: Int) -> [UInt8]? {
    var out: [UInt8] = []
    out.reserveCapacity(e - s)
    var i = s
    func hex4(_ at: Int) -> UInt32? {
      guard at + 4 <= e else { return nil }
      var v: UInt32 = 0
      for k in at..<at + 4 {
        guard let h = hexValue(p[k]) else { return nil }
        v = v << 4 | UInt32(h)
      }
      return v
    }
    while i < e {
      let c = p[i]
      guard c == 92 else {
        out.append(c)
        i += 1
        continue
      }
      let x = p[i + 1]
      i += 2
      switch x {
      case 98: out.append(8)
      case 102: out.append(12)
      case 110: out.append(10)
      case 114: out.append(13)
      case 116: out.append(9)
      case 117:
        guard var u = hex4(i) else { return nil }
        i += 4
        if u >= 0xD800 && u < 0xDC00 {  // high surrogate: a low one must follow
          guard i + 6 <= e, p[i] == 92, p[i + 1] == 117, let lo = hex4(i + 2),
            lo >= 0xDC00, lo < 0xE000
          else { return nil }
          u = 0x10000 + ((u - 0xD800) << 10) + (lo - 0xDC00)
          i += 6
        } else if u >= 0xDC00 && u < 0xE000 {
          return nil  // a lone low surrogate is not a character
        }
        guard let scalar = Unicode.Scalar(u) else { return nil }
        out += Array(String(Character(scalar)).utf8)
      default: out.append(x)  // " \ /
      }
    }
    return out
  }

  /// Scans a JSON integer (`-?(0|[1-9][0-9]*)`, no fraction or exponent) that fits in Int64.
  @inline(__always)
  mutating func integer() -> Int64? {
    var negative = false
    if i < end && p[i] == 45 {
      negative = true
      i += 1
    }
    let start = i
    var v: Int64 = 0
    while i < end {
      let c = p[i]
      guard c >= 48 && c <= 57 else { break }
      let (m, o1) = v.multipliedReportingOverflow(by: 10)
      let (a, o2) = m.addingReportingOverflow(Int64(c - 48))
      if o1 || o2 { return nil }
      v = a
      i += 1
    }
    let digits = i - start
    if digits == 0 || (digits > 1 && p[start] == 48) { return nil }
    if i < end && (p[i] == 46 || p[i] == 101 || p[i] == 69) { return nil }
    return negative ? -v : v
  }

  /// Skips any JSON value (object, array, string, number, true, false, null).
  mutating func skipValue(depth: Int = 0) -> Bool {
    guard depth < 64, i < end else { return false }
    switch p[i] {
    case 34: return scanString() != nil
    case 123, 91:
      let close: UInt8 = p[i] == 123 ? 125 : 93
      let isObject = close == 125
      i += 1
      skipSpace()
      if take(close) { return true }
      while true {
        skipSpace()
        if isObject {
          guard scanString() != nil else { return false }
          skipSpace()
          guard take(58) else { return false }
          skipSpace()
        }
        guard skipValue(depth: depth + 1) else { return false }
        skipSpace()
        if take(close) { return true }
        guard take(44) else { return false }
      }
    case 116: return literal("true")
    case 102: return literal("false")
    case 110: return literal("null")
    default: return number()
    }
  }

  private mutating func literal(_ word: StaticString) -> Bool {
    let n = word.utf8CodeUnitCount
    guard i + n <= end else { return false }
    for k in 0..<n where p[i + k] != word.utf8Start[k] { return false }
    i += n
    return true
  }

  /// Skips a JSON number with optional fraction and exponent.
  private mutating func number() -> Bool {
    _ = take(45)
    func digits() -> Int {
      let s = i
      while i < end, p[i] >= 48, p[i] <= 57 { i += 1 }
      return i - s
    }
    let start = i
    let n = digits()
    if n == 0 || (n > 1 && p[start] == 48) { return false }
    if take(46) && digits() == 0 { return false }
    if i < end && (p[i] == 101 || p[i] == 69) {
      i += 1
      if !take(43) { _ = take(45) }
      if digits() == 0 { return false }
    }
    return true
  }

  /// Whether `bytes` is exactly one JSON value (no surrounding whitespace).
  static func isValidValue(_ bytes: [UInt8]) -> Bool {
    bytes.withUnsafeBufferPointer { b in
      var s = JSONScanner(b)
      return s.skipValue() && s.i == b.count
    }
  }
}

/// The value of one hex digit (either case), or nil.
@inline(__always)
func hexValue(_ c: UInt8) -> UInt8? {
  switch c {
  case 48...57: return c - 48
  case 97...102: return c - 87
  case 65...70: return c - 55
  default: return nil
  }
}
