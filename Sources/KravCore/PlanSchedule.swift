/// What a collector asks the plan builder for.
public struct PlanRequest: Sendable {
  /// By number of instalments, or by amount per instalment.
  public enum Size: Sendable, Hashable {
    case instalments(Int)
    case amount(Money)
  }

  /// The claims covered (one customer's; closed or fully paid ones are refused).
  public var claims: [Claim]
  /// The day the plan is made; balances and interest are taken as of this day.
  public var proposedOn: Day
  /// The signing deadline; instalment 1 falls due on it.
  public var signBy: Day
  public var frequency: PlanFrequency
  public var size: Size
  /// The creditor's ladder: the steps a broken plan continues with.
  public var ladder: Ladder = .standard
  /// The debtor's kind: a business debtor's fees follow frl. § 3a (standard compensation).
  public var kind: CustomerKind = .consumer

  public init(
    claims: [Claim], proposedOn: Day, signBy: Day? = nil, frequency: PlanFrequency = .month,
    size: Size
  ) {
    self.claims = claims
    self.proposedOn = proposedOn
    self.signBy = signBy ?? proposedOn.adding(days: Plan.defaultSigningDays)
    self.frequency = frequency
    self.size = size
  }
}

/// A cost that may follow a default, told to the debtor up front (domain-norway.md §6: a cost
/// not told before is lost). A broken plan sends each claim on through the rest of the ladder,
/// so a claim has one of these for every step still ahead of it, in ladder order.
public struct DefaultCost: Hashable, Sendable {
  public var invoice: String
  /// A formal step collection continues with.
  public var step: Step
  /// Its fee (a notice fee, or the court fee for utlegg/forliksklage); zero when none may be
  /// added.
  public var fee: Money
  /// The earliest day the step could be taken after a default on the signing deadline.
  public var from: Day? = nil
}

/// The builder's answer: a schedule whose instalments sum exactly to the total.
public struct PlanQuote: Hashable, Sendable {
  public var instalments: [Instalment]
  /// Owed on the proposal day: principal, interest to date and fees, less payments.
  public var outstanding: Money
  /// Late interest projected from the proposal day until the last instalment, assuming each
  /// instalment is paid on its due day (costs, then interest, then principal, oldest claim first).
  public var projectedInterest: Money
  /// The late-interest rate in force on the proposal day, in basis points.
  public var rateBasisPoints: Int?
  /// Costs if the plan is broken: every fee of every step left on each claim's ladder.
  public var defaultCosts: [DefaultCost]
  /// No fee for the plan itself: a creditor collecting its own claims may charge none.
  public var planFee: Money = .zero

  /// What the debtor pays in all: `outstanding + projectedInterest`, the sum of instalments.
  public var total: Money { instalments.reduce(.zero) { $0 + $1.amount } }
}

/// Why the builder cannot make a plan.
public enum PlanError: WordedError, Equatable, Sendable {
  case noClaims
  case nothingOwed
  case badCount
  case badAmount
  case tooManyInstalments(Int)
  case signByBeforeProposal
  case tooSmallForCount

  /// The message in `lang`.
  public func text(_ lang: Language) -> String { lang == .nb ? norwegian : english }

  /// The message in English.
  public var english: String {
    switch self {
    case .noClaims: return "no open claims to put in a plan"
    case .nothingOwed: return "nothing is owed on these claims"
    case .badCount: return "the number of instalments must be at least 1"
    case .badAmount: return "the amount per instalment must be above zero"
    case .tooManyInstalments(let n):
      return "that would take more than \(n) instalments; choose a larger amount"
    case .signByBeforeProposal: return "the signing deadline is before the day of the proposal"
    case .tooSmallForCount: return "the amount owed is too small for that many instalments"
    }
  }

  /// The message in Norwegian bokmål, for the Norwegian interface.
  public var norwegian: String {
    switch self {
    case .noClaims: return "ingen åpne krav å legge i en plan"
    case .nothingOwed: return "ingenting skyldes på disse kravene"
    case .badCount: return "antall avdrag må være minst 1"
    case .badAmount: return "beløpet per avdrag må være over null"
    case .tooManyInstalments(let n):
      return "det ville gitt mer enn \(n) avdrag; velg et større beløp"
    case .signByBeforeProposal: return "signeringsfristen er før datoen for forslaget"
    case .tooSmallForCount: return "beløpet som skyldes er for lite til så mange avdrag"
    }
  }
}

/// The plan builder (pure): schedule, projected interest, exact sums.
///
/// **Rounding rule.** Amounts are whole øre. With a number of instalments N, every instalment
/// but the last is the total divided by N rounded *up* to whole kroner (to whole øre when the
/// total is too small for that); the last instalment is what remains. With an amount per
/// instalment A, every instalment but the last is A and the last is what remains (0 < last ≤ A,
/// the count chosen as small as possible). Either way the instalments sum exactly to the total.
///
/// **Interest.** The total is what is owed on the proposal day plus the late interest that
/// will accrue until the last instalment when each instalment is paid on its due day, allocated
/// as the ledger allocates a customer's payment (costs, interest, principal, oldest claim first):
/// interest runs on the remaining principal only. The last instalment is computed as what the
/// claims still owe on its due day after the earlier instalments, so the projection is exact to
/// the øre under that assumption; the count mode repeats until the rounded base no longer moves.
public enum PlanSchedule {
  /// Most instalments a plan may have.
  public static let maxInstalments = 120

