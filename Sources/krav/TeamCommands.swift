import ArgumentParser
import Foundation
import KravApp
import KravCore
import KravStore

/// `krav assign`: customers to a collector (issue 18). Each change is a `customer-assigned`
/// event, so a reassignment keeps its history.
struct AssignCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "assign",
    abstract: "Assign customers to a collector (or unassign them); by id or by filter.")
  @OptionGroup var global: GlobalOptions
  @Argument(help: "Customer ids; without ids, the customers the filters select.")
  var customers: [String] = []
  @Option(help: "The collector (--as name) the customers go to.") var to: String?
  @Flag(help: "Take the customers off their collector's list.") var unassign = false
  @Option(help: "Filter: the customers now assigned to this collector.") var from: String?
  @Flag(help: "Filter: the customers assigned to no one.") var unassigned = false
  @Flag(help: "Filter: only customers with overdue claims.") var overdue = false

  func validate() throws {
    guard (to != nil) != unassign else {
      throw CLIText.giveEither("--to USER", "--unassign").invalid
    }
    for (name, v) in [("--to", to), ("--from", from)] {
      if let v, !GlobalOptions.isValidUser(v) {
        throw CLIText.expected(option: name, .userName, got: v).invalid
      }
    }
    guard !customers.isEmpty || from != nil || unassigned || overdue else {
      throw CLIText.nameCustomers.invalid
    }
  }

  func run() throws {
    let session = try Session.open(global, writing: true)
    let ledger = session.ledger
    var ids: [String] = []
    if customers.isEmpty {
      let overdueIds = Set(
        ledger.customerSummaries(today: session.today, overdueOnly: true).map(\.id))
      for c in ledger.customers.values {
        if let from, c.collector != from { continue }
        if unassigned, c.collector != nil { continue }
        if overdue, !overdueIds.contains(c.id) { continue }
        ids.append(c.id)
      }
      ids.sort()
    } else {
      for id in customers { ids.append(try session.customer(id).id) }
    }
    let target = unassign ? nil : to
    let changing = ids.filter { ledger.customers[$0]?.collector != target }
    let stored = try session.append(changing.map { Event.assignment(customer: $0, to: target) })
    if global.json {
      return Output.json([
        "assigned": changing, "collector": target.map { $0 as Any } ?? NSNull(),
        "unchanged": ids.filter { !changing.contains($0) },
        "events": stored.map { Output.eventJSON($0.0) },
      ])
    }
    Output.line(
      CLIText.assigned(changing.count, to: target, already: ids.count - changing.count)
        .text(global.language))
  }
}

/// `krav day --collector USER`: what a collector did on a day (issue 18; the reports build on
/// it): calls, calls that reached the debtor, promises, formal steps, payments registered.
struct DayCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "day", abstract: "One collector's day: calls, reached, promises, steps, payments.")
  @OptionGroup var global: GlobalOptions
  @Option(help: "The collector (their --as name); default: every collector, one row each.")
  var collector: String?

  func run() throws {
    let session = try Session.open(global, writing: false)
    let day = session.today
    var rows: [String: CollectorDay] = [:]
    _ = try session.store.replay { e, _ in
      guard e.atDay == day, collector == nil || e.by == collector else { return }
      rows[e.by, default: CollectorDay(collector: e.by)].count(e)
    }
    if let collector, rows[collector] == nil {
      rows[collector] = CollectorDay(collector: collector)
    }
    let list = rows.values.sorted { $0.collector < $1.collector }
    if global.json {
      return Output.json(list.map { $0.json(day: day) })
    }
    let t = Catalogue(global.language)
    for r in list {
      Output.line(
        CLIText.collectorDay(
          .init(
            collector: r.collector, day: day, calls: r.calls, reached: r.reached,
            promises: r.promises, steps: r.steps, payments: r.payments, paid: r.paid,
            assignments: r.assignments, approvals: r.approvals)
        ).text(global.language))
    }
  }
}

/// The counts of one collector's day.
struct CollectorDay {
  var collector: String
  var calls = 0, reached = 0, promises = 0, steps = 0, payments = 0, assignments = 0
  var approvals = 0
  var paid = Money.zero

  mutating func count(_ e: Event) {
    switch e.type {
    case .callLogged:
      calls += 1
      if e.outcome == CallOutcome.reached.rawValue { reached += 1 }
    case .promiseMade: promises += 1
    case .stepTriggered: steps += 1
    case .paymentRegistered:
      payments += 1
      paid += Money(ore: e.amount ?? 0)
    case .customerAssigned: assignments += 1
    case .approvalGranted: approvals += 1
    default: break
    }
  }

  func json(day: Day) -> [String: Any] {
    [
      "collector": collector, "day": day.iso, "calls": calls, "reached": reached,
      "promises": promises, "steps": steps, "payments": payments, "paid": paid.jsonString,
      "assignments": assignments, "approvals": approvals,
    ]
  }
}

/// `krav approvals`: requests waiting for a second person (four-eyes, issue 18).
struct ApprovalsCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "approvals",
    abstract: "Actions waiting for a second person's approval (utlegg, forliksklage, write-offs).")
  @OptionGroup var global: GlobalOptions

  func run() throws {
    let session = try Session.open(global, writing: false)
    let pending = session.ledger.pendingApprovals
    if global.json {
      return Output.json(pending.map { ApprovalsCommand.json($0.customer, $0.request) })
    }
    let t = Catalogue(global.language)
    if pending.isEmpty { return Output.line(t(.noApprovals)) }
    for (customer, r) in pending {
      let name = session.ledger.customers[customer]?.name ?? customer
      Output.line(
        [
          r.id, r.action, "\(customer) \(name)",
          r.invoices.isEmpty
            ? (r.invoice ?? "–") : r.invoices.joined(separator: ","),
          r.requestedBy, String(r.requestedAt.prefix(16)), r.text,
        ].joined(separator: "\t"))
    }
  }

  static func json(_ customer: String, _ r: ApprovalRequest) -> [String: Any] {
    [
      "id": r.id, "action": r.action, "customer": customer,
      "invoice": r.invoice.map { $0 as Any } ?? NSNull(), "invoices": r.invoices,
      "step": r.step.map { $0 as Any } ?? NSNull(), "requested_by": r.requestedBy,
      "requested_at": r.requestedAt, "text": r.text,
    ]
  }
}

