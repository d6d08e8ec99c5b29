import Foundation

// Corrections (issue 20) the TUI and the CLI share, as `WriteRequests.swift` does for notes,
// holds and objections: each front end finds what the collector means (a typed id, a row in a
// form), asks the request for its problems (codes it words in its own language) and for the
// one append-only event. Nothing is edited: the fold applies the correction, the timeline
// keeps both.

/// Taking back a payment registered by hand or assigned from the unmatched list: the money goes
/// back to the unmatched list (`correction`) or is recorded as paid back (`refunded`).
public struct PaymentCorrection: Hashable, Sendable {
  /// The `payment-registered` or `payment-assigned` event the collector corrects.
  public var payment: Event
  public var refunded: Bool
  public var reason: String
  public var today: Day

  public init(payment: Event, refunded: Bool, reason: String, today: Day) {
    self.payment = payment
    self.refunded = refunded
    self.reason = reason
    self.today = today
  }

  /// The customer whose claims (or money on account) hold the payment.
  public func owner(ledger: Ledger) -> String? {
    let p = payment
    return p.customer ?? p.invoice.flatMap { ledger.claims[$0]?.customer }
      ?? p.kid.flatMap { ledger.claim(kid: $0)?.customer }
  }

  /// Whether `payment` is a payment a collector may correct: registered and placed (not the
  /// still unmatched line, not the line a later assignment placed), or an assignment.
  public static func isCorrectable(_ p: Event, ledger: Ledger) -> Bool {
    guard p.type == .paymentRegistered || p.type == .paymentAssigned, p.amount != nil else {
      return false
    }
    return p.type == .paymentAssigned
      || (ledger.unmatchedPayment(id: p.id) == nil && !ledger.assignedPayments.contains(p.id))
  }

  /// The payments in a customer's timeline (newest first, as read back) that can be offered
  /// for correction: correctable and not corrected before. Whether the claims still hold one
  /// is checked when it is saved (`problems` folds it on a copy of the ledger; done for every
  /// payment here, that would cost a copy of a large ledger each).
  public static func candidates(timeline: [Event], ledger: Ledger) -> [Event] {
    let corrected = Set(timeline.lazy.filter { $0.type == .paymentReversed }.compactMap(\.ref))
    return timeline.filter { isCorrectable($0, ledger: ledger) && !corrected.contains($0.id) }
  }

  /// What is wrong; `timeline` is the owner's timeline (a payment is corrected once).
  public func problems(ledger: Ledger, timeline: [Event]) -> [CallLogProblem] {
    guard PaymentCorrection.isCorrectable(payment, ledger: ledger), owner(ledger: ledger) != nil
    else {
      return [
        .init(
          field: "id", code: .notAPayment,
          message: "\(payment.id) is not a payment registered or assigned by hand")
      ]
    }
    if timeline.contains(where: { $0.type == .paymentReversed && $0.ref == payment.id }) {
      return [
        .init(
          field: "id", code: .alreadyCorrected,
          message: "payment \(payment.id) was corrected before")
      ]
    }
    // Folded on a copy first: when the claims no longer hold the payment (the bank reversed
    // it, say), the fold would reject the correction, so it is refused here.
    var trial = ledger
    var probe = event(ledger: ledger)
    probe.id = "trial:" + payment.id
    let rejectedBefore = trial.rejected.count
    trial.apply(probe, ref: EventRef(journal: 0, offset: 0))
    var p: [CallLogProblem] = []
    if trial.rejected.count != rejectedBefore {
      p.append(
        .init(
          field: "id", code: .notAPayment,
          message: "payment \(payment.id) is no longer on the customer's claims"))
    }
    if reason.trimmingCharacters(in: .whitespaces).isEmpty {
      p.append(.init(field: "reason", code: .required, message: "a value is required"))
    }
    return p
  }

  /// The `payment-reversed` (reason `correction` or `refunded`, channel `manual`).
  public func event(ledger: Ledger) -> Event {
    let p = payment
    var e = Event.draft(.paymentReversed)
    if let inv = p.invoice {
      e.invoice = inv
      e.customer = ledger.claims[inv]?.customer
    } else if let k = p.kid, let c = ledger.claim(kid: k) {
      e.invoice = c.invoice
      e.customer = c.customer
    } else {
      e.customer = owner(ledger: ledger)
    }
    e.amount = p.amount
    e.date = today
    e.paidOn = p.date ?? p.atDay
    e.ref = p.id
    e.channel = "manual"
    e.reason = refunded ? "refunded" : "correction"
    e.text = reason
    return e
  }
}

/// Cancelling a promise to pay recorded by mistake: it then pauses nothing.
public struct PromiseCancellation: Hashable, Sendable {
  /// The promise's id (its `promise-made` event).
  public var promise: String
  public var reason: String
  public init(promise: String, reason: String) {
    self.promise = promise
    self.reason = reason
  }

