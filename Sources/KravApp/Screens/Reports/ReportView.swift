import KravCore
import TerminalUI

/// The six reports of issue 21.
public enum ReportKind: String, CaseIterable, Sendable, Hashable {
  case ageing, collected, promises, funnel, dso, collectors

  /// The report's title.
  public func title(_ t: Catalogue) -> String {
    switch self {
    case .ageing: return t.report(.ageing)
    case .collected: return t.report(.collected)
    case .promises: return t.report(.promises)
    case .funnel: return t.report(.funnel)
    case .dso: return t.report(.dso)
    case .collectors: return t.report(.collectors)
    }
  }
}

/// What a bar stands for, to drill down to: claims or customers by position.
public enum ReportTargets: Hashable, Sendable {
  case claims([Int32])
  case customers([Int32])
  case none
}

/// One report ready to show: a bar chart, a table under it and notes, in the interface
/// language. The TUI, `krav report` (text) and the PDF all draw this.
public struct ReportView: Sendable {
  public var kind: ReportKind
  public var title: String
  /// The range and grouping, e.g. "01.11.2026 – 30.11.2026, per uke".
  public var subtitle: String
  public var bars: [Bar]
  /// What each bar stands for, aligned with `bars`.
  public var targets: [ReportTargets]
  public var columns: [String]
  /// How much each column matters on a narrow screen (0 = most; `ColumnLayout`): when the
  /// table does not fit, the highest numbers give way first. Empty: left to right.
  public var priorities: [Int] = []
  public var rows: [[String]]
  /// Lines under the table (breakdowns that do not fit it).
  public var notes: [String]
}

/// Builds `ReportView`s from a ledger (pure: the same inputs give the same view).
public enum ReportViews {
  /// The view of `kind` over `periods` on `today`.
  ///
  /// `ageing` and `dso`, when given, are those reports already computed (the TUI keeps them:
  /// ageing does not depend on the period, and a DSO over a long range is sliced to the
  /// months of `periods`).
  public static func view(
    _ kind: ReportKind, ledger: Ledger, facts: ReportFacts, periods: ReportPeriods, today: Day,
    _ t: Catalogue, ageing: AgeingReport? = nil, dso: DSOReport? = nil
  ) -> ReportView {
    let grouping: String
    switch periods.grouping {
    case .day: grouping = t.report(.byDay)
    case .week: grouping = t.report(.byWeek)
    case .month: grouping = t.report(.byMonth)
    }
    var v = ReportView(
      kind: kind, title: kind.title(t),
      subtitle: "\(t.day(periods.from)) – \(t.day(periods.to)), \(grouping)", bars: [],
      targets: [], columns: [], rows: [], notes: [])
    switch kind {
    case .ageing:
      Self.ageing(ageing ?? ledger.ageingReport(today: today), today: today, t, into: &v)
    case .collected:
      collected(ledger.collectedReport(periods: periods, facts: facts), t, into: &v)
    case .promises:
      promises(ledger.promisesReport(periods: periods, today: today, facts: facts), t, into: &v)
    case .funnel:
      funnel(ledger.funnelReport(periods: periods, today: today, facts: facts), t, into: &v)
    case .dso:
      let r =
        dso.flatMap { slice($0, periods) }
        ?? ledger.dsoReport(from: periods.from, to: periods.to, facts: facts)
      v.subtitle = "\(t.day(r.periods.from)) – \(t.day(r.periods.to)), \(t.report(.byMonth))"
      Self.dso(r, t, into: &v)
    case .collectors:
      collectors(ledger.collectorsReport(periods: periods, facts: facts), t, into: &v)
    }
    return v
  }

  /// The months of `long` that `periods` covers, or nil when `long` does not hold them all
  /// (its months must start on the 1st of `periods.from`'s month and reach `periods.to`).
  public static func slice(_ long: DSOReport, _ periods: ReportPeriods) -> DSOReport? {
    let first = ReportGrouping.month.start(of: periods.from)
    guard let i = long.rows.firstIndex(where: { $0.period.from == first }),
      let j = long.rows.firstIndex(where: { $0.period.contains(periods.to) }),
      long.rows[j].period.to == periods.to, i <= j
    else { return nil }
    let rows = Array(long.rows[i...j])
    return DSOReport(
      periods: ReportPeriods(from: first, to: periods.to, grouping: .month), rows: rows)
  }

  /// A period's label: the day, the week's Monday ("uke 47 2026"), or the month ("11.2026").
  public static func label(_ p: ReportPeriod, _ g: ReportGrouping, _ t: Catalogue) -> String {
    switch g {
    case .day: return t.day(p.from)
    case .week:
      let monday = ReportGrouping.week.start(of: p.from)
      return (t.lang == .nb ? "uke " : "week ")
        + "\(isoWeek(monday)) \(monday.adding(days: 3).year)"
    case .month:
      let m = p.from.month
      return "\(m < 10 ? "0" : "")\(m).\(p.from.year)"
    }
  }

  /// The ISO week number of the week starting on `monday`.
  static func isoWeek(_ monday: Day) -> Int {
    let thursday = monday.adding(days: 3)
    let jan1 = Day(year: thursday.year, month: 1, day: 1)!
    return jan1.days(to: thursday) / 7 + 1
  }

