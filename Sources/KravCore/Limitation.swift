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
  ///
  /// The period runs from the due date as moved past weekends and holidays (gjeldsbrevloven
  /// § 5: the debtor need not pay before, so the claim cannot fall due earlier,
  /// foreldelsesloven § 3). An acknowledgment made before the period ran out starts a new
  /// one (§ 14); one made later does not revive a time-barred claim. Only a recorded filing
  /// (utleggsbegjæring or forliksklage, `claim-filed`) made before the period ran out
  /// interrupts it (§§ 15–17); a court draft that was only written does not. A period that
  /// ends on a Saturday, Sunday or holiday is not extended (Docs/rules.md, "Limitation").
  public static func status(of claim: Claim, acknowledgments: [Day], today: Day) -> Status {
    var start = claim.interestDue
    var restarted: Day?
    var end = date(from: start)
    for ack in acknowledgments.sorted() where ack > start && ack <= today {
      guard ack <= end else { break }
      start = ack
      restarted = ack
      end = date(from: ack)
    }
    if let filed = claim.filedOn, filed <= today, filed <= end {
      return Status(date: nil, restartedOn: restarted, warn: false, expired: false)
    }
    return Status(
      date: end, restartedOn: restarted, warn: today >= end.adding(days: -warningDays),
      expired: today > end)
  }

  /// Whether a claim whose interest runs from `interestDue` cannot yet be time-barred on
  /// `today`, whatever happened since: fewer days have passed than any three years have.
  /// The queue asks this of every claim; only older ones need the full `status`.
  @inline(__always)
  public static func cannotBeExpired(interestDue: Day, today: Day) -> Bool {
    Int(today.ordinal) - Int(interestDue.ordinal) <= 365 * years
  }
}

extension Ledger {
  /// The limitation status of the claim with invoice number `invoice` on `today`: its part
  /// payments, the customer's promises (on it or on all claims) and the plans covering it that
  /// were signed are the acknowledgments.
  public func limitation(of invoice: String, today: Day) -> Limitation.Status? {
    guard let i = claims.position(of: invoice) else { return nil }
    return limitation(ofClaimAt: i, today: today)
  }

  /// Whether the claim at position `i` is time-barred on `today` (quick for the many claims
  /// that cannot be yet).
  func isTimeBarred(claimAt i: Int, today: Day) -> Bool {
    if Limitation.cannotBeExpired(interestDue: claims.values[i].interestDue, today: today) {
      return false
    }
    return limitation(ofClaimAt: i, today: today).expired
  }

  /// `limitation(of:today:)` by claim position.
  func limitation(ofClaimAt i: Int, today: Day) -> Limitation.Status {
    let invoice = claims.values[i].invoice
    let claim = claims.values[i]
    let owner = customers.values[Int(claimOwner[i])]
    let acks =
      claim.payments.map(\.day)
      + owner.promises.filter { $0.invoice == nil || $0.invoice == invoice }.map(\.madeOn)
      + plans.filter { $0.invoices.contains(invoice) }.compactMap(\.signedOn)
    return Limitation.status(of: claim, acknowledgments: acks, today: today)
  }
}
