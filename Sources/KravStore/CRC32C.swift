import CKravScan
import KravCore

/// CRC-32C helpers: the checksum that guards every journal line and snapshot.
enum CRC32C {
  /// CRC-32C of a byte buffer.
  @inline(__always)
  static func checksum(_ bytes: UnsafeRawBufferPointer) -> UInt32 {
    krav_crc32c(0, bytes.baseAddress, bytes.count)
  }

  /// CRC-32C of the first `count` bytes of a typed buffer.
  @inline(__always)
  static func checksum(_ p: UnsafeBufferPointer<UInt8>, count: Int) -> UInt32 {
    krav_crc32c(0, p.baseAddress, count)
  }

  /// CRC-32C of an array of bytes.
  static func checksum(_ bytes: [UInt8]) -> UInt32 {
    bytes.withUnsafeBytes { checksum($0) }
  }

  /// Eight lowercase hex digits, as the `crc` and `prev` fields hold them.
  static func hex(_ value: UInt32) -> [UInt8] {
    var out = [UInt8](repeating: 0, count: 8)
    for i in 0..<8 {
      let nibble = UInt8((value >> (28 - 4 * UInt32(i))) & 0xf)
      out[i] = nibble < 10 ? 48 + nibble : 87 + nibble
    }
    return out
  }

  /// Parses exactly eight lowercase hex digits; nil for anything else.
  ///
  /// All eight at once in a 64-bit word: every line has two of these (`prev` and `crc`), and
  /// digit by digit they were 6 % of a decoder's time.
  static func parseHex(_ p: UnsafeBufferPointer<UInt8>, at start: Int) -> UInt32? {
    guard start >= 0, start + 8 <= p.count, let base = p.baseAddress else { return nil }
    // Byte k of `w` is character k (the most significant digit first).
    let w = UInt64(littleEndian: UnsafeRawPointer(base + start).loadUnaligned(as: UInt64.self))
    let ones: UInt64 = 0x0101_0101_0101_0101
    let hi = (w >> 4) & (ones &* 0x0F)
    let lo = w & (ones &* 0x0F)
    // '0'...'9' are 0x30...0x39, 'a'...'f' 0x61...0x66: bit 6 tells a letter.
    let letter = (w >> 6) & ones
    // The high nibble must be 3 for a digit, 6 for a letter.
    let badHigh = hi ^ (ones &* 3 &+ letter &* 3)
    // The low nibble at most 9 for a digit, 6 for a letter: adding 6 or 9 must not reach 16.
    let badLow = (lo &+ ones &* 6 &+ letter &* 3) & (ones &* 0x10)
    // And at least 1 for a letter (0x60 is '`').
    let letterZero = letter & ~((lo &+ ones &* 0x0F) >> 4)
    guard badHigh | badLow | letterZero == 0 else { return nil }
    // The digits' values, one per byte, then packed pairwise into nibbles, bytes, halves.
    let v = lo &+ letter &* 9
    let pairs = ((v & 0x00FF_00FF_00FF_00FF) << 4) | ((v >> 8) & 0x00FF_00FF_00FF_00FF)
    let quads = ((pairs & 0x0000_FFFF_0000_FFFF) << 8) | ((pairs >> 16) & 0x0000_FFFF_0000_FFFF)
    return UInt32(truncatingIfNeeded: (quads << 16) | (quads >> 32))
  }
}

/// Instants of the `at` field as milliseconds since 1970 UTC, for the cross-writer merge order.
///
/// `at` carries the local offset (`+01:00` in winter, `+02:00` in summer), so comparing the
/// strings would misorder events around the autumn clock change; the merge compares instants.
enum Timestamp {
  /// Parses `YYYY-MM-DDTHH:MM:SS[.fff…](Z|±HH:MM)`; nil if malformed.
  static func milliseconds(_ p: UnsafeBufferPointer<UInt8>) -> Int64? {
    let n = p.count
    guard n >= 20 else { return nil }
    func digits(_ at: Int, _ count: Int) -> Int? {
      var v = 0
      for i in at..<at + count {
        let c = p[i]
        guard c >= 48 && c <= 57 else { return nil }
        v = v * 10 + Int(c - 48)
      }
      return v
    }
    guard p[4] == 45, p[7] == 45, p[10] == 84, p[13] == 58, p[16] == 58,
      let y = digits(0, 4), let mo = digits(5, 2), let d = digits(8, 2),
      let h = digits(11, 2), let mi = digits(14, 2), let s = digits(17, 2),
      h < 24, mi < 60, s < 61, let day = Day(year: y, month: mo, day: d)
    else { return nil }
    var i = 19
    var millis = 0
    if p[i] == 46 {  // fraction: keep milliseconds, accept any number of digits
      i += 1
      var scale = 100
      let start = i
      while i < n, p[i] >= 48, p[i] <= 57 {
        millis += Int(p[i] - 48) * scale
        scale /= 10
        i += 1
      }
      guard i > start else { return nil }
    }
    guard i < n else { return nil }
    var offset = 0
    if p[i] == 90 {  // Z
      i += 1
    } else if p[i] == 43 || p[i] == 45, i + 6 <= n, p[i + 3] == 58,
      let oh = digits(i + 1, 2), let om = digits(i + 4, 2), oh < 24, om < 60
    {
      offset = (oh * 60 + om) * (p[i] == 45 ? -1 : 1)
      i += 6
    } else {
      return nil
    }
    guard i == n else { return nil }
    let seconds = Int64(day.ordinal) * 86400 + Int64(h * 3600 + mi * 60 + s) - Int64(offset * 60)
    return seconds * 1000 + Int64(millis)
  }

  /// Parses a Swift string (used when validating drafts before they are written).
  static func milliseconds(_ text: String) -> Int64? {
    var text = text
    return text.withUTF8 { milliseconds($0) }
  }
}
