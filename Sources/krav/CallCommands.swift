import ArgumentParser
import Foundation
import KravApp
import KravCore
import KravStore

extension Session {
  /// The creditor's call settings (`call-settings.json`), errors as one line naming the file.
  func callSettings() throws -> CallSettings {
    do { return try store.callSettings() } catch let e as CallSettingsError {
      throw UserError(e.text(lang))
    }
  }

  /// The creditor as the sender of e-mail drafts.
  var sender: MailSender {
    let i = store.info
    return MailSender(
      name: i.name, orgnr: i.orgnr, account: i.account, email: i.email, phone: i.phone)
  }

  /// Writes an e-mail draft to `letters/` durably (before the event that names it).
  func writeDraft(named name: String, contents: String) throws -> String {
    try store.writeDraft(named: name, contents: contents)
  }
}

extension GlobalOptions {
  /// The moment treated as now for the call rules: `--now`, else today at the clock's time.
  func moment() throws -> LocalMoment {
    if let n = try now() { return LocalMoment(day: n.day, minute: n.secondsOfDay / 60) }
    return LocalMoment(day: try today(), minute: OsloTime.local(now: Date()).secondsOfDay / 60)
  }
}

/// Parses a money option: positive, at most `Money.maximumAmount`, in any accepted form.
func money(_ text: String, _ option: String) throws -> Money {
  switch Money.parsePositive(text) {
  case .success(let m): return m
  case .failure(let problem):
    throw CLIText.badMoney(option: option, problem, got: VisibleText.escaped(text)).invalid
  }
}

/// Parses a day option.
func day(_ text: String, _ option: String) throws -> Day {
  guard let d = Day(parsing: text) else {
    throw CLIText.expected(option: option, .dayFormat, got: VisibleText.escaped(text)).invalid
  }
  return d
}

/// The JSON of a call-list entry (cli.md `krav calls`).
enum CallsJSON {
  /// `awaiting`: the actions of the customer's requests waiting for a second person's approval
  /// (issue 18).
  static func entry(
    _ e: CallEntry, settings: CallSettings, now: LocalMoment, awaiting: [String] = []
  ) -> [String: Any] {
    let p = e.permission(settings, at: now)
    return [
      "customer": e.customer, "name": e.name, "phone": e.phone ?? NSNull(),
      "amount": e.amount.jsonString, "collector": e.collector.map { $0 as Any } ?? NSNull(),
      "reasons": e.factors.map { f -> [String: Any] in
        [
          "reason": f.reason.rawValue, "points": f.points, "invoices": f.invoices,
          "day": f.day?.iso ?? NSNull(), "amount": f.amount?.jsonString ?? NSNull(),
        ]
      },
      "callable_now": p.allowedNow, "callable_from": p.from?.description ?? NSNull(),
      "blocked_by": p.blocks.map(\.rawValue), "score": e.score,
      "score_parts": [
        "reasons": e.reasonPoints, "amount": e.amountPoints, "days_overdue": e.overduePoints,
      ],
      "days_overdue": e.daysOverdue, "pinned": e.isPinned, "do_not_call": e.doNotCall,
      "awaiting_approval": awaiting,
    ]
  }
}

