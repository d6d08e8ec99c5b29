import ArgumentParser
import Foundation
import KravApp
import KravCore
import KravLetters
import KravStore

extension Session {
  /// Writes documents, with the printed files (PDF, layout) of each text document added.
  func saveDocuments(_ files: [DocumentFile]) throws {
    try store.writeDocuments(try PrintedDocuments.adding(to: files, creditor: creditor))
  }

  /// Whether a store-relative path exists already (a letter from an earlier attempt).
  func exists(_ path: String) -> Bool {
    FileManager.default.fileExists(atPath: store.root + "/" + path)
  }

  /// Writes the documents, then appends the events; a failure in between leaves an orphan
  /// letter (named by no event) and nothing in the journal.
  func saveThenAppend(_ docs: [DocumentFile], _ events: [Event]) throws -> [(Event, EventRef)] {
    let (docs, events) = DocumentNames.tagged(docs, events, tag: documentTag)
    do {
      try saveDocuments(docs)
    } catch let e as StoreError {
      throw UserError(CLIText.letterNotWritten(e.text(lang)).text(lang))
    }
    return try append(events)
  }
}

/// `krav plan …`: instalment plans (Docs/plans.md).
struct PlanCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "plan", abstract: "Instalment plans: propose, sign off, follow up.",
    subcommands: [Propose.self, Sign.self, Accelerate.self, Follow.self])

  struct Propose: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Propose an instalment plan and write its document; prints the schedule.")
    @OptionGroup var global: GlobalOptions
    @Argument(help: "The customer's id.") var customer: String
    @Option(help: "Number of instalments.") var instalments: Int?
    @Option(help: "Amount per instalment: 1234.50, 1234,50 or 1 234,50.") var amount: String?
    @Option(help: "month, fortnight or week.") var every: String = "month"
    @Option(name: .customLong("sign-by"), help: "Signing deadline (default: 7 days from today).")
    var signBy: String?
    @Option(help: "Days after each due date before an instalment counts as missed (0–5).")
    var grace: Int = Plan.defaultGraceDays
    @Option(help: "A claim to include (repeat for several; default: all open claims).")
    var invoice: [String] = []
    @Option(help: "How the document goes out: email or letter.") var channel: String?
    @Flag(name: .customLong("dry-run"), help: "Show the schedule without writing anything.")
    var dryRun = false

    func validate() throws {
      guard (instalments == nil) != (amount == nil) else {
        throw ValidationError(
          CLIText.giveEither("--instalments N", "--amount A").text(global.language))
      }
      if let n = instalments, n < 1 || n > PlanSchedule.maxInstalments {
        throw ValidationError(
          CLIText.expected(option: "--instalments", .instalments, got: "\(n)").text(global.language)
        )
      }
      if let a = amount { _ = try money(a, "--amount") }
      guard PlanFrequency(parsing: every) != nil else {
        throw ValidationError(
          CLIText.expected(option: "--every", .frequency, got: every).text(global.language))
      }
      if let s = signBy, Day(parsing: s) == nil {
        throw ValidationError(
          CLIText.expected(option: "--sign-by", .day, got: s).text(global.language))
      }
      guard Plan.graceRange.contains(grace) else {
        throw ValidationError(
          CLIText.expected(option: "--grace", .graceDays, got: "\(grace)").text(global.language))
      }
      if let c = channel, c != "email" && c != "letter" {
        throw ValidationError(
          CLIText.expected(option: "--channel", .planChannel, got: c).text(global.language))
      }
    }

    func run() throws {
      let session = try Session.open(global, writing: !dryRun)
      let ledger = session.ledger
      let customer = session.customerKey(self.customer)
      // A retry of a proposal that was recorded: its claims are in that plan now, so drafting
      // again would fail; say it was recorded instead.
      if let key = global.requestId, !dryRun, ledger.plan(named: "req:\(key)") != nil {
        throw AlreadyRecorded(requestId: key)
      }
      let size: PlanRequest.Size =
        instalments.map { .instalments($0) } ?? .amount(Money(parsing: amount!)!)
      func draft(_ variant: Int) throws -> PlanDraft {
        do {
          return try ledger.draftPlan(
            customer: customer, invoices: invoice.isEmpty ? nil : invoice, size: size,
            frequency: PlanFrequency(parsing: every)!, signBy: signBy.flatMap(Day.init(parsing:)),
            graceDays: grace, channel: channel, today: session.today, creditor: session.creditor,
            timestamp: try global.timestamp(), letterVariant: variant)
        } catch let e as PlanInputError {
          throw UserError(e.text(global.language))
        }
      }
      var d = try draft(1)
      // A letter left by an attempt that never got its event: keep it, name this one apart.
      var variant = 1
      while d.documents.contains(where: { session.exists($0.path) }) {
        variant += 1
        d = try draft(variant)
      }
      if dryRun {
        return printSchedule(d, session: session, stored: nil)
      }
      // A plan over 12 months on a four-eyes store is a request: no letter, no plan, until a
      // different user approves it (`krav approve ID`; Docs/team.md).
      var gated = FourEyesGate.requestIfNeeded(d.event, fourEyes: session.fourEyes)
      if gated.type == .approvalRequested {
        gated.at = try global.timestamp()
        let stored = try session.append([gated])
        return printRequest(stored, d, session: session)
      }
      let stored = try session.saveThenAppend(d.documents, [d.event])
      printSchedule(d, session: session, stored: stored.first?.0)
    }

    private func printRequest(_ stored: [(Event, EventRef)], _ d: PlanDraft, session: Session) {
      guard let (e, _) = stored.first, let r = ApprovalRequest(e) else { return }
      if global.json {
        return Output.json([
          "approval": ApprovalsCommand.json(session.customerKey(customer), r),
          "events": stored.map { Output.eventJSON($0.0) },
        ])
      }
      let t = Catalogue(global.language)
      Output.line(PlanOutput.scheduleText(d, t))
      Output.line(CLIText.longPlanAwaitsApproval(id: r.id).text(global.language))
    }

    private func printSchedule(_ d: PlanDraft, session: Session, stored: Event?) {
      let t = Catalogue(global.language)
      let plan = stored.flatMap { session.ledger.plan(named: $0.id) }
      if global.json {
        var o: [String: Any] = [
          "customer": session.customerKey(customer), "invoices": d.invoices,
          "sign_by": d.signBy.iso,
          "grace_days": d.graceDays, "every": every, "number": d.number,
          "outstanding": d.quote.outstanding.jsonString,
          "projected_interest": d.quote.projectedInterest.jsonString,
          "total": d.quote.total.jsonString, "plan_fee": d.quote.planFee.jsonString,
          "rate": d.quote.rateBasisPoints.map { String(format: "%.2f", Double($0) / 100) }
            ?? NSNull(),
          "default_costs": d.quote.defaultCosts.map {
            ["invoice": $0.invoice, "step": $0.step.rawValue, "fee": $0.fee.jsonString]
          },
          "instalments": d.quote.instalments.enumerated().map { i, inst in
            ["number": i + 1, "due": inst.due.iso, "amount": inst.amount.jsonString]
              as [String: Any]
          },
          "letters": d.documents.map(\.path), "dry_run": stored == nil,
        ]
        if let plan {
          o["id"] = plan.id
          o["label"] = plan.label
          o["plan"] = PlanOutput.json(
            plan, session.ledger.progress(of: plan, on: session.today), ledger: session.ledger,
            today: session.today)
        }
        if let stored { o["events"] = [Output.eventJSON(stored)] }
        return Output.json(o)
      }
      let head = plan.map { "\(t.plan(.plan)) \($0.label) (\($0.id))" } ?? t.plan(.planDraft)
      Output.line(
        "\(head): \(session.customerKey(customer)), \(d.invoices.joined(separator: ", "))")
      Output.line(PlanOutput.scheduleText(d, t))
      if stored != nil {
        for doc in d.documents { Output.line("\(t.plan(.letterWritten)): \(doc.path)") }
      }
    }
  }

  struct Sign: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Record the customer's signature and sign the plan off.")
    @OptionGroup var global: GlobalOptions
    @Argument(help: "The plan: its id or CUSTOMER#N.") var id: String
    @Option(help: "The day the customer signed.") var signed: String
    @Option(help: "email, letter or in-person.") var channel: String

    func validate() throws {
      guard Day(parsing: signed) != nil else {
        throw ValidationError(
          CLIText.expected(option: "--signed", .day, got: signed).text(global.language))
      }
      guard Ledger.signatureChannels.contains(channel) else {
        throw ValidationError(
          CLIText.expected(option: "--channel", .signatureChannel, got: channel)
            .text(global.language))
      }
    }

    func run() throws {
      let session = try Session.open(global, writing: true)
      let e: Event
      do {
        e = try session.ledger.draftSignature(
          plan: id, signed: Day(parsing: signed)!, channel: channel, today: session.today)
      } catch let error as PlanInputError {
        throw UserError(error.text(global.language))
      }
      let stored = try session.append([e])
      let plan = session.ledger.plan(named: id)!
      let progress = session.ledger.progress(of: plan, on: session.today)
      if global.json {
        return Output.json([
          "plan": PlanOutput.json(plan, progress), "events": stored.map { Output.eventJSON($0.0) },
        ])
      }
      let t = Catalogue(global.language)
      Output.line("\(t.plan(.signedOff)) \(plan.label): \(t.planState(progress.state))")
    }
  }

  struct Accelerate: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Record that a plan in default is accelerated and write the notice.")
    @OptionGroup var global: GlobalOptions
    @Argument(help: "The plan: its id or CUSTOMER#N.") var id: String

    func run() throws {
      let session = try Session.open(global, writing: true)
      let stored = try PlanCommand.accelerate(id, session: session)
      PlanCommand.reportFollowUps(stored, session: session, global: global)
    }
  }

  struct Follow: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract:
        "Do what the plans need today: accelerate plans in default, close claims of plans paid in full."
    )
    @OptionGroup var global: GlobalOptions
    @Argument(help: "Only this customer's plans.") var customer: String?
    @Flag(name: .customLong("dry-run"), help: "List what would be done, write nothing.")
    var dryRun = false

    func run() throws {
      let session = try Session.open(global, writing: !dryRun)
      let todo = session.ledger.planFollowUps(
        customer: customer.map(session.customerKey), on: session.today)
      if dryRun {
        let rows = todo.map(PlanOutput.followUpJSON)
        if global.json { return Output.json(["follow_ups": rows]) }
        for r in rows {
          Output.line(
            CLIText.planFollowUpDue(
              action: "\(r["action"]!)", plan: "\(r["plan"]!)"
            ).text(global.language))
        }
        return
      }
      var stored: [(Event, EventRef)] = []
      for item in todo {
        switch item {
        case .accelerate(let plan):
          stored += try PlanCommand.accelerate(plan, session: session)
        case .close(let id, let invoices):
          guard let plan = session.ledger.plan(named: id) else { continue }
          stored += try session.append(session.ledger.closingEvents(plan: plan, invoices: invoices))
        }
      }
      PlanCommand.reportFollowUps(stored, session: session, global: global)
    }
  }

  /// Writes the acceleration notice, then the `plan-accelerated` event.
  static func accelerate(_ id: String, session: Session) throws -> [(Event, EventRef)] {
    do {
      var variant = 1
      while true {
        let (docs, event) = try session.ledger.draftAcceleration(
          plan: id, today: session.today, creditor: session.creditor,
          timestamp: try session.global.timestamp(), letterVariant: variant)
        if docs.contains(where: { session.exists($0.path) }) {
          variant += 1
          continue
        }
        return try session.saveThenAppend(docs, [event])
      }
    } catch let e as PlanInputError {
      throw UserError(e.text(session.lang))
    }
  }

  static func reportFollowUps(
    _ stored: [(Event, EventRef)], session: Session, global: GlobalOptions
  ) {
    if global.json {
      return Output.json([
        "events": stored.map { Output.eventJSON($0.0) },
        "letters": stored.compactMap { $0.0.planLetter },
      ])
    }
    let t = Catalogue(global.language)
    if stored.isEmpty { return Output.line(t.plan(.nothingToFollow)) }
    for (e, _) in stored { Output.line(TimelineText.line(e, t)) }
  }
}

