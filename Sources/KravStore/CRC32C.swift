import CKravHash
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
  static func parseHex(_ p: UnsafeBufferPointer<UInt8>, at start: Int) -> UInt32? {
    guard start >= 0, start + 8 <= p.count else { return nil }
    var v: UInt32 = 0
    for i in start..<start + 8 {
      let c = p[i]
      let d: UInt8
      if c >= 48 && c <= 57 {
        d = c - 48
      } else if c >= 97 && c <= 102 {
        d = c - 87
      } else {
        return nil
      }
      v = v << 4 | UInt32(d)
    }
    return v
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
