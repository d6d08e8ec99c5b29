/// How a call went (cli.md `call log --outcome`).
public enum CallOutcome: String, Sendable, Hashable, CaseIterable {
  case reached
  case noAnswer = "no-answer"
  case voicemail
  case wrongNumber = "wrong-number"
  case refused
}

/// Everything the call log form (or `krav call log`) records about one call: the call itself
/// and what was agreed on it. One input, one batch of events, written in one durable append.
public struct CallLogInput: Sendable, Hashable {
  public struct PromiseInput: Sendable, Hashable {
    public var amount: Money
    public var day: Day
    public var invoice: String?
    public init(amount: Money, day: Day, invoice: String? = nil) {
      self.amount = amount
      self.day = day
      self.invoice = invoice
    }
  }
  public struct DisputeInput: Sendable, Hashable {
    public var invoice: String
    /// The disputed part; nil = the whole claim.
    public var amount: Money?
    public var reason: DisputeReason
    public var text: String
    /// Who objected, if the collector noted it (the dispute's `name`).
    public var who: String?
    public init(
      invoice: String, amount: Money?, reason: DisputeReason, text: String, who: String? = nil
    ) {
      self.invoice = invoice
      self.amount = amount
      self.reason = reason
      self.text = text
      self.who = who
    }
  }
  public struct HoldInput: Sendable, Hashable {
    public var until: Day
    public var reason: String
    public init(until: Day, reason: String) {
      self.until = until
      self.reason = reason
    }
  }

  public var customer: String
  public var outcome: CallOutcome
  public var summary: String
  /// Why the call was made outside the call rules (required then; see `CallGuard`).
  public var outsideReason: String?
  public var promise: PromiseInput?
  public var dispute: DisputeInput?
  public var hold: HoldInput?
  /// The collector will propose an instalment plan (a marker on the timeline).
  public var proposePlan: Bool

  public init(
    customer: String, outcome: CallOutcome, summary: String = "", outsideReason: String? = nil,
    promise: PromiseInput? = nil, dispute: DisputeInput? = nil, hold: HoldInput? = nil,
    proposePlan: Bool = false
  ) {
    self.customer = customer
    self.outcome = outcome
    self.summary = summary
    self.outsideReason = outsideReason
    self.promise = promise
    self.dispute = dispute
    self.hold = hold
    self.proposePlan = proposePlan
  }

  /// Whether something was agreed that the follow-up e-mail should confirm.
  public var hasAgreement: Bool { promise != nil || dispute != nil || hold != nil || proposePlan }
}

/// A problem with a call log input: the field (form field or CLI option) and what is wrong.
public struct CallLogProblem: Hashable, Sendable, CustomStringConvertible {
  /// What is wrong, as a code the interface translates: `outside-rules`, `not-positive`,
  /// `before-today`, `unknown-invoice`, `already-open`, `above-principal`, `required`.
  public enum Code: String, Sendable {
    case outsideRules = "outside-rules", notPositive = "not-positive", beforeToday = "before-today",
      unknownInvoice = "unknown-invoice", alreadyOpen = "already-open", abovePrincipal =
      "above-principal", required, unknownCustomer = "unknown-customer",
      onlyWhenAccepted = "only-when-accepted", unknownDispute = "unknown-dispute",
      alreadyResolved = "already-resolved", badAmount = "bad-amount", badDay = "bad-day",
      tooLarge = "too-large"
    /// Corrections and customer changes (issue 20, CorrectionRequests.swift).
    case notAPayment = "not-a-payment", alreadyCorrected = "already-corrected",
      unknownPromise = "unknown-promise", noHold = "no-hold", invalid,
      nothingChanged = "nothing-changed"
  }
  public var field: String
  public var code: Code
  public var message: String
  public var description: String { "\(field): \(message)" }
}

