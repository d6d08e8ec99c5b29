import ArgumentParser
import Foundation
import KravApp
import KravCore

/// `krav customers`: customers with open claims.
/// The `--search` option's help: the TUI's `/` search (KravCore `Search`).
let searchHelp = ArgumentHelp(
  "Only customers (or their claims) matching TEXT, as the TUI's / search: every word in the "
    + "name, customer id, invoice number, KID, phone or organisation number; case-insensitive, "
    + "o finds ø, a finds å, ae finds æ.", valueName: "TEXT")

struct CustomersCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "customers", abstract: "Customers with open claims, largest overdue first.")
  @OptionGroup var global: GlobalOptions
  @Flag(help: "Only customers with overdue claims.") var overdue = false
  @Option(help: "Only customers assigned to this collector.") var collector: String?
  @Flag(help: "Only customers assigned to no one.") var unassigned = false
  @Option(help: searchHelp) var search: String?

  func run() throws {
    let session = try Session.open(global, writing: false)
    var rows = session.ledger.customerSummaries(today: session.today, overdueOnly: overdue)
    let ledger = session.ledger
    if let search {
      let m = ledger.searchMatches(search)
      rows = rows.filter { m[Int($0.position)] }
    }
    if let collector { rows = rows.filter { ledger.customers[$0.id]?.collector == collector } }
    if unassigned { rows = rows.filter { ledger.customers[$0.id]?.collector == nil } }
    if global.json {
      return Output.jsonArray(rows) { r in
        var o = Output.customerJSON(r)
        o["collector"] = ledger.customers[r.id]?.collector.map { $0 as Any } ?? NSNull()
        return o
      }
    }
    let t = Catalogue(global.language)
    for r in rows {
      let due = r.oldestDue.map(t.day) ?? ""
      Output.line(
        [
          r.id, r.name, t.kind(r.kind), t.money(r.overdue), t.money(r.outstanding), due,
          t.standing(r.step),
        ]
        .joined(separator: "\t")
          + (r.isDisputed ? "\t\(t(.statusDisputed))" : "")
          + (r.partlyDisputed.isPositive
            ? "\t\(t(.statusPartlyDisputed)) \(t.money(r.partlyDisputed))" : ""))
    }
  }
}

/// `krav show CUSTOMER`: one customer with claims, balances and history.
struct ShowCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "show", abstract: "One customer: details, claims with interest, timeline.")
  @OptionGroup var global: GlobalOptions
  @Argument(help: "The customer's id.") var customer: String

  func run() throws {
    let session = try Session.open(global, writing: false)
    let ledger = session.ledger
    let c = try session.customer(customer)
    let today = session.today
    let claims = ledger.claimSummaries(customer: c.id, today: today)
    let events = try session.events(at: ledger.timeline(of: c.id))
    // The customer's documents and whether they left (issue 19), from the timeline.
    var box = Outbox()
    for e in events { box.apply(e) }
    if global.json {
      var o = ShowJSON.object(c, claims: claims, ledger: ledger, today: today, events: events)
      o["documents"] = box.documents.map {
        OutboxCommand.documentJSON($0, box: box, root: session.store.root)
      }
      return Output.json(o)
    }
    let t = Catalogue(global.language)
    Output.line("\(c.name) (\(c.id), \(t.kind(c.kind)))")
    if let who = c.collector { Output.line("  \(t(.colCollector)): \(who)") }
    for r in c.approvals {
      Output.line("  \(t(.awaitingApproval)): \(r.id) \(r.action) (\(r.requestedBy))")
    }
    for s in claims {
      let b = s.balance
      Output.line(
        "  \(s.claim.invoice)  \(t(.colDue)) \(t.day(s.claim.due))  \(t(.colPrincipal)) \(t.money(b.principal))"
          + "  \(t(.colPaid)) \(t.money(b.paid))  \(t(.colInterest)) \(t.money(b.interest))"
          + "  \(t(.colFees)) \(t.money(b.fees))  \(t(.colOutstanding)) \(t.money(b.outstanding))"
          + "  \(t.claimState(step: s.claim.step, status: s.status))"
          + (s.status != .disputed && s.disputed != nil
            ? " (\(t(.statusPartlyDisputed)) \(t.money(s.disputed!)))" : "")
          + nextText(s, ledger, today, t))
      if !s.claim.conflicts.isEmpty {
        // A step another machine took at the same time (a synced store): kept, not applied.
        Output.line("    \(t(.conflict)) \(s.claim.conflicts.joined(separator: ", "))")
      }
    }
    for plan in ledger.plans(ofCustomer: c.id) {
      let p = ledger.progress(of: plan, on: today)
      Output.line(
        "  \(t.plan(.plan)) \(plan.label): \(t.planState(p.state))  \(t(.colPaid)) \(t.money(p.paid))"
          + " / \(t.money(plan.total))")
    }
    for d in box.documents { Output.line("  " + documentText(d, box)) }
    for e in events.reversed() {
      // A multi-line summary or note keeps its lines, the further ones under the text.
      let head = "  \(e.at.prefix(16))  \(e.by)  "
      let indent = "\n" + String(repeating: " ", count: head.count)
      Output.line(
        head
          + TimelineText.line(e, t).split(separator: "\n", omittingEmptySubsequences: false)
          .joined(separator: indent))
    }
  }

  /// `2026-11-30-reminder-K1: sent 2026-11-30 <id@host>`, `…: to-print (written 2026-11-30)`.
  func documentText(_ d: Outbox.Document, _ box: Outbox) -> String {
    let state = box.state(of: d)
    var s = "\(d.id): \(state.rawValue)"
    if let dep = d.departure {
      s += " \(dep.day.iso)"
      if let b = dep.batch { s += " (batch \(b))" }
      if let m = dep.messageId { s += " <\(m)>" }
    } else {
      s += " (written \(d.written.iso))"
      if let f = d.failure { s += " failed: \(f.reason)" }
      if let by = d.supersededBy { s += " replaced by \(by)" }
    }
    return s
  }
}

