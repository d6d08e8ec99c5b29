import Foundation
import KravCore
import KravLetters

/// What the outbox does, shared by `krav outbox` and the TUI's outbox screen: find the
/// documents, write stale ones again, send by e-mail through the mailer, make print batches
/// and record what left (Docs/letters.md).
public enum OutboxService {
  /// Every document and where it stands, from each customer's timeline in the journal.
  public static func load(ledger: Ledger, store: AppStore) throws -> Outbox {
    var box = Outbox()
    for c in ledger.customers.values {
      for e in try store.events(at: ledger.timeline(of: c.id)) { box.apply(e) }
    }
    // A plan document or notice written before issue 19 has no printed layout beside it: it
    // counts as left the day it was written (nothing could have been sent through Krav).
    for d in box.documents
    where (d.kind == .plan || d.kind == .acceleration) && d.departure == nil
      && store.readDocument(d.base + ".layout.json") == nil
    {
      box.markLegacy(d.id)
    }
    return box
  }

  /// The documents `send --all` takes: waiting for e-mail, or failed by e-mail.
  public static func toSend(_ box: Outbox) -> [String] {
    box.documents.filter { d in
      let s = box.state(of: d)
      return s == .toEmail || (s == .failed && box.channel(for: d) == .email)
    }.map(\.id)
  }

  /// The documents a print batch takes (written on `day` when given).
  public static func toPrint(_ box: Outbox, day: Day? = nil) -> [String] {
    box.documents.filter { d in
      let s = box.state(of: d)
      return (s == .toPrint || (s == .failed && box.channel(for: d) == .letter))
        && (day.map { d.written == $0 } ?? true)
    }.map(\.id)
  }

  /// Writes the stale step letters among `ids` again (`Ledger.reissue`) and returns, per id,
  /// the id to use now (the new letter's for a stale one; nil when its claims no longer wait
  /// for it), the ledger with the new letters folded, and the pairs replaced.
  static func reissueStale(
    _ ids: [String], box: Outbox, ledger: Ledger, store: AppStore, creditor: Creditor, today: Day,
    timestamp: String
  ) throws -> (map: [String: String?], ledger: Ledger, reissued: [(old: String, new: String)]) {
    var map: [String: String?] = [:]
    var drafts: [LetterDraft] = []
    var reissued: [(String, String)] = []
    for id in ids {
      guard let d = box[id] else { continue }
      guard box.isStale(d, today: today) else {
        map[id] = id
        continue
      }
      let taken = Set(drafts.map(\.id))
      if let draft = ledger.reissue(
        d, today: today, isTaken: { taken.contains($0) || store.letterExists($0) })
      {
        drafts.append(draft)
        map[id] = draft.id
        reissued.append((id, draft.id))
      } else {
        map[id] = .some(nil)
      }
    }
    var folded = ledger
    if !drafts.isEmpty {
      for (e, r) in try sendLetters(drafts, creditor: creditor, store: store, timestamp: timestamp)
      {
        folded.apply(e, ref: r)
      }
    }
    return (map, folded, reissued)
  }

  public struct SendResult: Sendable {
    public var sent: [(id: String, to: String, messageId: String, answer: String)] = []
    public var failed: [(id: String, reason: String)] = []
    public var reissued: [(old: String, new: String)] = []
    /// Every event written (re-issued letters, sent, failed).
    public var stored: [(Event, EventRef)] = []
  }

