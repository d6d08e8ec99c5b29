import ArgumentParser
import Foundation
import KravApp
import KravCore
import KravLetters
import KravStore

extension Session {
  /// Every document and where it stands, from the journal (each customer's timeline).
  func outbox() throws -> Outbox {
    var box = Outbox()
    for c in ledger.customers.values {
      for ref in ledger.timeline(of: c.id) { box.apply(try store.event(at: ref)) }
    }
    return box
  }

  /// A store-relative file's bytes, or nil when it is missing.
  func readStoreFile(_ path: String) -> [UInt8]? {
    FileManager.default.contents(atPath: store.root + "/" + path).map { Array($0) }
  }

  /// Writes stale step letters again (Ledger.reissue) and returns, for each id in `ids`, the
  /// id to use now: the new letter's for a stale one, the same otherwise (nil when a stale
  /// letter's claims no longer wait for it: paid or moved on).
  func reissueStale(_ ids: [String], box: Outbox, timestamp: String) throws -> [String: String?] {
    var map: [String: String?] = [:]
    var drafts: [LetterDraft] = []
    for id in ids {
      guard let d = box[id] else { continue }
      guard box.isStale(d, today: today) else {
        map[id] = id
        continue
      }
      let taken = Set(drafts.map(\.id))
      if let draft = ledger.reissue(
        d, today: today, isTaken: { taken.contains($0) || letterExists($0) })
      {
        drafts.append(draft)
        map[id] = draft.id
      } else {
        map[id] = .some(nil)
      }
    }
    if !drafts.isEmpty {
      _ = try sendLetters(drafts, creditor: creditor, store: self, timestamp: timestamp)
      try catchUp()
    }
    return map
  }
}

