import Testing

@testable import KravApp

@Suite("Key hints fit whole")
struct HintFitTests {
  let items: [(action: Action, text: String)] = [
    (.choosePrevious, "←/→ velg"), (.nextField, "Tab neste felt"),
    (.save, "F2/Ctrl-S lagre"), (.cancel, "Esc avbryt"),
  ]

  @Test("room enough: all items with dots between them")
  func wide() {
    #expect(fitHint(items, width: 80) == "←/→ velg · Tab neste felt · F2/Ctrl-S lagre · Esc avbryt")
  }

  @Test("narrow: tighter spacing, then the least needed items leave whole; never cut")
  func narrow() {
    #expect(fitHint(items, width: 53) == "←/→ velg  Tab neste felt  F2/Ctrl-S lagre  Esc avbryt")
    #expect(fitHint(items, width: 40) == "←/→ velg  F2/Ctrl-S lagre  Esc avbryt")
    #expect(fitHint(items, width: 28) == "F2/Ctrl-S lagre  Esc avbryt")
    // Narrower than save and cancel together: they stay (the row clips), nothing says "avb…".
    #expect(!fitHint(items, width: 10).contains("…"))
  }
}
