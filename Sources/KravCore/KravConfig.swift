/// The collector's config file, `$XDG_CONFIG_HOME/krav/config` (default
/// `~/.config/krav/config`): `key = value` lines giving the default store, user and language.
///
/// Blank lines and lines starting with `#` are skipped; a value may be quoted with `"`; a
/// leading `~/` in `store` is the home folder. Precedence, for each setting: the flag, then
/// the environment (`KRAV_STORE`, `KRAV_USER`, `KRAV_LANG`), then this file, then the default.
public struct KravConfig: Sendable, Equatable {
  public var store: String?
  public var user: String?
  public var lang: Language?

  public init(store: String? = nil, user: String? = nil, lang: Language? = nil) {
    self.store = store
    self.user = user
    self.lang = lang
  }

  /// The keys a config file may set.
  public static let keys = ["store", "user", "lang"]

  /// A bad line: printed as `FILE:LINE: problem`.
  public struct Problem: WordedError, Sendable, Equatable {
    /// What is wrong with the line.
    public enum Kind: Sendable, Equatable {
      case notKeyValue, unknownKey(String), setTwice(String), valueRequired(String)
      case storePath(String), userName(String), lang(String), notUTF8
      /// Worded once, in English (a reading error).
      case other(String)
    }
    public var file: String
    public var line: Int
    public var kind: Kind
    public init(file: String, line: Int, kind: Kind) {
      self.file = file
      self.line = line
      self.kind = kind
    }
    public init(file: String, line: Int, message: String) {
      self.init(file: file, line: line, kind: .other(message))
    }

    /// What is wrong, in English.
    public var message: String { detail(.en) }

    public func text(_ lang: Language) -> String { "\(file):\(line): \(detail(lang))" }

    func detail(_ lang: Language) -> String {
      let nb = lang == .nb
      let list = KravConfig.keys.joined(separator: ", ")
      switch kind {
      case .notKeyValue:
        return nb
          ? "forventet 'nøkkel = verdi' (nøkler: \(list))"
          : "expected 'key = value' (keys: \(list))"
      case .unknownKey(let k):
        return nb ? "ukjent nøkkel '\(k)' (nøkler: \(list))" : "unknown key '\(k)' (keys: \(list))"
      case .setTwice(let k): return nb ? "'\(k)' er satt to ganger" : "'\(k)' is set twice"
      case .valueRequired(let k):
        return nb ? "\(k): en verdi må oppgis" : "\(k): a value is required"
      case .storePath(let v):
        return nb
          ? "store: forventet en absolutt sti (eller ~/…), fikk '\(v)'"
          : "store: expected an absolute path (or ~/…), got '\(v)'"
      case .userName(let v):
        return nb
          ? "user: forventet bokstaver, sifre, '.', '_' eller '-', fikk '\(v)'"
          : "user: expected letters, digits, '.', '_' or '-', got '\(v)'"
      case .lang(let v):
        return nb
          ? "lang: forventet nb eller en, fikk '\(v)'" : "lang: expected nb or en, got '\(v)'"
      case .notUTF8: return nb ? "ikke UTF-8-tekst" : "not UTF-8 text"
      case .other(let m): return m
      }
    }
  }

  /// The config file's path for an environment (`XDG_CONFIG_HOME`, `HOME`).
  public static func path(environment env: [String: String]) -> String? {
    if let x = env["XDG_CONFIG_HOME"], x.hasPrefix("/") { return x + "/krav/config" }
    guard let home = env["HOME"], !home.isEmpty else { return nil }
    return home + "/.config/krav/config"
  }

  /// Parses a config file's text; the first bad line is the error (nothing is half-read).
  public static func parse(_ text: String, file: String, home: String? = nil) throws -> KravConfig {
    var config = KravConfig()
    var seen: Set<String> = []
    for (i, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
      let n = i + 1
      let line = raw.trimmingSpaces()
      if line.isEmpty || line.hasPrefix("#") { continue }
      func problem(_ k: Problem.Kind) -> Problem { Problem(file: file, line: n, kind: k) }
      guard let eq = line.firstIndex(of: "=") else {
        throw problem(.notKeyValue)
      }
      let key = String(line[..<eq]).trimmingSpaces().lowercased()
      var value = String(line[line.index(after: eq)...]).trimmingSpaces()
      if value.count >= 2, value.hasPrefix("\""), value.hasSuffix("\"") {
        value = String(value.dropFirst().dropLast())
      }
      guard keys.contains(key) else {
        throw problem(.unknownKey(key))
      }
      guard !seen.contains(key) else { throw problem(.setTwice(key)) }
      seen.insert(key)
      guard !value.isEmpty else { throw problem(.valueRequired(key)) }
      switch key {
      case "store":
        if value.hasPrefix("~/"), let home { value = home + value.dropFirst(1) }
        guard value.hasPrefix("/") else {
          throw problem(.storePath(value))
        }
        config.store = value
      case "user":
        guard isValidUser(value) else {
          throw problem(.userName(value))
        }
        config.user = value
      default:
        guard let l = Language(rawValue: value.lowercased()) else {
          throw problem(.lang(value))
        }
        config.lang = l
      }
    }
    return config
  }

  /// A collector name safe in a journal file name (as `--as` requires).
  public static func isValidUser(_ u: String) -> Bool {
    !u.isEmpty && u.count <= 64
      && u.unicodeScalars.allSatisfy {
        $0.isASCII
          && ($0.properties.isAlphabetic || ("0"..."9").contains($0)
            || "._-".unicodeScalars.contains($0))
      }
  }
}

extension StringProtocol {
  fileprivate func trimmingSpaces() -> String {
    let s = self.drop { $0 == " " || $0 == "\t" || $0 == "\r" }
    return String(s.reversed().drop { $0 == " " || $0 == "\t" || $0 == "\r" }.reversed())
  }
}
