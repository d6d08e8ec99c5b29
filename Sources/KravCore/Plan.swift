/// How often instalments fall due.
public enum PlanFrequency: String, Sendable, Hashable, CaseIterable {
  case month
  case fortnight
  case week

  /// The due day of instalment `index` (0-based) counted from the first due day.
  ///
  /// Monthly dates are anchored on the first: 31 Jan → 28/29 Feb → 31 Mar → 30 Apr, never
  /// drifting to the 28th (each date is `first + index months`, clamped to the month's end).
  public func due(first: Day, index: Int) -> Day {
    switch self {
    case .month: return first.adding(months: index)
    case .fortnight: return first.adding(days: 14 * index)
    case .week: return first.adding(days: 7 * index)
    }
  }

  /// Parses the CLI forms (`month`, `fortnight`, `week`, and plurals / Norwegian words).
  public init?(parsing text: String) {
    switch text.lowercased() {
    case "month", "months", "monthly", "måned", "maaned", "mnd": self = .month
    case "fortnight", "fortnightly", "biweekly", "2weeks", "annenhver-uke": self = .fortnight
    case "week", "weeks", "weekly", "uke": self = .week
    default: return nil
    }
  }
}

/// One instalment of a plan as proposed: when it falls due and how much.
public struct Instalment: Hashable, Sendable {
  public var due: Day
  public var amount: Money

  public init(due: Day, amount: Money) {
    self.due = due
    self.amount = amount
  }
}

/// An instalment plan (nedbetalingsavtale) as folded from its events (domain-norway.md §6).
///
/// Stored facts only: what was proposed (`plan-proposed`), the signature (`plan-signed`) and
/// an acceleration (`plan-accelerated`). Everything that depends on the day and on payments —
/// active, lapsed, in default, paid per instalment — is derived by `progress(on:ledger:)`
/// (Plan+Follow.swift), so the plan never goes stale when a payment arrives.
public struct Plan: Hashable, Sendable {
  /// The id of the `plan-proposed` event (unique in the store by construction).
  public var id: String
  public var customer: String
  /// The claims the plan covers, by invoice number.
  public var invoices: [String]
  /// The schedule; instalment 1 is due on the signing deadline (paid when entering the plan).
  public var instalments: [Instalment]
  public var frequency: PlanFrequency
  /// The day the plan was proposed (the `plan-proposed` event's `date`, else its day).
  public var proposedOn: Day
  /// The signing deadline.
  public var signBy: Day
  /// Days after an instalment's due date before it counts as missed (0–5).
  public var graceDays: Int
  /// Projected late interest included in the total when the plan was made.
  public var projectedInterest: Money
  /// The plan document (store-relative path of the .txt; the .eml sits beside it).
  public var letter: String?
  /// Per-customer number, 1 for a customer's first plan: `K0001#1` in lists and commands.
  public var number: Int
  public var proposedBy: String
  /// The customer's signature, as recorded by the collector who signed the plan off.
  public var signedOn: Day?
  public var signChannel: String?
  public var signedOffBy: String?
  /// Acceleration (remainder due at once), when recorded.
  public var acceleratedOn: Day?
  /// The acceleration notice (store-relative path of the .txt).
  public var accelerationLetter: String?

  public init(
    id: String, customer: String, invoices: [String], instalments: [Instalment],
    frequency: PlanFrequency, proposedOn: Day, signBy: Day, graceDays: Int,
    projectedInterest: Money, number: Int, proposedBy: String
  ) {
    self.id = id
    self.customer = customer
    self.invoices = invoices
    self.instalments = instalments
    self.frequency = frequency
    self.proposedOn = proposedOn
    self.signBy = signBy
    self.graceDays = graceDays
    self.projectedInterest = projectedInterest
    self.number = number
    self.proposedBy = proposedBy
  }

  /// The sum of all instalments: what the debtor agreed to pay.
  public var total: Money { instalments.reduce(.zero) { $0 + $1.amount } }

  /// `K0001#1`: the short name shown in lists and accepted by `krav plan sign`.
  public var label: String { "\(customer)#\(number)" }

  /// The grace days allowed (0–5).
  public static let graceRange = 0...5
  /// Default grace days after an instalment's due date.
  public static let defaultGraceDays = 3
  /// Default days from proposal to the signing deadline.
  public static let defaultSigningDays = 7
}
