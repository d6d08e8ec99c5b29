/// The report log rearranged for the reports, built once per ledger state (the TUI keeps it
/// until the next fold): each claim's steps in day order, each customer's calls and promises
/// in day order, each claim's closing day. Flat arrays indexed by offsets (one pass to count,
/// one to place), not an array per claim.
public struct ReportFacts: Sendable {
  /// `claimSteps[claimStepStart[c] ..< claimStepStart[c + 1]]`: claim `c`'s steps by day.
  public let claimStepStart: [Int32]
  public let claimSteps: [ReportEntry]
  /// `contacts[contactStart[u] ..< contactStart[u + 1]]`: customer `u`'s calls and promises
  /// by day (the events a payment is attributed by).
  public let contactStart: [Int32]
  public let contacts: [ReportEntry]
  /// The day each claim was closed (`case-closed`), nil when it was not.
  public let closedOn: [Day?]
  /// The collector of each promise, by customer position and index in `Customer.promises`.
  public let promiseCollector: [Int64: UInt16]
  /// Every `.step`, `.call` and `.promise` record, in fold order.
  public let entries: [ReportEntry]
  public let collectors: [String]

  public init(_ ledger: Ledger) {
    let log = ledger.reportLog
    entries = log.entries
    collectors = log.collectors
    let claimCount = ledger.claims.count
    let customerCount = ledger.customers.count
    var stepCount = [Int32](repeating: 0, count: claimCount + 1)
    var contactCount = [Int32](repeating: 0, count: customerCount + 1)
    var closed = [Day?](repeating: nil, count: claimCount)
    var promises: [Int64: UInt16] = [:]
    for e in log.entries {
      switch e.kind {
      case .step: stepCount[Int(e.target) + 1] += 1
      case .call: contactCount[Int(e.target) + 1] += 1
      case .promise:
        contactCount[Int(e.target) + 1] += 1
        promises[Int64(e.target) << 32 | Int64(e.extra)] = e.collector
      case .closed:
        // The latest closing counts (a claim closed twice keeps its last reason's day).
        closed[Int(e.target)] = e.day
      }
    }
    for i in 0..<claimCount { stepCount[i + 1] += stepCount[i] }
    for i in 0..<customerCount { contactCount[i + 1] += contactCount[i] }
    var stepFill = stepCount
    var contactFill = contactCount
    let placeholder = ReportEntry(kind: .step, day: Day(ordinal: 0), target: 0, collector: 0)
    var steps = [ReportEntry](repeating: placeholder, count: Int(stepCount[claimCount]))
    var contactList = [ReportEntry](
      repeating: placeholder, count: Int(contactCount[customerCount]))
    for e in log.entries {
      switch e.kind {
      case .step:
        steps[Int(stepFill[Int(e.target)])] = e
        stepFill[Int(e.target)] += 1
      case .call, .promise:
        contactList[Int(contactFill[Int(e.target)])] = e
        contactFill[Int(e.target)] += 1
      case .closed: break
      }
    }
    // Fold order is mostly day order; sort each run that is not (stable: fold order breaks ties).
    func sortRuns(_ list: inout [ReportEntry], _ start: [Int32]) {
      for i in 0..<(start.count - 1) {
        let lo = Int(start[i])
        let hi = Int(start[i + 1])
        guard hi - lo > 1 else { continue }
        var sorted = true
        for k in (lo + 1)..<hi where list[k].day < list[k - 1].day {
          sorted = false
          break
        }
        if !sorted {
          let run = list[lo..<hi].enumerated().sorted { ($0.1.day, $0.0) < ($1.1.day, $1.0) }
          for (k, e) in run.enumerated() { list[lo + k] = e.1 }
        }
      }
    }
    sortRuns(&steps, stepCount)
    sortRuns(&contactList, contactCount)
    claimStepStart = stepCount
    claimSteps = steps
    contactStart = contactCount
    contacts = contactList
    closedOn = closed
    promiseCollector = promises
  }

  /// Claim `c`'s steps, oldest first.
  public func steps(ofClaim c: Int) -> ArraySlice<ReportEntry> {
    claimSteps[Int(claimStepStart[c])..<Int(claimStepStart[c + 1])]
  }

  /// Customer `u`'s calls and promises, oldest first.
  public func contacts(ofCustomer u: Int) -> ArraySlice<ReportEntry> {
    contacts[Int(contactStart[u])..<Int(contactStart[u + 1])]
  }

  /// The step claim `c` stood at on `day` (the last step taken on or before it; the invoice
  /// when none was).
  public func step(ofClaim c: Int, on day: Day) -> Step {
    var s = Step.invoice
    for e in steps(ofClaim: c) {
      guard e.day <= day else { break }
      s = e.step
    }
    return s
  }

  /// The collector of the last call or promise with customer `u` on or before `day`.
  public func lastContact(ofCustomer u: Int, on day: Day) -> UInt16? {
    var who: UInt16?
    for e in contacts(ofCustomer: u) {
      guard e.day <= day else { break }
      who = e.collector
    }
    return who
  }

  /// Whether customer `u` was reached by phone in the `days` days up to and including `day`.
  public func reached(customer u: Int, within days: Int, before day: Day) -> Bool {
    let first = day.adding(days: -days)
    for e in contacts(ofCustomer: u) where e.kind == .call {
      if e.day > day { break }
      if e.day >= first, e.outcome == .reached { return true }
    }
    return false
  }

  /// The collector's name ("" for none).
  public func name(_ c: UInt16?) -> String {
    guard let c, Int(c) < collectors.count else { return "" }
    return collectors[Int(c)]
  }
}
