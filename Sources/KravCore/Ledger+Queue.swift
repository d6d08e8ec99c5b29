/// One open claim's place in the formal ladder on a day (the `krav queue` row).
///
/// 24 bytes: the claim by position (its ids are read from the ledger when shown, see
/// `Ledger.customer(of:)` and `Ledger.invoice(of:)`) and the next step in flat fields. With two
/// strings and a `NextStep?` a row took 72 bytes, and the queue's ~200 000 rows were what pushed
/// a full load's peak memory over its budget.
public struct QueueRow: Hashable, Sendable {
  /// The claim's position in `Ledger.claims.values`.
  package var claim: Int32
  /// The first day of the next step (meaningless when `nextStep` is nil).
  var nextFrom: Day
  public var outstanding: Money
  public var step: Step
  public var status: ClaimStatus
  /// The next step's step, or nil when the ladder is exhausted.
  var nextStep: Step?
  /// The next step's standing blocker (`NextStep.blocker`) in one byte: 0 = none, else the
  /// blocker's position in `Blocker.allCases` + 1.
  var block: UInt8

  /// A row for the claim at position `claim`.
  package init(
    claim: Int32, step: Step, status: ClaimStatus, outstanding: Money, next: NextStep?
  ) {
    self.claim = claim
    self.step = step
    self.status = status
    self.outstanding = outstanding
    nextStep = next?.step
    nextFrom = next?.from ?? Day(ordinal: 0)
    block = next?.blocker.map { UInt8(Blocker.allCases.firstIndex(of: $0)! + 1) } ?? 0
  }

  /// The next step, or nil when the ladder is exhausted.
  public var next: NextStep? {
    guard let step = nextStep else { return nil }
    return NextStep(
      step: step, from: nextFrom, blocker: block == 0 ? nil : Blocker.allCases[Int(block) - 1])
  }

  /// Why the next step may not be taken on `today` (nil when it may, or there is none).
  public func reason(on today: Day) -> Blocker? { next?.reason(on: today) }

  /// Whether the next step may be taken on `today`.
  public func isEligible(on today: Day) -> Bool { next?.isEligible(on: today) ?? false }
}

extension Ledger {
  /// The id of the customer who owes a queue row's claim.
  public func customer(of row: QueueRow) -> String { claims.values[Int(row.claim)].customer }

  /// The invoice number of a queue row's claim.
  public func invoice(of row: QueueRow) -> String { claims.values[Int(row.claim)].invoice }

  /// The claim of a queue row.
  public func claim(of row: QueueRow) -> Claim { claims.values[Int(row.claim)] }

  /// The customer who owes the claim of a queue row.
  public func owner(of row: QueueRow) -> Customer {
    customers.values[Int(claimOwner[Int(row.claim)])]
  }

  /// `rows` grouped by customer: customers by name (then id), each customer's rows in their
  /// claims' order. Ranks customers once and sorts rows by integers, as a large queue is
  /// sorted on every frame and comparing names per row comparison would be far slower.
  public func groupedByCustomer(_ rows: [QueueRow]) -> [QueueRow] {
    let all = customers.values
    let byName = all.indices.sorted { (all[$0].name, all[$0].id) < (all[$1].name, all[$1].id) }
    var rank = [Int32](repeating: 0, count: all.count)
    for (r, c) in byName.enumerated() { rank[c] = Int32(r) }
    let owner = claimOwner
    return rows.sorted {
      (rank[Int(owner[Int($0.claim)])], $0.claim) < (rank[Int(owner[Int($1.claim)])], $1.claim)
    }
  }
}

/// What a claim's status needs from its owner, in 8 bytes instead of a whole `Customer`.
///
/// The queue and the customers list visit claims in claim order, so their owners come in no
/// particular order; reading a 170-byte customer per claim was a cache miss per claim (most of
/// the queue's time). One sequential pass over the customers fills these instead.
struct OwnerFacts {
  /// A hold on all the owner's claims.
  var hold: Day?
  /// Whether the owner has an objection that may still stand (on some claim): open, rejected
  /// (its reply window may run) or taken to the forliksråd. `status` checks the day.
  var disputes: Bool
  /// Whether the owner has a promise to pay that may still pause the ladder on the day asked
  /// (made by then, its day plus grace not passed); the customer is read only then. An older
  /// promise is kept, broken or superseded, none of which pauses anything.
  var promises: Bool = false
  /// The day the owner's latest promise to pay was made (any claim; the earliest day when
  /// none): a bound that lets the limitation test skip reading the customer for an old claim
  /// no promise can have kept alive (`Ledger.isTimeBarred`).
  var latestPromise = Day(ordinal: .min)
  /// No letter can reach the owner (`Ledger.hasNoAddress`), read in the same pass so the
  /// queue does not read the customer per claim.
  var noAddress = false
}

