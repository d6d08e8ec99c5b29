import CKravScan
import KravCore

#if canImport(Glibc)
  import Glibc
#endif

/// One journal line that passed its checksum and parsed into an event.
struct DecodedLine {
  // The small fields first: the merge reads them with the first lines of the event.
  /// `at` as milliseconds since 1970 UTC, the first part of the merge order.
  var atKey: Int64
  /// The `prev` field: the crc of the line before it in the same journal.
  var prev: UInt32
  /// The `crc` field (verified).
  var crc: UInt32
  /// Whether the id is `<writer>:<seq>` of the journal it was read from, checked by the
  /// journal's decoder (`JournalDecoder`), so the merge need not read the id at all.
  var canonicalId = false
  /// The keys (`Key` bits) the last parse into this line set, so that the next parse into it
  /// clears only those body fields instead of all of them.
  var keysSet: UInt64 = 0
  /// The event.
  var event: Event

  init(event: Event, prev: UInt32, crc: UInt32, atKey: Int64) {
    self.event = event
    self.prev = prev
    self.crc = crc
    self.atKey = atKey
  }
}

/// Why a line could not be used; the message names at most a field, never a value.
struct LineProblem: Error, Equatable {
  /// `.badChecksum` or `.parseError`.
  var kind: Finding.Kind
  /// What is wrong.
  var problem: FindingProblem
  /// What is wrong, in English.
  var message: String { problem.text(.en) }
}

/// Reads journal lines: checks the `crc`, then scans the known flat schema into an `Event`.
enum LineDecoder {
  /// Whether the store decodes every line on the plain path (byte-by-byte scan, keys found by
  /// `keyIndex`, strings made by the standard library, `at` parsed by the general parser):
  /// set `KRAV_PLAIN_DECODE=1` in the environment, e.g. to run the store tests against the
  /// plain twin of every fast path (Docs/performance.md).
  static let plainDecode: Bool = {
    guard let v = getenv("KRAV_PLAIN_DECODE") else { return false }
    return String(cString: v) == "1"
  }()

  /// `,"crc":"` + 8 hex digits + `"}`: the fixed tail of every line.
  static let crcSuffixLength = 18

  /// Decodes one line without its `\n`.
  static func decode(_ p: UnsafeBufferPointer<UInt8>) -> Result<DecodedLine, LineProblem> {
    var out = DecodedLine(event: blank, prev: 0, crc: 0, atKey: 0)
    if let problem = decode(p, into: &out) { return .failure(problem) }
    return .success(out)
  }

  /// An event with empty header fields, the starting point of every parse.
  /// Built each time rather than copied from a stored global: copying an `Event` goes through
  /// its value witness field by field, which cost 5 % of a replay.
  @inline(__always)
  static var blank: Event { Event(id: "", seq: 0, at: "", by: "", type: EventType(rawValue: "")) }

  /// Decodes one line without its `\n` into `out`; returns the problem if it is not usable.
  /// For the types in `dropText` (a `typeMask`), `text` is checked but left nil. `classify`
  /// false scans byte by byte only (for tests: the two scans must agree); `plain` takes the
  /// plain twin of every fast path (`plainDecode`).
  @inline(__always)
  static func decode(
    _ p: UnsafeBufferPointer<UInt8>, into out: inout DecodedLine, dropText: UInt32 = 0,
    classify: Bool = true, writer: UnsafeBufferPointer<UInt8>? = nil,
    plain: Bool = LineDecoder.plainDecode
  ) -> LineProblem? {
    let n = p.count
    let tail = n - crcSuffixLength
    // ,"crc":"XXXXXXXX"}
    guard tail >= 1, p[0] == 123, p[n - 1] == 125, p[n - 2] == 34, p[tail] == 44,
      p[tail + 1] == 34, p[tail + 2] == 99, p[tail + 3] == 114, p[tail + 4] == 99,
      p[tail + 5] == 34, p[tail + 6] == 58, p[tail + 7] == 34,
      let stored = CRC32C.parseHex(p, at: tail + 8)
    else {
      return LineProblem(kind: .parseError, problem: .noCrc)
    }
    guard CRC32C.checksum(p, count: tail) == stored else {
      return LineProblem(kind: .badChecksum, problem: .checksumMismatch)
    }
    out.crc = stored
    // Lines as Krav writes them (no escapes, no whitespace, at most a few hundred bytes) are
    // scanned with their quotes found beforehand, 64 bytes at a time (`krav_classify_line`),
    // and without looking for whitespace. Other lines, and any line that fails that scan, are
    // scanned byte by byte, whose findings name the field.
    if classify && !plain && tail <= classifiedBytes {
      let fast = withUnsafeTemporaryAllocation(of: UInt64.self, capacity: classifiedBytes / 64) {
        q -> LineProblem?? in
        let quotes = q.baseAddress!
        let flags = krav_classify_line(p.baseAddress!, tail, quotes)
        guard flags & UInt32(KRAV_LINE_BACKSLASH | KRAV_LINE_CONTROL) == 0,
          flags & UInt32(KRAV_LINE_NON_ASCII) == 0
            || JSONScanner.isValidUTF8(UnsafeBufferPointer(rebasing: p[0..<tail]))
        else { return .none }
        return .some(
          parseBody(
            p, end: tail, into: &out, dropText: dropText, quotes: UnsafePointer(quotes),
            writer: writer, plain: false))
      }
      if case .some(.none) = fast { return nil }
    }
    return parseBody(p, end: tail, into: &out, dropText: dropText, writer: writer, plain: plain)
  }

