import KravCore
import TerminalUI

/// Reading one timeline entry or letter in full (Enter in the case's timeline or on a step's
/// letter preview, issue 20): the whole text wrapped to the screen, scrolled with ↑/↓, PgUp/PgDn,
/// Home/End; Esc goes back to where it was opened (the case, or the step confirmation).
public struct Reader: Hashable, Sendable {
  public var title: String
  public var text: String
  /// First visible wrapped row (clamped when drawn and when moved).
  public var scroll = 0
  /// A letter or draft being read from the store; its text is added when it arrives.
  public var loading: String?
  /// The step confirmation the letter was opened from, restored by Esc.
  public var returnTo: StepConfirm?

  public init(title: String, text: String, loading: String? = nil, returnTo: StepConfirm? = nil) {
    self.title = title
    self.text = text
    self.loading = loading
    self.returnTo = returnTo
  }
}

extension Reader {
  /// The reader's keys: the list moves, and Esc/q back.
  static func keymap(_ t: Catalogue) -> Keymap<Action> {
    Keymap(
      Keymaps.moves(t) + [
        KeyBinding(
          keys: [.escape, .char("q")], action: .back, help: t(.keyBack), group: t(.groupGeneral),
          showInStatusBar: true)
      ])
  }

  /// The rows the text gets: the body less the reader's title row and its foot row.
  static func visibleRows(_ state: AppState) -> Int { max(1, state.size.height - 4) }

  /// The wrapped rows of the text at `width`.
  func lines(width: Int) -> [String] { Reader.wrap(text, to: width) }

  /// Wraps only the lines too wide for `width`: a letter's lines that fit keep their spacing
  /// (its tables line up with spaces).
  static func wrap(_ text: String, to width: Int) -> [String] {
    let w = max(10, width)
    return text.split(separator: "\n", omittingEmptySubsequences: false).flatMap { line in
      let s = String(line)
      return s.displayWidth <= w ? [s] : TextWidth.wrap(s, to: w)
    }
  }

  /// The largest first row: the last page shows the end.
  func maxScroll(_ state: AppState) -> Int {
    max(0, lines(width: state.size.width).count - Reader.visibleRows(state))
  }

  mutating func perform(_ action: Action, _ state: inout AppState) -> [Effect] {
    let page = max(1, Reader.visibleRows(state) - 1)
    switch action {
    case .back, .cancel:
      state.mode = returnTo.map { .confirmSteps($0) } ?? .normal
      return []
    case .up: scroll -= 1
    case .down: scroll += 1
    case .pageUp: scroll -= page
    case .pageDown: scroll += page
    case .home: scroll = 0
    case .end: scroll = maxScroll(state)
    default: break
    }
    scroll = min(max(0, scroll), maxScroll(state))
    return []
  }

  /// The text of a store document arrived (or it is missing).
  mutating func documentRead(path: String, text: String?, _ t: Catalogue) {
    guard loading == path else { return }
    loading = nil
    let body = text ?? (t.lang == .nb ? "(\(path) mangler)" : "(\(path) is missing)")
    self.text += "\n\n── \(path) ──\n" + body
  }

  func render(_ state: AppState, in area: Rect, buffer: inout Buffer) {
    let t = state.catalogue
    buffer.fill(area, style: .plain)
    let all = lines(width: area.width)
    let rows = max(1, area.height - 2)
    let first = min(max(0, scroll), max(0, all.count - rows))
    let shown = all.isEmpty ? "" : "\(first + 1)–\(min(all.count, first + rows))/\(all.count)"
    buffer.put(
      "\(t(.readerTitle)): \(title)  \(shown)", x: area.x, y: area.y, style: .bold,
      maxWidth: area.width)
    var y = area.y + 1
    for line in all.dropFirst(first).prefix(rows) {
      buffer.put(line, x: area.x, y: y, maxWidth: area.width)
      y += 1
    }
    // The foot: still reading the document, the end, or that more follows.
    let foot =
      loading != nil ? t(.readerLoading) : first + rows >= all.count ? t(.readerEnd) : "↓ …"
    buffer.put(foot, x: area.x, y: min(y, area.maxY - 1), style: .dim, maxWidth: area.width)
  }
}

extension Reader {
  /// The full text of a timeline entry: when and who, the whole line, each field's text.
  static func entry(_ e: Event, _ t: Catalogue) -> (title: String, text: String, path: String?) {
    let stamp = e.atDay.map(t.day) ?? ""
    let time = e.at.count >= 16 ? String(e.at.dropFirst(11).prefix(5)) : ""
    var text = "\(stamp) \(time)  \(e.by)\n\n\(TimelineText.line(e, t))"
    if let body = e.text, body.contains("\n") {
      // Line breaks the collector typed are kept here (the one-line timeline joins them).
      text += "\n\n" + body
    }
    // The document the entry names, read from the store when the reader opens.
    var path: String?
    if e.type == .letterSent || e.type == .stepTriggered, let ref = e.ref, !ref.contains("/") {
      path = "letters/\(ref).txt"
    }
    if e.type == .callLogged, let ref = e.ref, ref.hasPrefix("letters/") { path = ref }
    if let l = e.planLetter, l.hasPrefix("letters/") { path = l }
    let what = TimelineText.line(e, t).components(separatedBy: " – ").first ?? ""
    return ("\(stamp) \(what)", text, path)
  }
}
