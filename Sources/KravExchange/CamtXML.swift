import Foundation

/// A small streaming XML reader for camt.054 (issue 16, point 9): one forward pass over the
/// bytes, reporting start tags, text and end tags to a `CamtXMLHandler`.
///
/// It replaces FoundationXML's `XMLParser`, which on Linux refused files over about 10 MB as
/// "not well-formed XML" (libxml2's size limit without `XML_PARSE_HUGE`, which `XMLParser` has
/// no public option for). It reads the XML that camt.054 uses and refuses everything else as
/// not well-formed, naming the line:
///
/// - **No DTD, so no entities.** A `<!DOCTYPE` is refused outright, wherever it stands; the
///   only entity references read are XML's five (`&lt;` `&gt;` `&amp;` `&apos;` `&quot;`) and
///   character references (`&#233;`, `&#xE9;`). Any other `&name;` is refused, so neither
///   external entities (XXE: file or network reads) nor entity-expansion bombs ("billion
///   laughs") can do anything: nothing is ever fetched or expanded.
/// - Elements must nest and close by the same name; one root element; nothing but comments,
///   processing instructions and white space around it. Attributes are `name="value"` or
///   `name='value'`, without `<` in the value.
/// - Comments, processing instructions (the `<?xml …?>` declaration) and CDATA sections are
///   read; namespace prefixes are dropped from element names (every camt.054 version reads
///   alike). The bytes are UTF-8 (checked before this runs); the declared encoding is ignored.
/// - Nesting deeper than `maximumDepth` is refused.
///
/// Memory: the element path and the current element's text, nothing per element read.
struct CamtXML {
  /// Why the bytes are refused, and on which line.
  struct Failure: Error {
    var line: Int
    var message: String
  }

  static let maximumDepth = 256
  static let notWellFormed = "not well-formed XML"

  /// Reads `bytes`, calling `handler` for every element; throws on the first problem.
  static func scan(_ bytes: [UInt8], into handler: any CamtXMLHandler) throws(Failure) {
    var error: Failure? = nil
    bytes.withUnsafeBufferPointer { buffer in
      var reader = Reader(b: buffer, handler: handler)
      do throws(Failure) { try reader.document() } catch let e { error = e }
    }
    if let error { throw error }
  }

  /// Not generic over the handler: the debug build (the tests) paid for generic metadata on
  /// every call.
  private struct Reader {
    let b: UnsafeBufferPointer<UInt8>
    let handler: any CamtXMLHandler
    var i = 0
    var line = 1
    /// Qualified names of the open elements (to check that each end tag matches).
    var open: [Range<Int>] = []
    var text: [UInt8] = []
    var sawRoot = false

    init(b: UnsafeBufferPointer<UInt8>, handler: any CamtXMLHandler) {
      self.b = b
      self.handler = handler
      text.reserveCapacity(256)
    }

    func fail(_ message: String = CamtXML.notWellFormed) -> Failure {
      Failure(line: line, message: message)
    }

    /// Whether the bytes at `i` are `s`.
    func looking(at s: StaticString) -> Bool {
      let n = s.utf8CodeUnitCount
      guard i + n <= b.count else { return false }
      let p = s.utf8Start
      for k in 0..<n where b[i + k] != p[k] { return false }
      return true
    }

    /// Moves past `end`, counting lines; fails if the file ends first.
    mutating func skip(past end: StaticString) throws(Failure) {
      while i < b.count {
        if looking(at: end) {
          i += end.utf8CodeUnitCount
          return
        }
        if b[i] == 0x0A { line += 1 }
        i += 1
      }
      throw fail()
    }

    static func isSpace(_ c: UInt8) -> Bool { c == 0x20 || c == 0x0A || c == 0x09 || c == 0x0D }

    mutating func skipSpace() {
      while i < b.count, Self.isSpace(b[i]) {
        if b[i] == 0x0A { line += 1 }
        i += 1
      }
    }

