import Testing

@testable import TerminalUI

@Suite("Text width")
struct TextWidthTests {
  @Test("Norwegian letters are one column each")
  func norwegianLetters() {
    #expect(TextWidth.width(of: "æøåÆØÅ") == 6)
    #expect("Ærlige Østlandske Ås".displayWidth == 20)
  }

  @Test("CJK and fullwidth characters are two columns")
  func wideCharacters() {
    #expect(TextWidth.width(of: "日本") == 4)
    #expect(TextWidth.width(of: "Ａ") == 2)
    #expect(TextWidth.width(of: "한국") == 4)
  }

  @Test("combining marks, zero-width and control characters take no column")
  func zeroWidth() {
    #expect(TextWidth.width(of: "e\u{301}") == 1)
    #expect(TextWidth.width(of: "a\u{200B}b") == 2)
    #expect(TextWidth.width(of: "\u{7}") == 0)
    #expect(TextWidth.width(of: Unicode.Scalar(0x0301)!) == 0)
    #expect(TextWidth.width(of: Unicode.Scalar(0xFE0F)!) == 0)
  }

  @Test("emoji are two columns, also with an emoji presentation selector")
  func emoji() {
    #expect(TextWidth.width(of: "😀") == 2)
    #expect(TextWidth.width(of: "❤\u{FE0F}") == 2)
    #expect(TextWidth.width(of: "👨‍👩‍👧") == 2)
  }

  @Test("truncate cuts by display width and appends an ellipsis")
  func truncate() {
    #expect(TextWidth.truncate("Ærlige Øst AS", to: 8) == "Ærlige …")
    #expect(TextWidth.truncate("kort", to: 10) == "kort")
    #expect(TextWidth.truncate("日本語", to: 4) == "日…")
    #expect(TextWidth.truncate("abc", to: 0) == "")
    #expect(TextWidth.truncate("abc", to: -3) == "")
    #expect(TextWidth.truncate("abcdef", to: 3, ellipsis: "...") == "...")
    #expect(TextWidth.truncate("abcdef", to: 2, ellipsis: "...") == "ab")
  }

  @Test("pad aligns left, right and centre, and truncates overlong text")
  func pad() {
    #expect(TextWidth.pad("øre", to: 6) == "øre   ")
    #expect(TextWidth.pad("øre", to: 6, align: .right) == "   øre")
    #expect(TextWidth.pad("øre", to: 6, align: .center) == " øre  ")
    #expect(TextWidth.pad("日", to: 3, align: .right) == " 日")
    #expect(TextWidth.pad("abcdef", to: 4) == "abc…")
    #expect(TextWidth.pad("x", to: 0) == "")
  }

  @Test("wrap breaks at spaces, hard-breaks long words and keeps empty lines")
  func wrap() {
    #expect(
      TextWidth.wrap("Kunden lovet å betale på fredag", to: 12) == [
        "Kunden lovet", "å betale på", "fredag",
      ])
    #expect(TextWidth.wrap("abcdefghij", to: 4) == ["abcd", "efgh", "ij"])
    #expect(TextWidth.wrap("a\n\nb", to: 5) == ["a", "", "b"])
    #expect(TextWidth.wrap("", to: 5) == [""])
    #expect(TextWidth.wrap("日本語テキスト", to: 5) == ["日本", "語テ", "キス", "ト"])
    #expect(TextWidth.wrap("anything", to: 0) == [])
  }
}