  public func owner(ledger: Ledger) -> Customer? {
    ledger.customers.values.first { $0.promises.contains { $0.eventId == promise } }
  }

  public func problems(ledger: Ledger) -> [CallLogProblem] {
    var p: [CallLogProblem] = []
    if owner(ledger: ledger) == nil {
      p.append(
        .init(field: "id", code: .unknownPromise, message: "no open promise with id \(promise)"))
    }
    if reason.trimmingCharacters(in: .whitespaces).isEmpty {
      p.append(.init(field: "reason", code: .required, message: "a value is required"))
    }
    return p
  }

  public func event(ledger: Ledger) -> Event {
    Event.promiseCancelled(customer: owner(ledger: ledger)?.id ?? "", ref: promise, reason: reason)
  }
}

/// Ending a hold early (the customer's, or one claim's): the ladder goes on from today.
public struct HoldLift: Hashable, Sendable {
  public var customer: String
  /// Only this claim's hold; nil = the customer's.
  public var invoice: String?
  public var reason: String
  public var today: Day

  public init(customer: String, invoice: String?, reason: String, today: Day) {
    self.customer = customer
    self.invoice = invoice
    self.reason = reason
    self.today = today
  }

  /// The holds a customer has on `today`: nil for the customer's own, else the claim's invoice.
  public static func holds(of customer: String, ledger: Ledger, today: Day) -> [String?] {
    var h: [String?] = []
    if let u = ledger.customers[customer]?.holdUntil, u >= today { h.append(nil) }
    for c in ledger.claims(ofCustomer: customer) where c.closed == nil {
      if let u = c.holdUntil, u >= today { h.append(c.invoice) }
    }
    return h
  }

  /// The day the hold would have ended.
  public func until(ledger: Ledger) -> Day? {
    invoice.map { ledger.claims[$0]?.holdUntil } ?? ledger.customers[customer]?.holdUntil
  }

  public func problems(ledger: Ledger) -> [CallLogProblem] {
    var p: [CallLogProblem] = []
    if let inv = invoice, ledger.claims[inv]?.customer != customer {
      p.append(
        .init(field: "invoice", code: .unknownInvoice, message: "no claim with invoice \(inv)"))
    } else if invoice == nil, ledger.customers[customer] == nil {
      p.append(.init(field: "customer", code: .unknownCustomer, message: "no such customer"))
    } else if (until(ledger: ledger).map { $0 < today }) ?? true {
      p.append(
        .init(
          field: invoice == nil ? "customer" : "invoice", code: .noHold,
          message: "\(invoice ?? customer) is not on hold"))
    }
    if reason.trimmingCharacters(in: .whitespaces).isEmpty {
      p.append(.init(field: "reason", code: .required, message: "a value is required"))
    }
    return p
  }

  public func event() -> Event {
    Event.holdLifted(customer: customer, invoice: invoice, reason: reason)
  }
}

/// The debtor withdrew an objection: collection goes on.
public struct DisputeWithdrawal: Hashable, Sendable {
  public var dispute: String
  public var reason: String
  public var today: Day

  public init(dispute: String, reason: String, today: Day) {
    self.dispute = dispute
    self.reason = reason
    self.today = today
  }

  public func find(in ledger: Ledger) -> (Customer, Dispute)? {
    DisputeResolution(dispute: dispute, outcome: .rejected, credit: nil, text: nil, today: today)
      .find(in: ledger)
  }

  public func problems(ledger: Ledger) -> [CallLogProblem] {
    guard let (_, d) = find(in: ledger) else {
      return [.init(field: "id", code: .unknownDispute, message: "no objection with id \(dispute)")]
    }
    var p: [CallLogProblem] = []
    if !d.isOpen {
      p.append(
        .init(
          field: "id", code: .alreadyResolved, message: "objection \(dispute) is already resolved"))
    }
    if reason.trimmingCharacters(in: .whitespaces).isEmpty {
      p.append(.init(field: "reason", code: .required, message: "a value is required"))
    }
    return p
  }

  public func event(ledger: Ledger) -> Event? {
    guard let (c, d) = find(in: ledger) else { return nil }
    return Event.disputeWithdrawn(
      customer: c.id, invoice: d.invoice, ref: d.eventId, reason: reason, date: today)
  }
}

/// A change of a customer's details (`krav customer edit`, the case's edit form): one
/// `customer-updated` that keeps each old value, so the timeline can say "from … to …".
/// Letters already sent keep the address they were sent to (it is in their `letter-sent`).
public struct CustomerEditRequest: Hashable, Sendable {
  /// A change of the consent to notices by e-mail.
  public enum Consent: Hashable, Sendable {
    case given(Day)
    case withdrawn
  }

