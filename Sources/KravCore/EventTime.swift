/// An event's `at` in the form Krav writes it, `YYYY-MM-DDTHH:MM:SS±HH:MM`, packed into 64
/// bits: a million events then hold no string each for it (a string of 25 bytes is too long
/// to be stored inline, so each one was an allocation when a journal was read).
///
/// Layout, high to low: year (14 bits, four digits), then month, day, hour, minute, second,
/// offset hours and offset minutes (7 bits each, two digits), then the offset's sign (1 for
/// `+`). Every field keeps its digits as written, so unpacking gives back the same text; a
/// text in any other form is not packed (`pack` gives nil) and an event keeps it as written.
enum EventTime {
  /// The packed form of `text`, or nil when it is not exactly in the form above (or would
  /// pack to 0, which means "not packed").
  @usableFromInline
  static func pack(_ text: String) -> UInt64? {
    var text = text
    return text.withUTF8 { pack($0) }
  }

  /// `pack` of UTF-8 bytes.
  static func pack(_ u: UnsafeBufferPointer<UInt8>) -> UInt64? {
    guard u.count == 25, u[4] == 45, u[7] == 45, u[10] == 84, u[13] == 58, u[16] == 58,
      u[22] == 58, u[19] == 43 || u[19] == 45
    else { return nil }
    func digits(_ at: Int, _ n: Int) -> UInt64? {
      var v: UInt64 = 0
      for i in at..<at + n {
        let c = u[i] &- 48
        guard c <= 9 else { return nil }
        v = v * 10 + UInt64(c)
      }
      return v
    }
    guard let year = digits(0, 4), let month = digits(5, 2), let day = digits(8, 2),
      let hour = digits(11, 2), let minute = digits(14, 2), let second = digits(17, 2),
      let offsetHours = digits(20, 2), let offsetMinutes = digits(23, 2)
    else { return nil }
    var p = year << 7 | month
    p = p << 7 | day
    p = p << 7 | hour
    p = p << 7 | minute
    p = p << 7 | second
    p = p << 7 | offsetHours
    p = p << 7 | offsetMinutes
    p = p << 1 | (u[19] == 43 ? 1 : 0)
    return p == 0 ? nil : p
  }

  /// The text `p` was packed from.
  @usableFromInline
  static func format(_ p: UInt64) -> String {
    String(unsafeUninitializedCapacity: 25) { out in
      func put(_ value: UInt64, _ at: Int, _ n: Int) {
        var v = value
        for i in stride(from: at + n - 1, through: at, by: -1) {
          out[i] = UInt8(48 + v % 10)
          v /= 10
        }
      }
      func field(_ k: Int) -> UInt64 { (p >> UInt64(1 + 7 * (6 - k))) & 0x7F }
      put(p >> 50, 0, 4)
      out[4] = 45
      put(field(0), 5, 2)
      out[7] = 45
      put(field(1), 8, 2)
      out[10] = 84
      put(field(2), 11, 2)
      out[13] = 58
      put(field(3), 14, 2)
      out[16] = 58
      put(field(4), 17, 2)
      out[19] = p & 1 == 1 ? 43 : 45
      put(field(5), 20, 2)
      out[22] = 58
      put(field(6), 23, 2)
      return 25
    }
  }

  /// The calendar day of a packed time (nil if its date is impossible).
  static func day(_ p: UInt64) -> Day? {
    Day(year: Int(p >> 50), month: Int((p >> 43) & 0x7F), day: Int((p >> 36) & 0x7F))
  }
}
