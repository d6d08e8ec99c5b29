/// One bar of a `BarChart`: a label, the value that sets the bar's length, and the text
/// shown for it (formatted by the app, e.g. "12 345 kr" or "67 %").
public struct Bar: Hashable, Sendable {
  /// Label on the left, e.g. "0–30 dager".
  public var label: String
  /// The quantity; bars are scaled to the largest value. Negative values draw no bar.
  public var value: Double
  /// The value as text, shown after the bar.
  public var valueText: String
  /// Optional style for this bar (e.g. red for the oldest ageing bucket).
  public var style: Style?

  /// Creates a bar.
  public init(_ label: String, value: Double, valueText: String, style: Style? = nil) {
    self.label = label
    self.value = value
    self.valueText = valueText
    self.style = style
  }
}

/// Horizontal bars with labels and values, for the reports screen (ageing, funnel, ...).
///
/// Lengths use eighth-block characters (▏▎▍▌▋▊▉█) for resolution finer than a cell, or `#`
/// with `ascii: true`.
public struct BarChart: Widget {
  /// Bars, top to bottom; one row each.
  public var bars: [Bar]
  /// Default bar style.
  public var barStyle: Style
  /// Style of labels.
  public var labelStyle: Style
  /// Use `#` instead of block characters.
  public var ascii: Bool

  /// Creates a chart.
  public init(
    bars: [Bar], barStyle: Style = .plain, labelStyle: Style = .plain,
    ascii: Bool = false
  ) {
    self.bars = bars
    self.barStyle = barStyle
    self.labelStyle = labelStyle
    self.ascii = ascii
  }

  private static let eighths = ["", "▏", "▎", "▍", "▌", "▋", "▊", "▉"]

  /// The bar for `value` out of `maximum` in at most `width` cells.
  public static func bar(value: Double, maximum: Double, width: Int, ascii: Bool) -> String {
    guard width > 0, maximum > 0, value > 0 else { return "" }
    let eighthsTotal = Int((min(value, maximum) / maximum * Double(width * 8)).rounded())
    if ascii { return String(repeating: "#", count: (eighthsTotal + 4) / 8) }
    let full = eighthsTotal / 8
    let rest = full < width ? eighths[eighthsTotal % 8] : ""
    return String(repeating: "█", count: full) + rest
  }

  /// Draws one bar per row into `area`; rows beyond the area are left out.
  public func render(in area: Rect, buffer: inout Buffer) {
    guard !area.isEmpty, !bars.isEmpty else { return }
    let labelWidth = min(bars.map { $0.label.displayWidth }.max() ?? 0, area.width / 3)
    let valueWidth = min(bars.map { $0.valueText.displayWidth }.max() ?? 0, area.width / 3)
    let barWidth = area.width - labelWidth - valueWidth - 2
    let maximum = bars.map(\.value).max() ?? 0
    for (line, bar) in bars.prefix(area.height).enumerated() {
      let y = area.y + line
      buffer.put(
        TextWidth.pad(bar.label, to: labelWidth), x: area.x, y: y, style: labelStyle)
      let x = area.x + labelWidth + 1
      let drawn = BarChart.bar(
        value: bar.value, maximum: maximum, width: barWidth, ascii: ascii)
      let used = buffer.put(drawn, x: x, y: y, style: bar.style ?? barStyle, maxWidth: barWidth)
      buffer.put(
        TextWidth.truncate(bar.valueText, to: valueWidth), x: x + used + (used > 0 ? 1 : 0),
        y: y, maxWidth: valueWidth)
    }
  }
}
