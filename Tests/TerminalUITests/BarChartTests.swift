import Testing

@testable import TerminalUI

@Suite("Bar chart")
struct BarChartTests {
  @Test("bars scale to the largest value with eighth-block precision")
  func bars() {
    #expect(BarChart.bar(value: 10, maximum: 10, width: 4, ascii: false) == "████")
    #expect(BarChart.bar(value: 5, maximum: 10, width: 3, ascii: false) == "█▌")
    #expect(BarChart.bar(value: 5, maximum: 10, width: 4, ascii: true) == "##")
    #expect(BarChart.bar(value: 0, maximum: 10, width: 4, ascii: false) == "")
    #expect(BarChart.bar(value: 5, maximum: 0, width: 4, ascii: false) == "")
  }

  @Test("labels, bars and values render on one row each")
  func render() {
    let chart = BarChart(bars: [
      Bar("0–30", value: 4, valueText: "4 kr"),
      Bar("90+", value: 8, valueText: "8 kr"),
    ])
    var buffer = Buffer(width: 20, height: 2)
    buffer.render(chart, in: buffer.area)
    #expect(buffer.lines() == ["0–30 █████ 4 kr", "90+  ██████████ 8 kr"])
  }
}
