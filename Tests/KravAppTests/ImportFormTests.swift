import Foundation
import KravApp
import KravCore
import KravTestSupport
import TerminalUI
import Testing

private let today = Day(parsing: "2026-11-30")!

/// A file in a fresh temporary folder.
private func file(_ name: String, _ text: String) throws -> String {
  let dir = FileManager.default.temporaryDirectory.appendingPathComponent(
    "krav-import-\(UUID().uuidString)")
  try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
  let url = dir.appendingPathComponent(name)
  try Data(text.utf8).write(to: url)
  return url.path
}

private func driver(_ store: MemoryStore, _ lang: Language = .nb) -> AppDriver {
  AppDriver(store: store, today: today, language: lang, size: Size(width: 100, height: 30))
}

@Suite("Import from the TUI (issue 20)")
struct ImportFormTests {
  @Test("I, a path, a preview with counts and first rows; nothing written until y")
  func invoicesPreviewThenConfirm() throws {
    let path = try file(
      "fakturaer.csv",
      """
      invoice_no,customer_id,issue_date,due_date,amount,kid,description
      5001,K1,2026-10-01,2026-10-15,"1 200,00",,Rørdeler
      5002,K2,2026-10-02,2026-10-16,800,,Service
      """)
    let store = MemoryStore(events: Fixtures.threeCustomers(today: today))
    var d = driver(store)
    let before = store.events.count
    d.press(.char("I"))
    #expect(d.screenText.contains("Fil å importere:"))
    d.type(path)
    d.press(.enter)
    let text = d.screenText
    #expect(text.contains("Importere?"))
    #expect(text.contains("(fakturaer)"))
    #expect(text.contains("2 nye, 0 endret, 0 finnes fra før"))
    #expect(text.contains("5001 K1 1 200,00 kr"))
    #expect(text.contains("Ingenting er skrevet ennå"))
    #expect(store.events.count == before, "a preview writes nothing")
    d.press(.char("y"))
    #expect(store.events.count == before + 2)
    #expect(store.events.suffix(2).map(\.invoice) == ["5001", "5002"])
    #expect(d.state.ledger.claims["5001"] != nil)
    #expect(d.screenText.contains("Importert: \(path) (2)"))
  }

  @Test("a bad file: every problem with file, line and field; y imports nothing")
  func badFileImportsNothing() throws {
    let path = try file(
      "bad.csv",
      """
      invoice_no,customer_id,issue_date,due_date,amount,kid,description
      6001,K1,2026-10-01,2026-10-15,100,,ok
      6002,K9,2026-10-01,2026-10-15,abc,,bad
      """)
    let store = MemoryStore(events: Fixtures.threeCustomers(today: today))
    var d = driver(store, .en)
    let before = store.events.count
    d.press(.char("I"))
    d.type(path)
    d.press(.enter)
    let text = d.screenText
    #expect(text.contains("problems; fix the file and try again"), "\(text)")
    #expect(text.contains("bad.csv:3: amount:"), "\(text)")
    #expect(text.contains("Nothing was imported"))
    d.press(.char("y"))
    #expect(store.events.count == before)
    #expect(d.state.mode == .normal)
    // Esc on the prompt leaves without reading anything.
    d.press(.char("I"), .escape)
    #expect(d.state.mode == .normal && store.events.count == before)
  }

