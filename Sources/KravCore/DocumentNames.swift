/// Names of files Krav writes into a store that a file-sync engine carries between machines
/// (issue 18): two machines must never write a file of the same name, or the engine keeps
/// one and renames the other into a conflict copy. A store synced between machines gives
/// every letter, document and draft its writer's name (`tag`); the journals are per writer
/// already.
public enum DocumentNames {
  /// `letters/2026/plan-K1-1.txt` with tag `kari@pc1` → `letters/2026/plan-K1-1-kari@pc1.txt`.
  public static func tagged(_ path: String, tag: String) -> String {
    let slash = path.lastIndex(of: "/").map { path.index(after: $0) } ?? path.startIndex
    let name = path[slash...]
    guard let dot = name.lastIndex(of: "."), dot != name.startIndex else {
      return path + "-" + tag
    }
    return String(path[..<dot]) + "-" + tag + String(path[dot...])
  }

  /// Renames the files by `tag` and rewrites every event field that names one of them (`ref`,
  /// or an extra key holding the path as a JSON string), so each event still names its file.
  public static func tagged(_ files: [DocumentFile], _ events: [Event], tag: String?)
    -> ([DocumentFile], [Event])
  {
    guard let tag, !tag.isEmpty else { return (files, events) }
    var renamed: [String: String] = [:]
    let newFiles = files.map { f -> DocumentFile in
      var g = f
      g.path = tagged(f.path, tag: tag)
      renamed[f.path] = g.path
      return g
    }
    let newEvents = events.map { e -> Event in
      var e = e
      if let r = e.ref, let n = renamed[r] { e.ref = n }
      for (key, value) in e.extra {
        for (old, new) in renamed where value == "\"\(old)\"" { e.extra[key] = "\"\(new)\"" }
      }
      return e
    }
    return (newFiles, newEvents)
  }
}
