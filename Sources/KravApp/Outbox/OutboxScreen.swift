import KravCore
import TerminalUI

/// One document as the outbox screen lists it.
public struct OutboxRow: Hashable, Sendable {
  public var id: String
  public var customer: String
  public var state: Outbox.State
  public var written: Day
  /// What happened: when it left and how, or why it failed, or why it goes on paper.
  public var detail: String
  /// The store-relative path of its text.
  public var textPath: String
}

/// A document open for reading: its text, scrolled.
public struct OutboxReading: Hashable, Sendable {
  public var id: String
  public var text: String
  public var scroll = 0
}

/// The outbox screen (issue 19, Docs/letters.md): every document and where it stands, with a
/// filter by state (`F`; and by customer when opened from a case); Enter reads a document
/// (wrapped, scrollable); `m` sends everything waiting for e-mail; `P` writes a print batch
/// and asks whether it was printed (y marks its letters printed today).
public struct OutboxView: Hashable, Sendable {
  public var filter: Outbox.State?
  public var customer: String?
  public var selectedId: String?
  public var offset = 0
  /// The documents, as last read from the journal (nil until loaded).
  public var rows: [OutboxRow]?
  public var reading: OutboxReading?
  /// A print batch written to this path, waiting for the collector to say it was printed.
  public var pendingBatch: String?

  public init(customer: String? = nil) { self.customer = customer }

  /// The rows the filters let through.
  public var visible: [OutboxRow] {
    (rows ?? []).filter { r in
      (filter.map { r.state == $0 } ?? true) && (customer.map { r.customer == $0 } ?? true)
    }
  }
}

/// A ledger carried in an effect (effects are compared in tests; a ledger is not): equal when
/// it has folded as many events.
public struct LedgerValue: Hashable, Sendable {
  public var ledger: Ledger
  public init(_ ledger: Ledger) { self.ledger = ledger }
  public static func == (a: LedgerValue, b: LedgerValue) -> Bool {
    a.ledger.eventCount == b.ledger.eventCount
  }
  public func hash(into h: inout Hasher) { h.combine(ledger.eventCount) }
}

/// What the outbox screen asks the runtime to do.
public enum OutboxRequest: Hashable, Sendable {
  /// Read every customer's timeline and build the outbox.
  case load
  /// Read a document's text.
  case read(id: String, path: String)
  /// Send these documents by e-mail.
  case send([String])
  /// Write a print batch of every letter waiting for paper (confirm: record them printed,
  /// naming the batch's file in the store).
  case print(confirm: Bool, file: String?)
}

enum OutboxScreen {
  static func text(_ t: Catalogue, _ nb: String, _ en: String) -> String { t.lang == .nb ? nb : en }

  /// The rows of `box`, newest first.
  static func rows(_ box: Outbox, _ t: Catalogue) -> [OutboxRow] {
    box.documents.reversed().map { d in
      var detail = ""
      if let dep = d.departure {
        detail = "\(t.day(dep.day)) " + (dep.messageId.map { "<\($0)>" } ?? dep.batch ?? "")
      } else if let f = d.failure {
        detail = f.reason
      } else if let by = d.supersededBy {
        detail = "→ \(by)"
      } else if let why = box.paperCause(for: d) {
        detail = t.paperCause(why)
      }
      return OutboxRow(
        id: d.id, customer: d.customer, state: box.state(of: d), written: d.written,
        detail: detail, textPath: d.base + ".txt")
    }
  }

  static func keymap(_ t: Catalogue, moves: [KeyBinding<Action>]) -> Keymap<Action> {
    let act = t(.groupActions)
    let gen = t(.groupGeneral)
    return Keymap(
      moves.map { b in b.showing(false) } + [
        KeyBinding(
          keys: [.enter], action: .open, help: text(t, "les dokumentet", "read the document"),
          group: act, showInStatusBar: true),
        KeyBinding(
          keys: [.char("F")], action: .filterStep,
          help: text(t, "filter: status", "filter: state"), group: act, showInStatusBar: true),
        KeyBinding(
          keys: [.char("m")], action: .outboxSend,
          help: text(t, "send alle e-poster", "send all e-mail"), group: act,
          showInStatusBar: true),
        KeyBinding(
          keys: [.char("P")], action: .outboxPrint,
          help: text(t, "lag utskrift", "make a print batch"), group: act,
          showInStatusBar: true),
        KeyBinding(
          keys: [.char("y")], action: .confirm,
          help: text(t, "ja, utskriften er skrevet ut", "yes, the batch was printed"), group: act),
        KeyBinding(
          keys: [.escape, .char("q")], action: .back, help: t(.keyBack), group: gen,
          showInStatusBar: true),
      ])
  }

