#if canImport(Glibc)
  import Glibc
#endif

extension Store {
  /// The store-wide lock file of formal steps, relative to the store.
  public static let stepLockFile = "steps.lock"

  /// Runs `body` holding the store-wide lock of formal steps: an exclusive `flock` on
  /// `steps.lock` in the store folder, waited for (polled every 20 ms) while another session
  /// holds it, released when `body` returns or throws.
  ///
  /// Two bulk runs (two collectors, or a script and the TUI) therefore take turns: the second
  /// waits, then reads what the first appended (`refresh`) before it plans, and sends nothing
  /// twice. `flock` works between processes of one machine and on local and most network
  /// file systems of one server; a synced folder (Syncthing, Dropbox) has no shared lock, so
  /// two machines can still race: the fold keeps the second `step-triggered` as a conflict on
  /// the claim (shown by `show`, `queue` and the case screen), never applied twice.
  public func withStepLock<T>(_ body: () throws -> T) throws -> T {
    let fd = try io.open(
      root + "/" + Store.stepLockFile, flags: O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW,
      mode: permissions.fileMode)
    defer { io.close(fd) }  // closing the descriptor releases the flock
    while try !io.tryLock(fd) { usleep(20_000) }
    return try body()
  }
}
