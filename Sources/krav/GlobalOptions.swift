import ArgumentParser
import Foundation
import KravCore

/// Options every command takes (cli.md "Global options"), each with its environment variable.
struct GlobalOptions: ParsableArguments {
  @Option(name: .customLong("store"), help: "The store folder (env KRAV_STORE).")
  var storeFlag: String?

  @Option(
    name: .customLong("today"), help: "The day Krav treats as today, YYYY-MM-DD (env KRAV_TODAY).")
  var todayFlag: String?

  @Option(
    name: .customLong("now"),
    help: "The moment treated as now, YYYY-MM-DDTHH:MM Europe/Oslo (env KRAV_NOW).")
  var nowFlag: String?

  @Option(
    name: .customLong("as"),
    help: "The collector acting; names this writer's journal (env KRAV_USER).")
  var userFlag: String?

  @Option(name: .customLong("lang"), help: "Interface language: nb or en (else from LANG).")
  var langFlag: String?

  @Flag(name: .customLong("json"), help: "Machine-readable output on stdout.")
  var json = false

  @Option(
    name: .customLong("request-id"),
    help:
      "An id for this change, chosen by the caller: repeating the command with the same id (after a crash or a timeout) records it once."
  )
  var requestId: String?

  private var env: [String: String] { ProcessInfo.processInfo.environment }

  /// The config file, read once per process (`KravConfig`); a bad line is an error.
  static let configFile: Result<KravConfig, KravConfig.Problem> = {
    let env = ProcessInfo.processInfo.environment
    guard let path = KravConfig.path(environment: env),
      let data = FileManager.default.contents(atPath: path)
    else { return .success(KravConfig()) }
    guard let text = String(data: data, encoding: .utf8) else {
      return .failure(.init(file: path, line: 1, kind: .notUTF8))
    }
    do {
      return .success(try KravConfig.parse(text, file: path, home: env["HOME"]))
    } catch let p as KravConfig.Problem {
      return .failure(p)
    } catch {
      return .failure(.init(file: path, line: 1, message: "\(error)"))
    }
  }()

  /// The config file's settings (empty when it is missing or bad: `validate` reports a bad one).
  var config: KravConfig { (try? GlobalOptions.configFile.get()) ?? KravConfig() }

  mutating func validate() throws {
    // Check every value before anything is written, and name the option and its form.
    if case .failure(let p) = GlobalOptions.configFile {
      throw ValidationError(p.text(CLIText.current))
    }
    _ = try today()
    if let l = langFlag, Language(rawValue: l.lowercased()) == nil {
      throw CLIText.expected(option: "--lang", .langs, got: l).invalid
    }
    if let r = requestId, !GlobalOptions.isValidUser(r) {
      throw CLIText.expected(option: "--request-id", .requestId, got: r).invalid
    }
    if let u = userFlag, !GlobalOptions.isValidUser(u) {
      throw CLIText.expected(option: "--as", .userName, got: u).invalid
    }
  }

  /// A collector name safe to use in a journal file name.
  static func isValidUser(_ u: String) -> Bool {
    !u.isEmpty && u.count <= 64
      && u.unicodeScalars.allSatisfy {
        CharacterSet.alphanumerics.contains($0) && $0.isASCII || "._-".unicodeScalars.contains($0)
      }
  }

  /// The store folder: `--store`, `KRAV_STORE`, the config file's `store`,
  /// `$XDG_DATA_HOME/krav`, `~/.local/share/krav`.
  var storePath: String {
    if let s = storeFlag ?? env["KRAV_STORE"], !s.isEmpty { return s }
    if let s = config.store { return s }
    if let x = env["XDG_DATA_HOME"], !x.isEmpty { return x + "/krav" }
    return NSHomeDirectory() + "/.local/share/krav"
  }

  /// The moment treated as now (`--now`, `KRAV_NOW`), if given.
  func now() throws -> (day: Day, secondsOfDay: Int)? {
    let source = nowFlag != nil ? "--now" : "KRAV_NOW"
    guard let text = nowFlag ?? env["KRAV_NOW"], !text.isEmpty else { return nil }
    guard let date = OsloTime.parse(now: text) else {
      throw CLIText.expected(option: source, .moment, got: text).invalid
    }
    return OsloTime.local(now: date)
  }

  /// The day treated as today: `--today`, `KRAV_TODAY`, the day of `--now`, else the clock's
  /// day in Europe/Oslo.
  func today() throws -> Day {
    let source = todayFlag != nil ? "--today" : "KRAV_TODAY"
    if let text = todayFlag ?? env["KRAV_TODAY"], !text.isEmpty {
      guard let d = Day(parsing: text) else {
        throw CLIText.expected(option: source, .dayFormat, got: text).invalid
      }
      return d
    }
    if let n = try now() { return n.day }
    return OsloTime.today(now: Date())
  }

  /// The collector acting: `--as`, `KRAV_USER`, the config file's `user`, else the login name.
  var user: String {
    if let u = userFlag ?? env["KRAV_USER"], !u.isEmpty { return u }
    if let u = config.user { return u }
    return env["USER"] ?? env["LOGNAME"] ?? "krav"
  }

  /// The interface language.
  /// `--lang`, `KRAV_LANG`, the config file's `lang`, else the locale (`LC_ALL`, `LANG`).
  var language: Language {
    let flag = langFlag ?? env["KRAV_LANG"].flatMap { $0.isEmpty ? nil : $0 }
    return Language.resolve(
      flag: flag ?? config.lang?.rawValue, locale: env["LC_ALL"] ?? env["LANG"])
  }

  /// The timestamp for events written now: `--now`/`--today` pin it so demos and tests repeat.
  func timestamp() throws -> String {
    if let n = try now() { return OsloTime.timestamp(day: n.day, secondsOfDay: n.secondsOfDay) }
    if todayFlag != nil || env["KRAV_TODAY"].map({ !$0.isEmpty }) == true {
      // A pinned day keeps the clock's time of day so that events still sort in order.
      let clock = Date()
      return OsloTime.timestamp(
        day: try today(), secondsOfDay: OsloTime.local(now: clock).secondsOfDay,
        millis: OsloTime.milliseconds(of: clock))
    }
    return OsloTime.timestamp(now: Date())
  }
}
