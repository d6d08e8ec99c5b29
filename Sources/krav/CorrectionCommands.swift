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
      guard p.type == .paymentRegistered || p.type == .paymentAssigned, let amount = p.amount,
        let owner = p.customer ?? p.invoice.flatMap({ session.ledger.claims[$0]?.customer })
          ?? p.kid.flatMap({ session.ledger.claim(kid: $0)?.customer }),
        p.type == .paymentAssigned || session.ledger.unmatchedPayment(id: id) == nil,
        !session.ledger.assignedPayments.contains(id)
      else { throw session.error(.notAPayment(id)) }
      // Append-only: a payment is corrected once (its correction may be placed again).
      let earlier = try session.events(at: session.ledger.timeline(of: owner))
      if earlier.contains(where: { $0.type == .paymentReversed && $0.ref == id }) {
        throw session.error(.paymentAlreadyCorrected(id))
      }
      var e = Event.draft(.paymentReversed)
      if let inv = p.invoice {
        e.invoice = inv
        e.customer = session.ledger.claims[inv]?.customer
      } else if let k = p.kid, let c = session.ledger.claim(kid: k) {
        e.invoice = c.invoice
        e.customer = c.customer
      } else {
        e.customer = owner
      }
      e.amount = amount
      e.date = session.today
      e.paidOn = p.date ?? p.atDay
      e.ref = id
      e.channel = "manual"
      e.reason = refunded ? "refunded" : "correction"
      e.text = reason
      // Folded on a copy first: when the claims no longer hold the payment (the bank reversed
      // it, say), the correction would be rejected by the fold, so nothing is written.
      var trial = session.ledger
      var probe = e
      probe.id = "trial:" + id
      let rejectedBefore = trial.rejected.count
      trial.apply(probe, ref: EventRef(journal: 0, offset: 0))
      guard trial.rejected.count == rejectedBefore else { throw session.error(.notAPayment(id)) }
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

  func validate() throws {
    if let n = name { _ = try required(n, "--name") }
    try validateCustomerDetails(kind: kind, orgnr: orgnr, birthNumber: birthNumber, email: email)
  }

  func run() throws {
    let session = try Session.open(global, writing: true)
    let c = try session.customer(id)
    var e = Event.draft(.customerUpdated, customer: c.id)
    var changed: [String] = []
    func change(_ field: String, _ new: String?, _ old: String?, _ set: (String) -> Void) {
      guard let new, new != (old ?? "") else { return }
      set(new)
      // A birth number's old value is not copied into one more event.
      if field != "birth_number" { e.setOldValue(field, old ?? "") }
      changed.append(field)
    }
    change("name", name, c.name) { e.name = $0 }
    change("kind", kind.flatMap(CustomerKind.init(parsing:))?.rawValue, c.kind.rawValue) {
      e.kind = $0
    }
    change("address", address, c.address) { e.address = $0 }
    change("phone", phone, c.phone) { e.phone = $0 }
    change("email", email, c.email) { e.email = $0 }
    change("orgnr", orgnr.map(digitsOnly), c.orgnr) { e.orgnr = $0 }
    change("birth_number", birthNumber.map(digitsOnly), c.birthNumber) { e.birthNumber = $0 }
    guard !changed.isEmpty else { throw session.error(.nothingChanged) }
    let stored = try session.append([e])
    session.report(stored, .customerUpdated(id: c.id, fields: changed))
  }
}
