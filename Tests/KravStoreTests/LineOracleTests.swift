import Foundation
import Testing

@testable import KravCore
@testable import KravStore

/// The line decoder against an independent JSON parser (Foundation's `JSONSerialization`) as
/// the oracle, on random events and random mutations of their lines (crc recomputed, so the
/// scanner itself is tested, not the checksum).
///
/// What must hold:
/// - A line Krav accepts is valid JSON to the oracle, and every field Krav decoded has the
///   value the oracle read (schema fields, header fields, and each `extra` value, which Krav
///   keeps as raw JSON text and the oracle parses on its own).
/// - A line Krav refuses is either invalid JSON to the oracle, or breaks one of Krav's
///   documented stricter rules (Docs/store-format.md), each checked here on the oracle's
///   reading of the line:
///   1. a key appears twice (JSONSerialization keeps one; Krav refuses the line);
///   2. a header key (`id`, `seq`, `at`, `by`, `type`, `v`, `prev`) is missing, or `id`,
///      `by`, `type` is empty;
///   3. a value has the wrong JSON type for its key (a schema string key holding a number,
///      `amount`/`seq`/`v` holding a string, a fraction or an exponent);
///   4. `seq` below 1 or `v` outside 0…Int32.max, or an integer beyond Int64;
///   5. a date not `YYYY-MM-DD` naming a real day, an `at` not in the ISO 8601 form with an
///      offset, a `prev` not 8 lowercase hex digits; dates and `prev` written with escapes;
///   6. an escaped key spelling a schema key twice over (covered by 1), or `crc` inside the body.
///
/// And one way Krav is more lenient: 7. an unknown key's number beyond a Double's range
/// (`1e400`) is valid JSON grammar and kept as written in `extra`; JSONSerialization refuses it.
@Suite("Line decoder against JSONSerialization as the oracle")
struct LineOracleTests {
  @Test("fuzz: accept/reject and every decoded field agree with JSONSerialization")
  func oracle() throws {
    var random = LineMutator(seed: 0xC0FF_EE12_3456_789)
    let tokens: [[UInt8]] = [
      " ", "\"", "\\", "\\n", "\\u00e6", "\\ud83d\\ude00", "\\ud800", ":", ",", "{", "}", "[1,2]",
      "é", "0", "-", "1.5", "1e3", "true", "null", "\"amount\":5,", "\"text\":\"x\",",
      "\"zz\":{\"a\":[]},", "\u{7f}",
    ].map { Array($0.utf8) }
    var accepted = 0, refusedBoth = 0, refusedStricter = 0
    let rounds = Fixtures.long ? 12_000 : 3_000
    for round in 0..<rounds {
      let event = Self.randomEvent(&random)
      let valid = try JournalLine.encode(
        event, prev: UInt32(truncatingIfNeeded: round &* 2_654_435_761))
      let body = Array(valid.dropLast(1 + LineDecoder.crcSuffixLength))
      let mutated =
        round % 4 == 0 ? body : random.mutate(body, tokens: tokens, most: 3, cut: false)
      let line =
        mutated + Array(#","crc":""#.utf8) + CRC32C.hex(CRC32C.checksum(mutated))
        + [34, 125]
      let text = String(decoding: line, as: UTF8.self)
      let oracle =
        (try? JSONSerialization.jsonObject(with: Data(line), options: [])) as? [String: Any]
      for plain in [false, true] {
        var slot = DecodedLine(event: LineDecoder.blank, prev: 0, crc: 0, atKey: 0)
        let problem = line.withUnsafeBufferPointer {
          LineDecoder.decode($0, into: &slot, classify: !plain, plain: plain)
        }
        if let problem {
          guard let oracle else {
            if !plain { refusedBoth += 1 }
            continue
          }
          let why = Self.stricterRule(oracle, line: line, message: problem.message)
          #expect(why != nil, "Krav refused (\(problem.message)), JSON valid: \(text)")
          if !plain { refusedStricter += 1 }
          continue
        }
        guard let oracle else {
          // 7. The one way Krav is more lenient: an unknown key's value is kept as raw text,
          // so a number JSON's grammar allows but a Double cannot hold (`1e400`) is kept,
          // where JSONSerialization, which makes every number a Double, refuses the line.
          if !slot.event.extra.isEmpty,
            text.range(of: #"[0-9][eE][+-]?[0-9]{3,}"#, options: .regularExpression) != nil
          {
            continue
          }
          Issue.record("Krav accepted a line the oracle refuses: \(text)")
          continue
        }
        if !plain { accepted += 1 }
        Self.compare(slot, oracle, line: text)
      }
    }
    #expect(accepted > rounds / 5 && refusedBoth > rounds / 20 && refusedStricter > 10)
  }

  /// A random event: a few schema fields with random text (ASCII, æøå, emoji, quotes,
  /// backslashes, control characters) and sometimes unknown keys with any JSON value.
  static func randomEvent(_ r: inout LineMutator) -> Event {
    let pieces = ["a", "Åse", "ø", "😀", "\"", "\\", "\n", "\t", "\u{1}", "/", " ", "10001", "æøå"]
    func text() -> String {
      (0..<(1 + r.next() % 5)).map { _ in pieces[r.next() % pieces.count] }.joined()
    }
    var e = Event(
      id: "kari@pc1:\(1 + r.next() % 1000)", seq: 1 + r.next() % 1000,
      at:
        "2026-\(String(format: "%02d", 1 + r.next() % 12))-1\(r.next() % 10)T0\(r.next() % 10):12:44+0\(r.next() % 3):00",
      by: r.next() % 3 == 0 ? text() : "kari",
      type: r.next() % 4 == 0 ? EventType(rawValue: text()) : .noteAdded)
    for field in EventSchema.fields where r.next() % 4 == 0 {
      switch field.kind {
      case .header: break
      case .text(let path): e[keyPath: path] = text()
      case .day(let path):
        e[keyPath: path] = Day(
          year: 2020 + r.next() % 10, month: 1 + r.next() % 12, day: 1 + r.next() % 28)
      case .integer(let path): e[keyPath: path] = Int64(r.next()) - 1_000_000
      }
    }
    let extras = ["true", "null", "[1,{\"a\":\"ø\"}]", "-12.5e3", "\"x\\u00e6\"", "{}", "0"]
    if r.next() % 3 == 0 { e.extra["zeta_\(r.next() % 3)"] = extras[r.next() % extras.count] }
    if r.next() % 5 == 0 { e.extra["Alpha"] = extras[r.next() % extras.count] }
    return e
  }

  /// Which documented stricter rule a line the oracle reads as valid JSON breaks, or nil.
  static func stricterRule(_ o: [String: Any], line: [UInt8], message: String) -> String? {
    let raw = String(decoding: line, as: UTF8.self)
    // 1. and 5. with escapes: a key spelled twice, once with escapes (the raw count below
    // cannot see it); a date or `prev` written with escapes; a lone surrogate escape, which
    // JSONSerialization may take and Krav refuses as not a character.
    if raw.contains("\\"),
      message.hasSuffix("appears twice") || message.contains("expected a date")
        || message.contains("8 lowercase hex") || message.hasSuffix("invalid UTF-8 or escape")
    {
      return "escapes"
    }
    // 1. A key twice: the raw line holds a key more often than once (the oracle kept one).
    for key in o.keys where raw.components(separatedBy: "\"\(key)\":").count > 2 {
      return "duplicate key \(key)"
    }
    // 2. Header keys.
    for key in ["id", "seq", "at", "by", "type", "v", "prev"] where o[key] == nil {
      return "missing \(key)"
    }
    for key in ["id", "by", "type"] {
      guard let s = o[key] as? String, !s.isEmpty else { return "\(key) empty or not a string" }
    }
    // 3.–5. Each schema key's value against its kind.
    for (key, value) in o where key != "crc" {
      guard let field = EventSchema.field(key) else { continue }
      switch field.kind {
      case .text:
        if !(value is String) { return "\(key) not a string" }
      case .day:
        guard let s = value as? String, s.utf8.count == 10, Day(parsing: s)?.iso == s else {
          return "\(key) not a date"
        }
      case .integer:
        guard type(of: value) == Int.self else { return "\(key) not an integer" }
      case .header:
        switch key {
        case "seq", "v":
          guard type(of: value) == Int.self, let n = value as? Int else {
            return "\(key) not an integer"
          }
          if key == "seq" && n < 1 || key == "v" && (n < 0 || n > Int(Int32.max)) {
            return "\(key) out of range"
          }
        case "at":
          guard let s = value as? String, Timestamp.milliseconds(s) != nil else {
            return "at not a timestamp"
          }
        case "prev":
          guard let s = value as? String, s.utf8.count == 8,
            s.utf8.allSatisfy({ (48...57).contains($0) || (97...102).contains($0) })
          else { return "prev not 8 hex digits" }
        default: break
        }
      }
    }
    // A number the oracle read beyond Int64 (it gives a Double or a UInt64).
    if raw.range(of: #"[:\[,]-?[0-9]{19,}"#, options: .regularExpression) != nil {
      return "an integer beyond Int64"
    }
    return nil
  }

  /// Every field of the decoded line against the oracle's reading.
  static func compare(_ d: DecodedLine, _ o: [String: Any], line: String) {
    let e = d.event
    #expect(o["id"] as? String == e.id, "id: \(line)")
    #expect(o["by"] as? String == e.by, "by: \(line)")
    #expect(o["type"] as? String == e.type.rawValue, "type: \(line)")
    #expect(o["at"] as? String == e.at, "at: \(line)")
    #expect(o["seq"] as? Int == e.seq, "seq: \(line)")
    #expect(o["v"] as? Int == e.v, "v: \(line)")
    #expect(o["prev"] as? String == String(decoding: CRC32C.hex(d.prev), as: UTF8.self))
    var known: Set<String> = ["id", "by", "type", "at", "seq", "v", "prev", "crc"]
    for field in EventSchema.fields {
      known.insert(field.key)
      switch field.kind {
      case .header: break
      case .text(let path):
        #expect(o[field.key] as? String == e[keyPath: path], "\(field.key): \(line)")
      case .day(let path):
        #expect(o[field.key] as? String == e[keyPath: path]?.iso, "\(field.key): \(line)")
      case .integer(let path):
        #expect((o[field.key] as? Int).map(Int64.init) == e[keyPath: path], "\(field.key): \(line)")
      }
    }
    let unknown = Set(o.keys).subtracting(known)
    #expect(unknown == Set(e.extra.keys), "extra keys: \(line)")
    for key in unknown {
      // Krav keeps the raw JSON text; the oracle parses that text and must find the same value.
      let mine = try? JSONSerialization.jsonObject(
        with: Data(e.extra[key, default: ""].utf8), options: [.fragmentsAllowed])
      #expect(
        mine.map { NSArray(object: $0) } == o[key].map { NSArray(object: $0) },
        "extra \(key): \(line)")
    }
  }
}
