import Foundation
import KravCore
import KravTestSupport
import Testing

/// A creditor with e-mail and Bjørn (K1, phone and e-mail) owing invoice 1001, due 1 Sep.
private func addBjørn(_ cli: KravCLI) throws {
  try cli.runAll([
    [
      "init", "--creditor", "Fjord Rør AS", "--orgnr", "123456785", "--account", "86011117947",
      "--email", "post@fjordror.example",
    ],
    [
      "customer", "add", "--id", "K1", "--name", "Bjørn Løvås", "--kind", "consumer", "--phone",
      "+47 912 34 567", "--email", "bjorn@example.no",
    ],
    [
      "claim", "add", "--customer", "K1", "--invoice", "1001", "--amount", "10 000,00",
      "--issued", "2026-08-01", "--due", "2026-09-01", "--kid", "10017",
    ],
  ])
}

@Test(
  "the collector's day on the command line, with --json and the call rules", .timeLimit(.minutes(6))
)
func collectorDayCLI() throws {
  let cli = KravCLI("day", now: "2026-11-30T10:00")
  guard cli.isAvailable else { try Test.cancel("\(KravCLI.missingBinary)") }
  defer { cli.cleanUp() }
  try addBjørn(cli)
  // A promise: pending until 4 Dec + 3 days' grace.
  let p = try cli.json(["promise", "add", "K1", "--amount", "2 000,00", "--date", "04.12.2026"])
  #expect(
    ((p as! [String: Any])["events"] as! [[String: Any]])[0]["type"] as? String == "promise-made")
  let bad = try cli.run(["promise", "add", "K1", "--amount", "2000", "--date", "2026-11-01"])
  #expect(bad.status == 1 && bad.output.contains("--date"))

  // Tuesday 8 Dec: broken, K1 on top of the list, callable at 10:00 but not at 17:00.
  let morning = try cli.json(["calls"], now: "2026-12-08T10:00") as! [[String: Any]]
  try #require(morning.count == 1)
  #expect(morning[0]["customer"] as? String == "K1")
  #expect(morning[0]["phone"] as? String == "+47 912 34 567")
  #expect(morning[0]["callable_now"] as? Bool == true)
  #expect(morning[0]["pinned"] as? Bool == true)
  let reasons = morning[0]["reasons"] as! [[String: Any]]
  #expect(reasons.map { $0["reason"] as? String } == ["broken-promise"])
  #expect(morning[0]["amount"] as? String != nil)
  let evening = try cli.json(["calls"], now: "2026-12-08T17:00") as! [[String: Any]]
  #expect(evening[0]["callable_now"] as? Bool == false)
  #expect(evening[0]["callable_from"] as? String == "2026-12-09T08:00")
  #expect(evening[0]["blocked_by"] as? [String] == ["after-hours"])

  // Logging a call outside the rules asks for a reason, and writes nothing without one.
  let before = cli.journal()
  let refused = try cli.run(
    ["call", "log", "K1", "--outcome", "reached", "--summary", "Ringte etter jobb"],
    now: "2026-12-08T17:00")
  #expect(refused.status == 1)
  #expect(refused.output.contains("--reason"))
  #expect(cli.journal() == before)
  // Issue 20: every problem at once (the reason, the summary, the promise's amount and day).
  let all = try cli.run(
    [
      "call", "log", "K1", "--outcome", "reached", "--promise", "tusen", "--promise-date",
      "32.13.2026", "--promise-invoice", "1001",
    ], now: "2026-12-08T17:00")
  #expect(all.status == 1)
  for option in ["--reason", "summary", "--promise:", "--promise-date"] {
    #expect(all.output.contains(option), "\(option) in \(all.output)")
  }
  #expect(cli.journal() == before)
  let logged =
    try cli.json(
      [
        "call", "log", "K1", "--outcome", "reached", "--summary", "Lønn på fredag – betaler da",
        "--reason", "Kunden ba om å bli ringt etter jobb", "--promise", "2000", "--promise-date",
        "2026-12-11",
      ], now: "2026-12-08T17:00") as! [String: Any]
  let email = logged["email"] as! String
  #expect(email == "letters/2026-12-08-samtale-K1.eml")
  let eml = try String(contentsOfFile: cli.store + "/" + email, encoding: .utf8)
  #expect(eml.contains("Content-Type: text/plain; charset=UTF-8"))
  #expect(eml.contains("Subject: Oppsummering av samtalen 08.12.2026"))
  #expect(eml.contains("innen 11.12.2026"))
  let types = (logged["events"] as! [[String: Any]]).map { $0["type"] as? String }
  #expect(types == ["call-logged", "promise-made"])
  #expect(cli.journal().contains("\"ref\":\"letters/2026-12-08-samtale-K1.eml\""))
  #expect(cli.journal().contains("Lønn på fredag – betaler da"))
  // Issue 20: the e-mail is the neutral template of what was agreed, never the summary.
  let mailText = FollowUpMail.decodeQuotedPrintable(
    eml.components(separatedBy: "\r\n\r\n").dropFirst().joined(separator: "\r\n\r\n"))
  #expect(!mailText.contains("Lønn på fredag"))
  #expect(mailText.contains("Du betaler 2 000,00 kr innen 11.12.2026"))
  // Called today: off the list, and a second call today is against the rules.
  #expect((try cli.json(["calls"], now: "2026-12-08T17:05") as! [Any]).isEmpty)

  // A partial objection: 2 500 of 10 000 disputed, the rest goes on.
  let opened =
    try cli.json(
      [
        "dispute", "open", "--invoice", "1001", "--amount", "2500", "--reason", "defect", "--text",
        "Riper i emaljen", "--channel", "phone", "--who", "Bjørn",
      ], now: "2026-12-09T09:00") as! [String: Any]
  #expect(opened["partial"] as? Bool == true)
  #expect(opened["disputed"] as? String == "2500.00")
  let id = opened["id"] as! String
  let show = try cli.json(["show", "K1"], now: "2026-12-09T09:00") as! [String: Any]
  let claims = show["claims"] as! [[String: Any]]
  #expect(claims[0]["status"] as? String == "overdue")
  #expect(claims[0]["disputed"] as? String == "2500.00")
  let disputes = show["disputes"] as! [[String: Any]]
  let outstanding = Double(claims[0]["outstanding"] as! String)!
  #expect(Double(disputes[0]["undisputed"] as! String)! == outstanding - 2500)
  let promises = show["promises"] as! [[String: Any]]
  #expect(promises.map { $0["state"] as? String } == ["broken", "pending"])

  // Rejected: the answer is drafted and collection resumes after 14 days.
  let noText = try cli.run(["dispute", "resolve", id, "--rejected"], now: "2026-12-09T09:30")
  #expect(noText.status != 0)
  let resolved =
    try cli.json(
      ["dispute", "resolve", id, "--rejected", "--text", "Emaljen var hel ved levering"],
      now: "2026-12-09T09:30") as! [String: Any]
  #expect(resolved["resumes"] as? String == "2026-12-24")
  let answer = resolved["email"] as! String
  #expect(FileManager.default.fileExists(atPath: cli.store + "/" + answer))
  #expect(cli.journal().contains("\"letter\":\"\(answer)\""))

  // A hold, the do-not-call flag, and the office hours.
  #expect(
    try cli.run(["hold", "K1", "--until", "2026-12-20", "--reason", "Sykehus"]).status == 0)
  let early = try cli.run(["hold", "--invoice", "1001", "--until", "2026-01-01", "--reason", "x"])
  #expect(early.status == 1 && early.output.contains("--until"))
  #expect(try cli.run(["call", "do-not-call", "K1", "--text", "Ba om bare e-post"]).status == 0)
  let shown = try cli.json(["show", "K1"]) as! [String: Any]
  #expect((shown["customer"] as! [String: Any])["do_not_call"] as? Bool == true)
  let wide = try cli.run(["calls", "config", "--weekdays", "07:00-16:00", "--lang", "en"])
  #expect(wide.status == 1 && wide.output.contains("legal frame"))
  let narrow =
    try cli.json(["calls", "config", "--weekdays", "09:00-15:00", "--weight", "hold-ends=80"])
    as! [String: Any]
  #expect(narrow["weekday_hours"] as? String == "09:00-15:00")
  #expect((narrow["weights"] as! [String: Int])["hold-ends"] == 80)
}