/// `krav plans`: plans and their state on today.
struct PlansCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "plans", abstract: "Instalment plans and their state, instalment by instalment.")
  @OptionGroup var global: GlobalOptions
  @Option(help: "Only this customer's plans.") var customer: String?
  @Option(help: "Only plans in this state (proposed, signed, active, lapsed, defaulted, …).")
  var state: String?

  func validate() throws {
    if let s = state, PlanState(rawValue: s) == nil {
      throw CLIText.expected(option: "--state", .oneOf(PlanState.allCases.map(\.rawValue)), got: s)
        .invalid
    }
  }

  func run() throws {
    let session = try Session.open(global, writing: false)
    let ledger = session.ledger
    let customer = self.customer.map(session.customerKey)
    let rows = ledger.plans
      .filter { customer == nil || $0.customer == customer }
      .map { ($0, ledger.progress(of: $0, on: session.today)) }
      .filter { state == nil || $0.1.state.rawValue == state }
    if global.json {
      return Output.json(
        rows.map { PlanOutput.json($0.0, $0.1, ledger: session.ledger, today: session.today) })
    }
    let t = Catalogue(global.language)
    for (plan, p) in rows {
      let paidCount = p.instalments.filter { $0.state == .paid }.count
      Output.line(
        "\(plan.label)\t\(plan.id)\t\(t.planState(p.state))\t\(paidCount)/\(plan.instalments.count)\t"
          + "\(t.money(p.paid)) / \(t.money(plan.total))")
    }
  }
}

