import Foundation
import KravCore

#if canImport(Glibc)
  import Glibc
#endif

/// What `Store.repair` will do, described before it is done (for `krav check --repair`).
///
/// Repair moves aside only what is damaged: a line whose checksum fails or that cannot be
/// read, a line repeating an id the store already holds, a partial last line. Every other
/// line is kept, even after a damaged one: its own checksum holds, so its content is what was
/// written; only its place in the chain (`prev`, `seq`) is written anew. A seq left empty by a
/// removed line gets a `line-quarantined` placeholder, and the journal ends with a
/// `journal-repaired` event saying who repaired it, when, and what was moved where. Conflict
/// copies made by file-sync tools are merged (their events the store lacks are appended to
/// the repairer's journal, ids kept) and then moved to `quarantine/`.
public struct RepairPlan: Sendable {
  /// One line to move to `quarantine/`.
  public struct Removal: Sendable, Equatable {
    /// 1-based line number.
    public var line: Int
    /// Byte offset of the line's start.
    public var offset: UInt64
    /// The finding that condemned it.
    public var reason: Finding
  }

  /// One damaged journal to rewrite without its damaged lines.
  public struct Mend: Sendable, Equatable {
    /// Journal file relative to the store.
    public var file: String
    /// The journal's size when the plan was made (repair refuses if it changed).
    public var size: UInt64
    /// The lines to move aside (the rest is kept and re-chained).
    public var removals: [Removal]
    /// Complete lines in the journal when planned.
    public var lines: Int
  }

  /// Damaged journals, each mended in place (atomically) after its bad lines are quarantined.
  public var mends: [Mend]
  /// Conflict copies and the events they hold that the store lacks.
  public var merges: [Store.ConflictEvents] = []
  /// Temporary files left by interrupted writes (relative paths), moved to `quarantine/`.
  public var leftovers: [String] = []
  /// Findings repair cannot fix (missing files, permissions, symlinks, values): a person must
  /// look.
  public var manual: [Finding]

  /// Creates a plan (normally `Store.planRepair` does).
  public init(
    mends: [Mend], merges: [Store.ConflictEvents] = [], leftovers: [String] = [],
    manual: [Finding]
  ) {
    self.mends = mends
    self.merges = merges
    self.leftovers = leftovers
    self.manual = manual
  }

  /// Whether there is nothing to do.
  public var isEmpty: Bool { mends.isEmpty && merges.isEmpty && leftovers.isEmpty }

  /// One line per action, in plain words, e.g. for a confirmation prompt.
  public var steps: [String] { steps(.en) }

  /// One line per action in `lang`.
  public func steps(_ lang: Language) -> [String] {
    let nb = lang == .nb
    return mends.map { m in
      let lines = m.removals.map { "\($0.line)" }.joined(separator: ", ")
      let kept = m.lines - m.removals.filter { $0.reason.kind != .tornTail }.count
      let first = m.removals.first.map { $0.reason.text(lang) } ?? (nb ? "kjeden" : "chain")
      return nb
        ? "\(m.file): flytt linje(r) \(lines) til quarantine/ (første problem: \(first)); "
          + "behold de andre \(kept) linjene, kjed dem sammen på nytt og skriv reparasjonen i journalen"
        : "\(m.file): move line(s) \(lines) to quarantine/ (first problem: \(first)); keep the other "
          + "\(kept) line(s), re-chain them and record the repair in the journal"
    }
      + merges.map {
        nb
          ? "\($0.file): legg til de \($0.missing.count) hendelsene databasen mangler (med sine id-er), "
            + "og flytt så kopien til quarantine/"
          : "\($0.file): append its \($0.missing.count) event(s) the store lacks (ids kept), then "
            + "move the copy to quarantine/"
      }
      + leftovers.map {
        nb
          ? "\($0): flytt denne etterlatte midlertidige filen til quarantine/"
          : "\($0): move this leftover temporary file to quarantine/"
      }
      + manual.map {
        (nb ? "kan ikke repareres automatisk: " : "cannot repair automatically: ") + $0.text(lang)
      }
  }
}

extension Store {
  /// Plans a repair from `check`'s findings (see `RepairPlan`). Changes nothing.
  public static func planRepair(at path: String, io: FileIO = SystemFileIO()) throws
    -> RepairPlan
  {
    let findings = try check(at: path, io: io)
    let lineKinds: Set<Finding.Kind> = [
      .badChecksum, .parseError, .duplicateId, .tornTail, .brokenChain, .badSeq,
    ]
    let removedKinds: Set<Finding.Kind> = [.badChecksum, .parseError, .duplicateId, .tornTail]
    let isLeftover = { (f: Finding) in
      f.kind == .unknownFile && f.problem == .temporaryFile
    }
    var plan = RepairPlan(
      mends: [], leftovers: findings.filter(isLeftover).map(\.file),
      manual: findings.filter {
        !lineKinds.contains($0.kind) && $0.kind != .conflictCopy && !isLeftover($0)
      })
    var byFile: [String: [Finding]] = [:]
    for f in findings where lineKinds.contains(f.kind) { byFile[f.file, default: []].append(f) }
    for (file, list) in byFile.sorted(by: { $0.key < $1.key }) {
      let bytes = try io.readAll(path + "/" + file)
      var removals: [RepairPlan.Removal] = []
      for f in list.sorted(by: { $0.byteOffset < $1.byteOffset })
      where removedKinds.contains(f.kind)
        && !removals.contains(where: { $0.offset == f.byteOffset })
      {
        removals.append(RepairPlan.Removal(line: f.line, offset: f.byteOffset, reason: f))
      }
      plan.mends.append(
        RepairPlan.Mend(
          file: file, size: UInt64(bytes.count), removals: removals,
          lines: bytes.filter { $0 == 10 }.count))
    }
    if findings.contains(where: { $0.kind == .conflictCopy }) {
      let store = try openForInspection(at: path, io: io)
      try store.discoverJournals()
      _ = try store.scan(reportAllTornTails: true) { _, _ in }
      plan.merges = try store.conflictCopies()
    }
    return plan
  }

