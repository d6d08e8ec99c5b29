import Foundation
import KravTestSupport
import Testing

private func setUp(_ cli: KravCLI) throws {
  #expect(
    try cli.run([
      "init", "--creditor", "Fjord Rør AS", "--orgnr", "123456785", "--account", "8601.11.17947",
    ]).status == 0)
  #expect(
    try cli.run([
      "customer", "add", "--id", "K1", "--name", "Bjørn Løvås", "--kind", "consumer",
      "--birth-number", "31129956715",
    ]).status == 0)
  #expect(
    try cli.run([
      "claim", "add", "--customer", "K1", "--invoice", "1001", "--amount", "10 000,00", "--issued",
      "01.05.2025", "--due", "2025-06-01",
    ]).status == 0)
}

@Test("init, customer add, claim add, customers and show work end to end with interest")
func cliRoundTrip() throws {
  let cli = KravCLI()
  guard cli.isAvailable else { try Test.cancel("\(KravCLI.missingBinary)") }
  defer { cli.cleanUp() }
  try setUp(cli)
  let rows = try cli.json(["customers"]) as! [[String: Any]]
  #expect(rows.count == 1)
  #expect(rows[0]["name"] as? String == "Bjørn Løvås")
  #expect(rows[0]["oldest_due"] as? String == "2025-06-01")
  // The §3 worked example, as of 2025-08-01 but with the due date moved from Sunday 1 June to
  // Monday 2 June (gjeldsbrevloven § 5): 28 days at 12.5 % + 32 days at 12.25 % =
  // 10 000 × (0.125 × 28 + 0.1225 × 32) / 365 = 203.29.
  let show = try cli.json(["show", "K1", "--today", "2025-08-01"]) as! [String: Any]
  let claim = (show["claims"] as! [[String: Any]])[0]
  #expect(claim["interest"] as? String == "203.29")
  #expect(claim["principal"] as? String == "10000.00")
  #expect(claim["outstanding"] as? String == "10203.29")
  #expect(claim["status"] as? String == "overdue")
  #expect(claim["next_step"] as? String == "reminder")
  #expect((claim["interest_periods"] as! [Any]).count == 2)
  let customer = show["customer"] as! [String: Any]
  #expect(customer["birth_number"] as? String == "311299*****", "never in full")
  #expect((show["events"] as! [Any]).count == 2)
}

@Test("note add is stored with its author and shows in show --json, newest first")
func noteAdd() throws {
  let cli = KravCLI()
  guard cli.isAvailable else { try Test.cancel("\(KravCLI.missingBinary)") }
  defer { cli.cleanUp() }
  try setUp(cli)
  #expect(
    try cli.run(["note", "add", "K1", "Ringte – lovet å betale på fredag"], as: "ola").status == 0)
  let show = try cli.json(["show", "K1"]) as! [String: Any]
  let first = (show["events"] as! [[String: Any]])[0]
  #expect(first["type"] as? String == "note-added")
  #expect(first["text"] as? String == "Ringte – lovet å betale på fredag")
  #expect(first["by"] as? String == "ola")
  #expect((first["id"] as? String)?.hasPrefix("ola@") == true, "ola's own journal")
}

@Test("--json output is valid JSON with sorted keys for any text: quotes, backslashes, controls, æøå")
func jsonEscaping() throws {
  let cli = KravCLI()
  guard cli.isAvailable else { try Test.cancel("\(KravCLI.missingBinary)") }
  defer { cli.cleanUp() }
  try setUp(cli)
  let text = "Sa \"nei\" – C:\\mappe/fil\tfane\nny linje \u{01} æøå ÆØÅ 😀"
  #expect(try cli.run(["note", "add", "K1", text]).status == 0)
  let raw = try cli.run(["show", "K1", "--json"]).output
  let show = try JSONSerialization.jsonObject(with: Data(raw.utf8)) as! [String: Any]
  let first = (show["events"] as! [[String: Any]])[0]
  #expect(first["text"] as? String == text)
  // Keys in byte order at every level, as scripts diffing the output expect.
  let keys = raw.split(separator: "\n").compactMap { line -> (Int, String)? in
    let t = line.drop { $0 == " " }
    guard t.hasPrefix("\""), let end = t.dropFirst().firstIndex(of: "\""),
      t[end...].hasPrefix("\" : ")
    else { return nil }
    return (line.count - t.count, String(t[t.index(after: t.startIndex)..<end]))
  }
  let top = keys.filter { $0.0 == 2 }.map(\.1)
  #expect(top == top.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) } && top.count > 3)
}

