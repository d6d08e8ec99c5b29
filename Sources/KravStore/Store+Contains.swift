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
