/// Little-endian binary encoding for snapshots; public so fold states can use it for payloads.
///
/// Every write appends to one growing byte array through a raw pointer: a snapshot of a large
/// ledger is tens of millions of small fields, so a per-byte `append` (or a temporary array per
/// string) is what used to dominate writing one.
public struct BinaryWriter: Sendable {
  /// The bytes written so far (since the last `removeAll`).
  public private(set) var bytes: [UInt8] = []

  /// An empty writer.
  public init() {}

  /// An empty writer with room for `capacity` bytes, so a large state is encoded without the
  /// array doubling (and briefly holding two copies) as it grows.
  public init(reservingCapacity capacity: Int) { bytes.reserveCapacity(capacity) }

  /// Number of bytes held.
  public var count: Int { bytes.count }

  /// Forgets the bytes held but keeps the buffer, for writers that pass their output on in
  /// chunks (a streamed snapshot).
  public mutating func removeAll() { bytes.removeAll(keepingCapacity: true) }

  /// Replaces four bytes written earlier with `v` (a length known only once what follows it
  /// was written).
  public mutating func overwrite(_ v: UInt32, at offset: Int) {
    precondition(offset >= 0 && offset + 4 <= bytes.count, "overwrite out of bounds")
    withUnsafeBytes(of: v.littleEndian) { b in
      for k in 0..<4 { bytes[offset + k] = b[k] }
    }
  }

  /// Appends one byte.
  @inline(__always)
  public mutating func write(_ v: UInt8) { bytes.append(v) }

  /// Appends a fixed-size integer's little-endian bytes.
  @inline(__always)
  private mutating func writeFixed<T: FixedWidthInteger>(_ v: T) {
    withUnsafeBytes(of: v.littleEndian) { bytes.append(contentsOf: $0) }
  }

  /// Appends a 32-bit unsigned integer.
  public mutating func write(_ v: UInt32) { writeFixed(v) }

  /// Appends a 64-bit unsigned integer.
  public mutating func write(_ v: UInt64) { writeFixed(v) }

  /// Appends a 64-bit signed integer (two's complement).
  public mutating func write(_ v: Int64) { writeFixed(v) }

  /// Appends an `Int` as 64 bits.
  public mutating func write(_ v: Int) { writeFixed(Int64(v)) }

  /// Appends a length-prefixed byte string.
  public mutating func write(_ v: [UInt8]) {
    write(UInt64(v.count))
    bytes += v
  }

  /// Appends bytes as they are, without a length (the caller knows where they end).
  public mutating func writeRaw(_ v: UnsafeRawBufferPointer) { bytes.append(contentsOf: v) }

  /// Appends an unsigned integer in 1–10 bytes, 7 bits a byte, low bits first (LEB128): counts
  /// and lengths in a large payload are mostly below 128.
  public mutating func writeVarint(_ v: UInt64) {
    var v = v
    while v >= 0x80 {
      bytes.append(UInt8(truncatingIfNeeded: v) | 0x80)
      v >>= 7
    }
    bytes.append(UInt8(v))
  }

  /// Appends a UTF-8 string with a `writeVarint` length (one byte for short strings, where
  /// `write(_: String)` spends eight).
  public mutating func writeCompact(_ v: String) {
    var s = v
    s.withUTF8 { u in
      writeVarint(UInt64(u.count))
      bytes.append(contentsOf: u)
    }
  }

  /// Appends a length-prefixed UTF-8 string, straight from the string's own storage.
  public mutating func write(_ v: String) {
    var s = v
    s.withUTF8 { u in
      writeFixed(UInt64(u.count))
      bytes.append(contentsOf: u)
    }
  }
}

/// Reads what `BinaryWriter` wrote; every read checks bounds and throws on truncated input.
///
/// Reads go through a raw pointer into the array (no slices, no temporary arrays), and strings
/// are validated once, straight from the input bytes.
public struct BinaryReader: Sendable {
  /// Thrown when the input ends early or holds an impossible value.
  public struct Malformed: Error, Sendable {}

  private var bytes: [UInt8]
  /// Where reading stops (the end of `bytes`, or of the range given).
  private var end: Int
  /// How many bytes were read so far (an offset into the array given).
  public private(set) var position = 0

  /// A reader at the start of `bytes`.
  public init(_ bytes: [UInt8]) {
    self.bytes = bytes
    end = bytes.count
  }

  /// A reader of `range` within `bytes`, so a payload inside a larger buffer is read in place.
  public init(_ bytes: [UInt8], range: Range<Int>) {
    precondition(range.lowerBound >= 0 && range.upperBound <= bytes.count, "range out of bounds")
    self.bytes = bytes
    position = range.lowerBound
    end = range.upperBound
  }

