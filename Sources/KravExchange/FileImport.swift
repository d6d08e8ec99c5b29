import KravCore

/// What a bank file import needs from the store besides the ledger: the creditor's accounts,
/// which event ids are stored already (a second import adds nothing) and where reversals look.
public struct BankImportContext {
  public var accounts: [String]
  public var stored: (String) -> Bool
  public var history: PaymentHistory
  public init(accounts: [String], stored: @escaping (String) -> Bool, history: PaymentHistory) {
    self.accounts = accounts
    self.stored = stored
    self.history = history
  }
}

/// The kinds of file Krav imports (`krav import customers|invoices|payments`).
public enum ImportKind: String, Hashable, Sendable {
  case customers, invoices, payments
}

/// What an import of one file would write, before anything is written: the TUI's preview
/// (issue 20), planned by the same KravExchange functions the CLI's `krav import` calls.
public struct FilePreview: Hashable, Sendable {
  public var file: String
  public var kind: ImportKind?
  /// Drafts to append in one write when confirmed; empty when there are issues.
  public var events: [Event] = []
  /// CSV: rows added, updated, unchanged. Payments: new, already imported, unmatched.
  public var added = 0
  public var updated = 0
  public var unchanged = 0
  public var unmatched = 0
  /// Payments: the sum of the new ones.
  public var total: Money = .zero
  /// Everything that stops the import (file, line, field and message each).
  public var issues: [ImportIssue] = []
  /// Things to know that do not stop it (a bank file's findings).
  public var findings: [ImportIssue] = []

  public init(file: String, kind: ImportKind?) {
    self.file = file
    self.kind = kind
  }

  /// Whether confirming would write anything.
  public var canImport: Bool { issues.isEmpty && !events.isEmpty }
}

/// One entry point for importing a file whatever its kind, shared by the TUI's import.
public enum FileImport {
  /// The choices `krav import` takes as flags, with the same meaning.
  public struct Options: Hashable, Sendable {
    /// Customers and invoices: change known ones whose details differ (`--update`); without
    /// it such a row is an error.
    public var update: Bool
    /// Bank files: register payments to an account that is not the creditor's
    /// (`--any-account`); each such payment records it.
    public var anyAccount: Bool
    public init(update: Bool = false, anyAccount: Bool = false) {
      self.update = update
      self.anyAccount = anyAccount
    }
  }

  /// The kind of file from its first line: a CSV header names its columns; a bank file is
  /// camt.054 XML or OCR giro (fixed records starting `NY`). Nil when it is none of them.
  public static func kind(of bytes: [UInt8]) -> ImportKind? {
    var start = bytes.startIndex
    if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { start += 3 }
    let head = String(decoding: bytes[start..<min(bytes.endIndex, start + 4096)], as: UTF8.self)
    let trimmed = head.drop { $0 == " " || $0 == "\n" || $0 == "\r" || $0 == "\t" }
    if trimmed.hasPrefix("<") { return .payments }
    if trimmed.hasPrefix("NY") { return .payments }
    let header = (trimmed.split(whereSeparator: \.isNewline).first.map(String.init) ?? "")
      .lowercased()
    if header.contains("invoice_no") { return .invoices }
    if header.contains("customer_id") && header.contains("name") { return .customers }
    return nil
  }

  /// Plans the import of `bytes` (read from `file`) against `ledger`: all rows or none, every
  /// problem named by file, line and field. Bank files need `bank`; a payment dated after
  /// `today` refuses the whole file, as `krav import payments` does.
  public static func preview(
    _ bytes: [UInt8], file: String, ledger: Ledger, today: Day, bank: BankImportContext?,
    options: Options = Options()
  ) -> FilePreview {
    let kind = kind(of: bytes)
    var p = FilePreview(file: file, kind: kind)
    func refuse(_ problem: ImportProblem, field: String = "file") {
      p.issues.append(ImportIssue(file: file, line: 1, field: field, problem: problem))
    }
    switch kind {
    case nil:
      refuse(.notAnImportFile)
    case .customers?, .invoices?:
      let result = Result { () throws(ImportFailure) -> ImportPlan in
        let table = try CSVTable.read(bytes, file: file)
        return kind == .customers
          ? try AccountingImport.customers(table, ledger: ledger, update: options.update)
          : try AccountingImport.invoices(table, ledger: ledger, update: options.update)
      }
      switch result {
      case .success(let plan):
        p.events = plan.events
        p.added = plan.added
        p.updated = plan.updated
        p.unchanged = plan.unchanged
      case .failure(let f): p.issues = f.issues
      }
    case .payments?:
      guard let bank else {
        refuse(.bankFileNotHere)
        return p
      }
      let bankOptions = PaymentImport.Options(
        accounts: bank.accounts, anyAccount: options.anyAccount, today: today)
      let result = Result { () throws(ImportFailure) -> PaymentImport in
        try PaymentImport.plan(
          bytes, file: file, ledger: ledger, options: bankOptions, stored: bank.stored,
          history: bank.history)
      }
      switch result {
      case .success(let plan):
        if let ahead = plan.lines.first(where: { $0.isNew && $0.payment.day > today }) {
          p.issues.append(
            ImportIssue(
              file: file, line: ahead.payment.line, field: "date",
              problem: .paymentAfterToday(ahead.payment.day, today: today)))
          return p
        }
        p.events = plan.events
        p.added = plan.newCount
        p.unchanged = plan.alreadyImported
        p.unmatched = plan.unmatchedCount
        p.total = plan.total
        p.findings = plan.findings
      case .failure(let f): p.issues = f.issues
      }
    }
    if !p.issues.isEmpty { p.events = [] }
    return p
  }
}
