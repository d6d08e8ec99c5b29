import Testing

@testable import TerminalUI

@Suite("Buffer")
struct BufferTests {
  @Test("put writes text and reports the columns used, clipped at the edge")
  func put() {
    var buffer = Buffer(width: 8, height: 2)
    let used6 = buffer.put("Blåbær", x: 1, y: 0)
    #expect(used6 == 6)
    let used5 = buffer.put("abcdefghij", x: 3, y: 1)
    #expect(used5 == 5)
    let below = buffer.put("xyz", x: 0, y: 5)
    let left = buffer.put("xyz", x: -1, y: 0)
    #expect(below == 0 && left == 0)
    #expect(buffer.lines() == [" Blåbær", "   abcde"])
  }

  @Test("maxWidth limits how far put writes")
  func maxWidth() {
    var buffer = Buffer(width: 10, height: 1)
    let used3 = buffer.put("abcdef", x: 0, y: 0, maxWidth: 3)
    #expect(used3 == 3)
    #expect(buffer.lines() == ["abc"])
  }

  @Test("wide characters take a cell and a continuation cell")
  func wideCells() {
    var buffer = Buffer(width: 6, height: 1)
    let used4 = buffer.put("日本", x: 0, y: 0)
    #expect(used4 == 4)
    #expect(buffer[0, 0].grapheme == "日")
    #expect(buffer[1, 0].isContinuation)
    #expect(buffer[2, 0].grapheme == "本")
    #expect(buffer.lines() == ["日本"])
  }

  @Test("a wide character that does not fit at the right edge becomes a space")
  func wideAtEdge() {
    var buffer = Buffer(width: 5, height: 1)
    let used5 = buffer.put("ab日本", x: 0, y: 0)
    #expect(used5 == 5)
    #expect(buffer[4, 0].grapheme == " ")
    #expect(!buffer[4, 0].isContinuation)
    #expect(buffer.lines() == ["ab日"])
  }

  @Test("overwriting half of a wide character blanks the other half")
  func overwriteHalf() {
    var buffer = Buffer(width: 6, height: 1)
    buffer.put("日本", x: 0, y: 0)
    buffer.put("x", x: 1, y: 0)
    #expect(buffer.lines() == [" x本"])
    buffer.put("y", x: 2, y: 0)
    #expect(buffer.lines() == [" xy"])
    #expect(!buffer[3, 0].isContinuation)
  }

  @Test("fill and setStyle change styles in a rectangle, clipped")
  func fillAndStyle() {
    var buffer = Buffer(width: 4, height: 2)
    buffer.put("abcd", x: 0, y: 0)
    buffer.setStyle(Rect(x: 2, y: 0, width: 10, height: 10), style: .reverse)
    #expect(buffer[1, 0].style == .plain)
    #expect(buffer[3, 0].style == .reverse)
    #expect(buffer[3, 0].grapheme == "d")
    buffer.fill(Rect(x: 0, y: 0, width: 2, height: 1), style: .bold)
    #expect(buffer.lines() == ["  cd", ""])
    #expect(buffer[0, 0].style == .bold)
  }

  @Test("a zero-sized buffer accepts every call without crashing")
  func zeroSized() {
    var buffer = Buffer(width: 0, height: 0)
    let used0 = buffer.put("x", x: 0, y: 0)
    #expect(used0 == 0)
    buffer.fill(Rect(x: 0, y: 0, width: 5, height: 5))
    #expect(buffer.lines() == [])
    #expect(buffer.diff(from: Buffer(width: 3, height: 1)) == [])
  }
}

@Suite("Buffer diff")
struct BufferDiffTests {
  @Test("identical buffers produce no runs")
  func identical() {
    var a = Buffer(width: 10, height: 3)
    a.put("Hei på deg", x: 0, y: 1)
    #expect(a.diff(from: a).isEmpty)
  }

  @Test("only the changed runs are reported, one per stretch of changes")
  func changedRuns() {
    var old = Buffer(width: 10, height: 3)
    old.put("abcdefghij", x: 0, y: 0)
    old.put("row two", x: 0, y: 1)
    var new = old
    new.put("XY", x: 2, y: 0)
    new.put("Z", x: 8, y: 0)
    new.setStyle(Rect(x: 0, y: 2, width: 1, height: 1), style: .reverse)
    let runs = new.diff(from: old)
    #expect(runs.map(\.x) == [2, 8, 0])
    #expect(runs.map(\.y) == [0, 0, 2])
    #expect(runs.map(\.text) == ["XY", "Z", " "])
  }

  @Test("a size change redraws every row whole")
  func sizeChange() {
    var new = Buffer(width: 4, height: 2)
    new.put("ø", x: 0, y: 0)
    let runs = new.diff(from: Buffer(width: 5, height: 2))
    #expect(runs.count == 2)
    #expect(runs.allSatisfy { $0.x == 0 && $0.cells.count == 4 })
    #expect(new.diff(from: nil).count == 2)
  }

  @Test("a run never starts on the right half of a wide character")
  func wideRun() {
    var old = Buffer(width: 6, height: 1)
    old.put("日本", x: 0, y: 0)
    var new = old
    new.put("日x", x: 0, y: 0)
    // Cells 2 and 3 changed ("本" became "x" and a space); cell 1 did not.
    let runs = new.diff(from: old)
    #expect(runs == [CellRun(x: 2, y: 0, cells: [Cell("x"), Cell(" ")])])

    var styled = old
    styled.setStyle(Rect(x: 3, y: 0, width: 1, height: 1), style: .bold)
    let widened = styled.diff(from: old)
    #expect(widened.map(\.x) == [2])
    #expect(widened.first?.cells.count == 2)
  }
}

@Suite("Buffer composition")
struct BufferCompositionTests {
  @Test("blit copies a buffer and blanks wide characters cut by the edge")
  func blit() {
    var small = Buffer(width: 4, height: 1)
    small.put("日本", x: 0, y: 0)
    var target = Buffer(width: 5, height: 2)
    target.blit(small, x: 2, y: 0)
    target.blit(small, x: -1, y: 1)
    #expect(target.lines() == ["  日", " 本"])
    #expect(!target[0, 1].isContinuation)
  }

  @Test("styles are values: builders change one attribute and keep the rest")
  func styleBuilders() {
    let style = Style.plain.fg(.red).bold()
    #expect(style == Style(fg: .red, bold: true))
    #expect(style.bold(false).reverse() == Style(fg: .red, reverse: true))
    #expect(Color.brightRed.ansiIndex == 9)
    #expect(Color.default.ansiIndex == nil)
  }
}