  /// Builds a quote for `request`.
  public static func quote(_ request: PlanRequest, table: RateTable = .norway) throws -> PlanQuote {
    let claims = request.claims.filter { $0.closed == nil }
      .sorted { ($0.due, $0.invoice) < ($1.due, $1.invoice) }
    guard !claims.isEmpty else { throw PlanError.noClaims }
    guard request.signBy >= request.proposedOn else { throw PlanError.signByBeforeProposal }
    let outstanding = claims.reduce(Money.zero) {
      $0 + $1.balance(asOf: request.proposedOn, table: table).outstanding
    }
    guard outstanding.isPositive else { throw PlanError.nothingOwed }
    let due = { (i: Int) in request.frequency.due(first: request.signBy, index: i) }
    var instalments: [Instalment]
    switch request.size {
    case .instalments(let n):
      guard n >= 1 else { throw PlanError.badCount }
      guard n <= maxInstalments else { throw PlanError.tooManyInstalments(maxInstalments) }
      var base = try self.base(total: outstanding, count: n)
      var last = remainder(claims, base: base, count: n, due: due, table: table)
      for _ in 0..<10 {
        let next = try self.base(total: Money(ore: base.ore * Int64(n - 1)) + last, count: n)
        if next == base { break }
        base = next
        last = remainder(claims, base: base, count: n, due: due, table: table)
      }
      guard last.isPositive else { throw PlanError.tooSmallForCount }
      instalments = (0..<n).map { Instalment(due: due($0), amount: $0 < n - 1 ? base : last) }
    case .amount(let a):
      guard a.isPositive else { throw PlanError.badAmount }
      var n = Int((outstanding.ore + a.ore - 1) / a.ore)
      var last = Money.zero
      while true {
        guard n <= maxInstalments else { throw PlanError.tooManyInstalments(maxInstalments) }
        last = remainder(claims, base: a, count: n, due: due, table: table)
        if last > a {
          n += 1
        } else if !last.isPositive && n > 1 {
          n -= 1
        } else {
          break
        }
      }
      instalments = (0..<n).map { Instalment(due: due($0), amount: $0 < n - 1 ? a : last) }
    }
    let total = instalments.reduce(Money.zero) { $0 + $1.amount }
    return PlanQuote(
      instalments: instalments, outstanding: outstanding, projectedInterest: total - outstanding,
      rateBasisPoints: table.lateInterestBasisPoints(on: request.proposedOn),
      defaultCosts: defaultCosts(
        claims, from: request.signBy, ladder: request.ladder, kind: request.kind, table: table))
  }

  /// The rounded amount of every instalment but the last (see the rounding rule).
  static func base(total: Money, count n: Int) throws -> Money {
    guard n > 1 else { return total }
    let t = total.ore
    let m = Int64(n)
    let kroner = (t + 100 * m - 1) / (100 * m) * 100
    if kroner * (m - 1) < t { return Money(ore: kroner) }
    let ore = (t + m - 1) / m
    guard ore * (m - 1) < t else { throw PlanError.tooSmallForCount }
    return Money(ore: ore)
  }

  /// What the claims still owe on the last due day after the first `count − 1` instalments of
  /// `base` were paid on their due days: the last instalment.
  static func remainder(
    _ claims: [Claim], base: Money, count n: Int, due: (Int) -> Day, table: RateTable
  ) -> Money {
    var work = claims
    for i in 0..<(n - 1) {
      pay(base, on: due(i), to: &work, table: table)
    }
    let lastDay = due(n - 1)
    return work.reduce(Money.zero) { $0 + $1.balance(asOf: lastDay, table: table).outstanding }
  }

  /// Puts a payment on the claims oldest first, each up to what it owes that day (as the
  /// ledger does with a payment that names only the customer).
  static func pay(_ amount: Money, on day: Day, to claims: inout [Claim], table: RateTable) {
    var left = amount
    for i in claims.indices where left.isPositive {
      let owed = claims[i].balance(asOf: day, table: table).outstanding
      guard owed.isPositive else { continue }
      let part = min(owed, left)
      claims[i].payments.append(ClaimPayment(day: day, amount: part))
      left -= part
    }
    if left.isPositive, !claims.isEmpty {
      claims[claims.count - 1].payments.append(ClaimPayment(day: day, amount: left))
    }
  }

  /// The fees of every step each claim would still go through if the plan were broken on
  /// `day` (the earliest a default can be: the signing deadline), each step taken on the first
  /// day the ladder allows it: what Krav's letters will charge (`Fees.charge`, B2B
  /// compensation included) and the court fee of the last step.
  static func defaultCosts(
    _ claims: [Claim], from day: Day, ladder: Ladder = .standard,
    kind: CustomerKind = .consumer, table: RateTable
  ) -> [DefaultCost] {
    var out: [DefaultCost] = []
    for original in claims {
      var c = original
      while let next = ladder.next(for: c, context: LadderContext()) {
        let sent = max(day, next.from)
        let fee: Money
        switch next.step {
        case .utlegg, .forliksklage:
          fee = Fees.courtFee(for: next.step, on: sent, table: table) ?? .zero
        default:
          fee =
            Fees.charge(
              step: next.step, sent: sent, due: c.interestDue, history: Fees.history(of: c),
              kind: kind, disputed: false, table: table
            )
            .fee
        }
        out.append(DefaultCost(invoice: c.invoice, step: next.step, fee: fee, from: sent))
        // Take the step on the copy, as the fold would, and go on from there.
        if fee.isPositive, next.step != .utlegg, next.step != .forliksklage {
          c.fees.append(ClaimFee(day: sent, amount: fee, step: next.step))
        }
        c.step = next.step
        c.stepOn = sent
      }
    }
    return out
  }
}