/// `  → inkassovarsel 16.07.2025 (frist løper)` for an open claim with a next step.
private func nextText(_ s: ClaimSummary, _ ledger: Ledger, _ today: Day, _ t: Catalogue) -> String {
  guard s.status.isOpen, let next = ledger.nextStep(invoice: s.claim.invoice, today: today) else {
    return ""
  }
  if let barred = timeBarredText(next, invoice: s.claim.invoice, ledger, today, t) {
    return "  → \(barred)"
  }
  let why = next.reason(on: today).map(t.blocker) ?? t(.ready)
  return "  → \(t.step(next.step)) \(t.day(next.from)) (\(why))"
}

/// `foreldet 11.01.2025` (the first day the claim was time-barred) when that is what keeps
/// `next` back: no step is offered then, so none is named (`show` and `queue` alike).
private func timeBarredText(
  _ next: NextStep, invoice: String, _ ledger: Ledger, _ today: Day, _ t: Catalogue
) -> String? {
  guard next.reason(on: today) == .timeBarred,
    let end = ledger.limitation(of: invoice, today: today)?.date
  else { return nil }
  return "\(t.blocker(.timeBarred)) \(t.day(end.adding(days: 1)))"
}

/// The `krav show --json` shape (cli.md).
enum ShowJSON {
  static func object(
    _ c: Customer, claims: [ClaimSummary], ledger: Ledger, today: Day, events: [Event]
  ) -> [String: Any] {
    var customer: [String: Any] = ["id": c.id, "name": c.name, "kind": c.kind.rawValue]
    if let v = c.orgnr { customer["orgnr"] = v }
    if let v = c.birthNumber { customer["birth_number"] = BirthNumber.masked(v) }
    if let v = c.email { customer["email"] = v }
    if let v = c.phone { customer["phone"] = v }
    if let v = c.address { customer["address"] = v }
    customer["credit"] = ledger.credit(ofCustomer: c.id, asOf: today).jsonString
    customer["do_not_call"] = c.doNotCall
    customer["collector"] = c.collector.map { $0 as Any } ?? NSNull()
    customer["hold_until"] = c.holdUntil?.iso ?? NSNull()
    let promises = ledger.promiseStatuses(customer: c.id, today: today)
    let claimObjects: [[String: Any]] = claims.map { s in
      let b = s.balance
      let next = ledger.nextStep(invoice: s.claim.invoice, today: today)
      let limitation = ledger.limitation(of: s.claim.invoice, today: today)
      return [
        "invoice": s.claim.invoice, "principal": b.principal.jsonString,
        "paid": b.paid.jsonString, "interest": b.interest.jsonString, "fees": b.fees.jsonString,
        "outstanding": b.outstanding.jsonString, "issued": s.claim.issued.iso,
        "due": s.claim.due.iso, "step": s.claim.step.rawValue,
        "next_step": s.status.isOpen ? (next?.step.rawValue ?? NSNull()) : NSNull(),
        "next_step_from": s.status.isOpen ? (next?.from.iso ?? NSNull()) : NSNull(),
        "status": s.status.rawValue, "disputed": s.disputed?.jsonString ?? NSNull(),
        "conflicts": s.claim.conflicts,
        "blocked_by": s.status.isOpen ? (next?.reason(on: today)?.rawValue ?? NSNull()) : NSNull(),
        "deadline": Ladder.deadline(of: s.claim)?.iso ?? NSNull(),
        "limitation": limitation?.date?.iso ?? NSNull(),
        "limitation_warning": limitation?.warn ?? false,
        "time_barred": limitation?.expired ?? false,
        "filed_on": s.claim.filedOn?.iso ?? NSNull(),
        "kid": s.claim.kid ?? NSNull(),
        "interest_periods": LateInterest.breakdown(
          principal: b.principal, due: s.claim.interestDue,
          reductions: s.claim.principalReductions(asOf: today),
          asOf: today
        ).map { p in
          [
            "from": p.from.iso, "to": p.to.iso, "days": p.days,
            "rate": String(format: "%.2f", Double(p.basisPoints) / 100),
            "principal": p.principal.jsonString, "interest": p.interest.jsonString,
          ] as [String: Any]
        },
      ]
    }
    return [
      "customer": customer, "claims": claimObjects,
      "promises": promises.map(PromiseJSON.object),
      "disputes": c.disputes.map { d -> [String: Any] in
        [
          "id": d.eventId, "invoice": d.invoice, "opened": d.openedOn.iso,
          "amount": d.amount?.jsonString ?? NSNull(), "reason": d.reason, "text": d.text,
          "outcome": d.outcome ?? NSNull(), "credit": d.credit?.jsonString ?? NSNull(),
          "resolved": d.resolvedOn?.iso ?? NSNull(), "stands": d.stands(on: today),
          "resumes": d.resumesOn?.iso ?? NSNull(),
          "undisputed": d.stands(on: today)
            ? (ledger.disputeSplit(invoice: d.invoice, today: today)?.undisputed.jsonString
              ?? NSNull()) as Any : NSNull(),
        ]
      },
      "plans": ledger.plans(ofCustomer: c.id).map {
        PlanOutput.json($0, ledger.progress(of: $0, on: today), ledger: ledger, today: today)
      },
      "events": events.reversed().map(Output.eventJSON),
      "approvals": c.approvals.map { ApprovalsCommand.json(c.id, $0) },
      "today": today.iso,
    ]
  }
}

