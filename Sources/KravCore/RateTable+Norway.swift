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
    // Older rows (issue 15, rates-research.md): primary sources where one was found.
    static let lovdata2010 = "https://lovdata.no/artikkel/ny_forsinkelsesrentesats/244"
    static let regjeringen2011 =
      "https://www.regjeringen.no/no/aktuelt/ny-forsinkelsesrente-fra-1-januar-2011/id626816/"
    static let regjeringen2013 =
      "https://www.regjeringen.no/no/aktuelt/ny-forsinkelsesrente/id731209/"
    static let regjeringen2014 =
      "https://www.regjeringen.no/no/dokumenter/forskrift-om-renter-ved-forsinket-betaling/"
    static let regjeringen2016 =
      "https://www.regjeringen.no/no/dokumenter/"
      + "forskrift-om-renter-ved-forsinket-betaling-og-kompensasjon-for-inndrivelseskostnader/"
      + "id2505910"
    static let lovdata2017 = "https://lovdata.no/forskrift/2016-12-15-1583"
    static let regjeringen2019 =
      "https://www.regjeringen.no/no/aktuelt/regelendringer-fra-1.-juli-2019/id2662209/"
    static let inkf2015 = "https://lovdata.no/forskrift/2015-12-15-1682"
    static let domstol2018 = "https://www.domstol.no/no/rettsgebyr/"
    static let prop34L = "https://www.regjeringen.no/no/dokumenter/prop.-34-l-20202021/id2790489/"
    static let innst105L =
      "https://www.stortinget.no/no/Saker-og-publikasjoner/Publikasjoner/Innstillinger/Stortinget/2018-2019/inns-201819-105l/"
    static let prop80L = "https://www.regjeringen.no/no/dokumenter/prop.-80-l-20232024/id3030683/"
    static let lovvedtak2019 =
      "https://www.stortinget.no/no/Saker-og-publikasjoner/Vedtak/Beslutninger/Lovvedtak/2018-2019/vedtak-201819-020/"
    static let nav = "https://github.com/navikt (rettsgebyr in NAV's open-source code)"
  }

  /// The table Krav ships with; "verify" rows of domain-norway.md have `isVerified == false`.
  public static let norway = RateTable(rows: lateInterestRows + feeRows + courtRows + b2bRows)

  private static func d(_ y: Int, _ m: Int, _ dd: Int) -> Day { Day(year: y, month: m, day: dd)! }
  private static func kr(_ ore: Int64) -> Value { .amount(Money(ore: ore)) }

  static let lateInterestRows: [Row] = {
    // Every half-year from 2010 (rates-research.md §1). Rows read only in secondary sources
    // but given "high" confidence there are shipped as verified; "medium" and lower are not.
    let rates: [(Day, Int, String, Bool)] = [
      (d(2010, 1, 1), 875, Source.interest, true),
      (d(2010, 7, 1), 900, Source.lovdata2010, true),
      (d(2011, 1, 1), 900, Source.regjeringen2011, true),
      (d(2011, 7, 1), 925, Source.interest, true),
      (d(2012, 1, 1), 875, Source.interest, true),
      (d(2012, 7, 1), 850, Source.interest, true),
      (d(2013, 1, 1), 850, Source.interest, true),
      (d(2013, 7, 1), 950, Source.regjeringen2013, true),
      (d(2014, 1, 1), 950, Source.regjeringen2014, true),
      (d(2014, 7, 1), 950, Source.interest, true),
      (d(2015, 1, 1), 925, Source.interest, true),
      (d(2015, 7, 1), 900, Source.interest, true),
      (d(2016, 1, 1), 875, Source.interest, true),
      (d(2016, 7, 1), 850, Source.regjeringen2016, true),
      (d(2017, 1, 1), 850, Source.lovdata2017, true),
      (d(2017, 7, 1), 850, Source.interest, true),
      (d(2018, 1, 1), 850, Source.interest, true),
      (d(2018, 7, 1), 850, Source.interest, true),
      (d(2019, 1, 1), 875, Source.interest, true),
      (d(2019, 7, 1), 925, Source.regjeringen2019, true),
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
    } + [
      // Not found in any source read; the half-year before is assumed until someone checks
      // (one secondary page gives 12.25 %: rates-research.md §1).
      Row(
        kind: .lateInterest, from: d(2026, 7, 1), value: .percent(basisPoints: 1200),
        source: Source.kred2026, isVerified: false,
        note: "not found; 2026-01-01 rate assumed (12,25 % in one secondary source)")
    ]
  }()

  static let feeRows: [Row] = [
    Row(
      kind: .inkassosats, from: d(2013, 1, 1), value: kr(630_00), source: Source.inkf,
      isVerified: false, note: "secondary sources only (rates-research.md §3)"),
    Row(kind: .inkassosats, from: d(2015, 1, 1), value: kr(650_00), source: Source.inkf),
    Row(kind: .inkassosats, from: d(2016, 1, 1), value: kr(670_00), source: Source.inkf2015),
    Row(kind: .inkassosats, from: d(2017, 1, 1), value: kr(700_00), source: Source.inkf),
    Row(kind: .inkassosats, from: d(2020, 1, 1), value: kr(700_00), source: Source.inkf),
    Row(
      kind: .reminderFeeLegacy, from: d(2013, 1, 1), value: kr(63_00), source: Source.inkf,
      isVerified: false, note: "1/10 of sats 630; secondary sources only"),
    Row(
      kind: .reminderFeeLegacy, from: d(2015, 1, 1), value: kr(65_00), source: Source.inkf,
      note: "1/10 of sats 650"),
    Row(
      kind: .reminderFeeLegacy, from: d(2016, 1, 1), value: kr(67_00), source: Source.inkf2015,
      note: "1/10 of sats 670"),
    Row(
      kind: .reminderFeeLegacy, from: d(2017, 1, 1), value: kr(70_00), source: Source.inkf,
      note: "1/10 of sats 700"),
    Row(
      kind: .betalingsoppfordringFeeLegacy, from: d(2013, 1, 1), value: kr(189_00),
      source: Source.inkf, isVerified: false, note: "3/10 of sats 630; secondary sources only"),
    Row(
      kind: .betalingsoppfordringFeeLegacy, from: d(2015, 1, 1), value: kr(195_00),
      source: Source.inkf, note: "3/10 of sats 650"),
    Row(
      kind: .betalingsoppfordringFeeLegacy, from: d(2016, 1, 1), value: kr(201_00),
      source: Source.inkf2015, note: "3/10 of sats 670"),
    Row(
      kind: .betalingsoppfordringFeeLegacy, from: d(2017, 1, 1), value: kr(210_00),
      source: Source.inkf, note: "3/10 of sats 700"),
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
    Row(kind: .rettsgebyr, from: d(2018, 1, 1), value: kr(1130_00), source: Source.domstol2018),
    Row(kind: .rettsgebyr, from: d(2019, 1, 1), value: kr(1150_00), source: Source.innst105L),
    Row(kind: .rettsgebyr, from: d(2020, 1, 1), value: kr(1172_00), source: Source.prop34L),
    Row(
      kind: .utleggFactor, from: d(2018, 1, 1), value: .factor(hundredths: 170),
      source: Source.prop34L, note: "1.7 R until the end of 2020"),
    Row(
      kind: .utleggFactor, from: d(2021, 1, 1), value: .factor(hundredths: 125),
      source: Source.prop34L),
    Row(
      kind: .forliksklageFactor, from: d(2019, 1, 1), value: .factor(hundredths: 115),
      source: Source.lovvedtak2019),
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

  /// From the start of § 3a (2013-07-01), every half-year (rates-research.md §2); a
  /// half-year no source gave carries the one before, marked "verify".
  static let b2bRows: [Row] = [
    Row(
      kind: .b2bCompensation, from: d(2013, 7, 1), value: kr(300_00), source: Source.regjeringen2013
    ),
    Row(
      kind: .b2bCompensation, from: d(2014, 1, 1), value: kr(320_00), source: Source.regjeringen2014
    ),
    Row(
      kind: .b2bCompensation, from: d(2014, 7, 1), value: kr(320_00), source: Source.b2b,
      isVerified: false, note: "not found; the half-year before assumed"),
    Row(
      kind: .b2bCompensation, from: d(2015, 1, 1), value: kr(320_00), source: Source.b2b,
      isVerified: false, note: "not found; the half-year before assumed"),
    Row(
      kind: .b2bCompensation, from: d(2015, 7, 1), value: kr(330_00), source: Source.b2b,
      isVerified: false, note: "secondary source only"),
    Row(
      kind: .b2bCompensation, from: d(2016, 1, 1), value: kr(330_00), source: Source.b2b,
      isVerified: false, note: "not found; the half-year before assumed"),
    Row(
      kind: .b2bCompensation, from: d(2016, 7, 1), value: kr(370_00), source: Source.regjeringen2016
    ),
    Row(kind: .b2bCompensation, from: d(2017, 1, 1), value: kr(360_00), source: Source.lovdata2017),
    Row(
      kind: .b2bCompensation, from: d(2017, 7, 1), value: kr(360_00), source: Source.b2b,
      isVerified: false, note: "not found; the half-year before assumed"),
    Row(
      kind: .b2bCompensation, from: d(2018, 1, 1), value: kr(380_00), source: Source.b2b,
      isVerified: false, note: "secondary source only"),
    Row(
      kind: .b2bCompensation, from: d(2018, 7, 1), value: kr(380_00), source: Source.b2b,
      isVerified: false, note: "secondary source only"),
    Row(
      kind: .b2bCompensation, from: d(2019, 1, 1), value: kr(380_00), source: Source.b2b,
      isVerified: false, note: "secondary source only"),
    Row(
      kind: .b2bCompensation, from: d(2019, 7, 1), value: kr(390_00), source: Source.regjeringen2019
    ),
    Row(
      kind: .b2bCompensation, from: d(2020, 1, 1), value: kr(400_00), source: Source.b2b,
      isVerified: false, note: "secondary source only"),
    Row(
      kind: .b2bCompensation, from: d(2020, 7, 1), value: kr(430_00), source: Source.b2b,
      isVerified: false, note: "secondary source only"),
    Row(
      kind: .b2bCompensation, from: d(2021, 1, 1), value: kr(400_00), source: Source.b2b,
      isVerified: false, note: "secondary source only"),
    Row(
      kind: .b2bCompensation, from: d(2021, 7, 1), value: kr(400_00), source: Source.b2b,
      isVerified: false, note: "secondary source only"),
    Row(
      kind: .b2bCompensation, from: d(2022, 1, 1), value: kr(390_00), source: Source.b2b,
      isVerified: false, note: "secondary source only"),
    Row(
      kind: .b2bCompensation, from: d(2022, 7, 1), value: kr(400_00), source: Source.b2b,
      isVerified: false, note: "secondary source only"),
    Row(kind: .b2bCompensation, from: d(2023, 1, 1), value: kr(410_00), source: Source.b2b),
    Row(
      kind: .b2bCompensation, from: d(2023, 7, 1), value: kr(460_00), source: Source.b2b,
      isVerified: false, note: "not found in rates-research.md; 460 assumed"),
    Row(kind: .b2bCompensation, from: d(2024, 1, 1), value: kr(470_00), source: Source.b2b2024),
    Row(
      kind: .b2bCompensation, from: d(2024, 7, 1), value: kr(470_00), source: Source.b2b,
      isVerified: false, note: "470 assumed"),
    Row(kind: .b2bCompensation, from: d(2025, 1, 1), value: kr(470_00), source: Source.b2b),
    Row(
      kind: .b2bCompensation, from: d(2025, 7, 1), value: kr(470_00), source: Source.b2b,
      isVerified: false, note: "470 assumed"),
    Row(kind: .b2bCompensation, from: d(2026, 1, 1), value: kr(460_00), source: Source.kred2026),
    Row(
      kind: .b2bCompensation, from: d(2026, 7, 1), value: kr(460_00), source: Source.kred2026,
      isVerified: false, note: "not found; the half-year before assumed"),
  ]
}
