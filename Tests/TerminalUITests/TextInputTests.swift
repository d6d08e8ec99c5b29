import Testing

@testable import TerminalUI

@Suite("Text input")
struct TextInputTests {
  private func typed(_ text: String) -> TextInput {
    var input = TextInput()
    for c in text { input.handle(.char(c)) }
    return input
  }

  @Test("typing æøå inserts whole characters and Backspace removes one each")
  func norwegianEditing() {
    var input = typed("Blåbær")
    #expect(input.text == "Blåbær" && input.cursor == 6)
    input.handle(.backspace)
    #expect(input.text == "Blåbæ")
    input.handle(.backspace)
    #expect(input.text == "Blåb")
    input.handle(.char("ø"))
    #expect(input.text == "Blåbø")
  }

  @Test("cursor movement, insertion in the middle and forward delete")
  func movement() {
    var input = typed("ærlig")
    input.handle(.home)
    input.handle(.right)
    input.handle(.char("X"))
    #expect(input.text == "æXrlig" && input.cursor == 2)
    input.handle(.delete)
    #expect(input.text == "æXlig")
    input.handle(.end)
    input.handle(.delete)
    input.handle(.right)
    #expect(input.text == "æXlig" && input.cursor == 5)
    input.handle(.home)
    input.handle(.left)
    input.handle(.backspace)
    #expect(input.cursor == 0 && input.text == "æXlig")
  }

  @Test("Ctrl-W deletes the previous word and Ctrl-U clears")
  func wordDelete() {
    var input = typed("betaler på fredag  ")
    input.handle(.ctrl("w"))
    #expect(input.text == "betaler på ")
    input.handle(.ctrl("w"))
    #expect(input.text == "betaler ")
    input.handle(.ctrl("u"))
    #expect(input.text == "" && input.cursor == 0)
  }

  @Test("keys that are not editing keys are left to the caller")
  func unusedKeys() {
    var input = TextInput("x")
    let used = [Key.enter, .escape, .up, .char("y")].map { input.handle($0) }
    #expect(used == [false, false, false, true])
    #expect(input.text == "xy")
  }

  @Test("maxLength and control characters are respected")
  func limits() {
    var input = TextInput(maxLength: 3)
    input.insert(contentsOf: "ab\u{7}cd")
    #expect(input.text == "abc")
  }

  @Test("drawing scrolls horizontally to keep the cursor visible")
  func scrolling() {
    let input = typed("Kari Nordmann på Ås")
    var buffer = Buffer(width: 10, height: 1)
    let cursor = input.draw(in: buffer.area, buffer: &buffer, style: .plain)
    #expect(buffer.lines() == ["ann på Ås"])
    #expect(cursor == Point(x: 9, y: 0))
    var moved = input
    moved.keepCursorVisible(width: 10)
    moved.handle(.home)
    var again = Buffer(width: 10, height: 1)
    let movedCursor = moved.draw(in: again.area, buffer: &again, style: .plain)
    #expect(movedCursor == Point(x: 0, y: 0))
    #expect(again.lines() == ["Kari Nordm"])
  }

  @Test("the cursor column counts wide characters as two")
  func wideCursor() {
    let input = typed("日本")
    var buffer = Buffer(width: 10, height: 1)
    let cursor = input.draw(in: buffer.area, buffer: &buffer)
    #expect(cursor == Point(x: 4, y: 0))
    var empty = Buffer(width: 10, height: 1)
    _ = TextInput().draw(in: empty.area, buffer: &empty, placeholder: "Søk…")
    #expect(empty.lines() == ["Søk…"])
    #expect(empty[0, 0].style.dim)
  }
}
