import ArgumentParser
import Foundation
import KravApp
import KravCore
import KravExchange
import KravStore

/// Reads a file named on the command line, or fails with a message naming it.
func readInputFile(_ path: String) throws -> [UInt8] {
  guard let data = FileManager.default.contents(atPath: path) else {
    throw UserError(CLIText.cannotRead(path).text(CLIText.current))
  }
  return [UInt8](data)
}

extension UserError {
  /// Every issue of a refused import, one `krav: file:line: field: …` line each, in the
  /// run's language.
  init(_ failure: ImportFailure, _ lang: Language = CLIText.current) {
    let n = failure.issues.count
    self.init(
      failure.issues.map { $0.text(lang) }.joined(separator: "\nkrav: ")
        + (n > 1
          ? "\nkrav: "
            + (lang == .nb
              ? "\(n) problemer; ingenting ble importert"
              : "\(n) problems; nothing was imported") : "")
    )
  }
}

/// Runs an import step; its `ImportFailure` becomes a `UserError` listing every issue.
/// (A `do`/`catch` on the typed error crashes this compiler, hence `Result`.)
func importing<T>(_ body: () throws(ImportFailure) -> T) throws -> T {
  switch Result(catching: body) {
  case .success(let v): return v
  case .failure(let f): throw UserError(f)
  }
}

extension AllocationOrder: ExpressibleByArgument {}

/// `krav import customers|invoices|payments FILE`.
struct ImportCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "import", abstract: "Import customers, invoices (CSV) or a bank payment file.",
    subcommands: [Customers.self, Invoices.self, Payments.self])

  /// Prints the result of a CSV import.
  static func report(
    _ plan: ImportPlan, file: String, session: Session, stored: [(Event, EventRef)]
  ) {
    if session.global.json {
      Output.json([
        "file": file, "added": plan.added, "updated": plan.updated, "unchanged": plan.unchanged,
        "events": stored.map { Output.eventJSON($0.0) },
      ])
    } else {
      Output.line(
        CLIText.imported(file, added: plan.added, updated: plan.updated, unchanged: plan.unchanged)
          .text(session.lang))
    }
  }

  struct Customers: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Import customers from a CSV file (all rows or none).")
    @OptionGroup var global: GlobalOptions
    @Argument(
      help:
        "The CSV file: customer_id, name, kind, orgnr, birth_number, email, phone, address, postcode, city."
    )
    var file: String
    @Flag(help: "Change known customers whose details differ (otherwise an error).") var update =
      false

    func run() throws {
      let bytes = try readInputFile(file)
      let session = try Session.open(global, writing: true)
      let ledger = session.ledger
      let plan = try importing { () throws(ImportFailure) in
        try AccountingImport.customers(
          CSVTable.read(bytes, file: file), ledger: ledger, update: update)
      }
      let stored = try session.append(plan.events)
      ImportCommand.report(plan, file: file, session: session, stored: stored)
    }
  }

  struct Invoices: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Import invoices as claims from a CSV file (all rows or none).")
    @OptionGroup var global: GlobalOptions
    @Argument(
      help: "The CSV file: invoice_no, customer_id, issue_date, due_date, amount, kid, description."
    )
    var file: String
    @Option(help: "A customers CSV file imported in the same step (its customers count as known).")
    var customers: String?
    @Flag(help: "Change known invoices whose amount, dates or KID differ (otherwise an error).")
    var update = false

    func run() throws {
      let bytes = try readInputFile(file)
      let customerBytes = try customers.map(readInputFile)
      let session = try Session.open(global, writing: true)
      var issues: [ImportIssue] = []
      var customerPlan: ImportPlan? = nil
      var customerFailure: ImportFailure? = nil
      if let path = customers, let cb = customerBytes {
        switch Result(catching: { () throws(ImportFailure) -> ImportPlan in
          try AccountingImport.customers(
            CSVTable.read(cb, file: path), ledger: session.ledger, update: update)
        }) {
        case .success(let p): customerPlan = p
        case .failure(let f):
          issues += f.issues
          customerFailure = f
        }
      }
      let known = customerPlan
      let failed = customerFailure
      var plan = ImportPlan()
      switch Result(catching: { () throws(ImportFailure) -> ImportPlan in
        try AccountingImport.invoices(
          CSVTable.read(bytes, file: file), ledger: session.ledger, update: update,
          customers: known, failedCustomers: failed)
      }) {
      case .success(let p): plan = p
      case .failure(let f): issues += f.issues
      }
      if !issues.isEmpty { throw UserError(ImportFailure(issues)) }
      let events = (customerPlan?.events ?? []) + plan.events
      let stored = try session.append(events)
      if let cp = customerPlan, !global.json {
        Output.line(
          CLIText.imported(
            customers!, added: cp.added, updated: cp.updated, unchanged: cp.unchanged
          ).text(session.lang))
      }
      ImportCommand.report(plan, file: file, session: session, stored: stored)
    }
  }
}