  /// The filter after `f`: all, then each state in turn.
  static func nextFilter(_ f: Outbox.State?) -> Outbox.State? {
    let all = Outbox.State.allCases
    guard let f, let i = all.firstIndex(of: f) else { return all.first }
    return i + 1 < all.count ? all[i + 1] : nil
  }

  static func update(_ state: inout AppState, _ view: inout OutboxView, _ action: Action)
    -> [Effect]
  {
    let t = state.catalogue
    if var r = view.reading {
      // Reading a document: moves scroll it, Esc goes back to the list.
      switch action {
      case .back, .cancel: view.reading = nil
      case .up: r.scroll = max(0, r.scroll - 1)
      case .down: r.scroll += 1
      case .pageUp: r.scroll = max(0, r.scroll - pageSize(state))
      case .pageDown: r.scroll += pageSize(state)
      case .home: r.scroll = 0
      default: break
      }
      if view.reading != nil { view.reading = r }
      return []
    }
    if let path = view.pendingBatch {
      switch action {
      case .confirm:
        view.pendingBatch = nil
        return [
          .outbox(.print(confirm: true, file: path), LedgerValue(state.ledger), state.creditor)
        ]
      case .cancel, .back:
        view.pendingBatch = nil
        state.status = StatusLine(
          text(t, "Ikke merket som skrevet ut (\(path))", "Not marked printed (\(path))"))
        return []
      default: return []
      }
    }
    let rows = view.visible
    let index = rows.firstIndex { $0.id == view.selectedId } ?? 0
    switch action {
    case .back:
      state.stack.removeLast()
      return []
    case .up, .down, .pageUp, .pageDown, .home, .end:
      let visible = max(1, state.size.height - 4)
      let target = listTarget(
        action, from: index, count: rows.count, page: pageSize(state),
        hasSelection: view.selectedId != nil)
      if let k = scrolledSelection(
        target, count: rows.count, offset: &view.offset, visible: visible)
      {
        view.selectedId = rows[k].id
      }
    case .filterStep:
      view.filter = nextFilter(view.filter)
      view.offset = 0
      view.selectedId = nil
    case .open:
      guard !rows.isEmpty else { return [] }
      let r = rows[min(index, rows.count - 1)]
      view.selectedId = r.id
      return [.outbox(.read(id: r.id, path: r.textPath), LedgerValue(state.ledger), state.creditor)]
    case .outboxSend:
      guard !state.refusedReadOnly() else { return [] }
      let ids = (view.rows ?? []).filter {
        $0.state == .toEmail || ($0.state == .failed && $0.detail.hasPrefix("the mailer"))
      }.map(\.id)
      guard !ids.isEmpty else {
        state.status = StatusLine(text(t, "Ingen e-post å sende", "No e-mail to send"))
        return []
      }
      state.status = StatusLine(text(t, "Sender …", "Sending …"))
      return [.outbox(.send(ids), LedgerValue(state.ledger), state.creditor)]
    case .outboxPrint:
      guard !state.refusedReadOnly() else { return [] }
      return [
        .outbox(.print(confirm: false, file: nil), LedgerValue(state.ledger), state.creditor)
      ]
    default: break
    }
    return []
  }

