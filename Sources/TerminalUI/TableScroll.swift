/// Selection and scroll position of a list or table, with the movement rules for keys.
///
/// Indices are positions in the rows as currently derived. Apps should remember the selected
/// row's *id* between frames and turn it back into an index before using this, so a reload
/// never moves the selection to another customer.
public struct TableScroll: Hashable, Sendable {
  /// The selected row index, or `nil` when nothing is selected (e.g. an empty table).
  public var selected: Int?
  /// Index of the first visible row.
  public var offset: Int

  /// Creates a scroll state.
  public init(selected: Int? = 0, offset: Int = 0) {
    self.selected = selected
    self.offset = offset
  }

  /// Moves the selection by `delta` rows, stopping at the first and last row.
  public mutating func move(by delta: Int, rowCount: Int, visibleHeight: Int) {
    guard rowCount > 0 else {
      selected = nil
      offset = 0
      return
    }
    selected = clampIndex((selected ?? 0) + delta, rowCount)
    keepVisible(rowCount: rowCount, visibleHeight: visibleHeight)
  }

  /// Moves up one page (the visible height) and scrolls with it, as `less` does.
  public mutating func pageUp(rowCount: Int, visibleHeight: Int) {
    let page = max(1, visibleHeight)
    offset = max(0, offset - page)
    move(by: -page, rowCount: rowCount, visibleHeight: visibleHeight)
  }

  /// Moves down one page (the visible height) and scrolls with it.
  public mutating func pageDown(rowCount: Int, visibleHeight: Int) {
    let page = max(1, visibleHeight)
    offset += page
    move(by: page, rowCount: rowCount, visibleHeight: visibleHeight)
  }

  /// Selects the first row.
  public mutating func home(rowCount: Int, visibleHeight: Int) {
    move(by: -(selected ?? 0), rowCount: rowCount, visibleHeight: visibleHeight)
  }

  /// Selects the last row.
  public mutating func end(rowCount: Int, visibleHeight: Int) {
    move(by: rowCount - 1 - (selected ?? 0), rowCount: rowCount, visibleHeight: visibleHeight)
  }

  /// Clamps selection and offset after rows or the height changed, keeping the selection
  /// visible with as little scrolling as possible and never leaving empty space at the bottom
  /// when rows could fill it.
  public mutating func keepVisible(rowCount: Int, visibleHeight: Int) {
    guard rowCount > 0 else {
      selected = nil
      offset = 0
      return
    }
    if let s = selected { selected = clampIndex(s, rowCount) }
    let height = max(1, visibleHeight)
    offset = min(max(0, offset), max(0, rowCount - height))
    if let s = selected {
      if s < offset { offset = s }
      if s >= offset + height { offset = s - height + 1 }
    }
  }

  /// The rows shown for this state (after `keepVisible` rules are applied).
  public func visibleRange(rowCount: Int, visibleHeight: Int) -> Range<Int> {
    var copy = self
    copy.keepVisible(rowCount: rowCount, visibleHeight: visibleHeight)
    guard rowCount > 0, visibleHeight > 0 else { return 0..<0 }
    return copy.offset..<min(rowCount, copy.offset + visibleHeight)
  }

  private func clampIndex(_ index: Int, _ count: Int) -> Int {
    min(max(0, index), count - 1)
  }
}