    /// A name: up to white space, `/`, `>`, `=` or a quote.
    mutating func name() throws(Failure) -> Range<Int> {
      let start = i
      while i < b.count {
        let c = b[i]
        if Self.isSpace(c) || c == 0x2F || c == 0x3E || c == 0x3D || c == 0x3C || c == 0x22
          || c == 0x27 || c == 0x26
        {
          break
        }
        i += 1
      }
      guard i > start else { throw fail() }
      let first = b[start]
      // Names do not start with a digit, `-`, `.` or `:`.
      if (first >= 0x30 && first <= 0x39) || first == 0x2D || first == 0x2E || first == 0x3A {
        throw fail()
      }
      return start..<i
    }

    mutating func document() throws(Failure) {
      if looking(at: "\u{FEFF}") { i += 3 }
      while i < b.count {
        if b[i] == 0x3C {
          try markup()
        } else {
          try characters()
        }
      }
      guard open.isEmpty, sawRoot else { throw fail() }
    }

    /// Text up to the next `<`, with its references replaced.
    mutating func characters() throws(Failure) {
      while i < b.count {
        let c = b[i]
        if c == 0x3C { return }
        if open.isEmpty {
          // Outside the root element only white space.
          guard Self.isSpace(c) else { throw fail() }
          if c == 0x0A { line += 1 }
          i += 1
          continue
        }
        if c == 0x26 {
          Self.append(try reference(), to: &text)
          continue
        }
        if c == 0x0A { line += 1 }
        text.append(c)
        i += 1
      }
    }

    static func append(_ scalar: Unicode.Scalar, to out: inout [UInt8]) {
      if scalar.isASCII {
        out.append(UInt8(scalar.value))
      } else {
        out.append(contentsOf: String(Character(scalar)).utf8)
      }
    }

    /// `&…;` at `i`: XML's five and character references; nothing else.
    mutating func reference() throws(Failure) -> Unicode.Scalar {
      var end = i + 1
      while end < b.count, end - i < 12, b[end] != 0x3B { end += 1 }
      guard end < b.count, b[end] == 0x3B else { throw fail() }
      let body = b[(i + 1)..<end]
      let named: [(StaticString, UInt8)] = [
        ("lt", 0x3C), ("gt", 0x3E), ("amp", 0x26), ("apos", 0x27), ("quot", 0x22),
      ]
      for (n, v) in named
      where body.elementsEqual(UnsafeBufferPointer(start: n.utf8Start, count: n.utf8CodeUnitCount))
      {
        i = end + 1
        return Unicode.Scalar(v)
      }
      if body.first == 0x23 {
        var value: UInt32 = 0
        var digits = body.dropFirst()
        let hex = digits.first == 0x78
        if hex { digits = digits.dropFirst() }
        guard !digits.isEmpty, digits.count <= 8 else { throw fail() }
        for d in digits {
          let v: UInt32
          switch d {
          case 0x30...0x39: v = UInt32(d - 0x30)
          case 0x61...0x66 where hex: v = UInt32(d - 0x61 + 10)
          case 0x41...0x46 where hex: v = UInt32(d - 0x41 + 10)
          default: throw fail()
          }
          value = value * (hex ? 16 : 10) + v
        }
        // XML's characters: tab, newline, carriage return and U+0020 on (no surrogates).
        guard value == 0x9 || value == 0xA || value == 0xD || value >= 0x20,
          let scalar = Unicode.Scalar(value), value != 0xFFFE, value != 0xFFFF
        else { throw fail() }
        i = end + 1
        return scalar
      }
      let name = String(decoding: body, as: UTF8.self)
      throw fail(
        "the entity reference &\(name); is not allowed (a camt.054 file declares no entities;"
          + " only &lt; &gt; &amp; &apos; &quot; and character references are read)")
    }

    mutating func markup() throws(Failure) {
      if looking(at: "<!--") {
        i += 4
        try skip(past: "-->")
      } else if looking(at: "<![CDATA[") {
        guard !open.isEmpty else { throw fail() }
        i += 9
        while i < b.count, !looking(at: "]]>") {
          if b[i] == 0x0A { line += 1 }
          text.append(b[i])
          i += 1
        }
        guard i < b.count else { throw fail() }
        i += 3
      } else if looking(at: "<!") {
        if looking(at: "<!DOCTYPE") {
          throw fail(
            "a DOCTYPE is not allowed (camt.054 files have none; refused so that no entity can"
              + " be declared or fetched)")
        }
        throw fail()
      } else if looking(at: "<?") {
        // `<?xml …?>` only at the very start; other processing instructions are skipped.
        let isDeclaration =
          looking(at: "<?xml ") || looking(at: "<?xml?") || looking(at: "<?xml\n")
          || looking(at: "<?xml\t") || looking(at: "<?xml\r")
        if isDeclaration && i != 0 && !(i == 3 && b[0] == 0xEF) { throw fail() }
        i += 2
        try skip(past: "?>")
      } else if i + 1 < b.count, b[i + 1] == 0x2F {
        try endTag()
      } else {
        try startTag()
      }
    }