/// `krav pay`: register a payment by hand.
struct PayCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "pay", abstract: "Register a payment (by invoice, KID or customer).")
  @OptionGroup var global: GlobalOptions
  @Option(help: "The invoice paid.") var invoice: String?
  @Option(help: "The KID the payment carried.") var kid: String?
  @Option(help: "The customer who paid (spread over their claims).") var customer: String?
  @Option(help: "The amount: 1234.50, 1234,50 or 1 234,50.") var amount: String
  @Option(help: "The payment day, YYYY-MM-DD or DD.MM.YYYY (default: today).") var date: String?
  @Option(help: "Spread a customer payment: oldest-first or newest-first.")
  var order: AllocationOrder = .oldestFirst
  @Option(help: "A note on the payment.") var text: String?

  func validate() throws {
    guard [invoice, kid, customer].compactMap({ $0 }).count == 1 else {
      throw CLIText.exactlyOneOf(["--invoice", "--kid", "--customer"]).invalid
    }
    _ = try money(amount, "--amount")
    if let d = date, Day(parsing: d) == nil {
      throw CLIText.expected(option: "--date", .dayFormat, got: d).invalid
    }
  }

  func run() throws {
    let session = try Session.open(global, writing: true)
    let ledger = session.ledger
    let day = date.flatMap(Day.init(parsing:)) ?? session.today
    if PaymentDate.problem(day, today: session.today) != nil {
      throw session.error(.paymentDate(option: "--date", day, today: session.today))
    }
    let match: PaymentMatch
    let invoice = self.invoice.map { ledger.invoiceNumber(typed: $0) ?? $0 }
    let customer = self.customer.map { ledger.customerId(typed: $0) ?? $0 }
    if let inv = invoice {
      guard ledger.claims[inv] != nil else {
        throw session.error(.noInvoice(option: "--invoice", inv))
      }
      match = PaymentMatch(rule: .manual, invoice: inv)
    } else if let given = kid {
      // A creditor reference may be typed in lower case or with spaces.
      let k = PaymentReference.normalized(given) ?? given
      guard let claim = ledger.claim(kid: k) else {
        throw session.error(.noClaimWithKid(k))
      }
      match = PaymentMatch(rule: .manual, invoice: claim.invoice)
    } else {
      let cid = customer!
      guard ledger.canReceivePayment(invoice: nil, customer: cid) else {
        throw session.error(.noCustomerWithClaims(cid))
      }
      match = PaymentMatch(rule: .manual, customer: cid)
    }
    let payment = BankPayment(
      id: "", amount: Money(parsing: amount)!, day: day, kid: kid, text: text,
      source: PaymentChannel.manual.rawValue)
    var drafts = PaymentMatcher(ledger: ledger, order: order).drafts(for: payment, match: match)
    for k in drafts.indices { drafts[k].id = "" }
    // What each of the customer's claims received, read from the fold before and after: a
    // payment on account is placed by the fold, and may move later-dated money on account.
    let owner =
      customer ?? invoice.flatMap { ledger.claims[$0]?.customer }
      ?? kid.flatMap { ledger.claim(kid: $0) }.map(\.customer)
    func paidByClaim(_ l: Ledger) -> [String: Money] {
      guard let o = owner else { return [:] }
      var paid: [String: Money] = [:]
      for c in l.claims(ofCustomer: o) { paid[c.invoice] = c.paid }
      return paid
    }
    let before = paidByClaim(ledger)
    let stored = try session.append(drafts)
    let after = paidByClaim(session.ledger)
    let parts = after.keys.sorted().compactMap { inv -> String? in
      let change = after[inv]! - (before[inv] ?? .zero)
      return change == .zero ? nil : "\(inv) \(change.jsonString)"
    }
    if global.json {
      // `id`: the payment to name in `krav payment reverse ID` (the first when it was split).
      return Output.json([
        "events": stored.map { Output.eventJSON($0.0) }, "id": stored.first?.0.id ?? NSNull(),
      ])
    }
    let t = Catalogue(session.lang)
    Output.line(
      (session.lang == .nb
        ? "Innbetaling på \(t.money(payment.amount)) registrert: "
        : "Payment of \(t.money(payment.amount)) registered: ") + parts.joined(separator: ", "))
  }
}

