/// What the reports need that the rest of the fold forgets: who took each formal step and
/// when, each call with its outcome and collector, who took each promise, and the day a claim
/// was closed. One 16-byte record per such event, appended by the fold and saved in the
/// snapshot, so no report reads the journal (Docs/reports.md, Docs/performance.md).
public struct ReportEntry: Hashable, Sendable {
  /// What the record is about.
  public enum Kind: UInt8, Sendable, CaseIterable {
    /// A formal step was taken: `target` is the claim, `detail` the step's rank.
    case step = 0
    /// A call was logged: `target` is the customer, `detail` the outcome (`callOutcomes`).
    case call = 1
    /// A promise was made: `target` is the customer, `extra` the promise's index in
    /// `Customer.promises`.
    case promise = 2
    /// A claim was closed: `target` is the claim, `detail` the reason (`closureReasons`).
    case closed = 3
  }

  /// The day it happened (the step's or closing's date, else the event's day).
  public var day: Day
  /// A claim or customer position (see `Kind`).
  public var target: Int32
  /// A kind-specific number (a promise's index).
  public var extra: Int32
  /// The collector (`ReportLog.collectors`) who recorded it: the event's `by`.
  public var collector: UInt16
  public var kind: Kind
  /// A kind-specific code (step rank, call outcome, closure reason).
  public var detail: UInt8

  public init(
    kind: Kind, day: Day, target: Int32, collector: UInt16, detail: UInt8 = 0, extra: Int32 = 0
  ) {
    self.day = day
    self.target = target
    self.extra = extra
    self.collector = collector
    self.kind = kind
    self.detail = detail
  }

  /// The step of a `.step` record.
  public var step: Step { Step.allCases[Int(detail) % Step.allCases.count] }
  /// The outcome of a `.call` record (nil: an outcome this version does not know).
  public var outcome: CallOutcome? {
    Int(detail) < ReportEntry.callOutcomes.count ? ReportEntry.callOutcomes[Int(detail)] : nil
  }
  /// The reason of a `.closed` record.
  public var closure: ClosureReason {
    ReportEntry.closureReasons[Int(detail) % ReportEntry.closureReasons.count]
  }

  /// Outcome codes, by position; an unknown outcome is stored as the count.
  public static let callOutcomes: [CallOutcome] = CallOutcome.allCases
  /// Closure codes, by position.
  public static let closureReasons: [ClosureReason] = [
    .paid, .writtenOff, .sentToAgency, .withdrawn,
  ]
}

/// The fold's record for reports (`ReportEntry`s in fold order) and the collectors they name.
public struct ReportLog: Hashable, Sendable {
  public internal(set) var entries: [ReportEntry] = []
  /// Collector names (events' `by`), in the order first seen.
  public internal(set) var collectors: [String] = []
  /// Positions of `collectors` (derived; rebuilt on restore).
  private var collectorIndex: [String: UInt16] = [:]
  /// The last collector looked up: most events in a row come from one writer.
  private var lastCollector: UInt16 = 0

  public init() {}

  /// A log restored from a snapshot.
  public init(entries: [ReportEntry], collectors: [String]) {
    self.entries = entries
    self.collectors = collectors
    for (i, c) in collectors.enumerated() { collectorIndex[c] = UInt16(truncatingIfNeeded: i) }
  }

  /// The code of collector `name`, added when new.
  mutating func collector(_ name: String) -> UInt16 {
    if Int(lastCollector) < collectors.count, collectors[Int(lastCollector)] == name {
      return lastCollector
    }
    if let i = collectorIndex[name] {
      lastCollector = i
      return i
    }
    // More than 65 535 names cannot be told apart; the last one stands for the rest.
    guard collectors.count < Int(UInt16.max) else { return UInt16.max - 1 }
    let i = UInt16(collectors.count)
    collectors.append(name)
    collectorIndex[name] = i
    lastCollector = i
    return i
  }

  mutating func append(_ e: ReportEntry) { entries.append(e) }

  /// The name of collector code `c` ("" when out of range).
  public func name(_ c: UInt16) -> String {
    Int(c) < collectors.count ? collectors[Int(c)] : ""
  }

  public static func == (a: ReportLog, b: ReportLog) -> Bool {
    a.entries == b.entries && a.collectors == b.collectors
  }

  public func hash(into h: inout Hasher) {
    h.combine(entries.count)
    h.combine(collectors)
  }
}
