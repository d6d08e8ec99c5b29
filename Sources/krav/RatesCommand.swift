import ArgumentParser
import Foundation
import KravApp
import KravCore

/// `krav rates`: the rates and fees table, what is in force, and where each row comes from.
struct RatesCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "rates", abstract: "The interest rates and fees table, with sources.",
    subcommands: [Show.self, Set.self], defaultSubcommand: Show.self)

  struct Show: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "show", abstract: "Every row, marking those in force today and unverified ones.")
    @OptionGroup var global: GlobalOptions

    func run() throws {
      let session = try Session.open(global, writing: false)
      let table = session.ledger.rateTable
      let today = session.today
      let inForce = Swift.Set(table.inForce(on: today))
      let own = session.ledger.rules.overrides
      let rows = table.rows
      func until(_ i: Int) -> Day? {
        let r = rows[i]
        return rows[(i + 1)...].first { $0.kind == r.kind }.map { $0.from.adding(days: -1) }
      }
      if global.json {
        return Output.json(
          rows.indices.map { i -> [String: Any] in
            let r = rows[i]
            return [
              "kind": r.kind.rawValue, "label": r.kind.label(global.language),
              "from": r.from.iso, "to": until(i)?.iso ?? NSNull(), "value": r.value.text(.en),
              "source": r.source, "verified": r.isVerified, "note": r.note,
              "in_force": inForce.contains(r), "origin": own.contains(r) ? "store" : "shipped",
            ]
          })
      }
      let t = Catalogue(global.language)
      Output.line("\(t(.today)) \(t.day(today))")
      for i in rows.indices {
        let r = rows[i]
        let mark = inForce.contains(r) ? "*" : " "
        let period = "\(t.day(r.from))–\(until(i).map(t.day) ?? "")"
        var flags: [String] = []
        if !r.isVerified { flags.append("verify") }
        if own.contains(r) { flags.append("store") }
        Output.line(
          "\(mark) \(r.kind.label(global.language))\t\(period)\t\(r.value.text(global.language))"
            + "\(flags.isEmpty ? "" : "\t(\(flags.joined(separator: ", ")))")\t\(r.source)"
            + (r.note.isEmpty ? "" : "\t\(r.note)"))
      }
    }
  }

  /// `krav rates set`: the creditor adds or corrects a row (a `rate-set` event).
  struct Set: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "set", abstract: "Add or correct a row of the rates table in this store.")
    @OptionGroup var global: GlobalOptions
    @Option(help: "The kind of row (krav rates --json shows them).") var kind: String
    @Option(help: "The first day the value applies (YYYY-MM-DD or DD.MM.YYYY).") var from: String
    @Option(help: "The value: a percentage (12.25), an amount (37.50) or a factor (1.21).")
    var value: String
    @Option(help: "URL of the source the value was read from.") var source: String
    @Option(help: "A note shown with the row.") var note: String?

    func validate() throws {
      guard RateTable.Kind(rawValue: kind) != nil else {
        throw CLIText.expected(
          option: "--kind", .oneOf(RateTable.Kind.allCases.map(\.rawValue)), got: kind
        ).invalid
      }
      guard Day(parsing: from) != nil else {
        throw CLIText.expected(option: "--from", .day, got: from).invalid
      }
      guard let v = Money(parsing: value), v.ore >= 0, v.ore <= Ledger.maximumRateValue else {
        throw CLIText.expected(option: "--value", .rateValue, got: VisibleText.escaped(value))
          .invalid
      }
      _ = try required(source, "--source")
    }

    func run() throws {
      let k = RateTable.Kind(rawValue: kind)!
      // Percent and factor values have two decimals like money, so one parser serves all.
      let hundredths = Money(parsing: value)!.ore
      let session = try Session.open(global, writing: true)
      let e = Event.rateSet(
        kind: k.rawValue, from: Day(parsing: from), amount: hundredths, source: source, note: note)
      let stored = try session.append([e])
      session.report(
        stored,
        text: "Set \(k.rawValue) from \(e.date!.iso) to "
          + RateTable.value(k, integer: hundredths).text(global.language))
    }
  }
}
