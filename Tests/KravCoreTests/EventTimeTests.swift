import Testing

@testable import KravCore

@Suite("Event times")
struct EventTimeTests {
  private func event(at: String) -> Event {
    Event(id: "k:1", seq: 1, at: at, by: "kari", type: .noteAdded)
  }

  @Test("Krav's own form is packed and given back exactly, winter and summer, with its day")
  func packedRoundTrip() throws {
    for text in [
      "2026-11-30T09:12:44+01:00", "2026-07-01T23:59:59+02:00", "1999-12-31T00:00:00-05:30",
      "2200-02-28T12:00:00+14:00", "0001-01-01T00:00:00+00:00",
    ] {
      let packed = try #require(EventTime.pack(text), "\(text)")
      #expect(EventTime.format(packed) == text)
      let e = event(at: text)
      #expect(e.atText == nil && e.at == text)
    }
    #expect(event(at: "2026-11-30T09:12:44+01:00").atDay == Day(year: 2026, month: 11, day: 30))
    #expect(
      Ledger.day(of: event(at: "2024-02-29T08:00:00+01:00")) == Day(year: 2024, month: 2, day: 29))
  }

  @Test("any other text is kept as written, and compares by its text")
  func otherForms() {
    for text in [
      "2026-11-30T09:12:44Z", "2026-11-30T09:12:44.125+01:00", "2026-11-30 09:12:44+01:00",
      "2026-11-30T09:12:44+0100", "", "not a time", "2026-11-30T09:12:44+01:0x",
      "0000-00-00T00:00:00-00:00",
    ] {
      #expect(EventTime.pack(text) == nil, "\(text)")
      let e = event(at: text)
      #expect(e.atText == text && e.at == text)
    }
    #expect(event(at: "2026-11-30T09:12:44Z").atDay == Day(year: 2026, month: 11, day: 30))
    #expect(event(at: "garbage").atDay == nil)
  }

  @Test("the same time set from text or from a line's bytes gives equal events")
  func sameEvent() {
    let text = "2026-03-29T02:30:00+02:00"
    var fromBytes = event(at: "x")
    let ok = Array(text.utf8).withUnsafeBufferPointer { fromBytes.setAt(utf8: $0) }
    #expect(ok && fromBytes == event(at: text) && fromBytes.hashValue == event(at: text).hashValue)
    var other = event(at: text)
    other.at = "2026-03-29T02:30:00.5+02:00"
    #expect(other != event(at: text) && other.at == "2026-03-29T02:30:00.5+02:00")
    var invalid = event(at: text)
    let refused = [UInt8]([0xC3, 0x28]).withUnsafeBufferPointer { invalid.setAt(utf8: $0) }
    #expect(!refused)
  }
}
