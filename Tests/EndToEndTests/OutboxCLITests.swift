import Foundation
import KravTestSupport
import Testing

/// A message as received: its unfolded headers and its MIME parts (headers, decoded body).
private struct Received {
  var headers: [String: String] = [:]
  var parts: [(headers: [String: String], body: [UInt8])] = []

  init(_ bytes: [UInt8]) {
    let text = String(decoding: bytes, as: UTF8.self).replacingOccurrences(of: "\r\n", with: "\n")
    let (head, body) = Received.split(text)
    headers = Received.headers(head)
    guard let type = headers["content-type"], let r = type.range(of: "boundary=\"") else { return }
    let boundary = String(type[r.upperBound...].prefix { $0 != "\"" })
    for chunk in body.components(separatedBy: "--" + boundary).dropFirst() {
      guard !chunk.hasPrefix("--") else { break }
      let (h, b) = Received.split(String(chunk.drop { $0 == "\n" }))
      let ph = Received.headers(h)
      let raw = b.replacingOccurrences(of: "\n", with: "")
      let decoded =
        ph["content-transfer-encoding"] == "base64"
        ? Array(Data(base64Encoded: raw) ?? Data()) : Array(b.utf8)
      parts.append((ph, decoded))
    }
  }

  static func split(_ s: String) -> (String, String) {
    guard let r = s.range(of: "\n\n") else { return (s, "") }
    return (String(s[..<r.lowerBound]), String(s[r.upperBound...]))
  }

  static func headers(_ head: String) -> [String: String] {
    var out: [String: String] = [:]
    var last: String?
    for line in head.split(separator: "\n") {
      if line.first == " " || line.first == "\t", let k = last {
        out[k, default: ""] += " " + line.trimmingCharacters(in: .whitespaces)
      } else if let colon = line.firstIndex(of: ":") {
        let k = line[..<colon].lowercased()
        out[k] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        last = k
      }
    }
    return out
  }

  /// An RFC 2047 header value decoded (`=?UTF-8?B?…?=` words).
  static func decodeWords(_ v: String) -> String {
    var out = ""
    for word in v.split(separator: " ") {
      if word.hasPrefix("=?UTF-8?B?"), word.hasSuffix("?="),
        let d = Data(base64Encoded: String(word.dropFirst(10).dropLast(2)))
      {
        out += String(decoding: d, as: UTF8.self)
      } else {
        out += (out.isEmpty ? "" : " ") + word
      }
    }
    return out
  }
}

private let mailReady: (Bool, String) = {
  if Tool.find("msmtp") == nil { return (false, "msmtp is not installed") }
  if Tool.pythonWithAiosmtpd == nil { return (false, "python3 with aiosmtpd is not installed") }
  if Tool.find("pdftotext") == nil { return (false, "pdftotext (poppler-utils) is not installed") }
  return (true, "")
}()

private let pdfReady = Tool.find("pdftotext") != nil

/// Three customers whose reminders are due on 30 November 2026: Kari (consent to e-mail),
/// Ola (consent, but the server refuses his address), Per (no consent: paper).
private func setUp(_ k: KravCLI) throws {
  try k.runAll([
    [
      "init", "--creditor", "Fjordkraft Bøker AS", "--orgnr", "923609016", "--account",
      "12345678903", "--email", "post@fjordbok.no", "--address", "Strandgata 5, 5013 Bergen",
    ],
    [
      "customer", "add", "--id", "K1", "--name", "Kari Ødegård", "--kind", "consumer", "--email",
      "kari@example.no", "--address", "Løvåsveien 12, 0763 Oslo", "--email-consent", "2026-09-01",
    ],
    [
      "customer", "add", "--id", "K2", "--name", "Ola Nordmann", "--kind", "consumer", "--email",
      "ola@example.no", "--address", "Storgata 1, 0155 Oslo", "--email-consent", "2026-09-01",
    ],
    [
      "customer", "add", "--id", "K3", "--name", "Per Ås", "--kind", "consumer", "--email",
      "per@example.no", "--address", "Bøveien 3, 3800 Bø",
    ],
    [
      "claim", "add", "--customer", "K1", "--invoice", "1001", "--amount", "12 345,50",
      "--issued", "2026-10-02", "--due", "2026-10-16",
    ],
    [
      "claim", "add", "--customer", "K2", "--invoice", "2001", "--amount", "800",
      "--issued", "2026-10-02", "--due", "2026-10-16",
    ],
    [
      "claim", "add", "--customer", "K3", "--invoice", "3001", "--amount", "4 000",
      "--issued", "2026-10-02", "--due", "2026-10-16",
    ],
    ["step", "next", "--all-eligible"],
  ])
}

