/// An event's `at` in the whole-second form `YYYY-MM-DDTHH:MM:SS±HH:MM`, packed into 64 bits:
/// a million events then hold no string each for it (a string of 25 bytes is too long to be
/// stored inline, so each one was an allocation when a journal was read). Pinned times
/// (`--now`), the demo and generated stores use that form; times Krav reads from the clock
/// carry milliseconds (`…T09:12:44.318+01:00`, Docs/store-format.md) and are kept as text.
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

  /// `pack` of UTF-8 bytes together with the instant they name, in milliseconds since 1970
  /// UTC, in one pass over the bytes (a journal's reader needs both for every line); nil
  /// when the bytes are not in the packed form or name no real time (hour 24, 30 February,
  /// an offset minute of 60), which the general parsers then handle or refuse.
  static func packWithInstant(_ u: UnsafeBufferPointer<UInt8>) -> (
    packed: UInt64, milliseconds: Int64
  )? {
    guard u.count == 25, u[4] == 45, u[7] == 45, u[10] == 84, u[13] == 58, u[16] == 58,
      u[22] == 58, u[19] == 43 || u[19] == 45
    else { return nil }
    // Each digit position, less "0"; any byte that is not a digit gives a value above 9.
    let y0 = u[0] &- 48, y1 = u[1] &- 48, y2 = u[2] &- 48, y3 = u[3] &- 48
    let mo0 = u[5] &- 48, mo1 = u[6] &- 48, d0 = u[8] &- 48, d1 = u[9] &- 48
    let h0 = u[11] &- 48, h1 = u[12] &- 48, mi0 = u[14] &- 48, mi1 = u[15] &- 48
    let s0 = u[17] &- 48, s1 = u[18] &- 48, oh0 = u[20] &- 48, oh1 = u[21] &- 48
    let om0 = u[23] &- 48, om1 = u[24] &- 48
    let most = max(max(max(y0, y1), max(y2, y3)), max(max(mo0, mo1), max(d0, d1)))
    let rest = max(
      max(max(h0, h1), max(mi0, mi1)), max(max(s0, s1), max(max(oh0, oh1), max(om0, om1))))
    guard max(most, rest) <= 9 else { return nil }
    func two(_ a: UInt8, _ b: UInt8) -> Int { Int(a) * 10 + Int(b) }
    let year = Int(y0) * 1000 + Int(y1) * 100 + Int(y2) * 10 + Int(y3)
    let month = two(mo0, mo1), day = two(d0, d1), hour = two(h0, h1), minute = two(mi0, mi1)
    let second = two(s0, s1), offsetHours = two(oh0, oh1), offsetMinutes = two(om0, om1)
    guard hour < 24, minute < 60, second < 61, offsetHours < 24, offsetMinutes < 60,
      let date = Day(year: year, month: month, day: day)
    else { return nil }
    let plus = u[19] == 43
    var p = UInt64(year) << 7 | UInt64(month)
    p = p << 7 | UInt64(day)
    p = p << 7 | UInt64(hour)
    p = p << 7 | UInt64(minute)
    p = p << 7 | UInt64(second)
    p = p << 7 | UInt64(offsetHours)
    p = p << 7 | UInt64(offsetMinutes)
    p = p << 1 | (plus ? 1 : 0)
    guard p != 0 else { return nil }
    let offset = (offsetHours * 60 + offsetMinutes) * (plus ? 1 : -1)
    let seconds =
      Int64(date.ordinal) * 86_400 + Int64(hour * 3600 + minute * 60 + second) - Int64(offset * 60)
    return (p, seconds * 1000)
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