  public var customer: String
  public var name: String?
  public var kind: String?
  public var address: String?
  public var phone: String?
  public var email: String?
  public var orgnr: String?
  public var birthNumber: String?
  public var consent: Consent?

  public init(
    customer: String, name: String? = nil, kind: String? = nil, address: String? = nil,
    phone: String? = nil, email: String? = nil, orgnr: String? = nil, birthNumber: String? = nil,
    consent: Consent? = nil
  ) {
    self.customer = customer
    self.name = name
    self.kind = kind
    self.address = address
    self.phone = phone
    self.email = email
    self.orgnr = orgnr
    self.birthNumber = birthNumber
    self.consent = consent
  }

  /// Spaces and dots taken out of a typed number (`974 760 673`, `8601.11.17947`).
  public static func digitsOnly(_ s: String) -> String { s.filter { $0 != " " && $0 != "." } }

  /// The checks a new customer and a change share, each only for a value given: the kind, the
  /// organisation and birth numbers, the e-mail address. Fields: `kind`, `orgnr`,
  /// `birth-number`, `email` (the CLI's option names).
  public static func detailProblems(
    kind: String?, orgnr: String?, birthNumber: String?, email: String?
  ) -> [CallLogProblem] {
    var p: [CallLogProblem] = []
    if let k = kind, CustomerKind(parsing: k) == nil {
      p.append(
        .init(field: "kind", code: .invalid, message: "expected consumer or business, got '\(k)'"))
    }
    if let o = orgnr, !OrgNumber.isValid(digitsOnly(o)) {
      p.append(
        .init(
          field: "orgnr", code: .invalid,
          message: "expected a valid 9-digit organisasjonsnummer, got '\(o)'"))
    }
    if let b = birthNumber, !BirthNumber.isValid(digitsOnly(b)) {
      // Never echo an identity number back, not even an invalid one.
      p.append(
        .init(
          field: "birth-number", code: .invalid, message: "expected a valid 11-digit fødselsnummer"
        ))
    }
    if let e = email, !EmailAddress.isValid(e) {
      p.append(.init(field: "email", code: .invalid, message: EmailAddress.problem))
    }
    return p
  }

  /// What is wrong: the detail checks, a blank name, consent without an e-mail address, and a
  /// change that changes nothing.
  public func problems(ledger: Ledger) -> [CallLogProblem] {
    guard let c = ledger.customers[customer] else {
      return [.init(field: "customer", code: .unknownCustomer, message: "no such customer")]
    }
    var p = CustomerEditRequest.detailProblems(
      kind: kind, orgnr: orgnr, birthNumber: birthNumber, email: email)
    if let n = name, n.trimmingCharacters(in: .whitespaces).isEmpty {
      p.append(.init(field: "name", code: .required, message: "a value is required"))
    }
    if case .given = consent, (email ?? c.email ?? "").isEmpty {
      p.append(
        .init(
          field: "email-consent", code: .required,
          message: "customer \(c.id) has no e-mail address; consent to e-mail needs one"))
    }
    if p.isEmpty, changes(c).fields.isEmpty {
      p.append(.init(field: "customer", code: .nothingChanged, message: "nothing changed"))
    }
    return p
  }

  /// The event and the fields it changes (JSON keys; `email_consent` for the consent).
  public func changes(_ c: Customer) -> (event: Event, fields: [String]) {
    var e = Event.customerUpdated(customer: c.id)
    var changed: [String] = []
    func change(_ field: String, _ new: String?, _ old: String?, _ set: (String) -> Void) {
      guard let new, new != (old ?? "") else { return }
      set(new)
      // A birth number's old value is not copied into one more event.
      if field != "birth_number" { e.setOldValue(field, old ?? "") }
      changed.append(field)
    }
    change("name", name?.trimmingCharacters(in: .whitespaces), c.name) { e.name = $0 }
    change("kind", kind.flatMap(CustomerKind.init(parsing:))?.rawValue, c.kind.rawValue) {
      e.kind = $0
    }
    change("address", address, c.address) { e.address = $0 }
    change("phone", phone, c.phone) { e.phone = $0 }
    change("email", email, c.email) { e.email = $0 }
    change("orgnr", orgnr.map(CustomerEditRequest.digitsOnly), c.orgnr) { e.orgnr = $0 }
    change("birth_number", birthNumber.map(CustomerEditRequest.digitsOnly), c.birthNumber) {
      e.birthNumber = $0
    }
    switch consent {
    case .given(let d):
      e.setEmailConsent(d)
      changed.append("email_consent")
    case .withdrawn:
      e.setEmailConsent(nil)
      changed.append("email_consent")
    case nil: break
    }
    return (e, changed)
  }
}
