import Foundation
import KravCore
import KravExchange
import TerminalUI

/// Importing a file from the TUI (issue 20): a prompt for the file, then a preview — the kind,
/// the counts, the first rows and every problem with its file, line and field — and nothing is
/// written until the shared y/n confirmation. The preview is planned by `FileImport`, the same
/// KravExchange functions `krav import` uses. On the preview, Space ticks the file's one option,
/// the CLI's flag with the same meaning — `--update` for customers and invoices, `--any-account`
/// for a bank file — and the preview is planned again with it.
public struct ImportForm: Hashable, Sendable {
  /// The file's path as typed (`~` is the home folder).
  public var input = TextInput()
  /// The preview once the file was read; nil while the path is typed.
  public var preview: FilePreview?
  /// The choices ticked on the preview (`krav import --update`, `--any-account`).
  public var options = FileImport.Options()
  public init() {}

  /// The path to read: `~/x` expanded, relative paths as the shell would take them.
  var path: String {
    let p = input.text.trimmingCharacters(in: .whitespaces)
    return (p as NSString).expandingTildeInPath
  }

  /// Opens the prompt.
  static func open(_ state: inout AppState) {
    state.mode = .importFile(ImportForm())
  }

  /// The keys: Enter reads the file, Esc cancels; on the preview the shared y/n confirmation,
  /// and Space for the option when the file's kind has one.
  func keymap(_ k: Keymaps) -> Keymap<Action> {
    guard let p = preview else { return k.promptKeys() }
    return ImportForm.option(of: p.kind) == nil ? k.confirm : ImportForm.previewKeys(k)
  }

  /// The preview's keys with an option: the confirmation and Space to tick it.
  static func previewKeys(_ k: Keymaps) -> Keymap<Action> {
    var tick = k.toggleKey()
    tick.help = k.catalogue(LLayout.keyImportOption)
    return Keymap(k.confirm.bindings + [tick])
  }

  /// The option a kind of file has: `--update` for CSV files, `--any-account` for bank files.
  static func option(of kind: ImportKind?) -> WritableKeyPath<FileImport.Options, Bool>? {
    switch kind {
    case .customers?, .invoices?: return \.update
    case .payments?: return \.anyAccount
    case nil: return nil
    }
  }

  /// The effect that reads and plans the file with the form's options.
  func previewEffect(_ state: AppState) -> Effect {
    .previewImport(path: path, LedgerValue(state.ledger), today: state.today, options)
  }

  /// A bound key.
  mutating func perform(_ action: Action, _ state: inout AppState) -> [Effect] {
    let t = state.catalogue
    switch action {
    case .cancel:
      state.mode = .normal
      state.status = StatusLine(t(LLayout.importNothing))
    case .save where preview == nil:
      guard !path.isEmpty else { return [] }
      return [previewEffect(state)]
    case .toggle:
      // Tick or untick the file's option and plan it again (nothing is written yet).
      guard let p = preview, let key = ImportForm.option(of: p.kind) else { return [] }
      options[keyPath: key].toggle()
      return [previewEffect(state)]
    case .confirm:
      guard let p = preview else { return [] }
      guard p.canImport else {
        state.status = StatusLine(t(LLayout.importNothing), isError: !p.issues.isEmpty)
        state.mode = .normal
        return []
      }
      state.mode = .normal
      return [.write(WriteRequest(.imported(p.file), events: p.events))]
    default: break
    }
    return []
  }

  /// A typed key: the path.
  mutating func type(_ key: Key) -> [Effect] {
    if preview == nil { _ = input.handle(key) }
    return []
  }

  /// The file was read and planned.
  static func previewed(_ state: inout AppState, _ p: FilePreview) {
    guard case .importFile(var form) = state.mode else { return }
    form.preview = p
    state.mode = .importFile(form)
  }

