import Glibc
import KravCore
import Testing

@testable import KravStore

/// `call-settings.json`, e-mail drafts in `letters/`, and the call facts in the snapshot.
@Suite("Call settings and drafts in the store")
struct CallSettingsStoreTests {
  @Test("no settings file means the standard rules; saved rules read back")
  func settingsRoundTrip() throws {
    let io = MemoryFileIO()
    let store = try Fixtures.memoryStore(io)
    #expect(try store.callSettings() == .standard)
    var s = CallSettings()
    s.weekdayHours = TimeSpan(parsing: "09:00-15:30")!
    s.saturdayHours = TimeSpan(parsing: "10:00-14:00")
    s.weights[.brokenPromise] = 150
    try store.saveCallSettings(s)
    #expect(try store.callSettings() == s)
    let text = String(decoding: io.contents("store/call-settings.json")!, as: UTF8.self)
    #expect(text.contains("\"weekday_hours\" : \"09:00-15:30\""))
  }

  @Test("a bad settings file is refused naming the file and the field; nothing is saved")
  func settingsErrors() throws {
    let io = MemoryFileIO()
    let store = try Fixtures.memoryStore(io)
    try store.saveCallSettings(.standard)
    io.overwrite("store/call-settings.json", Array(#"{"weekday_hours": "8-25"}"#.utf8))
    #expect(throws: CallSettingsError.self) { try store.callSettings() }
    do { _ = try store.callSettings() } catch let e as CallSettingsError {
      #expect(e.description.hasPrefix("call-settings.json: weekday_hours"))
    }
    io.overwrite("store/call-settings.json", Array(#"{"weekday_hours": "07:00-16:00"}"#.utf8))
    do { _ = try store.callSettings() } catch let e as CallSettingsError {
      #expect(e.description.contains("outside the legal frame"))
    }
    var wide = CallSettings()
    wide.saturdayHours = TimeSpan(parsing: "09:00-16:00")
    #expect(throws: CallSettingsError.self) { try store.saveCallSettings(wide) }
  }

  @Test("a draft is written to letters/ durably and never overwrites another")
  func drafts() throws {
    let io = MemoryFileIO()
    let store = try Fixtures.memoryStore(io)
    let a = try store.writeDraft(named: "2026-11-30-samtale-K1.eml", contents: "Hei æøå\r\n")
    let b = try store.writeDraft(named: "2026-11-30-samtale-K1.eml", contents: "Nummer to")
    #expect(a == "letters/2026-11-30-samtale-K1.eml")
    #expect(b == "letters/2026-11-30-samtale-K1-2.eml")
    #expect(try store.readDraft(a) == "Hei æøå\r\n")
    // Durable: a power cut after the write keeps it (file and folder were synced).
    io.powerCut()
    #expect(io.contents("store/" + b).map { String(decoding: $0, as: UTF8.self) } == "Nummer to")
    #expect(throws: (any Error).self) { try store.writeDraft(named: "../x.eml", contents: "") }
  }

  @Test("the snapshot keeps each customer's recent call days and do-not-call flag")
  func snapshotCallFacts() throws {
    var l = Ledger()
    var events: [Event] = []
    var add = Event(
      id: "t:1", seq: 1, at: "2026-11-01T10:00:00+01:00", by: "kari", type: .customerAdded,
      customer: "K1")
    add.name = "Åse Ødegård"
    events.append(add)
    for (i, d) in ["2026-11-02", "2026-11-20", "2026-11-30"].enumerated() {
      var c = Event(
        id: "t:\(i + 2)", seq: i + 2, at: "\(d)T10:00:00+01:00", by: "kari", type: .callLogged,
        customer: "K1")
      c.outcome = "reached"
      events.append(c)
    }
    var flag = Event(
      id: "t:9", seq: 9, at: "2026-11-30T11:00:00+01:00", by: "kari", type: .callPreferenceSet,
      customer: "K1")
    flag.reason = "do-not-call"
    events.append(flag)
    for (i, e) in events.enumerated() { l.apply(e, ref: EventRef(journal: 0, offset: UInt64(i))) }
    let back = try Ledger(snapshot: l.encodeSnapshot())
    #expect(back == l)
    #expect(back.customers["K1"]!.callDays.count == 3)
    #expect(back.customers["K1"]!.doNotCall)
  }
}
