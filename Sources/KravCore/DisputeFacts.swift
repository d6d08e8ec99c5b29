/// The reasons an objection can give (cli.md `dispute open --reason`).
public enum DisputeReason: String, Sendable, CaseIterable {
  case defect
  case wrongAmount = "wrong-amount"
  case notOrdered = "not-ordered"
  case alreadyPaid = "already-paid"
  case other
}

/// How an objection ended (cli.md `dispute resolve`).
public enum DisputeOutcome: String, Sendable, CaseIterable {
  /// The creditor agreed; a credit note (the credit) reduces the claim.
  case accepted
  /// The creditor disagreed and said why; collection resumes after the debtor's reply window.
  case rejected
  /// The creditor takes the disputed claim to the forliksråd (ladder step forliksklage).
  case forliksrad
}

/// A claim split by a standing objection: the part withheld and the part still collected.
public struct DisputeSplit: Hashable, Sendable {
  /// What the objection withholds (the defect's value; the whole outstanding when not partial).
  public var disputed: Money
  /// What is still collected: outstanding less the disputed part (never below zero).
  public var undisputed: Money
  /// Whether only a part is disputed, so the claim goes on up the ladder for the remainder.
  public var isPartial: Bool
}

extension Dispute {
  /// Whether the objection covers only part of the claim: a disputed amount below the principal
  /// still owed. (A disputed amount as large as that is a whole-claim objection.)
  public func isPartial(of balance: ClaimBalance) -> Bool {
    guard let a = amount else { return false }
    return a < balance.principal - balance.principalPaid
  }

  /// The claim split on a day (domain-norway.md §5): the disputed part is withheld — no notice
  /// demands it and no fee is added for it — while the undisputed remainder, interest and fees
  /// included, continues. Interest runs on the whole principal, disputed part included.
  public func split(of balance: ClaimBalance) -> DisputeSplit {
    guard isPartial(of: balance), let a = amount else {
      return DisputeSplit(disputed: balance.outstanding, undisputed: .zero, isPartial: false)
    }
    let rest = balance.outstanding - a
    return DisputeSplit(disputed: a, undisputed: rest.isPositive ? rest : .zero, isPartial: true)
  }
}

extension Ledger {
  /// The split of a claim by the objection standing on `today`, or nil when none stands.
  public func disputeSplit(invoice: String, today: Day) -> DisputeSplit? {
    guard let claim = claims[invoice], let d = openDispute(on: claim, today: today) else {
      return nil
    }
    return d.split(of: claim.balance(asOf: today))
  }

  /// What the ladder's next notice may demand on `today`: the outstanding amount less a
  /// standing objection's disputed part (zero when the whole claim is disputed).
  public func collectible(invoice: String, today: Day) -> Money? {
    guard let claim = claims[invoice] else { return nil }
    return disputeSplit(invoice: invoice, today: today)?.undisputed
      ?? claim.balance(asOf: today).outstanding
  }
}