  /// A share as "67 %" ("–" when there is none).
  public static func percent(_ x: Double?) -> String {
    guard let x else { return "–" }
    return "\(Int((x * 100).rounded())) %"
  }

  static func money(_ m: Money) -> Double { Double(m.ore) / 100 }

  static func ageing(_ r: AgeingReport, today: Day, _ t: Catalogue, into v: inout ReportView) {
    v.subtitle = t.day(today)
    func label(_ b: AgeingReport.Bucket) -> String {
      if b.fromDays == nil { return t.report(.notDue) }
      if b.toDays == nil { return t.report(.over365) }
      return "\(b.fromDays!)–\(b.toDays!) \(t.report(.days))"
    }
    let oldest = AgeingReport.bounds.count - 1
    for (i, b) in r.buckets.enumerated() {
      v.bars.append(
        Bar(
          label(b), value: money(b.amount), valueText: t.money(b.amount),
          style: i == oldest ? Style(fg: .red) : nil))
      v.targets.append(.claims(r.claimsInBucket[i]))
    }
    v.columns = [
      t.report(.period), t.report(.amount), t.report(.claims), t.report(.consumers),
      t.report(.businesses),
    ]
    for (i, b) in r.buckets.enumerated() {
      v.rows.append([
        label(b), t.money(b.amount), "\(b.claims)",
        t.money(r.byKind[.consumer]?[i].amount ?? .zero),
        t.money(r.byKind[.business]?[i].amount ?? .zero),
      ])
    }
    v.rows.append([
      t.report(.total), t.money(r.total), "\(r.buckets.reduce(0) { $0 + $1.claims })", "", "",
    ])
    for s in Step.allCases {
      guard let buckets = r.byStep[s] else { continue }
      let cells = buckets.map { t.money($0.amount) }.joined(separator: " | ")
      v.notes.append("\(t.step(s)): \(cells)")
    }
  }

  static func collected(_ r: CollectedReport, _ t: Catalogue, into v: inout ReportView) {
    for (i, row) in r.rows.enumerated() {
      v.bars.append(
        Bar(
          label(row.period, r.periods.grouping, t), value: money(row.total),
          valueText: t.money(row.total)))
      v.targets.append(.claims(r.claimsInPeriod[i]))
    }
    v.columns = [
      t.report(.period), t.report(.principal), t.report(.interest), t.report(.fees),
      t.report(.compensation), t.report(.total),
    ]
    // The total before the parts it sums.
    v.priorities = [0, 2, 3, 4, 5, 1]
    for row in r.rows {
      v.rows.append([
        label(row.period, r.periods.grouping, t), t.money(row.principal), t.money(row.interest),
        t.money(row.fees), t.money(row.compensation), t.money(row.total),
      ])
    }
    let sum = r.rows.reduce(into: CollectedReport.Row(period: r.periods.periods.first!)) {
      $0.principal += $1.principal
      $0.interest += $1.interest
      $0.fees += $1.fees
      $0.compensation += $1.compensation
      $0.overpaid += $1.overpaid
      for k in $0.bySource.indices { $0.bySource[k] += $1.bySource[k] }
    }
    v.rows.append([
      t.report(.total), t.money(sum.principal), t.money(sum.interest), t.money(sum.fees),
      t.money(sum.compensation), t.money(r.total),
    ])
    if sum.overpaid.isPositive {
      v.notes.append("\(t.report(.overpaid)): \(t.money(sum.overpaid))")
    }
    v.notes.append("\(t.report(.bySource)):")
    for (k, s) in PaymentSource.allCases.enumerated() {
      v.notes.append("  \(sourceLabel(s, t)): \(t.money(sum.bySource[k]))")
    }
  }

  /// The label of a payment source.
  public static func sourceLabel(_ s: PaymentSource, _ t: Catalogue) -> String {
    switch s {
    case .plan: return t.report(.srcPlan)
    case .call: return t.report(.srcCall)
    case .laterStep: return t.report(.srcLaterStep)
    case .inkassovarsel: return t.report(.srcInkassovarsel)
    case .reminder: return t.report(.srcReminder)
    case .invoice: return t.report(.srcInvoice)
    }
  }

