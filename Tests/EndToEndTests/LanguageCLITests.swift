import Foundation
import KravTestSupport
import Testing

/// Issue 20: every CLI message and error follows `--lang`. A sample of failing commands (bad
/// ids, bad options, a missing store, call-log problems) run through the real binary in both
/// languages: the Norwegian run says it in bokmål, and differs from the English run.
@Suite(
  "CLI messages in the language asked for (real binary)",
  .enabled(
    if: FileManager.default.isExecutableFile(atPath: KravCLI.debugBinary),
    "needs the debug krav binary (swift build)"))
struct LanguageCLITests {
  /// A failing command, the Norwegian words its message must hold, and the English ones.
  struct Case: Sendable, CustomStringConvertible {
    var args: [String]
    var nb: String
    var en: String
    var description: String { args.joined(separator: " ") }
  }

  static let cases: [Case] = [
    // Option checks (swift-argument-parser's `validate`).
    Case(
      args: [
        "claim", "add", "--customer", "K1", "--invoice", "9", "--amount", "0", "--issued",
        "2026-01-01", "--due", "2026-02-01",
      ],
      nb: "--amount: må være mer enn 0, fikk '0'", en: "--amount: must be more than 0, got '0'"),
    Case(
      args: [
        "claim", "add", "--customer", "K1", "--invoice", "9", "--amount", "10", "--issued",
        "2026-03-01", "--due", "2026-02-01",
      ],
      nb: "forfallsdatoen 2026-02-01 er før --issued", en: "the due date 2026-02-01 is before"),
    Case(
      args: ["pay", "--amount", "10"], nb: "oppgi nøyaktig én av --invoice, --kid eller --customer",
      en: "give exactly one of --invoice, --kid or --customer"),
    Case(
      args: ["customers", "--today", "2026-13-01"],
      nb: "--today: forventet YYYY-MM-DD eller DD.MM.YYYY, fikk '2026-13-01'",
      en: "--today: expected YYYY-MM-DD or DD.MM.YYYY, got '2026-13-01'"),
    Case(
      args: ["report", "nonsense"], nb: "report: forventet en av ageing",
      en: "report: expected one of ageing"),
    Case(
      args: ["assign", "K1"], nb: "oppgi enten --to USER eller --unassign",
      en: "give either --to USER or --unassign"),
    Case(
      args: ["four-eyes", "--set", "nonsense"], nb: "--set: ukjent handling 'nonsense'",
      en: "--set: unknown action 'nonsense'"),
    Case(
      args: ["step", "next", "K1", "--channel", "fax"],
      nb: "--channel: forventet email eller letter, fikk 'fax'",
      en: "--channel: expected email or letter, got 'fax'"),
    Case(
      args: ["hold", "set", "--until", "2026-12-10", "--reason", "ferie"],
      nb: "oppgi enten CUSTOMER eller --invoice", en: "give either CUSTOMER or --invoice"),
    Case(
      args: ["customer", "edit", "K1", "--email", "ikke en adresse"],
      nb: "--email: ikke en e-postadresse", en: "--email: not an e-mail address"),
    Case(
      args: ["call", "log", "K1", "--outcome", "hung-up"],
      nb: "--outcome: forventet reached, no-answer, voicemail, wrong-number eller refused",
      en: "--outcome: expected reached, no-answer, voicemail, wrong-number or refused"),
    // Bad ids and states found by the command itself.
    Case(args: ["show", "K9"], nb: "ingen kunde med id K9", en: "no customer with id K9"),
    Case(
      args: ["approve", "A9"], nb: "ingen ventende forespørsel A9",
      en: "no pending request A9"),
    Case(
      args: ["outbox", "read", "X9"], nb: "ikke noe dokument X9 i utboksen",
      en: "no document X9 in the outbox"),
    Case(
      args: ["import", "payments", "/nonexistent/bank.xml"],
      nb: "/nonexistent/bank.xml: kan ikke lese filen",
      en: "/nonexistent/bank.xml: cannot read the file"),
    Case(
      args: ["dispute", "resolve", "D9", "--accepted", "--credit", "0"],
      nb: "ID: Ingen åpne innsigelser", en: "ID: no"),
    // The call log's problems: the Norwegian by their code, as the TUI words them.
    Case(
      args: ["call", "log", "K1", "--outcome", "reached", "--now", "2026-12-01T10:00"],
      nb: "summary: må fylles ut", en: "summary: a reached call needs a summary"),
    Case(
      args: [
        "call", "log", "K1", "--outcome", "reached", "--summary", "Lovet å betale", "--promise",
        "500", "--promise-date", "2026-11-01", "--now", "2026-12-01T10:00",
      ],
      nb: "--promise-date: kan ikke være før i dag", en: "--promise-date: must be today or later"),
  ]

