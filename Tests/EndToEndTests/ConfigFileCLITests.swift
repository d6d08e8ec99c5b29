import Foundation
import KravTestSupport
import Testing

/// Issue 20: `$XDG_CONFIG_HOME/krav/config` names the default store, user and language.
@Suite(
  "Config file (real binary)",
  .enabled(
    if: FileManager.default.isExecutableFile(atPath: KravCLI.debugBinary),
    "needs the debug krav binary (swift build)"))
struct ConfigFileCLITests {
  private func env(_ configHome: String) -> [String: String] {
    var e = ProcessInfo.processInfo.environment
    for k in ["KRAV_STORE", "KRAV_USER", "KRAV_LANG", "KRAV_NOW"] { e.removeValue(forKey: k) }
    e["XDG_CONFIG_HOME"] = configHome
    e["KRAV_TODAY"] = "2026-12-01"
    e["LANG"] = "C.UTF-8"
    return e
  }

  @Test("store, user and lang come from the config; flags and env win over it")
  func precedence() throws {
    let k = KravCLI("config")
    defer { k.cleanUp() }
    try k.runAll([
      ["init", "--creditor", "Fjord Rør AS", "--orgnr", "123456785", "--account", "86011117947"]
    ])
    let home = k.dir + "/xdg"
    try FileManager.default.createDirectory(
      atPath: home + "/krav", withIntermediateDirectories: true)
    try "# mine\nstore = \(k.store)\nuser = ola\nlang = en\n".write(
      toFile: home + "/krav/config", atomically: true, encoding: .utf8)
    let bin = KravCLI.debugBinary
    // No --store and no KRAV_STORE: the config's store; the config's user writes the event.
    let add = try ProcessRunner.run(
      [bin, "customer", "add", "--id", "K1", "--name", "Kari", "--kind", "consumer"],
      environment: env(home))
    #expect(add.status == 0 && add.output.contains("Added customer K1"), "\(add.output)")
    #expect(try k.journals().keys.contains { $0.contains("ola@") })
    // --lang and KRAV_LANG win over the config's lang.
    let nb = try ProcessRunner.run(
      [bin, "note", "add", "K1", "Hei", "--lang", "nb"], environment: env(home))
    #expect(nb.output.contains("Notat lagt til hos K1"))
    var e = env(home)
    e["KRAV_LANG"] = "nb"
    #expect(
      try ProcessRunner.run([bin, "note", "add", "K1", "Hei"], environment: e).output
        .contains("Notat lagt til"))
    // --store wins over the config's store.
    let other = try ProcessRunner.run(
      [bin, "customers", "--store", k.dir + "/nowhere"], environment: env(home))
    #expect(other.status == 1 && other.output.contains("no Krav store at \(k.dir)/nowhere"))
  }

  @Test("a bad config line stops every command with FILE:LINE")
  func badLine() throws {
    let k = KravCLI("config-bad")
    defer { k.cleanUp() }
    let home = k.dir + "/xdg"
    try FileManager.default.createDirectory(
      atPath: home + "/krav", withIntermediateDirectories: true)
    try "store = /tmp/x\ncolour = blue\n".write(
      toFile: home + "/krav/config", atomically: true, encoding: .utf8)
    let r = try ProcessRunner.run(
      [KravCLI.debugBinary, "customers", "--lang", "en"], environment: env(home))
    #expect(r.status != 0)
    #expect(r.output.contains("\(home)/krav/config:2: unknown key 'colour'"), "\(r.output)")
    // In a Norwegian run the same line in bokmål (issue 20).
    let nb = try ProcessRunner.run([KravCLI.debugBinary, "customers"], environment: env(home))
    #expect(nb.status != 0)
    #expect(nb.output.contains("\(home)/krav/config:2: ukjent nøkkel 'colour'"), "\(nb.output)")
  }
}
