import Foundation
import Glibc
import KravCore
import KravStore

/// Shared test data and helpers for the store tests.
enum Fixtures {
  static let info = StoreInfo(
    name: "Testkreditor AS", orgnr: "987654321", account: "12345678903",
    created: "2026-11-30T09:00:00+01:00")

  /// Whether the long variants run (`KRAV_LONG_TESTS=1`).
  static var long: Bool { getenv("KRAV_LONG_TESTS").map { String(cString: $0) == "1" } ?? false }

  /// A timestamp `minute` minutes after 2026-11-30 09:00 Oslo time.
  static func at(_ minute: Int) -> String {
    let h = 9 + minute / 60, m = minute % 60
    func two(_ v: Int) -> String { v < 10 ? "0\(v)" : "\(v)" }
    return "2026-11-30T\(two(h % 24)):\(two(m)):00+01:00"
  }

  /// A payment draft (no id, seq or by: the store fills them in).
  static func payment(_ customer: String, _ ore: Int64, minute: Int = 0) -> Event {
    var e = Event(
      id: "", seq: 0, at: at(minute), by: "", type: .paymentRegistered, customer: customer,
      invoice: "10001")
    e.amount = ore
    e.date = Day(year: 2026, month: 11, day: 30)
    return e
  }

  /// A note draft whose text and customer name are personal data the store must not echo.
  static func note(_ customer: String, _ text: String, minute: Int = 0) -> Event {
    var e = Event.noteAdded(customer: customer, text: text)
    e.at = at(minute)
    return e
  }

  /// A fresh store in memory at `store`, opened by `writer` and loaded.
  static func memoryStore(_ io: MemoryFileIO, writer: String = "kari") throws -> Store {
    try Store.create(at: "store", info: info, io: io)
    let store = try Store.open(at: "store", writer: writer, io: io)
    _ = try store.replay { _, _ in }
    return store
  }

  /// Replays a store and returns the events and the report.
  static func replayAll(_ store: Store) throws -> ([Event], ReplayReport) {
    var events: [Event] = []
    let report = try store.replay { e, _ in events.append(e) }
    return (events, report)
  }

  /// A new empty folder under /tmp, removed by `removeTree`.
  static func tempFolder() -> String {
    var template = Array("/tmp/krav-store-test-XXXXXX".utf8CString)
    let p = template.withUnsafeMutableBufferPointer { mkdtemp($0.baseAddress!) }
    return String(cString: p!)
  }

  /// Removes a folder tree (test clean-up).
  static func removeTree(_ path: String) {
    try? FileManager.default.removeItem(atPath: path)
  }

  /// Reads a real file's bytes.
  static func readFile(_ path: String) -> [UInt8] {
    guard let f = fopen(path, "rb") else { return [] }
    defer { fclose(f) }
    var out: [UInt8] = []
    var buf = [UInt8](repeating: 0, count: 65536)
    while true {
      let n = fread(&buf, 1, buf.count, f)
      if n == 0 { break }
      out += buf[0..<n]
    }
    return out
  }

  /// Writes a real file's bytes (replacing it).
  static func writeFile(_ path: String, _ bytes: [UInt8]) {
    let f = fopen(path, "wb")!
    _ = bytes.withUnsafeBytes { fwrite($0.baseAddress, 1, bytes.count, f) }
    fclose(f)
  }
}
