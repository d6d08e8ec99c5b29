import KravCore
import Testing

@testable import KravStore

@Suite("No personal data in errors")
struct PrivacyTests {
  static let secrets = [
    "Åse Hansen", "Hansen", "01017012345", "70123", "owes for the boat",
    "Storgata", "ase@example.no", "99887766",
  ]

  static func personalEvent() -> Event {
    var e = Event.customerAdded(
      customer: "C1", name: "Åse Hansen", kind: .consumer, birthNumber: "01017012345")
    e.at = Fixtures.at(1)
    e.text = "owes for the boat"
    e.address = "Storgata 1"
    e.email = "ase@example.no"
    e.phone = "99887766"
    return e
  }

  static func assertClean(_ text: String, _ context: String) {
    for s in secrets { #expect(!text.contains(s), "\(context): \(text)") }
  }

  @Test("findings from any damage to lines holding personal data name only file, line and field")
  func findingsAreClean() throws {
    let io = MemoryFileIO()
    let store = try Fixtures.memoryStore(io)
    for _ in 0..<3 { _ = try store.append([Self.personalEvent()]) }
    let bytes = io.contents("store/journal/kari.jsonl")!
    var seed: UInt64 = 7
    for position in 0..<bytes.count {
      var damaged = bytes
      seed = seed &* 6_364_136_223_846_793_005 &+ 1
      damaged[position] = UInt8(truncatingIfNeeded: seed >> 33)
      io.overwrite("store/journal/kari.jsonl", damaged)
      for f in try Store.check(at: "store", io: io) {
        Self.assertClean(f.description, "byte \(position)")
      }
    }
  }

  @Test("parse errors of lines with valid checksums name only the field")
  func parseErrorsAreClean() throws {
    let line = try JournalLine.encode(
      {
        var e = Self.personalEvent(); e.id = "k:1"; e.by = "k"; e.seq = 1; return e
      }(), prev: 0)
    let body = Array(line.dropLast(LineDecoder.crcSuffixLength + 1))
    var seen = 0
    for position in 1..<body.count {
      for replacement: UInt8 in [0x22, 0x5c, 0x01, 0xff, 0x7b, 0x2c] {
        var b = body
        b[position] = replacement
        let full = b + Array(#","crc":""#.utf8) + CRC32C.hex(CRC32C.checksum(b)) + [34, 125]
        if case .failure(let err) = JournalLine.decode(full) {
          seen += 1
          Self.assertClean(err.message, "byte \(position)")
        }
      }
    }
    #expect(seen > 100)
  }

  @Test("store errors name files and writers, never event contents")
  func errorsAreClean() throws {
    let io = MemoryFileIO()
    let store = try Fixtures.memoryStore(io)
    var bad = Self.personalEvent()
    bad.extra = ["note": "Åse Hansen"]  // not valid JSON
    var messages: [String] = []
    do { _ = try store.append([bad]) } catch { messages.append("\(error)") }
    var dup = Self.personalEvent()
    dup.id = "Hansen-01017012345"
    _ = try store.append([dup])
    do { _ = try store.append([dup]) } catch { messages.append("\(error)") }
    io.fail(step: 0, with: .noSpace)
    do { _ = try store.append([Self.personalEvent()]) } catch { messages.append("\(error)") }
    #expect(messages.count == 3)
    for m in messages { Self.assertClean(m, "error") }
  }
}
