/// An amount of Norwegian kroner held as whole øre, so arithmetic is exact.
public struct Money: Hashable, Comparable, Sendable, Codable {
  /// The amount in øre (1/100 krone).
  public var ore: Int64

  /// Creates an amount from øre.
  public init(ore: Int64) { self.ore = ore }

  /// Creates an amount from whole kroner.
  public init(kroner: Int64) { self.ore = kroner * 100 }

  /// Zero kroner.
  public static let zero = Money(ore: 0)

  public static func < (a: Money, b: Money) -> Bool { a.ore < b.ore }
  public static func + (a: Money, b: Money) -> Money { Money(ore: a.ore + b.ore) }
  public static func - (a: Money, b: Money) -> Money { Money(ore: a.ore - b.ore) }
  public static func += (a: inout Money, b: Money) { a.ore += b.ore }
  public static func -= (a: inout Money, b: Money) { a.ore -= b.ore }
  public static prefix func - (a: Money) -> Money { Money(ore: -a.ore) }

  /// Whether the amount is above zero.
  public var isPositive: Bool { ore > 0 }

  /// The JSON form of the CLI contract: two decimals and a dot, e.g. `"1234.50"`.
  public var jsonString: String {
    let sign = ore < 0 ? "-" : ""
    let a = ore.magnitude
    let frac = a % 100
    return "\(sign)\(a / 100).\(frac < 10 ? "0" : "")\(frac)"
  }
}

/// The upper bound on amounts, and the checks every door into Krav makes with it.
///
/// Amounts are `Int64` øre, which overflow at about 92 233 720 368 547 758 kr. No invoice,
/// payment or plan Krav handles comes near the bound of 1 000 000 000,00 kr (10^11 øre); at
/// that bound more than 92 million amounts would have to be added before a sum overflowed, and
/// interest (amount × rate in hundredths of a percent × days) stays far below `Int64.max`.
/// Every door refuses a larger amount (CLI options, TUI forms, CSV and bank files), and the
/// fold rejects an event carrying one (`krav check` names its file and line), so a sum of
/// amounts in the ledger cannot overflow.
extension Money {
  /// The largest amount Krav accepts, in either sign: 1 000 000 000,00 kr.
  public static let maximumAmount = Money(ore: 100_000_000_000)

  /// Whether `ore` lies within ±`maximumAmount` (a cheap check the fold makes per amount).
  @inline(__always)
  public static func isWithinBound(ore: Int64) -> Bool {
    ore.magnitude <= UInt64(maximumAmount.ore)
  }

  /// Whether this amount lies within ±`maximumAmount`.
  public var isWithinBound: Bool { Money.isWithinBound(ore: ore) }

  /// Why typed or imported text is not an acceptable amount.
  public enum InputProblem: Error, Sendable, Equatable, CustomStringConvertible {
    /// Not money in any accepted form (the text is not repeated: it may hold anything).
    case notAnAmount
    /// Zero or negative where a positive amount is needed.
    case notPositive
    /// Above `Money.maximumAmount`.
    case tooLarge

    /// A short English explanation without the offending text.
    public var description: String {
      switch self {
      case .notAnAmount: return "expected an amount such as 1234.50 or 1 234,50"
      case .notPositive: return "must be more than 0"
      case .tooLarge:
        return "above the largest amount Krav accepts (\(Money.maximumAmount.jsonString))"
      }
    }
  }

  /// Parses a positive amount within the bound, saying what is wrong otherwise.
  public static func parsePositive(_ text: String) -> Result<Money, InputProblem> {
    guard let m = Money(parsingUnbounded: text) else { return .failure(.notAnAmount) }
    guard m.isWithinBound else { return .failure(.tooLarge) }
    guard m.isPositive else { return .failure(.notPositive) }
    return .success(m)
  }
}
