import Foundation
import KravTestSupport
import Testing

/// Issue 20: complete help, shell completions and the man page, installed by
/// `scripts/install.sh PREFIX` (here with the debug binary: `KRAV_BIN`).
@Suite(
  "Help, completions, man page, install (real binary)",
  .enabled(
    if: FileManager.default.isExecutableFile(atPath: KravCLI.debugBinary),
    "needs the debug krav binary (swift build)"))
struct ToolingCLITests {
  static let subcommands = [
    "customer", "claim", "show", "note", "queue", "step", "calls", "call", "promise", "dispute",
    "hold", "plan", "import", "pay", "payment", "payments", "export",
  ]

  @Test("every command and every option has help text (from the command tree itself)")
  func helpComplete() throws {
    let r = try ProcessRunner.run([KravCLI.debugBinary, "--experimental-dump-help"])
    #expect(r.status == 0)
    let tree = try JSONSerialization.jsonObject(with: Data(r.output.utf8)) as! [String: Any]
    var missing: [String] = []
    var seen = 0
    func walk(_ c: [String: Any], _ path: [String]) {
      let name = c["commandName"] as! String
      let here = path + [name]
      guard name != "help" else { return }
      seen += 1
      if (c["abstract"] as? String ?? "").isEmpty { missing.append(here.joined(separator: " ")) }
      for a in c["arguments"] as? [[String: Any]] ?? [] {
        let value = a["valueName"] as? String ?? ""
        if (a["abstract"] as? String ?? "").isEmpty && value != "help" && value != "version" {
          missing.append(here.joined(separator: " ") + " " + value)
        }
      }
      for s in c["subcommands"] as? [[String: Any]] ?? [] { walk(s, here) }
    }
    walk(tree["command"] as! [String: Any], [])
    #expect(missing.isEmpty, "no help: \(missing)")
    #expect(seen > 40)
    let reverse = try ProcessRunner.run([KravCLI.debugBinary, "payment", "reverse", "--help"])
    #expect(reverse.output.contains("--reason") && reverse.output.contains("--refunded"))
  }

  @Test("install.sh puts the binary, bash/zsh/fish completions and the man page under PREFIX")
  func install() throws {
    let prefix =
      FileManager.default.temporaryDirectory.appendingPathComponent("krav-prefix-\(UUID())").path
    defer { try? FileManager.default.removeItem(atPath: prefix) }
    var env = ProcessInfo.processInfo.environment
    env["KRAV_BIN"] = KravCLI.debugBinary
    let script = ProcessRunner.packageRoot() + "/scripts/install.sh"
    let r = try ProcessRunner.run(["/bin/sh", script, prefix], environment: env)
    #expect(r.status == 0, "\(r.output)")
    let files = [
      "bin/krav", "share/bash-completion/completions/krav", "share/zsh/site-functions/_krav",
      "share/fish/vendor_completions.d/krav.fish", "share/man/man1/krav.1",
    ]
    for f in files {
      #expect(FileManager.default.fileExists(atPath: prefix + "/" + f), "missing \(f)")
    }
    for f in files.dropFirst() {
      let text = try String(contentsOfFile: prefix + "/" + f, encoding: .utf8)
      for sub in ToolingCLITests.subcommands {
        #expect(text.contains(sub), "\(f) does not mention \(sub)")
      }
    }
    let fish = try String(
      contentsOfFile: prefix + "/share/fish/vendor_completions.d/krav.fish", encoding: .utf8)
    #expect(fish.contains("may-call") && fish.contains("reverse") && fish.contains("lift"))
    let bashCheck = try ProcessRunner.run(
      ["/bin/bash", "-n", prefix + "/share/bash-completion/completions/krav"])
    #expect(bashCheck.status == 0, "\(bashCheck.output)")
    let man = try String(contentsOfFile: prefix + "/share/man/man1/krav.1", encoding: .utf8)
    #expect(man.hasPrefix(".TH KRAV 1"))
    #expect(man.contains(".SS \"krav payment reverse\"") && man.contains(".SS \"krav hold lift\""))
  }

  @Test(
    "the man page renders with man(1)",
    .enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/groff"), "needs groff"))
  func manRenders() throws {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("krav-man-\(UUID())")
      .path
    try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let page = try ProcessRunner.run([KravCLI.debugBinary, "generate-manual"])
    try page.output.write(toFile: dir + "/krav.1", atomically: true, encoding: .utf8)
    var env = ProcessInfo.processInfo.environment
    env["MANWIDTH"] = "100"
    let r = try ProcessRunner.run(
      ["/usr/bin/groff", "-man", "-Tutf8", "-P", "-c", dir + "/krav.1"], environment: env)
    #expect(r.status == 0)
    #expect(r.output.contains("krav customer edit") && r.output.contains("--birth-number"))
  }
}