/// The JSON and text shapes of plans (`krav plans`, `krav show`, `krav plan …`).
enum PlanOutput {
  /// A plan in JSON. `remaining` is the schedule's remainder (total less paid); for a broken
  /// plan (defaulted or accelerated) `owed_now` is what its claims owe on the day, the one
  /// figure the acceleration notice and the call list show (null for other states).
  static func json(_ plan: Plan, _ p: PlanProgress, ledger: Ledger, today: Day) -> [String: Any] {
    let broken = p.state == .defaulted || p.state == .accelerated
    var o = json(plan, p)
    o["owed_now"] = broken ? ledger.owedOnPlan(plan, on: today).jsonString : NSNull()
    return o
  }

  static func json(_ plan: Plan, _ p: PlanProgress) -> [String: Any] {
    [
      "id": plan.id, "label": plan.label, "customer": plan.customer, "state": p.state.rawValue,
      "invoices": plan.invoices, "every": plan.frequency.rawValue,
      "proposed": plan.proposedOn.iso, "sign_by": plan.signBy.iso, "grace_days": plan.graceDays,
      "signed": plan.signedOn?.iso ?? NSNull(), "sign_channel": plan.signChannel ?? NSNull(),
      "active_from": p.activeFrom?.iso ?? NSNull(), "lapsed_on": p.lapsedOn?.iso ?? NSNull(),
      "lapse_reason": p.lapseReason?.rawValue ?? NSNull(),
      "defaulted_on": p.defaultedOn?.iso ?? NSNull(),
      "accelerated_on": plan.acceleratedOn?.iso ?? NSNull(),
      "completed_on": p.completedOn?.iso ?? NSNull(),
      "total": plan.total.jsonString, "paid": p.paid.jsonString,
      "remaining": p.remaining(of: plan).jsonString,
      "projected_interest": plan.projectedInterest.jsonString,
      "letter": plan.letter ?? NSNull(),
      "acceleration_letter": plan.accelerationLetter ?? NSNull(),
      "instalments": p.instalments.map { r in
        [
          "number": r.number, "due": r.due.iso, "amount": r.amount.jsonString,
          "paid": r.paid.jsonString, "state": r.state.rawValue, "deadline": r.deadline.iso,
          "paid_on": r.paidOn?.iso ?? NSNull(), "late": r.wasMissed,
        ] as [String: Any]
      },
    ]
  }

