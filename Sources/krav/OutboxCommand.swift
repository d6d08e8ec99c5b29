import ArgumentParser
import Foundation
import KravApp
import KravCore
import KravLetters
import KravStore

extension Session {
  /// Every document and where it stands, from the journal (each customer's timeline).
  func outbox() throws -> Outbox { try OutboxService.load(ledger: ledger, store: self) }

  /// A store-relative file's bytes, or nil when it is missing.
  func readStoreFile(_ path: String) -> [UInt8]? { readDocument(path) }

  func readDocument(_ path: String) -> [UInt8]? {
    guard !path.split(separator: "/").contains("..") else { return nil }
    return FileManager.default.contents(atPath: store.root + "/" + path).map { Array($0) }
  }

  /// The mail command the TUI's outbox sends through (AppStore).
  var mailCommand: String { mailer.command }

  /// The mailer: the store's setting, else KRAV_SENDMAIL, else `sendmail -t -i`.
  var mailer: Mailer {
    Mailer(
      command: Mailer.command(
        setting: store.info.sendmail, environment: ProcessInfo.processInfo.environment))
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
    subcommands: [List.self, Send.self, Print.self, Read.self, Pdf.self, Settings.self],
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
        throw CLIText.expected(
          option: "--state", .oneOf(Outbox.State.allCases.map(\.rawValue)), got: s
        ).invalid
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
      if docs.isEmpty { return Output.line(CLIText.noDocuments.text(session.lang)) }
      let t = Catalogue(session.lang)
      for d in docs { Output.line(t.outboxLine(d, box: box)) }
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
      guard let d = box[id] else { throw session.error(.noDocument(id)) }
      guard let bytes = session.readStoreFile(d.base + ".txt") else {
        throw session.error(.documentTextMissing(d.base))
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
      guard all != !ids.isEmpty else { throw CLIText.giveAllOrIds.invalid }
    }

    func run() throws {
      let session = try Session.open(global, writing: true)
      try session.withStepLock {
        try session.catchUp()
        try send(session)
      }
    }

    func send(_ session: Session) throws {
      let box = try session.outbox()
      var chosen: [String] = []
      if all {
        chosen = OutboxService.toSend(box)
      } else {
        for id in ids {
          guard let d = box[id] else { throw session.error(.noDocument(id)) }
          let s = box.state(of: d)
          switch s {
          case .toEmail: break
          case .failed where box.channel(for: d) == .email: break
          case .toPrint, .failed:
            throw session.error(
              .goesOnPaper(
                id, reason: box.paperCause(for: d).map(Catalogue(session.lang).paperCause)))
          case .forFiling:
            throw session.error(.forFiling(id))
          default: throw session.error(.alreadyInState(id, s.rawValue))
          }
          chosen.append(id)
        }
      }
      let r = try OutboxService.send(
        chosen, ledger: session.ledger, store: session, creditor: session.creditor,
        mailer: session.mailer, today: session.today, timestamp: try global.timestamp())
      if global.json {
        Output.json([
          "sent": r.sent.map {
            ["id": $0.id, "to": $0.to, "message_id": $0.messageId, "answer": $0.answer]
          },
          "failed": r.failed.map { ["id": $0.id, "reason": $0.reason] },
          "reissued": r.reissued.map { ["old": $0.old, "new": $0.new] },
        ])
      } else {
        for x in r.reissued {
          Output.line(CLIText.reissued(old: x.old, new: x.new).text(session.lang))
        }
        for x in r.sent {
          Output.line(CLIText.sentTo(x.id, to: x.to, messageId: x.messageId).text(session.lang))
        }
        for x in r.failed { Output.line(CLIText.notSent(x.id, x.reason).text(session.lang)) }
        if r.sent.isEmpty && r.failed.isEmpty {
          Output.line(CLIText.nothingToSend.text(session.lang))
        }
      }
      if !r.failed.isEmpty {
        throw session.error(.notSentCount(r.failed.count, of: r.failed.count + r.sent.count))
      }
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
        throw CLIText.expected(option: "--day", .dayFormat, got: d).invalid
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
      let box = try session.outbox()
      let chosen = OutboxService.toPrint(box, day: day.flatMap(Day.init(parsing:)))
      let r = try OutboxService.printBatch(
        chosen, ledger: session.ledger, store: session, creditor: session.creditor,
        today: session.today, timestamp: try global.timestamp(), confirm: confirm)
      if r.batch != nil {
        let fd = open(out, O_CREAT | O_WRONLY | O_TRUNC, 0o600)
        guard fd >= 0 else {
          throw session.error(.cannotWrite(out, String(cString: strerror(errno))))
        }
        defer { close(fd) }
        let written = r.pdf.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
        guard written == r.pdf.count, fsync(fd) == 0 else {
          throw session.error(.writeFailed(out))
        }
      }
      if global.json {
        return Output.json(
          [
            "batch": r.batch ?? NSNull(), "file": r.batch == nil ? NSNull() : out,
            "letters": r.letters, "pages": r.pages, "confirmed": confirm,
            "skipped": r.skipped.map { ["id": $0.id, "reason": $0.reason] },
            "reissued": r.reissued.map { ["old": $0.old, "new": $0.new] },
          ] as [String: Any])
      }
      for x in r.reissued {
        Output.line(CLIText.reissued(old: x.old, new: x.new).text(session.lang))
      }
      if let batch = r.batch {
        Output.line(
          CLIText.printBatch(out, letters: r.letters.count, pages: r.pages, batch: batch)
            .text(session.lang))
        Output.line(
          (confirm ? CLIText.markedPrinted(session.today) : .printThenConfirm).text(session.lang))
      } else {
        Output.line(CLIText.nothingToPrint.text(session.lang))
      }
      for x in r.skipped { Output.line(CLIText.notInBatch(x.id, x.reason).text(session.lang)) }
    }
  }

