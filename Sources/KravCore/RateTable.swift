/// Every rate and amount Krav uses, as dated rows with their sources (domain-norway.md §2–§3).
///
/// A row holds from its `from` day until the next row of the same kind. Rows whose value was
/// inferred rather than read in a primary source have `isVerified == false`; they are used, but
/// `krav rates` shows them as unverified so the user can check and correct them.
public struct RateTable: Sendable, Hashable {
  /// What a row gives the value of.
  public enum Kind: String, Sendable, CaseIterable, Hashable {
    /// Forsinkelsesrente per year (frl. § 3), set per half-year.
    case lateInterest = "late-interest"
    /// The inkassosats (inkf. § 1-2), the unit of all collection fees.
    case inkassosats
    /// Fee for a reminder or an inkassovarsel (1/20 sats) on claims due from 2020-10-01.
    case reminderFee = "reminder-fee"
    /// Fee for the creditor's own betalingsoppfordring (3/20 sats), claims due from 2020-10-01.
    case betalingsoppfordringFee = "betalingsoppfordring-fee"
    /// Fee for a reminder or inkassovarsel (1/10 sats) on claims due before 2020-10-01.
    case reminderFeeLegacy = "reminder-fee-due-before-2020-10"
    /// Fee for an own betalingsoppfordring (3/10 sats) on claims due before 2020-10-01.
    case betalingsoppfordringFeeLegacy = "betalingsoppfordring-fee-due-before-2020-10"
    /// The rettsgebyr R (rettsgebyrloven), the unit of court fees.
    case rettsgebyr
    /// The court fee for an utleggsbegjæring, as a multiple of R.
    case utleggFactor = "utlegg-factor"
    /// The court fee for a forliksklage, as a multiple of R.
    case forliksklageFactor = "forliksklage-factor"
    /// B2B standard compensation (frl. § 3a), EUR 40 in NOK, business debtors only.
    case b2bCompensation = "b2b-compensation"

    /// A short name for `krav rates` and the rates screen.
    public func label(_ lang: Language) -> String {
      switch (self, lang) {
      case (.lateInterest, .nb): return "Forsinkelsesrente"
      case (.lateInterest, .en): return "Late-payment interest"
      case (.inkassosats, _): return "Inkassosats"
      case (.reminderFee, .nb): return "Purregebyr / inkassovarsel"
      case (.reminderFee, .en): return "Reminder / inkassovarsel fee"
      case (.betalingsoppfordringFee, .nb): return "Betalingsoppfordring (eget krav)"
      case (.betalingsoppfordringFee, .en): return "Own betalingsoppfordring fee"
      case (.reminderFeeLegacy, .nb): return "Purregebyr, forfall før 1.10.2020"
      case (.reminderFeeLegacy, .en): return "Reminder fee, due before 2020-10-01"
      case (.betalingsoppfordringFeeLegacy, .nb):
        return "Betalingsoppfordring, forfall før 1.10.2020"
      case (.betalingsoppfordringFeeLegacy, .en):
        return "Betalingsoppfordring, due before 2020-10-01"
      case (.rettsgebyr, _): return "Rettsgebyr (R)"
      case (.utleggFactor, .nb): return "Utleggsbegjæring"
      case (.utleggFactor, .en): return "Enforcement petition (utlegg)"
      case (.forliksklageFactor, .nb): return "Forliksklage"
      case (.forliksklageFactor, .en): return "Conciliation board claim (forliksklage)"
      case (.b2bCompensation, .nb): return "Standardkompensasjon (B2B)"
      case (.b2bCompensation, .en): return "B2B standard compensation"
      }
    }
  }

  /// The value of a row.
  public enum Value: Sendable, Hashable {
    /// A yearly rate in basis points (12.25 % = 1225).
    case percent(basisPoints: Int)
    /// An amount of money.
    case amount(Money)
    /// A multiplier in hundredths (1.21 = 121).
    case factor(hundredths: Int)

    /// The value as shown in `krav rates`: `12,25 %` / `35,00 kr` / `1,21 R` in nb.
    public func text(_ lang: Language) -> String {
      let mark = lang == .nb ? "," : "."
      func hundredths(_ v: Int) -> String {
        let frac = v % 100
        return "\(v / 100)\(mark)\(frac < 10 ? "0" : "")\(frac)"
      }
      switch self {
      case .percent(let bp): return hundredths(bp) + " %"
      case .amount(let m): return m.formatted(lang)
      case .factor(let h): return hundredths(h) + " R"
      }
    }
  }

  /// One dated value with where it comes from.
  public struct Row: Sendable, Hashable {
    /// What the value is.
    public var kind: Kind
    /// First day the value applies.
    public var from: Day
    /// The rate or amount.
    public var value: Value
    /// URL of the public source the value was read from.
    public var source: String
    /// False when the value was inferred and must be checked (a "verify" row).
    public var isVerified: Bool
    /// Why a value is unverified or how it applies; empty when nothing needs saying.
    public var note: String

    /// Creates a row.
    public init(
      kind: Kind, from: Day, value: Value, source: String, isVerified: Bool = true,
      note: String = ""
    ) {
      self.kind = kind
      self.from = from
      self.value = value
      self.source = source
      self.isVerified = isVerified
      self.note = note
    }
  }

  /// All rows, sorted by kind order then `from`.
  public let rows: [Row]

  /// The late-interest rows as (first day, basis points), oldest first: interest is computed
  /// for every claim on every screen, so it must not walk and copy the whole table each time.
  let lateInterestPoints: [RatePoint]

  /// Creates a table from rows in any order.
  public init(rows: [Row]) {
    let order = Dictionary(uniqueKeysWithValues: Kind.allCases.enumerated().map { ($1, $0) })
    self.rows = rows.sorted { (order[$0.kind]!, $0.from) < (order[$1.kind]!, $1.from) }
    lateInterestPoints = self.rows.compactMap { row in
      guard row.kind == .lateInterest, case .percent(let bp) = row.value else { return nil }
      return RatePoint(from: row.from, basisPoints: bp)
    }
  }

  /// The row of `kind` in force on `day`, nil before the first row of that kind.
  public func row(_ kind: Kind, on day: Day) -> Row? {
    rows.last { $0.kind == kind && $0.from <= day }
  }

  /// Every kind's row in force on `day`: what `krav rates` shows as "now".
  public func inForce(on day: Day) -> [Row] {
    Kind.allCases.compactMap { row($0, on: day) }
  }

  /// The late-interest rate in basis points on `day`, nil before the table starts.
  public func lateInterestBasisPoints(on day: Day) -> Int? {
    lateInterestPoints.last { $0.from <= day }?.basisPoints
  }

  /// An amount-valued kind (fees, R, sats, compensation) on `day`.
  public func amount(_ kind: Kind, on day: Day) -> Money? {
    if case .amount(let m)? = row(kind, on: day)?.value { return m }
    return nil
  }

  /// A factor-valued kind (court fee multipliers) in hundredths on `day`.
  public func factor(_ kind: Kind, on day: Day) -> Int? {
    if case .factor(let h)? = row(kind, on: day)?.value { return h }
    return nil
  }

  /// Days in `range` on which a new row of `kind` starts.
  public func changeDays(of kind: Kind, in range: ClosedRange<Day>) -> [Day] {
    if kind == .lateInterest {
      return lateInterestPoints.lazy.map(\.from).filter { range.contains($0) }
    }
    return rows.filter { $0.kind == kind && range.contains($0.from) }.map(\.from)
  }
}

/// A rate that starts on a day.
struct RatePoint: Hashable, Sendable {
  var from: Day
  var basisPoints: Int
}