  /// Whether all bytes were read.
  public var isAtEnd: Bool { position == end }

  /// Hands over the bytes (for reuse as a buffer) and leaves the reader empty.
  public mutating func takeBytes() -> [UInt8] {
    let taken = bytes
    bytes = []
    (position, end) = (0, 0)
    return taken
  }

  /// Bytes left to read.
  public var remaining: Int { end - position }

  /// Checks that `n` more bytes exist and returns where they start.
  @inline(__always)
  private mutating func advance(_ n: Int) throws -> Int {
    guard n >= 0, n <= end - position else { throw Malformed() }
    defer { position += n }
    return position
  }

  @inline(__always)
  private mutating func readFixed<T: FixedWidthInteger>(_: T.Type) throws -> T {
    let at = try advance(MemoryLayout<T>.size)
    return bytes.withUnsafeBytes {
      T(littleEndian: $0.loadUnaligned(fromByteOffset: at, as: T.self))
    }
  }

  /// Reads one byte.
  public mutating func readUInt8() throws -> UInt8 { bytes[try advance(1)] }

  /// Reads a 32-bit unsigned integer.
  public mutating func readUInt32() throws -> UInt32 { try readFixed(UInt32.self) }

  /// Reads a 64-bit unsigned integer.
  public mutating func readUInt64() throws -> UInt64 { try readFixed(UInt64.self) }

  /// Reads a 64-bit signed integer.
  public mutating func readInt64() throws -> Int64 { try readFixed(Int64.self) }

  /// Reads an `Int` written as 64 bits.
  public mutating func readInt() throws -> Int { Int(try readFixed(Int64.self)) }

  /// Reads the length prefix of a byte string and checks that the bytes are there.
  private mutating func readLength() throws -> Int {
    let n = try readUInt64()
    guard n <= UInt64(end - position) else { throw Malformed() }
    return Int(n)
  }

  /// Reads a length-prefixed byte string.
  public mutating func readBytes() throws -> [UInt8] {
    let n = try readLength()
    let at = try advance(n)
    return Array(bytes[at..<at + n])
  }

  /// Reads what `writeVarint` wrote. Most varints of a snapshot (counts, string lengths) are
  /// one byte: that case is inlined, the general loop is `readLongVarint`.
  @inline(__always)
  public mutating func readVarint() throws -> UInt64 {
    if position < end {
      let b = bytes.withUnsafeBufferPointer { $0[position] }
      if b < 0x80 {
        position += 1
        return UInt64(b)
      }
    }
    return try readLongVarint()
  }

  /// `readVarint`'s general case: 1–10 bytes, 7 bits a byte.
  @inline(never)
  private mutating func readLongVarint() throws -> UInt64 {
    var v: UInt64 = 0
    var shift: UInt64 = 0
    while true {
      let b = try readUInt8()
      guard shift < 64 else { throw Malformed() }
      v |= UInt64(b & 0x7F) << shift
      if b < 0x80 { return v }
      shift += 7
    }
  }

  /// Reads what `writeCompact` wrote.
  public mutating func readCompactString() throws -> String {
    let n = try readVarint()
    guard n <= UInt64(end - position) else { throw Malformed() }
    return try readUTF8(count: Int(n))
  }

  /// Reads a length-prefixed UTF-8 string.
  public mutating func readString() throws -> String {
    try readUTF8(count: try readLength())
  }

  /// Reads `n` bytes as a UTF-8 string.
  private mutating func readUTF8(count n: Int) throws -> String {
    let at = try advance(n)
    // `String(decoding:)` on a buffer pointer takes the standard library's concrete UTF-8
    // path; `String(validating:)` is generic and looked up type metadata on every call. It
    // repairs rather than rejects bad UTF-8, which only a damaged input has, and snapshots
    // are checksummed before they are decoded.
    return bytes.withUnsafeBufferPointer {
      String(decoding: UnsafeBufferPointer(rebasing: $0[at..<at + n]), as: UTF8.self)
    }
  }

  /// Calls `body` with `n` raw bytes in place (for bulk arrays of fixed-size values).
  public mutating func withRawBytes<R>(
    _ n: Int, _ body: (UnsafeRawBufferPointer) throws -> R
  ) throws -> R {
    let at = try advance(n)
    return try bytes.withUnsafeBytes { try body(UnsafeRawBufferPointer(rebasing: $0[at..<at + n])) }
  }
}
