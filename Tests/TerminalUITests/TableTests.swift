import Testing

@testable import TerminalUI

@Suite("Table scrolling")
struct TableScrollTests {
  @Test("moving stops at the first and last row")
  func edges() {
    var scroll = TableScroll(selected: 0)
    scroll.move(by: -1, rowCount: 5, visibleHeight: 3)
    #expect(scroll.selected == 0)
    scroll.move(by: 10, rowCount: 5, visibleHeight: 3)
    #expect(scroll.selected == 4)
    #expect(scroll.offset == 2)
  }

  @Test("the offset follows the selection with the least scrolling")
  func followsSelection() {
    var scroll = TableScroll(selected: 0)
    for _ in 0..<3 { scroll.move(by: 1, rowCount: 10, visibleHeight: 3) }
    #expect(scroll.selected == 3 && scroll.offset == 1)
    scroll.move(by: -1, rowCount: 10, visibleHeight: 3)
    #expect(scroll.selected == 2 && scroll.offset == 1)
    scroll.move(by: -2, rowCount: 10, visibleHeight: 3)
    #expect(scroll.selected == 0 && scroll.offset == 0)
  }

  @Test("page down and up move by the visible height and clamp at the ends")
  func paging() {
    var scroll = TableScroll(selected: 0)
    scroll.pageDown(rowCount: 10, visibleHeight: 4)
    #expect(scroll.selected == 4 && scroll.offset == 4)
    scroll.pageDown(rowCount: 10, visibleHeight: 4)
    #expect(scroll.selected == 8 && scroll.offset == 6)
    scroll.pageDown(rowCount: 10, visibleHeight: 4)
    #expect(scroll.selected == 9 && scroll.offset == 6)
    scroll.pageUp(rowCount: 10, visibleHeight: 4)
    #expect(scroll.selected == 5 && scroll.offset == 2)
    scroll.home(rowCount: 10, visibleHeight: 4)
    #expect(scroll.selected == 0 && scroll.offset == 0)
    scroll.end(rowCount: 10, visibleHeight: 4)
    #expect(scroll.selected == 9 && scroll.offset == 6)
  }

  @Test("rows shrinking below the selection clamp it; an empty table selects nothing")
  func shrinking() {
    var scroll = TableScroll(selected: 9, offset: 6)
    scroll.keepVisible(rowCount: 3, visibleHeight: 4)
    #expect(scroll.selected == 2 && scroll.offset == 0)
    scroll.keepVisible(rowCount: 0, visibleHeight: 4)
    #expect(scroll.selected == nil)
    #expect(scroll.visibleRange(rowCount: 0, visibleHeight: 4) == 0..<0)
    #expect(TableScroll().visibleRange(rowCount: 5, visibleHeight: 0) == 0..<0)
  }
}

@Suite("Table rendering")
struct TableRenderTests {
  let columns = [
    TableColumn("Kunde"),
    TableColumn("Beløp", width: .fixed(10), alignment: .right),
  ]

  @Test("header, right-aligned amounts and truncated names by display width")
  func render() {
    let table = Table(
      columns: columns,
      rows: [["Ærlige Østlandske Åkre AS", "1 234,50"], ["Blåbær", "99,00"]],
      scroll: TableScroll(selected: nil))
    var buffer = Buffer(width: 24, height: 4)
    buffer.render(table, in: buffer.area)
    #expect(
      buffer.lines() == [
        "Kunde              Beløp",
        "Ærlige Østla…   1 234,50",
        "Blåbær             99,00",
        "",
      ])
  }

  @Test("the selected row is reversed across its full width and kept visible")
  func selection() {
    let rows = (1...6).map { ["Kunde \($0)", "\($0),00"] }
    let table = Table(columns: columns, rows: rows, scroll: TableScroll(selected: 4))
    var buffer = Buffer(width: 20, height: 4)
    let shown = table.draw(in: buffer.area, buffer: &buffer)
    #expect(shown == 2..<5)
    #expect(
      buffer.lines() == [
        "Kunde          Beløp",
        "Kunde 3         3,00",
        "Kunde 4         4,00",
        "Kunde 5         5,00",
      ])
    #expect(buffer[0, 3].style == .reverse)
    #expect(buffer[19, 3].style == .reverse)
    #expect(buffer[0, 2].style == .plain)
    #expect(buffer[0, 0].style.bold)
  }

  @Test("an empty table shows its empty text, and tiny areas do not crash")
  func emptyAndTiny() {
    let table = Table(columns: columns, rows: [], emptyText: "Ingen saker")
    var buffer = Buffer(width: 20, height: 3)
    let shown = table.draw(in: buffer.area, buffer: &buffer)
    #expect(shown == 0..<0)
    #expect(buffer.lines()[1] == "Ingen saker")
    var tiny = Buffer(width: 3, height: 1)
    tiny.render(Table(columns: columns, rows: [["a", "b"]]), in: tiny.area)
    let nowhere = Rect(x: 0, y: 0, width: -2, height: 3)
    tiny.render(Table(columns: columns, rows: [["a", "b"]]), in: nowhere)
    #expect(tiny.lines() == ["… …"])
  }
}