/// Checks and turns a call log input into events and a follow-up e-mail draft.
public enum CallLog {
  /// What is wrong with `input` against the ledger on `today` at `now` (empty: it may be saved).
  ///
  /// The call rules are checked here too: a call outside them needs `outsideReason`.
  public static func problems(
    _ input: CallLogInput, ledger: Ledger, today: Day, now: LocalMoment, settings: CallSettings
  ) -> [CallLogProblem] {
    var p: [CallLogProblem] = []
    guard let c = ledger.customers[input.customer] else {
      return [
        CallLogProblem(
          field: "customer", code: .unknownCustomer,
          message: "no customer with id \(input.customer)")
      ]
    }
    let permission = CallGuard.check(
      settings: settings, callDays: c.callDays, doNotCall: c.doNotCall, at: now)
    if !permission.allowedNow, (input.outsideReason ?? "").trimmingSpaces.isEmpty {
      let why = permission.blocks.map(\.rawValue).joined(separator: ", ")
      p.append(
        CallLogProblem(
          field: "reason",
          code: .outsideRules,
          message: "a call now is outside the call rules (\(why)); give the reason it was made"))
    }
    if input.outcome == .reached,
      input.summary.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty
    {
      p.append(
        CallLogProblem(
          field: "summary", code: .required, message: "a reached call needs a summary"))
    }
    if let pr = input.promise {
      if !pr.amount.isPositive {
        p.append(
          CallLogProblem(field: "promise amount", code: .notPositive, message: "must be above zero")
        )
      }
      if pr.day < today {
        p.append(
          CallLogProblem(
            field: "promise date", code: .beforeToday, message: "must be today or later"))
      }
      if let inv = pr.invoice, ledger.claims[inv]?.customer != c.id {
        p.append(
          CallLogProblem(
            field: "promise invoice", code: .unknownInvoice,
            message: "no claim \(inv) of this customer"))
      }
    }
    if let d = input.dispute {
      if let claim = ledger.claims[d.invoice], claim.customer == c.id {
        if ledger.openDispute(on: claim, today: today)?.isOpen == true {
          p.append(
            CallLogProblem(
              field: "dispute invoice", code: .alreadyOpen,
              message: "\(d.invoice) already has an open objection"))
        }
        if let a = d.amount, !a.isPositive || a > claim.principal - claim.credits {
          p.append(
            CallLogProblem(
              field: "dispute amount", code: .abovePrincipal,
              message: "must be above zero and at most the principal"))
        }
      } else {
        p.append(
          CallLogProblem(
            field: "dispute invoice", code: .unknownInvoice,
            message: "no claim \(d.invoice) of this customer"))
      }
      if d.text.trimmingSpaces.isEmpty {
        p.append(
          CallLogProblem(
            field: "dispute text", code: .required, message: "say what the objection is"))
      }
    }
    if let h = input.hold {
      if h.until < today {
        p.append(
          CallLogProblem(field: "hold until", code: .beforeToday, message: "must be today or later")
        )
      }
      if h.reason.trimmingSpaces.isEmpty {
        p.append(
          CallLogProblem(field: "hold reason", code: .required, message: "a reason is required"))
      }
    }
    return p
  }

  /// The events for a call, in order: the call, then a promise, an objection, a hold and the
  /// plan marker. `letter` is the follow-up draft's path in the store, if one was written.
  public static func events(_ input: CallLogInput, today: Day, letter: String? = nil) -> [Event] {
    func draft(_ type: EventType, invoice: String? = nil) -> Event {
      Event.draft(type, customer: input.customer, invoice: invoice)
    }
    var call = draft(.callLogged)
    call.outcome = input.outcome.rawValue
    let summary = input.summary.trimmingTrailingWhitespace
    if !summary.isEmpty { call.text = summary }
    if let r = input.outsideReason?.trimmingSpaces, !r.isEmpty { call.reason = r }
    call.ref = letter
    var out = [call]
    if let p = input.promise {
      var e = draft(.promiseMade, invoice: p.invoice)
      e.amount = p.amount.ore
      e.date = p.day
      e.channel = ContactChannel.phone.rawValue
      out.append(e)
    }
    if let d = input.dispute {
      var e = draft(.disputeOpened, invoice: d.invoice)
      e.amount = d.amount?.ore
      e.reason = d.reason.rawValue
      e.text = d.text
      e.name = d.who
      e.date = today
      e.channel = ContactChannel.phone.rawValue
      out.append(e)
    }
    if let h = input.hold {
      out.append(.holdSet(customer: input.customer, until: h.until, text: h.reason))
    }
    if input.proposePlan {
      out.append(
        .noteAdded(
          customer: input.customer, text: "Foreslå nedbetalingsavtale", reason: .proposePlan))
    }
    return out
  }

