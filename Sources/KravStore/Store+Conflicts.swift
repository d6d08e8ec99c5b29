import KravCore

#if canImport(Glibc)
  import Glibc
#endif

/// Copies of a journal that a file-sync engine made on a conflict, and what they hold.
///
/// Syncthing renames one side `NAME.sync-conflict-YYYYMMDD-HHMMSS-DEVICE.jsonl` (or, for a
/// name without extension, `NAME.jsonl.sync-conflict-…`); Dropbox and Nextcloud write
/// `NAME (Kari's conflicted copy 2026-12-06).jsonl` or `NAME_conflict-….jsonl`. Such a copy
/// may hold acknowledged events the journal lost: `krav check` lists them, `krav check
/// --repair` appends them (with their own ids, so nothing counts twice) and moves the copy to
/// `quarantine/`. A conflict copy is never replayed as a journal of its own.
public enum ConflictCopy {
  /// The journal file name a conflict copy was made of (`kari.jsonl`), or nil when `name` is
  /// not a conflict copy.
  public static func original(of name: String) -> String? {
    let lower = name.lowercased()
    guard lower.contains("conflict") else { return nil }
    for marker in [".sync-conflict-", " (", "_conflict-", "-conflict-", ".conflict"] {
      guard let r = lower.range(of: marker) else { continue }
      let base = String(name[..<r.lowerBound])
      let stem = base.hasSuffix(".jsonl") ? String(base.dropLast(6)) : base
      guard WriterName.isValid(stem) else { return nil }
      return stem + ".jsonl"
    }
    return nil
  }
}

extension Store {
  /// A conflict copy in `journal/` and the events in it the store does not hold.
  public struct ConflictEvents: Sendable {
    /// The copy, relative to the store (`journal/kari.sync-conflict-….jsonl`).
    public var file: String
    /// The journal it is a copy of, relative to the store.
    public var original: String
    /// Readable events (good checksum) the store does not hold, in file order: those whose id
    /// it does not know, and those whose id it knows for another content (the copy and the
    /// journal went different ways after a common start), re-keyed as
    /// `conflict:<id>:<crc>` so they can be added without clashing.
    public var missing: [Event]
  }

  /// Every conflict copy in `journal/` with the events the store lacks (ids compared with
  /// what replay delivered; call after `scan`).
  func conflictCopies() throws -> [ConflictEvents] {
    var out: [ConflictEvents] = []
    for name in try io.list(root + "/journal").sorted() {
      guard let original = ConflictCopy.original(of: name) else { continue }
      let bytes = try io.readAll(root + "/journal/" + name)
      // The original's events by id, to tell a line both hold from one that diverged.
      var originals: [String: Event] = [:]
      if let o = try? io.readAll(root + "/journal/" + original) {
        for line in o.split(separator: 10, omittingEmptySubsequences: true) {
          if case .success(let d) = JournalLine.decode(Array(line)) {
            originals[d.event.id] = d.event
          }
        }
      }
      var missing: [Event] = []
      var seen = Set<String>()
      for line in bytes.split(separator: 10, omittingEmptySubsequences: true) {
        guard case .success(let d) = JournalLine.decode(Array(line)) else { continue }
        var e = d.event
        if let twin = originals[e.id], !twin.sameContent(as: e) {
          let hex = String(d.crc, radix: 16)
          e.id = "conflict:\(e.id):\(String(repeating: "0", count: 8 - hex.count))\(hex)"
        }
        if !ids.contains(e.id), seen.insert(e.id).inserted { missing.append(e) }
      }
      out.append(
        ConflictEvents(file: "journal/" + name, original: "journal/" + original, missing: missing))
    }
    return out
  }

  /// Findings for conflict copies: one per copy, naming the events the store lacks by id and
  /// type (never a value).
  func conflictFindings(_ copies: [ConflictEvents]) -> [Finding] {
    copies.map { c in
      let list = c.missing.prefix(10).map { "\($0.id) (\($0.type.rawValue))" }
      return Finding(
        kind: .conflictCopy, file: c.file, line: 0, byteOffset: 0,
        problem: .journalConflictCopy(
          original: c.original, missing: Array(list), count: c.missing.count))
    }
  }
}