/// `krav calls`: today's call list; `krav calls config`: the call rules.
struct CallsCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "calls", abstract: "Today's call list, ranked, with the call rules applied.",
    subcommands: [List.self, Config.self], defaultSubcommand: List.self)

  struct List: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "list", abstract: "Today's call list (the default).")
    @OptionGroup var global: GlobalOptions
    @Flag(name: .customLong("callable"), help: "Only customers who may be called now.")
    var callableOnly = false
    @Flag(help: "Only the --as user's customers and the unassigned ones.") var mine = false
    @Option(help: searchHelp) var search: String?

    func run() throws {
      let session = try Session.open(global, writing: false)
      let settings = try session.callSettings()
      let moment = try global.moment()
      var list = session.ledger.callList(today: session.today, settings: settings)
      if callableOnly { list = list.filter { $0.permission(settings, at: moment).allowedNow } }
      if mine {
        let user = global.user
        list = list.filter { $0.isMine(user) }
      }
      if let search {
        let m = session.ledger.searchMatches(search)
        list = list.filter { m[Int($0.position)] }
      }
      if global.json {
        // Streamed: 7 000 entries on a large store held as dictionaries cost 25 MB.
        let ledger = session.ledger
        return Output.jsonArray(list) {
          CallsJSON.entry(
            $0, settings: settings, now: moment,
            awaiting: ledger.customers[$0.customer]?.approvals.map(\.action) ?? [])
        }
      }
      let t = Catalogue(global.language)
      for e in list {
        let awaiting = (session.ledger.customers[e.customer]?.approvals ?? []).map {
          "\(t(.awaitingApproval)): \($0.action)"
        }
        let p = e.permission(settings, at: moment)
        let when =
          p.allowedNow
          ? t(.callNow)
          : p.from.map { "\(t(.callFrom)) \(CallText.moment($0, t))" } ?? t(.callNever)
        Output.line(
          [
            e.customer, e.name, e.phone ?? "–", t.money(e.amount), "\(e.score)", when,
            (e.factors.map { CallText.reason($0, t) } + awaiting).joined(separator: "; "),
          ].joined(separator: "\t"))
      }
    }
  }

  struct Config: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "config",
      abstract: "Show or change the call rules: office hours, limits, grace, ranking weights.")
    @OptionGroup var global: GlobalOptions
    @Option(help: "Weekday office hours, HH:MM-HH:MM within 08:00-21:00.") var weekdays: String?
    @Option(help: "Saturday hours within 09:00-15:00, or 'none'.") var saturday: String?
    @Option(
      name: .customLong("weight"),
      help: "A reason's weight, REASON=POINTS (repeatable), e.g. broken-promise=120.")
    var weights: [String] = []
    @Option(help: "One point per this many kroner outstanding.") var kronerPerPoint: Int?
    @Option(help: "One point per this many days overdue.") var daysPerPoint: Int?

    func run() throws {
      let changing =
        weekdays != nil || saturday != nil || !weights.isEmpty
        || kronerPerPoint != nil || daysPerPoint != nil
      let session = try Session.open(global, writing: changing)
      var s = try session.callSettings()
      if let w = weekdays {
        guard let span = TimeSpan(parsing: w) else {
          throw ValidationError(
            CLIText.expected(option: "--weekdays", .clock, got: w).text(global.language))
        }
        s.weekdayHours = span
      }
      if let sat = saturday {
        if sat.lowercased() == "none" {
          s.saturdayHours = nil
        } else {
          guard let span = TimeSpan(parsing: sat) else {
            throw ValidationError(
              CLIText.expected(option: "--saturday", .clockOrNone, got: sat).text(global.language))
          }
          s.saturdayHours = span
        }
      }
      if let k = kronerPerPoint { s.kronerPerPoint = k }
      if let d = daysPerPoint { s.daysPerPoint = d }
      for w in weights {
        let kv = w.split(separator: "=", maxSplits: 1).map(String.init)
        guard kv.count == 2, let r = CallReason(rawValue: kv[0]), let v = Int(kv[1]) else {
          throw CLIText.expected(
            option: "--weight", .weight(CallReason.allCases.map(\.rawValue)), got: w
          ).invalid
        }
        s.weights[r] = v
      }
      if let problem = s.ruleProblems().first {
        throw UserError(CLIText.callRules(problem.text(global.language)).text(global.language))
      }
      if changing {
        do { try session.store.saveCallSettings(s) } catch let e as CallSettingsError {
          throw UserError(e.text(global.language))
        }
      }
      if global.json {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        return Output.json(encoded: try encoder.encode(s))
      }
      Output.line(CLIText.callSettingsShown(s).text(global.language))
    }
  }
}