  static func render(_ state: AppState, _ view: OutboxView, in area: Rect, buffer: inout Buffer) {
    let t = state.catalogue
    if let r = view.reading {
      let header = Rect(x: area.x, y: area.y, width: area.width, height: 1)
      buffer.put(
        text(t, "Dokument \(r.id) – Esc tilbake", "Document \(r.id) – Esc back"), x: header.x,
        y: header.y, style: .bold, maxWidth: area.width)
      let body = Rect(
        x: area.x, y: area.y + 1, width: area.width, height: max(0, area.height - 1))
      let p = Paragraph(r.text, scrollOffset: r.scroll)
      let maxScroll = max(0, p.lineCount(width: body.width) - body.height)
      buffer.render(
        Paragraph(r.text, scrollOffset: min(r.scroll, maxScroll)), in: body)
      return
    }
    let filterText =
      text(t, "Filter: ", "Filter: ")
      + (view.filter.map(t.outboxState) ?? text(t, "alle", "all"))
      + (view.customer.map { text(t, "  kunde \($0)", "  customer \($0)") } ?? "")
      + (view.pendingBatch.map {
        text(
          t, "   Utskrift: \($0) – er den skrevet ut? (y/Esc)", "   Batch: \($0) – printed? (y/Esc)"
        )
      } ?? "")
    buffer.put(
      filterText, x: area.x, y: area.y, style: view.pendingBatch == nil ? .plain : .bold,
      maxWidth: area.width)
    let tableArea = Rect(
      x: area.x, y: area.y + 1, width: area.width, height: max(0, area.height - 1))
    guard view.rows != nil else {
      buffer.put(text(t, "Leser …", "Reading …"), x: area.x, y: area.y + 1, maxWidth: area.width)
      return
    }
    let rows = view.visible
    let selected = rows.firstIndex { $0.id == view.selectedId } ?? (rows.isEmpty ? nil : 0)
    var scroll = TableScroll(selected: selected, offset: view.offset)
    scroll.keepVisible(rowCount: rows.count, visibleHeight: max(1, tableArea.height - 1))
    // Columns by priority (`ColumnLayout`): the document and its state keep their room.
    let laid = ColumnLayout.table(
      [
        LayoutColumn(text(t, "Dokument", "Document"), min: 14, max: 40, priority: 0, grows: true),
        LayoutColumn(text(t, "Kunde", "Customer"), min: 5, max: 10, priority: 1),
        LayoutColumn(text(t, "Status", "State"), min: 8, max: 16, priority: 0),
        LayoutColumn(text(t, "Skrevet", "Written"), min: 10, max: 10, priority: 3),
        LayoutColumn(
          text(t, "Hva skjedde", "What happened"), min: 10, max: 60, priority: 2,
          grows: true),
      ],
      rows: rows.map { r in [r.id, r.customer, t.outboxState(r.state), t.day(r.written), r.detail] },
      width: tableArea.width,
      measure: scroll.visibleRange(
        rowCount: rows.count, visibleHeight: max(1, tableArea.height - 1)))
    let table = Table(
      columns: laid.columns, rows: laid.rows, scroll: scroll,
      emptyText: text(t, "Ingen dokumenter", "No documents"))
    buffer.render(table, in: tableArea)
  }

  static func title(_ state: AppState, _ view: OutboxView) -> String {
    let t = state.catalogue
    let waiting = (view.rows ?? []).filter { $0.state == .toEmail || $0.state == .toPrint }.count
    return "\(t(.appTitle)) – "
      + text(t, "Utboks (\(waiting) venter)", "Outbox (\(waiting) waiting)")
  }

  /// After the runtime did what the screen asked.
  static func handle(_ state: inout AppState, _ msg: OutboxResult) {
    let t = state.catalogue
    guard let i = state.stack.lastIndex(where: { if case .outbox = $0 { true } else { false } }),
      case .outbox(var view) = state.stack[i]
    else { return }
    switch msg {
    case .loaded(let box):
      view.rows = rows(box, t)
    case .read(let id, let text):
      view.reading = OutboxReading(id: id, text: text)
    case .done(let box, let summary, let batchPath):
      view.rows = rows(box, t)
      view.pendingBatch = batchPath
      state.status = StatusLine(summary)
    case .failed(let why):
      state.status = StatusLine(why, isError: true)
    }
    state.stack[i] = .outbox(view)
  }
}

/// What the runtime reports back to the outbox screen.
public enum OutboxResult: Sendable {
  case loaded(Outbox)
  case read(id: String, text: String)
  /// Sent or printed: the outbox after it, a summary line, and a batch written waiting for
  /// the collector's confirmation.
  case done(Outbox, summary: String, batchPath: String?)
  case failed(String)
}

/// Opens the outbox (for one customer when `customer` is given) and asks for its documents.
func openOutbox(_ state: inout AppState, customer: String?) -> [Effect] {
  state.stack.append(.outbox(OutboxView(customer: customer)))
  return [.outbox(.load, LedgerValue(state.ledger), state.creditor)]
}
