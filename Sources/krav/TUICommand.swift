import ArgumentParser
import Foundation
import KravApp
import KravCore
import KravStore
import NcursesBackend
import TerminalUI

/// `krav` / `krav tui`: the terminal UI.
struct TUICommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "tui", abstract: "Open the terminal UI on the store (the default).")
  @OptionGroup var global: GlobalOptions

  func run() throws {
    try TUICommand.launch(global)
  }

  /// Opens the store and runs the interface until the collector quits.
  static func launch(_ global: GlobalOptions) throws {
    // `KRAV_TRACE=FILE`: where each frame's time goes, from start on (Docs/performance.md).
    let trace = ProcessInfo.processInfo.environment["KRAV_TRACE"].flatMap {
      LatencyTrace(path: $0)
    }
    let session = try Session.open(global, writing: true, interactive: true)
    trace?.mark("store open")
    let settings = try session.callSettings()
    let terminal: NcursesTerminal
    do {
      terminal = try NcursesTerminal.open(environment: ProcessInfo.processInfo.environment)
    } catch let refusal as TerminalError {
      // The backend's refusal is one line naming krav and what to do, in the run's language.
      let text = refusal.text(norwegian: global.language == .nb)
      FileHandle.standardError.write(Data("\(text)\n".utf8))
      Foundation.exit(1)
    } catch {
      FileHandle.standardError.write(Data("krav: \(errorText(error, global.language))\n".utf8))
      Foundation.exit(1)
    }
    trace?.mark("terminal")
    let pinned =
      global.todayFlag != nil || ProcessInfo.processInfo.environment["KRAV_TODAY"] != nil
      || ProcessInfo.processInfo.environment["KRAV_NOW"] != nil || global.nowFlag != nil
    let fixedToday = session.today
    let g = global
    // `--now` pins the time of day too (the call rules); otherwise it is the clock's.
    let pinnedMinute = (try? global.now()).flatMap { $0 }.map { $0.secondsOfDay / 60 }
    let clock = AppClock(
      today: { pinned ? fixedToday : OsloTime.today(now: Date()) },
      timestamp: { (try? g.timestamp()) ?? OsloTime.timestamp(now: Date()) },
      minuteOfDay: { pinnedMinute ?? OsloTime.local(now: Date()).secondsOfDay / 60 })
    var state = AppState(
      ledger: session.ledger, today: session.today, language: global.language, size: terminal.size,
      user: global.user, callSettings: settings, deferOverview: true)
    trace?.mark("state")
    state.creditor = session.creditor
    state.minuteOfDay = clock.minuteOfDay()
    state.colors = terminal.showsColors
    state.sender = session.sender
    if ProcessInfo.processInfo.environment["KRAV_TEST_CRASH"] == "1" {
      // For the end-to-end test of the crash path: draw once, then crash for real.
      terminal.draw(render(state, keymaps: Keymaps(state.catalogue)).buffer)
      fatalError("KRAV_TEST_CRASH: deliberate crash to test terminal restore")
    }
    var runner = EffectRunner(store: session, clock: clock)
    runner.language = global.language
    trace?.mark("settings")
    let status = runInteractive(state: state, terminal: terminal, runner: runner, trace: trace)
    terminal.restore()
    if status != 0 { Foundation.exit(status) }
  }
}

extension NcursesTerminal: TerminalDevice {
  public func placeCursor(_ point: Point?) {
    if let point { showCursor(at: point) } else { hideCursor() }
  }
}
