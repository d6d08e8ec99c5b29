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

  /// Whether `today` is after `date(from: start)`, mostly without calendar arithmetic: three
  /// years are 1 095 or 1 096 days, so only a day in between needs the exact date.
  @inline(__always)
  public static func isPast(from start: Day, today: Day) -> Bool {
    let days = Int(today.ordinal) - Int(start.ordinal)
    if days <= 365 * years { return false }
    if days > 365 * years + 1 { return true }
    return today > date(from: start)
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

  /// Whether the claim at position `i` is time-barred on `today`.
  ///
  /// The queue asks this of every open claim, so the cheap tests come first and nothing is
  /// allocated: a claim younger than three years cannot be (most claims); one its own part
  /// payments keep alive is not (more acknowledgments only lengthen the period). Only then are
  /// the customer's promises and the signed plans read; `planSignings` (`signedPlanDays()`)
  /// spares a search of every plan per claim. Gives what `limitation(ofClaimAt:)` gives (a
  /// test compares them).
  ///
  /// `latestPromise` (the owner's latest promise day, any claim), with `planSignings`, bounds
  /// the period from above: it cannot end after three years from the latest acknowledgment, so
  /// when today is past that, the claim is time-barred without reading the customer.
  func isTimeBarred(
    claimAt i: Int, today: Day, planSignings: [Int32: [Day]]? = nil, latestPromise: Day? = nil
  ) -> Bool {
    let due = claims.values[i].interestDue
    if Limitation.cannotBeExpired(interestDue: due, today: today) { return false }
    // The period cannot end later than three years from the latest of the due day and the
    // part payments up to today; past that, the own payments cannot have kept it alive.
    var latestOwn = due
    for p in claims.values[i].payments where p.day <= today && p.day > latestOwn {
      latestOwn = p.day
    }
    if !Limitation.isPast(from: latestOwn, today: today),
      today <= limitationEnd(claimAt: i, today: today, everything: false)
    {
      return false
    }
    if let promised = latestPromise, let signings = planSignings {
      let signed = signings.isEmpty ? nil : signings[Int32(i)]?.max()
      let latest = Swift.max(promised, signed ?? promised)
      let filed = claims.values[i].filedOn
      // With neither promises nor signings the own payments decide, and they did not keep it
      // alive. Otherwise the bound is three years from the latest acknowledgment of any kind:
      // a promise can restart the period and a later own payment restart it again.
      if filed == nil
        && (latest.ordinal == .min
          || Limitation.isPast(from: Swift.max(latest, latestOwn), today: today))
      {
        return true
      }
    }
    let end = limitationEnd(claimAt: i, today: today, everything: true, planSignings: planSignings)
    if today <= end { return false }
    // A filing made in time interrupted it (foreldelsesloven §§ 15–17).
    if let filed = claims.values[i].filedOn, filed <= today, filed <= end { return false }
    return true
  }

  /// The last day of the claim's limitation period on `today` (Limitation.status's rule,
  /// without building and sorting a list): repeatedly the latest acknowledgment within the
  /// running period restarts it. `everything` false counts only the claim's own payments.
  private func limitationEnd(
    claimAt i: Int, today: Day, everything: Bool, planSignings: [Int32: [Day]]? = nil
  ) -> Day {
    var start = claims.values[i].interestDue
    var end = Limitation.date(from: start)
    let owner = Int(claimOwner[i])
    while true {
      let limit = Swift.min(end, today)
      var best: Day?
      func consider(_ d: Day) {
        if d > start && d <= limit && (best.map { d > $0 } ?? true) { best = d }
      }
      for p in claims.values[i].payments { consider(p.day) }
      if everything {
        let invoice = claims.values[i].invoice
        for p in customers.values[owner].promises where p.invoice == nil || p.invoice == invoice {
          consider(p.madeOn)
        }
        if let signings = planSignings {
          for d in signings[Int32(i)] ?? [] { consider(d) }
        } else {
          for plan in plans where plan.invoices.contains(invoice) {
            if let d = plan.signedOn { consider(d) }
          }
        }
      }
      guard let b = best else { return end }
      start = b
      end = Limitation.date(from: b)
    }
  }

  /// The days plans covering each claim were signed, by claim position: one pass over the
  /// plans for a caller that asks about many claims.
  func signedPlanDays() -> [Int32: [Day]] {
    var days: [Int32: [Day]] = [:]
    for plan in plans {
      guard let signed = plan.signedOn else { continue }
      for inv in plan.invoices {
        if let c = claims.position(of: inv) { days[Int32(c), default: []].append(signed) }
      }
    }
    return days
  }

  /// `limitation(of:today:)` by claim position.
  func limitation(ofClaimAt i: Int, today: Day, planSignings: [Int32: [Day]]? = nil)
    -> Limitation.Status
  {
    let invoice = claims.values[i].invoice
    let claim = claims.values[i]
    let owner = customers.values[Int(claimOwner[i])]
    let signed =
      planSignings.map { $0[Int32(i)] ?? [] }
      ?? plans.filter { $0.invoices.contains(invoice) }.compactMap(\.signedOn)
    let acks =
      claim.payments.map(\.day)
      + owner.promises.filter { $0.invoice == nil || $0.invoice == invoice }.map(\.madeOn)
      + signed
    return Limitation.status(of: claim, acknowledgments: acks, today: today)
  }
}
