import Foundation

/// External programs the tests use (pdftotext, msmtp, python3 with aiosmtpd): found on the
/// PATH, or nil so a test can skip with the reason.
public enum Tool {
  /// The full path of `name` on the PATH, if it is there and executable.
  public static func find(_ name: String) -> String? {
    let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
    for dir in path.split(separator: ":") + ["/usr/bin", "/usr/local/bin"] {
      let p = "\(dir)/\(name)"
      if FileManager.default.isExecutableFile(atPath: p) { return p }
    }
    return nil
  }

  /// A python3 that can import aiosmtpd (the system one on Debian: a pyenv shim earlier on
  /// the PATH may lack it), or nil.
  public static let pythonWithAiosmtpd: String? = {
    var candidates = ["/usr/bin/python3"]
    if let p = find("python3") { candidates.append(p) }
    for p in candidates where FileManager.default.isExecutableFile(atPath: p) {
      if let r = try? ProcessRunner.run([p, "-c", "import aiosmtpd"]), r.status == 0 { return p }
    }
    return nil
  }()

  /// The text of a PDF (`pdftotext -layout`), pages separated by form feeds.
  public static func pdfText(_ path: String, layout: Bool = false) throws -> String {
    guard let tool = find("pdftotext") else { throw ToolMissing(name: "pdftotext") }
    let out = path + ".txt"
    defer { unlink(out) }
    let r = try ProcessRunner.run([tool] + (layout ? ["-layout"] : []) + [path, out])
    guard r.status == 0 else { throw ToolFailed(name: "pdftotext", output: r.output) }
    return try String(contentsOfFile: out, encoding: .utf8)
  }

  /// The text of each page of a PDF.
  public static func pdfPages(_ path: String) throws -> [String] {
    var pages = try pdfText(path).components(separatedBy: "\u{0C}")
    if pages.last?.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty == true {
      pages.removeLast()
    }
    return pages
  }

  public struct ToolMissing: Error, CustomStringConvertible {
    public var name: String
    public var description: String { "\(name) is not installed" }
  }

  public struct ToolFailed: Error, CustomStringConvertible {
    public var name: String
    public var output: String
    public var description: String { "\(name) failed: \(output)" }
  }
}
