/// A run of adjacent changed cells on one row: the unit the backend writes to the terminal.
public struct CellRun: Hashable, Sendable {
  /// Column of the first cell.
  public var x: Int
  /// Row.
  public var y: Int
  /// The new cells, left to right; continuation cells are included so widths add up.
  public var cells: [Cell]

  /// Creates a run.
  public init(x: Int, y: Int, cells: [Cell]) {
    self.x = x
    self.y = y
    self.cells = cells
  }

  /// The run's text, skipping continuation cells (for tests and debugging).
  public var text: String {
    cells.filter { !$0.isContinuation }.map(\.grapheme).joined()
  }
}

extension Buffer {
  /// The runs of cells that differ from `previous`, row by row, left to right.
  ///
  /// Writing only these keeps terminal output small (a one-row change costs ~0.2 ms against
  /// several ms for a full redraw). If the sizes differ every row is returned whole, since the
  /// terminal was cleared. A run never starts on the right half of a wide character: it is
  /// widened to include the left half, because a terminal cannot draw half a character.
  public func diff(from previous: Buffer?) -> [CellRun] {
    guard let previous, previous.size == size else { return fullRuns() }
    var runs: [CellRun] = []
    for y in 0..<size.height {
      let base = y * size.width
      var x = 0
      while x < size.width {
        guard cells[base + x] != previous.cells[base + x] else {
          x += 1
          continue
        }
        var start = x
        if cells[base + start].isContinuation && start > 0 { start -= 1 }
        var end = x + 1
        while end < size.width && cells[base + end] != previous.cells[base + end] { end += 1 }
        // Finish a wide character whose left half is the run's last cell.
        if end < size.width && cells[base + end].isContinuation { end += 1 }
        if let last = runs.last, last.y == y, last.x + last.cells.count >= start {
          let from = base + last.x + last.cells.count
          runs[runs.count - 1].cells.append(contentsOf: cells[from..<(base + end)])
        } else {
          runs.append(CellRun(x: start, y: y, cells: Array(cells[(base + start)..<(base + end)])))
        }
        x = end
      }
    }
    return runs
  }

  /// Every row as one run: what a full redraw writes.
  public func fullRuns() -> [CellRun] {
    (0..<size.height).compactMap { y in
      guard size.width > 0 else { return nil }
      let base = y * size.width
      return CellRun(x: 0, y: y, cells: Array(cells[base..<(base + size.width)]))
    }
  }
}
