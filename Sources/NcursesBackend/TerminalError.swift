/// Why the terminal UI could not start; `message` is one line meant for the user.
public struct TerminalError: Error, Hashable, Sendable, CustomStringConvertible {
  /// What went wrong and what to do instead, e.g. "krav: TERM is not set …".
  public var message: String

  /// Creates an error.
  public init(_ message: String) {
    self.message = message
  }

  /// The message.
  public var description: String { message }
}
