import CNcursesw
import Foundation
import TerminalUI

/// The real terminal, through ncursesw: the only type in Krav that owns C state.
///
/// It turns keypresses into `Key` values and writes `Buffer` frames (only what changed), and
/// it guarantees the terminal is put back on every exit path: `restore()` (idempotent), quit
/// signals (polled through `pendingSignal`), Ctrl-Z/`fg` (`suspend()`), crash signals (reset
/// from an async-signal-safe C handler, then the crash proceeds) and `exit` (an `atexit`
/// hook). Stderr goes to a temp file while the UI is up and is replayed after it, so error
/// messages are not lost with the alternate screen.
///
/// A crash after the reset still runs Swift's backtracer, which by default waits 30 s for a
/// key. It reads `SWIFT_BACKTRACE` when the process starts, so `setenv` in `main` is too late
/// (checked): launch with `SWIFT_BACKTRACE=interactive=no` in the environment, or have `main`
/// set it and `execv("/proc/self/exe", argv)` once when it is missing.
///
/// The app's run loop:
///
/// ```swift
/// let terminal = try NcursesTerminal.open()
/// defer { terminal.restore() }
/// while true {
///   if let signal = terminal.pendingSignal {
///     terminal.restore()
///     exit(128 + signal)
///   }
///   terminal.draw(render(state, terminal.size))   // e.g. also showCursor(at:) for inputs
///   guard let key = terminal.readKey(timeoutMilliseconds: 250) else {
///     tick(&state); continue                      // timeout: check journals, clock
///   }
///   if key == .ctrl("z") { terminal.suspend(); continue }  // raw mode: no SIGTSTP from ^Z
///   update(&state, key)                           // .resize: just redraw at the new size
/// }
/// ```
///
/// Only one terminal can be open at a time, and it must be used from one thread.
public final class NcursesTerminal {
  /// The ncurses SCREEN (an opaque C pointer).
  private var screen: OpaquePointer?
  /// The last frame written, for diffing; `nil` forces a full redraw.
  var previous: Buffer?
  /// Where the cursor should be shown after drawing, or `nil` to hide it.
  var cursor: Point?
  /// Color pairs allocated so far.
  var colors: ColorPalette
  /// The stderr redirection, undone in `restore()`.
  private var stderrCapture: StderrCapture?
  /// Set once `restore()` ran.
  private(set) var isRestored = false

  /// The terminal's current size in cells; render frames at this size.
  ///
  /// Read from ncurses each time, which tracks SIGWINCH, so it is right even before the
  /// `.resize` key has been read.
  public var size: Size {
    guard !isRestored else { return .zero }
    var rows: Int32 = 0
    var columns: Int32 = 0
    krav_getmaxyx(krav_stdscr(), &rows, &columns)
    return Size(width: Int(columns), height: Int(rows))
  }

  private init(screen: OpaquePointer, colors: ColorPalette, stderrCapture: StderrCapture?) {
    self.screen = screen
    self.colors = colors
    self.stderrCapture = stderrCapture
  }

  deinit {
    restore()
  }

