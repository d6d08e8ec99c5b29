import ArgumentParser
import Foundation
import KravCore
import KravExchange

/// `krav customer add`: register a customer.
struct CustomerCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "customer", abstract: "Register customers.", subcommands: [Add.self])

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

    func validate() throws {
      _ = try required(id, "--id")
      _ = try required(name, "--name")
      guard CustomerKind(parsing: kind) != nil else {
        throw ValidationError("--kind: expected consumer or business, got '\(kind)'")
      }
      if let o = orgnr, !OrgNumber.isValid(digitsOnly(o)) {
        throw ValidationError("--orgnr: expected a valid 9-digit organisasjonsnummer, got '\(o)'")
      }
      if let b = birthNumber, !BirthNumber.isValid(digitsOnly(b)) {
        // Never echo an identity number back, not even an invalid one.
        throw ValidationError("--birth-number: expected a valid 11-digit fødselsnummer")
      }
      if let e = email, !EmailAddress.isValid(e) {
        throw ValidationError("--email: \(EmailAddress.problem)")
      }
    }

    func run() throws {
      let session = try Session.open(global, writing: true)
      guard session.ledger.customers[id] == nil else {
        throw UserError("customer \(id) already exists")
      }
      let e = Event.customerAdded(
        customer: id, name: name, kind: CustomerKind(parsing: kind)!,
        orgnr: orgnr.map(digitsOnly), birthNumber: birthNumber.map(digitsOnly), email: email,
        phone: phone, address: address)
      let stored = try session.append([e])
      session.report(stored, text: "Added customer \(id) \(name)")
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
      guard let claim = session.ledger.claims[invoice] else {
        throw UserError("no claim with invoice number \(invoice)")
      }
      if let closed = claim.closed {
        throw UserError("claim \(invoice) is already closed (\(closed.rawValue))")
      }
      let e = Event.caseClosed(
        customer: claim.customer, invoice: invoice, reason: .writtenOff, text: reason)
      let stored = try session.append([e])
      session.report(stored, text: "Claim \(invoice) written off")
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
        throw ValidationError("--date: expected YYYY-MM-DD or DD.MM.YYYY, got '\(d)'")
      }
    }

    func run() throws {
      let session = try Session.open(global, writing: true)
      guard let claim = session.ledger.claims[invoice] else {
        throw UserError("no claim with invoice number \(invoice)")
      }
      guard claim.step == .utlegg || claim.step == .forliksklage else {
        throw UserError(
          "claim \(invoice) has no court draft to file (it is at \(claim.step.rawValue));"
            + " take the step first")
      }
      let day = date.flatMap(Day.init(parsing:)) ?? session.today
      guard day <= session.today else {
        throw UserError("--date: \(day.iso) is after today (\(session.today.iso))")
      }
      let e = Event.claimFiled(
        customer: claim.customer, invoice: invoice, step: claim.step.rawValue, date: day,
        place: place)
      let stored = try session.append([e])
      session.report(stored, text: "Filing of \(invoice) on \(day.iso) recorded (\(place))")
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
        throw ValidationError("--issued: expected YYYY-MM-DD or DD.MM.YYYY, got '\(issued)'")
      }
      guard let d = Day(parsing: due) else {
        throw ValidationError("--due: expected YYYY-MM-DD or DD.MM.YYYY, got '\(due)'")
      }
      guard d >= i else {
        throw ValidationError("--due: the due date \(d) is before --issued \(i)")
      }
      if let k = kid, PaymentReference.normalized(k) == nil {
        throw ValidationError(
          "--kid: expected 2–25 digits with a MOD10 or MOD11 check digit, or a creditor"
            + " reference RF + 2 check digits + up to 21 letters or digits, got '\(k)'")
      }
    }

    func run() throws {
      let session = try Session.open(global, writing: true)
      guard session.ledger.customers[customer] != nil else {
        throw UserError("--customer: no customer with id \(customer)")
      }
      guard session.ledger.claims[invoice] == nil else {
        throw UserError("--invoice: invoice \(invoice) is already registered")
      }
      let e = Event.claimAdded(
        customer: customer, invoice: invoice, amount: Money(parsing: amount)!,
        issued: Day(parsing: issued), due: Day(parsing: due),
        kid: kid.flatMap(PaymentReference.normalized), text: text)
      let stored = try session.append([e])
      session.report(stored, text: "Added claim \(invoice) for \(customer)")
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
      try session.customer(customer)
      let stored = try session.append([NoteRequest(customer: customer, text: text).event()])
      session.report(stored, text: "Note added to \(customer)")
    }
  }
}
