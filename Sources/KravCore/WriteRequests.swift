import Foundation

// The checks and events of the writes the TUI and the CLI share (a note, a hold, a resolved
// objection, the do-not-call flag), as `CallLog` is for a logged call: each interface parses
// its own input (a form's text, a command's options), then asks the request what is wrong —
// as codes it words in its own language — and for the event. One rule, two front ends.

/// A note on a customer's timeline.
public struct NoteRequest: Hashable, Sendable {
  public var customer: String
  public var text: String
  public init(customer: String, text: String) {
    self.customer = customer
    self.text = text
  }

  public func problems(ledger: Ledger) -> [CallLogProblem] {
    var p: [CallLogProblem] = []
    if ledger.customers[customer] == nil {
      p.append(.init(field: "customer", code: .unknownCustomer, message: "no such customer"))
    }
    if text.trimmingCharacters(in: .whitespaces).isEmpty {
      p.append(.init(field: "text", code: .required, message: "a value is required"))
    }
    return p
  }

  public func event() -> Event {
    Event.noteAdded(customer: customer, text: text)
  }
}

/// A pause of the ladder for a customer, or for one claim, until a day.
public struct HoldRequest: Hashable, Sendable {
  /// The customer; nil = the claim's owner (the claim is then required).
  public var customer: String?
  /// Only this claim; nil = all the customer's claims.
  public var invoice: String?
  public var until: Day
  public var reason: String

  public init(customer: String?, invoice: String?, until: Day, reason: String) {
    self.customer = customer
    self.invoice = invoice
    self.until = until
    self.reason = reason
  }

  /// What is wrong, in the order the fields are asked: the day, the claim, the reason.
  public func problems(ledger: Ledger, today: Day) -> [CallLogProblem] {
    var p: [CallLogProblem] = []
    if until < today {
      p.append(
        .init(
          field: "until", code: .beforeToday,
          message: "\(until.iso) is before today \(today.iso)"))
    }
    if let invoice {
      let owner = ledger.claims[invoice]?.customer
      if owner == nil || (customer != nil && owner != customer) {
        p.append(
          .init(
            field: "invoice", code: .unknownInvoice,
            message: "no claim with invoice number \(invoice)"))
      }
    } else if ledger.customers[customer ?? ""] == nil {
      p.append(.init(field: "customer", code: .unknownCustomer, message: "no such customer"))
    }
    if reason.trimmingCharacters(in: .whitespaces).isEmpty {
      p.append(.init(field: "reason", code: .required, message: "a value is required"))
    }
    return p
  }

  /// The `hold-set` event (after `problems` came back empty).
  public func event(ledger: Ledger) -> Event {
    let owner = customer ?? invoice.flatMap { ledger.claims[$0]?.customer } ?? ""
    return Event.holdSet(customer: owner, invoice: invoice, until: until, text: reason)
  }
}

/// The resolution of an open objection: accepted (with a credit note), rejected (with an
/// answer), or taken to the forliksråd.
public struct DisputeResolution: Hashable, Sendable {
  /// The objection's id (its `dispute-opened` event).
  public var dispute: String
  public var outcome: DisputeOutcome
  /// The credit note, when one is given (only with `accepted`).
  public var credit: Money?
  /// The answer (required when rejected).
  public var text: String?
  public var today: Day

  public init(
    dispute: String, outcome: DisputeOutcome, credit: Money?, text: String?, today: Day
  ) {
    self.dispute = dispute
    self.outcome = outcome
    self.credit = credit
    self.text = text
    self.today = today
  }

  /// The objection and its owner, if the ledger has it.
  public func find(in ledger: Ledger) -> (Customer, Dispute)? {
    for c in ledger.customers.values {
      if let d = c.disputes.first(where: { $0.eventId == dispute }) { return (c, d) }
    }
    return nil
  }

  public func problems(ledger: Ledger) -> [CallLogProblem] {
    guard let (_, d) = find(in: ledger) else {
      return [.init(field: "id", code: .unknownDispute, message: "no objection with id \(dispute)")]
    }
    guard d.isOpen else {
      return [
        .init(
          field: "id", code: .alreadyResolved, message: "objection \(dispute) is already resolved")
      ]
    }
    var p: [CallLogProblem] = []
    if let credit {
      let claim = ledger.claims[d.invoice]
      if outcome != .accepted {
        p.append(.init(field: "credit", code: .onlyWhenAccepted, message: "only when accepted"))
      } else if !credit.isPositive || claim.map({ credit > $0.principal - $0.credits }) ?? true {
        p.append(
          .init(field: "credit", code: .abovePrincipal, message: "more than the claim's principal"))
      }
    }
    if outcome == .rejected && (text ?? "").trimmingCharacters(in: .whitespaces).isEmpty {
      p.append(.init(field: "text", code: .required, message: "a value is required"))
    }
    return p
  }

  /// The `dispute-resolved` event (after `problems` came back empty).
  public func event(ledger: Ledger) -> Event? {
    guard let (c, d) = find(in: ledger) else { return nil }
    return Event.disputeResolved(
      customer: c.id, invoice: d.invoice, ref: d.eventId, outcome: outcome,
      credit: outcome == .accepted ? credit : nil, text: text, date: today)
  }
}

/// The customer's wish not to be called (or its lifting).
public struct CallPreferenceRequest: Hashable, Sendable {
  public var customer: String
  public var doNotCall: Bool
  public var text: String?
  public init(customer: String, doNotCall: Bool, text: String? = nil) {
    self.customer = customer
    self.doNotCall = doNotCall
    self.text = text
  }

  /// What is wrong: an unknown customer; no reason (issue 20: both ways need one, shown in
  /// the timeline).
  public func problems(ledger: Ledger) -> [CallLogProblem] {
    var p: [CallLogProblem] = []
    if ledger.customers[customer] == nil {
      p.append(.init(field: "customer", code: .unknownCustomer, message: "no such customer"))
    }
    if (text ?? "").trimmingCharacters(in: .whitespaces).isEmpty {
      p.append(.init(field: "reason", code: .required, message: "a value is required"))
    }
    return p
  }

  public func event() -> Event {
    Event.callPreferenceSet(customer: customer, doNotCall ? .doNotCall : .mayCall, text: text)
  }
}
