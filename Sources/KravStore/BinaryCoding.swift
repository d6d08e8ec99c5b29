/// Little-endian binary encoding for snapshots; public so fold states can use it for payloads.
public struct BinaryWriter: Sendable {
  /// The bytes written so far.
  public private(set) var bytes: [UInt8] = []

  /// An empty writer.
  public init() {}

  /// An empty writer with room for `capacity` bytes, so a large state is encoded without the
  /// array doubling (and briefly holding two copies) as it grows.
  public init(reservingCapacity capacity: Int) { bytes.reserveCapacity(capacity) }

  /// Appends one byte.
  public mutating func write(_ v: UInt8) { bytes.append(v) }

  /// Appends a 32-bit unsigned integer.
  public mutating func write(_ v: UInt32) {
    for k in 0..<4 { bytes.append(UInt8(truncatingIfNeeded: v >> (8 * UInt32(k)))) }
  }

  /// Appends a 64-bit unsigned integer.
  public mutating func write(_ v: UInt64) {
    for k in 0..<8 { bytes.append(UInt8(truncatingIfNeeded: v >> (8 * UInt64(k)))) }
  }

  /// Appends a 64-bit signed integer (two's complement).
  public mutating func write(_ v: Int64) { write(UInt64(bitPattern: v)) }

  /// Appends an `Int` as 64 bits.
  public mutating func write(_ v: Int) { write(Int64(v)) }

  /// Appends a length-prefixed byte string.
  public mutating func write(_ v: [UInt8]) {
    write(UInt64(v.count))
    bytes += v
  }

  /// Appends a length-prefixed UTF-8 string.
  public mutating func write(_ v: String) { write(Array(v.utf8)) }
}

/// Reads what `BinaryWriter` wrote; every read checks bounds and throws on truncated input.
public struct BinaryReader: Sendable {
  /// Thrown when the input ends early or holds an impossible value.
  public struct Malformed: Error, Sendable {}

  private let bytes: [UInt8]
  /// How many bytes were read so far.
  public private(set) var position = 0

  /// A reader at the start of `bytes`.
  public init(_ bytes: [UInt8]) { self.bytes = bytes }

  /// Whether all bytes were read.
  public var isAtEnd: Bool { position == bytes.count }

  private mutating func take(_ n: Int) throws -> ArraySlice<UInt8> {
    guard n >= 0, n <= bytes.count - position else { throw Malformed() }
    defer { position += n }
    return bytes[position..<position + n]
  }

  /// Reads one byte.
  public mutating func readUInt8() throws -> UInt8 { try take(1).first! }

  /// Reads a 32-bit unsigned integer.
  public mutating func readUInt32() throws -> UInt32 {
    try take(4).reversed().reduce(0) { $0 << 8 | UInt32($1) }
  }

  /// Reads a 64-bit unsigned integer.
  public mutating func readUInt64() throws -> UInt64 {
    try take(8).reversed().reduce(0) { $0 << 8 | UInt64($1) }
  }

  /// Reads a 64-bit signed integer.
  public mutating func readInt64() throws -> Int64 { Int64(bitPattern: try readUInt64()) }

  /// Reads an `Int` written as 64 bits.
  public mutating func readInt() throws -> Int { Int(try readInt64()) }

  /// Reads a length-prefixed byte string.
  public mutating func readBytes() throws -> [UInt8] {
    let n = try readUInt64()
    guard n <= UInt64(bytes.count - position) else { throw Malformed() }
    return Array(try take(Int(n)))
  }

  /// Reads a length-prefixed UTF-8 string.
  public mutating func readString() throws -> String {
    guard let s = String(validating: try readBytes(), as: UTF8.self) else { throw Malformed() }
    return s
  }
}