extension Ledger {
  /// The `OwnerFacts` of every customer on `today`, by position (in two halves on two threads
  /// when `parallel`).
  func ownerFacts(today: Day, parallel: Bool = false) -> [OwnerFacts] {
    ownerFacts(today: today, parallel: parallel, promiseStatuses: false).facts
  }

  /// The `OwnerFacts` of every customer on `today` and, when `promiseStatuses`, the promise
  /// statuses of each customer whose facts say `promises` (empty for the others), worked out
  /// once per customer in the same pass rather than per claim on each queue thread.
  func ownerFacts(today: Day, parallel: Bool, promiseStatuses: Bool)
    -> (facts: [OwnerFacts], promises: [[PromiseStatus]])
  {
    var promises = [[PromiseStatus]](repeating: [], count: promiseStatuses ? customers.count : 0)
    let facts = promises.withUnsafeMutableBufferPointer { statuses in
      customers.values.withUnsafeBufferPointer { all in
        [OwnerFacts](unsafeUninitializedCapacity: all.count) { buffer, n in
          func fill(_ range: Range<Int>) {
            for i in range {
              let f = OwnerFacts(
                hold: all[i].holdUntil,
                disputes: all[i].disputes.contains {
                  $0.outcome != DisputeOutcome.accepted.rawValue
                },
                promises: all[i].promises.contains {
                  $0.madeOn <= today && Ledger.promiseHolds($0) >= today
                },
                latestPromise: all[i].promises.reduce(Day(ordinal: .min)) {
                  Swift.max($0, $1.madeOn)
                },
                noAddress: Ledger.hasNoAddress(all[i]))
              (buffer.baseAddress! + i).initialize(to: f)
              if promiseStatuses && f.promises {
                statuses[i] = self.promiseStatuses(
                  ofCustomerAt: i, today: today, graceDays: Ledger.promiseGraceDays)
              }
            }
          }
          if parallel {
            _ = Parallel.both({ fill(0..<all.count / 2) }, { fill(all.count / 2..<all.count) })
          } else {
            fill(all.indices)
          }
          n = all.count
        }
      }
    }
    return (facts, promises)
  }

  /// The status of `claim`, at position `i`, given its owner's facts (hot path: the claim is
  /// borrowed from the caller's buffer, not copied, and the owner is read only when disputed).
  @inline(__always)
  func status(
    of claim: borrowing Claim, at i: Int, facts: OwnerFacts, balance: ClaimBalance, today: Day
  ) -> ClaimStatus {
    status(
      of: claim,
      ownerDisputes: facts.disputes ? customers.values[Int(claimOwner[i])].disputes : [],
      ownerHold: facts.hold, balance: balance, today: today)
  }

  /// Every open claim with its next step, eligible ones first, then by the day they become due.
  public func queue(today: Day) -> [QueueRow] { queue(today: today, ladder: rules.ladder) }

  /// The queue with a given ladder (tests compare ladders on one ledger).
  ///
  /// A large ledger's claims are weighed on two threads, each taking every other run of
  /// `queueChunk` claims (older claims carry more history, so halves would not be even work);
  /// each thread sorts its keys and the two sorted runs are merged.
  public func queue(today: Day, ladder: Ladder) -> [QueueRow] {
    queue(today: today, ladder: ladder, parallelFrom: Ledger.parallelQueueClaims)
  }