private func outbox(_ k: KravCLI, today: String? = nil) throws -> [String: [String: Any]] {
  let o = try k.json(["outbox"], today: today) as! [String: Any]
  var byCustomer: [String: [String: Any]] = [:]
  for d in o["documents"] as! [[String: Any]] where d["state"] as? String != "superseded" {
    byCustomer[d["customer"] as! String] = d
  }
  return byCustomer
}

@Test(
  "outbox send --all: an SMTP server receives the letter and PDF; refused or down leaves it unsent",
  .enabled(if: mailReady.0, Comment(rawValue: mailReady.1)))
func mailRoundTrip() throws {
  let k = KravCLI("mail", today: "2026-11-30")
  defer { k.cleanUp() }
  try setUp(k)
  let server = try SMTPServer(refuse: ["ola@example.no"])
  let config = try server.msmtpConfig(from: "post@fjordbok.no")
  try k.runAll([["outbox", "settings", "--sendmail", "msmtp -C \(config) -t"]])
  var box = try outbox(k)
  #expect(box["K1"]?["state"] as? String == "to-email")
  #expect(box["K2"]?["state"] as? String == "to-email")
  // No consent: on paper, whatever channel the letter was written for.
  #expect(box["K3"]?["state"] as? String == "to-print")
  #expect(box["K3"]?["paper_reason"] as? String == "no consent to electronic notices")

  let r = try k.run(["outbox", "send", "--all"])
  #expect(r.status == 1, "one of two was refused: \(r.output)")
  #expect(r.output.contains("1 av 2 ble ikke sendt"))
  let messages = server.messages()
  #expect(messages.count == 1)
  guard let raw = messages.first else { return }
  let m = Received(raw)
  // Headers: RFC 5322 date, encoded words for æøå, the recorded Message-ID.
  #expect(m.headers["from"]?.hasSuffix("<post@fjordbok.no>") == true)
  #expect(Received.decodeWords(m.headers["from"] ?? "").hasPrefix("Fjordkraft Bøker AS"))
  #expect(Received.decodeWords(m.headers["to"] ?? "").hasPrefix("Kari Ødegård"))
  #expect(m.headers["to"]?.contains("<kari@example.no>") == true)
  #expect(Received.decodeWords(m.headers["subject"] ?? "") == "Purring – faktura 1001")
  let date = m.headers["date"] ?? ""
  #expect(
    date.range(
      of: #"^(Mon|Tue|Wed|Thu|Fri|Sat|Sun), \d\d (Nov|Dec) 2026 \d\d:\d\d:\d\d [+-]\d{4}$"#,
      options: .regularExpression) != nil, "\(date)")
  #expect(date.contains("30 Nov 2026"))
  #expect(m.headers["mime-version"] == "1.0")
  let messageId = m.headers["message-id"] ?? ""
  #expect(messageId.hasPrefix("<krav.") && messageId.hasSuffix("@fjordbok.no>"))
  // A plain-text body and the PDF.
  #expect(m.parts.count == 2)
  guard m.parts.count == 2 else { return }
  #expect(m.parts[0].headers["content-type"] == "text/plain; charset=UTF-8")
  let body = String(decoding: m.parts[0].body, as: UTF8.self)
  #expect(body.contains("PURRING") && body.contains("Kari Ødegård"))
  #expect(m.parts[1].headers["content-type"]?.hasPrefix("application/pdf") == true)
  #expect(m.parts[1].body.starts(with: Array("%PDF-".utf8)))
  let pdfPath = k.dir + "/received.pdf"
  try Data(m.parts[1].body).write(to: URL(fileURLWithPath: pdfPath))
  let pdf = try Tool.pdfText(pdfPath)
  #expect(pdf.contains("Fjordkraft Bøker AS"))
  #expect(pdf.contains("Kari Ødegård"))
  #expect(
    pdf.contains("12 345,50 kr") || pdf.contains("12\u{2009}345,50\u{00A0}kr")
      || pdf.contains("12 345,50 kr"))
  #expect(pdf.contains("Betalingsfrist: 14.12.2026"))

  box = try outbox(k)
  let kari = box["K1"]!
  #expect(kari["state"] as? String == "sent")
  let left = kari["left"] as! [String: Any]
  #expect("<\(left["message_id"] as! String)>" == messageId)
  #expect(left["day"] as? String == "2026-11-30" && left["to"] as? String == "kari@example.no")
  #expect((left["answer"] as? String)?.hasPrefix("exit 0") == true)
  let ola = box["K2"]!
  #expect(ola["state"] as? String == "failed")
  let reason = (ola["failure"] as? [String: Any])?["reason"] as? String ?? ""
  #expect(
    reason.contains("the mailer refused it") && reason.contains("ola@example.no"), "\(reason)")
  // The deadline runs from the day it left: Kari's next step from 15 December, Ola's waits.
  let q = try k.json(["queue"]) as! [[String: Any]]
  let kq = q.first { $0["invoice"] as? String == "1001" }!
  #expect(kq["eligible_from"] as? String == "2026-12-15")
  let oq = q.first { $0["invoice"] as? String == "2001" }!
  #expect(oq["blocked_by"] as? String == "not-sent")

  // The server goes down: Ola's letter stays unsent, with the mailer's reason.
  server.stop()
  let down = try k.run(["outbox", "send", (ola["id"] as! String)])
  #expect(down.status == 1)
  #expect(down.output.contains("IKKE sendt"))
  let again = try outbox(k)["K2"]!
  #expect(again["state"] as? String == "failed")
  let why = (again["failure"] as? [String: Any])?["reason"] as? String ?? ""
  #expect(why.contains("exit") && why != reason, "\(why)")
  #expect(server.messages().count == 1)
  // Per's letter goes on paper: send refuses it by name.
  let per = try k.run(["outbox", "send", (box["K3"]!["id"] as! String)])
  #expect(per.status == 1 && per.output.contains("går på papir"))
  #expect(per.output.contains("ikke samtykke til elektroniske varsler"), "\(per.output)")
  // The list speaks the interface language too: states, days, channels and reasons.
  let nb = try k.run(["outbox", "--lang", "nb"]).output
  #expect(nb.contains("  sendt  K1  skrevet ") && nb.contains(" med e-post <"), "\(nb)")
  #expect(nb.contains("  feilet  K2  ") && nb.contains("(på papir: ikke samtykke"), "\(nb)")
  let en = try k.run(["outbox", "--lang", "en"]).output
  #expect(en.contains("  sent  K1  written 2026-") && en.contains("(on paper: no consent"), "\(en)")
}

