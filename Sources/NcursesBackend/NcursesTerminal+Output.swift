import CNcursesw
import TerminalUI

extension NcursesTerminal {
  /// Shows `buffer` on the screen, writing only the cells that changed since the last frame.
  ///
  /// After a resize, a suspend or `invalidate()` (or if the buffer's size differs from the
  /// last one) the screen is cleared and repainted whole. Render the buffer at `size`; cells
  /// beyond the screen are dropped. The cursor is then placed per `showCursor(at:)`.
  public func draw(_ buffer: Buffer) {
    guard !isRestored else { return }
    let window = krav_stdscr()
    let isFullRedraw = previous == nil || previous?.size != buffer.size
    if isFullRedraw {
      werase(window)
      clearok(window, true)
    }
    var cell = cchar_t()
    for run in buffer.diff(from: isFullRedraw ? nil : previous) {
      for (offset, item) in run.cells.enumerated() where !item.isContinuation {
        guard wmove(window, Int32(run.y), Int32(run.x + offset)) == OK else { break }
        set(&cell, to: item)
        wadd_wch(window, &cell)
      }
    }
    previous = buffer
    if let cursor, buffer.contains(x: cursor.x, y: cursor.y) {
      wmove(window, Int32(cursor.y), Int32(cursor.x))
      curs_set(1)
    } else {
      curs_set(0)
    }
    wnoutrefresh(window)
    doupdate()
  }

  /// Shows the terminal cursor at `point` after each `draw` (for a focused text input).
  public func showCursor(at point: Point) {
    cursor = point
  }

  /// Hides the terminal cursor (the default).
  public func hideCursor() {
    cursor = nil
  }

  /// Fills an ncurses complex character from a cell: its grapheme (base character plus up
  /// to four combining marks), attributes and color pair.
  private func set(_ target: inout cchar_t, to cell: Cell) {
    var characters = cell.grapheme.unicodeScalars.prefix(5).map { wchar_t($0.value) }
    if characters.isEmpty { characters = [wchar_t(32)] }
    characters.append(0)
    let (attributes, pair) = colors.attributes(for: cell.style)
    _ = setcchar(&target, characters, attributes, Int16(clamping: pair), nil)
  }
}

/// The mapping from `Style` colors to ncurses color pairs, allocated as styles appear.
///
/// Pairs are created lazily because an app uses a handful of combinations out of the
/// 17 × 17 possible ones. With colors off (`NO_COLOR`, or a terminal without them) only the
/// attributes are used, so selection (reverse) and errors (bold) still show.
struct ColorPalette {
  /// Whether color pairs may be used at all.
  let enabled: Bool
  /// Colors the terminal has (8, 16, 256…); bright colors need 16.
  let colorCount: Int
  /// Color pairs the terminal has.
  let pairLimit: Int
  /// Pairs allocated so far, by (foreground, background) palette index (-1 = default).
  private var pairs: [PairKey: Int] = [:]

  private struct PairKey: Hashable {
    var foreground: Int
    var background: Int
  }

  /// Creates a palette; `enabled: false` ignores colors entirely.
  init(enabled: Bool, colorCount: Int, pairLimit: Int) {
    self.enabled = enabled
    self.colorCount = colorCount
    self.pairLimit = pairLimit
  }

  /// The ncurses attributes and color pair for `style`, allocating the pair if needed.
  mutating func attributes(for style: Style) -> (attr_t, Int) {
    var attributes = krav_a_normal()
    if style.bold { attributes |= krav_a_bold() }
    if style.reverse { attributes |= krav_a_reverse() }
    if style.underline { attributes |= krav_a_underline() }
    if style.dim { attributes |= krav_a_dim() }
    // Without colors a colored background becomes reverse video, so bars stay visible.
    if !enabled && style.bg != .default { attributes |= krav_a_reverse() }
    guard enabled, style.fg != .default || style.bg != .default else { return (attributes, 0) }
    var foreground = style.fg.ansiIndex ?? -1
    let background = (style.bg.ansiIndex ?? -1) % max(1, colorCount < 16 ? 8 : 16)
    if foreground >= 8 && colorCount < 16 {
      foreground -= 8
      attributes |= krav_a_bold()
    }
    let key = PairKey(foreground: foreground, background: style.bg == .default ? -1 : background)
    if let pair = pairs[key] { return (attributes, pair) }
    let pair = pairs.count + 1
    guard pair < pairLimit else { return (attributes, 0) }
    init_pair(Int16(pair), Int16(key.foreground), Int16(key.background))
    pairs[key] = pair
    return (attributes, pair)
  }
}
