import KravCore

#if canImport(Glibc)
  import Glibc
#endif

/// What `Store.repair` will do, described before it is done (for `krav check --repair`).
public struct RepairPlan: Sendable, Equatable {
  /// One journal to cut: everything from the first untrustworthy line on is moved aside.
  public struct Cut: Sendable, Equatable {
    /// Journal file relative to the store.
    public var file: String
    /// Byte offset where the journal will be cut (start of the first bad line).
    public var offset: UInt64
    /// The journal's size when the plan was made (repair refuses if it changed).
    public var size: UInt64
    /// First line moved aside (1-based).
    public var line: Int
    /// Complete lines moved aside (a partial last line is moved too).
    public var lines: Int
    /// The finding that decided the cut.
    public var reason: Finding
  }

  /// Journals to cut, each copied to `quarantine/` before it is truncated.
  public var cuts: [Cut]
  /// Findings repair cannot fix (missing files, permissions): a person must look.
  public var manual: [Finding]

  /// Whether there is nothing to do.
  public var isEmpty: Bool { cuts.isEmpty }

  /// One line per action, in plain words, e.g. for a confirmation prompt.
  public var steps: [String] {
    cuts.map {
      "\($0.file): move lines \($0.line)–end (\($0.lines) line(s), bytes \($0.offset)–"
        + "\($0.size)) to quarantine/ and cut the journal at byte \($0.offset) "
        + "(first problem: \($0.reason))"
    } + manual.map { "cannot repair automatically: \($0)" }
  }
}

extension Store {
  /// A store opened only to read, with no writer (used by check and repair).
  static func openForInspection(at path: String, io: FileIO) throws -> Store {
    try Store(root: path, writer: "", readOnly: true, io: io)
  }

  /// Verifies the whole store: every line of every journal (checksum, chain, seq, ids, torn
  /// tails in any journal) and that no journal is open to other users. Changes nothing.
  public static func check(at path: String, io: FileIO = SystemFileIO()) throws -> [Finding] {
    let store: Store
    do {
      store = try openForInspection(at: path, io: io)
    } catch StoreError.notAStore {
      return [
        Finding(
          kind: .badFile, file: "krav-store.json", line: 0, byteOffset: 0,
          message: "missing or unreadable")
      ]
    }
    try store.discoverJournals()
    var outOfBound: [(EventRef, String)] = []
    var findings = try store.scan(reportAllTornTails: true) { e, ref in
      if let a = e.amount, !Money.isWithinBound(ore: a) {
        outOfBound.append((ref, "amount"))
      } else if e.extra["instalments"] != nil, e.planInstalments == nil {
        outOfBound.append((ref, "instalments"))
      }
    }.findings
    findings += try store.valueFindings(outOfBound)
    for st in store.journals {
      if let status = try io.status(path + "/" + st.file), status.mode & 0o007 != 0 {
        findings.append(
          Finding(
            kind: .badFile, file: st.file, line: 0, byteOffset: 0,
            message: "open to other users (mode \(String(status.mode, radix: 8)))"))
      }
    }
    return findings
  }

  /// Findings for events the fold refuses, by `file:line` (counted only for these rare lines).
  func valueFindings(_ refs: [(EventRef, String)]) throws -> [Finding] {
    var findings: [Finding] = []
    var cache: [UInt32: [UInt8]] = [:]
    for (ref, field) in refs {
      let file = journals[Int(ref.journal)].file
      if cache[ref.journal] == nil { cache[ref.journal] = try io.readAll(root + "/" + file) }
      let bytes = cache[ref.journal]!
      let line = 1 + bytes[..<Int(min(ref.offset, UInt64(bytes.count)))].filter { $0 == 10 }.count
      findings.append(
        Finding(
          kind: .badValue, file: file, line: line, byteOffset: ref.offset,
          message: "\(field): above the largest amount Krav accepts (or malformed); "
            + "the event is not folded"))
    }
    return findings
  }

  /// Plans a repair: for each journal with damaged lines, cut from the first one on.
  ///
  /// Lines after a damaged one may be fine, but their place in the chain cannot be trusted;
  /// they are moved to `quarantine/` (never deleted) so a person can recover them.
  public static func planRepair(at path: String, io: FileIO = SystemFileIO()) throws
    -> RepairPlan
  {
    let findings = try check(at: path, io: io)
    var plan = RepairPlan(
      cuts: [], manual: findings.filter { $0.kind == .badFile || $0.kind == .badValue })
    var firstByFile: [String: Finding] = [:]
    for f in findings where f.kind != .badFile && f.kind != .badValue {
      if let old = firstByFile[f.file], old.byteOffset <= f.byteOffset { continue }
      firstByFile[f.file] = f
    }
    for (file, first) in firstByFile.sorted(by: { $0.key < $1.key }) {
      let bytes = try io.readAll(path + "/" + file)
      let tail = bytes[Int(first.byteOffset)...]
      plan.cuts.append(
        RepairPlan.Cut(
          file: file, offset: first.byteOffset, size: UInt64(bytes.count), line: first.line,
          lines: tail.filter { $0 == 10 }.count, reason: first))
    }
    return plan
  }

  /// Carries out a plan from `planRepair`: per journal, take its lock, check it did not
  /// change, copy the cut part to `quarantine/<file>.<time>.cut` (fsynced), truncate, fsync.
  /// Returns the quarantine files written, relative to the store.
  public static func repair(
    at path: String, plan: RepairPlan, io: FileIO = SystemFileIO()
  ) throws -> [String] {
    let store = try openForInspection(at: path, io: io)
    var written: [String] = []
    for cut in plan.cuts {
      let writer = String(cut.file.dropFirst("journal/".count).dropLast(".jsonl".count))
      let fd = try io.open(path + "/" + cut.file, flags: O_RDWR, mode: 0)
      defer { io.close(fd) }
      guard try io.tryLock(fd) else {
        throw StoreError.journalInUse(file: cut.file, writer: writer)
      }
      guard try io.size(fd) == cut.size else { throw StoreError.stalePlan(file: cut.file) }
      var bytes = [UInt8](repeating: 0, count: Int(cut.size - cut.offset))
      let n = try bytes.withUnsafeMutableBytes { try io.read(fd, into: $0, at: cut.offset) }
      guard n == bytes.count else { throw StoreError.stalePlan(file: cut.file) }
      written.append(
        try store.quarantine(
          bytes, name: "\(writer).jsonl.at\(cut.offset)", kind: "cut"))
      try io.truncate(fd, to: cut.offset)
      try io.sync(fd, dataOnly: false)
    }
    return written
  }
}
