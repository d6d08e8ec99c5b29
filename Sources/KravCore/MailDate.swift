/// The `Date:` header of every e-mail Krav writes (RFC 5322 § 3.3), from an event timestamp.
///
/// One function for the step letters, the plan documents and the call follow-ups: each had its
/// own parser, and the step letters' one read fixed columns, so a timestamp with milliseconds
/// (what the real clock gives, `OsloTime.timestamp(now:)`) became `… 11:53:02 .96+0`.
public enum MailDate {
  /// `2026-11-30T09:12:44+01:00`, `2026-11-30T09:12:44.318+01:00` or `…Z` as
  /// `Mon, 30 Nov 2026 09:12:44 +0100` (fractions of a second dropped). Nil when `iso` is not
  /// such a timestamp.
  public static func rfc5322(_ iso: String) -> String? {
    let c = Array(iso.utf8)
    func digits(_ r: Range<Int>) -> Int? {
      guard r.upperBound <= c.count else { return nil }
      var v = 0
      for i in r {
        guard c[i] >= 48, c[i] <= 57 else { return nil }
        v = v * 10 + Int(c[i] - 48)
      }
      return v
    }
    guard c.count >= 20, c[10] == UInt8(ascii: "T"), c[13] == UInt8(ascii: ":"),
      c[16] == UInt8(ascii: ":"), let d = Day(parsing: String(iso.prefix(10))),
      let hh = digits(11..<13), let mm = digits(14..<16), let ss = digits(17..<19),
      hh < 24, mm < 60, ss < 61
    else { return nil }
    var i = 19
    if c[i] == UInt8(ascii: ".") {
      i += 1
      let start = i
      while i < c.count, c[i] >= 48, c[i] <= 57 { i += 1 }
      guard i > start else { return nil }
    }
    let zone: String
    if i == c.count - 1, c[i] == UInt8(ascii: "Z") {
      zone = "+0000"
    } else {
      guard i + 6 == c.count, c[i] == UInt8(ascii: "+") || c[i] == UInt8(ascii: "-"),
        c[i + 3] == UInt8(ascii: ":"), let oh = digits((i + 1)..<(i + 3)),
        let om = digits((i + 4)..<(i + 6)), oh < 24, om < 60
      else { return nil }
      zone = String(UnicodeScalar(c[i])) + two(oh) + two(om)
    }
    let names = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]
    let months = [
      "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ]
    let dc = d.components
    return "\(names[d.weekday - 1]), \(two(dc.day)) \(months[dc.month - 1]) \(dc.year) "
      + "\(two(hh)):\(two(mm)):\(two(ss)) \(zone)"
  }

  private static func two(_ v: Int) -> String { v < 10 ? "0\(v)" : "\(v)" }
}