/// `krav call log` and `krav call do-not-call`.
struct CallCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "call", abstract: "Log phone calls; the do-not-call flag.",
    subcommands: [Log.self, DoNotCall.self, MayCall.self])

  struct Log: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Log a phone call, with what was agreed; drafts the follow-up e-mail.")
    @OptionGroup var global: GlobalOptions
    @Argument(help: "The customer's id.") var customer: String
    @Option(help: "reached, no-answer, voicemail, wrong-number or refused.") var outcome: String
    @Option(help: "What was said (UTF-8, several lines allowed).") var summary: String?
    @Option(help: "Why the call was made outside the call rules (required then).") var reason:
      String?
    @Option(help: "A promise to pay made on the call: the amount.") var promise: String?
    @Option(name: .customLong("promise-date"), help: "The day the promised amount is paid by.")
    var promiseDate: String?
    @Option(name: .customLong("promise-invoice"), help: "The invoice the promise is about.")
    var promiseInvoice: String?
    @Option(name: .customLong("hold-until"), help: "Pause collection until this day.")
    var holdUntil: String?
    @Option(name: .customLong("hold-reason"), help: "Why collection pauses.") var holdReason:
      String?
    @Flag(name: .customLong("propose-plan"), help: "Mark that an instalment plan is proposed.")
    var proposePlan = false
    @Flag(name: .customLong("no-email"), help: "Do not draft the follow-up e-mail.")
    var noEmail = false
    @Option(
      name: .customLong("email-text"),
      help:
        "The follow-up e-mail's text as the customer reads it (default: the neutral template of what was agreed; never the summary)."
    )
    var emailText: String?

    func validate() throws {
      guard CallOutcome(rawValue: outcome) != nil else {
        throw CLIText.expected(
          option: "--outcome", .alternatives(CallOutcome.allCases.map(\.rawValue)), got: outcome
        ).invalid
      }
      if noEmail, emailText != nil {
        throw CLIText.excludeEachOther("--email-text", "--no-email").invalid
      }
    }

    func run() throws {
      let session = try Session.open(global, writing: true)
      let settings = try session.callSettings()
      var text = CallLogText(
        customer: session.customerKey(customer), outcome: CallOutcome(rawValue: outcome)!)
      text.summary = summary ?? ""
      text.outsideReason = reason
      text.promiseAmount = promise ?? ""
      text.promiseDate = promiseDate ?? ""
      text.promiseInvoice = promiseInvoice ?? ""
      text.holdUntil = holdUntil ?? ""
      text.holdReason = holdReason ?? ""
      text.proposePlan = proposePlan
      try logCall(session, text, settings: settings, email: !noEmail, emailText: emailText)
    }
  }

  struct DoNotCall: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "do-not-call",
      abstract:
        "Flag a customer who asked not to be called (--undo or 'krav call may-call' lifts it).")
    @OptionGroup var global: GlobalOptions
    @Argument(help: "The customer's id.") var customer: String
    @Flag(help: "Lift the flag: the customer may be called again.") var undo = false
    @Option(help: "Why, e.g. how the customer asked (required; shown in the timeline).")
    var reason: String?
    @Option(help: "The same as --reason (kept for scripts).") var text: String?

    func validate() throws {
      guard (reason ?? text).map({ !$0.trimmingCharacters(in: .whitespaces).isEmpty }) == true
      else { throw CLIText.reasonRequired(option: "--reason").invalid }
    }

    func run() throws {
      try setCallPreference(global, customer: customer, mayCall: undo, why: reason ?? text!)
    }
  }

  struct MayCall: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "may-call", abstract: "Lift do-not-call: the customer may be called again.")
    @OptionGroup var global: GlobalOptions
    @Argument(help: "The customer's id.") var customer: String
    @Option(help: "Why (required; shown in the timeline).") var reason: String

    func validate() throws { _ = try required(reason, "--reason") }

    func run() throws {
      try setCallPreference(global, customer: customer, mayCall: true, why: reason)
    }
  }
}

/// Writes a `call-preference-set` (do-not-call or may-call) with the collector's reason.
func setCallPreference(_ global: GlobalOptions, customer: String, mayCall: Bool, why: String)
  throws
{
  let session = try Session.open(global, writing: true)
  let c = try session.customer(customer)
  let request = CallPreferenceRequest(customer: c.id, doNotCall: !mayCall, text: why)
  let stored = try session.append([request.event()])
  session.report(stored, mayCall ? .mayCall(customer: c.id) : .doNotCall(customer: c.id))
}

