import KravCore

#if canImport(Glibc)
  import Glibc
#endif

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
    } catch StoreError.newerFormat(let version) {
      return [
        Finding(
          kind: .badFile, file: "krav-store.json", line: 0, byteOffset: 0,
          problem: .newerFormat(version: version))
      ]
    } catch StoreError.notAStore {
      return [
        Finding(
          kind: .badFile, file: "krav-store.json", line: 0, byteOffset: 0,
          problem: .storeFileMissing)
      ]
    }
    try store.discoverJournals()
    var outOfBound: [(EventRef, String)] = []
    var named = Set<String>()
    var findings = try store.scan(reportAllTornTails: true) { e, ref in
      Store.letterReferences(of: e, into: &named)
      if let a = e.amount, !Money.isWithinBound(ore: a) {
        outOfBound.append((ref, "amount"))
      } else if e.type == .rateSet, let a = e.amount, a > Ledger.maximumRateValue {
        outOfBound.append((ref, "amount"))
      } else if e.extra["instalments"] != nil, e.planInstalments == nil {
        outOfBound.append((ref, "instalments"))
      }
    }.findings
    findings += try store.valueFindings(outOfBound)
    findings += store.conflictFindings(try store.conflictCopies())
    findings += try store.inventoryFindings(named: named)
    for st in store.journals {
      if let status = try io.status(path + "/" + st.file), status.mode & 0o007 != 0 {
        findings.append(
          Finding(
            kind: .badFile, file: st.file, line: 0, byteOffset: 0,
            problem: .openToOthers(mode: UInt32(status.mode))))
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
          problem: .aboveBound(field: field)))
    }
    return findings
  }
}
