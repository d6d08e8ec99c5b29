import Foundation
import KravApp
import KravCore

/// A report's machine forms: the `--json` object and the `--csv` rows (Docs/reports.md).
struct ReportData {
  var json: [String: Any]
  var csvHeader: [String]
  var csvRows: [[String]]

  /// A ratio as a string with four decimals ("0.6667"), or null.
  static func ratio(_ x: Double?) -> Any { x.map { String(format: "%.4f", $0) } ?? NSNull() }
  /// A figure as a string with one decimal ("31.2"), or null.
  static func decimal(_ x: Double?) -> Any { x.map { String(format: "%.1f", $0) } ?? NSNull() }
  static func text(_ v: Any) -> String {
    if let s = v as? String { return s }
    if v is NSNull { return "" }
    return "\(v)"
  }

  static func build(
    _ kind: ReportKind, ledger: Ledger, facts: ReportFacts, periods: ReportPeriods, today: Day
  ) -> ReportData {
    let range: [String: Any] = [
      "from": periods.from.iso, "to": periods.to.iso, "by": periods.grouping.rawValue,
      "today": today.iso,
    ]
    switch kind {
    case .ageing: return ageing(ledger.ageingReport(today: today))
    case .collected:
      return collected(ledger.collectedReport(periods: periods, facts: facts), range)
    case .promises:
      return promises(ledger.promisesReport(periods: periods, today: today, facts: facts), range)
    case .funnel:
      return funnel(ledger.funnelReport(periods: periods, today: today, facts: facts), range)
    case .dso: return dso(ledger.dsoReport(from: periods.from, to: periods.to, facts: facts))
    case .collectors:
      return collectors(ledger.collectorsReport(periods: periods, facts: facts), range)
    }
  }

  static func bucketJSON(_ b: AgeingReport.Bucket) -> [String: Any] {
    [
      "label": b.label, "from_days": b.fromDays ?? NSNull(), "to_days": b.toDays ?? NSNull(),
      "amount": b.amount.jsonString, "claims": b.claims,
    ]
  }

  static func ageing(_ r: AgeingReport) -> ReportData {
    var byStep: [String: Any] = [:]
    for (s, buckets) in r.byStep { byStep[s.rawValue] = buckets.map(bucketJSON) }
    let json: [String: Any] = [
      "total": r.total.jsonString, "today": r.today.iso, "buckets": r.buckets.map(bucketJSON),
      "by_kind": [
        "consumer": (r.byKind[.consumer] ?? []).map(bucketJSON),
        "business": (r.byKind[.business] ?? []).map(bucketJSON),
      ] as [String: Any],
      "by_step": byStep,
    ]
    let rows = r.buckets.enumerated().map { i, b -> [String] in
      [
        b.label, b.fromDays.map(String.init) ?? "", b.toDays.map(String.init) ?? "",
        b.amount.jsonString, "\(b.claims)",
        (r.byKind[.consumer]?[i].amount ?? .zero).jsonString,
        (r.byKind[.business]?[i].amount ?? .zero).jsonString,
      ]
    }
    return ReportData(
      json: json,
      csvHeader: ["label", "from_days", "to_days", "amount", "claims", "consumer", "business"],
      csvRows: rows)
  }

  static func sourcesJSON(_ amounts: [Money]) -> [String: Any] {
    var o: [String: Any] = [:]
    for (k, s) in PaymentSource.allCases.enumerated() { o[s.rawValue] = amounts[k].jsonString }
    return o
  }

  static func collected(_ r: CollectedReport, _ range: [String: Any]) -> ReportData {
    var json = range
    var sources = [Money](repeating: .zero, count: PaymentSource.allCases.count)
    var rows: [[String]] = []
    json["periods"] = r.rows.map { row -> [String: Any] in
      for k in sources.indices { sources[k] += row.bySource[k] }
      rows.append(
        [
          row.period.from.iso, row.period.to.iso, row.principal.jsonString,
          row.interest.jsonString, row.fees.jsonString, row.compensation.jsonString,
          row.overpaid.jsonString, row.total.jsonString, "\(row.payments)",
        ] + row.bySource.map(\.jsonString))
      return [
        "from": row.period.from.iso, "to": row.period.to.iso,
        "principal": row.principal.jsonString, "interest": row.interest.jsonString,
        "fees": row.fees.jsonString, "compensation": row.compensation.jsonString,
        "overpaid": row.overpaid.jsonString, "total": row.total.jsonString,
        "payments": row.payments, "by_source": sourcesJSON(row.bySource),
      ]
    }
    json["total"] = r.total.jsonString
    json["by_source"] = sourcesJSON(sources)
    return ReportData(
      json: json,
      csvHeader: [
        "from", "to", "principal", "interest", "fees", "compensation", "overpaid", "total",
        "payments",
      ]
        + PaymentSource.allCases.map {
          "source_" + $0.rawValue.replacingOccurrences(of: "-", with: "_")
        },
      csvRows: rows)
  }

