import ArgumentParser
import Foundation
import KravApp
import KravCore
import KravExchange

/// `krav customer add`: register a customer.
struct CustomerCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "customer",
    abstract: "Register customers, change their details, record consent to e-mail.",
    subcommands: [Add.self, CustomerEdit.self, Consent.self])

  /// `krav customer consent ID --email-consent DAY | --withdraw`: the customer's consent to
  /// receive notices by e-mail (Docs/rules.md, "Electronic notices"), kept apart from
  /// `customer edit` because withdrawing consent is its own legal act.
  struct Consent: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Record (or withdraw) a customer's consent to notices by e-mail.")
    @OptionGroup var global: GlobalOptions
    @Argument(help: "The customer's id.") var id: String
    @Option(name: .customLong("email-consent"), help: "The day the customer agreed, YYYY-MM-DD.")
    var emailConsent: String?
    @Flag(help: "The customer withdrew the consent: letters go on paper again.") var withdraw =
      false

    func validate() throws {
      guard (emailConsent != nil) != withdraw else {
        throw CLIText.giveEitherOr("--email-consent DAY", "--withdraw", not: false).invalid
      }
      if let d = emailConsent, Day(parsing: d) == nil {
        throw CLIText.expected(option: "--email-consent", .dayFormat, got: d).invalid
      }
    }

    func run() throws {
      let session = try Session.open(global, writing: true)
      let c = try session.customer(id)
      let day = emailConsent.flatMap(Day.init(parsing:))
      // The same request as `customer edit --email-consent/--withdraw-consent` and the case's
      // edit form (KravCore's `CustomerEditRequest`).
      let request = CustomerEditRequest(
        customer: c.id, consent: day.map { .given($0) } ?? .withdrawn)
      if let p = request.problems(ledger: session.ledger).first {
        throw UserError(
          session.lang == .nb ? Catalogue(session.lang).problem(p.code) : p.message)
      }
      let stored = try session.append([request.changes(c).event])
      session.report(
        stored,
        text: day.map { "Customer \(c.id) agreed to notices by e-mail on \($0.iso)" }
          ?? "Customer \(c.id): consent to e-mail withdrawn; letters go on paper")
    }
  }

  struct Add: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Register a customer.")
    @OptionGroup var global: GlobalOptions
    @Option(help: "The customer's id (e.g. the accounting system's customer number).") var id:
      String
    @Option(help: "The customer's name.") var name: String
    @Option(help: "consumer or business.") var kind: String
    @Option(help: "Organisasjonsnummer (businesses).") var orgnr: String?
    @Option(name: .customLong("birth-number"), help: "Fødselsnummer (stored, never shown in full).")
    var birthNumber: String?
    @Option(help: "E-mail address.") var email: String?
    @Option(help: "Phone number.") var phone: String?
    @Option(help: "Postal address.") var address: String?
    @Option(
      name: .customLong("email-consent"),
      help: "The day the customer agreed to notices by e-mail, YYYY-MM-DD (needs --email).")
    var emailConsent: String?

    func validate() throws {
      if let d = emailConsent {
        guard Day(parsing: d) != nil else {
          throw CLIText.expected(option: "--email-consent", .dayFormat, got: d).invalid
        }
        guard email != nil else { throw CLIText.needs("--email-consent", "--email").invalid }
      }
      _ = try required(id, "--id")
      _ = try required(name, "--name")
      try validateCustomerDetails(kind: kind, orgnr: orgnr, birthNumber: birthNumber, email: email)
    }

    func run() throws {
      let session = try Session.open(global, writing: true)
      guard session.ledger.customerId(typed: id) == nil else {
        throw session.error(.customerExists(session.ledger.customerId(typed: id)!))
      }
      var e = Event.customerAdded(
        customer: id, name: name, kind: CustomerKind(parsing: kind)!,
        orgnr: orgnr.map(digitsOnly), birthNumber: birthNumber.map(digitsOnly), email: email,
        phone: phone, address: address)
      if let d = emailConsent.flatMap(Day.init(parsing:)) { e.setEmailConsent(d) }
      let stored = try session.append([e])
      session.report(stored, .customerAdded(id: id, name: name))
    }
  }
}

