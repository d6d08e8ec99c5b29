import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// JSON text for the command line's `--json` output: the values `Output` builds (dictionaries,
/// arrays, strings, integers, booleans, `NSNull`), keys sorted by their UTF-8 bytes, pretty
/// printed with two-space indents.
///
/// Foundation's `JSONSerialization` with `.sortedKeys` compares keys with a locale-aware string
/// comparison and bridges every dictionary: `krav queue --json` on 200 000 claims took 25 s and
/// 1.4 GB, of which 85 % was the writer. This one writes the same shapes in a single pass.
enum JSONText {
  /// The UTF-8 bytes of `value` as JSON; a value of another type is a programming error.
  static func encode(_ value: Any) -> [UInt8] {
    var out: [UInt8] = []
    out.reserveCapacity(4096)
    write(value, indent: 0, into: &out)
    return out
  }

  /// Writes a JSON array of `items` to `fd` element by element, each built by `element` only
  /// when it is written: a 200 000-row queue never exists as one tree of dictionaries.
  static func streamArray<S: Sequence>(
    _ items: S, to fd: Int32, _ element: (S.Element) -> Any
  ) {
    var stream = ArrayStream(fd: fd)
    for item in items { stream.append(element(item)) }
    stream.finish()
  }

  /// An array whose elements are built one at a time as `streamObject` writes them.
  struct LazyArray {
    let count: Int
    let element: (Int) -> Any
  }

  /// Writes the object `fields` to `fd` as `encode` would, except that values that are
  /// `LazyArray`s are written element by element (built, written, dropped), 64 KiB at a time:
  /// `krav step next --all-eligible --json` on a large store plans tens of thousands of letters.
  static func streamObject(_ fields: [String: Any], to fd: Int32) {
    var out = FDWriter(fd: fd)
    out.bytes.append(UInt8(ascii: "{"))
    let keys = fields.keys.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
    for (n, key) in keys.enumerated() {
      if n > 0 { out.bytes.append(UInt8(ascii: ",")) }
      newline(2, into: &out.bytes)
      string(key, into: &out.bytes)
      out.bytes += Array(" : ".utf8)
      let value = fields[key]!
      guard type(of: value) == LazyArray.self else {
        write(value, indent: 2, into: &out.bytes)
        continue
      }
      let lazy = value as! LazyArray
      var elements = Elements(indent: 2, into: &out)
      for i in 0..<lazy.count { elements.append(lazy.element(i), into: &out) }
      elements.close(into: &out)
    }
    newline(0, into: &out.bytes)
    out.bytes.append(UInt8(ascii: "}"))
    out.bytes.append(10)
    out.flush()
  }

  /// A JSON array written to a file descriptor as its elements come (`append`), in the same
  /// form `encode` gives a whole array; `finish` closes it.
  struct ArrayStream {
    private var out: FDWriter
    private var elements: Elements

    init(fd: Int32) {
      out = FDWriter(fd: fd)
      elements = Elements(indent: 0, into: &out)
    }

    mutating func append(_ element: Any) { elements.append(element, into: &out) }

    mutating func finish() {
      elements.close(into: &out)
      out.bytes.append(10)
      out.flush()
    }
  }

  /// The elements of an array at `indent` written one by one (`[`, commas, one element a line,
  /// `]`, or `[]` for none), flushed 64 KiB at a time: what `ArrayStream` and the lazy arrays of
  /// `streamObject` share.
  private struct Elements {
    let indent: Int
    private var first = true

    init(indent: Int, into out: inout FDWriter) {
      self.indent = indent
      out.bytes.append(UInt8(ascii: "["))
    }

    mutating func append(_ element: Any, into out: inout FDWriter) {
      if !first { out.bytes.append(UInt8(ascii: ",")) }
      first = false
      JSONText.newline(indent + 2, into: &out.bytes)
      JSONText.write(element, indent: indent + 2, into: &out.bytes)
      out.flushIfFull()
    }

    func close(into out: inout FDWriter) {
      if !first { JSONText.newline(indent, into: &out.bytes) }
      out.bytes.append(UInt8(ascii: "]"))
    }
  }