  /// The queue, on two threads from `parallelFrom` claims (tests and the benchmark compare
  /// both ways).
  public func queue(today: Day, ladder: Ladder, parallelFrom: Int) -> [QueueRow] {
    let n = claims.count
    let parallel = n >= parallelFrom
    let curve = InterestCurve(table: rateTable, through: today)
    let (facts, promises) = ownerFacts(today: today, parallel: parallel, promiseStatuses: true)
    let inPlans = claimsPausedByPlans(on: today)
    let planSignings = signedPlanDays()
    precondition(n < Int(QueueKeys.rowMask), "claim positions fit in 31 bits")
    func part(_ first: Int, _ step: Int) -> QueueKeys {
      queueRows(
        chunksFrom: first, every: step, today: today, ladder: ladder, curve: curve, facts: facts,
        promises: promises, inPlans: inPlans, planSignings: planSignings)
    }
    let parts: [QueueKeys]
    let keys: [UInt64]
    if parallel {
      var (a, b) = Parallel.both({ part(0, 2) }, { part(1, 2) })
      keys = QueueKeys.merge(a.keys, b.keys)
      // The halves' own keys are freed once merged, before the rows are gathered: the gather
      // is the queue's peak of memory, and a snapshot start's (1.7 MB lower at 1 M events).
      a.keys = []
      b.keys = []
      parts = [a, b]
    } else {
      let one = part(0, 1)
      keys = one.keys
      parts = [one]
    }
    // Where each claim's row is: its place in the parts' rows one after the other.
    var position = [Int32](repeating: -1, count: n)
    var offset = 0
    for part in parts {
      for (j, row) in part.rows.enumerated() { position[Int(row.claim)] = Int32(offset + j) }
      offset += part.rows.count
    }
    // Each key names its claim; the rows are gathered in the keys' order, straight from the
    // parts (half on each thread when large), with no concatenated copy to permute.
    let total = keys.count
    let firstCount = parts[0].rows.count
    return [QueueRow](unsafeUninitializedCapacity: total) { out, count in
      func gather(_ range: Range<Int>) {
        parts[0].rows.withUnsafeBufferPointer { first in
          parts[parts.count - 1].rows.withUnsafeBufferPointer { last in
            for k in range {
              let at = Int(position[Int(keys[k] & QueueKeys.rowMask)])
              (out.baseAddress! + k).initialize(
                to: at < firstCount ? first[at] : last[at - firstCount])
            }
          }
        }
      }
      if parallel {
        _ = Parallel.both({ gather(0..<total / 2) }, { gather(total / 2..<total) })
      } else {
        gather(0..<total)
      }
      count = total
    }
  }

  /// Claims from which the queue is worked out on two threads (fewer are not worth a thread).
  static let parallelQueueClaims = 8192

  /// Claims a queue thread takes at a time.
  static let queueChunk = 2048

  /// The rows of the open claims in every `every`-th run of `queueChunk` claims from run
  /// `first` on, in claim order, and their keys (`QueueKeys`), sorted.
  private func queueRows(
    chunksFrom first: Int, every: Int, today: Day, ladder: Ladder, curve: InterestCurve,
    facts: [OwnerFacts], promises: [[PromiseStatus]], inPlans: Set<Int32>,
    planSignings: [Int32: [Day]]
  ) -> QueueKeys {
    var rows: [QueueRow] = []
    var keys: [UInt64] = []
    let n = claims.count
    rows.reserveCapacity(n / every + Ledger.queueChunk)
    keys.reserveCapacity(n / every + Ledger.queueChunk)
    claims.values.withUnsafeBufferPointer { all in
      for start in stride(from: first * Ledger.queueChunk, to: n, by: every * Ledger.queueChunk) {
        for i in start..<min(n, start + Ledger.queueChunk) where all[i].closed == nil {
          // One copy of the claim for all that follows (each `all[i]` passed on was a copy).
          let claim = all[i]
          let owner = facts[Int(claimOwner[i])]
          let b = claim.balance(asOf: today, curve: curve)
          let st = status(of: claim, at: i, facts: owner, balance: b, today: today)
          guard st.isOpen else { continue }
          let context = ladderContext(
            for: claim, at: i, status: st, hold: later(claim.holdUntil, owner.hold),
            promises: owner.promises, paid: !b.outstanding.isPositive, today: today,
            inPlan: !inPlans.isEmpty && inPlans.contains(Int32(i)),
            // A customer's promises are weighed against all their payments once, in
            // `ownerFacts` (that was four fifths of the queue's work when done per claim).
            promiseStatuses: owner.promises ? promises[Int(claimOwner[i])] : [],
            planSignings: planSignings, latestPromise: owner.latestPromise,
            noAddress: owner.noAddress)
          let next = ladder.next(for: claim, context: context)
          // Eligible first, then by the day the next step is allowed, then in claim order.
          let eligible: UInt64 = next?.isEligible(on: today) == true ? 0 : 1
          let from = UInt64(Int64(next?.from.ordinal ?? Int32.max) + (1 << 31))
          keys.append(eligible << 63 | from << 31 | UInt64(i))
          rows.append(
            QueueRow(
              claim: Int32(i), step: claim.step, status: st, outstanding: b.outstanding,
              next: next))
        }
      }
    }
    keys.sort()
    return QueueKeys(rows: rows, keys: keys)
  }
}

/// Rows and their sort keys: one `UInt64` per row — eligible (1 bit), then the next step's day
/// (32 bits), then the claim's position (31 bits) — so one integer sort gives the queue's order
/// (and half the memory of (key, row) pairs).
struct QueueKeys {
  var rows: [QueueRow]
  var keys: [UInt64]

  static let rowMask: UInt64 = (1 << 31) - 1

