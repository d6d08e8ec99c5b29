/// An open-addressing hash index from string keys to positions in an array kept elsewhere.
///
/// Why not `[String: Int]`: the fold looks up an id for nearly every event and the queue used
/// to for every claim. Swift's `Dictionary` hashes with a seeded SipHash and stores the key a
/// second time; this index stores one 8-byte slot per entry (a 32-bit hash and the position)
/// and compares the key against the array it indexes, so it is both smaller and faster. The
/// hash (FNV-1a) is not seeded: keys come from the collector's own files, not from an attacker.
struct PositionIndex: Sendable {
  /// 0 = empty; otherwise hash (high 32 bits) and position + 1 (low 32 bits).
  private var slots: [UInt64] = Array(repeating: 0, count: 16)
  private(set) var count = 0

  /// 32-bit FNV-1a of the key's UTF-8 bytes, read from contiguous storage when the string
  /// has it (always, for native strings): the view's iterator checked each index.
  @inline(__always)
  static func hash(_ key: String) -> UInt32 {
    let fast = key.utf8.withContiguousStorageIfAvailable { bytes in
      var h: UInt32 = 2_166_136_261
      for b in bytes { h = (h ^ UInt32(b)) &* 16_777_619 }
      return h
    }
    if let fast { return fast }
    var h: UInt32 = 2_166_136_261
    for b in key.utf8 { h = (h ^ UInt32(b)) &* 16_777_619 }
    return h
  }

  /// An empty index.
  init() {}

  /// The slots as they are, to be saved and given back to `init(slots:positions:)`.
  var storage: [UInt64] { slots }

  /// An index from slots `storage` gave, over `n` positions; nil when they cannot be one
  /// (a size that is not a power of two, a position out of range or stored twice).
  ///
  /// The hashes are not checked: that would cost most of what saving the slots saves (reading
  /// and hashing every key). Saved slots come from a checksummed snapshot.
  init?(slots: [UInt64], positions n: Int) {
    let size = slots.count
    guard size >= 16, size & (size - 1) == 0, n <= size / 2 else { return nil }
    // One bit per position (a `[Bool]` was a byte each, and this loop runs over every slot of
    // every table on each restore).
    var seen = [UInt64](repeating: 0, count: (n + 63) / 64)
    var count = 0
    let valid = slots.withUnsafeBufferPointer { all in
      seen.withUnsafeMutableBufferPointer { bits in
        for slot in all where slot != 0 {
          let p = Int(slot & 0xFFFF_FFFF) &- 1
          guard p >= 0, p < n else { return false }
          let bit: UInt64 = 1 << UInt64(p & 63)
          guard bits[p >> 6] & bit == 0 else { return false }
          bits[p >> 6] |= bit
          count += 1
        }
        return true
      }
    }
    guard valid else { return nil }
    self.slots = slots
    self.count = count
  }

  /// The position stored for `key`; `keyAt` gives the key of a stored position.
  @inline(__always)
  func find(_ key: String, keyAt: (Int) -> String?) -> Int? {
    probe(key) { keyAt($0) == key }
  }

  /// The first position along `key`'s probe whose slot has `key`'s hash and for which
  /// `matches` holds; nil when the probe meets an empty slot first.
  @inline(__always)
  private func probe(_ key: String, _ matches: (Int) -> Bool) -> Int? {
    let h = PositionIndex.hash(key)
    let mask = slots.count - 1
    var i = Int(h) & mask
    while true {
      let slot = slots[i]
      if slot == 0 { return nil }
      if UInt32(truncatingIfNeeded: slot >> 32) == h {
        let p = Int(slot & 0xFFFF_FFFF) - 1
        if matches(p) { return p }
      }
      i = (i + 1) & mask
    }
  }

  /// Stores `position` for `key`, replacing the position stored for an equal key.
  mutating func set(_ key: String, position: Int, keyAt: (Int) -> String?) {
    if (count + 1) * 2 > slots.count { grow(to: slots.count * 2) }
    let h = PositionIndex.hash(key)
    let mask = slots.count - 1
    var i = Int(h) & mask
    let entry = UInt64(h) << 32 | UInt64(position + 1)
    while true {
      let slot = slots[i]
      if slot == 0 {
        slots[i] = entry
        count += 1
        return
      }
      if UInt32(truncatingIfNeeded: slot >> 32) == h,
        keyAt(Int(slot & 0xFFFF_FFFF) - 1) == key
      {
        slots[i] = entry
        return
      }
      i = (i + 1) & mask
    }
  }

  /// The address of the slot where a lookup of `key` starts: a hint for prefetching, good
  /// only until the index next changes (never dereferenced as such).
  func slotAddress(for key: String) -> UnsafeRawPointer {
    slots.withUnsafeBufferPointer {
      UnsafeRawPointer($0.baseAddress! + (Int(PositionIndex.hash(key)) & ($0.count - 1)))
    }
  }

  /// The position in the first slot of `key`'s probe whose hash is `key`'s: nearly always
  /// `key`'s own position, but the key is not compared (a prefetching hint, see
  /// `KeyedTable.candidateAddress(for:)`); nil when the probe meets an empty slot first.
  func candidate(for key: String) -> Int? { probe(key) { _ in true } }

  /// Makes room for `n` entries without growing again.
  mutating func reserveCapacity(_ n: Int) {
    var size = slots.count
    while size < n * 2 { size *= 2 }
    if size > slots.count { grow(to: size) }
  }

  private mutating func grow(to size: Int) {
    let old = slots
    slots = Array(repeating: 0, count: size)
    let mask = size - 1
    for slot in old where slot != 0 {
      var i = Int(UInt32(truncatingIfNeeded: slot >> 32)) & mask
      while slots[i] != 0 { i = (i + 1) & mask }
      slots[i] = slot
    }
  }
}
