import Testing

@testable import TerminalUI

@Suite("Widgets")
struct WidgetTests {
  @Test("title bar puts the left text in bold and the right text flush right")
  func titleBar() {
    var buffer = Buffer(width: 30, height: 1)
    buffer.render(TitleBar(left: "Krav — Ringeliste", right: "kari"), in: buffer.area)
    #expect(buffer.lines() == [" Krav — Ringeliste       kari"])
    #expect(buffer[1, 0].style == Style(bold: true, reverse: true))
    #expect(buffer[29, 0].style == .reverse)
  }

  @Test("title bar drops the right text when it does not fit")
  func narrowTitleBar() {
    var buffer = Buffer(width: 12, height: 1)
    buffer.render(TitleBar(left: "Ringeliste", right: "kari"), in: buffer.area)
    #expect(buffer.lines() == [" Ringeliste"])
  }

  @Test("status bar shows the message left and packs hints right")
  func statusBar() {
    var buffer = Buffer(width: 40, height: 1)
    let bar = StatusBar(message: "Lagret.", hints: ["Enter åpne", "? hjelp", "q avslutt"])
    buffer.render(bar, in: buffer.area)
    #expect(buffer.lines() == ["Lagret.   Enter åpne  ? hjelp  q avslutt"])
    #expect(buffer[0, 0].style == .plain)
    #expect(buffer[39, 0].style == .dim)
  }

  @Test("an error message is red and pushes hints out")
  func statusBarError() {
    var buffer = Buffer(width: 30, height: 1)
    let bar = StatusBar(
      message: "Kunne ikke lagre: disken er full", isError: true, hints: ["? hjelp"])
    buffer.render(bar, in: buffer.area)
    #expect(buffer.lines() == ["Kunne ikke lagre: disken er f…"])
    #expect(buffer[0, 0].style.fg == .red)
  }

  @Test("box draws unicode or ascii borders with a title")
  func box() {
    var buffer = Buffer(width: 12, height: 3)
    buffer.render(Box(title: "Hjelp"), in: buffer.area)
    #expect(buffer.lines() == ["┌ Hjelp ───┐", "│          │", "└──────────┘"])
    var ascii = Buffer(width: 6, height: 3)
    ascii.render(Box(ascii: true), in: ascii.area)
    #expect(ascii.lines() == ["+----+", "|    |", "+----+"])
  }

  @Test("help view lays sections out in columns when they fit")
  func helpView() {
    let sections = [
      HelpSection(title: "Flytt", entries: [HelpEntry(keys: "↑/k", help: "opp")]),
      HelpSection(title: "Generelt", entries: [HelpEntry(keys: "q", help: "avslutt")]),
    ]
    var buffer = Buffer(width: 40, height: 5)
    buffer.render(HelpView(title: "Hjelp", sections: sections), in: buffer.area)
    #expect(
      buffer.lines() == [
        "┌ Hjelp ───────────────────────────────┐",
        "│ Flytt               Generelt         │",
        "│ ↑/k  opp            q    avslutt     │",
        "│                                      │",
        "└──────────────────────────────────────┘",
      ])
  }

  @Test("help view falls back to one scrollable column when short of room")
  func helpViewScroll() {
    let sections = [
      HelpSection(title: "A", entries: (1...5).map { HelpEntry(keys: "\($0)", help: "x\($0)") })
    ]
    var buffer = Buffer(width: 12, height: 4)
    let view = HelpView(title: "H", sections: sections, scrollOffset: 2)
    buffer.render(view, in: buffer.area)
    #expect(view.lineCount == 6)
    #expect(buffer.lines() == ["┌ H ───────┐", "│ 2  x2    │", "│ 3  x3    │", "└──────────┘"])
  }

  @Test("confirm dialog is centred, wraps its text and shows the buttons")
  func confirmDialog() {
    var buffer = Buffer(width: 30, height: 9)
    buffer.put(String(repeating: "#", count: 30), x: 0, y: 3)
    let dialog = ConfirmDialog(
      title: "Send varsel?", lines: ["Ærlige Øst AS, faktura 1001"],
      confirmHint: "y Ja", cancelHint: "n Nei")
    var copy = dialog.dialog
    copy.width = 24
    buffer.render(copy, in: buffer.area)
    #expect(
      buffer.lines() == [
        "",
        "   ┌ Send varsel? ────────┐",
        "   │ Ærlige Øst AS,       │",
        "###│ faktura 1001         │###",
        "   │                      │",
        "   │    y Ja    n Nei     │",
        "   └──────────────────────┘",
        "",
        "",
      ])
  }

  @Test("paragraph wraps and scrolls; list view aligns keys and values")
  func paragraphAndList() {
    var buffer = Buffer(width: 12, height: 2)
    buffer.render(
      Paragraph("Kunden lovet å betale på fredag", scrollOffset: 1), in: buffer.area)
    #expect(buffer.lines() == ["å betale på", "fredag"])
    var list = Buffer(width: 20, height: 2)
    list.render(
      ListView(items: [ListItem("Kunde", "Ærlige Øst AS"), ListItem("Beløp", "1 234,50")]),
      in: list.area)
    #expect(list.lines() == ["Kunde  Ærlige Øst AS", "Beløp  1 234,50"])
  }

  @Test("widgets survive empty and negative areas")
  func tinyAreas() {
    var buffer = Buffer(width: 3, height: 2)
    let nowhere = Rect(x: 5, y: -1, width: -4, height: 0)
    buffer.render(TitleBar(left: "x", right: "y"), in: nowhere)
    buffer.render(StatusBar(message: "m", hints: ["h"]), in: nowhere)
    buffer.render(HelpView(title: "H", sections: []), in: buffer.area)
    buffer.render(Dialog(title: "T", lines: ["a b c"], buttons: "ok"), in: buffer.area)
    buffer.render(Paragraph("text"), in: nowhere)
    buffer.render(ListView(items: [ListItem("k", "v")]), in: Rect(x: 0, y: 0, width: 1, height: 1))
    #expect(buffer.lines().count == 2)
  }
}