  /// Carries out a plan from `planRepair`. Per damaged journal: take its lock, check it did
  /// not change, copy the removed lines to `quarantine/<writer>.jsonl.<time>.cut` (fsynced),
  /// write the mended journal to a new temporary file (`O_EXCL`, unpredictable name), fsync,
  /// rename it over the journal, fsync the folder. Then the conflict copies: their missing
  /// events are appended to `writer`'s journal and each copy moved to `quarantine/`.
  ///
  /// `by` and `at` name who repaired and when, in the `journal-repaired` record. Returns the
  /// quarantine files written, relative to the store.
  public static func repair(
    at path: String, plan: RepairPlan, io: FileIO = SystemFileIO(), writer: String = "repair",
    by: String = "repair", at stamp: String = OsloTime.timestamp(now: Date())
  ) throws -> [String] {
    let store = try openForInspection(at: path, io: io)
    var written: [String] = []
    for file in plan.leftovers {
      let name = file.split(separator: "/").last.map(String.init) ?? file
      let target = "quarantine/\(name).\(utcStamp()).left"
      try io.rename(path + "/" + file, to: path + "/" + target)
      try io.syncFolder(path + "/quarantine")
      written.append(target)
    }
    for mend in plan.mends {
      written.append(try store.mend(mend, by: by, at: stamp))
    }
    guard !plan.merges.isEmpty else { return written }
    let session = try Store.open(at: path, writer: writer, io: io)
    _ = try session.replay { _, _ in }
    for merge in plan.merges {
      let fresh = merge.missing.filter { !session.ids.contains($0.id) }
      if !fresh.isEmpty { _ = try session.append(fresh) }
      let name = String(merge.file.dropFirst("journal/".count))
      let target = "quarantine/\(name).\(utcStamp()).merged"
      try io.rename(path + "/" + merge.file, to: path + "/" + target)
      try io.syncFolder(path + "/quarantine")
      try io.syncFolder(path + "/journal")
      written.append(target)
    }
    return written
  }

  /// Rewrites one journal without its damaged lines (see `repair`).
  func mend(_ m: RepairPlan.Mend, by: String, at stamp: String) throws -> String {
    let writer = String(m.file.dropFirst("journal/".count).dropLast(".jsonl".count))
    let path = root + "/" + m.file
    let fd = try io.open(path, flags: O_RDWR | O_NOFOLLOW, mode: 0)
    defer { io.close(fd) }
    guard try io.tryLock(fd) else { throw StoreError.journalInUse(file: m.file, writer: writer) }
    guard try io.size(fd) == m.size else { throw StoreError.stalePlan(file: m.file) }
    var bytes = [UInt8](repeating: 0, count: Int(m.size))
    let n = try bytes.withUnsafeMutableBytes { try io.read(fd, into: $0, at: 0) }
    guard n == bytes.count else { throw StoreError.stalePlan(file: m.file) }
    let condemned = Set(m.removals.map(\.offset))
    var moved: [UInt8] = []
    var movedLines: [Int] = []
    var kept: [Event] = []
    var start = 0
    var line = 0
    while start < bytes.count {
      line += 1
      let end = bytes[start...].firstIndex(of: 10)
      let stop = end.map { $0 + 1 } ?? bytes.count
      let slice = Array(bytes[start..<stop])
      var keep = end != nil && !condemned.contains(UInt64(start))
      var event: Event? = nil
      if keep, case .success(let d) = JournalLine.decode(slice) {
        event = d.event
      } else {
        keep = false
      }
      if keep, let event {
        kept.append(event)
      } else {
        moved += slice
        movedLines.append(line)
      }
      start = stop
    }
    let quarantined =
      moved.isEmpty ? "" : try quarantine(moved, name: "\(writer).jsonl", kind: "cut")
    // The kept lines, re-chained; a seq left empty by a removed line gets a placeholder.
    var out: [UInt8] = []
    out.reserveCapacity(bytes.count + 512)
    var prev: UInt32 = 0
    var seq = 1
    func record(_ type: EventType, _ text: String) throws {
      var e = Event(id: "\(writer):\(seq)", seq: seq, at: stamp, by: by, type: type)
      e.text = text
      if !quarantined.isEmpty { e.ref = quarantined }
      prev = try LineEncoder.encode(e, prev: prev, into: &out)
      seq += 1
    }
    for var e in kept {
      while e.seq > seq {
        try record("line-quarantined", "a damaged line was moved to \(quarantined)")
      }
      e.seq = seq
      prev = try LineEncoder.encode(e, prev: prev, into: &out)
      seq += 1
    }
    let lines = movedLines.map(String.init).joined(separator: ", ")
    try record(
      "journal-repaired",
      movedLines.isEmpty
        ? "krav check --repair by \(by): the chain of \(m.file) was broken; its lines were "
          + "kept and re-chained"
        : "krav check --repair by \(by): line(s) \(lines) of \(m.file) moved to "
          + "\(quarantined); the other lines kept and re-chained")
    // Atomic replace: a temporary file nobody could have planted (O_EXCL, random name).
    let temp = io.temporaryName(for: path)
    let tfd = try io.createFile(temp, bytes: out, permissions: permissions)
    io.close(tfd)
    try io.rename(temp, to: path)
    try io.syncFolder(root + "/journal")
    return quarantined
  }
}