  private func store() throws -> KravCLI {
    let k = KravCLI("lang", today: "2026-12-01")
    try k.runAll([
      ["init", "--creditor", "Fjord Rør AS", "--orgnr", "123456785", "--account", "86011117947"],
      [
        "customer", "add", "--id", "K1", "--name", "Kari Nordmann", "--kind", "consumer",
        "--phone", "+47 900 00 000",
      ],
      [
        "claim", "add", "--customer", "K1", "--invoice", "F1", "--amount", "1000", "--issued",
        "2026-10-01", "--due", "2026-10-15",
      ],
    ])
    return k
  }

  @Test("a failing command says it in bokmål with --lang nb and in English with --lang en")
  func failingCommands() throws {
    let k = try store()
    defer { k.cleanUp() }
    for c in Self.cases {
      let nb = try k.run(c.args + ["--lang", "nb"])
      let en = try k.run(c.args + ["--lang", "en"])
      #expect(nb.status != 0 && en.status != 0, "\(c) fails")
      #expect(nb.output.contains(c.nb), "\(c) in Norwegian: \(nb.output)")
      #expect(en.output.contains(c.en), "\(c) in English: \(en.output)")
      #expect(!en.output.contains(c.nb), "\(c): the English run holds no Norwegian")
      // The message line itself differs (the usage lines of the parser may be the same).
      let nbMessage = nb.output.split(separator: "\n").first ?? ""
      let enMessage = en.output.split(separator: "\n").first ?? ""
      #expect(nbMessage != enMessage, "\(c): \(nbMessage)")
    }
  }

  @Test("LANG and KRAV_LANG choose the language of errors too, not only --lang")
  func languageFromEnvironment() throws {
    let k = try store()
    defer { k.cleanUp() }
    // The option checks run before any session exists; they read the environment too.
    func run(_ extra: [String: String]) throws -> String {
      var env = ProcessInfo.processInfo.environment
      env["KRAV_STORE"] = k.store
      env["KRAV_TODAY"] = k.today
      env.removeValue(forKey: "KRAV_LANG")
      env.removeValue(forKey: "LC_ALL")
      env.merge(extra) { $1 }
      return try ProcessRunner.run([k.binary, "pay", "--amount", "10"], environment: env).output
    }
    let byKravLang = try run(["KRAV_LANG": "nb", "LANG": "en_GB.UTF-8"])
    #expect(byKravLang.contains("oppgi nøyaktig én av"), "\(byKravLang)")
    let byLang = try run(["LANG": "nb_NO.UTF-8"])
    #expect(byLang.contains("oppgi nøyaktig én av"), "\(byLang)")
    let english = try run(["LANG": "en_GB.UTF-8"])
    #expect(english.contains("give exactly one of"), "\(english)")
    // The flag wins over the environment.
    let flag = try ProcessRunner.run(
      [k.binary, "pay", "--amount", "10", "--lang", "en"],
      environment: ProcessInfo.processInfo.environment.merging([
        "KRAV_STORE": k.store, "KRAV_LANG": "nb",
      ]) { $1 }
    ).output
    #expect(flag.contains("give exactly one of"), "\(flag)")
  }

  @Test("a missing store is named in the language asked for")
  func missingStore() throws {
    let k = KravCLI("lang-nostore")
    defer { k.cleanUp() }
    let nb = try k.run(["customers", "--lang", "nb"])
    let en = try k.run(["customers", "--lang", "en"])
    #expect(nb.status != 0 && nb.output.contains("ingen Krav-database i"), "\(nb.output)")
    #expect(en.status != 0 && en.output.contains("no Krav store at"), "\(en.output)")
  }

  @Test("messages of success follow --lang too: assign, day and the outbox")
  func successMessages() throws {
    let k = try store()
    defer { k.cleanUp() }
    let nb = try k.run(["assign", "K1", "--to", "ola", "--lang", "nb"])
    #expect(nb.status == 0 && nb.output.contains("1 kunde(r) tildelt ola"), "\(nb.output)")
    let en = try k.run(["assign", "K1", "--to", "per", "--lang", "en"])
    #expect(en.status == 0 && en.output.contains("Assigned 1 customer(s) to per"), "\(en.output)")
    let day = try k.run(["day", "--collector", "kari", "--lang", "nb"])
    #expect(day.output.contains("samtaler 0") && day.output.contains("0,00 kr"), "\(day.output)")
    let box = try k.run(["outbox", "--lang", "nb"])
    #expect(box.output.contains("Ingen dokumenter."), "\(box.output)")
    let sent = try k.run(["outbox", "send", "--all", "--lang", "nb"])
    #expect(sent.output.contains("Ingenting å sende."), "\(sent.output)")
  }

