/// A size in terminal cells.
public struct Size: Hashable, Sendable {
  /// Columns.
  public var width: Int
  /// Rows.
  public var height: Int

  /// Creates a size; negative values are clamped to zero so callers never index out of range.
  public init(width: Int, height: Int) {
    self.width = max(0, width)
    self.height = max(0, height)
  }

  /// An empty size.
  public static let zero = Size(width: 0, height: 0)
}

/// A position in terminal cells, origin at the top left.
public struct Point: Hashable, Sendable {
  /// Column.
  public var x: Int
  /// Row.
  public var y: Int

  /// Creates a point.
  public init(x: Int, y: Int) {
    self.x = x
    self.y = y
  }
}

/// A rectangle of terminal cells; the unit of layout for widgets.
///
/// Width and height are never negative: layout code can subtract freely on tiny terminals
/// and get an empty rectangle instead of a crash.
public struct Rect: Hashable, Sendable {
  /// Left column.
  public var x: Int
  /// Top row.
  public var y: Int
  /// Columns (never negative).
  public var width: Int
  /// Rows (never negative).
  public var height: Int

  /// Creates a rectangle, clamping negative sizes to zero.
  public init(x: Int, y: Int, width: Int, height: Int) {
    self.x = x
    self.y = y
    self.width = max(0, width)
    self.height = max(0, height)
  }

  /// A rectangle at the origin covering `size`.
  public init(size: Size) {
    self.init(x: 0, y: 0, width: size.width, height: size.height)
  }

  /// The rectangle's size.
  public var size: Size { Size(width: width, height: height) }
  /// True when the rectangle covers no cell.
  public var isEmpty: Bool { width == 0 || height == 0 }
  /// One past the right-most column.
  public var maxX: Int { x + width }
  /// One past the bottom row.
  public var maxY: Int { y + height }

  /// Shrinks the rectangle by the given margins on each side.
  public func inset(top: Int = 0, left: Int = 0, bottom: Int = 0, right: Int = 0) -> Rect {
    Rect(x: x + left, y: y + top, width: width - left - right, height: height - top - bottom)
  }

  /// Shrinks the rectangle by `by` cells on every side.
  public func inset(by amount: Int) -> Rect {
    inset(top: amount, left: amount, bottom: amount, right: amount)
  }

  /// The overlap of two rectangles (empty when they do not overlap).
  public func intersection(_ other: Rect) -> Rect {
    let left = max(x, other.x)
    let top = max(y, other.y)
    let right = min(maxX, other.maxX)
    let bottom = min(maxY, other.maxY)
    return Rect(x: left, y: top, width: right - left, height: bottom - top)
  }

  /// The row at `offset` from the top, one cell high (empty if outside).
  public func row(_ offset: Int) -> Rect {
    guard offset >= 0, offset < height else {
      return Rect(x: x, y: y + offset, width: 0, height: 0)
    }
    return Rect(x: x, y: y + offset, width: width, height: 1)
  }

  /// Splits off `count` rows at the top: returns (top, rest).
  public func splitTop(_ count: Int) -> (Rect, Rect) {
    let n = min(max(0, count), height)
    return (
      Rect(x: x, y: y, width: width, height: n),
      Rect(x: x, y: y + n, width: width, height: height - n)
    )
  }

  /// Splits off `count` rows at the bottom: returns (rest, bottom).
  public func splitBottom(_ count: Int) -> (Rect, Rect) {
    let n = min(max(0, count), height)
    return (
      Rect(x: x, y: y, width: width, height: height - n),
      Rect(x: x, y: y + height - n, width: width, height: n)
    )
  }

  /// Splits off `count` columns at the left: returns (left, rest).
  public func splitLeft(_ count: Int) -> (Rect, Rect) {
    let n = min(max(0, count), width)
    return (
      Rect(x: x, y: y, width: n, height: height),
      Rect(x: x + n, y: y, width: width - n, height: height)
    )
  }

  /// Splits the rectangle into rows of the given lengths (see `Constraint.resolve`).
  public func rows(_ constraints: [Constraint], spacing: Int = 0) -> [Rect] {
    var cursor = y
    return Constraint.resolve(constraints, total: height, spacing: spacing).map { h in
      defer { cursor += h + spacing }
      return Rect(x: x, y: cursor, width: width, height: h)
    }
  }

  /// Splits the rectangle into columns of the given lengths (see `Constraint.resolve`).
  public func columns(_ constraints: [Constraint], spacing: Int = 0) -> [Rect] {
    var cursor = x
    return Constraint.resolve(constraints, total: width, spacing: spacing).map { w in
      defer { cursor += w + spacing }
      return Rect(x: cursor, y: y, width: w, height: height)
    }
  }

  /// A rectangle of at most `width`×`height` centred in this one.
  public func centered(width w: Int, height h: Int) -> Rect {
    let cw = min(max(0, w), width)
    let ch = min(max(0, h), height)
    return Rect(x: x + (width - cw) / 2, y: y + (height - ch) / 2, width: cw, height: ch)
  }
}

/// How much space one part of a split (or a table column) asks for.
public enum Constraint: Hashable, Sendable {
  /// Exactly this many cells (less if there is not enough room).
  case fixed(Int)
  /// A share of the remaining space, at least `min` cells when room allows.
  case flex(min: Int)
  /// This percentage of the total (rounded down).
  case percent(Int)

  /// Resolves constraints to lengths that sum to at most `total`.
  ///
  /// Fixed and percent parts are served first, left to right, then flex parts share what
  /// remains equally (the left-most ones get the odd cells). Never returns negative values.
  public static func resolve(_ constraints: [Constraint], total: Int, spacing: Int = 0) -> [Int] {
    guard !constraints.isEmpty else { return [] }
    var remaining = max(0, total - max(0, spacing) * (constraints.count - 1))
    var sizes = [Int](repeating: 0, count: constraints.count)
    for (i, c) in constraints.enumerated() {
      let want: Int
      switch c {
      case .fixed(let n): want = max(0, n)
      case .percent(let p): want = max(0, total * p / 100)
      case .flex(let m): want = max(0, m)
      }
      sizes[i] = min(want, remaining)
      remaining -= sizes[i]
    }
    let flexIndices = constraints.indices.filter {
      if case .flex = constraints[$0] { return true } else { return false }
    }
    if !flexIndices.isEmpty && remaining > 0 {
      let share = remaining / flexIndices.count
      var extra = remaining % flexIndices.count
      for i in flexIndices {
        sizes[i] += share + (extra > 0 ? 1 : 0)
        extra -= 1
      }
    }
    return sizes
  }
}