  /// Two sorted runs of keys as one.
  static func merge(_ a: [UInt64], _ b: [UInt64]) -> [UInt64] {
    var out: [UInt64] = []
    out.reserveCapacity(a.count + b.count)
    var i = 0
    var j = 0
    while i < a.count, j < b.count {
      if a[i] < b[j] {
        out.append(a[i])
        i += 1
      } else {
        out.append(b[j])
        j += 1
      }
    }
    out.append(contentsOf: a[i...])
    out.append(contentsOf: b[j...])
    return out
  }
}

extension Ledger {
  /// Days after a promised payment date during which the ladder still waits for the money.
  public static let promiseGraceDays = 3

  /// The day a promise to pay stops holding the ladder back: its date plus the grace days.
  public static func promiseHolds(_ p: Promise) -> Day { p.due.adding(days: promiseGraceDays) }

  /// The facts that block or delay the next step of the claim at position `i` on `today`.
  ///
  /// disputed: an objection stands (`status == .disputed`); hold: the later of the claim's and
  /// the customer's hold; promise pending: a promise on this claim or on all the customer's
  /// claims that is still pending on `today` — made on or before `today`, not yet kept, not
  /// replaced by a newer one, its date plus grace not passed (`PromiseFacts`); a broken promise
  /// holds nothing back, so the next step is eligible at once; in plan: a plan holds the claim
  /// (proposed, signed or active: `planPausing`; the queue passes it from one pass over the
  /// plans); paid: nothing left to pay (`paid`, or the status says so).
  func ladderContext(
    for claim: borrowing Claim, at i: Int, status: ClaimStatus, hold: Day?, promises: Bool,
    paid: Bool, today: Day, inPlan: Bool? = nil, promiseStatuses known: [PromiseStatus]? = nil,
    planSignings: [Int32: [Day]]? = nil, latestPromise: Day? = nil, noAddress: Bool? = nil
  ) -> LadderContext {
    var pending: Day?
    if promises {
      let owner = Int(claimOwner[i])
      let statuses =
        known
        ?? promiseStatuses(ofCustomerAt: owner, today: today, graceDays: Ledger.promiseGraceDays)
      pending = PromiseFacts.ladderPause(
        statuses.lazy.filter { $0.promise.madeOn <= today }, invoice: claim.invoice)
    }
    // Only for a claim disputed as a whole (rare): was the objection taken to the forliksråd?
    let toForliksrad =
      status == .disputed
      && customers.values[Int(claimOwner[i])].disputes.contains {
        $0.invoice == claim.invoice && $0.outcome == DisputeOutcome.forliksrad.rawValue
      }
    return LadderContext(
      disputed: status == .disputed, holdUntil: hold, promisePendingUntil: pending,
      inPlan: inPlan
        ?? (!plans.isEmpty && planPausing(invoice: claim.invoice, on: today) != nil),
      paid: paid || status == .paid,
      timeBarred: !Limitation.cannotBeExpired(interestDue: claim.interestDue, today: today)
        && isTimeBarred(
          claimAt: i, today: today, planSignings: planSignings, latestPromise: latestPromise),
      toForliksrad: toForliksrad,
      noAddress: noAddress ?? Ledger.hasNoAddress(customers.values[Int(claimOwner[i])]))
  }

  /// Whether no letter can reach a customer: neither an e-mail nor a postal address.
  /// (Byte checks only: the queue asks this for every customer, in `ownerFacts`.)
  @inline(__always)
  static func hasNoAddress(_ c: borrowing Customer) -> Bool {
    c.email?.isEmpty != false && c.address?.utf8.contains(where: { $0 != 0x20 }) != true
  }

  /// The ladder context of one claim by invoice number on `today` (nil for an unknown one).
  public func ladderContext(invoice: String, today: Day) -> LadderContext? {
    guard let i = claims.position(of: invoice) else { return nil }
    let claim = claims.values[i]
    let owner = customers.values[Int(claimOwner[i])]
    let b = claim.balance(asOf: today, table: rateTable)
    let st = status(of: claim, owner: owner, balance: b, today: today)
    return ladderContext(
      for: claim, at: i, status: st, hold: later(claim.holdUntil, owner.holdUntil),
      promises: !owner.promises.isEmpty, paid: !b.outstanding.isPositive, today: today)
  }

  /// The next step of one claim on `today` under the store's ladder; `ignoringLimitation`
  /// gives the step as if the claim were not time-barred (a step the collector forces with a
  /// reason, `planSteps(limitationOverride:)`).
  public func nextStep(invoice: String, today: Day, ignoringLimitation: Bool = false)
    -> NextStep?
  {
    guard let claim = claims[invoice], var ctx = ladderContext(invoice: invoice, today: today)
    else { return nil }
    if ignoringLimitation { ctx.timeBarred = false }
    return rules.ladder.next(for: claim, context: ctx)
  }
}