  /// The longest line body (bytes before `,"crc"`) scanned with its quotes classified first.
  static let classifiedBytes = 1_024

  /// Parses `{` … up to `end` (where `,"crc"` starts) into a `DecodedLine`. For the types in
  /// `dropText` (a `typeMask`), `text` is checked as always but not made into a string: a
  /// state that never reads it (the `Ledger` and notes, calls, claims) is spared a string per
  /// line. As keys come sorted, `text` is met before `type`, so it waits for the type.
  static func parseBody(
    _ p: UnsafeBufferPointer<UInt8>, end: Int, into out: inout DecodedLine, dropText: UInt32 = 0,
    quotes: UnsafePointer<UInt64>? = nil, writer: UnsafeBufferPointer<UInt8>? = nil,
    plain: Bool = false
  ) -> LineProblem? {
    var s = JSONScanner(p, from: 1, to: end, quotes: quotes)
    let smallStrings = !plain && JSONScanner.smallStringsFromBits
    let shortKeys = LineDecoder.shortKeys
    // Keys of up to 8 bytes by the one-load table; on the plain path, all by `keyIndex`.
    let shortKeyLength = plain ? 0 : 8
    var seen: UInt64 = 0
    var id = "", by = "", type = "", seq: Int64 = 0, v: Int64 = 0, prev: UInt32 = 0
    var atKey: Int64 = 0
    var typeIndex = -1
    var pendingText: (start: Int, end: Int)?
    // The seq spelled by an id of the form `<writer>:<seq>` (-1 otherwise).
    var idSeq: Int64 = -1
    // A reused event keeps the fields of the line before: clear those (a line sets a handful
    // of the twenty-two body fields; clearing every one was a sixth of a decoder's time).
    clear(&out.event, keys: out.keysSet)
    defer { out.keysSet = seen }
    func fail(_ m: FindingProblem) -> LineProblem { LineProblem(kind: .parseError, problem: m) }
    s.skipSpace()
    if s.i == end { return fail(.noFields) }
    while true {
      s.skipSpace()
      guard let k = s.scanString() else { return fail(.malformedKey) }
      s.skipSpace()
      guard s.take(58) else { return fail(.missingColon) }
      s.skipSpace()
      let key =
        k.escaped
        ? keyIndex(unescaped: p, k.start, k.end)
        : k.end - k.start <= shortKeyLength
          ? shortKeyIndex(p, k.start, k.end, table: shortKeys) : keyIndex(p, k.start, k.end)
      if key >= 0 {
        let bit = UInt64(1) << UInt64(key)
        if seen & bit != 0 { return fail(.fieldTwice(Key.names[key])) }
        seen |= bit
        switch Key.dispatch(key) {
        case .integer:
          guard let value = s.integer() else {
            return fail(.expectedInteger(Key.names[key]))
          }
          if key == Key.seq {
            seq = value
          } else if key == Key.v {
            v = value
          } else {
            setInteger(key, value, &out.event)
          }
        case .prev:
          guard let r = s.scanString(), !r.escaped, r.end - r.start == 8,
            let value = CRC32C.parseHex(p, at: r.start)
          else { return fail(.prevNotHex) }
          prev = value
        case .day:
          guard let r = s.scanString(), !r.escaped, r.end - r.start == 10,
            let day = parseDay(p, r.start)
          else { return fail(.expectedDate(Key.names[key])) }
          setDay(key, day, &out.event)
        case .type:
          guard let r = s.scanString() else { return fail(.typeNotString) }
          if !r.escaped, let known = knownType(p, r.start, r.end) {
            type = known.value
            typeIndex = known.index
          } else {
            guard
              let text = JSONScanner.decode(p, r.start, r.end, escaped: r.escaped, ascii: r.ascii)
            else { return fail(.badUTF8("type")) }
            type = text
          }
        case .text:
          guard let r = s.scanString() else {
            return fail(.expectedString(Key.names[key]))
          }
          if key == Key.at && !plain && !r.escaped && r.ascii {
            // Packed straight from the bytes, without a string (`EventTime`).
            let raw = UnsafeBufferPointer(rebasing: p[r.start..<r.end])
            if let ms = out.event.setAtGivingInstant(utf8: raw) {
              atKey = ms
            } else {
              guard let ms = Timestamp.milliseconds(raw), out.event.setAt(utf8: raw)
              else { return fail(.badTimestamp) }
              atKey = ms
            }
          } else if key == Key.text && dropText != 0 && !r.escaped {
            // Checked now, made (or not) once the type is known.
            guard
              r.ascii || JSONScanner.isValidUTF8(UnsafeBufferPointer(rebasing: p[r.start..<r.end]))
            else { return fail(.badUTF8("text")) }
            pendingText = (r.start, r.end)
          } else {
            guard
              let text =
                (r.escaped ? nil : JSONScanner.smallASCII(p, r.start, r.end, enabled: smallStrings))
                ?? JSONScanner.decode(p, r.start, r.end, escaped: r.escaped, ascii: r.ascii)
            else { return fail(.badUTF8(Key.names[key])) }
            if key == Key.id, let writer, !r.escaped {
              idSeq = canonicalSeq(p, r.start, r.end, writer: writer)
            }
            if key == Key.at {
              let raw = UnsafeBufferPointer(rebasing: p[r.start..<r.end])
              guard let ms = Timestamp.milliseconds(raw)
              else { return fail(.badTimestamp) }
              atKey = ms
            }
            assign(key, text, &out.event, &id, &by, &type)
          }
        }
      } else {
        guard let name = JSONScanner.decode(p, k.start, k.end, escaped: k.escaped, ascii: k.ascii)
        else {
          return fail(.malformedKey)
        }
        let valueStart = s.i
        guard s.skipValue() else { return fail(.unknownFieldMalformed) }
        if name == "crc" || out.event.extra[name] != nil { return fail(.unknownFieldTwice) }
        let raw = UnsafeBufferPointer(rebasing: p[valueStart..<s.i])
        guard JSONScanner.isValidUTF8(raw) else { return fail(.unknownFieldUTF8) }
        out.event.extra[name] = String(decoding: raw, as: UTF8.self)
      }
      s.skipSpace()
      if s.i == end { break }
      guard s.take(44) else { return fail(.missingComma) }
    }
    guard seen & Key.headerMask == Key.headerMask else {
      let missing = Key.header.first { seen & (1 << UInt64($0)) == 0 }!
      return fail(.fieldMissing(Key.names[missing]))
    }
    guard !id.isEmpty, !by.isEmpty, !type.isEmpty else { return fail(.emptyHeader) }
    guard seq >= 1, seq <= Int64(Int.max), v >= 0, v <= Int64(Int32.max) else {
      return fail(.seqOutOfRange)
    }
    if let t = pendingText, typeIndex < 0 || dropText & (1 << UInt32(typeIndex)) == 0 {
      out.event.text = String(
        decoding: UnsafeBufferPointer(rebasing: p[t.start..<t.end]), as: UTF8.self)
    }
    out.event.id = id
    out.event.by = by
    out.event.type = EventType(rawValue: type)
    out.event.seq = Int(seq)
    out.event.v = Int(v)
    out.prev = prev
    out.atKey = atKey
    out.canonicalId = idSeq == seq
    return nil
  }

