import CKravScan
import Testing

@testable import KravCore
@testable import KravStore

@Suite("Journal line format")
struct LineFormatTests {
  static func fullEvent() -> Event {
    var e = Event(
      id: "kari@pc1:123", seq: 123, at: "2026-11-30T09:12:44+01:00", by: "kari",
      type: .paymentRegistered, customer: "C0001", invoice: "10001")
    e.amount = 123450
    return e
  }

  @Test("a payment encodes to exactly the documented line, crc last and keys sorted")
  func documentedExample() throws {
    let line = try JournalLine.encode(Self.fullEvent(), prev: 0x1a2b_3c4d)
    let text = String(decoding: line, as: UTF8.self)
    let body =
      #"{"amount":123450,"at":"2026-11-30T09:12:44+01:00","by":"kari","customer":"C0001","#
      + #""id":"kari@pc1:123","invoice":"10001","prev":"1a2b3c4d","seq":123,"#
      + #""type":"payment-registered","v":1"#
    let crc = CRC32C.checksum(Array(body.utf8))
    #expect(
      text == body + #","crc":""# + String(decoding: CRC32C.hex(crc), as: UTF8.self) + "\"}\n")
  }

  @Test("every field, unknown keys, æøå, quotes and control characters survive a round trip")
  func roundTrip() throws {
    var e = Self.fullEvent()
    e.name = "Åse Øvrebø \"Æ\" \\ ok"
    e.text = "line1\nline2\ttab \u{1} bell\u{7f} 😀"
    e.kind = "consumer"
    e.birthNumber = "01010112345"
    e.address = "Storgata 1, 0155 Oslo"
    e.orgnr = "987654321"
    e.email = "a@b.no"
    e.phone = "+47 12345678"
    e.issued = Day(year: 2026, month: 1, day: 31)
    e.due = Day(year: 2026, month: 2, day: 28)
    e.date = Day(year: 2026, month: 11, day: 30)
    e.until = Day(year: 2027, month: 1, day: 1)
    e.kid = "1234567890"
    e.outcome = "reached"
    e.step = "inkassovarsel"
    e.from = "reminder"
    e.channel = "letter"
    e.reason = "defect"
    e.ref = "kari@pc1:7"
    e.amount = -5
    e.extra = ["zeta": #"{"a":[1,2.5e3,true,null]}"#, "alpha": #""x""#, "mid": "42"]
    let line = try JournalLine.encode(e, prev: 7)
    let decoded = try JournalLine.decode(line).get()
    #expect(decoded.event == e)
    #expect(decoded.prev == 7)
    #expect(try JournalLine.encode(decoded.event, prev: 7) == line)
    let text = String(decoding: line, as: UTF8.self)
    #expect(text.contains(#""text":"line1\nline2\ttab \u0001 bell"#))
    #expect(text.contains("Åse Øvrebø"))
    #expect(text.hasPrefix(#"{"address""#) && text.contains(#""alpha":"x","amount""#))
  }

  @Test("the reader accepts any JSON escape, including \\u surrogate pairs and \\/")
  func escapes() throws {
    let body =
      #"{"at":"2026-11-30T09:12:44Z","by":"kari","id":"k:1","prev":"00000000","seq":1,"#
      + #""text":"\u00e6\u00F8\/\"\\\b\f\r\ud83d\ude00","type":"note-added","v":1"#
    let line =
      Array(body.utf8) + Array(#","crc":""#.utf8) + CRC32C.hex(CRC32C.checksum(Array(body.utf8)))
      + [34, 125]
    let e = try JournalLine.decode(line).get().event
    #expect(e.text == "æø/\"\\\u{8}\u{c}\r😀")
  }

  @Test("a lone surrogate, raw control character or invalid UTF-8 is a parse error")
  func rejects() {
    rejects(dropText: 0)
  }

  @Test("a text left out for its type is still checked: the same lines are refused")
  func rejectsDroppedText() {
    let mask = LineDecoder.typeMask([.noteAdded])
    #expect(mask != 0 && mask == LineDecoder.typeMask([.noteAdded, EventType(rawValue: "x-y")]))
    rejects(dropText: mask)
  }

  @Test("text is left out only for the types asked for, and checked either way")
  func dropsTextByType() {
    func line(_ type: String, _ text: String) -> [UInt8] {
      let bytes = Array(
        (#"{"at":"2026-11-30T09:12:44+01:00","by":"kari","customer":"C1","id":"k:1","prev":"00000000","seq":1,"text":"#
          + text + #","type":""# + type + #"","v":1"#).utf8)
      return bytes + Array(#","crc":""#.utf8) + CRC32C.hex(CRC32C.checksum(bytes)) + [34, 125]
    }
    let mask = LineDecoder.typeMask([.noteAdded, .callLogged])
    for (type, text, dropped) in [
      ("note-added", #""Ringte, lovet å betale""#, true),
      ("call-logged", #""kort""#, true),
      ("dispute-opened", #""Varen kom i stykker""#, false),
      ("x-unknown", #""ukjent type""#, false),
      ("note-added", #""escaped \"quote\"""#, false),  // escaped texts are always made
    ] {
      var out = DecodedLine(event: LineDecoder.blank, prev: 0, crc: 0, atKey: 0)
      let bytes = line(type, text)
      let problem = bytes.withUnsafeBufferPointer {
        LineDecoder.decode($0, into: &out, dropText: mask)
      }
      #expect(problem == nil, "\(type)")
      #expect((out.event.text == nil) == dropped, "\(type)")
      #expect(out.event.type.rawValue == type && out.event.customer == "C1")
      // The same slot reused for a line of a kept type gets its text back.
      let kept = line("dispute-opened", #""tekst""#)
      _ = kept.withUnsafeBufferPointer { LineDecoder.decode($0, into: &out, dropText: mask) }
      #expect(out.event.text == "tekst")
    }
  }

  func rejects(dropText: UInt32) {
    for bad in [#""\ud83d x""#, "\"a\u{1}b\"", "\"\u{ff}\""] {
      var bytes = Array(
        (#"{"at":"2026-11-30T09:12:44Z","by":"kari","id":"k:1","prev":"00000000","seq":1,"text":"#
          + bad + #","type":"note-added","v":1"#).utf8)
      if bad.contains("ÿ") { bytes = bytes.map { $0 == 0xc3 ? 0xff : $0 } }
      let line = bytes + Array(#","crc":""#.utf8) + CRC32C.hex(CRC32C.checksum(bytes)) + [34, 125]
      var out = DecodedLine(event: LineDecoder.blank, prev: 0, crc: 0, atKey: 0)
      let problem = line.withUnsafeBufferPointer {
        LineDecoder.decode($0, into: &out, dropText: dropText)
      }
      #expect(problem?.kind == .parseError, "accepted \(bad)")
      if dropText == 0 {
        guard case .failure(let err) = JournalLine.decode(line) else {
          Issue.record("accepted \(bad)")
          continue
        }
        #expect(err.kind == .parseError)
      }
    }
  }

  @Test("missing header fields, wrong types and duplicate keys are parse errors naming the field")
  func schemaErrors() {
    // Each case changes one field of a valid header (the rest is `tail`).
    let tail = #""id":"k:1","prev":"00000000","seq":1,"type":"x","v":1"#
    let at = #""at":"2026-11-30T09:12:44Z","by":"k","#
    let cases: [(String, String)] = [
      (
        #"{"at":"2026-11-30T09:12:44Z","by":"k","id":"k:1","prev":"00000000","type":"x","v":1"#,
        "seq"
      ),
      (#"{"amount":"12","# + at + tail, "amount"),
      (#"{"amount":1.5,"# + at + tail, "amount"),
      (#"{"at":"2026-11-30 09:12","by":"k","# + tail, "at"),
      ("{" + at + #""due":"2026-02-30","# + tail, "due"),
      ("{" + at + #""by":"k","# + tail, "by"),
    ]
    for (body, field) in cases {
      let bytes = Array(body.utf8)
      let line = bytes + Array(#","crc":""#.utf8) + CRC32C.hex(CRC32C.checksum(bytes)) + [34, 125]
      guard case .failure(let err) = JournalLine.decode(line) else {
        Issue.record("accepted a line with a bad \(field)")
        continue
      }
      #expect(err.kind == .parseError)
      #expect(err.message.contains(field))
    }
  }

  @Test("drafts the reader would refuse are refused before writing")
  func encoderValidates() {
    var e = Self.fullEvent()
    e.at = "yesterday"
    #expect(throws: StoreError.self) { try JournalLine.encode(e, prev: 0) }
    e = Self.fullEvent()
    e.extra = ["amount": "1"]
    #expect(throws: StoreError.self) { try JournalLine.encode(e, prev: 0) }
    e.extra = ["x": "{bad"]
    #expect(throws: StoreError.self) { try JournalLine.encode(e, prev: 0) }
  }

  @Test("merge instants apply the offset: 01:30+02:00 is before 01:00+01:00")
  func timestamps() {
    let a = Timestamp.milliseconds("2026-10-25T01:30:00+02:00")!
    let b = Timestamp.milliseconds("2026-10-25T01:00:00+01:00")!
    #expect(a < b)
    #expect(Timestamp.milliseconds("2026-10-25T00:00:00.250Z")! % 1000 == 250)
    #expect(Timestamp.milliseconds("2026-10-25T00:00:00") == nil)
  }

  @Test("keys are recognised by their exact spelling, in a word, by a perfect hash or byte by byte")
  func keyIndexes() {
    func index(_ key: [UInt8], room: Int) -> Int {
      // The key, then what follows a key on a line, then `room` more bytes.
      let bytes = key + Array(#"":1"#.utf8) + [UInt8](repeating: 0x20, count: room)
      let general = bytes.withUnsafeBufferPointer { LineDecoder.keyIndex($0, 0, key.count) }
      // The one-word lookup reads 8 bytes, which a line always has after a key (its crc
      // field follows), knows the keys of up to 8 bytes and agrees on every other.
      let crc = [UInt8](repeating: 0x20, count: LineDecoder.crcSuffixLength)
      let short = (bytes + crc).withUnsafeBufferPointer {
        LineDecoder.shortKeyIndex($0, 0, key.count, table: LineDecoder.shortKeys)
      }
      #expect(short == (key.count <= 8 ? general : -1), "\(key)")
      return general
    }
    for (k, name) in Key.names.enumerated() {
      let key = Array(name.utf8)
      for room in [0, 20] {  // the line ending right after the value, or going on
        #expect(index(key, room: room) == k, "\(name)")
        for i in key.indices {
          var changed = key
          changed[i] ^= 0x20
          #expect(index(changed, room: room) == -1, "\(name) with byte \(i) changed")
        }
        #expect(index(key + [0x73], room: room) == -1)
        if key.count > 1 { #expect(index(Array(key.dropLast()), room: room) != k) }
      }
    }
  }

  @Test("the one-pass reading of Krav's own time form agrees with the general parser")
  func packedInstants() {
    var texts = [
      "2026-10-25T01:30:00+02:00", "2026-10-25T01:00:00-01:00", "2024-02-29T23:59:60+14:00",
      "2026-02-29T10:00:00+01:00", "2026-11-30T24:00:00+01:00", "2026-11-30T10:60:00+01:00",
      "2026-11-30T10:00:00+01:60", "2026-11-30T10:00:00+24:00", "2026-13-01T10:00:00+01:00",
      "0000-00-00T00:00:00-00:00", "2026-11-30T10:00:00Z", "2026-11-30T10:00:00.5+01:00",
      "2026-11-3OT10:00:00+01:00", "2026-11-30 10:00:00+01:00", "2026-11-30T10:00:00*01:00",
    ]
    var rng = SystemRandomNumberGenerator()
    for _ in 0..<2_000 {
      // Random digits in every position, so impossible dates and times come up too.
      var b = Array("2026-11-30T09:12:44+01:00".utf8)
      for i in [0, 1, 2, 3, 5, 6, 8, 9, 11, 12, 14, 15, 17, 18, 20, 21, 23, 24] {
        b[i] = UInt8(ascii: "0") + UInt8.random(in: 0...9, using: &rng)
      }
      if Bool.random(using: &rng) { b[19] = UInt8(ascii: "-") }
      texts.append(String(decoding: b, as: UTF8.self))
    }
    for text in texts {
      var e = Event(id: "a:1", seq: 1, at: "x", by: "a", type: .noteAdded)
      var bytes = Array(text.utf8)
      let fast = bytes.withUnsafeMutableBufferPointer {
        e.setAtGivingInstant(utf8: UnsafeBufferPointer($0))
      }
      let general = Timestamp.milliseconds(text)
      if let fast {
        #expect(fast == general, "\(text)")
        #expect(e.at == text, "\(text)")
      } else {
        // Declined: either not in the packed form, or no real time at all.
        #expect(general == nil || EventTime.pack(text) == nil, "\(text)")
        #expect(e.at == "x")
      }
    }
    // The common case is taken by the one-pass reading.
    var e = Event(id: "a:1", seq: 1, at: "x", by: "a", type: .noteAdded)
    var bytes = Array("2026-10-25T01:30:00+02:00".utf8)
    let ms = bytes.withUnsafeMutableBufferPointer {
      e.setAtGivingInstant(utf8: UnsafeBufferPointer($0))
    }
    #expect(ms == Timestamp.milliseconds("2026-10-25T01:30:00+02:00"))
  }

  @Test("fuzz: random mutations of valid lines never crash and always parse or report")
  func fuzz() throws {
    let iterations = Fixtures.long ? 100_000 : 5_000
    var random = LineMutator(seed: 0x9e37_79b9_7f4a_7c15)
    var e = Self.fullEvent()
    e.text = "note \"quoted\" æøå \u{1}"
    e.extra = ["x": "[1,{\"y\":null}]"]
    let valid = try JournalLine.encode(e, prev: 3).dropLast()
    let tokens: [[UInt8]] = ["\"", "\\", "\\u", "\\ud800", "{", "}", "[", ",", ":", "-", "0", "e"]
      .map { Array($0.utf8) }
    var parsed = 0
    for _ in 0..<iterations {
      let body = random.mutate(
        Array(valid.dropLast(LineDecoder.crcSuffixLength)), tokens: tokens, most: 4, cut: true)
      // Recompute the crc half the time so the mutation reaches the parser.
      let crc = random.next() % 2 == 0 ? CRC32C.checksum(body) : 0xdead_beef
      let line = body + Array(#","crc":""#.utf8) + CRC32C.hex(crc) + [34, 125]
      switch JournalLine.decode(line) {
      case .success(let d):
        parsed += 1
        // Whatever parses must re-encode to something that parses to the same event.
        if let again = try? JournalLine.encode(d.event, prev: d.prev) {
          #expect(try JournalLine.decode(again).get().event == d.event)
        }
      case .failure(let err):
        #expect(err.kind == .parseError || err.kind == .badChecksum)
        #expect(!err.message.isEmpty)
      }
    }
    #expect(parsed > 0)
  }

  @Test("the UTF-8 check agrees with the standard library on random and edge-case bytes")
  func utf8Validation() {
    var seed: UInt64 = 99
    var samples: [[UInt8]] = [
      [0xed, 0xa0, 0x80], [0xf4, 0x90, 0x80, 0x80], [0xc0, 0xaf],
      [0xe0, 0x80, 0xaf], [0xf0, 0x9f, 0x98, 0x80], [0xc3, 0xa6],
    ]
    for _ in 0..<20_000 {
      var b: [UInt8] = []
      for _ in 0..<(Int(seed % 7) + 1) {
        seed = seed &* 6_364_136_223_846_793_005 &+ 1
        let r = UInt8(truncatingIfNeeded: seed >> 56)
        b.append(seed & 0x100 == 0 ? r : [0xc3, 0xa6, 0x80, 0xbf, 0xe2, 0xf0, 0x9f][Int(r % 7)])
      }
      samples.append(b)
    }
    for b in samples {
      let mine = b.withUnsafeBufferPointer { JSONScanner.isValidUTF8($0) }
      #expect(mine == (String(validating: b, as: UTF8.self) != nil), "\(b)")
    }
  }

  @Test("a quote, backslash, control or non-ASCII character at any position in a string survives")
  func specialsAtEveryPosition() throws {
    for special in ["\"", "\\", "\n", "\u{1f}", "æ", "😀"] {
      for position in 0..<24 {
        var e = Self.fullEvent()
        e.text =
          String(repeating: "a", count: position) + special + String(repeating: "b", count: 9)
        let line = try JournalLine.encode(e, prev: 0)
        #expect(try JournalLine.decode(line).get().event.text == e.text)
      }
    }
  }

  @Test("known event types decode to their own spelling; near misses and new types still decode")
  func typeSpellings() throws {
    var types = EventType.known.map(\.rawValue)
    // Same length and first letter as known ones, one letter off, and a type from the future.
    types += ["payment-registerex", "claim-addex", "call-loggex", "hold-sex", "plan-accelerated"]
    for t in types {
      var e = Self.fullEvent()
      e.type = EventType(rawValue: t)
      let line = try JournalLine.encode(e, prev: 0)
      #expect(try JournalLine.decode(line).get().event.type.rawValue == t)
    }
  }

  /// A line with the header fields and `body` (already `"key":value` pairs), crc appended.
  static func line(body: [String]) -> [UInt8] {
    let header = [
      #""at":"2026-11-30T09:12:44+01:00""#, #""by":"kari""#, #""id":"kari@pc1:1""#,
      #""prev":"00000000""#, #""seq":1"#, #""type":"note-added""#, #""v":1"#,
    ]
    let text = "{" + (header + body).joined(separator: ",")
    let crc = CRC32C.checksum(Array(text.utf8))
    return Array(
      (text + #","crc":""# + String(decoding: CRC32C.hex(crc), as: UTF8.self) + "\"}").utf8)
  }

  @Test("a decoder slot reused for the next line keeps no field of the line before")
  func reusedSlotIsCleared() throws {
    // Every body key the decoder knows, each with the first value kind it accepts, so a
    // field added to the schema later is covered without changing this test.
    let headerKeys: Set = ["at", "by", "id", "prev", "seq", "type", "v"]
    var full: [String] = []
    for key in LineEncoder.knownKeys where !headerKeys.contains(key) {
      let value = [#""x""#, "7", #""2026-01-02""#, #""0000000a""#].first { v in
        let l = Self.line(body: ["\"\(key)\":\(v)"])
        return l.withUnsafeBufferPointer { (try? LineDecoder.decode($0).get()) != nil }
      }
      full.append("\"\(key)\":\(try #require(value, "no value kind fits \(key)"))")
    }
    full.append(#""zz_unknown":1"#)
    var slot = DecodedLine(event: LineDecoder.blank, prev: 0, crc: 0, atKey: 0)
    for line in [Self.line(body: full), Self.line(body: [])] {
      let problem = line.withUnsafeBufferPointer { LineDecoder.decode($0, into: &slot) }
      #expect(problem == nil)
    }
    let leftovers = Mirror(reflecting: slot.event).children.filter { child in
      let m = Mirror(reflecting: child.value)
      return m.displayStyle == .optional && !m.children.isEmpty
    }
    #expect(leftovers.map { $0.label ?? "?" } == [])
    #expect(slot.event.extra.isEmpty)
  }

  @Test("the quote classifier agrees with the byte-by-byte one at every length and on random bytes")
  func classifierAgrees() {
    var seed: UInt64 = 0x5eed
    func byte() -> UInt8 {
      seed = seed &* 6_364_136_223_846_793_005 &+ 1442695040888963407
      let r = UInt8(truncatingIfNeeded: seed >> 56)
      // Mostly the bytes that matter: quotes, backslashes, controls, non-ASCII, letters.
      return seed & 0x300 == 0 ? r : [34, 92, 0x1f, 0x20, 0x7f, 0x80, 0xc3, 97][Int(r % 8)]
    }
    for n in 0..<300 {
      let bytes = (0..<n).map { _ in byte() }
      var fast = [UInt64](repeating: .max, count: (n + 63) / 64)
      var slow = [UInt64](repeating: 0, count: (n + 63) / 64)
      let flags = krav_classify_line(bytes, n, &fast)
      let expected = krav_classify_line_portable(bytes, n, &slow)
      #expect(flags == expected && fast == slow, "length \(n)")
      // And both say what the bytes are.
      var quotes = [UInt64](repeating: 0, count: (n + 63) / 64)
      var want: UInt32 = 0
      for (k, c) in bytes.enumerated() {
        if c == 34 { quotes[k / 64] |= 1 << UInt64(k % 64) }
        if c == 92 { want |= UInt32(KRAV_LINE_BACKSLASH) }
        if c < 0x20 { want |= UInt32(KRAV_LINE_CONTROL) }
        if c >= 0x80 { want |= UInt32(KRAV_LINE_NON_ASCII) }
      }
      #expect(slow == quotes && expected == want, "length \(n)")
    }
  }

  @Test(
    "short ASCII strings built from bits are the standard library's own, longer ones are not built")
  func smallStringsFromBits() {
    // The layout is checked once at run time (a different one turns the shortcut off); on the
    // platforms Krav is built for it must be on, or the decoder silently got slower.
    #expect(JSONScanner.smallStringsFromBits)
    let letters = Array("abcXYZ019:@-_ .{}~".utf8)
    var seed: UInt64 = 7
    for n in 0...20 {
      for _ in 0..<50 {
        var bytes: [UInt8] = (0..<n).map { _ in
          seed = seed &* 6_364_136_223_846_793_005 &+ 1
          return letters[Int(seed >> 59) % letters.count]
        }
        bytes += [34, 0xff, 0xfe, 34] + [UInt8](repeating: 0x80, count: 16)  // what follows
        let built = bytes.withUnsafeBufferPointer { JSONScanner.smallASCII($0, 0, n) }
        let official = String(decoding: bytes[0..<n], as: UTF8.self)
        if n > 15 {
          #expect(built == nil)
          continue
        }
        #expect(built == official)
        #expect(built.map { Set([$0, official]).count } == 1)  // same hash
        #expect(built.map { $0 + "/" } == official + "/")
      }
    }
    let nonASCII = Array("Ås".utf8) + [UInt8](repeating: 0, count: 16)
    #expect(nonASCII.withUnsafeBufferPointer { JSONScanner.smallASCII($0, 0, 3) } == nil)
  }

  @Test("the classified scan and the byte-by-byte scan agree on every line, good or bad")
  func scansAgree() throws {
    var random = LineMutator(seed: 0x0dd_ba11)
    var e = Self.fullEvent()
    e.text = "note æøå"
    e.kid = "1234567890123456"
    e.extra = ["x": "[1,{\"y\":null}]"]
    let valid = Array(try JournalLine.encode(e, prev: 3).dropLast())
    let long = { () -> [UInt8] in
      var l = e
      l.text = String(repeating: "lang tekst ", count: 120)
      return Array(try! JournalLine.encode(l, prev: 3).dropLast())
    }()
    let tokens: [[UInt8]] = [" ", "\t", "\"", "\\", ":", ",", "{", "é", "0"].map { Array($0.utf8) }
    var lines = [valid, long]
    for _ in 0..<(Fixtures.long ? 50_000 : 5_000) {
      let body = random.mutate(
        Array(valid.dropLast(LineDecoder.crcSuffixLength)), tokens: tokens, most: 3, cut: false)
      lines.append(body + Array(#","crc":""#.utf8) + CRC32C.hex(CRC32C.checksum(body)) + [34, 125])
    }
    var fastParsed = 0
    for line in lines {
      var viaDecode = DecodedLine(event: LineDecoder.blank, prev: 0, crc: 0, atKey: 0)
      var viaBytes = viaDecode
      let (problem, general) = line.withUnsafeBufferPointer { p in
        (
          LineDecoder.decode(p, into: &viaDecode, dropText: 0),
          LineDecoder.decode(p, into: &viaBytes, dropText: 0, classify: false)
        )
      }
      #expect(problem == general, "\(String(decoding: line, as: UTF8.self))")
      if problem == nil {
        fastParsed += 1
        #expect(viaDecode.event == viaBytes.event && viaDecode.prev == viaBytes.prev)
        #expect(viaDecode.atKey == viaBytes.atKey)
      }
    }
    #expect(fastParsed > 100)
  }

  @Test("a line's id is found canonical while parsing exactly when IdRegistry says it is")
  func canonicalWhileParsing() throws {
    let writer = "kari@pc1"
    let cases: [(String, Int)] = [
      ("kari@pc1:123", 123), ("kari@pc1:124", 123), ("kari@pc2:123", 123), ("kari@pc:123", 123),
      ("kari@pc11:123", 123), ("kari@pc1:0123", 123), ("kari@pc1:", 123), ("kari@pc1:12a", 123),
      ("kari@pc1123", 123), ("xkari@pc1:123", 123), ("kari@pc1:1", 1),
      ("kari@pc1:999999999999999999", 999_999_999_999_999_999),
      ("kari@pc1:1000000000000000000", 1_000_000_000_000_000_000), ("kari@pc1:7", 70),
    ]
    for (id, seq) in cases {
      var e = Self.fullEvent()
      e.id = id
      e.seq = seq
      let line = try JournalLine.encode(e, prev: 0).dropLast()
      var slot = DecodedLine(event: LineDecoder.blank, prev: 0, crc: 0, atKey: 0)
      for classify in [true, false] {
        let problem = Array(line).withUnsafeBufferPointer { p in
          Array(writer.utf8).withUnsafeBufferPointer {
            LineDecoder.decode(p, into: &slot, classify: classify, writer: $0)
          }
        }
        #expect(problem == nil)
        // Ids of 19 digits are left to the merge's general check (never a wrong "yes").
        let expected =
          IdRegistry.isCanonical(id, writer: writer, seq: seq) && String(seq).count <= 18
        #expect(slot.canonicalId == expected, "\(id) at seq \(seq)")
      }
    }
  }
}

/// Random changes to line bodies for the fuzz tests, from a xorshift generator so that every
/// run makes the same lines.
struct LineMutator {
  var seed: UInt64

  /// The next number, 0 to 2^31 - 1.
  mutating func next() -> Int {
    seed ^= seed << 13
    seed ^= seed >> 7
    seed ^= seed << 17
    return Int(truncatingIfNeeded: seed & 0x7fff_ffff)
  }

  /// `body` with 1 to `most` changes at random places: a byte replaced, a byte removed, one of
  /// `tokens` inserted or, when `cut`, the rest cut off.
  mutating func mutate(_ body: [UInt8], tokens: [[UInt8]], most: Int, cut: Bool) -> [UInt8] {
    var body = body
    for _ in 0..<(1 + next() % most) {
      let at = next() % (body.count + 1)
      switch next() % (cut ? 4 : 3) {
      case 0: if at < body.count { body[at] = UInt8(next() % 256) }
      case 1: if at < body.count { body.remove(at: at) }
      case 2: body.insert(contentsOf: tokens[next() % tokens.count], at: at)
      default: body = Array(body[0..<at])
      }
    }
    return body
  }
}
