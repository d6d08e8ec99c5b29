/// One terminal cell: a grapheme cluster, its style, and whether it is the right half of a
/// wide character.
///
/// A wide (2-column) character is stored in its left cell; the cell to its right is marked
/// `isContinuation` with an empty grapheme, so that column arithmetic stays simple and the
/// backend knows not to write anything there.
public struct Cell: Hashable, Sendable {
  /// The grapheme shown in this cell ("" for a continuation cell).
  public var grapheme: String
  /// The cell's style.
  public var style: Style
  /// True for the right half of a wide character.
  public var isContinuation: Bool

  /// Creates a cell.
  public init(_ grapheme: String = " ", style: Style = .plain, isContinuation: Bool = false) {
    self.grapheme = grapheme
    self.style = style
    self.isContinuation = isContinuation
  }

  /// A space with no style: the content of a cleared buffer.
  public static let blank = Cell()

  /// The display width of this cell's grapheme (0 for continuation cells).
  public var width: Int {
    isContinuation ? 0 : TextWidth.width(of: grapheme)
  }
}
