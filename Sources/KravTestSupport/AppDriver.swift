import Foundation
import KravApp
import KravCore
import TerminalUI

/// Runs the real update/render/effects headless, with a pinned day and size.
public struct AppDriver {
  public var state: AppState
  /// The store the app writes to and polls.
  public let appStore: AppStore
  /// The in-memory store most tests drive (only for a driver made with one).
  public var store: MemoryStore { appStore as! MemoryStore }
  public let keymaps: Keymaps
  public let runner: EffectRunner

  /// Starts the app on `store` as the Customers screen would open.
  ///
  /// The real app starts on the call list; the driver starts on the Customers screen unless
  /// told otherwise (`start: .calls`), as most tests drive that screen. `minute` pins the
  /// time of day for the call rules (default 10:00).
  public init(
    store: MemoryStore, today: Day, language: Language = .nb,
    size: Size = Size(width: 100, height: 30), start: StartScreen = .customers,
    minute: Int = 10 * 60, sender: MailSender? = nil
  ) {
    self.init(
      appStore: store, ledger: store.ledger, today: today, language: language, size: size,
      start: start, minute: minute, sender: sender)
  }

  /// Starts the app on any store (a real one through `StoreAdapter`) with its folded ledger.
  public init(
    appStore: AppStore, ledger: Ledger, today: Day, language: Language = .nb,
    size: Size = Size(width: 100, height: 30), start: StartScreen = .customers,
    minute: Int = 10 * 60, sender: MailSender? = nil
  ) {
    self.appStore = appStore
    state = AppState(
      ledger: ledger, today: today, language: language, size: size, start: start)
    state.readOnlyReason = appStore.readOnlyReason
    state.minuteOfDay = minute
    state.sender = sender
    state.creditor = AppDriver.creditor
    keymaps = Keymaps(state.catalogue)
    let stamp = "\(today.iso)T10:00:00+01:00"
    var runner = EffectRunner(
      store: appStore, clock: AppClock(today: { today }, timestamp: { stamp }))
    // The runner words its own status lines and store errors in the app's language.
    runner.language = language
    self.runner = runner
  }

  /// The creditor the headless app's letters name.
  public static let creditor = Creditor(
    name: "Fjordkraft Regnskap AS", orgnr: "123456785", account: "86011117947",
    email: "inkasso@fjordregnskap.no", phone: "22 33 44 55", address: "Storgata 1, 0155 Oslo")

  /// Sends one message and runs its effects.
  public mutating func send(_ msg: Msg) { dispatch(&state, msg, keymaps: keymaps, runner: runner) }

  /// Looks at the store as the interactive loop's tick does, and shows what changed.
  public mutating func poll() {
    for m in pollMessages(state, store: appStore) { send(m) }
  }

  /// Presses keys in order.
  public mutating func press(_ keys: Key...) { for k in keys { send(.key(k)) } }

  /// Types text character by character (æøå included).
  public mutating func type(_ text: String) { for c in text { send(.key(.char(c))) } }

  /// The screen as plain text rows.
  public var screen: [String] { render(state, keymaps: keymaps).buffer.lines() }

  /// The screen as one string, rows joined by newlines (for `contains` checks).
  public var screenText: String { screen.joined(separator: "\n") }

  /// Compares the screen with `Snapshots/<name>.txt` next to the calling test file; with
  /// `RECORD_SNAPSHOTS=1` it writes the file instead. Returns a difference description or nil.
  public func snapshotMismatch(_ name: String, file: String = #filePath) -> String? {
    let dir = URL(fileURLWithPath: file).deletingLastPathComponent().appendingPathComponent(
      "Snapshots")
    let url = dir.appendingPathComponent("\(name).txt")
    let actual =
      "# \(state.size.width)x\(state.size.height)\n" + screen.joined(separator: "\n") + "\n"
    if ProcessInfo.processInfo.environment["RECORD_SNAPSHOTS"] == "1" {
      try? FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
      try? actual.write(to: url, atomically: true, encoding: .utf8)
      return nil
    }
    guard let expected = try? String(contentsOf: url, encoding: .utf8) else {
      return "missing snapshot \(url.path); run with RECORD_SNAPSHOTS=1"
    }
    guard expected != actual else { return nil }
    return "snapshot \(name) differs:\n--- expected\n\(expected)--- actual\n\(actual)"
  }
}
