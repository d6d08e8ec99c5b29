import ArgumentParser
import Foundation
import KravApp
import KravCore

/// `krav step next`: take the next formal step for claims, writing their letters.
struct StepCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "step", abstract: "Take formal steps in the collection ladder.",
    subcommands: [Next.self])

  struct Next: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Take the next formal step: one claim, a customer's claims, or all eligible.",
      discussion: """
        Claims of the same customer going to the same step share one letter. Each letter is
        written to letters/<id>.txt and letters/<id>.eml (durably) before its events are
        stored. Court drafts (utlegg, forliksklage) are addressed to the court, for the
        collector to file: only the .txt is written and no letter-sent is recorded. A claim
        whose next step is not allowed today is refused with the reason.
        """)
    @OptionGroup var global: GlobalOptions
    @Argument(help: "A customer id: every eligible claim of this customer.") var customer: String?
    @Option(help: "One claim by invoice number (repeat for several).") var invoice: [String] = []
    @Flag(name: .customLong("all-eligible"), help: "Every claim whose next step is allowed today.")
    var allEligible = false
    @Flag(name: .customLong("dry-run"), help: "Show the letters without writing anything.")
    var dryRun = false
    @Option(help: "email or letter (default: e-mail when the customer has an address).")
    var channel: String?
    @Option(
      name: .customLong("override-limitation"),
      help: ArgumentHelp(
        "Take the step on a time-barred claim (--invoice only), for this stated reason.",
        discussion: "An acknowledgment or interruption the ledger does not know of; recorded."))
    var limitationOverride: String?

    func validate() throws {
      let scopes = (customer == nil ? 0 : 1) + (invoice.isEmpty ? 0 : 1) + (allEligible ? 1 : 0)
      guard scopes == 1 else {
        throw CLIText.exactlyOneOf(["CUSTOMER", "--invoice NO", "--all-eligible"]).invalid
      }
      if let c = channel, LetterChannel(rawValue: c) == nil {
        throw CLIText.expected(option: "--channel", .planChannel, got: c).invalid
      }
      if let why = limitationOverride {
        guard !invoice.isEmpty else {
          throw CLIText.overrideNeedsInvoice.invalid
        }
        guard !why.trimmingCharacters(in: .whitespaces).isEmpty else {
          throw CLIText.overrideNeedsReason.invalid
        }
      }
    }

    func run() throws {
      let session = try Session.open(global, writing: !dryRun)
      guard !dryRun else { return try run(session) }
      // Formal steps hold the store-wide lock: a second bulk run waits, then sees the first
      // run's events (catchUp) before it plans, and sends nothing twice.
      try session.withStepLock {
        try session.catchUp()
        try run(session)
      }
    }

    func run(_ session: Session) throws {
      // A retry with the same --request-id must not write a second set of letters.
      if !dryRun, let key = global.requestId,
        session.store.holdsPresetId("req:\(key)") || session.store.holdsPresetId("req:\(key)#0")
      {
        throw AlreadyRecorded(requestId: key)
      }
      let today = session.today
      let scope: StepScope =
        allEligible
        ? .allEligible
        : customer.map { .customer(session.customerKey($0)) } ?? .invoices(invoice)
      var plan: StepPlan
      do {
        plan = try session.ledger.planSteps(
          scope, today: today, channel: channel.flatMap(LetterChannel.init(rawValue:)),
          isTaken: { session.letterExists($0) }, limitationOverride: limitationOverride)
      } catch let e as StepPlanError {
        throw UserError(e.text(global.language))
      }
      let t = Catalogue(global.language)
      // Asking for claims by number or customer and getting none that may move is an error,
      // with each claim's reason; "all eligible" with nothing eligible is not.
      if plan.letters.isEmpty && !allEligible {
        let lang = global.language
        let reasons = plan.refused.map { r -> String in
          guard let step = r.step else { return CLIText.noNextStep(r.invoice).text(lang) }
          if r.reason == .noAddress {
            let owner = session.ledger.claims[r.invoice]?.customer ?? "?"
            return CLIText.stepNoAddress(r.invoice, step, customer: owner, channel: channel)
              .text(lang)
          }
          let barredSince =
            r.reason == .timeBarred
            ? session.ledger.limitation(of: r.invoice, today: today)?.date?.adding(days: 1) : nil
          let from =
            r.reason == .disputed || r.reason == .inPlan || r.reason == .paid
              || r.reason == .timeBarred ? nil : r.from
          return CLIText.stepNotAllowed(
            r.invoice, step, reason: r.reason, barredSince: barredSince, earliest: from
          ).text(lang)
        }
        throw UserError(
          reasons.isEmpty
            ? CLIText.noClaimsToMove.text(lang) : reasons.joined(separator: "; "))
      }
      let creditor = session.creditor
      var stored: [(Event, EventRef)] = []
      // A step already waiting for approval is not requested again.
      let pendingSteps = plan.letters.filter { l in
        FourEyesAction(step: l.step).map(session.fourEyes.contains) == true
          && l.invoices.allSatisfy(session.ledger.awaitsApproval(invoice:))
      }
      if !pendingSteps.isEmpty {
        plan.letters.removeAll { l in pendingSteps.contains { $0.id == l.id } }
        for l in pendingSteps where !global.json {
          Output.line(
            "  "
              + CLIText.stepAwaitsApproval(l.invoices.joined(separator: ", "), l.step)
              .text(global.language))
        }
      }
      // The ids as they will be written (a synced store's carry the writer).
      if !dryRun, let tag = session.documentTag {
        for i in plan.letters.indices { plan.letters[i].id += "-" + tag }
      }
      // Steps that need a second person are requested, not sent (four-eyes).
      let awaiting = Set(
        plan.letters.filter { l in
          FourEyesAction(step: l.step).map(session.fourEyes.contains) ?? false
        }.map(\.id))
      if !dryRun && !plan.letters.isEmpty {
        stored = try sendLetters(
          plan.letters, creditor: creditor, store: session, timestamp: try global.timestamp())
      }
      if global.json {
        // The lists are written element by element: all eligible on a large store is tens of
        // thousands of letters, and a tree of them all took 330 MB.
        fflush(nil)
        return JSONText.streamObject(
          [
            "dry_run": dryRun,
            "letters": JSONText.LazyArray(count: plan.letters.count) {
              letterJSON(plan.letters[$0], session: session)
            },
            "refused": JSONText.LazyArray(count: plan.refused.count) { i -> Any in
              let r = plan.refused[i]
              return [
                "invoice": r.invoice, "step": r.step?.rawValue ?? NSNull(),
                "blocked_by": r.reason?.rawValue ?? NSNull(),
                "eligible_from": r.from?.iso ?? NSNull(),
              ] as [String: Any]
            },
            "events": JSONText.LazyArray(count: stored.count) { Output.eventJSON(stored[$0].0) },
          ], to: 1)
      }
      for l in plan.letters {
        let deadline = l.deadline.map { " \(t(.deadline).lowercased()) \(t.day($0))" } ?? ""
        Output.line(
          "\(dryRun ? "(dry run) " : "")\(l.id): \(t.step(l.step)) \(l.customerName)"
            + " [\(l.invoices.joined(separator: ", "))] \(t(.fee).lowercased()) \(t.money(l.fee))"
            + "\(deadline) → \(t.letterChannel(l.channel)) \(l.address)")
        if awaiting.contains(l.id) {
          let request = stored.first {
            $0.0.type == .approvalRequested && $0.0.planInvoices == l.invoices
          }
          Output.line(CLIText.awaitingApprovalBy(request?.0.id ?? "?").text(session.lang))
        } else if !dryRun {
          Output.line("  \(session.store.root)/\(letterPath(l.id))")
        }
        for w in l.warnings { Output.line("  ! \(w)") }
      }
      for r in plan.refused {
        let customer = session.ledger.claims[r.invoice]?.customer ?? "?"
        let owner = r.reason == .noAddress ? " (\(customer))" : ""
        Output.line("  \(t(.notIncluded)): \(r.invoice) \(r.reason.map(t.blocker) ?? "")\(owner)")
      }
    }

    private func letterJSON(_ l: LetterDraft, session: Session) -> [String: Any] {
      [
        "id": l.id, "step": l.step.rawValue, "customer": l.customerId, "invoices": l.invoices,
        "deadline": l.deadline?.iso ?? NSNull(), "fee": l.fee.jsonString,
        "total": l.total.jsonString, "channel": l.channel.rawValue, "address": l.address,
        "court_fee": l.courtFee?.jsonString ?? NSNull(),
        "path": dryRun ? NSNull() : "\(session.store.root)/\(letterPath(l.id))",
        "eml": dryRun || l.isCourtDraft ? NSNull() : "\(session.store.root)/letters/\(l.id).eml",
        "court_draft": l.isCourtDraft, "warnings": l.warnings,
        "claims": l.lines.map { line -> [String: Any] in
          [
            "invoice": line.invoice, "principal": line.principal.jsonString,
            "interest": line.interest.jsonString,
            "fees": (line.earlierFees + line.fee).jsonString, "fee": line.fee.jsonString,
            "compensation": line.compensation.jsonString, "total": line.total.jsonString,
          ]
        },
      ]
    }
  }
}

