import ArgumentParser
import Foundation
import KravApp
import KravCore
import KravExchange
import KravStore

/// `krav import payments FILE`: a bank file, checked (accounts, currency), matched, previewed
/// with `--dry-run`, and registered all or nothing (Docs/import-export.md §2).
extension ImportCommand {
  struct Payments: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Import a bank file (OCR giro or camt.054, detected from its content).")
    @OptionGroup var global: GlobalOptions
    @Argument(help: "The bank file.") var file: String
    @Option(help: "Spread payments naming only a customer: oldest-first or newest-first.")
    var order: AllocationOrder = .oldestFirst
    @Flag(name: .customLong("dry-run"), help: "Show what would be registered; write nothing.")
    var dryRun = false
    @Flag(
      name: .customLong("any-account"),
      help: "Register payments to accounts that are not the creditor's (recorded in each event).")
    var anyAccount = false

    func run() throws {
      let bytes = try readInputFile(file)
      let session = try Session.open(global, writing: !dryRun)
      let ledger = session.ledger
      let store = session.store
      let options = PaymentImport.Options(
        accounts: try store.currentAccounts(), anyAccount: anyAccount, order: order,
        today: session.today)
      let history = Payments.history(session)
      let plan = try importing { () throws(ImportFailure) in
        try PaymentImport.plan(
          bytes, file: file, ledger: ledger, options: options,
          stored: { store.containsEvent(id: $0) }, history: history)
      }
      // All or nothing (issue 15): a payment dated after today refuses the whole file, naming
      // its line; the preview flags it the same way.
      let today = session.today
      if let ahead = plan.lines.first(where: { $0.isNew && $0.payment.day > today }) {
        throw UserError(
          "\(file):\(ahead.payment.line): "
            + CLIText.paymentDate(option: "date", ahead.payment.day, today: today).text(
              session.lang)
            + (session.lang == .nb ? "; ingenting ble importert" : "; nothing was imported"))
      }
      if !dryRun { try session.append(plan.events) }
      if global.json {
        Output.json(json(plan))
      } else {
        text(plan)
      }
    }

    /// Where reversals look for the payments they take back: the customer's timeline, then
    /// (only if that finds nothing) one plain replay of every journal.
    static func history(_ session: Session) -> PaymentHistory {
      let store = session.store
      let ledger = session.ledger
      let path = session.global.storePath
      let writer = "\(session.global.user)@\(Session.host)-cli"
      func isPayment(_ e: Event) -> Bool {
        e.type == .paymentRegistered || e.type == .paymentAssigned || e.type == .paymentReversed
      }
      return PaymentHistory(
        ofCustomer: { id in
          ledger.timeline(of: id).compactMap { try? store.event(at: $0) }.filter(isPayment)
        },
        all: { keep in
          var list: [Event] = []
          guard let all = try? Store.open(at: path, writer: writer, readOnly: true) else {
            return []
          }
          _ = try? all.replay { e, _ in if isPayment(e) && keep(e) { list.append(e) } }
          return list
        })
    }

    func json(_ plan: PaymentImport) -> [String: Any] {
      [
        "file": file, "format": plan.format.rawValue, "payments": plan.lines.count,
        "registered": dryRun ? 0 : plan.newCount, "already_imported": plan.alreadyImported,
        "unmatched": plan.unmatchedCount, "reversals": plan.reversalCount,
        "total": plan.total.jsonString, "dry_run": dryRun,
        "accounts": plan.accounts.map { a -> [String: Any] in
          [
            "line": a.line, "account": a.account ?? NSNull(),
            "display": a.account.map(BankAccount.display) ?? NSNull(),
            "currency": a.currency ?? NSNull(), "creditors": a.isCreditors,
            "payments": a.payments,
            "skipped": a.skipped.map { s -> [String: Any] in
              [
                "line": s.line, "reason": s.reason,
                "amount": s.amount.map(\.description) ?? NSNull(),
              ]
            },
          ]
        },
        "findings": plan.findings.map(\.description),
        "lines": plan.lines.map { l -> [String: Any] in
          let p = l.payment
          return [
            "id": p.id, "amount": p.amount.jsonString, "currency": "NOK",
            "original_amount": p.original.map { Money(ore: $0.minor).jsonString } ?? NSNull(),
            "original_currency": p.original?.currency ?? NSNull(),
            "date": p.day.iso, "booked": (p.bookingDay ?? p.day).iso,
            "account": p.account ?? NSNull(), "kid": p.kid ?? NSNull(),
            "references": p.references, "payer": p.payer ?? NSNull(),
            "text": p.text ?? NSNull(), "reversal": p.isReversal,
            "reverses": l.reverses ?? NSNull(),
            "reversal_rule": l.reversal?.rawValue ?? NSNull(),
            "charges": p.charges.map(\.description) ?? NSNull(),
            "end_to_end": p.endToEndId ?? NSNull(),
            "rule": p.isReversal
              ? (l.reversal?.rawValue ?? MatchRule.unmatched.rawValue) : l.match.rule.rawValue,
            "invoice": l.match.invoice ?? NSNull(),
            "customer": l.match.customer ?? NSNull(), "new": l.isNew, "line": p.line,
          ]
        },
      ]
    }

    func text(_ plan: PaymentImport) {
      let lang = global.language
      for a in plan.accounts {
        Output.line(
          CLIText.importAccount(
            file, line: a.line, account: a.account.map(BankAccount.display), currency: a.currency,
            payments: a.payments, creditors: a.isCreditors
          ).text(lang))
        for s in a.skipped {
          Output.line(
            CLIText.importSkipped(
              file, line: s.line, reason: s.reason, amount: s.amount.map { "\($0)" }
            )
            .text(lang))
        }
      }
      for l in plan.lines {
        let p = l.payment
        let target = CLIText.importTarget(
          invoice: l.match.invoice, customer: l.match.customer, reversal: l.reversal != nil
        ).text(lang)
        let how = CLIText.importHow(
          rule: l.match.rule.rawValue, reversal: p.isReversal, reverses: l.reverses,
          by: l.reversal?.rawValue
        ).text(lang)
        let booked = p.bookingDay.flatMap { $0 != p.day ? $0 : nil }
        let bookedText = CLIText.importExtra(
          original: nil, charges: nil, isNew: true, booked: booked
        )
        .text(lang)
        let extra = CLIText.importExtra(
          original: p.original.map { "\($0)" }, charges: p.charges.map { "\($0)" }, isNew: l.isNew,
          booked: nil
        ).text(lang)
        let amount = lang == .nb ? Catalogue(lang).money(p.amount) : p.amount.jsonString + " NOK"
        Output.line(
          "\(Catalogue(lang).day(p.day))\(bookedText)  \(p.isReversal ? "-" : "")\(amount)  \(p.kid ?? "-")  "
            + "\(target) (\(how))\(extra)")
      }
      for f in plan.findings { Output.line(CLIText.importNote(f.text(lang)).text(lang)) }
      Output.line(
        CLIText.importSummary(
          file, format: plan.format.rawValue, lines: plan.lines.count,
          registered: dryRun ? 0 : plan.newCount, already: plan.alreadyImported,
          unmatched: plan.unmatchedCount, reversals: plan.reversalCount, total: plan.total,
          dryRun: dryRun
        ).text(lang))
    }
  }
}
