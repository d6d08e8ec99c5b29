import Testing

@testable import TerminalUI

@Suite("Column layout by priority")
struct ColumnLayoutTests {
  let columns = [
    LayoutColumn("Navn", min: 10, max: 30, priority: 0, grows: true),
    LayoutColumn("Beløp", min: 12, priority: 1, alignment: .right),
    LayoutColumn("Dato", min: 10, max: 10, priority: 3),
    LayoutColumn("Steg", min: 8, max: 20, priority: 0),
  ]
  let rows = [
    ["Bjørnstad & Ødegård Rør AS", "127 541,15 kr", "25.10.2026", "betalingsoppfordring"]
  ]

  @Test("room enough: every column at its natural width, the rest to the growing one")
  func wide() {
    let w = ColumnLayout.widths(columns, rows: rows, total: 100)
    #expect(w == [100 - 3 - 13 - 10 - 20, 13, 10, 20])
  }

  @Test("narrow: the least important column is hidden first; names and steps stay whole")
  func narrow() {
    // 26 + 13 + 10 + 20 + 3 spaces = 72 > 70: the date (priority 3) goes.
    let w = ColumnLayout.widths(columns, rows: rows, total: 70)
    #expect(w[2] == 0)
    #expect(w[0] >= 26 && w[3] == 20 && w[1] == 13)
    #expect(w.reduce(0, +) + 2 <= 70)
  }

  @Test("too narrow even for priority 0: shrinks from the right, never past the width")
  func tooNarrow() {
    let w = ColumnLayout.widths(columns, rows: rows, total: 30)
    #expect(w[1] == 0 && w[2] == 0)
    #expect(w[0] + w[3] + 1 <= 30)
    #expect(w[0] >= 10)
  }

  @Test("table() drops the hidden columns from the cells and says which are kept")
  func table() {
    let laid = ColumnLayout.table(columns, rows: rows, width: 70)
    #expect(laid.kept == [0, 1, 3])
    #expect(laid.columns.map(\.title) == ["Navn", "Beløp", "Steg"])
    #expect(laid.rows == [["Bjørnstad & Ødegård Rør AS", "127 541,15 kr", "betalingsoppfordring"]])
  }

  @Test("a cell style is laid over the row's, also on the selected row")
  func cellStyles() {
    var buffer = Buffer(width: 20, height: 3)
    let table = Table(
      columns: [TableColumn("A", width: .fixed(8)), TableColumn("B", width: .fixed(8))],
      rows: [["x", "bestridt"], ["y", "z"]], scroll: TableScroll(selected: 0),
      cellStyles: [[nil, Style(fg: .magenta)]])
    table.render(in: Rect(x: 0, y: 0, width: 20, height: 3), buffer: &buffer)
    #expect(buffer[9, 1].style.fg == .magenta && buffer[9, 1].style.reverse)
    #expect(buffer[0, 1].style.fg == .default && buffer[0, 1].style.reverse)
    #expect(buffer[9, 2].style == .plain)
  }
}