  /// The seq of an id `p[s..<e]` spelled `<writer>:<seq>` as Krav spells it (decimal, no
  /// leading zero, at most 18 digits), or -1: `IdRegistry.isCanonical` on the bytes, before
  /// the seq is known.
  @inline(__always)
  static func canonicalSeq(
    _ p: UnsafeBufferPointer<UInt8>, _ s: Int, _ e: Int, writer: UnsafeBufferPointer<UInt8>
  ) -> Int64 {
    let w = writer.count
    let digits = e - s - w - 1
    guard digits >= 1, digits <= 18, p[s + w] == 58, p[s + w + 1] != 48 else { return -1 }
    for k in 0..<w where p[s + k] != writer[k] { return -1 }
    var value: Int64 = 0
    for k in (s + w + 1)..<e {
      let d = p[k] &- 48
      guard d <= 9 else { return -1 }
      value = value &* 10 &+ Int64(d)
    }
    return value
  }

  /// Stores a decoded string in its field; the string is handed over, not copied.
  @inline(__always)
  static func assign(
    _ key: Int, _ text: consuming String, _ e: inout Event, _ id: inout String,
    _ by: inout String, _ type: inout String
  ) {
    switch key {
    case Key.id: id = text
    case Key.at: e.at = text
    case Key.by: by = text
    case Key.type: type = text
    default: setText(key, text, &e)
    }
  }

