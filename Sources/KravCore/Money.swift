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