@Test(
  "outbox print: odd-page starts, --confirm starts the deadlines, stale letters are re-issued",
  .enabled(if: pdfReady, "pdftotext (poppler-utils) is not installed"))
func printBatch() throws {
  let k = KravCLI("print", today: "2026-11-30")
  defer { k.cleanUp() }
  try setUp(k)
  // Kari and Ola withdraw their consent to e-mail: all three letters go on paper.
  try k.runAll([
    ["customer", "consent", "K1", "--withdraw"], ["customer", "consent", "K2", "--withdraw"],
  ])
  // Nobody's letter left on the 30th. On 2 December they are out of date: the debtor would get
  // less than 14 days. Printing writes them again, dated the 2nd, the old ones superseded.
  let out = k.dir + "/batch.pdf"
  let preview =
    try k.json(["outbox", "print", "--out", out], today: "2026-12-02") as! [String: Any]
  let ids = preview["letters"] as! [String]
  #expect(ids.count == 3 && ids.allSatisfy { $0.hasPrefix("2026-12-02-reminder-") })
  #expect(preview["confirmed"] as? Bool == false)
  var box = try k.json(["outbox"], today: "2026-12-02") as! [String: Any]
  let docs = box["documents"] as! [[String: Any]]
  let old = docs.filter { $0["state"] as? String == "superseded" }
  #expect(old.count == 3)
  #expect(Set(old.compactMap { $0["superseded_by"] as? String }) == Set(ids))
  // Still unsent: the claims wait.
  let q0 = try k.json(["queue"], today: "2026-12-02") as! [[String: Any]]
  #expect(q0.allSatisfy { $0["blocked_by"] as? String == "not-sent" })
  // Each letter starts on an odd page, numbered within itself.
  let pages = try Tool.pdfPages(out)
  let starts = pages.indices.filter {
    pages[$0].contains("Purring") && pages[$0].contains("Side 1 av")
  }
  #expect(starts.count == 3)
  #expect(starts.allSatisfy { $0 % 2 == 0 }, "0-based page indices \(starts)")
  let text = pages.joined()
  #expect(text.contains("Dette brevet erstatter brev 2026-11-30-reminder-"))
  #expect(text.contains("Betalingsfrist: 16.12.2026"))
  #expect(text.contains("Kari Ødegård") && text.contains("Per Ås"))
  // Re-issued: no second fee.
  #expect(!text.contains("Purregebyr: 0,00 kr (ikke krevd)"))

  let confirmed =
    try k.json(["outbox", "print", "--out", out, "--confirm"], today: "2026-12-02")
    as! [String: Any]
  #expect(Set(confirmed["letters"] as! [String]) == Set(ids))
  box = try k.json(["outbox", "--state", "printed"], today: "2026-12-02") as! [String: Any]
  let printed = box["documents"] as! [[String: Any]]
  #expect(printed.count == 3)
  #expect(
    printed.allSatisfy {
      ($0["left"] as? [String: Any])?["batch"] as? String == "print-2026-12-02-1"
    })
  // Deadline from the day printed: next step on 17 December (16th + 1).
  let q = try k.json(["queue"], today: "2026-12-02") as! [[String: Any]]
  #expect(q.allSatisfy { $0["eligible_from"] as? String == "2026-12-17" })
  // Nothing left to print.
  let none = try k.run(["outbox", "print", "--out", out], today: "2026-12-02")
  #expect(none.status == 0 && none.output.contains("Ingenting å skrive ut"))
  #expect(try k.run(["check"], today: "2026-12-02").status == 0)
}

