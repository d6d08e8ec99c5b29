#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Reads a journal's complete lines in large chunks through `FileIO`, tracking byte offsets.
///
/// Owns its buffer (hence a class): a replay keeps one per journal, so memory stays at
/// a chunk per writer however long the journals grow.
final class LineReader {
  /// What `next()` found.
  enum Item {
    /// A complete line (without its `\n`) starting at `offset`; valid until the next call.
    case line(offset: UInt64, bytes: UnsafeBufferPointer<UInt8>)
    /// Bytes after the last `\n` up to the limit: a torn or still-being-written last line.
    case partial(offset: UInt64, length: Int)
    /// Nothing more before the limit.
    case end
  }

  private let io: FileIO
  private let fd: Int32
  private let limit: UInt64
  private var buffer: UnsafeMutableBufferPointer<UInt8>
  /// File offset of `buffer[0]`.
  private var bufferOffset: UInt64
  /// Valid bytes in the buffer.
  private var count = 0
  /// Index of the next line's first byte in the buffer.
  private var position = 0

  /// Reads `fd` from `start` up to `limit` (the size seen when the read began, so a line
  /// being appended meanwhile is not read half).
  init(io: FileIO, fd: Int32, from start: UInt64, to limit: UInt64, chunk: Int = 1 << 20) {
    self.io = io
    self.fd = fd
    self.limit = limit
    self.bufferOffset = start
    let size = Int(min(UInt64(chunk), max(limit - min(start, limit), 4096)))
    buffer = .allocate(capacity: size)
  }

  deinit { buffer.deallocate() }

  /// The next complete line, the partial last line, or the end.
  func next() throws -> Item {
    while true {
      if position < count {
        let base = buffer.baseAddress! + position
        if let nl = memchr(base, 10, count - position) {
          let length = UnsafeRawPointer(nl) - UnsafeRawPointer(base)
          let offset = bufferOffset + UInt64(position)
          position += length + 1
          return .line(offset: offset, bytes: UnsafeBufferPointer(start: base, count: length))
        }
      }
      if bufferOffset + UInt64(count) >= limit {
        if position < count {
          let item = Item.partial(offset: bufferOffset + UInt64(position), length: count - position)
          position = count
          return item
        }
        return .end
      }
      try refill()
    }
  }

  /// Moves the unread rest to the front (growing the buffer for very long lines) and reads on.
  private func refill() throws {
    let rest = count - position
    if position > 0 {
      if rest > 0 {
        UnsafeMutableRawPointer(buffer.baseAddress!).copyMemory(
          from: buffer.baseAddress! + position, byteCount: rest)
      }
      bufferOffset += UInt64(position)
      position = 0
      count = rest
    } else if count == buffer.count {
      let bigger = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: buffer.count * 2)
      _ = bigger.initialize(from: buffer[0..<count])
      buffer.deallocate()
      buffer = bigger
    }
    let want = Int(min(UInt64(buffer.count - count), limit - bufferOffset - UInt64(count)))
    let n = try io.read(
      fd,
      into: UnsafeMutableRawBufferPointer(
        rebasing: UnsafeMutableRawBufferPointer(buffer)[
          count..<count + want]), at: bufferOffset + UInt64(count))
    if n == 0 {
      throw StoreError.io(op: "read (file shrank)", path: "fd \(fd)", errno: 0)
    }
    count += n
  }
}
