import KravCore

extension Store {
  /// Like `append`, and also says where each stored event lives, so the caller can fold it
  /// with the same `EventRef` a later replay would give it.
  public func appendLocated(_ drafts: [Event]) throws -> [(Event, EventRef)] {
    let stored = try append(drafts)
    guard let j = ownIndex else { return [] }
    // The batch ends where the journal now ends; walk back over each line's encoded length
    // (the length does not depend on `prev`, which is always eight hex digits).
    let lengths = try stored.map { e -> UInt64 in
      var line: [UInt8] = []
      _ = try LineEncoder.encode(e, prev: 0, into: &line)
      return UInt64(line.count)
    }
    var offset = journals[j].length - lengths.reduce(0, +)
    return zip(stored, lengths).map { e, length in
      defer { offset += length }
      return (e, EventRef(journal: UInt32(j), offset: offset))
    }
  }
}
