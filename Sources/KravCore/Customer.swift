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

  /// Days the debtor has to answer a rejection before collection resumes (god inkassoskikk:
  /// answer and wait a reasonable time; Krav uses the 14 days it gives the debtor elsewhere).
  public static let replyWindowDays = 14

  /// The outcome of an objection the debtor withdrew (`krav dispute withdraw`): nothing holds
  /// collection back any more, and no reply window runs. Kept apart from `DisputeOutcome`,
  /// whose cases are the creditor's choices (the resolve form offers them all).
  public static let withdrawn = "withdrawn"

  /// Whether the objection holds collection back on `day`: while open, while the debtor's reply
  /// window after a rejection runs (through `resolvedOn + replyWindowDays`), and for good once
  /// the creditor took it to the forliksråd (the claim goes on as a disputed claim).
  public func stands(on day: Day) -> Bool {
    switch outcome {
    case nil, "forliksrad": return true
    case "rejected":
      guard let r = resolvedOn else { return false }
      return day <= r.adding(days: Dispute.replyWindowDays)
    default: return false
    }
  }

  /// The day collection may resume after a rejection (the day after the reply window).
  public var resumesOn: Day? {
    guard outcome == "rejected", let r = resolvedOn else { return nil }
    return r.adding(days: Dispute.replyWindowDays + 1)
  }
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
  /// Days of the calls logged in the 30 days up to the newest one (the call list's weekly and
  /// monthly limits), oldest first; older days are dropped as newer calls are folded.
  public var callDays: [Day] = []
  /// A hold on all of the customer's claims, until and including this day.
  public var holdUntil: Day?
  public var kind: CustomerKind
  /// The debtor asked not to be called (good practice: honoured until withdrawn).
  public var doNotCall = false
  /// The collector the customer is assigned to (`customer-assigned`); nil: unassigned.
  public var collector: String?
  /// Requests for approval not yet approved or rejected, oldest first (issue 18).
  public var approvals: [ApprovalRequest] = []

  public init(id: String, name: String, kind: CustomerKind) {
    self.id = id
    self.name = name
    self.kind = kind
  }
}
