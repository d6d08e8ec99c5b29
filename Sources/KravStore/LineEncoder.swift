import KravCore

/// Writes events as journal lines: sorted keys, `crc` last, `\n` at the end.
///
/// The exact bytes matter because the `crc` covers them; see Docs/store-format.md.
enum LineEncoder {
  /// Keys the schema knows, in bytewise order; `crc` is not among them (it is always last).
  static let knownKeys: [String] = Key.names

  /// Appends the line for `event` (chained to `prev`) to `out`; returns the line's crc.
  ///
  /// Throws `StoreError.invalidEvent` naming the field when the event could not be read back:
  /// a malformed `at`, an empty header field, or an `extra` entry that is not valid JSON.
  static func encode(_ e: Event, prev: UInt32, into out: inout [UInt8]) throws -> UInt32 {
    try validate(e)
    let start = out.count
    var fields: [(key: String, value: [UInt8])] = []
    fields.reserveCapacity(12 + e.extra.count)
    // Known keys in sorted order (generated from `EventSchema`); extra keys are merged in
    // below when present.
    knownFields(e, prev: prev, into: &fields)
    if !e.extra.isEmpty {
      for (k, v) in e.extra { fields.append((k, Array(v.utf8))) }
      fields.sort { $0.key.utf8.lexicographicallyPrecedes($1.key.utf8) }
    }
    out.append(123)  // {
    for (i, f) in fields.enumerated() {
      if i > 0 { out.append(44) }  // ,
      out += quoted(f.key)
      out.append(58)  // :
      out += f.value
    }
    let crc = out.withUnsafeBytes {
      CRC32C.checksum(UnsafeRawBufferPointer(rebasing: $0[start...]))
    }
    out += Array(#","crc":""#.utf8)
    out += CRC32C.hex(crc)
    out += [34, 125, 10]  // "}\n
    return crc
  }

  /// Checks what the reader will insist on, so a line that cannot be read is never written.
  static func validate(_ e: Event) throws {
    if e.id.isEmpty { throw StoreError.invalidEvent("field id is empty") }
    if e.by.isEmpty { throw StoreError.invalidEvent("field by is empty") }
    if e.type.rawValue.isEmpty { throw StoreError.invalidEvent("field type is empty") }
    if e.seq < 1 { throw StoreError.invalidEvent("field seq is below 1") }
    if Timestamp.milliseconds(e.at) == nil {
      throw StoreError.invalidEvent("field at is not YYYY-MM-DDTHH:MM:SS with an offset")
    }
    for (key, value) in e.extra {
      if key == "crc" || knownKeys.contains(key) {
        throw StoreError.invalidEvent("extra key \(key) collides with a schema key")
      }
      if !JSONScanner.isValidValue(Array(value.utf8)) {
        throw StoreError.invalidEvent("extra value of \(key) is not valid JSON")
      }
    }
  }

  /// A JSON string literal: `"` and `\` escaped, control characters as `\n`, `\t`, `\u00XX`;
  /// everything else (æøå included) as raw UTF-8.
  static func quoted(_ s: String) -> [UInt8] {
    var out: [UInt8] = [34]
    out.reserveCapacity(s.utf8.count + 2)
    for c in s.utf8 {
      switch c {
      case 34: out += [92, 34]
      case 92: out += [92, 92]
      case 10: out += [92, 110]
      case 13: out += [92, 114]
      case 9: out += [92, 116]
      case 0..<32:
        let hex = Array("0123456789abcdef".utf8)
        out += [92, 117, 48, 48, hex[Int(c >> 4)], hex[Int(c & 15)]]
      default: out.append(c)
      }
    }
    out.append(34)
    return out
  }
}

/// One journal line on its own: encode and decode without a store (for exports, tools, tests).
public enum JournalLine {
  /// Whether this process decodes journal lines on the plain path (`KRAV_PLAIN_DECODE=1`).
  public static var plainDecode: Bool { LineDecoder.plainDecode }

  /// The line for `event` chained to `prev` (the previous line's crc, 0 for the first),
  /// including the final `\n`; throws `StoreError.invalidEvent` for an unreadable event.
  public static func encode(_ event: Event, prev: UInt32) throws -> [UInt8] {
    var out: [UInt8] = []
    _ = try LineEncoder.encode(event, prev: prev, into: &out)
    return out
  }

  /// Decodes a line (with or without its `\n`): the event, its `prev` and `crc`, or why not
  /// (`.badChecksum` or `.parseError` and a message naming at most a field).
  public static func decode(_ line: [UInt8]) -> Result<
    (event: Event, prev: UInt32, crc: UInt32),
    LineError
  > {
    let n = line.last == 10 ? line.count - 1 : line.count
    let r = line.withUnsafeBufferPointer {
      LineDecoder.decode(UnsafeBufferPointer(rebasing: $0[0..<n]))
    }
    switch r {
    case .success(let d): return .success((d.event, d.prev, d.crc))
    case .failure(let p): return .failure(LineError(kind: p.kind, problem: p.problem))
    }
  }

  /// Why a line could not be decoded.
  public struct LineError: Error, Equatable, Sendable {
    /// `.badChecksum` or `.parseError`.
    public var kind: Finding.Kind
    /// What is wrong, naming at most a field.
    public var problem: FindingProblem
    /// The same in English.
    public var message: String { problem.text(.en) }
  }
}