  /// `krav outbox pdf letters/….eml`: a PDF of an e-mail draft (a call follow-up), when wanted.
  struct Pdf: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "pdf",
      abstract: "Make a PDF of an e-mail draft (a call follow-up), beside it in letters/.")
    @OptionGroup var global: GlobalOptions
    @Argument(help: "The draft, as the call names it (letters/2026-12-08-samtale-K1.eml).")
    var draft: String

    func run() throws {
      let session = try Session.open(global, writing: true)
      guard draft.hasPrefix("letters/"), draft.hasSuffix(".eml") else {
        throw session.error(.notAnEmailDraft(draft))
      }
      guard let bytes = session.readDocument(draft) else {
        throw session.error(.doesNotExist(draft))
      }
      // The customer is the one whose event names the draft.
      var owner: Customer?
      search: for c in session.ledger.customers.values {
        for e in try session.events(at: session.ledger.timeline(of: c.id)) {
          if e.ref == draft || e.extra.values.contains("\"\(draft)\"") {
            owner = c
            break search
          }
        }
      }
      guard let customer = owner else { throw session.error(.noEventNames(draft)) }
      let files = try DraftPDF.files(
        path: draft, bytes: bytes, creditor: session.creditor, customer: customer,
        today: session.today)
      do {
        try session.store.writeDocuments(files)
      } catch {
        throw session.error(.pdfNotWritten(files[0].path, errorText(error, session.lang)))
      }
      if global.json { return Output.json(["pdf": session.store.root + "/" + files[0].path]) }
      Output.line(session.store.root + "/" + files[0].path)
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
          throw session.error(.logoUnreadable(l, "\(error)"))
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
      Output.line(CLIText.logoSetting(info.logo).text(session.lang))
      Output.line(
        CLIText.mailCommand(command, isDefault: info.sendmail == nil).text(session.lang))
    }
  }
}
