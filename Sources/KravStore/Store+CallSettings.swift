import Foundation
import KravCore

/// The call-list settings file and the e-mail drafts in `letters/` (issue 5).
///
/// `call-settings.json` (optional; absent = `CallSettings.standard`) holds the creditor's office
/// hours, the per-debtor limits and the ranking weights. It is
/// replaced atomically by `krav calls config` after the values were checked against the legal
/// frame. Drafts are new files, written and fsynced (file and folder) before the event that
/// names them is appended (through `writeDocuments`, the one durable letter writer): an
/// acknowledged event never points at a missing draft.
extension Store {
  /// The settings file's name in the store folder.
  public static let callSettingsFile = "call-settings.json"

  /// The call settings, or the standard ones when the file does not exist.
  ///
  /// A file that cannot be read or breaks the legal frame is an error naming the file and field.
  public func callSettings() throws -> CallSettings {
    try Store.callSettings(root: root, io: io)
  }

  static func callSettings(root: String, io: FileIO) throws -> CallSettings {
    let path = root + "/" + Store.callSettingsFile
    guard try io.status(path) != nil else { return .standard }
    let bytes = try io.readAll(path)
    let settings: CallSettings
    func fail(_ p: CallSettingsError.Problem) -> CallSettingsError {
      CallSettingsError(file: Store.callSettingsFile, problem: p)
    }
    do {
      settings = try JSONDecoder().decode(CallSettings.self, from: Data(bytes))
    } catch let p as CallSettings.ValueProblem {
      throw fail(.value(p))
    } catch let DecodingError.dataCorrupted(c) where !c.codingPath.isEmpty {
      throw fail(.badValue(field: Store.field(c.codingPath)))
    } catch let DecodingError.typeMismatch(_, c) {
      throw fail(.wrongType(field: Store.field(c.codingPath)))
    } catch {
      throw fail(.notJSON)
    }
    if let problem = settings.ruleProblems().first { throw fail(.rule(problem)) }
    return settings
  }

  private static func field(_ path: [CodingKey]) -> String {
    path.map(\.stringValue).joined(separator: ".")
  }

  /// Replaces the settings file atomically (after checking the values).
  public func saveCallSettings(_ settings: CallSettings) throws {
    if let problem = settings.ruleProblems().first {
      throw CallSettingsError(file: Store.callSettingsFile, problem: .rule(problem))
    }
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
    let bytes = Array(try encoder.encode(settings)) + [10]
    try io.replaceAtomically(
      root + "/" + Store.callSettingsFile, bytes: bytes, permissions: permissions)
  }

  /// Writes a new draft `letters/<name>` durably and returns its path relative to the store.
  ///
  /// `name` must be a plain file name; an existing file is never overwritten (a second draft of
  /// the same name gets `-2`, `-3`… before its extension).
  public func writeDraft(named name: String, contents: String) throws -> String {
    if let reason = readOnlyReason { throw StoreError.readOnly(reason: reason) }
    guard !name.isEmpty, !name.contains("/"), !name.hasPrefix(".") else {
      throw StoreError.invalidEvent("draft name \"\(name)\" is not a plain file name")
    }
    var (stem, ext) = Store.split(name)
    // Synced between machines: the writer's name keeps two machines' drafts apart.
    if let tag = documentTag { stem += "-" + tag }
    let name = stem + ext
    var n = 1
    while true {
      let file = n == 1 ? name : "\(stem)-\(n)\(ext)"
      let rel = "letters/" + file
      if try io.status(root + "/" + rel) == nil {
        // The store's one durable writer for letters (temp, fsync, rename, fsync folder).
        try writeDocuments([DocumentFile(path: rel, bytes: Array(contents.utf8))])
        return rel
      }
      n += 1
    }
  }

  /// Reads a draft back (relative path as `writeDraft` returned it).
  public func readDraft(_ relativePath: String) throws -> String {
    String(decoding: try io.readAll(root + "/" + relativePath), as: UTF8.self)
  }

  static func split(_ name: String) -> (String, String) {
    guard let dot = name.lastIndex(of: "."), dot != name.startIndex else { return (name, "") }
    return (String(name[..<dot]), String(name[dot...]))
  }
}

/// `call-settings.json` could not be used: the file and the field or rule, no personal data.
public struct CallSettingsError: WordedError, Equatable {
  /// What is wrong with the file.
  public enum Problem: Hashable, Sendable {
    /// Not JSON at all.
    case notJSON
    /// A field holds the wrong kind of value (text for a number).
    case wrongType(field: String)
    /// A field's value is not usable (the decoder said no more).
    case badValue(field: String)
    /// A field's value is not what it must be (a time span, a known call reason).
    case value(CallSettings.ValueProblem)
    /// The values leave the legal frame.
    case rule(CallSettings.RuleProblem)
  }

  public var file: String
  public var problem: Problem

  public init(file: String, problem: Problem) {
    self.file = file
    self.problem = problem
  }

  public func text(_ lang: Language) -> String {
    let nb = lang == .nb
    let detail: String
    switch problem {
    case .notJSON: detail = nb ? "ikke gyldig JSON" : "not valid JSON"
    case .wrongType(let f): detail = (f.isEmpty ? "" : "\(f): ") + (nb ? "feil type" : "wrong type")
    case .badValue(let f): detail = "\(f): " + (nb ? "ugyldig verdi" : "invalid value")
    case .value(let p): detail = "\(p.field): \(p.text(lang))"
    case .rule(let r): detail = r.text(lang)
    }
    return "\(file): \(detail)"
  }
}
