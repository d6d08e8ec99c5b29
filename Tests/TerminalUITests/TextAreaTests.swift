import Testing

@testable import TerminalUI

@Suite("Text area")
struct TextAreaTests {
  private func typed(_ text: String, width: Int = 10) -> TextArea {
    var area = TextArea()
    for c in text { area.handle(c == "\n" ? .enter : .char(c), width: width) }
    return area
  }

  @Test("text wraps at spaces, keeps line breaks and hard-breaks long words")
  func wrapping() {
    var buffer = Buffer(width: 10, height: 7)
    let area = TextArea("Ringte kunden i dag.\nLovet å betale\nxxxxxxxxxxxxx")
    area.draw(in: buffer.area, buffer: &buffer)
    #expect(
      buffer.lines() == [
        "Ringte", "kunden i", "dag.", "Lovet å", "betale", "xxxxxxxxxx", "xxx",
      ])
  }

  @Test("typing æøå and Enter edits the text; Backspace joins lines")
  func editing() {
    var area = typed("Blåbær\nØl")
    #expect(area.text == "Blåbær\nØl")
    #expect(area.cursorPosition(width: 10) == Point(x: 2, y: 1))
    for _ in 0..<3 { area.handle(.backspace, width: 10) }
    #expect(area.text == "Blåbær")
    #expect(area.cursorPosition(width: 10) == Point(x: 6, y: 0))
  }

  @Test("Up and Down move by displayed rows and keep the column")
  func verticalMovement() {
    var area = TextArea("abcdef\nab\nabcdef")
    area.handle(.up, width: 10)
    #expect(area.cursorPosition(width: 10) == Point(x: 2, y: 1))
    area.handle(.up, width: 10)
    #expect(area.cursorPosition(width: 10) == Point(x: 6, y: 0))
    area.handle(.up, width: 10)  // already on the first row: stays put
    #expect(area.cursorPosition(width: 10) == Point(x: 6, y: 0))
    area.handle(.home, width: 10)
    area.handle(.end, width: 10)
    area.handle(.down, width: 10)
    area.handle(.down, width: 10)
    #expect(area.cursorPosition(width: 10) == Point(x: 6, y: 2))
  }

  @Test("drawing scrolls to keep the cursor visible and reports its position")
  func scrolling() {
    let area = typed("1\n2\n3\n4\n5")
    var buffer = Buffer(width: 5, height: 2)
    let cursor = area.draw(in: buffer.area, buffer: &buffer)
    #expect(buffer.lines() == ["4", "5"])
    #expect(cursor == Point(x: 1, y: 1))
  }

  @Test("Ctrl-W deletes a word and Ctrl-U the line before the cursor")
  func killKeys() {
    var area = typed("første linje\nandre ord")
    area.handle(.ctrl("w"), width: 20)
    #expect(area.text == "første linje\nandre ")
    area.handle(.ctrl("u"), width: 20)
    #expect(area.text == "første linje\n")
  }

  @Test("a prefilled text can be edited from its start: the cursor and the scroll go to the top")
  func moveToStart() {
    var area = TextArea("Hei Åse,\n\nlinje tre\nlinje fire")
    #expect(area.cursor == area.characters.count)
    area.scrollRow = 3
    area.moveToStart()
    #expect(area.cursor == 0 && area.scrollRow == 0)
    area.handle(.char("Ø"), width: 20)
    #expect(area.text.hasPrefix("ØHei Åse,"))
  }
}
