import Foundation
import Testing

@testable import KravCore
@testable import KravStore

@Suite("Event schema table drives the line codec")
struct SchemaTests {
  /// The generated file in the source tree.
  static let generatedPath = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    .appendingPathComponent("Sources/KravStore/LineSchema+Generated.swift").path

  @Test("LineSchema+Generated.swift is what the schema table generates (else: regenerate)")
  func generatedFileIsCurrent() throws {
    let expected = try LineSchemaGenerator.source()
    if ProcessInfo.processInfo.environment["KRAV_REGENERATE_SCHEMA"] == "1" {
      try expected.write(toFile: Self.generatedPath, atomically: true, encoding: .utf8)
    }
    let actual = try String(contentsOfFile: Self.generatedPath, encoding: .utf8)
    #expect(
      actual == expected,
      "LineSchema+Generated.swift is stale: run KRAV_REGENERATE_SCHEMA=1 swift test --filter SchemaTests"
    )
  }

  @Test("the key numbers are the bytewise order of the table's keys, and fit the bitsets")
  func keyNumbers() {
    #expect(Key.names == EventSchema.sortedKeys)
    #expect(Key.count == EventSchema.fields.count)
    #expect(Key.count <= EventSchema.maxKeys && EventSchema.maxKeys <= UInt64.bitWidth)
    #expect(LineEncoder.knownKeys == Key.names)
    for (i, name) in Key.names.enumerated() {
      #expect("\(Key.spelling(i))" == name)
      let bytes = Array(name.utf8) + Array("\":1,\"crc\"".utf8)
      let found = bytes.withUnsafeBufferPointer { LineDecoder.keyIndex($0, 0, name.utf8.count) }
      #expect(found == i, "keyIndex(\(name))")
      if name.utf8.count <= 8 {
        let short = bytes.withUnsafeBufferPointer {
          LineDecoder.shortKeyIndex($0, 0, name.utf8.count, table: LineDecoder.shortKeys)
        }
        #expect(short == i, "shortKeyIndex(\(name))")
      }
    }
    // Near misses are not keys.
    for miss in ["", "a", "ab", "tex", "textx", "tixt", "typo", "birth_numbex", "Customer"] {
      let bytes = Array(miss.utf8) + Array("\":1,\"crc\"".utf8)
      let found = bytes.withUnsafeBufferPointer { LineDecoder.keyIndex($0, 0, miss.utf8.count) }
      #expect(found == -1, "\(miss)")
    }
  }

  @Test("the generator refuses a table past the bitsets' 64 keys, a repeated key and crc")
  func generatorChecks() {
    var many = EventSchema.fields
    for i in 0..<(EventSchema.maxKeys - many.count) {
      many.append(.init("x\(i)", .text(\.text), "text"))
    }
    #expect(throws: Never.self) { try LineSchemaGenerator.source(many) }
    many.append(.init("one_too_many", .text(\.text), "text"))
    #expect(throws: LineSchemaGenerator.Problem.self) { try LineSchemaGenerator.source(many) }
    let twice = EventSchema.fields + [.init("text", .text(\.text), "text")]
    #expect(throws: LineSchemaGenerator.Problem.self) { try LineSchemaGenerator.source(twice) }
    let crc = EventSchema.fields + [.init("crc", .text(\.text), "text")]
    #expect(throws: LineSchemaGenerator.Problem.self) { try LineSchemaGenerator.source(crc) }
  }

  @Test("each body row's key path, property name and key agree through a real line")
  func rowsAgree() throws {
    for (n, field) in EventSchema.fields.enumerated() {
      var e = Event(
        id: "kari@pc1:1", seq: 1, at: "2026-11-30T09:12:44+01:00", by: "kari", type: .noteAdded)
      let expectedValue: Any
      switch field.kind {
      case .header: continue
      case .text(let path):
        e[keyPath: path] = "v\(n)"
        expectedValue = "v\(n)"
      case .day(let path):
        e[keyPath: path] = Day(year: 2026, month: 1, day: n)
        expectedValue = Day(year: 2026, month: 1, day: n)!.iso
      case .integer(let path):
        e[keyPath: path] = Int64(1000 + n)
        expectedValue = 1000 + n
      }
      let line = try JournalLine.encode(e, prev: 0)
      // The key on the line is the row's key, with the row's value (read by Foundation).
      let object = try #require(
        try JSONSerialization.jsonObject(with: Data(line)) as? [String: Any])
      #expect(object.count == 9, "\(field.key): only the header, crc and this key")
      #expect("\(object[field.key] ?? "missing")" == "\(expectedValue)", "\(field.key)")
      // Decoded back into the same property (the one the key path names).
      let back = try JournalLine.decode(line).get().event
      #expect(back == e, "\(field.key)")
      // And the property name the generated code uses is that property.
      #expect(
        "\(Mirror(reflecting: e).children.first { $0.label == field.property }?.value ?? "none")"
          .contains("\(expectedValue)"), "\(field.property)")
    }
  }

  @Test("a repeated key is refused for every key, the last-numbered one included")
  func duplicatesForEveryKey() throws {
    var e = LineFormatTests.fullEvent()
    e.text = "t"
    let line = try JournalLine.encode(e, prev: 0)
    let body = String(decoding: line.dropLast(1 + LineDecoder.crcSuffixLength), as: UTF8.self)
    for field in EventSchema.fields {
      let name = field.key
      let once: String
      switch field.kind {
      case .header: once = ",\"\(name)\":1"  // already on the line: refused before its value
      case .text: once = ",\"\(name)\":\"x\""
      case .day: once = ",\"\(name)\":\"2026-01-01\""
      case .integer: once = ",\"\(name)\":1"
      }
      let isHeader = if case .header = field.kind { true } else { false }
      let doubled = Array((body + once + (isHeader ? "" : once)).utf8)
      let withCrc =
        doubled + Array(#","crc":""#.utf8) + CRC32C.hex(CRC32C.checksum(doubled)) + [34, 125]
      let result = JournalLine.decode(withCrc)
      guard case .failure(let problem) = result else {
        Issue.record("\(name) twice was accepted")
        continue
      }
      #expect(problem.message == "field \(name) appears twice", "\(name)")
    }
  }
}
