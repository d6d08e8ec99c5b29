import Foundation
import KravTestSupport
import Testing

/// `krav report` with the real binary on a demo store (issue 21).
@Suite("krav report", .timeLimit(.minutes(6)))
struct ReportCLITests {
  static func money(_ s: Any?) -> Int64 {
    // "1234.50" → 123450 øre (JSON money is a string with two decimals).
    let text = s as! String
    let negative = text.hasPrefix("-")
    let parts = text.drop { $0 == "-" }.split(separator: ".")
    let ore = Int64(parts[0])! * 100 + Int64(parts[1])!
    return negative ? -ore : ore
  }

  static func demo(_ name: String) throws -> KravCLI {
    let cli = KravCLI(name, today: "2026-12-06")
    try #require(cli.isAvailable, "no krav binary: run swift build first")
    try cli.runAll([["demo", "--store", cli.store, "--customers", "120", "--no-tui"]])
    return cli
  }

  @Test("ageing --json has the fixed shape and its total is the customers list's total")
  func ageing() throws {
    let cli = try Self.demo("rep-ageing")
    defer { cli.cleanUp() }
    let r = try cli.json(["report", "ageing"]) as! [String: Any]
    let buckets = r["buckets"] as! [[String: Any]]
    #expect(
      buckets.map { $0["label"] as? String } == [
        "not due", "1-30", "31-60", "61-90", "91-180", "181-365", "over 365",
      ])
    #expect(buckets[0]["from_days"] is NSNull && buckets[0]["to_days"] as? Int == 0)
    #expect(buckets[1]["from_days"] as? Int == 1 && buckets[1]["to_days"] as? Int == 30)
    #expect(buckets[6]["from_days"] as? Int == 366 && buckets[6]["to_days"] is NSNull)
    #expect(buckets.allSatisfy { $0["claims"] is Int && $0["amount"] is String })
    let total = Self.money(r["total"])
    #expect(buckets.reduce(0) { $0 + Self.money($1["amount"]) } == total)
    let customers = try cli.json(["customers"]) as! [[String: Any]]
    #expect(customers.reduce(0) { $0 + Self.money($1["outstanding"]) } == total)
    #expect(total > 0)
  }

  @Test("collected --json: the payments of `krav export journal` in each month; --csv rows")
  func collected() throws {
    let cli = try Self.demo("rep-collected")
    defer { cli.cleanUp() }
    let r =
      try cli.json(["report", "collected", "--from", "2026-06-01", "--to", "2026-11-30"])
      as! [String: Any]
    let periods = r["periods"] as! [[String: Any]]
    #expect(periods.count == 6)
    #expect(periods.first?["from"] as? String == "2026-06-01")
    #expect(periods.last?["to"] as? String == "2026-11-30")
    let journal = try cli.run(["export", "journal", "--format", "json"])
    let events =
      try JSONSerialization.jsonObject(with: Data(journal.output.utf8)) as! [[String: Any]]
    var sum = 0 as Int64
    for p in periods {
      let from = p["from"] as! String
      let to = p["to"] as! String
      let expected = events.filter {
        $0["type"] as? String == "payment-registered"
          && (($0["date"] as? String) ?? String(($0["at"] as! String).prefix(10))) >= from
          && (($0["date"] as? String) ?? String(($0["at"] as! String).prefix(10))) <= to
      }.reduce(0 as Int64) { $0 + Self.money($1["amount"]) }
      #expect(Self.money(p["total"]) == expected, "\(from)")
      let parts = ["principal", "interest", "fees", "compensation", "overpaid"]
        .reduce(0 as Int64) { $0 + Self.money(p[$1]) }
      #expect(parts == Self.money(p["total"]))
      sum += expected
    }
    #expect(Self.money(r["total"]) == sum && sum > 0)
    let csv = try cli.run([
      "report", "collected", "--from", "2026-06-01", "--to", "2026-11-30", "--csv",
    ])
    let lines = csv.output.split(separator: "\n")
    #expect(
      lines.first?.hasPrefix("from,to,principal,interest,fees,compensation,overpaid,total") == true)
    #expect(lines.count == 7)
    let weekly =
      try cli.json(["report", "collected", "--from", "2026-11-01", "--by", "week"])
      as! [String: Any]
    #expect((weekly["periods"] as! [[String: Any]]).first?["to"] as? String == "2026-11-01")
  }

  @Test("promises, funnel, dso and collectors print their documented shapes")
  func otherShapes() throws {
    let cli = try Self.demo("rep-shapes")
    defer { cli.cleanUp() }
    let p = try cli.json(["report", "promises"]) as! [String: Any]
    let total = p["total"] as! [String: Any]
    let made = total["made"] as! Int
    #expect(made > 0)
    #expect(
      made
        == ["kept", "partly_kept", "broken", "pending", "superseded"].reduce(0) {
          $0 + (total[$1] as! Int)
        })
    #expect((p["collectors"] as! [[String: Any]]).reduce(0) { $0 + ($1["made"] as! Int) } == made)
    let f = try cli.json(["report", "funnel", "--by", "week"]) as! [String: Any]
    let steps = (f["totals"] as! [[String: Any]]).map { $0["step"] as! String }
    #expect(steps.first == "reminder" && steps.contains("inkassovarsel"))
    #expect((f["periods"] as! [[String: Any]]).allSatisfy { $0["disputes_opened"] is Int })
    let d = try cli.json(["report", "dso"]) as! [String: Any]
    let months = d["months"] as! [[String: Any]]
    #expect(months.count == 12 && months.last?["to"] as? String == "2026-12-06")
    #expect(months.contains { $0["dso"] is String } && months.contains { $0["cei"] is String })
    let c =
      try cli.json(["report", "collectors", "--by", "day", "--from", "2026-11-01"])
      as! [String: Any]
    let rows = c["collectors"] as! [[String: Any]]
    #expect(rows.contains { $0["collector"] as? String == "kari" })
    #expect(rows.allSatisfy { ($0["periods"] as! [[String: Any]]).count == 36 })
  }

  @Test("text output: a bar chart and a table in Norwegian; bad input names the option")
  func textAndErrors() throws {
    let cli = try Self.demo("rep-text")
    defer { cli.cleanUp() }
    let text = try cli.run(["report", "ageing", "--lang", "nb"])
    #expect(text.status == 0)
    #expect(text.output.contains("Aldersfordeling") && text.output.contains("█"))
    #expect(text.output.contains("ikke forfalt") && text.output.contains(" kr"))
    let collected = try cli.run(["report", "collected", "--lang", "en"])
    #expect(collected.output.contains("after the inkassovarsel"))
    for (args, needle) in [
      (["report", "aging"], "ageing, collected"), (["report", "ageing", "--by", "year"], "--by"),
      (["report", "collected", "--from", "2026-13-01"], "--from"),
      (["report", "collected", "--from", "2026-11-01", "--to", "2026-10-01"], "--to"),
    ] {
      let r = try cli.run(args)
      #expect(r.status != 0 && r.output.contains(needle), "\(args)")
    }
  }
}