  @Test("a bank file (camt.054) is previewed and imported through the same bank import")
  func bankFile() throws {
    let fixture = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
      .deletingLastPathComponent().appendingPathComponent(
        "KravExchangeTests/Fixtures/camt054-v08-nok.xml")
    let store = MemoryStore(events: Fixtures.threeCustomers(today: today))
    var d = driver(store)
    // Without the store's accounts a bank file is refused, not guessed.
    d.press(.char("I"))
    d.type(fixture.path)
    d.press(.enter)
    #expect(d.screenText.contains("krav import payments"))
    // The typed path is a change: Esc asks before discarding it (issue 20), y discards.
    d.press(.escape)
    #expect(d.screenText.contains("Forkaste endringene?"))
    d.press(.char("y"))
    #expect(d.state.mode == .normal)
    store.bankAccounts = ["86011117947"]
    d.press(.char("I"))
    d.type(fixture.path)
    d.press(.enter)
    #expect(d.screenText.contains("(bankfil med innbetalinger)"), "\(d.screenText)")
    #expect(d.screenText.contains("nye ("))
    let before = store.events.count
    d.press(.char("y"))
    #expect(store.events.count > before)
    #expect(
      store.events.suffix(store.events.count - before).allSatisfy { $0.type == .paymentRegistered })
    // The same file again: everything is there already, nothing to import.
    d.press(.char("I"))
    d.type(fixture.path)
    d.press(.enter)
    #expect(d.screenText.contains("0 nye"), "\(d.screenText)")
    let after = store.events.count
    d.press(.char("y"))
    #expect(store.events.count == after)
  }

  @Test(
    "Space on a customers preview ticks --update: the known customer that differs is changed, as krav import customers --update does"
  )
  func updateOption() throws {
    let store = MemoryStore(events: Fixtures.threeCustomers(today: today))
    let known = try #require(store.ledger.customers["K1"])
    let path = try file(
      "kunder.csv",
      """
      customer_id,name,kind
      K1,\(known.name) Jr.,consumer
      K7,Nils Ny,consumer
      """)
    var d = driver(store)
    let before = store.events.count
    d.press(.char("I"))
    d.type(path)
    d.press(.enter)
    var text = d.screenText
    #expect(text.contains("[ ] Endre kjente kunder og fakturaer"), "\(text)")
    #expect(text.contains("kunde K1 er allerede"), "\(text)")
    #expect(text.contains("(bruk --update for å endre)"), "\(text)")
    #expect(text.contains("Space kryss av valget"), "\(text)")
    d.press(.char(" "))
    text = d.screenText
    #expect(text.contains("[x] Endre kjente kunder og fakturaer"), "\(text)")
    #expect(text.contains("1 nye, 1 endret, 0 finnes fra før"), "\(text)")
    #expect(store.events.count == before, "ticking plans again; nothing is written")
    // Unticked again: the refusal is back.
    d.press(.char(" "))
    #expect(d.screenText.contains("kunde K1 er allerede"))
    d.press(.char(" "), .char("y"))
    let written = store.events.suffix(store.events.count - before)
    #expect(written.map(\.type) == [.customerUpdated, .customerAdded])
    #expect(d.state.ledger.customers["K1"]?.name == "\(known.name) Jr.")
    #expect(d.state.ledger.customers["K7"] != nil)
  }

  @Test(
    "Space on a bank file preview ticks --any-account: a payment to another account is registered and says so"
  )
  func anyAccountOption() throws {
    let store = MemoryStore(events: Fixtures.threeCustomers(today: today))
    store.bankAccounts = ["86011117947"]
    let path = try file(
      "bank.xml",
      """
      <?xml version="1.0" encoding="UTF-8"?>
      <Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.054.001.08"><BkToCstmrDbtCdtNtfctn>
      <GrpHdr><MsgId>M1</MsgId><CreDtTm>2026-11-30T10:00:00</CreDtTm></GrpHdr>
      <Ntfctn><Id>N1</Id><Acct><Id><Othr><Id>12345678903</Id></Othr></Id><Ccy>NOK</Ccy></Acct>
      <Ntry><Amt Ccy="NOK">100.00</Amt><CdtDbtInd>CRDT</CdtDbtInd><Sts><Cd>BOOK</Cd></Sts>
      <BookgDt><Dt>2026-11-29</Dt></BookgDt><NtryDtls><TxDtls><Refs><AcctSvcrRef>R1</AcctSvcrRef></Refs>
      <Amt Ccy="NOK">100.00</Amt></TxDtls></NtryDtls></Ntry></Ntfctn>
      </BkToCstmrDbtCdtNtfctn></Document>
      """)
    var d = driver(store, .en)
    let before = store.events.count
    d.press(.char("I"))
    d.type(path)
    d.press(.enter)
    var text = d.screenText
    #expect(
      text.contains("[ ] Register payments to an account that is not the creditor's"), "\(text)")
    #expect(text.contains("is not one of the creditor's accounts"), "\(text)")
    d.press(.char("y"))
    #expect(store.events.count == before, "refused without the option")
    d.press(.char("I"))
    d.type(path)
    d.press(.enter, .char(" "))
    text = d.screenText
    #expect(text.contains("[x] Register payments"), "\(text)")
    #expect(text.contains("1 new"), "\(text)")
    #expect(text.contains("registered for 1234.56.78903, not"), "\(text)")
    #expect(text.contains("creditor's accounts (--any-account)"), "\(text)")
    d.press(.char("y"))
    let written = store.events.suffix(store.events.count - before)
    #expect(written.count == 1 && written.first?.type == .paymentRegistered)
    #expect(written.first?.anyAccount == true, "the event records the other account")
  }
}
