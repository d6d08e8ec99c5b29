import KravCore

/// One thing wrong in an imported file, reported as `file:line: field: what is wrong`.
///
/// Messages never quote a fødselsnummer (personal data stays out of error output). What is
/// wrong is a value (`ImportProblem`) worded in the run's language (issue 20); `description`
/// is the English.
public struct ImportIssue: Hashable, Sendable, CustomStringConvertible {
  public var file: String
  /// 1-based line in the file (the first line of a record that spans several).
  public var line: Int
  /// The column or record field at fault (`amount`, `record 30`, …).
  public var field: String
  public var problem: ImportProblem

  public init(file: String, line: Int, field: String, problem: ImportProblem) {
    self.file = file
    self.line = line
    self.field = field
    self.problem = problem
  }

  /// An issue worded once, in English (the bank files' record-level parser details).
  public init(file: String, line: Int, field: String, message: String) {
    self.init(file: file, line: line, field: field, problem: .detail(message))
  }

  /// What is wrong, in English.
  public var message: String { problem.text(.en) }

  /// `file:line: field: what is wrong` in `lang`.
  public func text(_ lang: Language) -> String {
    "\(file):\(line): \(field): \(problem.text(lang))"
  }

  public var description: String { text(.en) }
}

/// An import refused as a whole: every issue found, nothing written.
public struct ImportFailure: WordedError, Sendable {
  public var issues: [ImportIssue]
  /// For a customer file: the ids of rows that were correct (a file planned in the same run,
  /// the invoices, may count them as known), and each bad row's id with its first issue (the
  /// invoices that name it report that root error once instead of "no such customer").
  public var validKeys: Set<String> = []
  public var failedKeys: [String: ImportIssue] = [:]
  public init(_ issues: [ImportIssue]) { self.issues = issues }
  public func text(_ lang: Language) -> String {
    issues.map { $0.text(lang) }.joined(separator: "\n")
  }
}

/// 64-bit FNV-1a of bytes as 16 hex digits: a file's fingerprint in event ids (not security).
public func fingerprint(_ bytes: [UInt8]) -> String {
  var h: UInt64 = 0xcbf2_9ce4_8422_2325
  for b in bytes {
    h ^= UInt64(b)
    h = h &* 0x100_0000_01b3
  }
  let hex = String(h, radix: 16)
  return String(repeating: "0", count: 16 - hex.count) + hex
}

/// The offset of the first byte that is not valid UTF-8, or nil when all of it is.
///
/// On the bytes, without the standard library's generic parser: a 100 MB bank file passes
/// through here, and the debug build (the tests) spent half a camt.054 parse in the generic one.
public func firstInvalidUTF8(_ bytes: [UInt8]) -> Int? {
  bytes.withUnsafeBufferPointer { b -> Int? in
    var i = 0
    let n = b.count
    while i < n {
      let c = b[i]
      if c < 0x80 {
        i += 1
        continue
      }
      let length: Int
      var low: UInt8 = 0x80
      var high: UInt8 = 0xbf
      switch c {
      case 0xc2...0xdf: length = 2
      case 0xe0:
        length = 3
        low = 0xa0
      case 0xe1...0xec, 0xee...0xef: length = 3
      case 0xed:
        length = 3
        high = 0x9f
      case 0xf0:
        length = 4
        low = 0x90
      case 0xf1...0xf3: length = 4
      case 0xf4:
        length = 4
        high = 0x8f
      default: return i
      }
      guard i + length <= n, b[i + 1] >= low, b[i + 1] <= high else { return i }
      for k in 2..<max(2, length) where b[i + k] < 0x80 || b[i + k] > 0xbf { return i }
      i += length
    }
    return nil
  }
}