  static func followUpJSON(_ f: PlanFollowUp) -> [String: Any] {
    switch f {
    case .accelerate(let plan): return ["action": "accelerate", "plan": plan]
    case .close(let plan, let invoices):
      return ["action": "close", "plan": plan, "invoices": invoices]
    }
  }

  /// The schedule as text lines: instalments, then outstanding, interest, total and costs.
  static func scheduleText(_ d: PlanDraft, _ t: Catalogue) -> String {
    var lines: [String] = []
    for (i, inst) in d.quote.instalments.enumerated() {
      lines.append("  \(i + 1)\t\(t.day(inst.due))\t\(t.money(inst.amount))")
    }
    lines.append("\(t.plan(.outstandingNow)): \(t.money(d.quote.outstanding))")
    lines.append("\(t.plan(.projectedInterest)): \(t.money(d.quote.projectedInterest))")
    lines.append("\(t.plan(.total)): \(t.money(d.quote.total))")
    lines.append("\(t.plan(.signBy)): \(t.day(d.signBy))   \(t.plan(.grace)): \(d.graceDays)")
    lines.append("\(t.plan(.planFee)): \(t.money(d.quote.planFee))")
    for c in d.quote.defaultCosts where c.fee.isPositive {
      lines.append("\(t.plan(.ifBroken)) \(c.invoice): \(t.step(c.step)) \(t.money(c.fee))")
    }
    return lines.joined(separator: "\n")
  }
}

extension PlanOutput {
  /// The structured fields of plan events (kept in `Event.extra`) in an event's JSON.
  static func addPlanFields(_ e: Event, to o: inout [String: Any]) {
    guard EventType.planTypes.contains(e.type) || e.planLetter != nil else { return }
    if let v = e.planInvoices { o["invoices"] = v }
    if let v = e.planInstalments {
      o["instalments"] = v.map { ["due": $0.due.iso, "amount": $0.amount.jsonString] }
    }
    if let v = e.planFrequency { o["every"] = v.rawValue }
    if let v = e.planGraceDays { o["grace_days"] = v }
    if let v = e.planInterest { o["projected_interest"] = v.jsonString }
    if let v = e.planLetter { o["letter"] = v }
  }
}
