import Testing

@testable import KravCore

@Test("the config file: key = value lines, comments, quotes, ~ for the home folder")
func configParses() throws {
  let text = """
    # Kari's Krav
    store = ~/inkasso/store

    user = "kari"
    lang=en
    """
  let c = try KravConfig.parse(text, file: "/h/.config/krav/config", home: "/h")
  #expect(c == KravConfig(store: "/h/inkasso/store", user: "kari", lang: .en))
}

@Test("a bad config line is an error naming file and line")
func configBadLines() {
  let cases: [(String, Int, String)] = [
    ("store = /s\nlanguage = nb\n", 2, "unknown key 'language'"),
    ("# x\n\njust words\n", 3, "expected 'key = value'"),
    ("lang = de\n", 1, "lang: expected nb or en, got 'de'"),
    ("user = kari nordmann\n", 1, "user: expected letters"),
    ("store = relative/path\n", 1, "store: expected an absolute path"),
    ("user = a\nuser = b\n", 2, "'user' is set twice"),
    ("store =\n", 1, "store: a value is required"),
  ]
  for (text, line, message) in cases {
    do {
      _ = try KravConfig.parse(text, file: "cfg", home: "/h")
      Issue.record("no error for \(text)")
    } catch let p as KravConfig.Problem {
      #expect(p.line == line, "\(text)")
      #expect(p.description.hasPrefix("cfg:\(line): \(message)"), "\(p)")
    } catch {
      Issue.record("\(error)")
    }
  }
}

@Test("the config file's place: XDG_CONFIG_HOME, else ~/.config")
func configPath() {
  #expect(
    KravConfig.path(environment: ["XDG_CONFIG_HOME": "/x", "HOME": "/h"]) == "/x/krav/config")
  #expect(KravConfig.path(environment: ["HOME": "/h"]) == "/h/.config/krav/config")
  #expect(
    KravConfig.path(environment: ["XDG_CONFIG_HOME": "rel", "HOME": "/h"])
      == "/h/.config/krav/config")
}
