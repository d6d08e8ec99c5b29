import KravCore

extension Store {
  /// Whether an event with this id is already in the store (an import keyed by the bank's
  /// archive reference asks before appending, so a file imported twice adds nothing).
  public func containsEvent(id: String) -> Bool { ids.contains(id) }
}

extension IdRegistry {
  /// Whether `id` was delivered (canonical `<writer>:<seq>` or any other id).
  func contains(_ id: String) -> Bool {
    if others.contains(id) { return true }
    if let (w, k) = IdRegistry.split(id), let wi = indexOfWriter[w], k <= maxCanonical[wi] {
      return !holes[wi].contains(k)
    }
    return false
  }
}

extension Store {
  /// The stored event with this id, read from the journals (nil when none holds it).
  ///
  /// A full scan, for the rare moment it is needed: a `--request-id` the store already holds,
  /// where the command must tell a retry (same content) from a reuse (different content).
  /// Lines are searched for the id's bytes and only those lines are decoded.
  public func storedEvent(id: String) throws -> Event? {
    guard ids.contains(id) else { return nil }
    let needle = Array(id.utf8)
    guard !needle.isEmpty else { return nil }
    for j in journals {
      let bytes = try io.readAll(root + "/" + j.file)
      var from = 0
      while from < bytes.count {
        var hit: Int? = nil
        var i = from
        while let k = bytes[i...].firstIndex(of: needle[0]) {
          if k + needle.count <= bytes.count, bytes[k..<(k + needle.count)].elementsEqual(needle) {
            hit = k
            break
          }
          i = k + 1
        }
        guard let at = hit else { break }
        let start = (bytes[..<at].lastIndex(of: 10) ?? -1) + 1
        let end = bytes[at...].firstIndex(of: 10) ?? bytes.count
        if case .success(let d) = JournalLine.decode(Array(bytes[start..<end])), d.event.id == id {
          return d.event
        }
        from = end + 1
      }
    }
    return nil
  }
}

extension Event {
  /// Whether two events say the same thing: type, version and every body field, ignoring the
  /// header the store and the clock fill in (`seq`, `at`, `by`). A retried command with the
  /// same `--request-id` passes; a different command reusing the id does not.
  public func sameContent(as other: Event) -> Bool {
    var a = self, b = other
    a.seq = 0
    b.seq = 0
    a.by = ""
    b.by = ""
    a.at = ""
    b.at = ""
    return a == b
  }
}