/// Logs a call: checks it (every problem at once, the same `CallLog.check` as the form),
/// writes the follow-up draft durably, then appends the events.
func logCall(
  _ session: Session, _ text: CallLogText, settings: CallSettings, email: Bool,
  emailText: String? = nil
) throws {
  let moment = try session.global.moment()
  let (checked, problems) = CallLog.check(
    text, ledger: session.ledger, today: session.today, now: moment, settings: settings)
  guard let input = checked else {
    throw session.error(.problems(problems))
  }
  var letter: String?
  var draft: MailDraft?
  if email {
    draft = CallLog.followUp(
      input, ledger: session.ledger, sender: session.sender, today: session.today,
      at: try session.global.timestamp(), body: emailText)
    if let d = draft { letter = try session.writeDraft(named: d.fileName, contents: d.eml) }
  }
  let stored = try session.append(CallLog.events(input, today: session.today, letter: letter))
  if session.global.json {
    var o: [String: Any] = ["events": stored.map { Output.eventJSON($0.0) }]
    o["email"] = letter ?? NSNull()
    return Output.json(o)
  }
  Output.line(CLIText.callLogged(customer: input.customer).text(session.lang))
  if let letter, let draft {
    Output.line(CLIText.followUpDrafted(letter: letter).text(session.lang))
    Output.line(draft.body)
  }
}

/// `krav promise add`.
struct PromiseCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "promise", abstract: "Promises to pay.",
    subcommands: [Add.self, List.self, Cancel.self])

  struct Cancel: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Cancel a promise to pay (it then pauses nothing; the timeline keeps both).")
    @OptionGroup var global: GlobalOptions
    @Argument(help: "The promise's id (`krav promise list CUSTOMER`).") var id: String
    @Option(help: "Why (required; shown in the timeline).") var reason: String

    func validate() throws { _ = try required(reason, "--reason") }

    func run() throws {
      let session = try Session.open(global, writing: true)
      // Shared with the case's correction form (KravCore's `PromiseCancellation`).
      let request = PromiseCancellation(promise: id, reason: reason)
      guard let owner = request.owner(ledger: session.ledger),
        request.problems(ledger: session.ledger).isEmpty
      else { throw session.error(.noPromise(id)) }
      let stored = try session.append([request.event(ledger: session.ledger)])
      session.report(stored, .promiseCancelled(id: id, customer: owner.id))
    }
  }

  struct Add: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Record a promise to pay.")
    @OptionGroup var global: GlobalOptions
    @Argument(help: "The customer's id.") var customer: String
    @Option(help: "The amount promised.") var amount: String
    @Option(help: "The day it will be paid by.") var date: String
    @Option(help: "The invoice it is about (default: all the customer's claims).") var invoice:
      String?

    func validate() throws {
      _ = try money(amount, "--amount")
      _ = try day(date, "--date")
    }

    func run() throws {
      let session = try Session.open(global, writing: true)
      let c = try session.customer(customer)
      let d = try day(date, "--date")
      guard d >= session.today else {
        throw session.error(.promiseDayBeforeToday(d, today: session.today))
      }
      let claim = invoice.flatMap { session.claim($0) }
      if let inv = invoice, claim?.customer != c.id {
        throw session.error(.promiseInvoiceNotCustomers(inv, customer: c.id))
      }
      let e = Event.promiseMade(
        customer: c.id, invoice: claim?.invoice, amount: try money(amount, "--amount"), day: d)
      let stored = try session.append([e])
      session.report(stored, .promiseRecorded(customer: c.id))
    }
  }

  struct List: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "A customer's promises and whether they were kept.")
    @OptionGroup var global: GlobalOptions
    @Argument(help: "The customer's id.") var customer: String

    func run() throws {
      let session = try Session.open(global, writing: false)
      let customer = try session.customer(self.customer).id
      let settings = try session.callSettings()
      let rows = session.ledger.promiseStatuses(
        customer: customer, today: session.today, graceDays: settings.promiseGraceDays)
      if global.json { return Output.json(rows.map(PromiseJSON.object)) }
      // Money, days and states in the interface language, as every other list.
      let t = Catalogue(session.lang)
      for r in rows {
        Output.line(
          [
            r.promise.eventId, t.money(r.promise.amount), t.day(r.promise.due), t.money(r.paid),
            t.promiseState(r.state),
          ].joined(separator: "\t"))
      }
    }
  }
}