/// `krav queue`: every open claim's place in the ladder.
struct QueueCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "queue", abstract: "Every open claim's next formal step and when it is allowed.")
  @OptionGroup var global: GlobalOptions
  @Flag(name: .customLong("eligible"), help: "Only claims whose next step is allowed today.")
  var eligibleOnly = false
  @Option(name: .customLong("step"), help: "Only claims at this step.") var stepFilter: String?
  @Option(name: .customLong("blocked-by"), help: "Only claims blocked for this reason today.")
  var blockerFilter: String?
  @Option(help: searchHelp) var search: String?

  func validate() throws {
    if let s = stepFilter, Step(rawValue: s) == nil {
      throw CLIText.expected(option: "--step", .oneOf(Step.allCases.map(\.rawValue)), got: s)
        .invalid
    }
    if let b = blockerFilter, Blocker(rawValue: b) == nil {
      throw CLIText.expected(
        option: "--blocked-by", .oneOf(Blocker.allCases.map(\.rawValue)), got: b
      ).invalid
    }
  }

  func run() throws {
    let session = try Session.open(global, writing: false)
    let today = session.today
    let ledger = session.ledger
    let matches = search.map { ledger.searchMatches($0) }
    let rows = ledger.queue(today: today).filter { r in
      (matches.map { $0[Int(ledger.ownerPosition(of: r))] } ?? true)
        && (!eligibleOnly || r.isEligible(on: today))
        && (stepFilter == nil || r.step.rawValue == stepFilter)
        && (blockerFilter == nil || r.reason(on: today)?.rawValue == blockerFilter)
    }
    if global.json {
      return Output.jsonArray(rows) { r -> [String: Any] in
        let claim = ledger.claim(of: r)
        let limitation = ledger.limitation(of: claim.invoice, today: today)
        return [
          "customer": ledger.customer(of: r), "invoice": ledger.invoice(of: r),
          "step": r.step.rawValue, "step_on": claim.stepOn?.iso ?? NSNull(),
          "deadline": Ladder.deadline(of: claim)?.iso ?? NSNull(),
          "status": r.status.rawValue, "outstanding": r.outstanding.jsonString,
          "next_step": r.next?.step.rawValue ?? NSNull(), "eligible": r.isEligible(on: today),
          "eligible_from": r.next?.from.iso ?? NSNull(),
          "blocked_by": r.reason(on: today)?.rawValue ?? NSNull(),
          "limitation": limitation?.date?.iso ?? NSNull(),
          "limitation_warning": limitation?.warn ?? false,
          "conflicts": claim.conflicts,
          "awaiting_approval": ledger.awaitsApproval(invoice: claim.invoice),
        ]
      }
    }
    let t = Catalogue(global.language)
    for r in rows {
      let next =
        r.next.map { n -> String in
          if let barred = timeBarredText(n, invoice: ledger.invoice(of: r), ledger, today, t) {
            return barred
          }
          return
            "\(t.step(n.step)) \(t.day(n.from))\(n.reason(on: today).map { " (\(t.blocker($0)))" } ?? "")"
        } ?? "–"
      let conflicts = ledger.claim(of: r).conflicts
      Output.line(
        "\(r.isEligible(on: today) ? "*" : " ") \(ledger.customer(of: r))\t\(ledger.invoice(of: r))\t\(t.standing(r.step))\t\(t.money(r.outstanding))\t\(next)"
          + (conflicts.isEmpty ? "" : "\t\(t(.conflict)) \(conflicts.joined(separator: ", "))")
      )
    }
  }
}