  /// How long (ms) curses waits after an `Esc` byte for the rest of an escape sequence (an
  /// arrow key is `Esc O B`) before it takes the byte as the Esc key. `Esc` can never answer
  /// sooner, so it is short: 10 ms (issue 20: `Esc` within 30 ms). A terminal always sends a
  /// key's bytes in one write, so on a local terminal or a LAN 10 ms is plenty; over a slow
  /// link set `ESCDELAY` (ms, as curses reads it) higher, e.g. `ESCDELAY=100 krav`.
  static func escapeDelay(_ environment: [String: String]) -> Int {
    if let v = environment["ESCDELAY"].flatMap({ Int($0) }), v >= 0, v <= 10_000 { return v }
    return 10
  }
  /// Starts the full-screen UI, or throws a `TerminalError` with a one-line reason.
  ///
  /// Refuses when stdin or stdout is not a terminal, or `TERM` is unset, `dumb`, unknown to
  /// terminfo, or lacks cursor addressing; a script should use the CLI subcommands instead.
  /// Switches `LC_CTYPE` to C.UTF-8 when the locale is not UTF-8 (otherwise ncurses drops
  /// æøå). Colors are used only if the terminal has them and `NO_COLOR` is unset or empty;
  /// without colors, styles fall back to bold/reverse/underline/dim.
  public static func open(
    environment: [String: String] = ProcessInfo.processInfo.environment
  ) throws -> NcursesTerminal {
    guard isatty(STDIN_FILENO) == 1, isatty(STDOUT_FILENO) == 1 else {
      throw TerminalError(.notATerminal)
    }
    let term = environment["TERM"] ?? ""
    guard !term.isEmpty, term != "dumb" else {
      throw TerminalError(.noTerm(term))
    }
    guard !TerminalGuard.isActive else {
      throw TerminalError(.alreadyOpen)
    }
    setlocale(LC_ALL, "")
    if krav_codeset_is_utf8() == 0 { setlocale(LC_CTYPE, "C.UTF-8") }

    TerminalGuard.begin()
    guard let screen = term.withCString({ krav_newterm($0) }) else {
      TerminalGuard.end()
      throw TerminalError(.unknownTerm(term))
    }
    guard krav_has_cursor_addressing() != 0 else {
      endwin()
      delscreen(screen)
      TerminalGuard.end()
      throw TerminalError(.noCursorAddressing(term))
    }
    raw()
    noecho()
    nonl()
    keypad(krav_stdscr(), true)
    krav_set_escdelay(Int32(NcursesTerminal.escapeDelay(environment)))
    curs_set(0)
    defineFallbackKeys()

    let noColor = !(environment["NO_COLOR"] ?? "").isEmpty
    var palette = ColorPalette(enabled: false, colorCount: 0, pairLimit: 0)
    if !noColor && has_colors() {
      start_color()
      use_default_colors()
      palette = ColorPalette(
        enabled: true, colorCount: Int(krav_colors()), pairLimit: Int(krav_color_pairs()))
    }
    let capture = StderrCapture.start()
    TerminalGuard.arm(stderrCopy: capture?.original ?? -1, capture: capture?.file ?? -1)
    return NcursesTerminal(screen: screen, colors: palette, stderrCapture: capture)
  }

  /// Whether colours are drawn (the terminal has them and `NO_COLOR` is unset or empty).
  public var showsColors: Bool { colors.enabled }

  /// The SIGINT/SIGTERM/SIGHUP received, if any: restore and exit with 128 + signal.
  public var pendingSignal: Int32? {
    TerminalGuard.pendingSignal
  }

  /// Leaves the UI: `endwin`, frees the screen, restores signal handlers and replays any
  /// captured stderr. Safe to call more than once; later calls do nothing.
  public func restore() {
    guard !isRestored else { return }
    isRestored = true
    endwin()
    if let screen { delscreen(screen) }
    screen = nil
    TerminalGuard.end()
    stderrCapture?.finish()
    stderrCapture = nil
  }

  /// Suspends the process like Ctrl-Z in a shell, then comes back into the UI after `fg`.
  ///
  /// In raw mode Ctrl-Z arrives as the key `.ctrl("z")`, so the app calls this itself; a
  /// SIGTSTP from outside (`kill -TSTP`) is handled the same way inside `readKey`. The next
  /// `draw` repaints everything, and keypad mode is switched back on (it is lost across `fg`).
  public func suspend() {
    guard !isRestored else { return }
    endwin()
    TerminalGuard.stopProcess()
    refresh()
    keypad(krav_stdscr(), true)
    previous = nil
  }

  /// Teaches ncurses the Home/End sequences that terminals send but terminfo entries often
  /// omit (tmux sends "\e[1~" under TERM=xterm-256color, whose entry says "\eOH"); an
  /// unknown sequence would otherwise arrive as Esc plus letters and trigger "back".
  private static func defineFallbackKeys() {
    let sequences: [(String, Int32)] = [
      ("\u{1B}[1~", KEY_HOME), ("\u{1B}[7~", KEY_HOME), ("\u{1B}[H", KEY_HOME),
      ("\u{1B}OH", KEY_HOME), ("\u{1B}[4~", KEY_END), ("\u{1B}[8~", KEY_END),
      ("\u{1B}[F", KEY_END), ("\u{1B}OF", KEY_END), ("\u{1B}[Z", KEY_BTAB),
    ]
    for (sequence, code) in sequences where key_defined(sequence) == 0 {
      define_key(sequence, code)
    }
  }

  /// Asks for a full repaint on the next `draw` (e.g. after Ctrl-L).
  public func invalidate() {
    previous = nil
  }
}
