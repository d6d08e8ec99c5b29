import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// Runs a program to completion with `posix_spawn`, output to a file.
///
/// Not Foundation's `Process`: started from `swift test`, it can hang when the child (tmux)
/// inherits a descriptor Foundation watches, and children inherit a blocked signal mask
/// (platform-notes.md). Here the child gets an empty signal mask and default handlers.
public enum ProcessRunner {
  /// The exit status (or 128 + signal) and everything the program printed.
  public static func run(_ argv: [String], environment: [String: String]? = nil)
    throws -> (status: Int32, output: String)
  {
    let out = FileManager.default.temporaryDirectory
      .appendingPathComponent("krav-run-\(UUID().uuidString).log").path
    defer { unlink(out) }
    let pid = try spawn(
      argv, environment: environment ?? ProcessInfo.processInfo.environment, output: out)
    var status: Int32 = 0
    while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
    let output = (try? String(contentsOfFile: out, encoding: .utf8)) ?? ""
    let code = (status & 0x7f) == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f)
    return (code, output)
  }

  /// Starts `argv` (looked up in `PATH`) with stdin from /dev/null, stdout and stderr into
  /// the file `output` (0600), an empty signal mask and default handlers; returns its PID for
  /// the caller to wait for or stop.
  public static func spawn(_ argv: [String], environment: [String: String], output: String)
    throws -> pid_t
  {
    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
    posix_spawn_file_actions_addopen(&actions, 1, output, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
    posix_spawn_file_actions_adddup2(&actions, 1, 2)
    var attr = posix_spawnattr_t()
    posix_spawnattr_init(&attr)
    defer { posix_spawnattr_destroy(&attr) }
    var empty = sigset_t()
    sigemptyset(&empty)
    posix_spawnattr_setsigmask(&attr, &empty)
    var all = sigset_t()
    sigfillset(&all)
    posix_spawnattr_setsigdefault(&attr, &all)
    posix_spawnattr_setflags(&attr, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))
    var cArgs = argv.map { strdup($0) } + [nil]
    var cEnv = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
    defer {
      cArgs.forEach { free($0) }
      cEnv.forEach { free($0) }
    }
    var pid: pid_t = 0
    let rc = posix_spawnp(&pid, argv[0], &actions, &attr, &cArgs, &cEnv)
    guard rc == 0 else { throw POSIXError(POSIXErrorCode(rawValue: rc) ?? .EIO) }
    return pid
  }

  /// The package root (the folder holding Package.swift), found from a source file's path.
  public static func packageRoot(from file: String = #filePath) -> String {
    var url = URL(fileURLWithPath: file).deletingLastPathComponent()
    while url.path != "/" {
      if FileManager.default.fileExists(atPath: url.appendingPathComponent("Package.swift").path) {
        return url.path
      }
      url.deleteLastPathComponent()
    }
    return FileManager.default.currentDirectoryPath
  }
}