    mutating func startTag() throws(Failure) {
      guard !sawRoot || !open.isEmpty else { throw fail() }
      guard open.count < CamtXML.maximumDepth else {
        throw fail("elements nested more than \(CamtXML.maximumDepth) deep")
      }
      i += 1
      let qualified = try name()
      var currency: String? = nil
      var seen: [Range<Int>] = []
      while true {
        let before = i
        skipSpace()
        guard i < b.count else { throw fail() }
        if b[i] == 0x3E || b[i] == 0x2F { break }
        // Attributes are separated from the name and each other by white space.
        guard i > before else { throw fail() }
        let attribute = try name()
        guard !seen.contains(where: { same($0, attribute) }) else { throw fail() }
        seen.append(attribute)
        skipSpace()
        guard i < b.count, b[i] == 0x3D else { throw fail() }
        i += 1
        skipSpace()
        guard i < b.count, b[i] == 0x22 || b[i] == 0x27 else { throw fail() }
        let quote = b[i]
        i += 1
        var value: [UInt8] = []
        while i < b.count, b[i] != quote {
          let c = b[i]
          if c == 0x3C { throw fail() }
          if c == 0x26 {
            Self.append(try reference(), to: &value)
            continue
          }
          if c == 0x0A { line += 1 }
          value.append(c)
          i += 1
        }
        guard i < b.count else { throw fail() }
        i += 1
        if b[attribute].elementsEqual("Ccy".utf8) {
          currency = String(decoding: value, as: UTF8.self)
        }
      }
      let selfClosing = b[i] == 0x2F
      if selfClosing {
        guard i + 1 < b.count, b[i + 1] == 0x3E else { throw fail() }
        i += 2
      } else {
        i += 1
      }
      sawRoot = true
      open.append(qualified)
      text.removeAll(keepingCapacity: true)
      handler.start(local(qualified), currency: currency, line: line)
      if selfClosing { close() }
    }

    mutating func endTag() throws(Failure) {
      i += 2
      let qualified = try name()
      skipSpace()
      guard i < b.count, b[i] == 0x3E, let last = open.last, same(last, qualified) else {
        throw fail()
      }
      i += 1
      close()
    }

    /// Ends the innermost element, handing over its text trimmed.
    mutating func close() {
      var lo = 0
      var hi = text.count
      while lo < hi, Self.isSpace(text[lo]) { lo += 1 }
      while hi > lo, Self.isSpace(text[hi - 1]) { hi -= 1 }
      var value = lo == hi ? "" : String(decoding: text[lo..<hi], as: UTF8.self)
      // Non-ASCII white space at either end (a no-break space) goes too, as before.
      if let f = value.unicodeScalars.first, let l = value.unicodeScalars.last,
        !f.isASCII || !l.isASCII
      {
        value = value.trimmingCharacters(in: .whitespacesAndNewlines)
      }
      open.removeLast()
      text.removeAll(keepingCapacity: true)
      handler.end(value)
    }

    /// Whether two names in the bytes are the same.
    func same(_ x: Range<Int>, _ y: Range<Int>) -> Bool {
      x.count == y.count && b[x].elementsEqual(b[y])
    }

    /// The name without its namespace prefix.
    func local(_ qualified: Range<Int>) -> String {
      var start = qualified.lowerBound
      for k in qualified where b[k] == 0x3A { start = k + 1 }
      return String(decoding: b[start..<qualified.upperBound], as: UTF8.self)
    }
  }
}

/// What `CamtXML.scan` reports.
protocol CamtXMLHandler: AnyObject {
  /// A start tag (local name, its `Ccy` attribute), on the line where the tag ends.
  func start(_ name: String, currency: String?, line: Int)
  /// The end of the innermost element, with its own text, trimmed.
  func end(_ text: String)
}
