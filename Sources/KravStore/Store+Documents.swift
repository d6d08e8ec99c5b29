import KravCore

#if canImport(Glibc)
  import Glibc
#endif

extension Store {
  /// Writes letter files durably, before the event that refers to them is appended.
  ///
  /// Each file: its folder (`letters/<year>/`) is created if needed (fsynced, and its parent);
  /// the bytes go to a temporary file with the store's file mode, which is fsynced, renamed to
  /// the final name, and the folder fsynced. A file that already exists is never replaced: a
  /// sent letter is evidence. Paths must stay inside `letters/`. Refused when the store takes
  /// no writes. If a later file fails, the earlier ones stay (harmless: no event names them).
  public func writeDocuments(_ files: [DocumentFile]) throws {
    if let reason = readOnlyReason { throw failure ?? StoreError.readOnly(reason: reason) }
    for f in files {
      let parts = f.path.split(separator: "/", omittingEmptySubsequences: false)
      guard parts.count >= 2, parts[0] == "letters",
        parts.allSatisfy({ !$0.isEmpty && $0 != "." && $0 != ".." })
      else { throw StoreError.invalidEvent("letter path must be inside letters/") }
      var folder = root
      for part in parts.dropLast() {
        let parent = folder
        folder += "/" + part
        if try io.status(folder) == nil {
          do {
            try io.createFolder(folder, permissions: permissions)
          } catch StoreError.io(_, _, let e) where e == EEXIST {
            continue
          }
          try io.syncFolder(parent)
        }
      }
      let path = root + "/" + f.path
      if try io.status(path) != nil {
        throw StoreError.io(op: "write letter", path: f.path, errno: EEXIST)
      }
      try io.replaceAtomically(path, bytes: f.bytes, permissions: permissions)
    }
  }
}