enum PromiseJSON {
  static func object(_ s: PromiseStatus) -> [String: Any] {
    [
      "id": s.promise.eventId, "amount": s.promise.amount.jsonString, "date": s.promise.due.iso,
      "made": s.promise.madeOn.iso, "invoice": s.promise.invoice ?? NSNull(),
      "paid": s.paid.jsonString, "state": s.state.rawValue, "last_day": s.lastDay.iso,
      "settled": s.settledOn?.iso ?? NSNull(),
    ]
  }
}

/// `krav dispute open` and `krav dispute resolve`.
struct DisputeCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "dispute", abstract: "Objections to claims (innsigelser).",
    subcommands: [Open.self, Resolve.self, Withdraw.self])

  struct Withdraw: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract:
        "The debtor withdrew the objection: collection goes on (the objection stays in the timeline)."
    )
    @OptionGroup var global: GlobalOptions
    @Argument(help: "The objection's id, or the invoice it is on.") var ref: String
    @Option(help: "Why, e.g. how the debtor withdrew it (required; shown in the timeline).")
    var reason: String

    func validate() throws { _ = try required(reason, "--reason") }

    func run() throws {
      let session = try Session.open(global, writing: true)
      let found =
        session.ledger.dispute(id: ref)
        ?? session.claim(ref).flatMap { claim in
          session.ledger.customers[claim.customer].flatMap { c in
            c.disputes.last { $0.invoice == claim.invoice && $0.isOpen }.map { (c, $0) }
          }
        }
      guard let (owner, d) = found else { throw session.error(.noObjection(ref)) }
      // Shared with the case's correction form (KravCore's `DisputeWithdrawal`).
      let request = DisputeWithdrawal(dispute: d.eventId, reason: reason, today: session.today)
      guard request.problems(ledger: session.ledger).isEmpty,
        let e = request.event(ledger: session.ledger), owner.id == e.customer
      else { throw session.error(.objectionAlreadyResolved(d.eventId)) }
      let stored = try session.append([e])
      session.report(stored, .objectionWithdrawn(id: d.eventId, invoice: d.invoice))
    }
  }

  struct Open: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Record an objection: the whole claim, or only the disputed amount.")
    @OptionGroup var global: GlobalOptions
    @Option(help: "The invoice objected to.") var invoice: String
    @Option(help: "The disputed part (the defect's value); default the whole claim.") var amount:
      String?
    @Option(help: "defect, wrong-amount, not-ordered, already-paid or other.") var reason: String
    @Option(help: "What the customer says.") var text: String
    @Option(help: "How it came: phone, email, letter or in-person.") var channel: String?
    @Option(help: "Who objected (the customer's contact person).") var who: String?
    @Option(help: "When the customer objected (default today).") var date: String?

    func validate() throws {
      guard DisputeReason(rawValue: reason) != nil else {
        throw CLIText.expected(
          option: "--reason", .alternatives(DisputeReason.allCases.map(\.rawValue)), got: reason
        ).invalid
      }
      _ = try required(text, "--text")
      if let a = amount { _ = try money(a, "--amount") }
      if let d = date { _ = try day(d, "--date") }
      if let c = channel, !["phone", "email", "letter", "in-person"].contains(c) {
        throw ValidationError(
          CLIText.expected(option: "--channel", .contactChannel, got: c).text(global.language))
      }
    }

    func run() throws {
      let session = try Session.open(global, writing: true)
      let ledger = session.ledger
      let claim = try session.claim(invoice, option: "--invoice")
      let invoice = claim.invoice
      if ledger.openDispute(on: claim, today: session.today)?.isOpen == true {
        throw session.error(.objectionAlreadyOpen(invoice))
      }
      var disputed: Money?
      if let a = amount {
        let m = try money(a, "--amount")
        guard m <= claim.principal - claim.credits else {
          throw session.error(.amountAbovePrincipal("--amount", m))
        }
        disputed = m
      }
      let e = Event.disputeOpened(
        customer: claim.customer, invoice: invoice, amount: disputed, reason: reason, text: text,
        date: try date.map { try day($0, "--date") } ?? session.today, channel: channel, name: who)
      let stored = try session.append([e])
      if global.json {
        let split = session.ledger.disputeSplit(invoice: invoice, today: session.today)
        return Output.json([
          "events": stored.map { Output.eventJSON($0.0) }, "id": stored[0].0.id,
          "disputed": split?.disputed.jsonString ?? NSNull(),
          "undisputed": split?.undisputed.jsonString ?? NSNull(),
          "partial": split?.isPartial == true,
        ])
      }
      Output.line(
        CLIText.objectionRecorded(id: stored[0].0.id, invoice: invoice).text(session.lang))
    }
  }

  struct Resolve: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract:
        "Resolve an objection: accepted (with a credit note), rejected (drafts the answer e-mail) or to the forliksråd."
    )
    @OptionGroup var global: GlobalOptions
    @Argument(help: "The objection's id (the dispute-opened event's id).") var id: String
    @Option(help: "accepted, rejected or forliksrad (or give one of the flags below).")
    var outcome: String?
    @Flag(help: "The objection is accepted (needs --credit).") var accepted = false
    @Flag(help: "The objection is rejected.") var rejected = false
    @Flag(help: "The creditor takes the claim to the forliksråd.") var forliksrad = false
    @Option(help: "With accepted (required): the credit note's amount, 0 for none.")
    var credit: String?
    @Option(help: "The answer (required with --rejected).") var text: String?

    mutating func validate() throws {
      if let o = outcome {
        switch o.lowercased() {
        case "accepted": accepted = true
        case "rejected": rejected = true
        case "forliksrad": forliksrad = true
        default: throw ValidationError(CLIText.outcomeExpected(o).text(global.language))
        }
      }
      guard [accepted, rejected, forliksrad].filter({ $0 }).count == 1 else {
        throw CLIText.exactlyOneOf(["--outcome", "--accepted", "--rejected", "--forliksrad"])
          .invalid
      }
      if let c = credit {
        guard accepted else { throw CLIText.goesWith("--credit", "--accepted").invalid }
        if Money(parsing: c) != .zero { _ = try money(c, "--credit") }
      } else if accepted {
        throw ValidationError(CLIText.creditRequired.text(global.language))
      }
      if rejected { _ = try required(text, "--text") }
    }

    func run() throws {
      let session = try Session.open(global, writing: true)
      let ledger = session.ledger
      let outcome: DisputeOutcome = accepted ? .accepted : rejected ? .rejected : .forliksrad
      let request = DisputeResolution(
        dispute: id, outcome: outcome,
        credit: try credit.flatMap { Money(parsing: $0) == .zero ? nil : $0 }.map {
          try money($0, "--credit")
        },
        text: text, today: session.today)
      if let p = request.problems(ledger: ledger).first {
        switch p.code {
        case .unknownDispute, .alreadyResolved: throw session.error(.problem(option: "ID", p))
        default: throw session.error(.problem(option: "--\(p.field)", p))
        }
      }
      guard let (owner, d) = request.find(in: ledger), var e = request.event(ledger: ledger)
      else { throw session.error(.noObjection(id)) }
      var letter: String?
      if rejected, let claim = ledger.claims[d.invoice] {
        let mail = FollowUpMail.disputeRejected(
          sender: session.sender, customer: owner, dispute: d, answer: text ?? "",
          outstanding: claim.balance(asOf: session.today).outstanding,
          resolvedOn: session.today, at: try global.timestamp())
        letter = try session.writeDraft(named: mail.fileName, contents: mail.eml)
        e.planLetter = letter
      }
      let stored = try session.append([e])
      if global.json {
        return Output.json([
          "events": stored.map { Output.eventJSON($0.0) }, "email": letter as Any? ?? NSNull(),
          "resumes": rejected
            ? session.today.adding(days: Dispute.replyWindowDays + 1).iso as Any : NSNull(),
        ])
      }
      // The consequence, in the interface language.
      let message: CLIText
      if accepted, let claim = session.ledger.claims[d.invoice] {
        message = .objectionAccepted(
          id: id, credit: Money(ore: e.amount ?? 0), invoice: d.invoice,
          outstanding: claim.balance(asOf: session.today).outstanding)
      } else if rejected {
        message = .objectionRejected(
          id: id, resumes: session.today.adding(days: Dispute.replyWindowDays + 1))
      } else {
        message = .objectionToForliksrad(id: id)
      }
      Output.line(message.text(session.lang))
      if let letter { Output.line(CLIText.answerDrafted(letter: letter).text(session.lang)) }
    }
  }
}