  /// The event type spelled by `p[s..<e]` as a string literal, if it is one this version
  /// knows: literals are never allocated or reference-counted, and `payment-registered` (the
  /// most common type) is too long to be stored inline in a `String`.
  @inline(__always)
  static func knownType(_ p: UnsafeBufferPointer<UInt8>, _ s: Int, _ e: Int)
    -> (value: String, index: Int)?
  {
    let n = e - s
    guard n >= 8 else { return nil }
    let spelled: StaticString, value: String, index: Int
    switch (n, p[s]) {
    case (18, _): (spelled, value, index) = ("payment-registered", "payment-registered", 0)
    case (11, 99) where p[s + 1] == 108: (spelled, value, index) = ("claim-added", "claim-added", 1)
    case (11, 99) where p[s + 2] == 108: (spelled, value, index) = ("call-logged", "call-logged", 2)
    case (11, 99): (spelled, value, index) = ("case-closed", "case-closed", 3)
    case (11, _): (spelled, value, index) = ("letter-sent", "letter-sent", 4)
    case (14, 99): (spelled, value, index) = ("customer-added", "customer-added", 5)
    case (14, 100): (spelled, value, index) = ("dispute-opened", "dispute-opened", 6)
    case (14, _): (spelled, value, index) = ("step-triggered", "step-triggered", 7)
    case (16, 99): (spelled, value, index) = ("customer-updated", "customer-updated", 8)
    case (16, 112) where p[s + 8] == 97:
      (spelled, value, index) = ("payment-assigned", "payment-assigned", 9)
    case (16, 112): (spelled, value, index) = ("payment-reversed", "payment-reversed", 10)
    case (16, _): (spelled, value, index) = ("dispute-resolved", "dispute-resolved", 11)
    case (12, _): (spelled, value, index) = ("promise-made", "promise-made", 12)
    case (10, _): (spelled, value, index) = ("note-added", "note-added", 13)
    case (13, 99): (spelled, value, index) = ("claim-updated", "claim-updated", 14)
    case (13, _): (spelled, value, index) = ("store-created", "store-created", 15)
    case (8, _): (spelled, value, index) = ("hold-set", "hold-set", 16)
    default: return nil
    }
    guard spelled.utf8CodeUnitCount == n else { return nil }
    let want = spelled.utf8Start
    let have = p.baseAddress! + s
    for i in 0..<n where want[i] != have[i] { return nil }
    return (value, index)
  }

  /// The bits (by `knownType`'s index) of those of `types` the scanner knows: a set of types
  /// for `parseBody`'s `dropText`. Types it does not know are left out (their text is kept).
  static func typeMask(_ types: [EventType]) -> UInt32 {
    var mask: UInt32 = 0
    for t in types {
      var name = t.rawValue
      name.withUTF8 { u in
        if let (_, index) = knownType(u, 0, u.count) { mask |= 1 << UInt32(index) }
      }
    }
    return mask
  }

