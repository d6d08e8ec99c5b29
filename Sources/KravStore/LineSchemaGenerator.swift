import KravCore

/// Writes `LineSchema+Generated.swift` from `EventSchema.fields`: the key numbers, spellings,
/// lookup switch, field assignment and encoder order of the line codec. `SchemaTests` compares
/// its output with the file in the source tree (and rewrites it when run with
/// `KRAV_REGENERATE_SCHEMA=1`), so the file can never fall behind the table unnoticed.
enum LineSchemaGenerator {
  /// Why the table cannot be turned into a line codec.
  struct Problem: Error, CustomStringConvertible {
    var description: String
  }

  /// How each header key is read and written (they are not `Event` body properties).
  static let headerDispatch: [String: String] = [
    "id": "text", "at": "text", "by": "text", "type": "type", "seq": "integer", "v": "integer",
    "prev": "prev",
  ]

  /// The Swift identifier of a key's number (`Key.birthNumber` for `birth_number`).
  static func constant(_ f: EventSchema.Field) -> String { f.property }

  /// The source text of the generated file; throws if the table breaks a rule of the format.
  static func source(_ fields: [EventSchema.Field] = EventSchema.fields) throws -> String {
    guard fields.count <= EventSchema.maxKeys else {
      throw Problem(description: "\(fields.count) keys: the key bitsets hold at most 64")
    }
    let sorted = fields.sorted { $0.key.utf8.lexicographicallyPrecedes($1.key.utf8) }
    var seen = Set<String>()
    for f in sorted {
      guard seen.insert(f.key).inserted else { throw Problem(description: "key \(f.key) twice") }
      guard !f.key.isEmpty, f.key != "crc",
        f.key.utf8.allSatisfy({ $0 > 32 && $0 < 127 && $0 != 34 && $0 != 92 })
      else { throw Problem(description: "key \(f.key) cannot be a schema key") }
      if case .header = f.kind, headerDispatch[f.key] == nil {
        throw Problem(description: "header key \(f.key) has no codec")
      }
    }
    for h in headerDispatch.keys where !fields.contains(where: { $0.key == h }) {
      throw Problem(description: "header key \(h) missing")
    }
    var o = """
      // GENERATED from KravCore's `EventSchema.fields` by `LineSchemaGenerator`: do not edit.
      // Regenerate with `KRAV_REGENERATE_SCHEMA=1 swift test --filter SchemaTests`.
      // swift-format-ignore-file
      import KravCore

      extension Key {

      """
    o +=
      "  // Key numbers in bytewise key order (plain literals, so switches on them are constant).\n"
    for (i, f) in sorted.enumerated() { o += "  static let \(constant(f)) = \(i)\n" }
    o += "  /// How many keys the schema has (at most `EventSchema.maxKeys`).\n"
    o += "  static let count = \(sorted.count)\n"
    o += "  /// The keys in bytewise order, by number.\n"
    o += "  static let names: [String] = [\n"
    for f in sorted { o += "    \"\(f.key)\",\n" }
    o += "  ]\n"
    let header = sorted.filter { if case .header = $0.kind { true } else { false } }
    o += "  /// Keys every line must have.\n"
    o += "  static let header = [\(header.map(constant).joined(separator: ", "))]\n"
    let mask = header.reduce(UInt64(0)) { m, f in
      m | 1 << UInt64(sorted.firstIndex { $0.key == f.key }!)
    }
    o += "  static let headerMask: UInt64 = 0x\(String(mask, radix: 16))\n\n"
    o +=
      "  /// The spelling of key `k` as a compile-time constant (no lazy global on the hot path).\n"
    o += "  @inline(__always)\n  static func spelling(_ k: Int) -> StaticString {\n    switch k {\n"
    for f in sorted.dropLast() { o += "    case \(constant(f)): return \"\(f.key)\"\n" }
    o += "    default: return \"\(sorted.last!.key)\"\n    }\n  }\n\n"
    o += "  /// How the value of key `k` is scanned.\n"
    o += "  @inline(__always)\n  static func dispatch(_ k: Int) -> Dispatch {\n    switch k {\n"
    for f in sorted {
      let d: String
      switch f.kind {
      case .text: d = "text"
      case .day: d = "day"
      case .integer: d = "integer"
      case .header: d = headerDispatch[f.key]!
      }
      o += "    case \(constant(f)): return .\(d)\n"
    }
    o += "    default: return .text\n    }\n  }\n}\n\n"

    o += "extension LineDecoder {\n"
    func setter(_ name: String, _ type: String, _ pick: (EventSchema.Kind) -> Bool) {
      o += "  @inline(__always)\n"
      o += "  static func \(name)(_ key: Int, _ value: consuming \(type)?, _ e: inout Event) {\n"
      o += "    switch key {\n"
      for f in sorted where pick(f.kind) {
        o += "    case Key.\(constant(f)): e.\(f.property) = value\n"
      }
      o += "    default: break\n    }\n  }\n\n"
    }
    o += "  /// Sets the body field of key `key` that holds a string (other keys: nothing).\n"
    setter("setText", "String") { if case .text = $0 { true } else { false } }
    o += "  /// Sets the body field of key `key` that holds a day (other keys: nothing).\n"
    setter("setDay", "Day") { if case .day = $0 { true } else { false } }
    o += "  /// Sets the body field of key `key` that holds an integer (other keys: nothing).\n"
    setter("setInteger", "Int64") { if case .integer = $0 { true } else { false } }
    o += "  /// Sets to nil the body fields of `e` whose keys are in `keys`, and empties `extra`.\n"
    o += "  static func clear(_ e: inout Event, keys: UInt64) {\n"
    o += "    var rest = keys & ~Key.headerMask\n    while rest != 0 {\n"
    o += "      let key = rest.trailingZeroBitCount\n      rest &= rest - 1\n      switch key {\n"
    for f in sorted {
      if case .header = f.kind { continue }
      o += "      case Key.\(constant(f)): e.\(f.property) = nil\n"
    }
    o += "      default: break\n      }\n    }\n    if !e.extra.isEmpty { e.extra = [:] }\n  }\n\n"

    o += """
        /// The index of a known key spelled without escapes, or -1: a switch on length and bytes
        /// picks the one candidate, and a comparison confirms it.
        @inline(__always)
        static func keyIndex(_ p: UnsafeBufferPointer<UInt8>, _ s: Int, _ e: Int) -> Int {
          let n = e - s
          guard n > 0 else { return -1 }
          let candidate: Int
          switch n {

      """
    let byLength = Dictionary(grouping: sorted) { $0.key.utf8.count }
    for n in byLength.keys.sorted() {
      o += "    case \(n):\n"
      o += choose(byLength[n]!, at: 0, indent: "      ")
    }
    o += """
          default: return -1
          }
          let spelling = Key.spelling(candidate)
          guard spelling.utf8CodeUnitCount == n else { return -1 }
          // Inline rather than `memcmp`: keys are short, and a call per key of every line cost
          // more than the comparison.
          let want = spelling.utf8Start
          let have = p.baseAddress! + s
          for i in 0..<n where want[i] != have[i] { return -1 }
          return candidate
        }
      }


      """

    o += "extension LineEncoder {\n"
    o += "  /// The known keys of `e` (and `prev`) in bytewise order, as key and value bytes.\n"
    o += "  static func knownFields(\n"
    o += "    _ e: Event, prev: UInt32, into fields: inout [(key: String, value: [UInt8])]\n  ) {\n"
    for f in sorted {
      let k = "\"\(f.key)\""
      switch f.kind {
      case .text: o += "    if let v = e.\(f.property) { fields.append((\(k), quoted(v))) }\n"
      case .day: o += "    if let v = e.\(f.property) { fields.append((\(k), quoted(v.iso))) }\n"
      case .integer:
        o += "    if let v = e.\(f.property) { fields.append((\(k), Array(String(v).utf8))) }\n"
      case .header:
        switch headerDispatch[f.key]! {
        case "text": o += "    fields.append((\(k), quoted(e.\(f.property))))\n"
        case "type": o += "    fields.append((\(k), quoted(e.type.rawValue)))\n"
        case "integer": o += "    fields.append((\(k), Array(String(e.\(f.property)).utf8)))\n"
        default: o += "    fields.append((\(k), [34] + CRC32C.hex(prev) + [34]))\n"
        }
      }
    }
    o += "  }\n}\n"
    return o
  }

  /// A switch on the byte at `position` of the keys `group` (all of one length) that leaves
  /// the one candidate in `candidate`, or returns -1.
  static func choose(_ group: [EventSchema.Field], at position: Int, indent: String) -> String {
    if group.count == 1 { return "\(indent)candidate = Key.\(constant(group[0]))\n" }
    // The first position (from `position`) where the keys differ.
    var i = position
    while Set(group.map { Array($0.key.utf8)[i] }).count == 1 { i += 1 }
    let byByte = Dictionary(grouping: group) { Array($0.key.utf8)[i] }
    var o = "\(indent)switch p[s + \(i)] {\n"
    for b in byByte.keys.sorted() {
      o += "\(indent)case \(b):  // \(Character(Unicode.Scalar(b)))\n"
      o += choose(byByte[b]!, at: i + 1, indent: indent + "  ")
    }
    o += "\(indent)default: return -1\n\(indent)}\n"
    return o
  }
}
