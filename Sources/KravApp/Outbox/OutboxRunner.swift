import Foundation
import KravCore
import KravLetters

/// Carries out the outbox screen's requests against the store (EffectRunner calls this).
enum OutboxRunner {
  /// The events written, folded as the runtime folds any stored batch (the status line is
  /// the outbox's own summary, which follows).
  static func appended(_ stored: [(Event, EventRef)]) -> [Msg] {
    stored.isEmpty ? [] : [.external(stored)]
  }

  static func run(
    _ request: OutboxRequest, ledger: Ledger, creditor: Creditor?, store: AppStore, clock: AppClock,
    language: Language
  ) -> [Msg] {
    func text(_ nb: String, _ en: String) -> String { language == .nb ? nb : en }
    do {
      switch request {
      case .load:
        return [.outbox(.loaded(try OutboxService.load(ledger: ledger, store: store)))]
      case .read(let id, let path):
        guard let bytes = store.readDocument(path) else {
          return [.outbox(.failed(text("\(path) mangler", "\(path) is missing")))]
        }
        return [.outbox(.read(id: id, text: String(decoding: bytes, as: UTF8.self)))]
      case .send(let ids):
        guard let creditor else { return [.outbox(.failed("no creditor"))] }
        let r = try store.withStepLock {
          try OutboxService.send(
            ids, ledger: ledger, store: store, creditor: creditor,
            mailer: Mailer(command: store.mailCommand), today: clock.today(),
            timestamp: clock.timestamp())
        }
        var folded = ledger
        for (e, ref) in r.stored { folded.apply(e, ref: ref) }
        let box = try OutboxService.load(ledger: folded, store: store)
        var summary = text("\(r.sent.count) sendt", "\(r.sent.count) sent")
        if let f = r.failed.first {
          summary += text(
            ", \(r.failed.count) ikke sendt (\(f.id): \(f.reason))",
            ", \(r.failed.count) not sent (\(f.id): \(f.reason))")
        }
        return appended(r.stored) + [.outbox(.done(box, summary: summary, batchPath: nil))]
      case .print(let confirm, let file):
        guard let creditor else { return [.outbox(.failed("no creditor"))] }
        let today = clock.today()
        let box0 = try OutboxService.load(ledger: ledger, store: store)
        let ids = OutboxService.toPrint(box0)
        let r = try store.withStepLock {
          try OutboxService.printBatch(
            ids, ledger: ledger, store: store, creditor: creditor, today: today,
            timestamp: clock.timestamp(), confirm: confirm, batchFile: file)
        }
        var folded = ledger
        for (e, ref) in r.stored { folded.apply(e, ref: ref) }
        let box = try OutboxService.load(ledger: folded, store: store)
        guard let batch = r.batch else {
          return appended(r.stored) + [
            .outbox(
              .done(box, summary: text("Ingenting å skrive ut", "Nothing to print"), batchPath: nil)
            )
          ]
        }
        if confirm {
          return appended(r.stored) + [
            .outbox(
              .done(
                box,
                summary: text(
                  "\(r.letters.count) brev merket skrevet ut (\(batch))",
                  "\(r.letters.count) letter(s) marked printed (\(batch))"), batchPath: nil))
          ]
        }
        // The batch goes to letters/print/ (durably, 0600); the collector prints it and says so.
        var path = "letters/print/\(batch).pdf"
        var n = 2
        while store.readDocument(path) != nil {
          path = "letters/print/\(batch)-\(n).pdf"
          n += 1
        }
        try store.saveDocuments([DocumentFile(path: path, bytes: r.pdf)])
        return appended(r.stored) + [
          .outbox(
            .done(
              box,
              summary: text(
                "\(path): \(r.letters.count) brev, \(r.pages) sider",
                "\(path): \(r.letters.count) letter(s), \(r.pages) page(s)"), batchPath: path))
        ]
      }
    } catch {
      return [.outbox(.failed(errorText(error, language)))]
    }
  }
}
