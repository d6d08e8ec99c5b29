/// Whether a debtor is a consumer or a business; many rules differ (fees, compensation, calls).
public enum CustomerKind: String, Sendable, CaseIterable, Codable {
  case consumer
  case business

  /// Parses the forms the CLI and CSV import accept (`consumer`/`person`, `business`/`company`).
  public init?(parsing text: String) {
    switch text.lowercased() {
    case "consumer", "person", "privat", "forbruker": self = .consumer
    case "business", "company", "bedrift", "firma": self = .business
    default: return nil
    }
  }
}

/// A promise to pay a sum by a day, as recorded from a call or a message.
public struct Promise: Hashable, Sendable {
  public var eventId: String
  public var madeOn: Day
  public var amount: Money
  public var due: Day
  public var invoice: String?

  public init(eventId: String, madeOn: Day, amount: Money, due: Day, invoice: String?) {
    self.eventId = eventId
    self.madeOn = madeOn
    self.amount = amount
    self.due = due
    self.invoice = invoice
  }
}

/// An objection to a claim, whole or in part, and its outcome.
public struct Dispute: Hashable, Sendable {
  public var eventId: String
  public var invoice: String
  public var openedOn: Day
  /// The disputed part; nil when the whole claim is disputed.
  public var amount: Money?
  public var reason: String
  public var text: String
  /// `accepted` or `rejected` once resolved.
  public var outcome: String?
  public var resolvedOn: Day?
  /// Credit granted when the objection was accepted.
  public var credit: Money?

  public init(
    eventId: String, invoice: String, openedOn: Day, amount: Money?, reason: String, text: String
  ) {
    self.eventId = eventId
    self.invoice = invoice
    self.openedOn = openedOn
    self.amount = amount
    self.reason = reason
    self.text = text
  }

  /// Whether the objection still stands.
  public var isOpen: Bool { outcome == nil }
}

/// A debtor as the fold knows it: identity, contact details and what happened to it.
public struct Customer: Hashable, Sendable {
  // Widest fields first, so the layout has no padding between them (see `Claim`).
  public var id: String
  public var name: String
  public var orgnr: String?
  /// Fødselsnummer; never shown in full (see `Identifiers`).
  public var birthNumber: String?
  public var email: String?
  public var phone: String?
  public var address: String?
  public var promises: [Promise] = []
  public var disputes: [Dispute] = []
  /// Number of calls logged.
  public var callCount: Int = 0
  /// Day of the last logged call, for the call list's per-debtor limits.
  public var lastCallOn: Day?
  /// A hold on all of the customer's claims, until and including this day.
  public var holdUntil: Day?
  public var kind: CustomerKind

  public init(id: String, name: String, kind: CustomerKind) {
    self.id = id
    self.name = name
    self.kind = kind
  }
}