  /// Sends `ids` (documents to go by e-mail) through `mailer`, each as a MIME message with
  /// its PDF; records `document-sent` for each the mailer accepted and `document-failed` with
  /// the reason for the others. Stale letters are written again first.
  public static func send(
    _ ids: [String], ledger: Ledger, store: AppStore, creditor: Creditor, mailer: Mailer,
    today: Day, timestamp: String
  ) throws -> SendResult {
    var result = SendResult()
    var box = try load(ledger: ledger, store: store)
    let r = try reissueStale(
      ids, box: box, ledger: ledger, store: store, creditor: creditor, today: today,
      timestamp: timestamp)
    result.reissued = r.reissued
    if !r.reissued.isEmpty { box = try load(ledger: r.ledger, store: store) }
    for old in ids {
      guard let mapped = r.map[old], let id = mapped, let d = box[id] else {
        result.failed.append((old, "its claims no longer wait for it (paid or moved on)"))
        continue
      }
      func fail(_ why: String) throws {
        var e = Event.draft(.documentFailed, customer: d.customer, at: timestamp)
        e.ref = d.id
        e.channel = LetterChannel.email.rawValue
        e.text = why
        e.step = d.step?.rawValue
        result.stored += try store.append([e])
        result.failed.append((d.id, why))
      }
      let recipient = box.recipients[d.customer]
      guard let email = recipient?.email, EmailAddress.isValid(email) else {
        try fail("no valid e-mail address")
        continue
      }
      guard let text = store.readDocument(d.base + ".txt") else {
        try fail("\(d.base).txt is missing")
        continue
      }
      guard let pdf = store.readDocument(d.base + ".pdf") else {
        try fail("\(d.base).pdf is missing")
        continue
      }
      let title =
        store.readDocument(d.base + ".layout.json").flatMap {
          try? PrintedDocuments.decode($0).title
        } ?? "Brev"
      let subject =
        title
        + (d.invoices.isEmpty
          ? "" : " – " + d.invoices.map { "faktura \($0)" }.joined(separator: ", "))
      var random = [UInt8](repeating: 0, count: 8)
      for i in random.indices { random[i] = UInt8.random(in: 0...255) }
      let unique = random.map { String(format: "%02x", $0) }.joined()
      let message = MailMessage(
        from: creditor, to: (recipient?.name ?? d.customer, email), subject: subject,
        body: String(decoding: text, as: UTF8.self),
        attachment: ((d.id.split(separator: "/").last.map(String.init) ?? d.id) + ".pdf", pdf),
        date: timestamp, documentId: d.id, unique: unique)
      let answer: Mailer.Answer
      do {
        answer = try mailer.send(message.text)
      } catch {
        try fail("the mailer could not be started (\(mailer.command)): \(error)")
        continue
      }
      guard answer.accepted else {
        try fail("the mailer refused it: \(answer.summary)")
        continue
      }
      var e = Event.draft(.documentSent, customer: d.customer, at: timestamp)
      e.ref = d.id
      e.date = today
      e.channel = LetterChannel.email.rawValue
      e.text = answer.summary
      e.step = d.step?.rawValue
      e.outboxInvoices = d.invoices
      e.extra["message_id"] = PlanJSONText.quote(message.messageId)
      e.extra["to"] = PlanJSONText.quote(email)
      result.stored += try store.append([e])
      result.sent.append((d.id, email, message.messageId, answer.summary))
    }
    return result
  }

  public struct PrintResult: Sendable {
    /// The batch id (`print-<day>-<n>`), the PDF's bytes and pages; nil when nothing to print.
    public var batch: String?
    public var pdf: [UInt8] = []
    public var pages = 0
    public var letters: [String] = []
    public var skipped: [(id: String, reason: String)] = []
    public var reissued: [(old: String, new: String)] = []
    public var stored: [(Event, EventRef)] = []
  }

  /// One PDF of `ids` (documents to print), each letter on an odd page; with `confirm`, each
  /// letter in it is recorded `document-printed` today with the batch id (and a letter that
  /// cannot be printed, for want of a postal address, `document-failed`).
  public static func printBatch(
    _ ids: [String], ledger: Ledger, store: AppStore, creditor: Creditor, today: Day,
    timestamp: String, confirm: Bool, batchFile: String? = nil
  ) throws -> PrintResult {
    var result = PrintResult()
    var box = try load(ledger: ledger, store: store)
    let r = try reissueStale(
      ids, box: box, ledger: ledger, store: store, creditor: creditor, today: today,
      timestamp: timestamp)
    result.reissued = r.reissued
    if !r.reissued.isEmpty { box = try load(ledger: r.ledger, store: store) }
    var letters: [(Outbox.Document, PrintedLetter)] = []
    for old in ids {
      guard let mapped = r.map[old], let id = mapped, let d = box[id] else { continue }
      guard box.recipients[d.customer]?.address?.isEmpty == false else {
        result.skipped.append((id, "no postal address"))
        if confirm {
          var e = Event.draft(.documentFailed, customer: d.customer, at: timestamp)
          e.ref = d.id
          e.channel = LetterChannel.letter.rawValue
          e.text = "no postal address"
          result.stored += try store.append([e])
        }
        continue
      }
      guard let bytes = store.readDocument(d.base + ".layout.json"),
        let layout = try? PrintedDocuments.decode(bytes)
      else {
        result.skipped.append((id, "\(d.base).layout.json is missing or unreadable"))
        continue
      }
      letters.append((d, layout))
    }
    guard !letters.isEmpty else { return result }
    let previous = Set(box.documents.compactMap { $0.departure?.batch })
    var n = 1
    while previous.contains("print-\(today.iso)-\(n)") { n += 1 }
    let batch = "print-\(today.iso)-\(n)"
    let (bytes, pages) = try LetterPDF.renderCounting(
      letters.map(\.1), logo: creditor.logo, oddPageStarts: true, title: "Utskrift \(batch)")
    result.batch = batch
    result.pdf = bytes
    result.pages = pages
    result.letters = letters.map(\.0.id)
    if confirm {
      var events: [Event] = []
      for (d, _) in letters {
        var e = Event.draft(.documentPrinted, customer: d.customer, at: timestamp)
        e.ref = d.id
        e.date = today
        e.channel = LetterChannel.letter.rawValue
        e.step = d.step?.rawValue
        e.outboxInvoices = d.invoices
        e.extra["batch"] = PlanJSONText.quote(batch)
        // The batch's PDF when it is kept in the store (the TUI's letters/print/), so `krav
        // check` knows the file.
        if let batchFile { e.extra["batch_file"] = PlanJSONText.quote(batchFile) }
        events.append(e)
      }
      result.stored += try store.append(events)
    }
    return result
  }
}
