import KravCore

#if canImport(Glibc)
  import Glibc
#endif

/// How far the session has read (or written) one journal, and what the chain expects next.
///
/// Kept per journal for the whole session and saved in snapshots, so `refresh` and a load from
/// a snapshot continue exactly where the last read stopped.
public struct JournalState: Sendable, Equatable {
  /// The writer, which is also the file name without `.jsonl`.
  public var writer: String
  /// Bytes consumed: the end of the last complete line read or written.
  public var length: UInt64
  /// Complete lines consumed.
  public var lines: Int
  /// `seq` of the last good line (0 before the first).
  public var lastSeq: Int
  /// `crc` of the last good line (0 before the first, matching `prev` `00000000`).
  public var lastCrc: UInt32
  /// False after a damaged line, whose crc and seq cannot be trusted to check the next line.
  var chainKnown = true

  /// A journal nothing has been read from yet.
  public init(writer: String) {
    self.writer = writer
    length = 0
    lines = 0
    lastSeq = 0
    lastCrc = 0
  }

  /// The path relative to the store folder, as findings name it.
  public var file: String { "journal/\(writer).jsonl" }
}

/// Remembers every event id delivered so a repeated id is skipped, in memory that grows with
/// the number of writers rather than events.
///
/// Almost every id is canonical, `<writer>:<seq>` in that writer's journal with that line's
/// seq. Those are unique by construction, so for each journal it is enough to keep the highest
/// canonical seq delivered plus the few lower seqs not delivered canonically (holes). Other
/// ids (preset by an import, or copied into another journal) go into a set.
struct IdRegistry: Sendable, Equatable {
  /// Per journal index: highest canonical seq delivered.
  var maxCanonical: [Int] = []
  /// Per journal index: seqs at or below `maxCanonical` that were not delivered canonically.
  var holes: [Set<Int>] = []
  /// Non-canonical ids delivered.
  var others: Set<String> = []
  /// Journal index by writer name, to recognise a canonical-looking id in another journal.
  var indexOfWriter: [String: Int] = [:]

  /// Registers a new journal at the next index.
  mutating func addJournal(writer: String) {
    indexOfWriter[writer] = maxCanonical.count
    maxCanonical.append(0)
    holes.append([])
  }

  /// Records the id of an event from journal `j`; false if it was delivered before.
  mutating func insert(id: String, seq s: Int, journal j: Int, writer: String) -> Bool {
    if IdRegistry.isCanonical(id, writer: writer, seq: s)
      && (others.isEmpty || !others.contains(id)), let fresh = insertCanonical(seq: s, journal: j)
    {
      return fresh
    }
    return insertOther(id)
  }

  /// Records the canonical id `<writer of j>:<s>` without reading it, when that needs no other
  /// id to compare with (`others` is empty); nil when the caller must use `insert(id:...)`.
  mutating func insertCanonicalIfAlone(seq s: Int, journal j: Int) -> Bool? {
    others.isEmpty ? insertCanonical(seq: s, journal: j) : nil
  }

  /// The canonical case of `insert`; nil for a huge seq jump (a hand-edited line), kept as an
  /// ordinary id instead of as thousands of holes.
  private mutating func insertCanonical(seq s: Int, journal j: Int) -> Bool? {
    let top = maxCanonical[j]
    if s > top && s - top <= 1000 {
      if s > top + 1 { holes[j].formUnion(top + 1..<s) }
      maxCanonical[j] = s
      return true
    }
    if s <= top { return holes[j].remove(s) != nil }
    return nil
  }

  /// Records a non-canonical id (or a canonical one after a huge seq jump).
  private mutating func insertOther(_ id: String) -> Bool {
    if let (w, k) = IdRegistry.split(id), let wi = indexOfWriter[w],
      k <= maxCanonical[wi], !holes[wi].contains(k)
    {
      return false
    }
    return others.insert(id).inserted
  }

  /// Whether `id` is exactly `<writer>:<seq>`, compared as bytes without building a string.
  static func isCanonical(_ id: String, writer: String, seq: Int) -> Bool {
    var digits = 1
    var v = seq
    while v >= 10 {
      v /= 10
      digits += 1
    }
    let w = writer.utf8.count
    guard id.utf8.count == w + 1 + digits else { return false }
    var id = id
    var writer = writer
    return id.withUTF8 { ib in
      writer.withUTF8 { wb in
        guard memcmp(ib.baseAddress!, wb.baseAddress!, w) == 0, ib[w] == 58 else { return false }
        var rest = seq
        var k = ib.count - 1
        while k > w {
          guard ib[k] == UInt8(48 + rest % 10) else { return false }
          rest /= 10
          k -= 1
        }
        return rest == 0
      }
    }
  }

  /// Splits `writer:seq` at the last colon; nil when there is no positive decimal seq.
  static func split(_ id: String) -> (String, Int)? {
    guard let colon = id.lastIndex(of: ":"),
      let k = Int(id[id.index(after: colon)...]), k > 0
    else { return nil }
    return (String(id[..<colon]), k)
  }
}

/// Writer names double as file names, so only a safe alphabet is allowed.
public enum WriterName {
  /// Whether `name` can name a journal: 1–100 of `A–Z a–z 0–9 @ . _ + -`, not starting with
  /// `.` or `-`.
  public static func isValid(_ name: String) -> Bool {
    let b = Array(name.utf8)
    guard !b.isEmpty, b.count <= 100, b[0] != 46, b[0] != 45 else { return false }
    return b.allSatisfy { isAllowed($0) }
  }

  /// A valid writer name made from any text (e.g. `user@host`), replacing other characters
  /// with `_`.
  public static func sanitize(_ text: String) -> String {
    var b = Array(text.utf8.prefix(100)).map { isAllowed($0) ? $0 : 95 }
    if b.isEmpty { b = [95] }
    if b[0] == 46 || b[0] == 45 { b[0] = 95 }
    return String(decoding: b, as: UTF8.self)
  }

  private static func isAllowed(_ c: UInt8) -> Bool {
    (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c == 64 || c == 46
      || c == 95 || c == 43 || c == 45
  }
}