/// `krav outbox`: the documents written and whether they left (Docs/letters.md).
struct OutboxCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "outbox",
    abstract: "Documents waiting to go by e-mail or on paper, and those that left.",
    discussion: """
      Every letter Krav writes waits here until it leaves: by e-mail through the system's
      mailer (`send`), or on paper in a print batch (`print`). A formal step's deadline counts
      from the day its letter left.
      """,
    subcommands: [List.self, Send.self, Print.self, Read.self, Settings.self],
    defaultSubcommand: List.self)

  static func documentJSON(_ d: Outbox.Document, box: Outbox, root: String) -> [String: Any] {
    var o: [String: Any] = [
      "id": d.id, "customer": d.customer, "kind": d.kind.rawValue,
      "step": d.step?.rawValue ?? NSNull(), "state": box.state(of: d).rawValue,
      "channel": box.channel(for: d).rawValue, "requested": d.requested?.rawValue ?? NSNull(),
      "written": d.written.iso, "written_at": d.writtenAt, "deadline": d.deadline?.iso ?? NSNull(),
      "invoices": d.invoices, "text": "\(root)/\(d.base).txt", "pdf": "\(root)/\(d.base).pdf",
      "superseded_by": d.supersededBy ?? NSNull(),
      "paper_reason": box.paperReason(for: d) ?? NSNull(),
    ]
    if let dep = d.departure {
      o["left"] =
        [
          "channel": dep.channel.rawValue, "day": dep.day.iso, "at": dep.at,
          "message_id": dep.messageId ?? NSNull(), "answer": dep.answer ?? NSNull(),
          "to": dep.to ?? NSNull(), "batch": dep.batch ?? NSNull(),
        ] as [String: Any]
    } else {
      o["left"] = NSNull()
    }
    if let f = d.failure {
      o["failure"] = ["at": f.at, "reason": f.reason]
    } else {
      o["failure"] = NSNull()
    }
    return o
  }

  /// One line for a document: id, state, channel, customer, written, and what happened.
  static func documentLine(_ d: Outbox.Document, box: Outbox) -> String {
    var s = "\(d.id)  \(box.state(of: d).rawValue)  \(d.customer)  written \(d.written.iso)"
    if let dep = d.departure {
      s += "  left \(dep.day.iso) by \(dep.channel.rawValue)"
      if let m = dep.messageId { s += " <\(m)>" }
      if let b = dep.batch { s += " batch \(b)" }
    } else if let f = d.failure {
      s += "  failed: \(f.reason)"
    } else if let why = box.paperReason(for: d) {
      s += "  (on paper: \(why))"
    }
    if let by = d.supersededBy { s += "  replaced by \(by)" }
    return s
  }

  struct List: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "list", abstract: "List the documents and where each stands.")
    @OptionGroup var global: GlobalOptions
    @Option(
      help:
        "Only documents in this state (to-email, to-print, sent, printed, failed, superseded, for-filing)."
    )
    var state: String?
    @Option(help: "Only this customer's documents.") var customer: String?

    func validate() throws {
      if let s = state, Outbox.State(rawValue: s) == nil {
        throw ValidationError(
          "--state: expected one of \(Outbox.State.allCases.map(\.rawValue).joined(separator: ", ")), got '\(s)'"
        )
      }
    }

    func run() throws {
      let session = try Session.open(global, writing: false)
      let box = try session.outbox()
      let docs = box.documents.filter { d in
        (state.map { box.state(of: d).rawValue == $0 } ?? true)
          && (customer.map { d.customer == $0 } ?? true)
      }
      if global.json {
        return Output.json([
          "documents": docs.map {
            OutboxCommand.documentJSON($0, box: box, root: session.store.root)
          }
        ])
      }
      if docs.isEmpty { return Output.line("No documents.") }
      for d in docs { Output.line(OutboxCommand.documentLine(d, box: box)) }
    }
  }

  struct Read: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "read", abstract: "Print a document's text.")
    @OptionGroup var global: GlobalOptions
    @Argument(help: "The document id (as `krav outbox` lists it).") var id: String

    func run() throws {
      let session = try Session.open(global, writing: false)
      let box = try session.outbox()
      guard let d = box[id] else { throw UserError("no document \(id) in the outbox") }
      guard let bytes = session.readStoreFile(d.base + ".txt") else {
        throw UserError("\(d.base).txt is missing")
      }
      let text = String(decoding: bytes, as: UTF8.self)
      if global.json {
        var o = OutboxCommand.documentJSON(d, box: box, root: session.store.root)
        o["content"] = text
        return Output.json(o)
      }
      print(VisibleText.escaped(text, keepLayout: true), terminator: "")
    }
  }

  struct Send: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "send", abstract: "Send documents by e-mail through the system's mailer.",
      discussion: """
        The mailer is the command in the store's settings (`krav outbox settings --sendmail`),
        else KRAV_SENDMAIL, else `sendmail -t -i`: it gets the whole message (plain text and
        the PDF attached) on standard input. A document is marked sent only when the mailer
        exits with status 0; otherwise it stays unsent with the mailer's answer. A letter that
        did not leave by the day written on it is written again with new dates first.
        """)
    @OptionGroup var global: GlobalOptions
    @Flag(help: "Every document waiting to go by e-mail (failed ones again too).") var all = false
    @Argument(help: "Document ids.") var ids: [String] = []

    func validate() throws {
      guard all != !ids.isEmpty else { throw ValidationError("give --all or document ids") }
    }

    func run() throws {
      let session = try Session.open(global, writing: true)
      try session.withStepLock {
        try session.catchUp()
        try send(session)
      }
    }

    func send(_ session: Session) throws {
      var box = try session.outbox()
      var chosen: [String] = []
      if all {
        chosen = box.documents.filter { d in
          let s = box.state(of: d)
          return s == .toEmail || (s == .failed && box.channel(for: d) == .email)
        }.map(\.id)
      } else {
        for id in ids {
          guard let d = box[id] else { throw UserError("no document \(id) in the outbox") }
          let s = box.state(of: d)
          switch s {
          case .toEmail: break
          case .failed where box.channel(for: d) == .email: break
          case .toPrint, .failed:
            throw UserError(
              "\(id) goes on paper (\(box.paperReason(for: d) ?? "sent by letter")): print it with"
                + " 'krav outbox print'")
          case .forFiling:
            throw UserError(
              "\(id) is a court draft or hand-over: it is filed, never sent to the debtor")
          default: throw UserError("\(id) is \(s.rawValue) already")
          }
          chosen.append(id)
        }
      }
      let timestamp = try global.timestamp()
      let replaced = try session.reissueStale(chosen, box: box, timestamp: timestamp)
      box = try session.outbox()
      let mailer = Mailer(
        command: Mailer.command(
          setting: session.store.info.sendmail, environment: ProcessInfo.processInfo.environment))
      var sent: [[String: Any]] = []
      var failed: [[String: Any]] = []
      var reissued: [[String: String]] = []
      for old in chosen {
        guard let mapped = replaced[old], let id = mapped, let d = box[id] else {
          failed.append([
            "id": old, "reason": "its claims no longer wait for it (paid or moved on)",
          ])
          continue
        }
        if id != old { reissued.append(["old": old, "new": id]) }
        let r = try sendOne(d, box: box, session: session, mailer: mailer, timestamp: timestamp)
        if r.ok { sent.append(r.json) } else { failed.append(r.json) }
      }
      if global.json {
        Output.json(["sent": sent, "failed": failed, "reissued": reissued])
      } else {
        for r in reissued {
          Output.line("\(r["old"]!) did not leave by its date: written again as \(r["new"]!)")
        }
        for s in sent { Output.line("sent \(s["id"]!) to \(s["to"]!) <\(s["message_id"]!)>") }
        for f in failed { Output.line("NOT sent \(f["id"]!): \(f["reason"]!)") }
        if sent.isEmpty && failed.isEmpty { Output.line("Nothing to send.") }
      }
      if !failed.isEmpty {
        throw UserError(
          "\(failed.count) of \(failed.count + sent.count) not sent; they stay in the outbox")
      }
    }

    func sendOne(
      _ d: Outbox.Document, box: Outbox, session: Session, mailer: Mailer, timestamp: String
    ) throws -> (ok: Bool, json: [String: Any]) {
      let recipient = box.recipients[d.customer]
      func fail(_ why: String) throws -> (ok: Bool, json: [String: Any]) {
        var e = Event(id: "", seq: 0, at: "", by: "", type: .documentFailed, customer: d.customer)
        e.ref = d.id
        e.channel = LetterChannel.email.rawValue
        e.text = why
        e.step = d.step?.rawValue
        e.at = timestamp
        _ = try session.append([e])
        return (false, ["id": d.id, "reason": why])
      }
      guard let email = recipient?.email, EmailAddress.isValid(email) else {
        return try fail("no valid e-mail address")
      }
      guard let text = session.readStoreFile(d.base + ".txt") else {
        return try fail("\(d.base).txt is missing")
      }
      guard let pdf = session.readStoreFile(d.base + ".pdf") else {
        return try fail("\(d.base).pdf is missing")
      }
      let title =
        session.readStoreFile(d.base + ".layout.json").flatMap {
          try? PrintedDocuments.decode($0).title
        }
        ?? "Brev"
      let subject =
        title
        + (d.invoices.isEmpty
          ? "" : " – " + d.invoices.map { "faktura \($0)" }.joined(separator: ", "))
      var random = [UInt8](repeating: 0, count: 8)
      for i in random.indices { random[i] = UInt8.random(in: 0...255) }
      let unique = random.map { String(format: "%02x", $0) }.joined()
      let message = MailMessage(
        from: session.creditor, to: (recipient?.name ?? d.customer, email), subject: subject,
        body: String(decoding: text, as: UTF8.self),
        attachment: ((d.id.split(separator: "/").last.map(String.init) ?? d.id) + ".pdf", pdf),
        date: timestamp, documentId: d.id, unique: unique)
      let answer: Mailer.Answer
      do {
        answer = try mailer.send(message.text)
      } catch {
        return try fail("the mailer could not be started (\(mailer.command)): \(error)")
      }
      guard answer.accepted else { return try fail("the mailer refused it: \(answer.summary)") }
      var e = Event(id: "", seq: 0, at: "", by: "", type: .documentSent, customer: d.customer)
      e.ref = d.id
      e.date = session.today
      e.channel = LetterChannel.email.rawValue
      e.text = answer.summary
      e.step = d.step?.rawValue
      e.at = timestamp
      e.extra["invoices"] = "[" + d.invoices.map(quoted).joined(separator: ",") + "]"
      e.extra["message_id"] = quoted(message.messageId)
      e.extra["to"] = quoted(email)
      _ = try session.append([e])
      return (
        true, ["id": d.id, "to": email, "message_id": message.messageId, "answer": answer.summary]
      )
    }
  }

  struct Print: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "print", abstract: "Make one PDF of the letters to print; mark them printed.",
      discussion: """
        Each letter starts on an odd page, for duplex printing. Without --confirm the batch is
        only written; print it, then run the same command with --confirm to mark its letters
        printed (their deadlines run from that day). A letter that did not leave by the day
        written on it is written again with new dates first.
        """)
    @OptionGroup var global: GlobalOptions
    @Option(help: "Only letters written on this day (YYYY-MM-DD).") var day: String?
    @Option(help: "The PDF file to write.") var out: String
    @Flag(help: "The batch was printed: mark its letters printed today.") var confirm = false

    func validate() throws {
      if let d = day, Day(parsing: d) == nil {
        throw ValidationError("--day: expected YYYY-MM-DD or DD.MM.YYYY, got '\(d)'")
      }
      _ = try required(out, "--out")
    }

    func run() throws {
      let session = try Session.open(global, writing: true)
      try session.withStepLock {
        try session.catchUp()
        try print(session)
      }
    }

    func print(_ session: Session) throws {
      var box = try session.outbox()
      let onDay = day.flatMap(Day.init(parsing:))
      var chosen = box.documents.filter { d in
        box.state(of: d) == .toPrint
          || (box.state(of: d) == .failed && box.channel(for: d) == .letter)
      }.filter { d in onDay.map { d.written == $0 } ?? true }.map(\.id)
      let timestamp = try global.timestamp()
      let replaced = try session.reissueStale(chosen, box: box, timestamp: timestamp)
      box = try session.outbox()
      chosen = chosen.compactMap { replaced[$0] ?? nil }
      var letters: [(Outbox.Document, PrintedLetter)] = []
      var skipped: [[String: String]] = []
      for id in chosen {
        guard let d = box[id] else { continue }
        guard box.recipients[d.customer]?.address?.isEmpty == false else {
          skipped.append(["id": id, "reason": "no postal address"])
          if confirm {
            var e = Event(
              id: "", seq: 0, at: "", by: "", type: .documentFailed, customer: d.customer)
            e.ref = d.id
            e.channel = LetterChannel.letter.rawValue
            e.text = "no postal address"
            e.at = timestamp
            _ = try session.append([e])
          }
          continue
        }
        guard let bytes = session.readStoreFile(d.base + ".layout.json"),
          let layout = try? PrintedDocuments.decode(bytes)
        else {
          skipped.append(["id": id, "reason": "\(d.base).layout.json is missing or unreadable"])
          continue
        }
        letters.append((d, layout))
      }
      let previous = Set(box.documents.compactMap { $0.departure?.batch })
      var n = 1
      while previous.contains("print-\(session.today.iso)-\(n)") { n += 1 }
      let batch = "print-\(session.today.iso)-\(n)"
      var pages = 0
      if !letters.isEmpty {
        let (bytes, count) = try LetterPDF.renderCounting(
          letters.map(\.1), logo: session.creditor.logo, oddPageStarts: true,
          title: "Utskrift \(batch)")
        let fd = open(out, O_CREAT | O_WRONLY | O_TRUNC, 0o600)
        guard fd >= 0 else {
          throw UserError("\(out): cannot write (\(String(cString: strerror(errno))))")
        }
        defer { close(fd) }
        let written = bytes.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
        guard written == bytes.count, fsync(fd) == 0 else {
          throw UserError("\(out): write failed")
        }
        pages = count
      }
      if confirm {
        for (d, _) in letters {
          var e = Event(
            id: "", seq: 0, at: "", by: "", type: .documentPrinted, customer: d.customer)
          e.ref = d.id
          e.date = session.today
          e.channel = LetterChannel.letter.rawValue
          e.step = d.step?.rawValue
          e.at = timestamp
          e.extra["invoices"] = "[" + d.invoices.map(quoted).joined(separator: ",") + "]"
          e.extra["batch"] = quoted(batch)
          _ = try session.append([e])
        }
      }
      if global.json {
        return Output.json(
          [
            "batch": letters.isEmpty ? NSNull() : batch, "file": letters.isEmpty ? NSNull() : out,
            "letters": letters.map(\.0.id), "pages": pages, "confirmed": confirm,
            "skipped": skipped,
          ] as [String: Any])
      }
      if letters.isEmpty {
        Output.line("Nothing to print.")
      } else {
        Output.line("\(out): \(letters.count) letter(s), \(pages) page(s), batch \(batch)")
        Output.line(
          confirm
            ? "Marked printed on \(session.today.iso)."
            : "Print it, then run the same command with --confirm to mark the letters printed.")
      }
      for s in skipped { Output.line("not in the batch: \(s["id"]!): \(s["reason"]!)") }
    }
  }

  struct Settings: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "settings", abstract: "Show or set the letterhead logo and the mail command.")
    @OptionGroup var global: GlobalOptions
    @Option(
      help: "A PNG logo for printed letters (a path inside the store or absolute; \"\" removes it)."
    )
    var logo: String?
    @Option(help: "The mail command, sendmail interface (e.g. \"msmtp -t\"; \"\" for the default).")
    var sendmail: String?

    func run() throws {
      let changing = logo != nil || sendmail != nil
      let session = try Session.open(global, writing: changing)
      if let l = logo, !l.isEmpty {
        let path = l.hasPrefix("/") ? l : session.store.root + "/" + l
        // Checked now, so a letter never fails later for want of its logo.
        do {
          try LetterPDF.checkLogo(path)
        } catch {
          throw UserError("--logo: \(l) is not a readable PNG (\(error))")
        }
      }
      var info = session.store.info
      if changing { info = try session.store.setLetterSettings(logo: logo, sendmail: sendmail) }
      let command = Mailer.command(
        setting: info.sendmail, environment: ProcessInfo.processInfo.environment)
      if global.json {
        return Output.json(
          ["logo": info.logo ?? NSNull(), "sendmail": info.sendmail ?? NSNull(), "mailer": command]
            as [String: Any])
      }
      Output.line("logo: \(info.logo ?? "(none)")")
      Output.line("mail command: \(command)\(info.sendmail == nil ? " (default)" : "")")
    }
  }
}

/// A JSON string literal.
func quoted(_ s: String) -> String {
  let data = try? JSONSerialization.data(withJSONObject: [s], options: [.withoutEscapingSlashes])
  let text = data.map { String(decoding: $0, as: UTF8.self) } ?? "[\"\"]"
  return String(text.dropFirst().dropLast())
}
