import Foundation
import KravApp
import KravCore
import KravTestSupport
import TerminalUI
import Testing

/// Issue 17: the keys are data; the user guide's table is generated from them, and each letter
/// means one thing on every screen.
@Suite("Key map")
struct KeymapTableTests {
  let keymaps = Keymaps(Catalogue(.en))

  @Test("Docs/user-guide.md holds the key table the keymaps generate (regenerate when this fails)")
  func userGuideTableIsCurrent() throws {
    let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
      .appendingPathComponent("../../Docs/user-guide.md").standardized
    let doc = try String(contentsOf: url, encoding: .utf8)
    let table = KeymapDoc.markdown(keymaps)
    if ProcessInfo.processInfo.environment["RECORD_SNAPSHOTS"] == "1" {
      let start = try #require(doc.range(of: KeymapDoc.begin))
      let stop = try #require(doc.range(of: KeymapDoc.end))
      let fresh = doc[..<start.upperBound] + "\n\n" + table + "\n" + doc[stop.lowerBound...]
      try String(fresh).write(to: url, atomically: true, encoding: .utf8)
      return
    }
    let start = try #require(doc.range(of: KeymapDoc.begin), "no key table markers in the guide")
    let stop = try #require(doc.range(of: KeymapDoc.end))
    let current = doc[start.upperBound..<stop.lowerBound].trimmingCharacters(
      in: .whitespacesAndNewlines)
    #expect(
      current == table.trimmingCharacters(in: .whitespacesAndNewlines),
      "the key table in Docs/user-guide.md is stale; run RECORD_SNAPSHOTS=1 swift test --filter KeymapTableTests"
    )
    #expect(table.contains("| `F2` `Ctrl-S` | save |"))
    #expect(table.contains("| `l` | log call (writes) |"))
  }

  @Test("a letter key means one thing on every screen (Esc and q leave, Enter acts on the row)")
  func oneMeaningPerKey() {
    var meaning: [Key: (Action, String)] = [:]
    let screens: [(String, Keymap<Action>)] = [
      ("calls", keymaps.calls), ("customers", keymaps.customers), ("case", keymaps.caseView),
      ("plans", keymaps.planView), ("queue", keymaps.queue), ("unmatched", keymaps.unmatched),
      ("approvals", keymaps.approvals), ("outbox", keymaps.outbox),
      ("global", keymaps.global),
    ]
    for (name, keymap) in screens {
      for b in keymap.effectiveBindings {
        for k in b.keys where k != .escape && k != .char("q") && k != .enter {
          if let (other, where_) = meaning[k] {
            #expect(other == b.action, "\(k) is \(other) on \(where_) but \(b.action) on \(name)")
          } else {
            meaning[k] = (b.action, name)
          }
        }
      }
    }
    #expect(meaning[.char("l")]?.0 == .logCall)
    #expect(meaning[.char("s")]?.0 == .openQueue)
    // Issue 18: T stays the queue's step for the customer; the team's keys are their own.
    #expect(meaning[.char("T")]?.0 == .triggerCustomer)
    #expect(meaning[.char("M")]?.0 == .toggleTeam)
    #expect(meaning[.char("v")]?.0 == .openApprovals)
    #expect(meaning[.char("O")]?.0 == .approve)
    #expect(Action.approve.writes)
  }

  @Test("every confirmation uses the one confirm keymap: y/j confirm, n/Esc cancel, Enter does not")
  func oneConfirmKeymap() {
    let confirm = keymaps.confirm
    #expect(confirm.action(for: .char("y")) == .confirm)
    #expect(confirm.action(for: .char("j")) == .confirm)
    #expect(confirm.action(for: .char("n")) == .cancel)
    #expect(confirm.action(for: .escape) == .cancel)
    #expect(confirm.action(for: .enter) == nil, "a double Enter must not take a legal step")
    #expect(keymaps.confirmSteps.action(for: .char("j")) == .confirm)
  }

  @Test("writing keys are hidden from the hints and help of a read-only store, and refused")
  func readOnlyHidesWrites() {
    var state = AppState(
      ledger: Ledger(), today: Day(parsing: "2026-11-30")!, language: .en,
      size: Size(width: 100, height: 30), start: .calls)
    #expect(keymaps.effective(for: state).action(for: .char("l")) == .logCall)
    state.readOnlyReason = "journal damaged"
    #expect(keymaps.effective(for: state).action(for: .char("l")) == nil)
    #expect(keymaps.effective(for: state).action(for: .char("c")) == .customers)
  }
}

@Test("every area's text exists in both languages (the area switches have no default)")
func callCatalogueComplete() {
  let nb = Catalogue(.nb)
  let en = Catalogue(.en)
  for key in LCall.allCases {
    #expect(!nb(key).isEmpty && !en(key).isEmpty, "\(key)")
  }
  for key in LQueue.allCases {
    #expect(!nb(key).isEmpty && !en(key).isEmpty, "\(key)")
  }
  for key in LPay.allCases {
    #expect(!nb(key).isEmpty && !en(key).isEmpty, "\(key)")
  }
  for key in LTeam.allCases {
    #expect(!nb(key).isEmpty && !en(key).isEmpty, "\(key)")
  }
  for key in LFix.allCases {
    #expect(!nb(key).isEmpty && !en(key).isEmpty, "\(key)")
  }
  #expect(nb(.callsTitle) == "Ringeliste" && en(.callsTitle) == "Call list")
}

/// Ctrl-C is bound once (the global layer) and reaches every form and prompt; `?` and `q` are
/// text there, not help or quit.
@Test("Ctrl-C quits from every form and prompt; ? and q are typed into their text fields")
func ctrlCEverywhere() {
  let today = Day(parsing: "2026-11-30")!
  let ways: [(String, [Key])] = [
    ("search", [.char("c"), .char("/")]), ("note", [.enter, .char("n")]),
    ("call form", [.char("l"), .tab]), ("hold form", [.enter, .char("h")]),
    ("resolve form", [.char("c"), .enter, .char("i"), .tab, .tab, .tab]),
    ("plan form", [.enter, .char("p")]), ("payment", [.enter, .char("b")]),
    ("write-off", [.enter, .char("w")]), ("step confirmation", [.char("s"), .home, .char("t")]),
    ("correction form", [.enter, .char("x")]), ("edit form", [.enter, .char("E")]),
    ("reader", [.enter, .enter]),
  ]
  for (name, keys) in ways {
    var d = AppDriver(
      store: MemoryStore(events: Fixtures.threeCustomers(today: today)), today: today,
      start: .calls)
    for k in keys { d.press(k) }
    #expect(d.state.mode != .normal, "\(name) opened")
    if name != "step confirmation" {
      d.press(.char("?"), .char("q"))
      #expect(!d.state.isQuitting, "\(name): q is text")
      if case .help = d.state.mode { Issue.record("\(name): ? opened the help") }
    }
    d.press(.ctrl("c"))
    #expect(d.state.isQuitting, "\(name): Ctrl-C quits")
  }
}
