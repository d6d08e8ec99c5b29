import Glibc

/// Sends fd 2 to an unlinked temp file while the UI is up, and replays it afterwards.
///
/// Anything written to stderr while ncurses owns the alternate screen would be painted over
/// or lost with it, including Swift's fatal-error message; replaying after `endwin` keeps it.
struct StderrCapture {
  /// A duplicate of the real stderr, used to put fd 2 back.
  let original: Int32
  /// The temp file fd 2 points to while capturing.
  let file: Int32

  /// Starts capturing, or returns `nil` (and leaves stderr alone) if that is not possible.
  static func start() -> StderrCapture? {
    var template = Array("/tmp/krav-stderr-XXXXXX".utf8CString)
    let file = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
    guard file >= 0 else { return nil }
    template.withUnsafeBufferPointer { _ = unlink($0.baseAddress!) }
    let original = dup(STDERR_FILENO)
    guard original >= 0, dup2(file, STDERR_FILENO) >= 0 else {
      close(file)
      if original >= 0 { close(original) }
      return nil
    }
    return StderrCapture(original: original, file: file)
  }

  /// Points fd 2 back at the real stderr and copies everything captured to it.
  func finish() {
    _ = dup2(original, STDERR_FILENO)
    close(original)
    defer { close(file) }
    guard lseek(file, 0, SEEK_SET) == 0 else { return }
    var chunk = [UInt8](repeating: 0, count: 4096)
    while true {
      let count = chunk.withUnsafeMutableBytes { read(file, $0.baseAddress, $0.count) }
      guard count > 0 else { break }
      _ = chunk.withUnsafeBytes { write(STDERR_FILENO, $0.baseAddress, count) }
    }
  }
}
