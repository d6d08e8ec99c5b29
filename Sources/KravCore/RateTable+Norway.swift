/// The Norwegian values from domain-norway.md §2–§3, one row per line of its tables.
extension RateTable {
  /// Source URLs, named once so every row points at the page it came from.
  enum Source {
    static let interest = "https://www.forsinkelsesrente.net/satsene-pa-forsinkelsesrente.html"
    static let interest2023 =
      "https://www.regnskapnorge.no/faget/artikler/forretningsjus/"
      + "forsinkelsesrenten-oker-til-1075-prosent-fra-1.-januar-2023/"
    static let interest2025 = "https://lovdata.no/forskrift/2024-12-19-3279"
    static let inkf = "https://juridika.no/forskrift/1989-07-14-562"
    static let split2020 =
      "https://sergel.no/endringer-i-purregebyr-og-inkassosalaer-fra-1-oktober-2020/"
    static let kred2025 = "https://www.kred.no/artikler/nyheter/nye-satser-fra-1-januar-2025"
    static let kred2026 =
      "https://www.kred.no/uncategorized/"
      + "forsinkelsesrente-og-standardkompensasjon-for-inndrivelseskostnader-fra-1-januar-2026"
    static let court = "https://www.forliksraadet.no/aktuelt/endringslov-til-rettsgebyrloven"
    static let b2b2024 =
      "https://www.regjeringen.no/no/aktuelt/"
      + "forsinkelsesrente-og-standardkompensasjon-fra-1.-januar-2024/id3019071/"
    static let b2b = "https://kontohjelp.no/kontering/purring-og-inkasso/standardkompensasjon"
  }

  /// The table Krav ships with; "verify" rows of domain-norway.md have `isVerified == false`.
  public static let norway = RateTable(rows: lateInterestRows + feeRows + courtRows + b2bRows)

  private static func d(_ y: Int, _ m: Int, _ dd: Int) -> Day { Day(year: y, month: m, day: dd)! }
  private static func kr(_ ore: Int64) -> Value { .amount(Money(ore: ore)) }

  static let lateInterestRows: [Row] = {
    let rates: [(Day, Int, String, Bool)] = [
      (d(2020, 1, 1), 950, Source.interest, true),
      (d(2020, 7, 1), 800, Source.interest, true),
      (d(2021, 1, 1), 800, Source.interest, true),
      (d(2021, 7, 1), 800, Source.interest, true),
      (d(2022, 1, 1), 850, Source.interest, true),
      (d(2022, 7, 1), 925, Source.interest, true),
      (d(2023, 1, 1), 1075, Source.interest2023, true),
      (d(2023, 7, 1), 1175, Source.interest, true),
      (d(2024, 1, 1), 1250, Source.interest, true),
      (d(2024, 7, 1), 1250, Source.interest, false),
      (d(2025, 1, 1), 1250, Source.interest2025, true),
      (d(2025, 7, 1), 1225, Source.interest, false),
      (d(2026, 1, 1), 1200, Source.kred2026, true),
    ]
    return rates.map { from, bp, source, verified in
      Row(
        kind: .lateInterest, from: from, value: .percent(basisPoints: bp), source: source,
        isVerified: verified, note: verified ? "" : "inferred, check the official rate")
    }
  }()

