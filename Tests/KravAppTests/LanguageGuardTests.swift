import Foundation
import KravApp
import KravCore
import Testing

/// A mechanical guard on the interface languages (issue 20): a Norwegian text equal to its
/// English twin is a text someone forgot to translate, unless it is a name or a code.
@Suite("Language guard")
struct LanguageGuardTests {
  /// Keys whose two texts are rightly the same: names, codes, abbreviations, formats.
  static let sameInBoth: Set<String> = [
    "L.appTitle", "LPay.colKid", "LLayout.colId", "RL.cei",
    // The Norwegian legal names of the steps stay Norwegian in English too.
    "L.stepInkassovarsel", "L.stepBetalingsoppfordring", "L.stepUtlegg", "L.stepForliksklage",
    // The same word in both languages.
    "LQueue.keyConfirm", "LTeam.mine",
  ]

  /// Every catalogue entry as (area.key, nb, en).
  static func entries() -> [(String, String, String)] {
    let nb = Catalogue(.nb)
    let en = Catalogue(.en)
    var all: [(String, String, String)] = []
    func add<K>(_ area: String, _ keys: [K], _ text: (Catalogue, K) -> String) {
      for k in keys { all.append(("\(area).\(k)", text(nb, k), text(en, k))) }
    }
    add("L", L.allCases) { $0($1) }
    add("LCall", LCall.allCases) { $0($1) }
    add("LQueue", LQueue.allCases) { $0($1) }
    add("LPay", LPay.allCases) { $0($1) }
    add("LTeam", LTeam.allCases) { $0($1) }
    add("LLayout", LLayout.allCases) { $0($1) }
    add("LFix", LFix.allCases) { $0($1) }
    add("PL", PL.allCases) { $0.plan($1) }
    add("RL", RL.allCases) { $0.report($1) }
    return all
  }

  @Test("no Norwegian catalogue text equals its English one, except names and codes")
  func catalogueTranslated() {
    let equal = Self.entries().filter { key, nb, en in nb == en && !Self.sameInBoth.contains(key) }
    #expect(equal.isEmpty, "untranslated: \(equal.map { "\($0.0)=\"\($0.1)\"" })")
    // The allow-list holds only keys that exist and are still equal.
    let entries = Dictionary(uniqueKeysWithValues: Self.entries().map { ($0.0, ($0.1, $0.2)) })
    for key in Self.sameInBoth {
      #expect(entries[key].map { $0.0 == $0.1 } == true, "\(key) is no longer the same")
    }
  }

  /// Pairs written in place in the sources (`nb ? "…" : "…"`, `text(t, "…", "…")`,
  /// `("…", "…")` in a catalogue switch): an identical pair is an untranslated text.
  @Test("no Norwegian text written in place in the sources equals its English one")
  func sourcePairsTranslated() throws {
    let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
      .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Sources")
    let patterns = [
      #"\bnb\s*\?\s*("(?:[^"\\]|\\.)*")\s*:\s*("(?:[^"\\]|\\.)*")"#,
      #"text\(t,\s*("(?:[^"\\]|\\.)*"),\s*("(?:[^"\\]|\\.)*")\)"#,
      #"return \(("(?:[^"\\]|\\.)*"),\s*("(?:[^"\\]|\\.)*")\)"#,
    ].map { try! NSRegularExpression(pattern: $0) }
    // Pairs rightly the same in both languages (names, codes).
    let allowed: Set<String> = [
      #""Krav""#, #""KID""#, #""Id""#, #""CEI %""#, #""inkassovarsel""#,
      #""betalingsoppfordring""#, #""utlegg""#, #""forliksklage""#, #""send""#, #""mine""#,
      #""Filter: ""#,
    ]
    var found: [String] = []
    var files = 0
    for folder in ["krav", "KravApp"] {
      let dir = root.appendingPathComponent(folder)
      let walker = FileManager.default.enumerator(at: dir, includingPropertiesForKeys: nil)
      while let url = walker?.nextObject() as? URL {
        guard url.pathExtension == "swift" else { continue }
        files += 1
        let text = try String(contentsOf: url, encoding: .utf8)
        let ns = text as NSString
        for re in patterns {
          for m in re.matches(in: text, range: NSRange(location: 0, length: ns.length)) {
            let a = ns.substring(with: m.range(at: 1))
            let b = ns.substring(with: m.range(at: 2))
            if a == b, !allowed.contains(a) { found.append("\(url.lastPathComponent): \(a)") }
          }
        }
      }
    }
    #expect(files > 20, "the sources were found")
    #expect(found.isEmpty, "untranslated: \(found)")
  }
}
