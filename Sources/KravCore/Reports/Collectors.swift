/// Each collector's work per period, from the events' `by`.
public struct CollectorsReport: Hashable, Sendable {
  public struct Figures: Hashable, Sendable {
    /// Calls logged.
    public var calls = 0
    /// Calls whose outcome was `reached`.
    public var reached = 0
    /// Promises to pay recorded.
    public var promises = 0
    /// Instalment plans whose signature they recorded.
    public var plansSigned = 0
    /// Formal steps taken (step-triggered events).
    public var steps = 0
    /// Money placed on claims of customers whose last call or promise before the payment
    /// was theirs ("their customers").
    public var paid = Money.zero

    /// reached ÷ calls (nil without calls).
    public var reachedShare: Double? { calls == 0 ? nil : Double(reached) / Double(calls) }

    mutating func add(_ o: Figures) {
      calls += o.calls
      reached += o.reached
      promises += o.promises
      plansSigned += o.plansSigned
      steps += o.steps
      paid += o.paid
    }
  }

  public struct Row: Hashable, Sendable {
    public var collector: String
    /// One entry per period of `periods`.
    public var periods: [Figures]
    public var total: Figures {
      var t = Figures()
      for f in periods { t.add(f) }
      return t
    }
  }

  public var periods: ReportPeriods
  /// Collectors sorted by name; "" gathers what no collector can be named for (payments
  /// from customers nobody called or took a promise from).
  public var rows: [Row]
}

extension Ledger {
  /// Each collector's calls, reached calls, promises, plan signatures, steps and the money
  /// their customers paid, per period of `periods`.
  public func collectorsReport(periods: ReportPeriods, facts: ReportFacts) -> CollectorsReport {
    var table: [String: [CollectorsReport.Figures]] = [:]
    let empty = [CollectorsReport.Figures](repeating: .init(), count: periods.periods.count)
    func update(_ who: String, _ k: Int, _ change: (inout CollectorsReport.Figures) -> Void) {
      change(&table[who, default: empty][k])
    }
    for e in facts.entries {
      guard let k = periods.index(of: e.day) else { continue }
      let who = facts.name(e.collector)
      switch e.kind {
      case .call:
        update(who, k) {
          $0.calls += 1
          if e.outcome == .reached { $0.reached += 1 }
        }
      case .promise: update(who, k) { $0.promises += 1 }
      case .step: update(who, k) { $0.steps += 1 }
      case .closed: break
      }
    }
    for p in plans {
      guard let signed = p.signedOn, let k = periods.index(of: signed) else { continue }
      update(p.signedOffBy ?? "", k) { $0.plansSigned += 1 }
    }
    claims.values.withUnsafeBufferPointer { all in
      for c in all.indices where !all[c].payments.isEmpty {
        let owner = Int(claimOwner[c])
        for p in all[c].payments {
          guard let k = periods.index(of: p.day) else { continue }
          let who = facts.name(facts.lastContact(ofCustomer: owner, on: p.day))
          update(who, k) { $0.paid += p.amount }
        }
      }
    }
    let rows = table.keys.sorted().map { CollectorsReport.Row(collector: $0, periods: table[$0]!) }
    return CollectorsReport(periods: periods, rows: rows)
  }
}
