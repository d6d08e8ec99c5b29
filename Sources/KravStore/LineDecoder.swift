import KravCore

/// One journal line that passed its checksum and parsed into an event.
struct DecodedLine {
  /// The event.
  var event: Event
  /// The `prev` field: the crc of the line before it in the same journal.
  var prev: UInt32
  /// The `crc` field (verified).
  var crc: UInt32
  /// `at` as milliseconds since 1970 UTC, the first part of the merge order.
  var atKey: Int64
}

/// Why a line could not be used; the message names at most a field, never a value.
struct LineProblem: Error, Equatable {
  /// `.badChecksum` or `.parseError`.
  var kind: Finding.Kind
  /// What is wrong.
  var message: String
}

/// Reads journal lines: checks the `crc`, then scans the known flat schema into an `Event`.
enum LineDecoder {
  /// `,"crc":"` + 8 hex digits + `"}`: the fixed tail of every line.
  static let crcSuffixLength = 18

  /// Decodes one line without its `\n`.
  static func decode(_ p: UnsafeBufferPointer<UInt8>) -> Result<DecodedLine, LineProblem> {
    let n = p.count
    let tail = n - crcSuffixLength
    let suffix: [UInt8] = Array(#","crc":""#.utf8)
    guard tail >= 1, p[0] == 123, p[n - 1] == 125, p[n - 2] == 34,
      (0..<suffix.count).allSatisfy({ p[tail + $0] == suffix[$0] }),
      let stored = CRC32C.parseHex(p, at: tail + 8)
    else {
      return .failure(LineProblem(kind: .parseError, message: "no crc field at the end"))
    }
    let actual = CRC32C.checksum(p, count: tail)
    guard actual == stored else {
      return .failure(LineProblem(kind: .badChecksum, message: "checksum mismatch"))
    }
    return parseBody(p, end: tail, crc: stored)
  }

  /// Parses `{` … up to `end` (where `,"crc"` starts) into a `DecodedLine`.
  static func parseBody(_ p: UnsafeBufferPointer<UInt8>, end: Int, crc: UInt32)
    -> Result<DecodedLine, LineProblem>
  {
    var s = JSONScanner(p, from: 1, to: end)
    var seen: UInt32 = 0
    var id = "", at = "", by = "", type = "", seq: Int64 = 0, v: Int64 = 0, prev: UInt32 = 0
    var atKey: Int64 = 0
    var e = Event(id: "", seq: 0, at: "", by: "", type: EventType(rawValue: ""))
    func fail(_ m: String) -> Result<DecodedLine, LineProblem> {
      .failure(LineProblem(kind: .parseError, message: m))
    }
    s.skipSpace()
    if s.i == end { return fail("no fields") }
    while true {
      s.skipSpace()
      guard let k = s.scanString() else { return fail("malformed key") }
      s.skipSpace()
      guard s.take(58) else { return fail("missing ':' after a key") }
      s.skipSpace()
      let key = k.escaped ? keyIndex(unescaped: p, k.start, k.end) : keyIndex(p, k.start, k.end)
      if key >= 0 {
        let bit = UInt32(1) << UInt32(key)
        if seen & bit != 0 { return fail("field \(Key.names[key]) appears twice") }
        seen |= bit
        let name = Key.names[key]
        switch key {
        case Key.amount, Key.seq, Key.v:
          guard let value = s.integer() else { return fail("field \(name): expected an integer") }
          if key == Key.amount { e.amount = value } else if key == Key.seq { seq = value } else {
            v = value
          }
        case Key.prev:
          guard let r = s.scanString(), !r.escaped, r.end - r.start == 8,
            let value = CRC32C.parseHex(p, at: r.start)
          else { return fail("field prev: expected 8 lowercase hex digits") }
          prev = value
        case Key.issued, Key.due, Key.date, Key.until:
          guard let r = s.scanString(), !r.escaped, r.end - r.start == 10,
            let day = parseDay(p, r.start)
          else { return fail("field \(name): expected a date YYYY-MM-DD") }
          switch key {
          case Key.issued: e.issued = day
          case Key.due: e.due = day
          case Key.date: e.date = day
          default: e.until = day
          }
        default:
          guard let r = s.scanString() else { return fail("field \(name): expected a string") }
          guard let text = JSONScanner.decode(p, r.start, r.end, escaped: r.escaped) else {
            return fail("field \(name): invalid UTF-8 or escape")
          }
          if key == Key.at {
            guard let ms = Timestamp.milliseconds(UnsafeBufferPointer(rebasing: p[r.start..<r.end]))
            else { return fail("field at: expected YYYY-MM-DDTHH:MM:SS with an offset") }
            atKey = ms
          }
          assign(key, text, &e, &id, &at, &by, &type)
        }
      } else {
        guard let name = JSONScanner.decode(p, k.start, k.end, escaped: k.escaped) else {
          return fail("malformed key")
        }
        let valueStart = s.i
        guard s.skipValue() else { return fail("unknown field: malformed value") }
        if name == "crc" || e.extra[name] != nil { return fail("a field appears twice") }
        guard
          let raw = String(
            validating: UnsafeBufferPointer(rebasing: p[valueStart..<s.i]), as: UTF8.self)
        else { return fail("unknown field: invalid UTF-8") }
        e.extra[name] = raw
      }
      s.skipSpace()
      if s.i == end { break }
      guard s.take(44) else { return fail("missing ',' between fields") }
    }
    guard seen & Key.headerMask == Key.headerMask else {
      let missing = Key.header.first { seen & (1 << UInt32($0)) == 0 }!
      return fail("field \(Key.names[missing]) missing")
    }
    guard !id.isEmpty, !by.isEmpty, !type.isEmpty else { return fail("empty header field") }
    guard seq >= 1, seq <= Int64(Int.max), v >= 0, v <= Int64(Int32.max) else {
      return fail("field seq or v out of range")
    }
    e.id = id
    e.at = at
    e.by = by
    e.type = EventType(rawValue: type)
    e.seq = Int(seq)
    e.v = Int(v)
    return .success(DecodedLine(event: e, prev: prev, crc: crc, atKey: atKey))
  }

  @inline(__always)
  private static func assign(
    _ key: Int, _ text: String, _ e: inout Event, _ id: inout String, _ at: inout String,
    _ by: inout String, _ type: inout String
  ) {
    switch key {
    case Key.id: id = text
    case Key.at: at = text
    case Key.by: by = text
    case Key.type: type = text
    case Key.address: e.address = text
    case Key.birthNumber: e.birthNumber = text
    case Key.channel: e.channel = text
    case Key.customer: e.customer = text
    case Key.email: e.email = text
    case Key.from: e.from = text
    case Key.invoice: e.invoice = text
    case Key.kid: e.kid = text
    case Key.kind: e.kind = text
    case Key.name: e.name = text
    case Key.orgnr: e.orgnr = text
    case Key.outcome: e.outcome = text
    case Key.phone: e.phone = text
    case Key.reason: e.reason = text
    case Key.ref: e.ref = text
    case Key.step: e.step = text
    case Key.text: e.text = text
    default: break
    }
  }

  /// `YYYY-MM-DD` at `start` as a `Day`, nil if malformed or impossible.
  @inline(__always)
  static func parseDay(_ p: UnsafeBufferPointer<UInt8>, _ start: Int) -> Day? {
    var fields = (0, 0, 0)
    for (k, range) in [(0, 0..<4), (1, 5..<7), (2, 8..<10)] {
      var value = 0
      for i in range {
        let c = p[start + i]
        guard c >= 48 && c <= 57 else { return nil }
        value = value * 10 + Int(c - 48)
      }
      if k == 0 { fields.0 = value } else if k == 1 { fields.1 = value } else { fields.2 = value }
    }
    guard p[start + 4] == 45, p[start + 7] == 45 else { return nil }
    return Day(year: fields.0, month: fields.1, day: fields.2)
  }

  /// The index of a known key spelled without escapes, or -1.
  @inline(__always)
  static func keyIndex(_ p: UnsafeBufferPointer<UInt8>, _ s: Int, _ e: Int) -> Int {
    guard e > s else { return -1 }
    let length = e - s
    for k in Key.byFirstByte[Int(p[s])] {
      let bytes = Key.bytes[k]
      guard bytes.count == length else { continue }
      var same = true
      for j in 1..<length where p[s + j] != bytes[j] {
        same = false
        break
      }
      if same { return k }
    }
    return -1
  }

  /// The index of a known key whose spelling used escapes (legal JSON, never written by Krav).
  static func keyIndex(unescaped p: UnsafeBufferPointer<UInt8>, _ s: Int, _ e: Int) -> Int {
    guard let bytes = JSONScanner.unescape(p, s, e) else { return -1 }
    return Key.bytes.firstIndex(of: bytes) ?? -1
  }
}

/// Indexes of the schema's keys, in the bytewise order of `LineEncoder.knownKeys`.
enum Key {
  static let names = LineEncoder.knownKeys
  static let bytes: [[UInt8]] = names.map { Array($0.utf8) }
  /// For each first byte, the keys starting with it: a key lookup is one or two compares.
  static let byFirstByte: [[Int]] = {
    var table = [[Int]](repeating: [], count: 256)
    for (k, b) in bytes.enumerated() { table[Int(b[0])].append(k) }
    return table
  }()
  static let address = 0, amount = 1, at = 2, birthNumber = 3, by = 4, channel = 5
  static let customer = 6, date = 7, due = 8, email = 9, from = 10, id = 11, invoice = 12
  static let issued = 13, kid = 14, kind = 15, name = 16, orgnr = 17, outcome = 18
  static let phone = 19, prev = 20, reason = 21, ref = 22, seq = 23, step = 24, text = 25
  static let type = 26, until = 27, v = 28
  /// Keys every line must have.
  static let header = [at, by, id, prev, seq, type, v]
  static let headerMask: UInt32 = header.reduce(0) { $0 | (1 << UInt32($1)) }
}
