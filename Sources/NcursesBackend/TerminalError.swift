/// Why the terminal UI could not start: a value, worded in Norwegian bokmål or English by
/// `text(norwegian:)` (issue 20); `description` is the English. One line meant for the user.
public struct TerminalError: Error, Hashable, Sendable, CustomStringConvertible {
  /// What went wrong.
  public enum Kind: Hashable, Sendable {
    /// stdin or stdout is not a terminal.
    case notATerminal
    /// `TERM` is unset (empty) or `dumb`.
    case noTerm(String)
    /// The terminal UI is already open in this process.
    case alreadyOpen
    /// ncurses does not know the terminal type.
    case unknownTerm(String)
    /// The terminal cannot address the cursor.
    case noCursorAddressing(String)
  }

  public var kind: Kind

  /// Creates an error.
  public init(_ kind: Kind) { self.kind = kind }

  /// The message in Norwegian bokmål or in English, starting `krav:`.
  public func text(norwegian nb: Bool) -> String {
    switch kind {
    case .notATerminal:
      return nb
        ? "krav: det interaktive grensesnittet trenger en terminal på stdin og stdout; bruk underkommandoene (se krav --help) i skript"
        : "krav: the interactive UI needs a terminal on stdin and stdout; use the subcommands (see krav --help) in scripts"
    case .noTerm(let term):
      let what = term.isEmpty ? (nb ? "ikke satt" : "not set") : "\"dumb\""
      return nb
        ? "krav: TERM er \(what); kjør i en terminalemulator med f.eks. TERM=xterm-256color"
        : "krav: TERM is \(what); run in a terminal emulator with e.g. TERM=xterm-256color"
    case .alreadyOpen:
      return nb
        ? "krav: terminalgrensesnittet er allerede åpent" : "krav: the terminal UI is already open"
    case .unknownTerm(let term):
      return nb
        ? "krav: ukjent terminaltype \"\(term)\" (TERM); prøv xterm-256color"
        : "krav: unknown terminal type \"\(term)\" (TERM); try xterm-256color"
    case .noCursorAddressing(let term):
      return nb
        ? "krav: terminalen \"\(term)\" kan ikke flytte markøren; prøv xterm-256color"
        : "krav: terminal \"\(term)\" cannot move the cursor; try xterm-256color"
    }
  }

  /// The message in English.
  public var message: String { text(norwegian: false) }

  /// The message in English.
  public var description: String { message }
}