@Test("outbox read prints a document; show --json lists each document with where it went")
func readAndShow() throws {
  let k = KravCLI("read", today: "2026-11-30")
  defer { k.cleanUp() }
  try setUp(k)
  let box = try outbox(k)
  let id = box["K3"]!["id"] as! String
  let r = try k.run(["outbox", "read", id])
  #expect(r.status == 0 && r.output.contains("PURRING") && r.output.contains("Per Ås"))
  try k.runAll([["outbox", "print", "--out", k.dir + "/b.pdf", "--confirm"]])
  let show = try k.json(["show", "K3"]) as! [String: Any]
  let documents = show["documents"] as! [[String: Any]]
  #expect(documents.count == 1)
  #expect(documents[0]["id"] as? String == id && documents[0]["state"] as? String == "printed")
  #expect((documents[0]["left"] as? [String: Any])?["batch"] as? String == "print-2026-11-30-1")
  let text = try k.run(["show", "K3"])
  #expect(text.output.contains("\(id): printed 2026-11-30 (batch print-2026-11-30-1)"))
}

@Test("customer consent: recorded and withdrawn; e-mail needs an address; bad days are refused")
func consent() throws {
  let k = KravCLI("consent", today: "2026-11-30")
  defer { k.cleanUp() }
  try setUp(k)
  let id = try outbox(k)["K3"]!["id"] as! String
  #expect(try outbox(k)["K3"]!["state"] as? String == "to-print")
  // Consent given after the letter was written does not make it go by e-mail.
  try k.runAll([["customer", "consent", "K3", "--email-consent", "2026-12-01"]])
  #expect(
    try outbox(k)["K3"]!["paper_reason"] as? String
      == "consent to electronic notices given 2026-12-01, after the letter was written")
  try k.runAll([["customer", "consent", "K3", "--email-consent", "2026-11-01"]])
  #expect(try outbox(k)["K3"]!["state"] as? String == "to-email")
  try k.runAll([["customer", "consent", "K3", "--withdraw"]])
  #expect(try outbox(k)["K3"]!["state"] as? String == "to-print")
  let bad = try k.run(["customer", "consent", "K3", "--email-consent", "2026-13-01"])
  #expect(bad.status != 0 && bad.output.contains("--email-consent"))
  let noMail = try k.run([
    "customer", "add", "--id", "K9", "--name", "X", "--kind", "consumer", "--email-consent",
    "2026-01-01",
  ])
  #expect(noMail.status != 0 && noMail.output.contains("--email-consent krever --email"))
  _ = id
}