/// `krav approve ID`: a second person lets a requested action take effect.
struct ApproveCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "approve",
    abstract: "Approve a request (never your own): the letter is written, the claim moved.")
  @OptionGroup var global: GlobalOptions
  @Argument(help: "The request's id (krav approvals).") var id: String

  func run() throws {
    let session = try Session.open(global, writing: true)
    try session.withStepLock {
      try session.catchUp()
      guard let (customer, r) = session.ledger.pendingApproval(id: id) else {
        throw session.error(.noPendingRequest(id))
      }
      guard r.requestedBy != global.user else {
        throw session.error(.ownRequest(id, by: r.requestedBy))
      }
      let granted = Event.approvalDecision(r, customer: customer, granted: true)
      var stored: [(Event, EventRef)] = []
      switch FourEyesAction(rawValue: r.action) {
      case .utlegg?, .forliksklage?:
        let plan: StepPlan
        do {
          plan = try session.ledger.planSteps(
            .invoices(r.invoices.isEmpty ? [r.invoice ?? ""] : r.invoices), today: session.today,
            channel: nil, isTaken: { session.letterExists($0) })
        } catch let e as StepPlanError {
          throw session.error(.cannotCarryOut(id, e.text(session.lang)))
        }
        let letters = plan.letters.filter { $0.step.rawValue == r.step }
        guard !letters.isEmpty else {
          let why = plan.refused.map { "\($0.invoice): \($0.reason?.rawValue ?? "no next step")" }
          throw session.error(.cannotCarryOut(id, why.joined(separator: "; ")))
        }
        stored = try sendLetters(
          letters, creditor: session.creditor, store: session,
          timestamp: try global.timestamp(), approved: true, also: [granted])
      case .writeOff?:
        guard let invoice = r.invoice, let claim = session.ledger.claims[invoice],
          claim.closed == nil
        else {
          throw session.error(.claimClosedReject(id))
        }
        var e = Event.caseClosed(
          customer: customer, invoice: invoice, reason: .writtenOff, text: r.text)
        e.ref = r.id
        stored = try session.append([e, granted])
      case .longPlan?:
        // The plan is drafted from the requested terms today; its letter and `plan-proposed`
        // go with the approval.
        var variant = 1
        while true {
          let d: PlanDraft
          do {
            d = try session.ledger.draftApprovedPlan(
              r, customer: customer, today: session.today, creditor: session.creditor,
              timestamp: try global.timestamp(), letterVariant: variant)
          } catch let e as PlanInputError {
            throw session.error(.cannotCarryOut(id, e.text(session.lang)))
          }
          if d.documents.contains(where: { session.exists($0.path) }) {
            variant += 1
            continue
          }
          stored = try session.saveThenAppend(d.documents, [d.event, granted])
          break
        }
      case nil:
        stored = try session.append([granted])
      }
      session.report(stored, text: "Approved \(id) (\(r.action), requested by \(r.requestedBy))")
    }
  }
}

/// `krav reject ID --reason TEXT`: the request is dropped; nothing takes effect.
struct RejectCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "reject", abstract: "Reject a request waiting for approval, with a reason.")
  @OptionGroup var global: GlobalOptions
  @Argument(help: "The request's id (krav approvals).") var id: String
  @Option(help: "Why (recorded in the journal).") var reason: String

  func validate() throws { _ = try required(reason, "--reason") }

  func run() throws {
    let session = try Session.open(global, writing: true)
    guard let (customer, r) = session.ledger.pendingApproval(id: id) else {
      throw session.error(.noPendingRequest(id))
    }
    let stored = try session.append([
      .approvalDecision(r, customer: customer, granted: false, reason: reason)
    ])
    session.report(stored, text: "Rejected \(id) (\(r.action))")
  }
}

/// `krav four-eyes [--set ACTION,...]`: which actions need a second person's approval.
struct FourEyesCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "four-eyes",
    abstract: "Show or set the actions that need a second person's approval.")
  @OptionGroup var global: GlobalOptions
  @Option(
    help: ArgumentHelp(
      "Comma-separated: utlegg, forliksklage, write-off, plan-over-12-months; 'none' for none."))
  var set: String?

  func validate() throws {
    guard let set, set != "none" else { return }
    for a in set.split(separator: ",") where FourEyesAction(rawValue: String(a)) == nil {
      throw CLIText.unknownFourEyesAction(String(a)).invalid
    }
  }

  func run() throws {
    let session = try Session.open(global, writing: set != nil)
    var actions = FourEyesAction.allCases.filter(session.fourEyes.contains)
    if let set {
      let chosen =
        set == "none"
        ? []
        : set.split(separator: ",").compactMap {
          FourEyesAction(rawValue: String($0))
        }
      let info = try session.store.setFourEyes(chosen)
      actions = FourEyesAction.allCases.filter(info.fourEyesActions.contains)
    }
    if global.json { return Output.json(["four_eyes": actions.map(\.rawValue)]) }
    Output.line(
      actions.isEmpty
        ? CLIText.fourEyesNone.text(global.language)
        : actions.map(\.rawValue).joined(separator: ", "))
  }
}