  static func countsJSON(_ c: PromisesReport.Counts) -> [String: Any] {
    [
      "made": c.made, "kept": c.kept, "partly_kept": c.partlyKept, "broken": c.broken,
      "pending": c.pending, "superseded": c.superseded, "promised": c.promised.jsonString,
      "paid": c.paid.jsonString, "kept_share": ratio(c.keptShare),
    ]
  }

  static let countKeys = [
    "made", "kept", "partly_kept", "broken", "pending", "superseded", "promised", "paid",
    "kept_share",
  ]

  static func promises(_ r: PromisesReport, _ range: [String: Any]) -> ReportData {
    var json = range
    json["periods"] = r.rows.map { row -> [String: Any] in
      var o = countsJSON(row.counts)
      o["from"] = row.period.from.iso
      o["to"] = row.period.to.iso
      return o
    }
    json["collectors"] = r.collectors.map { c -> [String: Any] in
      var o = countsJSON(c.counts)
      o["collector"] = c.collector
      o["periods"] = zip(r.periods.periods, c.periods).map { p, counts -> [String: Any] in
        var x = countsJSON(counts)
        x["from"] = p.from.iso
        x["to"] = p.to.iso
        return x
      }
      return o
    }
    json["total"] = countsJSON(r.total)
    let rows = r.rows.map { row -> [String] in
      let o = countsJSON(row.counts)
      return [row.period.from.iso, row.period.to.iso] + countKeys.map { text(o[$0]!) }
    }
    return ReportData(json: json, csvHeader: ["from", "to"] + countKeys, csvRows: rows)
  }

  static func stepJSON(_ s: FunnelReport.StepRow) -> [String: Any] {
    [
      "step": s.step.rawValue, "reached": s.reached, "matured_14": s.matured14,
      "paid_14": s.paid14, "share_14": ratio(s.share14), "matured_30": s.matured30,
      "paid_30": s.paid30, "share_30": ratio(s.share30),
    ]
  }

  static let stepKeys = [
    "step", "reached", "matured_14", "paid_14", "share_14", "matured_30", "paid_30", "share_30",
  ]

  static func funnel(_ r: FunnelReport, _ range: [String: Any]) -> ReportData {
    var json = range
    var rows: [[String]] = []
    json["periods"] = r.rows.map { row -> [String: Any] in
      for s in row.steps {
        let o = stepJSON(s)
        rows.append([row.period.from.iso, row.period.to.iso] + stepKeys.map { text(o[$0]!) })
      }
      return [
        "from": row.period.from.iso, "to": row.period.to.iso, "steps": row.steps.map(stepJSON),
        "disputes_opened": row.disputesOpened,
        "disputes_resolved": row.disputesResolved.mapValues { $0 as Any },
      ]
    }
    json["totals"] = r.totals.map(stepJSON)
    return ReportData(json: json, csvHeader: ["from", "to"] + stepKeys, csvRows: rows)
  }

  static func dso(_ r: DSOReport) -> ReportData {
    let keys = [
      "from", "to", "sales", "receivables_start", "receivables_end", "current_end", "dso", "cei",
    ]
    let months = r.rows.map { row -> [String: Any] in
      [
        "from": row.period.from.iso, "to": row.period.to.iso, "sales": row.sales.jsonString,
        "receivables_start": row.receivablesStart.jsonString,
        "receivables_end": row.receivablesEnd.jsonString,
        "current_end": row.currentEnd.jsonString, "dso": decimal(row.dso),
        "cei": decimal(row.cei),
      ]
    }
    return ReportData(
      json: ["from": r.periods.from.iso, "to": r.periods.to.iso, "months": months],
      csvHeader: keys, csvRows: months.map { m in keys.map { text(m[$0]!) } })
  }

  static func figuresJSON(_ f: CollectorsReport.Figures) -> [String: Any] {
    [
      "calls": f.calls, "reached": f.reached, "reached_share": ratio(f.reachedShare),
      "promises": f.promises, "plans_signed": f.plansSigned, "steps": f.steps,
      "paid": f.paid.jsonString,
    ]
  }

  static let figureKeys = [
    "calls", "reached", "reached_share", "promises", "plans_signed", "steps", "paid",
  ]

  static func collectors(_ r: CollectorsReport, _ range: [String: Any]) -> ReportData {
    var json = range
    var rows: [[String]] = []
    json["collectors"] = r.rows.map { row -> [String: Any] in
      let periods = zip(r.periods.periods, row.periods).map { p, f -> [String: Any] in
        var o = figuresJSON(f)
        o["from"] = p.from.iso
        o["to"] = p.to.iso
        rows.append([row.collector, p.from.iso, p.to.iso] + figureKeys.map { text(o[$0]!) })
        return o
      }
      return ["collector": row.collector, "total": figuresJSON(row.total), "periods": periods]
    }
    return ReportData(
      json: json, csvHeader: ["collector", "from", "to"] + figureKeys, csvRows: rows)
  }
}