/// `krav payments unmatched|assign`: payments that matched no claim, and placing them by hand.
struct PaymentsCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "payments", abstract: "Unmatched payments: list them, assign them by hand.",
    subcommands: [Unmatched.self, Assign.self])

  static func json(_ p: UnmatchedPayment) -> [String: Any] {
    [
      "id": p.eventId, "amount": p.amount.jsonString, "date": p.day.iso, "kid": p.kid ?? NSNull(),
      "payer": p.payer ?? NSNull(), "text": p.text ?? NSNull(),
    ]
  }

  struct Unmatched: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Payments that matched no claim.")
    @OptionGroup var global: GlobalOptions

    func run() throws {
      let session = try Session.open(global, writing: false)
      let list = session.ledger.unmatchedPayments
      if global.json { return Output.json(list.map(PaymentsCommand.json)) }
      // Days and money as every other list shows them in the interface language.
      let t = Catalogue(session.lang)
      for p in list {
        Output.line(
          [p.eventId, t.day(p.day), t.money(p.amount), p.kid ?? "", p.payer ?? "", p.text ?? ""]
            .joined(separator: "\t"))
      }
    }
  }

  struct Assign: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Assign an unmatched payment to an invoice or a customer.")
    @OptionGroup var global: GlobalOptions
    @Argument(help: "The unmatched payment's id (see 'krav payments unmatched').") var id: String
    @Option(help: "The invoice it pays.") var invoice: String?
    @Option(help: "The customer who paid (spread over their claims, oldest first).")
    var customer: String?

    func validate() throws {
      guard (invoice == nil) != (customer == nil) else {
        throw CLIText.exactlyOneOf(["--invoice", "--customer"]).invalid
      }
    }

    func run() throws {
      let session = try Session.open(global, writing: true)
      let ledger = session.ledger
      guard let p = ledger.unmatchedPayment(id: id) else {
        throw session.error(.noUnmatchedPayment(id))
      }
      let invoice = self.invoice.map { ledger.invoiceNumber(typed: $0) ?? $0 }
      let customer = self.customer.map { ledger.customerId(typed: $0) ?? $0 }
      guard ledger.canReceivePayment(invoice: invoice, customer: customer) else {
        throw session.error(
          invoice != nil
            ? .noInvoice(option: "--invoice", invoice!) : .noCustomerWithClaims(customer!))
      }
      let e = PaymentAssignment.draft(p, invoice: invoice, customer: customer)
      let stored = try session.append([e])
      session.report(
        stored, .paymentAssigned(id: id, p.amount, invoice: invoice, customer: customer))
    }
  }
}

/// `krav export claims|journal [--format csv|json]`.
struct ExportCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "export", abstract: "Export claims with balances, or the whole journal.")
  enum What: String, ExpressibleByArgument { case claims, journal }
  enum Format: String, ExpressibleByArgument { case csv, json }
  @OptionGroup var global: GlobalOptions
  @Argument(help: "claims or journal.") var what: What
  @Option(help: "csv or json (default csv; json with --json).") var format: Format?

  func run() throws {
    let fmt = format ?? (global.json ? .json : .csv)
    // Rows are written as they come (a million-event journal is never held in memory).
    var sink = RowSink(
      format: fmt, columns: what == .claims ? Export.claimColumns : Export.journalColumns,
      dropEmpty: what == .journal)
    switch what {
    case .claims:
      let session = try Session.open(global, writing: false)
      Export.claimRows(session.ledger, today: session.today) { sink.write($0) }
    case .journal:
      // One plain replay of every journal in merge order (no snapshot, no fold).
      let path = global.storePath
      guard FileManager.default.fileExists(atPath: path + "/krav-store.json") else {
        throw UserError(CLIText.storeMissing(path).text(global.language))
      }
      let store = try Store.open(
        at: path, writer: "\(global.user)@\(Session.host)-cli", readOnly: true)
      _ = try store.replay { e, _ in sink.write(Export.journalRow(e)) }
    }
    sink.finish()
  }

  /// Export rows to stdout as CSV (a header line first) or as one JSON array.
  struct RowSink {
    let columns: [String]
    let dropEmpty: Bool
    var csv: FDWriter?
    var json: JSONText.ArrayStream?

    init(format: Format, columns: [String], dropEmpty: Bool) {
      fflush(nil)  // anything printed before goes first
      self.columns = columns
      self.dropEmpty = dropEmpty
      switch format {
      case .csv:
        csv = FDWriter(fd: 1)
        csv!.bytes += Array(Export.csvLine(columns).utf8)
      case .json:
        json = JSONText.ArrayStream(fd: 1)
      }
    }

    mutating func write(_ row: Export.Row) {
      if csv != nil {
        csv!.bytes += Array(Export.csvLine(row, columns: columns).utf8)
        csv!.flushIfFull()
      } else {
        json!.append(Export.object(row, dropEmpty: dropEmpty))
      }
    }

    mutating func finish() {
      if csv != nil { csv!.flush() } else { json!.finish() }
    }
  }
}
