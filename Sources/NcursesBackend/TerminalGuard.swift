import CNcursesw

/// The Swift face of the C safety net in `shim.h` that puts the terminal back on every exit
/// path: quit signals, Ctrl-Z/`fg`, crashes and `exit`.
///
/// The net's state must live in C (signal handlers read it), and it is file-static in the
/// shim header, so this is the only file allowed to call the `krav_guard_*` functions:
/// another Swift file would get a separate copy of that state.
enum TerminalGuard {
  /// Saves the shell's terminal settings and installs the signal handlers; call before
  /// `newterm`, so ncurses leaves those signals to us.
  static func begin() {
    krav_guard_begin()
  }

  /// Arms the crash/exit reset once the UI is up, with the captured stderr to replay.
  static func arm(stderrCopy: Int32, capture: Int32) {
    krav_guard_arm(stderrCopy, capture)
  }

  /// Disarms the net and restores the previous signal handlers (after `endwin`).
  static func end() {
    krav_guard_end()
  }

  /// True while a terminal is open; only one may be open at a time.
  static var isActive: Bool {
    krav_guard_is_active() != 0
  }

  /// The SIGINT/SIGTERM/SIGHUP that arrived, if any.
  static var pendingSignal: Int32? {
    let signal = krav_guard_pending_signal()
    return signal == 0 ? nil : signal
  }

  /// True (once) if a SIGTSTP arrived since the last call.
  static func takeSuspendRequest() -> Bool {
    krav_guard_take_suspend() != 0
  }

  /// Stops the process like the default SIGTSTP action and returns after SIGCONT.
  static func stopProcess() {
    krav_guard_stop_self()
  }
}
