/// The creditor's own collection rules, folded from the store: the ladder it follows and the
/// rate rows it added or corrected. `rateTable` is what every rule uses.
public struct CollectionRules: Hashable, Sendable {
  /// The ladder the creditor follows (`ladder-set` events).
  public var ladder: Ladder = .standard
  /// Rows the creditor added or corrected (`rate-set` events), in the order they came.
  public private(set) var overrides: [RateTable.Row] = []
  /// The shipped table with the overrides applied: an override replaces a shipped row of the
  /// same kind and first day, or adds one.
  public private(set) var rateTable: RateTable = .norway

  public init() {}

  /// Rules with these overrides (a snapshot restore).
  public init(ladder: Ladder, overrides: [RateTable.Row]) {
    self.ladder = ladder
    for row in overrides { add(row) }
  }

  /// Adds (or corrects) one rate row.
  public mutating func add(_ row: RateTable.Row) {
    overrides.removeAll { $0.kind == row.kind && $0.from == row.from }
    overrides.append(row)
    let shipped = RateTable.norway.rows.filter { s in
      !overrides.contains { $0.kind == s.kind && $0.from == s.from }
    }
    rateTable = RateTable(rows: shipped + overrides)
  }

  public static func == (a: CollectionRules, b: CollectionRules) -> Bool {
    a.ladder == b.ladder && a.overrides == b.overrides
  }

  public func hash(into h: inout Hasher) {
    h.combine(ladder)
    h.combine(overrides)
  }
}

extension RateTable.Kind {
  /// How a `rate-set` event's integer `amount` is read for this kind.
  public var valueUnit: RateTable.ValueUnit {
    switch self {
    case .lateInterest: return .basisPoints
    case .utleggFactor, .forliksklageFactor: return .hundredths
    default: return .ore
    }
  }
}

extension RateTable {
  /// The unit of a row's value as an integer.
  public enum ValueUnit: Sendable { case ore, basisPoints, hundredths }

  /// A value of `kind` from its integer form (øre, basis points or hundredths).
  public static func value(_ kind: Kind, integer: Int64) -> Value {
    switch kind.valueUnit {
    case .ore: return .amount(Money(ore: integer))
    case .basisPoints: return .percent(basisPoints: Int(integer))
    case .hundredths: return .factor(hundredths: Int(integer))
    }
  }
}

extension RateTable.Value {
  /// The value as an integer in its kind's unit (the `amount` of a `rate-set` event).
  public var integer: Int64 {
    switch self {
    case .amount(let m): return m.ore
    case .percent(let bp): return Int64(bp)
    case .factor(let h): return Int64(h)
    }
  }
}
