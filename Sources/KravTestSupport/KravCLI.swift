import Foundation

/// Runs the real `krav` binary (the debug build) on a fresh store in a temporary folder, with a
/// pinned clock: the end-to-end tests' one harness.
///
/// The store is `<dir>/store`; `dir` also holds the input files a test writes with `file(_:_:)`.
/// Each command runs with `KRAV_STORE`, `KRAV_USER` and `LANG=C.UTF-8` set, and either
/// `KRAV_TODAY` (the day) or, when a moment is given, `KRAV_NOW` with `KRAV_TODAY` removed.
public struct KravCLI: Sendable {
  /// A command that should have succeeded but did not (or printed no JSON): the error names it.
  public struct Failure: Error, CustomStringConvertible {
    public let description: String
  }

  /// The temporary folder; removed by `cleanUp()`.
  public let dir: String
  /// The store the commands work on.
  public var store: String { dir + "/store" }
  /// The krav binary under test.
  public let binary: String
  /// The day every command runs on unless it names its own (`KRAV_TODAY`).
  public let today: String
  /// The moment every command runs at unless it names its own (`KRAV_NOW`); when set (here or
  /// per command) it replaces `today`.
  public let now: String?
  /// Who runs the commands (`KRAV_USER`) unless a command says otherwise.
  public let user: String

  /// A harness on a fresh store (the folder is created; the store is not: run `init`).
  public init(
    _ name: String = "cli", today: String = "2026-11-30", now: String? = nil, user: String = "kari"
  ) {
    dir =
      FileManager.default.temporaryDirectory
      .appendingPathComponent("krav-\(name)-\(UUID().uuidString)").path
    try? FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    binary = KravCLI.debugBinary
    self.today = today
    self.now = now
    self.user = user
  }

  /// The debug krav binary of this package.
  public static var debugBinary: String { ProcessRunner.packageRoot() + "/.build/debug/krav" }

  /// Whether the binary has been built.
  public var isAvailable: Bool { FileManager.default.isExecutableFile(atPath: binary) }

  /// Why a test that needs the binary is skipped (`Test.cancel`) when it is missing.
  public static var missingBinary: String {
    "no krav binary at \(debugBinary): run swift build first"
  }

  /// Runs `krav args` and returns its exit status and everything it printed.
  public func run(
    _ args: [String], today: String? = nil, now: String? = nil, as user: String? = nil
  ) throws -> (status: Int32, output: String) {
    var env = ProcessInfo.processInfo.environment
    env["KRAV_STORE"] = store
    if let moment = now ?? self.now {
      env["KRAV_NOW"] = moment
      env.removeValue(forKey: "KRAV_TODAY")
    } else {
      env["KRAV_TODAY"] = today ?? self.today
    }
    env["KRAV_USER"] = user ?? self.user
    env["LANG"] = "C.UTF-8"
    return try ProcessRunner.run([binary] + args, environment: env)
  }

  /// Runs `krav args --json`, which must succeed, and parses what it printed.
  public func json(_ args: [String], today: String? = nil, now: String? = nil) throws -> Any {
    let r = try run(args + ["--json"], today: today, now: now)
    guard r.status == 0 else {
      throw Failure(description: "krav \(args.joined(separator: " ")) failed: \(r.output)")
    }
    return try JSONSerialization.jsonObject(with: Data(r.output.utf8))
  }

  /// Runs each command in turn (the set-up of a test); each must succeed.
  public func runAll(_ commands: [[String]]) throws {
    for args in commands {
      let r = try run(args)
      guard r.status == 0 else { throw Failure(description: "\(args): \(r.output)") }
    }
  }

  /// The names of the files in a folder of the store, sorted.
  public func files(_ sub: String) -> [String] {
    ((try? FileManager.default.contentsOfDirectory(atPath: store + "/" + sub)) ?? []).sorted()
  }

  /// Every journal's text, the journals in name order.
  public func journal() -> String {
    files("journal").map {
      (try? String(contentsOfFile: store + "/journal/" + $0, encoding: .utf8)) ?? ""
    }.joined()
  }

  /// Every journal file's bytes, by name: a failed command must leave them identical.
  public func journals() throws -> [String: Data] {
    var out: [String: Data] = [:]
    for f in try FileManager.default.contentsOfDirectory(atPath: store + "/journal") {
      out[f] = try Data(contentsOf: URL(fileURLWithPath: store + "/journal/" + f))
    }
    return out
  }

  /// The journals' total size in bytes, to prove a failed command wrote nothing.
  public func journalBytes() -> Int {
    files("journal").reduce(0) {
      $0
        + ((try? FileManager.default.attributesOfItem(atPath: store + "/journal/" + $1)[.size]
          as? Int) ?? 0)
    }
  }

  /// Writes a file in the test folder (outside the store) and returns its path.
  public func file(_ name: String, _ text: String) throws -> String {
    let path = dir + "/" + name
    try Data(text.utf8).write(to: URL(fileURLWithPath: path))
    return path
  }

  /// Removes the temporary folder and the store in it.
  public func cleanUp() { try? FileManager.default.removeItem(atPath: dir) }

  /// Runs `scripts/<script>` (a tmux end-to-end script) against the debug binary; nil when the
  /// binary has not been built.
  public static func runScript(_ script: String) throws -> (status: Int32, output: String)? {
    let root = ProcessRunner.packageRoot()
    guard FileManager.default.isExecutableFile(atPath: debugBinary) else { return nil }
    return try ProcessRunner.run(["bash", root + "/scripts/" + script, debugBinary])
  }
}
