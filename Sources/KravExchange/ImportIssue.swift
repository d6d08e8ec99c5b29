import KravCore

/// One thing wrong in an imported file, reported as `file:line: field: what is wrong`.
///
/// Messages never quote a fødselsnummer (personal data stays out of error output).
public struct ImportIssue: Hashable, Sendable, CustomStringConvertible {
  public var file: String
  /// 1-based line in the file (the first line of a record that spans several).
  public var line: Int
  /// The column or record field at fault (`amount`, `record 30`, …).
  public var field: String
  public var message: String

  public init(file: String, line: Int, field: String, message: String) {
    self.file = file
    self.line = line
    self.field = field
    self.message = message
  }

  public var description: String { "\(file):\(line): \(field): \(message)" }
}

/// An import refused as a whole: every issue found, nothing written.
public struct ImportFailure: Error, Sendable, CustomStringConvertible {
  public var issues: [ImportIssue]
  public init(_ issues: [ImportIssue]) { self.issues = issues }
  public var description: String { issues.map(\.description).joined(separator: "\n") }
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
public func firstInvalidUTF8(_ bytes: [UInt8]) -> Int? {
  var parser = Unicode.UTF8.ForwardParser()
  var it = bytes.makeIterator()
  var offset = 0
  while true {
    switch parser.parseScalar(from: &it) {
    case .valid(let s): offset += s.count
    case .emptyInput: return nil
    case .error: return offset
    }
  }
}
