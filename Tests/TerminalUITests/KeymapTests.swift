import Testing

@testable import TerminalUI

private enum Action: Hashable {
  case up, down, open, search, help, quit, cancel, confirm
}

private let global = Keymap<Action>([
  KeyBinding(
    keys: [.char("?")], action: .help, help: "help", group: "General",
    showInStatusBar: true),
  KeyBinding(
    keys: [.char("q"), .ctrl("c")], action: .quit, help: "quit", group: "General",
    showInStatusBar: true),
  KeyBinding(keys: [.escape], action: .cancel, help: "back", group: "General"),
])

private let screen = Keymap<Action>([
  KeyBinding(
    keys: [.up, .down, .char("k"), .char("j")], action: .up, help: "move",
    group: "Navigation", showInStatusBar: true),
  KeyBinding(
    keys: [.enter], action: .open, help: "open", group: "Navigation",
    showInStatusBar: true),
  KeyBinding(
    keys: [.char("/")], action: .search, help: "search", group: "Navigation",
    showInStatusBar: true),
])

private let confirmMode = Keymap<Action>([
  KeyBinding(keys: [.char("y")], action: .confirm, help: "yes", group: "Confirm"),
  KeyBinding(
    keys: [.char("n"), .escape, .char("q")], action: .cancel, help: "no",
    group: "Confirm"),
])

@Suite("Key")
struct KeyTests {
  @Test("key names parse case-insensitively into keys")
  func parse() {
    #expect(Key.parse("ctrl-c") == .ctrl("c"))
    #expect(Key.parse("Ctrl-W") == .ctrl("w"))
    #expect(Key.parse("^U") == .ctrl("u"))
    #expect(Key.parse("Enter") == .enter)
    #expect(Key.parse("esc") == .escape)
    #expect(Key.parse("PgDn") == .pageDown)
    #expect(Key.parse("f5") == .function(5))
    #expect(Key.parse("space") == .char(" "))
    #expect(Key.parse("Q") == .char("Q"))
    #expect(Key.parse("å") == .char("å"))
    #expect(Key.parse("↑") == .up)
    #expect(Key.parse("ctrl-") == nil)
    #expect(Key.parse("bogus") == nil)
  }

  @Test("descriptions are short names for help text")
  func descriptions() {
    #expect(Key.up.description == "↑")
    #expect(Key.pageDown.description == "PgDn")
    #expect(Key.enter.description == "Enter")
    #expect(Key.escape.description == "Esc")
    #expect(Key.ctrl("c").description == "Ctrl-C")
    #expect(Key.char("/").description == "/")
    #expect(Key.char(" ").description == "Space")
    #expect(Key.function(2).description == "F2")
  }
}

@Suite("Keymap")
struct KeymapTests {
  @Test("lookup finds the action for any of a binding's keys")
  func lookup() {
    #expect(global.action(for: .ctrl("c")) == .quit)
    #expect(screen.action(for: .char("j")) == .up)
    #expect(screen.action(for: .char("x")) == nil)
  }

  @Test("earlier layers shadow later ones for the same key")
  func layering() {
    let normal = Keymap.layered([screen, global])
    #expect(normal.action(for: .char("q")) == .quit)
    #expect(normal.action(for: .enter) == .open)
    let confirming = Keymap.layered([confirmMode, global])
    #expect(confirming.action(for: .char("q")) == .cancel)
    #expect(confirming.action(for: .char("?")) == .help)
  }

  @Test("status hints are generated from the bindings in order")
  func hints() {
    let normal = Keymap.layered([screen, global])
    #expect(normal.statusHints() == "↑↓ move  Enter open  / search  ? help  q quit")
  }

  @Test("hints that do not fit are dropped while shorter later ones remain")
  func narrowHints() {
    let normal = Keymap.layered([screen, global])
    #expect(normal.statusHints(maxWidth: 24) == "↑↓ move  Enter open")
    #expect(normal.statusHints(maxWidth: 27) == "↑↓ move  Enter open  ? help")
    #expect(normal.statusHints(maxWidth: 0) == "")
  }

  @Test("a shadowed key disappears from hints and help")
  func shadowedKeys() {
    let confirming = Keymap.layered([confirmMode, global])
    #expect(confirming.statusHints() == "? help  Ctrl-C quit")
    let sections = confirming.helpSections()
    #expect(sections.map(\.title) == ["Confirm", "General"])
    #expect(
      sections[1].entries == [
        HelpEntry(keys: "?", help: "help"), HelpEntry(keys: "Ctrl-C", help: "quit"),
      ])
  }

  @Test("help sections group bindings and list every key")
  func helpSections() {
    let sections = Keymap.layered([screen, global]).helpSections()
    #expect(sections.map(\.title) == ["Navigation", "General"])
    #expect(sections[0].entries.first == HelpEntry(keys: "↑/↓/k/j", help: "move"))
    #expect(sections[1].entries.map(\.keys) == ["?", "q/Ctrl-C", "Esc"])
  }

  @Test("filter removes actions, e.g. writes in read-only mode")
  func filter() {
    let readOnly = Keymap.layered([screen, global]).filter { $0 != .open }
    #expect(readOnly.action(for: .enter) == nil)
    #expect(readOnly.action(for: .char("q")) == .quit)
  }
}
