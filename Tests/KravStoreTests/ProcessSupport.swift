import Glibc

/// The `krav-bench` binary built next to the test bundle, if it exists.
enum BenchBinary {
  static let path: String? = {
    var buffer = [CChar](repeating: 0, count: 4096)
    let n = readlink("/proc/self/exe", &buffer, buffer.count - 1)
    guard n > 0 else { return nil }
    let exe = String(decoding: buffer[0..<n].map { UInt8(bitPattern: $0) }, as: UTF8.self)
    var dir = exe
    // The test bundle may be a file or a folder (…/KravPackageTests.xctest/…); walk up.
    while dir.count > 1 {
      dir = String(dir[..<(dir.lastIndex(of: "/") ?? dir.startIndex)])
      let candidate = dir + "/krav-bench"
      if access(candidate, X_OK) == 0 { return candidate }
      if dir.hasSuffix("/.build") { break }
    }
    return nil
  }()

  static let missing = "krav-bench is not built next to the tests; run `swift build` first"
}

/// A child process started with posix_spawn (Foundation's Process can hang under swift test),
/// with an empty signal mask, default signal handlers and stdout/stderr sent to files.
struct Child {
  let pid: pid_t

  static func spawn(
    _ args: [String], stdout: String, stderr: String, environment: [String] = []
  ) -> Child? {
    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
    posix_spawn_file_actions_addopen(&actions, 1, stdout, O_WRONLY | O_CREAT | O_APPEND, 0o600)
    posix_spawn_file_actions_addopen(&actions, 2, stderr, O_WRONLY | O_CREAT | O_APPEND, 0o600)
    var attr = posix_spawnattr_t()
    posix_spawnattr_init(&attr)
    defer { posix_spawnattr_destroy(&attr) }
    var empty = sigset_t()
    sigemptyset(&empty)
    var all = sigset_t()
    sigfillset(&all)
    posix_spawnattr_setsigmask(&attr, &empty)
    posix_spawnattr_setsigdefault(&attr, &all)
    posix_spawnattr_setflags(&attr, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))
    let env = ["PATH=/usr/bin:/bin", "SWIFT_BACKTRACE=enable=no", "LANG=C.UTF-8"] + environment
    let argv = args.map { strdup($0) } + [nil]
    let envp = env.map { strdup($0) } + [nil]
    defer {
      argv.forEach { free($0) }
      envp.forEach { free($0) }
    }
    var pid = pid_t()
    guard posix_spawn(&pid, args[0], &actions, &attr, argv, envp) == 0 else { return nil }
    return Child(pid: pid)
  }

  /// Sends SIGKILL.
  func kill9() { kill(pid, SIGKILL) }

  /// Waits for the child; returns its exit code, or 128 + signal if it was killed.
  @discardableResult
  func wait() -> Int32 {
    var status: Int32 = 0
    while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
    let signal = status & 0x7f
    return signal == 0 ? (status >> 8) & 0xff : 128 + signal
  }
}

/// Complete lines of a text file (a last line without `\n` is left out).
func completeLines(_ path: String) -> [String] {
  let bytes = Fixtures.readFile(path)
  guard let last = bytes.lastIndex(of: 10) else { return [] }
  return bytes[...last].split(separator: 10).map { String(decoding: $0, as: UTF8.self) }
}
