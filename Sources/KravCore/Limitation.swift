/// Foreldelse (foreldelsesloven §§ 2–3, 14–17; domain-norway.md §7): a claim is time-barred
/// three years after its due date. Reminders and notices do not interrupt it; an
/// acknowledgment (a part payment, a promise to pay, a signed plan) starts a new three years;
/// a forliksklage or an utleggsbegjæring interrupts it.
public enum Limitation {
  /// Years until a claim is time-barred.
  public static let years = 3
  /// Days before the limitation date that Krav starts warning.
  public static let warningDays = 180

  /// Where a claim stands with respect to limitation on a day.
  public struct Status: Hashable, Sendable {
    /// The last day of the period: the claim is time-barred from the day after (nil once a
    /// court step interrupted it).
    public var date: Day?
    /// The last acknowledgment that restarted the period, if any.
    public var restartedOn: Day?
    /// Whether the date is within `warningDays` (or past) on the day asked.
    public var warn: Bool
    /// Whether the claim is time-barred on the day asked.
    public var expired: Bool
  }

  /// `years` after `start`: the same day of the month, or the month's last day when that day
  /// does not exist (29 February → 28 February), as statutory periods count.
  public static func date(from start: Day) -> Day {
    let c = start.components
    let y = c.year + years
    return Day(year: y, month: c.month, day: min(c.day, Day.daysIn(month: c.month, year: y)))!
  }

  /// The limitation status of `claim` on `today`, given the acknowledgments the debtor made
  /// (days of part payments and promises to pay, on this claim or on all the customer's).
  public static func status(of claim: Claim, acknowledgments: [Day], today: Day) -> Status {
    if claim.step == .utlegg || claim.step == .forliksklage {
      return Status(date: nil, restartedOn: nil, warn: false, expired: false)
    }
    let restarted = acknowledgments.filter { $0 > claim.due && $0 <= today }.max()
    let end = date(from: restarted ?? claim.due)
    return Status(
      date: end, restartedOn: restarted, warn: today >= end.adding(days: -warningDays),
      expired: today > end)
  }
}

extension Ledger {
  /// The limitation status of the claim with invoice number `invoice` on `today`: its part
  /// payments, the customer's promises (on it or on all claims) and the plans covering it that
  /// were signed are the acknowledgments.
  public func limitation(of invoice: String, today: Day) -> Limitation.Status? {
    guard let i = claims.position(of: invoice) else { return nil }
    let claim = claims.values[i]
    let owner = customers.values[Int(claimOwner[i])]
    let acks =
      claim.payments.map(\.day)
      + owner.promises.filter { $0.invoice == nil || $0.invoice == invoice }.map(\.madeOn)
      + plans.filter { $0.invoices.contains(invoice) }.compactMap(\.signedOn)
    return Limitation.status(of: claim, acknowledgments: acks, today: today)
  }
}