  /// `YYYY-MM-DD` at `start` as a `Day`, nil if malformed or impossible.
  @inline(__always)
  static func parseDay(_ p: UnsafeBufferPointer<UInt8>, _ start: Int) -> Day? {
    var value = 0
    var parts = (0, 0)
    for i in 0..<10 {
      let c = p[start + i]
      if i == 4 || i == 7 {
        guard c == 45 else { return nil }
        if i == 4 { parts.0 = value } else { parts.1 = value }
        value = 0
        continue
      }
      guard c >= 48 && c <= 57 else { return nil }
      value = value * 10 + Int(c - 48)
    }
    return Day(year: parts.0, month: parts.1, day: value)
  }

  /// The index of a known key of at most 8 bytes spelled without escapes, or -1: one word
  /// holds the whole key, and a perfect hash of its length and first two bytes picks the one
  /// table entry it can be, so it is found with one load and one comparison, without the
  /// branches of `keyIndex` (whose mispredictions were most of its cost). Reads 8 bytes
  /// from `s`, which a journal line always has (a key is followed by a value and the crc).
  @inline(__always)
  static func shortKeyIndex(
    _ p: UnsafeBufferPointer<UInt8>, _ s: Int, _ e: Int, table: UnsafePointer<UInt64>
  ) -> Int {
    let n = e - s
    let w = UnsafeRawPointer(p.baseAddress! + s).loadUnaligned(as: UInt64.self)
    let h = shortKeyHash(w, length: n)
    let mask: UInt64 = n >= 8 ? ~0 : (1 << UInt64(8 &* n)) &- 1
    let entry = table[2 &* h + 1]
    return w & mask == table[2 &* h] && Int(entry >> 8) == n ? Int(entry & 0xff) : -1
  }

  /// The table entry (0 to 63) of a key of `length` bytes whose first bytes are the low bytes
  /// of `word`: the sum of its first two bytes and 24 times its length, collision-free on the
  /// schema's keys of up to 8 bytes (checked when `shortKeys` is built).
  @inline(__always)
  static func shortKeyHash(_ word: UInt64, length: Int) -> Int {
    Int(truncatingIfNeeded: (word & 0xff) &+ ((word >> 8) & 0xff) &+ UInt64(24 &* length)) & 63
  }

  /// `shortKeyIndex`'s table: for each hash, the key's bytes as a word and `length << 8 |
  /// index` (length 255 where no key hashes). Built once, never written again or freed.
  nonisolated(unsafe) static let shortKeys: UnsafePointer<UInt64> = {
    let table = UnsafeMutablePointer<UInt64>.allocate(capacity: 128)
    for h in 0..<64 {
      table[2 * h] = 0
      table[2 * h + 1] = 255 << 8
    }
    for (k, name) in Key.names.enumerated() where name.utf8.count <= 8 {
      let bytes = Array(name.utf8)
      var word: UInt64 = 0
      for (i, b) in bytes.enumerated() { word |= UInt64(b) << UInt64(8 * i) }
      // On a line, a key is followed by its closing quote (what `v`'s second byte is).
      let h = shortKeyHash(bytes.count > 1 ? word : word | 34 << 8, length: bytes.count)
      precondition(table[2 * h + 1] >> 8 == 255, "two keys share a hash")
      table[2 * h] = word
      table[2 * h + 1] = UInt64(bytes.count) << 8 | UInt64(k)
    }
    return UnsafePointer(table)
  }()

  /// The index of a known key whose spelling used escapes (legal JSON, never written by Krav).
  static func keyIndex(unescaped p: UnsafeBufferPointer<UInt8>, _ s: Int, _ e: Int) -> Int {
    guard let bytes = JSONScanner.unescape(p, s, e) else { return -1 }
    return Key.bytes.firstIndex(of: bytes) ?? -1
  }
}

/// Numbers of the schema's keys, in the bytewise order of `EventSchema.sortedKeys`: the
/// constants, spellings and dispatch are generated from `EventSchema.fields`
/// (LineSchema+Generated.swift).
enum Key {
  /// How a key's value is scanned and where it goes.
  enum Dispatch {
    /// A string: a body `String?` field, or the header's `id`, `at`, `by`.
    case text
    /// `YYYY-MM-DD`: a body `Day?` field.
    case day
    /// A JSON integer: a body `Int64?` field, or the header's `seq`, `v`.
    case integer
    /// The event type.
    case type
    /// The crc of the line before.
    case prev
  }

  static let bytes: [[UInt8]] = names.map { Array($0.utf8) }
}
