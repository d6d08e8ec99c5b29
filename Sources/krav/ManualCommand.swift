import ArgumentParser
import Foundation

/// `krav generate-manual`: the man page (roff, section 1), generated from the command tree:
/// every command's abstract and its full `--help` text, so it can never fall behind them.
/// `scripts/install.sh` installs it as `share/man/man1/krav.1`.
struct ManualCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "generate-manual",
    abstract: "Print the krav(1) man page (roff), generated from the commands' own help.",
    shouldDisplay: false)

  @Option(help: "The date on the page, YYYY-MM-DD (default: none, so builds repeat).")
  var date: String = ""

  func run() throws {
    print(ManualCommand.page(date: date), terminator: "")
  }

  /// Every command below `root` with its path of names, depth first, in the order they are
  /// listed.
  static func commands(
    _ root: ParsableCommand.Type, path: [String] = []
  ) -> [(path: [String], type: ParsableCommand.Type)] {
    let c = root.configuration
    let name = c.commandName ?? String(describing: root).lowercased()
    let here = path + [name]
    var out: [(path: [String], type: ParsableCommand.Type)] = [(here, root)]
    for sub in c.subcommands where sub.configuration.shouldDisplay {
      out += commands(sub, path: here)
    }
    return out
  }

  /// Text safe in roff: a backslash doubled, a leading `.` or `'` escaped.
  static func roff(_ line: String) -> String {
    var s = line.replacingOccurrences(of: "\\", with: "\\e")
    if s.hasPrefix(".") || s.hasPrefix("'") { s = "\\&" + s }
    return s
  }

  static func page(date: String) -> String {
    var out = ".TH KRAV 1 \"\(date)\" \"Krav\" \"User Commands\"\n"
    out += ".SH NAME\nkrav \\- \(roff(Krav.configuration.abstract))\n"
    out += ".SH SYNOPSIS\n.B krav\n[\\fICOMMAND\\fR] [\\fIOPTIONS\\fR]\n"
    out += ".SH DESCRIPTION\n"
    out +=
      "Without a command, krav opens the terminal case manager on the store named by\n"
      + "\\fB\\-\\-store\\fR, \\fBKRAV_STORE\\fR, the config file or the default folder.\n"
    out += ".SH COMMANDS\n"
    for (path, type) in commands(Krav.self).dropFirst() {
      let abstract = type.configuration.abstract
      out += ".SS \"\(path.joined(separator: " "))\"\n\(roff(abstract))\n.PP\n.nf\n"
      let help = Krav.helpMessage(for: type, columns: 100)
      for line in help.split(separator: "\n", omittingEmptySubsequences: false) {
        out += roff(String(line)) + "\n"
      }
      out += ".fi\n"
    }
    out += """
      .SH FILES
      .TP
      .I $XDG_CONFIG_HOME/krav/config
      (default \\fI~/.config/krav/config\\fR): \\fBkey = value\\fR lines \\fBstore\\fR, \\fBuser\\fR, \\fBlang\\fR.
      .TP
      .I $XDG_DATA_HOME/krav
      (default \\fI~/.local/share/krav\\fR): the store when none is named.
      .SH ENVIRONMENT
      \\fBKRAV_STORE\\fR, \\fBKRAV_USER\\fR, \\fBKRAV_LANG\\fR, \\fBKRAV_TODAY\\fR, \\fBKRAV_NOW\\fR,
      \\fBLANG\\fR. A flag wins over the environment, the environment over the config file.
      .SH SEE ALSO
      Docs/user-guide.md in the Krav sources.

      """
    return out
  }
}