/// The text file of a letter, relative to the store.
func letterPath(_ id: String) -> String { "letters/\(id).txt" }

/// `krav ladder`: show or change the creditor's ladder.
struct LadderCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "ladder", abstract: "Show or change the creditor's ladder of formal steps.")
  @OptionGroup var global: GlobalOptions
  @Option(help: "yes: send a reminder before the inkassovarsel; no: strict process.")
  var reminder: String?
  @Option(
    name: .customLong("notice-4-18"),
    help: "combined: the betalingsoppfordring carries the § 4-18 notice; separate: its own step.")
  var notice418: String?
  @Option(help: "enforcement (own court steps) or agency (hand over after the inkassovarsel).")
  var handoff: String?
  @Option(
    name: .customLong("agency-name"),
    help: "The agency claims are handed to, named in letters (\"\" clears it).")
  var agencyName: String?

  func validate() throws {
    if let r = reminder, !["yes", "no"].contains(r) {
      throw CLIText.expected(option: "--reminder", .yesNo, got: r).invalid
    }
    if let n = notice418, !["combined", "separate"].contains(n) {
      throw CLIText.expected(
        option: "--notice-4-18", .alternatives(["combined", "separate"]), got: n
      ).invalid
    }
    if let h = handoff, Handoff(rawValue: h) == nil {
      throw CLIText.expected(option: "--handoff", .alternatives(["enforcement", "agency"]), got: h)
        .invalid
    }
  }

  func run() throws {
    let changing = reminder != nil || notice418 != nil || handoff != nil || agencyName != nil
    let session = try Session.open(global, writing: changing)
    if changing {
      var e = Event.ladderSet()
      if let r = reminder { e.extra["reminder"] = r == "yes" ? "true" : "false" }
      if let n = notice418 { e.extra["notice_4_18"] = "\"\(n)\"" }
      if let h = handoff { e.extra["handoff"] = "\"\(h)\"" }
      if let a = agencyName { e.ladderAgencyName = a }
      try session.append([e])
    }
    let l = session.ledger.rules.ladder
    if global.json {
      return Output.json(
        [
          "reminder": l.sendsReminder, "notice_4_18": l.combines418 ? "combined" : "separate",
          "handoff": l.handoff.rawValue, "steps": l.steps.map(\.rawValue),
          "agency_name": l.agencyName ?? NSNull(),
        ] as [String: Any])
    }
    let t = Catalogue(global.language)
    Output.line(l.steps.map { t.step($0) }.joined(separator: " → "))
  }
}