  static let feeRows: [Row] = [
    Row(kind: .inkassosats, from: d(2020, 1, 1), value: kr(700_00), source: Source.inkf),
    Row(kind: .inkassosats, from: d(2025, 1, 1), value: kr(700_00), source: Source.kred2025),
    Row(kind: .inkassosats, from: d(2026, 1, 1), value: kr(750_00), source: Source.kred2026),
    Row(
      kind: .reminderFeeLegacy, from: d(2020, 1, 1), value: kr(70_00), source: Source.split2020,
      note: "1/10 of the sats; claims due on or before 2020-09-30"),
    Row(
      kind: .reminderFeeLegacy, from: d(2026, 1, 1), value: kr(75_00), source: Source.kred2026,
      isVerified: false, note: "1/10 of sats 750, derived"),
    Row(
      kind: .betalingsoppfordringFeeLegacy, from: d(2020, 1, 1), value: kr(210_00),
      source: Source.split2020, note: "3/10 of the sats; claims due on or before 2020-09-30"),
    Row(
      kind: .betalingsoppfordringFeeLegacy, from: d(2026, 1, 1), value: kr(225_00),
      source: Source.kred2026, isVerified: false, note: "3/10 of sats 750, derived"),
    Row(
      kind: .reminderFee, from: d(2020, 10, 1), value: kr(35_00), source: Source.split2020,
      note: "1/20 of the sats; claims due from 2020-10-01"),
    Row(kind: .reminderFee, from: d(2025, 1, 1), value: kr(35_00), source: Source.kred2025),
    Row(
      kind: .reminderFee, from: d(2026, 1, 1), value: kr(37_50), source: Source.kred2026,
      isVerified: false, note: "1/20 of sats 750, derived"),
    Row(
      kind: .betalingsoppfordringFee, from: d(2020, 10, 1), value: kr(105_00),
      source: Source.split2020, note: "3/20 of the sats; claims due from 2020-10-01"),
    Row(
      kind: .betalingsoppfordringFee, from: d(2025, 1, 1), value: kr(105_00),
      source: Source.kred2025),
    Row(
      kind: .betalingsoppfordringFee, from: d(2026, 1, 1), value: kr(112_50),
      source: Source.kred2026, isVerified: false, note: "3/20 of sats 750, derived"),
  ]

  static let courtRows: [Row] = [
    Row(kind: .rettsgebyr, from: d(2020, 1, 1), value: kr(1172_00), source: Source.split2020),
    Row(kind: .rettsgebyr, from: d(2021, 1, 1), value: kr(1199_00), source: Source.court),
    Row(kind: .rettsgebyr, from: d(2022, 1, 1), value: kr(1223_00), source: Source.court),
    Row(
      kind: .rettsgebyr, from: d(2023, 1, 1), value: kr(1243_00), source: Source.court,
      isVerified: false, note: "not in the sources read; value from memory, check it"),
    Row(kind: .rettsgebyr, from: d(2024, 1, 1), value: kr(1277_00), source: Source.court),
    Row(kind: .rettsgebyr, from: d(2025, 1, 1), value: kr(1314_00), source: Source.kred2025),
    Row(
      kind: .rettsgebyr, from: d(2026, 1, 1), value: kr(1314_00), source: Source.kred2026,
      isVerified: false, note: "2026 value not found; 2025 value assumed"),
    Row(
      kind: .utleggFactor, from: d(2022, 1, 1), value: .factor(hundredths: 121),
      source: Source.court),
    Row(
      kind: .forliksklageFactor, from: d(2022, 1, 1), value: .factor(hundredths: 110),
      source: Source.court),
    Row(
      kind: .forliksklageFactor, from: d(2024, 7, 1), value: .factor(hundredths: 154),
      source: Source.court, isVerified: false, note: "proposed rise; adoption not confirmed"),
  ]

  static let b2bRows: [Row] = [
    Row(kind: .b2bCompensation, from: d(2023, 1, 1), value: kr(410_00), source: Source.b2b),
    Row(kind: .b2bCompensation, from: d(2023, 7, 1), value: kr(460_00), source: Source.b2b),
    Row(kind: .b2bCompensation, from: d(2024, 1, 1), value: kr(470_00), source: Source.b2b2024),
    Row(
      kind: .b2bCompensation, from: d(2024, 7, 1), value: kr(470_00), source: Source.b2b,
      isVerified: false, note: "470 assumed"),
    Row(kind: .b2bCompensation, from: d(2025, 1, 1), value: kr(470_00), source: Source.b2b),
    Row(
      kind: .b2bCompensation, from: d(2025, 7, 1), value: kr(470_00), source: Source.b2b,
      isVerified: false, note: "470 assumed"),
    Row(kind: .b2bCompensation, from: d(2026, 1, 1), value: kr(460_00), source: Source.kred2026),
  ]
}
