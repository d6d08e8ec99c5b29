/// Where a promise to pay stands on a day.
public enum PromiseState: String, Sendable, Hashable, CaseIterable {
  /// The promised day (plus grace) has not passed and the amount is not paid yet.
  case pending
  /// The promised amount was paid by the promised day plus grace.
  case kept
  /// Some, not all, was paid by the promised day plus grace.
  case partlyKept = "partly-kept"
  /// Nothing was paid by the promised day plus grace.
  case broken
  /// A newer promise replaced it before it fell due (a renegotiation, not a break).
  case superseded

  /// Whether the promise failed (in full or in part): the call list and the ladder act on it.
  public var isBreach: Bool { self == .broken || self == .partlyKept }
}

/// A promise with what was paid towards it and its state on a day.
public struct PromiseStatus: Hashable, Sendable {
  public var promise: Promise
  /// Paid towards the promise between the day it was made and its last day.
  public var paid: Money
  public var state: PromiseState
  /// The last day a payment counts: the promised day plus the grace period.
  public var lastDay: Day
  /// The day it was kept (the payment that completed it) or broke (the day after `lastDay`).
  public var settledOn: Day?
}

/// A payment as the promise matcher sees it: which claim, which day, how much.
public struct PromisePayment: Hashable, Sendable {
  public var invoice: String
  public var day: Day
  public var amount: Money

  public init(invoice: String, day: Day, amount: Money) {
    self.invoice = invoice
    self.day = day
    self.amount = amount
  }
}

/// The promise life cycle as pure functions (issue 5): payments are matched to promises, and
/// a pending promise pauses the ladder until its day plus grace.
public enum PromiseFacts {
  /// Each promise's state on `today`.
  ///
  /// Rules: a payment counts towards a promise when it was made on or after the day the promise
  /// was made and no later than the promised day plus `graceDays`, and (for a promise about one
  /// invoice) on that invoice. Payments fill promises in the order they were made, oldest
  /// first, a payment split over two if needed. A promise replaced by a newer one before its
  /// last day is `superseded`; one that is not paid in full by its last day is `broken` (nothing
  /// paid) or `partlyKept`, settled the day after its last day.
  public static func evaluate(
    _ promises: [Promise], payments: [PromisePayment], today: Day, graceDays: Int
  ) -> [PromiseStatus] {
    let order = promises.indices.sorted {
      (promises[$0].madeOn, promises[$0].due, $0) < (promises[$1].madeOn, promises[$1].due, $1)
    }
    var result = promises.map { p in
      PromiseStatus(
        promise: p, paid: .zero, state: .pending, lastDay: p.due.adding(days: graceDays),
        settledOn: nil)
    }
    // A newer promise made after this one and on or before its last day replaces it (unless
    // this one was kept by then, checked after matching).
    func replacement(of i: Int) -> Int? {
      order.first {
        promises[$0].madeOn > promises[i].madeOn && promises[$0].madeOn <= result[i].lastDay
      }
    }
    let replacedBy = promises.indices.map(replacement(of:))
    let sorted = payments.sorted { ($0.day, $0.invoice) < ($1.day, $1.invoice) }
    for pay in sorted where pay.day <= today {
      var left = pay.amount
      for i in order where left.isPositive {
        let p = promises[i]
        guard pay.day >= p.madeOn, pay.day <= result[i].lastDay,
          p.invoice == nil || p.invoice == pay.invoice, result[i].paid < p.amount
        else { continue }
        // A replaced promise takes payments only up to the day it was replaced.
        if let newer = replacedBy[i], pay.day >= promises[newer].madeOn { continue }
        let part = min(left, p.amount - result[i].paid)
        result[i].paid += part
        left -= part
        if result[i].paid >= p.amount { result[i].settledOn = pay.day }
      }
    }
    for i in result.indices {
      let s = result[i]
      if s.paid >= s.promise.amount {
        result[i].state = .kept
      } else if replacedBy[i] != nil {
        result[i].state = .superseded
      } else if today > s.lastDay {
        result[i].state = s.paid.isPositive ? .partlyKept : .broken
        result[i].settledOn = s.lastDay.adding(days: 1)
      }
    }
    return result
  }

  /// The last day a pending promise pauses the next formal step of a claim (nil: no pause).
  ///
  /// A promise about the whole customer pauses all its claims; one about an invoice only that
  /// claim. A broken or partly kept promise pauses nothing: the next step is eligible at once
  /// (on the first day the law allows it).
  public static func ladderPause(_ statuses: some Sequence<PromiseStatus>, invoice: String)
    -> Day?
  {
    // One pass, no intermediate arrays: the queue asks this for every claim of a customer
    // with a live promise.
    var last: Day?
    for s in statuses where s.state == .pending && (s.promise.invoice ?? invoice) == invoice {
      if last.map({ s.lastDay > $0 }) ?? true { last = s.lastDay }
    }
    return last
  }
}

extension Ledger {
  /// The payments on a customer's claims, for matching to promises.
  ///
  /// Claims are read field by field in place (the queue asks this for every customer with a
  /// live promise; copying each claim and building an array per claim was a sixth of its time).
  public func promisePayments(ofCustomerAt i: Int) -> [PromisePayment] {
    var payments: [PromisePayment] = []
    for p in claimPositions(ofCustomerAt: i) {
      let invoice = claims.values[p].invoice
      for payment in claims.values[p].payments {
        payments.append(PromisePayment(invoice: invoice, day: payment.day, amount: payment.amount))
      }
    }
    return payments
  }

  /// A customer's promises and their states on `today`.
  public func promiseStatuses(
    customer id: String, today: Day, graceDays: Int = Ledger.promiseGraceDays
  )
    -> [PromiseStatus]
  {
    guard let i = customers.position(of: id) else { return [] }
    return promiseStatuses(ofCustomerAt: i, today: today, graceDays: graceDays)
  }

  func promiseStatuses(ofCustomerAt i: Int, today: Day, graceDays: Int) -> [PromiseStatus] {
    guard !customers.values[i].promises.isEmpty else { return [] }
    return PromiseFacts.evaluate(
      customers.values[i].promises, payments: promisePayments(ofCustomerAt: i), today: today,
      graceDays: graceDays)
  }
}