  /// The follow-up e-mail for a call where the debtor was reached or something was agreed;
  /// nil otherwise (no answer and nothing agreed: nothing to confirm). `body` is the text the
  /// collector wrote or edited; nil takes the neutral template (`FollowUpMail.callTemplate`).
  /// The call's summary is the collector's internal note and never goes into the e-mail.
  public static func followUp(
    _ input: CallLogInput, ledger: Ledger, sender: MailSender, today: Day, at: String,
    body: String? = nil
  ) -> MailDraft? {
    guard let f = mailFacts(input, ledger: ledger, today: today) else { return nil }
    return FollowUpMail.callSummary(
      sender: sender, customer: f.customer, agreement: f.agreement, open: f.open, at: at,
      body: body)
  }

  /// The follow-up e-mail's starting text for a call (what the collector edits before saving);
  /// nil when the call gets no e-mail.
  public static func followUpTemplate(
    _ input: CallLogInput, ledger: Ledger, sender: MailSender, today: Day, at: String
  ) -> String? {
    guard let f = mailFacts(input, ledger: ledger, today: today) else { return nil }
    return FollowUpMail.callTemplate(
      sender: sender, customer: f.customer, agreement: f.agreement, open: f.open, at: at)
  }

  private static func mailFacts(_ input: CallLogInput, ledger: Ledger, today: Day) -> (
    customer: Customer, agreement: CallAgreement,
    open: [(invoice: String, kid: String?, outstanding: Money)]
  )? {
    guard input.outcome == .reached || input.hasAgreement,
      let c = ledger.customers[input.customer]
    else { return nil }
    let open = ledger.claimSummaries(customer: c.id, today: today)
      .filter { $0.status.isOpen && $0.balance.outstanding.isPositive }
      .map { (invoice: $0.claim.invoice, kid: $0.claim.kid, outstanding: $0.balance.outstanding) }
    let agreement = CallAgreement(
      outcome: input.outcome.rawValue, promise: input.promise.map { ($0.amount, $0.day) },
      promiseInvoice: input.promise?.invoice,
      dispute: input.dispute.map { ($0.invoice, $0.amount, $0.reason.rawValue) },
      holdUntil: input.hold?.until, proposePlan: input.proposePlan)
    return (c, agreement, open)
  }
}

/// A call log as typed: every field as text, the way the call form and `krav call log` take
/// it. `parse` reads every field and reports every problem at once (a bad amount and a bad day
/// together), so neither front end needs a second round to find the rest.
public struct CallLogText: Sendable, Hashable {
  public var customer: String
  public var outcome: CallOutcome
  public var summary = ""
  public var outsideReason: String?
  public var promiseAmount = ""
  public var promiseDate = ""
  public var promiseInvoice = ""
  public var disputeInvoice = ""
  public var disputeAmount = ""
  public var disputeReason: DisputeReason = .defect
  public var disputeText = ""
  public var disputeWho = ""
  public var holdUntil = ""
  public var holdReason = ""
  public var proposePlan = false

  public init(customer: String, outcome: CallOutcome) {
    self.customer = customer
    self.outcome = outcome
  }

