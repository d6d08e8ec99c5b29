import ArgumentParser
import Foundation
import KravApp
import KravCore
import KravStore

/// `krav payment reverse ID --reason TEXT [--refunded]`: a collector's correction of a payment
/// registered by hand or assigned from the unmatched list (append-only: a `payment-reversed`
/// with reason `correction` or `refunded`, `by` the collector; a bank's reversal has neither).
struct PaymentCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "payment", abstract: "Correct a payment placed by mistake.",
    subcommands: [Reverse.self])

  struct Reverse: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract:
        "Take a payment off its claims: the money goes back to the unmatched list, or with --refunded is recorded as paid back."
    )
    @OptionGroup var global: GlobalOptions
    @Argument(help: "The payment's id (`krav pay --json` prints it; `krav show --json` lists it).")
    var id: String
    @Option(help: "Why (required; shown in the timeline).") var reason: String
    @Flag(help: "The money was paid back to the payer (else it returns to the unmatched list).")
    var refunded = false

    func validate() throws { _ = try required(reason, "--reason") }

    func run() throws {
      let session = try Session.open(global, writing: true)
      guard let p = try session.store.storedEvent(id: id) else {
        throw session.error(.noPayment(id))
      }
      // The checks and the event are KravCore's `PaymentCorrection`, shared with the case's
      // correction form.
      let request = PaymentCorrection(
        payment: p, refunded: refunded, reason: reason, today: session.today)
      guard let owner = request.owner(ledger: session.ledger) else {
        throw session.error(.notAPayment(id))
      }
      let earlier = try session.events(at: session.ledger.timeline(of: owner))
      if let problem = request.problems(ledger: session.ledger, timeline: earlier).first {
        switch problem.code {
        case .alreadyCorrected: throw session.error(.paymentAlreadyCorrected(id))
        case .required: throw session.error(.problem(option: "--reason", problem))
        default: throw session.error(.notAPayment(id))
        }
      }
      let e = request.event(ledger: session.ledger)
      let amount = e.amount ?? 0
      let stored = try session.append([e])
      let money = Money(ore: amount)
      session.report(
        stored,
        refunded ? .paymentRefunded(money) : .paymentBackToUnmatched(money, id: stored[0].0.id))
    }
  }
}

/// `krav customer edit ID --address … --phone …`: changes a customer's details as one
/// `customer-updated` event that keeps each old value (the timeline shows "from … to …").
/// Letters already sent keep the address they were sent to (it is in their `letter-sent`).
struct CustomerEdit: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "edit",
    abstract: "Change a customer's details (the old values stay in the timeline).")
  @OptionGroup var global: GlobalOptions
  @Argument(help: "The customer's id.") var id: String
  @Option(help: "The customer's name.") var name: String?
  @Option(help: "consumer or business.") var kind: String?
  @Option(help: "Organisasjonsnummer (businesses).") var orgnr: String?
  @Option(name: .customLong("birth-number"), help: "Fødselsnummer (stored, never shown in full).")
  var birthNumber: String?
  @Option(help: "E-mail address.") var email: String?
  @Option(help: "Phone number.") var phone: String?
  @Option(help: "Postal address.") var address: String?

  @Option(
    name: .customLong("email-consent"),
    help: "The day the customer agreed to notices by e-mail, YYYY-MM-DD (as `customer consent`).")
  var emailConsent: String?
  @Flag(
    name: .customLong("withdraw-consent"),
    help: "The customer withdrew the consent to e-mail: letters go on paper again.")
  var withdrawConsent = false

  func validate() throws {
    if let n = name { _ = try required(n, "--name") }
    if emailConsent != nil && withdrawConsent {
      throw CLIText.giveEitherOr("--email-consent DAY", "--withdraw-consent", not: true).invalid
    }
    if let d = emailConsent, Day(parsing: d) == nil {
      throw CLIText.expected(option: "--email-consent", .dayFormat, got: d).invalid
    }
    try validateCustomerDetails(kind: kind, orgnr: orgnr, birthNumber: birthNumber, email: email)
  }

  func run() throws {
    let session = try Session.open(global, writing: true)
    let c = try session.customer(id)
    // The checks and the event are KravCore's `CustomerEditRequest`, shared with the case's
    // edit form.
    let consent: CustomerEditRequest.Consent? =
      withdrawConsent ? .withdrawn : emailConsent.flatMap(Day.init(parsing:)).map { .given($0) }
    let request = CustomerEditRequest(
      customer: c.id, name: name, kind: kind, address: address, phone: phone, email: email,
      orgnr: orgnr, birthNumber: birthNumber, consent: consent)
    if let p = request.problems(ledger: session.ledger).first {
      if p.code == .nothingChanged { throw session.error(.nothingChanged) }
      throw session.error(.problem(option: "--\(p.field)", p))
    }
    let (e, changed) = request.changes(c)
    let stored = try session.append([e])
    let t = Catalogue(session.lang)
    session.report(stored, .customerUpdated(id: c.id, fields: changed.map(t.customerField)))
  }
}