  fileprivate static func write(_ value: Any, indent: Int, into out: inout [UInt8]) {
    // Exact types first: with Foundation loaded a cast such as `as? Bool` may bridge through
    // NSNumber and turn a 1 into `true`.
    let t = type(of: value)
    if t == Bool.self { return out += Array(((value as! Bool) ? "true" : "false").utf8) }
    if t == Int.self { return out += Array(String(value as! Int).utf8) }
    if t == Int64.self { return out += Array(String(value as! Int64).utf8) }
    if t == Int32.self { return out += Array(String(value as! Int32).utf8) }
    if t == String.self { return string(value as! String, into: &out) }
    if t == [String: Any].self { return object(value as! [String: Any], indent: indent, into: &out) }
    if t == NSNull.self { return out += Array("null".utf8) }
    // Then the general casts (typed arrays such as `[[String: Any]]`); a cast that does not
    // match may try bridging to Foundation classes, which is slow, so these come last.
    switch value {
    case let o as [String: Any]: object(o, indent: indent, into: &out)
    case let a as [Any]: array(a, indent: indent, into: &out)
    case let s as String: string(s, into: &out)
    default:
      let m = Mirror(reflecting: value)
      if m.displayStyle == .optional {
        // An Optional inside `Any`: its value, or null.
        if let wrapped = m.children.first?.value {
          write(wrapped, indent: indent, into: &out)
        } else {
          out += Array("null".utf8)
        }
      } else {
        preconditionFailure("no JSON form for \(t)")
      }
    }
  }

  fileprivate static func newline(_ indent: Int, into out: inout [UInt8]) {
    out.append(10)
    out += repeatElement(UInt8(ascii: " "), count: indent)
  }

  private static func object(_ o: [String: Any], indent: Int, into out: inout [UInt8]) {
    guard !o.isEmpty else { return out += Array("{}".utf8) }
    out.append(UInt8(ascii: "{"))
    let keys = o.keys.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
    for (n, key) in keys.enumerated() {
      if n > 0 { out.append(UInt8(ascii: ",")) }
      newline(indent + 2, into: &out)
      string(key, into: &out)
      out += Array(" : ".utf8)
      write(o[key]!, indent: indent + 2, into: &out)
    }
    newline(indent, into: &out)
    out.append(UInt8(ascii: "}"))
  }

  private static func array(_ a: [Any], indent: Int, into out: inout [UInt8]) {
    guard !a.isEmpty else { return out += Array("[]".utf8) }
    out.append(UInt8(ascii: "["))
    for (n, v) in a.enumerated() {
      if n > 0 { out.append(UInt8(ascii: ",")) }
      newline(indent + 2, into: &out)
      write(v, indent: indent + 2, into: &out)
    }
    newline(indent, into: &out)
    out.append(UInt8(ascii: "]"))
  }

  /// A JSON string: quote, backslash and control characters escaped, everything else (æøå
  /// included, and `/`) as its UTF-8 bytes.
  static func string(_ s: String, into out: inout [UInt8]) {
    out.append(UInt8(ascii: "\""))
    for b in s.utf8 {
      switch b {
      case UInt8(ascii: "\""): out += Array("\\\"".utf8)
      case UInt8(ascii: "\\"): out += Array("\\\\".utf8)
      case 10: out += Array("\\n".utf8)
      case 13: out += Array("\\r".utf8)
      case 9: out += Array("\\t".utf8)
      case 0..<32:
        let hex = Array("0123456789abcdef".utf8)
        out += Array("\\u00".utf8)
        out.append(hex[Int(b >> 4)])
        out.append(hex[Int(b & 15)])
      default: out.append(b)
      }
    }
    out.append(UInt8(ascii: "\""))
  }
}

/// Bytes gathered and written to a file descriptor 64 KiB at a time (long command output).
struct FDWriter {
  let fd: Int32
  var bytes: [UInt8] = []

  init(fd: Int32) {
    self.fd = fd
    bytes.reserveCapacity(1 << 16 + 4096)
  }

  /// Writes the gathered bytes once there are 64 KiB of them.
  mutating func flushIfFull() {
    if bytes.count >= 1 << 16 { flush() }
  }

  /// Writes the gathered bytes (retrying short writes and EINTR) and empties the buffer.
  mutating func flush() {
    bytes.withUnsafeBytes { raw in
      var done = 0
      while done < raw.count {
        let n = Glibc.write(fd, raw.baseAddress! + done, raw.count - done)
        if n <= 0 { if n < 0 && errno == EINTR { continue } else { return } }
        done += n
      }
    }
    bytes.removeAll(keepingCapacity: true)
  }
}