  /// Runs `args` in both languages: each fails, the Norwegian holds `nb`, the English `en`.
  private func both(
    _ k: KravCLI, _ args: [String], nb: String, en: String, fails: Bool = true,
    sourceLocation: SourceLocation = #_sourceLocation
  ) throws {
    let n = try k.run(args + ["--lang", "nb"])
    let e = try k.run(args + ["--lang", "en"])
    let what = args.joined(separator: " ")
    if fails {
      #expect(n.status != 0 && e.status != 0, "\(what) fails", sourceLocation: sourceLocation)
    }
    #expect(
      n.output.contains(nb), "\(what) in Norwegian: \(n.output)", sourceLocation: sourceLocation)
    #expect(
      e.output.contains(en), "\(what) in English: \(e.output)", sourceLocation: sourceLocation)
    #expect(
      !e.output.contains(nb), "\(what): no Norwegian in English", sourceLocation: sourceLocation)
  }

  @Test(
    "store, call-settings, check and step-plan errors follow --lang: a damaged journal, a bad settings file, a folder in use"
  )
  func storeErrors() throws {
    let k = try store()
    defer { k.cleanUp() }
    // The call settings file: a value that is not a time span, then hours outside the law.
    let settings = k.store + "/call-settings.json"
    try Data(#"{"weekday_hours": "8-25"}"#.utf8).write(to: URL(fileURLWithPath: settings))
    try both(
      k, ["calls"], nb: "call-settings.json: weekday_hours: forventet HH:MM-HH:MM, fikk '8-25'",
      en: "call-settings.json: weekday_hours: expected HH:MM-HH:MM, got '8-25'")
    try Data(#"{"weekday_hours": "07:00-16:00"}"#.utf8).write(to: URL(fileURLWithPath: settings))
    try both(
      k, ["calls"],
      nb: "tidene på hverdager 07:00-16:00 er utenfor den lovlige rammen 08:00-21:00",
      en: "weekday hours 07:00-16:00 are outside the legal frame 08:00-21:00")
    try Data("{".utf8).write(to: URL(fileURLWithPath: settings))
    try both(
      k, ["calls"], nb: "call-settings.json: ikke gyldig JSON",
      en: "call-settings.json: not valid JSON")
    try FileManager.default.removeItem(atPath: settings)
    // A step plan for an invoice that does not exist (StepPlanError).
    try both(
      k, ["step", "next", "--invoice", "F9"], nb: "ingen krav med fakturanummer F9",
      en: "no claim with invoice number F9")
    // A store where one already is (StoreError).
    try both(
      k,
      ["init", "--creditor", "Fjord Rør AS", "--orgnr", "123456785", "--account", "86011117947"],
      nb: "finnes allerede og er ikke tom", en: "already exists and is not empty")
    // A damaged journal line: `krav check` names file and line in the language, and a write is
    // refused with the finding as the reason.
    let journal = try #require(
      FileManager.default.contentsOfDirectory(atPath: k.store + "/journal").first)
    let handle = try #require(FileHandle(forWritingAtPath: k.store + "/journal/" + journal))
    handle.seekToEndOfFile()
    handle.write(Data("not an event\n".utf8))
    try handle.close()
    try both(
      k, ["check"], nb: "journal/\(journal):3: ingen crc-felt til slutt",
      en: "journal/\(journal):3: no crc field at the end")
    try both(
      k, ["note", "add", "K1", "hei"],
      nb: "databasen er skrivebeskyttet: 1 problem(er) funnet, det første journal/\(journal):3",
      en: "the store is read-only: 1 problem(s) found, first journal/\(journal):3")
    let repair = try k.run(["check", "--repair", "--yes", "--lang", "nb"])
    #expect(
      repair.output.contains("flytt linje(r) 3 til quarantine/ (første problem:"),
      "\(repair.output)")
    #expect(repair.output.contains("satt til side: quarantine/"), "\(repair.output)")
    // A folder whose krav-store.json is not a store's.
    try Data("{}".utf8).write(to: URL(fileURLWithPath: k.store + "/krav-store.json"))
    try both(
      k, ["customers"], nb: "er ikke en Krav-database (ingen lesbar krav-store.json)",
      en: "is not a Krav store (no readable krav-store.json)")
  }

  @Test(
    "import line problems follow --lang, still naming file, line and field; a bad customer row is the one root error"
  )
  func importProblems() throws {
    let k = try store()
    defer { k.cleanUp() }
    let c = try k.file(
      "kunder.csv",
      "customer_id,name,kind,email,postcode\nK2,Ola,consumer,ola@example.no,12\nK3,Per,consumer,nope,0150\n"
    )
    let i = try k.file(
      "fakturaer.csv",
      "invoice_no,customer_id,issue_date,due_date,amount\nF2,K2,2026-10-01,2026-10-15,abc\n"
        + "F3,K3,2026-10-01,2026-10-15,10\nF4,K1,2026-10-20,2026-10-15,10\n")
    let before = k.journal()
    try both(
      k, ["import", "invoices", i, "--customers", c],
      nb: "\(c):2: postcode: forventet et norsk postnummer på 4 sifre, fikk '12'",
      en: "\(c):2: postcode: expected a 4-digit Norwegian postcode, got '12'")
    let nb = try k.run(["import", "invoices", i, "--customers", c, "--lang", "nb"])
    #expect(nb.output.contains("\(c):3: email: ikke en e-postadresse"), "\(nb.output)")
    // The invoice rows of rejected customers name the customer row, not "no such customer".
    #expect(
      nb.output.contains(
        "\(i):3: customer_id: kunde K3 har en feil i \(c):3 (email); denne raden ble ikke sjekket videre"
      ), "\(nb.output)")
    #expect(nb.output.contains("\(i):2: customer_id: kunde K2 har en feil i \(c):2 (postcode)"))
    #expect(!nb.output.contains("ingen kunde med id"), "\(nb.output)")
    #expect(
      nb.output.contains(
        "\(i):4: due_date: forfallsdatoen 2026-10-15 er før fakturadatoen 2026-10-20"),
      "\(nb.output)")
    #expect(nb.output.contains("problemer; ingenting ble importert"), "\(nb.output)")
    #expect(k.journal() == before, "nothing was imported")
    // A CSV row error of its own: the amount.
    let bad = try k.file(
      "belop.csv",
      "invoice_no,customer_id,issue_date,due_date,amount\nF5,K1,2026-10-01,2026-10-15,abc\n")
    try both(
      k, ["import", "invoices", bad],
      nb: "\(bad):2: amount: 'abc' er ikke et beløp (1234.50, 1234,50 eller 1 234,50)",
      en: "\(bad):2: amount: 'abc' is not an amount (1234.50, 1234,50 or 1 234,50)")
    // A bank file for an account that is not the creditor's.
    let camt = try k.file(
      "bank.xml",
      """
      <?xml version="1.0" encoding="UTF-8"?>
      <Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.054.001.08"><BkToCstmrDbtCdtNtfctn>
      <GrpHdr><MsgId>M1</MsgId><CreDtTm>2026-11-30T10:00:00</CreDtTm></GrpHdr>
      <Ntfctn><Id>N1</Id><Acct><Id><Othr><Id>12345678903</Id></Othr></Id><Ccy>NOK</Ccy></Acct>
      <Ntry><Amt Ccy="NOK">100.00</Amt><CdtDbtInd>CRDT</CdtDbtInd><Sts><Cd>BOOK</Cd></Sts>
      <BookgDt><Dt>2026-11-30</Dt></BookgDt><NtryDtls><TxDtls><Refs><AcctSvcrRef>R1</AcctSvcrRef></Refs>
      <Amt Ccy="NOK">100.00</Amt></TxDtls></NtryDtls></Ntry></Ntfctn>
      </BkToCstmrDbtCdtNtfctn></Document>
      """)
    try both(
      k, ["import", "payments", camt], nb: "er ikke en av kreditors kontoer",
      en: "is not one of the creditor's accounts")
  }

  @Test("the TUI's refusal without a terminal follows --lang")
  func terminalRefusal() throws {
    let k = try store()
    defer { k.cleanUp() }
    // The test runs krav with pipes, not a terminal: the TUI refuses to start.
    try both(
      k, ["tui"], nb: "krav: det interaktive grensesnittet trenger en terminal på stdin og stdout",
      en: "krav: the interactive UI needs a terminal on stdin and stdout")
  }
}