  /// The input the text describes (fields that did not parse are left out) and the problems
  /// with the text itself; `CallLog.problems` on the input finds the rest.
  public func parse() -> (CallLogInput, [CallLogProblem]) {
    var p: [CallLogProblem] = []
    func clean(_ s: String) -> String { s.trimmingCharacters(in: .whitespaces) }
    func money(_ text: String, _ field: String) -> Money? {
      switch Money.parsePositive(text) {
      case .success(let m): return m
      case .failure(.tooLarge):
        p.append(.init(field: field, code: .tooLarge, message: "the amount is too large"))
      case .failure:
        if let m = Money(parsing: text) { return m }  // zero or less: `problems` says so
        p.append(.init(field: field, code: .badAmount, message: "not an amount: '\(text)'"))
      }
      return nil
    }
    func day(_ text: String, _ field: String) -> Day? {
      if let d = Day(parsing: text) { return d }
      p.append(.init(field: field, code: .badDay, message: "not a day: '\(text)'"))
      return nil
    }
    func required(_ field: String, _ what: String) {
      p.append(.init(field: field, code: .required, message: what))
    }
    let reason = outsideReason.map(clean)
    var input = CallLogInput(
      customer: customer, outcome: outcome, summary: summary, outsideReason: reason,
      proposePlan: proposePlan)
    let amount = clean(promiseAmount)
    let date = clean(promiseDate)
    let pInvoice = clean(promiseInvoice)
    if !amount.isEmpty || !date.isEmpty || !pInvoice.isEmpty {
      let m = amount.isEmpty ? nil : money(amount, "promise amount")
      let d = date.isEmpty ? nil : day(date, "promise date")
      if amount.isEmpty { required("promise amount", "a promise needs an amount") }
      if date.isEmpty { required("promise date", "a promise needs a day") }
      if let m, let d {
        input.promise = .init(amount: m, day: d, invoice: pInvoice.isEmpty ? nil : pInvoice)
      }
    }
    let invoice = clean(disputeInvoice)
    let dAmount = clean(disputeAmount)
    let who = clean(disputeWho)
    if !invoice.isEmpty {
      let disputed = dAmount.isEmpty ? nil : money(dAmount, "dispute amount")
      if dAmount.isEmpty || disputed != nil {
        input.dispute = .init(
          invoice: invoice, amount: disputed, reason: disputeReason, text: clean(disputeText),
          who: who.isEmpty ? nil : who)
      } else if clean(disputeText).isEmpty {
        required("dispute text", "say what the objection is")
      }
    } else if !dAmount.isEmpty || !clean(disputeText).isEmpty || !who.isEmpty {
      required("dispute invoice", "an objection needs the invoice")
    }
    let until = clean(holdUntil)
    let hReason = clean(holdReason)
    if !until.isEmpty || !hReason.isEmpty {
      let d = until.isEmpty ? nil : day(until, "hold until")
      if until.isEmpty { required("hold until", "a hold needs a day") }
      if let d {
        input.hold = .init(until: d, reason: hReason)
      } else if hReason.isEmpty {
        required("hold reason", "a reason is required")
      }
    }
    return (input, p)
  }
}

extension CallLog {
  /// Every problem with a typed call log at once: the text's own (`CallLogText.parse`), then
  /// the ledger's and the call rules' (`problems`) on what did parse. The input is nil when
  /// anything is wrong.
  public static func check(
    _ text: CallLogText, ledger: Ledger, today: Day, now: LocalMoment, settings: CallSettings
  ) -> (input: CallLogInput?, problems: [CallLogProblem]) {
    let (input, parsed) = text.parse()
    let all =
      parsed
      + problems(input, ledger: ledger, today: today, now: now, settings: settings).filter {
        p in !parsed.contains { $0.field == p.field }
      }
    return (all.isEmpty ? input : nil, all)
  }
}

extension String {
  /// The text without trailing spaces, tabs and line breaks.
  var trimmingTrailingWhitespace: String {
    var s = Substring(self)
    while let l = s.last, l == " " || l == "\t" || l == "\n" || l == "\r" { s.removeLast() }
    return String(s)
  }
}