@Test("call log --email-text: the customer's e-mail is the text given, the summary stays internal")
func callLogEmailText() throws {
  let cli = KravCLI("emailtext", now: "2026-11-30T10:00")
  guard cli.isAvailable else { try Test.cancel("\(KravCLI.missingBinary)") }
  defer { cli.cleanUp() }
  try addBjørn(cli)
  let noSummary = try cli.run(["call", "log", "K1", "--outcome", "reached"])
  #expect(noSummary.status == 1 && noSummary.output.contains("summary"))
  let logged =
    try cli.json([
      "call", "log", "K1", "--outcome", "reached", "--summary",
      "Snakket med Solveig – virket stresset\nRinger igjen fredag", "--email-text",
      "Hei Bjørn,\n\nTakk for samtalen i dag. Vi hører fra deg på fredag.\n\nVennlig hilsen\nFjord Rør AS",
    ]) as! [String: Any]
  let email = logged["email"] as! String
  let eml = try String(contentsOfFile: cli.store + "/" + email, encoding: .utf8)
  let text = FollowUpMail.decodeQuotedPrintable(
    eml.components(separatedBy: "\r\n\r\n").dropFirst().joined(separator: "\r\n\r\n"))
  #expect(
    text
      == "Hei Bjørn,\n\nTakk for samtalen i dag. Vi hører fra deg på fredag.\n\nVennlig hilsen\nFjord Rør AS\n"
  )
  #expect(cli.journal().contains("Snakket med Solveig"))
  // The timeline of `show` keeps the summary's line break, the second line under the first.
  let show = try cli.run(["show", "K1"])
  let lines = show.output.components(separatedBy: "\n")
  let i = try #require(lines.firstIndex { $0.contains("Snakket med Solveig – virket stresset") })
  let column = lines[i].range(of: "Samtale")!.lowerBound.utf16Offset(in: lines[i])
  #expect(lines[i + 1].hasPrefix(String(repeating: " ", count: column) + "Ringer igjen fredag"))
  let both = try cli.run([
    "call", "log", "K1", "--outcome", "reached", "--summary", "x", "--no-email", "--email-text",
    "y",
  ])
  #expect(both.status != 0)
}