@Test("a malformed option names the option and the expected form, and writes nothing")
func badInput() throws {
  let cli = KravCLI()
  guard cli.isAvailable else { try Test.cancel("\(KravCLI.missingBinary)") }
  defer { cli.cleanUp() }
  try setUp(cli)
  let before = cli.journalBytes()
  let cases: [([String], String)] = [
    (
      [
        "claim", "add", "--customer", "K1", "--invoice", "2", "--amount", "12,345", "--issued",
        "2025-05-01", "--due", "2025-06-01",
      ], "--amount"
    ),
    (
      [
        "claim", "add", "--customer", "K1", "--invoice", "2", "--amount", "100", "--issued",
        "2025-05-01", "--due", "31.02.2025",
      ], "--due"
    ),
    (
      [
        "claim", "add", "--customer", "K1", "--invoice", "2", "--amount", "100", "--issued",
        "2025-05-01", "--due", "2025-06-01", "--kid", "12345",
      ], "--kid"
    ),
    (["customers", "--today", "30/11/2026"], "--today"),
    (["customer", "add", "--id", "K2", "--name", "X", "--kind", "alien"], "--kind"),
    (
      [
        "customer", "add", "--id", "K2", "--name", "X", "--kind", "business", "--orgnr",
        "123456789",
      ], "--orgnr"
    ),
    (
      [
        "claim", "add", "--customer", "K9", "--invoice", "2", "--amount", "100", "--issued",
        "2025-05-01", "--due", "2025-06-01",
      ], "--customer"
    ),
    (
      [
        "claim", "add", "--customer", "K1", "--invoice", "1001", "--amount", "100", "--issued",
        "2025-05-01", "--due", "2025-06-01",
      ], "--invoice"
    ),
  ]
  for (args, option) in cases {
    let r = try cli.run(args)
    #expect(r.status != 0, "\(args) should fail")
    #expect(r.output.contains(option), "\(args): message should name \(option): \(r.output)")
  }
  let fnr = try cli.run([
    "customer", "add", "--id", "K3", "--name", "Y", "--kind", "consumer", "--birth-number",
    "31129956716",
  ])
  #expect(fnr.status != 0)
  #expect(!fnr.output.contains("31129956716"), "an identity number is never echoed")
  #expect(cli.journalBytes() == before, "a failed command writes nothing")
}

@Test("store files are 0600 in 0700 folders")
func permissions() throws {
  let cli = KravCLI()
  guard cli.isAvailable else { try Test.cancel("\(KravCLI.missingBinary)") }
  defer { cli.cleanUp() }
  try setUp(cli)
  let fm = FileManager.default
  let enumerator = fm.enumerator(atPath: cli.store)!
  #expect((try fm.attributesOfItem(atPath: cli.store)[.posixPermissions] as? Int) == 0o700)
  while let rel = enumerator.nextObject() as? String {
    let attrs = try fm.attributesOfItem(atPath: cli.store + "/" + rel)
    let mode = attrs[.posixPermissions] as? Int
    let isDir = attrs[.type] as? FileAttributeType == .typeDirectory
    #expect(mode == (isDir ? 0o700 : 0o600), "\(rel) has mode \(String(mode ?? 0, radix: 8))")
  }
}

@Test("a damaged journal line is named by file:line, blocks writes, and check --repair fixes it")
func damagedJournal() throws {
  let cli = KravCLI()
  guard cli.isAvailable else { try Test.cancel("\(KravCLI.missingBinary)") }
  defer { cli.cleanUp() }
  try setUp(cli)
  #expect(try cli.run(["note", "add", "K1", "Første notat"]).status == 0)
  let dir = cli.store + "/journal"
  let file = try FileManager.default.contentsOfDirectory(atPath: dir).sorted().first!
  var bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: dir + "/" + file)))
  // Flip one bit inside the second line's text.
  let secondLine = bytes.firstIndex(of: 10)! + 1
  bytes[secondLine + 20] ^= 0x04
  try Data(bytes).write(to: URL(fileURLWithPath: dir + "/" + file))
  let check = try cli.run(["check"])
  #expect(check.status != 0)
  #expect(check.output.contains("journal/\(file):2"), "names file:line: \(check.output)")
  #expect(!check.output.contains("Bjørn"), "no personal data in findings")
  let refused = try cli.run(["note", "add", "K1", "Skal ikke lagres", "--lang", "en"])
  #expect(refused.status != 0)
  #expect(refused.output.contains("read-only"))
  // The same refusal in the Norwegian interface uses the TUI's word (issue 20).
  let nektet = try cli.run(["note", "add", "K1", "Skal ikke lagres", "--lang", "nb"])
  #expect(nektet.status != 0 && nektet.output.contains("skrivebeskyttet"))
  // Issue 16, point 11: repair asks first; a script answers with --yes.
  let repair = try cli.run(["check", "--repair", "--yes"])
  #expect(repair.status == 0, "\(repair.output)")
  #expect(repair.output.contains("quarantine"))
  #expect(try cli.run(["check"]).status == 0)
  let quarantined = try FileManager.default.contentsOfDirectory(atPath: cli.store + "/quarantine")
  #expect(!quarantined.isEmpty, "the cut lines are kept, not deleted")
}

@Test("a command retried with the same --request-id is recorded once")
func requestIdIdempotent() throws {
  let cli = KravCLI()
  guard cli.isAvailable else { try Test.cancel("\(KravCLI.missingBinary)") }
  defer { cli.cleanUp() }
  try setUp(cli)
  let first = try cli.run(["note", "add", "K1", "Ringte", "--request-id", "call-2026-11-30-1"])
  let again = try cli.run(["note", "add", "K1", "Ringte", "--request-id", "call-2026-11-30-1"])
  #expect(first.status == 0)
  #expect(again.status == 0, "a retry of a recorded change succeeds")
  #expect(again.output.contains("allerede registrert"))
  let show = try cli.json(["show", "K1"]) as! [String: Any]
  let notes = (show["events"] as! [[String: Any]]).filter { $0["type"] as? String == "note-added" }
  #expect(notes.count == 1)
  #expect(notes.first?["id"] as? String == "req:call-2026-11-30-1")
}