extension Ledger {
  /// The objection with event id `id` and its owner.
  func dispute(id: String) -> (Customer, Dispute)? {
    for c in customers.values {
      if let d = c.disputes.first(where: { $0.eventId == id }) { return (c, d) }
    }
    return nil
  }
}

/// `krav hold CUSTOMER|--invoice … --until … --reason …` and `krav hold lift`.
struct HoldCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "hold", abstract: "Pause the ladder for a customer or one claim; lift a pause.",
    subcommands: [Put.self, Lift.self], defaultSubcommand: Put.self)

  struct Put: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "set", abstract: "Pause the ladder for a customer or one claim until a day.")
    @OptionGroup var global: GlobalOptions
    @Argument(help: "The customer's id (or give --invoice).") var customer: String?
    @Option(help: "Only this claim.") var invoice: String?
    @Option(help: "The last day of the pause.") var until: String
    @Option(help: "Why.") var reason: String

    func validate() throws {
      guard (customer == nil) != (invoice == nil) else {
        throw CLIText.giveEither("CUSTOMER", "--invoice").invalid
      }
      _ = try day(until, "--until")
      _ = try required(reason, "--reason")
    }

    func run() throws {
      let session = try Session.open(global, writing: true)
      let u = try day(until, "--until")
      guard u >= session.today else {
        throw session.error(.holdUntilBeforeToday(u, today: session.today))
      }
      // The typed ids are resolved first (any case, errors in the interface language); the
      // request shared with the TUI's hold form then checks the rest and makes the event.
      let request: HoldRequest
      if let inv = invoice {
        let claim = try session.claim(inv, option: "--invoice")
        request = HoldRequest(customer: nil, invoice: claim.invoice, until: u, reason: reason)
      } else {
        let c = try session.customer(customer ?? "")
        request = HoldRequest(customer: c.id, invoice: nil, until: u, reason: reason)
      }
      if let p = request.problems(ledger: session.ledger, today: session.today).first {
        throw ValidationError(CLIText.problem(option: "--\(p.field)", p).text(session.lang))
      }
      let stored = try session.append([request.event(ledger: session.ledger)])
      session.report(stored, .onHoldUntil(u))
    }
  }

  struct Lift: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract:
        "End a pause early: the ladder goes on from today (the pause stays in the timeline).")
    @OptionGroup var global: GlobalOptions
    @Argument(help: "The customer's id (or give --invoice).") var customer: String?
    @Option(help: "Only this claim's pause.") var invoice: String?
    @Option(help: "Why (required; shown in the timeline).") var reason: String

    func validate() throws {
      guard (customer == nil) != (invoice == nil) else {
        throw CLIText.giveEither("CUSTOMER", "--invoice").invalid
      }
      _ = try required(reason, "--reason")
    }

    func run() throws {
      let session = try Session.open(global, writing: true)
      // Shared with the case's correction form (KravCore's `HoldLift`).
      let request: HoldLift
      if let inv = invoice {
        let claim = try session.claim(inv, option: "--invoice")
        request = HoldLift(
          customer: claim.customer, invoice: claim.invoice, reason: reason, today: session.today)
      } else {
        let c = try session.customer(customer ?? "")
        request = HoldLift(customer: c.id, invoice: nil, reason: reason, today: session.today)
      }
      let what = request.invoice ?? request.customer
      guard request.problems(ledger: session.ledger).isEmpty else {
        throw session.error(.noHoldToLift(what))
      }
      let stored = try session.append([request.event()])
      session.report(stored, .holdLifted(what))
    }
  }
}