  static func promises(_ r: PromisesReport, _ t: Catalogue, into v: inout ReportView) {
    for (i, row) in r.rows.enumerated() {
      v.bars.append(
        Bar(
          label(row.period, r.periods.grouping, t), value: Double(row.counts.made),
          valueText: "\(row.counts.made) (\(percent(row.counts.keptShare)))"))
      v.targets.append(.customers(r.customersInPeriod[i]))
    }
    v.columns = [
      t.report(.period), t.report(.made), t.report(.kept), t.report(.partlyKept),
      t.report(.broken), t.report(.pending), t.report(.superseded), t.report(.promised),
      t.report(.paid), t.report(.keptShare),
    ]
    // The share kept, then made, kept, broken, promised and paid before the finer counts.
    v.priorities = [0, 2, 3, 7, 4, 8, 9, 5, 6, 1]
    func cells(_ first: String, _ c: PromisesReport.Counts) -> [String] {
      [
        first, "\(c.made)", "\(c.kept)", "\(c.partlyKept)", "\(c.broken)", "\(c.pending)",
        "\(c.superseded)", t.money(c.promised), t.money(c.paid), percent(c.keptShare),
      ]
    }
    for row in r.rows { v.rows.append(cells(label(row.period, r.periods.grouping, t), row.counts)) }
    v.rows.append(cells(t.report(.total), r.total))
    for c in r.collectors {
      v.notes.append(
        "\(c.collector.isEmpty ? t.report(.nobody) : c.collector): \(c.counts.made) "
          + "\(t.report(.made).lowercased()), \(c.counts.kept) \(t.report(.kept).lowercased()), "
          + "\(c.counts.partlyKept) \(t.report(.partlyKept).lowercased()), "
          + "\(c.counts.broken) \(t.report(.broken).lowercased()); "
          + "\(t.money(c.counts.promised)) / \(t.money(c.counts.paid))")
    }
  }

  static func funnel(_ r: FunnelReport, _ t: Catalogue, into v: inout ReportView) {
    let totals = r.totals
    for (i, s) in totals.enumerated() where s.reached > 0 || i < 3 {
      v.bars.append(
        Bar(
          t.step(s.step), value: Double(s.reached),
          valueText: "\(s.reached) · \(percent(s.share14)) / \(percent(s.share30))"))
      var claims: [Int32] = []
      for row in r.rows where row.steps[i].reached > 0 { claims += row.claims }
      v.targets.append(.claims(stepClaims(r, step: s.step, in: claims)))
    }
    v.columns = [
      t.report(.period), t.report(.step), t.report(.reached), t.report(.paid14),
      t.report(.paid30),
    ]
    for row in r.rows {
      for s in row.steps where s.reached > 0 {
        v.rows.append([
          label(row.period, r.periods.grouping, t), t.step(s.step), "\(s.reached)",
          "\(s.paid14)/\(s.matured14) \(percent(s.share14))",
          "\(s.paid30)/\(s.matured30) \(percent(s.share30))",
        ])
      }
    }
    let opened = r.rows.reduce(0) { $0 + $1.disputesOpened }
    var resolved: [String: Int] = [:]
    for row in r.rows { resolved.merge(row.disputesResolved, uniquingKeysWith: +) }
    v.notes.append("\(t.report(.disputesOpened)): \(opened)")
    v.notes.append(
      "\(t.report(.disputesResolved)): \(resolved.values.reduce(0, +))"
        + (resolved.isEmpty
          ? ""
          : " ("
            + resolved.keys.sorted().map { "\($0) \(resolved[$0]!)" }.joined(
              separator: ", ") + ")"))
  }

  /// The claims of `claims` (a funnel row's) that reached `step`: kept as all of them, the
  /// drill-down lists the claims that moved in those periods.
  static func stepClaims(_ r: FunnelReport, step: Step, in claims: [Int32]) -> [Int32] {
    var seen = Set<Int32>()
    return claims.filter { seen.insert($0).inserted }
  }

  static func dso(_ r: DSOReport, _ t: Catalogue, into v: inout ReportView) {
    for row in r.rows {
      let d = row.dso
      v.bars.append(
        Bar(
          label(row.period, .month, t), value: d ?? 0,
          valueText: d.map { "\(Int($0.rounded())) \(t.report(.days))" } ?? "–"))
      v.targets.append(.none)
    }
    v.columns = [
      t.report(.month), t.report(.sales), t.report(.receivablesStart),
      t.report(.receivablesEnd), t.report(.currentEnd), t.report(.dsoDays), t.report(.cei),
    ]
    // DSO and CEI, the figures this report is for, before what they are computed from.
    v.priorities = [0, 4, 5, 3, 6, 1, 2]
    for row in r.rows {
      v.rows.append([
        label(row.period, .month, t), t.money(row.sales), t.money(row.receivablesStart),
        t.money(row.receivablesEnd), t.money(row.currentEnd),
        row.dso.map { String(Int($0.rounded())) } ?? "–",
        row.cei.map { "\(Int($0.rounded()))" } ?? "–",
      ])
    }
  }

  static func collectors(_ r: CollectorsReport, _ t: Catalogue, into v: inout ReportView) {
    for row in r.rows {
      let total = row.total
      v.bars.append(
        Bar(
          row.collector.isEmpty ? t.report(.nobody) : row.collector, value: money(total.paid),
          valueText: t.money(total.paid)))
      v.targets.append(.none)
    }
    v.columns = [
      t.report(.collector), t.report(.calls), t.report(.reachedShare), t.report(.promises),
      t.report(.plansSigned), t.report(.steps), t.report(.paid),
    ]
    for row in r.rows {
      let f = row.total
      v.rows.append([
        row.collector.isEmpty ? t.report(.nobody) : row.collector, "\(f.calls)",
        percent(f.reachedShare), "\(f.promises)", "\(f.plansSigned)", "\(f.steps)",
        t.money(f.paid),
      ])
    }
  }
}
