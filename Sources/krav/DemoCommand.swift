import ArgumentParser
import Foundation
import KravCore
import KravStore

/// `krav demo`: a realistic demo store, then the terminal UI on it.
struct DemoCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "demo",
    abstract: "Create a realistic demo store (in --store, else a new temporary folder) and open it."
  )
  @OptionGroup var global: GlobalOptions
  @Option(help: "Number of customers (at least 1).") var customers: Int = 160
  @Option(help: "Random seed; the same seed gives the same store.") var seed: UInt64 = 2026
  @Flag(
    name: .customLong("no-tui"), help: "Create the store and print where it is, without opening it."
  )
  var noTUI = false

  func validate() throws {
    guard customers >= 1, customers <= 1_000_000 else {
      throw ValidationError(
        CLIText.expected(option: "--customers", .customerCount, got: "\(customers)")
          .text(global.language))
    }
  }

  func run() throws {
    var g = global
    let env = ProcessInfo.processInfo.environment
    let path: String
    if g.storeFlag != nil || env["KRAV_STORE"].map({ !$0.isEmpty }) == true {
      path = g.storePath
      if FileManager.default.fileExists(atPath: path + "/krav-store.json") {
        throw UserError(CLIText.demoStoreExists(path).text(global.language))
      }
    } else {
      let base = (env["TMPDIR"].flatMap { $0.isEmpty ? nil : $0 } ?? "/tmp")
      path = base + "/krav-demo-" + String(UInt32.random(in: 0...UInt32.max), radix: 36)
      g.storeFlag = path
    }
    let today = try g.today()
    let info = StoreInfo(
      name: "Fjordkraft Rørleggerservice AS", orgnr: "123456785", account: "86011117947",
      email: "regnskap@fjordror.example", phone: "+47 22 33 44 55",
      address: "Storgata 12, 0155 Oslo", created: try g.timestamp())
    try Store.create(at: path, info: info)
    let (events, documents) = DemoGenerator(seed: seed, customers: customers, today: today)
      .eventsAndDocuments(
        creditor: PlanLetter.Creditor(
          name: info.name, orgnr: info.orgnr, account: info.account, email: info.email,
          phone: info.phone, address: info.address))
    // One journal per demo collector, as a small team's store would have.
    var byWriter: [String: [Event]] = [:]
    for e in events { byWriter[e.by, default: []].append(e) }
    for (n, (collector, batch)) in byWriter.sorted(by: { $0.key < $1.key }).enumerated() {
      let store = try Store.open(at: path, writer: "\(collector)@demo")
      _ = try store.replay { _, _ in }
      // The plan documents go to letters/ before any event names them.
      if n == 0 { try store.writeDocuments(documents) }
      for chunk in stride(from: 0, to: batch.count, by: 2_000) {
        _ = try store.append(Array(batch[chunk..<min(chunk + 2_000, batch.count)]))
      }
    }
    if g.json {
      Output.json(["store": path, "events": events.count, "customers": customers, "seed": seed])
    } else {
      let claims = events.filter { $0.type == .claimAdded }.count
      FileHandle.standardError.write(
        Data(
          "Demo store: \(path) (\(customers) customers, \(claims) claims, \(events.count) events)\n"
            .utf8))
    }
    if !noTUI { try TUICommand.launch(g) }
  }
}

/// `krav check [--repair]`: verify the whole store.
struct CheckCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "check", abstract: "Verify the whole store; non-zero exit on any finding.",
    discussion: """
      With --repair, shows what it will do and asks before doing it (--yes answers for a
      script). Repair moves only damaged lines to quarantine/ (nothing is deleted), keeps every
      line whose own checksum holds, records the repair in the journal, and merges the events
      of file-sync conflict copies. The exit status is non-zero while any finding remains.
      """)
  @OptionGroup var global: GlobalOptions
  @Flag(help: "Quarantine what is damaged and merge conflict copies, after saying what.")
  var repair = false
  @Flag(help: "Carry out the repair without asking.") var yes = false

  func run() throws {
    let path = global.storePath
    var findings = try Store.check(at: path)
    var repaired: [String] = []
    var steps: [String] = []
    if repair && !findings.isEmpty {
      let plan = try Store.planRepair(at: path)
      steps = plan.steps
      // Say exactly what will be done before doing it; nothing is deleted, only moved aside.
      if !global.json {
        for s in plan.steps(global.language) {
          Output.line(CLIText.repairStep(s).text(global.language))
        }
      }
      if !plan.isEmpty {
        guard yes || confirm() else {
          throw UserError(CLIText.repairDeclined.text(global.language))
        }
        repaired = try Store.repair(
          at: path, plan: plan, writer: "\(global.user)@\(Session.host)-cli", by: global.user,
          at: try global.timestamp())
        findings = try Store.check(at: path)
      }
    }
    if global.json {
      Output.json([
        "store": path,
        "findings": findings.map {
          [
            "file": $0.file, "line": $0.line, "offset": $0.byteOffset, "kind": $0.kind.rawValue,
            "message": $0.message,
          ] as [String: Any]
        },
        "repair": steps, "quarantined": repaired,
      ])
    } else {
      let lang = global.language
      for q in repaired { Output.line(CLIText.quarantined(q).text(lang)) }
      if repair && !repaired.isEmpty && !findings.isEmpty {
        Output.line(CLIText.stillFound.text(lang))
      }
      for f in findings { Output.line(f.text(lang)) }
      if findings.isEmpty { Output.line(CLIText.noFindings(path).text(lang)) }
    }
    // Non-zero while anything remains, after a repair too (issue 16, point 11).
    if !findings.isEmpty { throw ExitCode(1) }
  }

  /// Asks on the terminal; false when stdin is not a terminal (a script must pass --yes).
  private func confirm() -> Bool {
    guard isatty(0) == 1 else { return false }
    FileHandle.standardError.write(Data("Carry out this repair? [y/N] ".utf8))
    let answer = readLine()?.trimmingCharacters(in: .whitespaces).lowercased() ?? ""
    return answer == "y" || answer == "yes" || answer == "j" || answer == "ja"
  }
}