/// `krav claim add`: register an invoice as a claim.
struct ClaimCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "claim", abstract: "Register claims; write them off; record a court filing.",
    subcommands: [Add.self, WriteOff.self, File.self])

  /// `krav claim write-off INVOICE --reason TEXT`: stop collecting a claim, history kept.
  struct WriteOff: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "write-off",
      abstract: "Write a claim off: it leaves the queue and the call list; its history stays.")
    @OptionGroup var global: GlobalOptions
    @Argument(help: "The invoice number.") var invoice: String
    @Option(help: "Why (recorded in the journal and shown in the timeline).") var reason: String

    func validate() throws { _ = try required(reason, "--reason") }

    func run() throws {
      let session = try Session.open(global, writing: true)
      let claim = try session.claim(invoice, option: "INVOICE")
      let invoice = claim.invoice
      if let closed = claim.closed {
        throw session.error(.claimAlreadyClosed(invoice, closed.rawValue))
      }
      let e = Event.caseClosed(
        customer: claim.customer, invoice: invoice, reason: .writtenOff, text: reason)
      // Where write-offs need a second person (krav-store.json `four_eyes`), this is a request.
      let draft = FourEyesGate.requestIfNeeded(e, fourEyes: session.fourEyes)
      let stored = try session.append([draft])
      if draft.type == .approvalRequested {
        session.report(
          stored,
          text: "Write-off of claim \(invoice) requested as \(stored[0].0.id); it takes effect "
            + "when another user approves it (krav approve \(stored[0].0.id))")
      } else {
        session.report(stored, .claimWrittenOff(invoice))
      }
    }
  }

  /// `krav claim file INVOICE --date DAY --where TEXT`: the court draft was filed.
  struct File: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "file",
      abstract: "Record that the utleggsbegjæring or forliksklage was filed (stops limitation).")
    @OptionGroup var global: GlobalOptions
    @Argument(help: "The invoice number.") var invoice: String
    @Option(help: "The filing day, YYYY-MM-DD or DD.MM.YYYY (default: today).") var date: String?
    @Option(name: .customLong("where"), help: "Where it was filed (namsmannen, forliksrådet).")
    var place: String

    func validate() throws {
      _ = try required(place, "--where")
      if let d = date, Day(parsing: d) == nil {
        throw CLIText.expected(option: "--date", .dayFormat, got: d).invalid
      }
    }

    func run() throws {
      let session = try Session.open(global, writing: true)
      let claim = try session.claim(invoice, option: "INVOICE")
      let invoice = claim.invoice
      guard claim.step == .utlegg || claim.step == .forliksklage else {
        throw session.error(.noCourtDraft(invoice, claim.step))
      }
      let day = date.flatMap(Day.init(parsing:)) ?? session.today
      guard day <= session.today else {
        throw session.error(.dayAfterToday(option: "--date", day, today: session.today))
      }
      let e = Event.claimFiled(
        customer: claim.customer, invoice: invoice, step: claim.step.rawValue, date: day,
        place: place)
      let stored = try session.append([e])
      session.report(stored, .filingRecorded(invoice, day, place: place))
    }
  }

  struct Add: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Register an invoice as a claim.")
    @OptionGroup var global: GlobalOptions
    @Option(help: "The customer's id.") var customer: String
    @Option(help: "The invoice number.") var invoice: String
    @Option(help: "The invoice amount: 1234.50, 1234,50 or 1 234,50.") var amount: String
    @Option(help: "Issue date, YYYY-MM-DD or DD.MM.YYYY.") var issued: String
    @Option(help: "Due date, YYYY-MM-DD or DD.MM.YYYY.") var due: String
    @Option(
      help:
        "The payment reference: a KID (MOD10 or MOD11) or an ISO 11649 creditor reference (RF…)."
    )
    var kid: String?
    @Option(help: "What the invoice concerns.") var text: String?

    func validate() throws {
      _ = try required(customer, "--customer")
      _ = try required(invoice, "--invoice")
      _ = try money(amount, "--amount")
      guard let i = Day(parsing: issued) else {
        throw CLIText.expected(option: "--issued", .dayFormat, got: issued).invalid
      }
      guard let d = Day(parsing: due) else {
        throw CLIText.expected(option: "--due", .dayFormat, got: due).invalid
      }
      guard d >= i else {
        throw CLIText.dueBeforeIssued(due: "\(d)", issued: "\(i)").invalid
      }
      if let k = kid, PaymentReference.normalized(k) == nil {
        throw CLIText.expected(option: "--kid", .kid, got: k).invalid
      }
    }

    func run() throws {
      let session = try Session.open(global, writing: true)
      guard let customer = session.ledger.customerId(typed: customer) else {
        throw UserError("--customer: " + CLIText.noCustomer(customer).text(session.lang))
      }
      if let known = session.ledger.invoiceNumber(typed: invoice) {
        throw session.error(.invoiceExists(known))
      }
      let e = Event.claimAdded(
        customer: customer, invoice: invoice, amount: Money(parsing: amount)!,
        issued: Day(parsing: issued), due: Day(parsing: due),
        kid: kid.flatMap(PaymentReference.normalized), text: text)
      let stored = try session.append([e])
      session.report(stored, .claimAdded(invoice, customer: customer))
    }
  }
}

/// `krav note add CUSTOMER TEXT`: add a note to a customer's timeline.
struct NoteCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "note", abstract: "Notes on a customer's timeline.", subcommands: [Add.self])

  struct Add: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Add a note to a customer's timeline.")
    @OptionGroup var global: GlobalOptions
    @Argument(help: "The customer's id.") var customer: String
    @Argument(help: "The note.") var text: String

    func validate() throws { _ = try required(text, "TEXT") }

    func run() throws {
      let session = try Session.open(global, writing: true)
      let c = try session.customer(customer)
      let e = Event.noteAdded(customer: c.id, text: text)
      let stored = try session.append([e])
      session.report(stored, .noteAdded(customer: c.id))
    }
  }
}

/// The checks `customer add` and `customer edit` share: the kind, the organisation and birth
/// numbers, the e-mail address (each only when given).
func validateCustomerDetails(kind: String?, orgnr: String?, birthNumber: String?, email: String?)
  throws
{
  // One list of checks with the case's edit form (KravCore's `CustomerEditRequest`).
  if let p = CustomerEditRequest.detailProblems(
    kind: kind, orgnr: orgnr, birthNumber: birthNumber, email: email
  ).first {
    throw CLIText.problem(option: "--\(p.field)", p).invalid
  }
}
