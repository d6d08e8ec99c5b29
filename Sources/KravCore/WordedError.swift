/// An error the interface words in either of its languages (issue 20: every text follows
/// `--lang`/`LANG`, errors included).
///
/// The value stays structured (an enum or a struct of facts); `text(_:)` gives the Norwegian
/// bokmål or the English, and `description` is the English. The CLI prints `text` in the run's
/// language and the TUI shows the same words (`errorText`), so the two never differ.
public protocol WordedError: Error, CustomStringConvertible {
  /// The message in `lang`.
  func text(_ lang: Language) -> String
}

extension WordedError {
  public var description: String { text(.en) }
}

/// Any error's message in `lang`: a `WordedError`'s own words, else its description.
public func errorText(_ error: any Error, _ lang: Language) -> String {
  if let w = error as? any WordedError { return w.text(lang) }
  return String(describing: error)
}