  /// The preview's lines: kind and counts, the first rows, the problems.
  static func lines(
    _ state: AppState, _ p: FilePreview, options: FileImport.Options = .init(), rows: Int = 5
  ) -> [String] {
    let t = state.catalogue
    var lines: [String] = []
    let kind: String
    switch p.kind {
    case .customers?: kind = t(LLayout.importCustomers)
    case .invoices?: kind = t(LLayout.importInvoices)
    case .payments?: kind = t(LLayout.importPayments)
    case nil: kind = "?"
    }
    lines.append("\(t(LLayout.importFile)): \(p.file) (\(kind))")
    if let key = option(of: p.kind) {
      let ticked = options[keyPath: key]
      let label = key == \FileImport.Options.update ? LLayout.importUpdate : .importAnyAccount
      lines.append("[\(ticked ? "x" : " ")] \(t(label))")
    }
    if p.issues.isEmpty {
      var counts =
        "\(p.added) \(t(LLayout.importNew)), \(p.updated) \(t(LLayout.importUpdated)), "
        + "\(p.unchanged) \(t(LLayout.importUnchanged))"
      if p.kind == .payments {
        counts =
          "\(p.added) \(t(LLayout.importNew)) (\(t.money(p.total))), \(p.unchanged) "
          + "\(t(LLayout.importUnchanged)), \(p.unmatched) \(t(LLayout.importUnmatched))"
      }
      lines.append(counts)
      for e in p.events.prefix(rows) { lines.append("  " + row(e, t)) }
      if p.events.count > rows {
        lines.append("  … \(p.events.count - rows) \(t(LLayout.importMore))")
      }
      for f in p.findings.prefix(3) { lines.append("! \(f.text(t.lang))") }
      lines.append(
        p.events.isEmpty ? t(LLayout.importNothing) : t(LLayout.importConfirm))
    } else {
      lines.append("\(p.issues.count) \(t(LLayout.importProblems)):")
      for i in p.issues.prefix(8) { lines.append("  \(i.text(t.lang))") }
      if p.issues.count > 8 { lines.append("  … \(p.issues.count - 8)") }
      lines.append(t(LLayout.importNothing))
    }
    return lines
  }

  /// One planned event as a preview row.
  static func row(_ e: Event, _ t: Catalogue) -> String {
    switch e.type {
    case .customerAdded, .customerUpdated:
      return "\(e.customer ?? "") \(e.name ?? "")"
    case .claimAdded, .claimUpdated:
      return "\(e.invoice ?? "") \(e.customer ?? "") \(t.money(Money(ore: e.amount ?? 0)))"
        + (e.due.map { " \(t(.colDue).lowercased()) \(t.day($0))" } ?? "")
    default:
      return "\(e.date.map(t.day) ?? "") \(t.money(Money(ore: e.amount ?? 0))) "
        + (e.invoice ?? e.customer ?? e.kid ?? "")
    }
  }

  /// Draws the prompt on the status row, or the preview as a confirmation dialog.
  func render(
    _ state: AppState, keymaps: Keymaps, in body: Rect, status: Rect, buffer: inout Buffer
  ) -> Point? {
    let t = state.catalogue
    guard let p = preview else {
      buffer.fill(status, style: .plain)
      let used = buffer.put(
        t(LLayout.importPrompt), x: status.x, y: status.y, style: .bold, maxWidth: status.width)
      let field = Rect(
        x: status.x + used, y: status.y, width: max(0, status.width - used), height: 1)
      return input.draw(in: field, buffer: &buffer, style: .plain)
    }
    let lines = ImportForm.lines(
      state, p, options: options, rows: max(1, min(8, body.height - 12)))
    // Space ticks the option (when the file has one): said beside the answers.
    let tick =
      ImportForm.option(of: p.kind) == nil
      ? ""
      : "   " + (keymap(keymaps).binding(for: .toggle).map { "\($0.helpLabel) \($0.help)" } ?? "")
    if p.canImport {
      buffer.render(
        ConfirmDialog(
          title: t(LLayout.importTitle), lines: lines, confirmHint: keymaps.confirmHint,
          cancelHint: keymaps.cancelHint + tick), in: body)
    } else {
      buffer.render(
        Dialog(
          title: t(LLayout.importTitle), lines: lines, buttons: keymaps.cancelHint + tick,
          width: min(100, body.width)), in: body)
    }
    buffer.render(StatusBar(message: ""), in: status)
    return nil
  }
}

extension ImportForm: ModeState {
  init?(_ m: Mode) { if case .importFile(let f) = m { self = f } else { return nil } }
  var mode: Mode { .importFile(self) }
}

extension AppStore {
  /// No bank file imports unless the store says how (`Session` does).
  public func bankImport() -> BankImportContext? { nil }
}
