/// A payment as registered against one claim (after a customer-level payment was split).
public struct ClaimPayment: Hashable, Sendable {
  /// The value date: the day the money counts from (allocation and interest use it).
  public var day: Day
  /// Whether this part came from a payment that named only the customer (on account), which
  /// the fold placed on the oldest claims; such parts are placed again when an earlier-dated
  /// payment arrives later (`Ledger.replaceOnAccount`). Declared between the 4-byte day and
  /// the 8-byte amount, it fills padding: the struct stays 16 bytes.
  public var onAccount: Bool
  public var amount: Money

  public init(day: Day, amount: Money, onAccount: Bool = false) {
    self.day = day
    self.onAccount = onAccount
    self.amount = amount
  }
}

/// A fee added when a formal step was taken.
public struct ClaimFee: Hashable, Sendable {
  public var day: Day
  public var amount: Money
  public var step: Step

  public init(day: Day, amount: Money, step: Step) {
    self.day = day
    self.amount = amount
    self.step = step
  }
}

/// Why a claim is no longer pursued.
public enum ClosureReason: String, Sendable, Codable {
  case paid
  case writtenOff = "written-off"
  case sentToAgency = "sent-to-agency"
  case withdrawn
}

/// One invoice being collected: its amounts, dates and place in the formal ladder.
public struct Claim: Hashable, Sendable {
  // Stored fields are declared widest first: Swift lays a struct out in declaration order, and
  // mixing 16-, 8-, 5- and 1-byte fields cost 8 bytes of padding on each of a million claims.
  public var invoice: String
  public var customer: String
  /// KID payment reference. (The invoice text stays in the `claim-added` event: the timeline
  /// shows it, and the fold need not carry it for every claim.)
  public var kid: String?
  public var principal: Money
  /// Credits granted (accepted disputes), which reduce the principal.
  public var credits: Money = .zero
  public var payments: [ClaimPayment] = []
  public var fees: [ClaimFee] = []
  /// Step events whose precondition no longer held when folded (a lost race), kept to show.
  public var conflicts: [String] = []
  public var issued: Day
  public var due: Day {
    didSet { interestDue = due.adjustedDueDate }
  }
  /// The first day interest can run from: the due date moved past weekends and holidays
  /// (gjeldsbrevloven § 5). Kept rather than computed because the queue, the customers list
  /// and the ladder need it for every claim, and finding holidays means finding Easter.
  public private(set) var interestDue: Day
  /// The day the current step was taken (nil while at the invoice).
  public var stepOn: Day?
  /// A hold on this claim until and including this day.
  public var holdUntil: Day?
  /// The day an utleggsbegjæring or forliksklage was filed (`claim-filed`): what interrupts
  /// limitation (foreldelsesloven §§ 15–17). Writing the court draft does not.
  public var filedOn: Day?
  /// The formal step reached (invoice until something was sent).
  public var step: Step = .invoice
  /// The current step's letter was written through the outbox and has not left yet
  /// (`step-triggered` with `dispatch`): its deadline does not run and the next step waits.
  /// `stepOn` becomes the day it left (`document-sent`/`document-printed`).
  public var awaitingDispatch = false
  public var closed: ClosureReason?

  public init(invoice: String, customer: String, principal: Money, issued: Day, due: Day) {
    self.invoice = invoice
    self.customer = customer
    self.principal = principal
    self.issued = issued
    self.due = due
    self.interestDue = due.adjustedDueDate
  }

  /// Total paid so far.
  public var paid: Money { payments.reduce(.zero) { $0 + $1.amount } }

  /// Total fees added so far.
  public var feeTotal: Money { fees.reduce(.zero) { $0 + $1.amount } }
}
