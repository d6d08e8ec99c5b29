/// A plan action the collector asked for that cannot be done, with the reason in words.
public struct PlanInputError: WordedError, Equatable, Sendable {
  public var english: String
  /// The same in Norwegian, when the error has a translation (`PlanError.norwegian`).
  public var norwegian: String?
  public init(_ d: String, norwegian: String? = nil) {
    english = d
    self.norwegian = norwegian
  }

  /// The message in `lang` (English when there is no Norwegian text).
  public func text(_ lang: Language) -> String {
    lang == .nb ? norwegian ?? english : english
  }
}

/// What proposing a plan writes: the documents first, then the event.
public struct PlanDraft: Sendable {
  public var quote: PlanQuote
  public var signBy: Day
  public var graceDays: Int
  public var number: Int
  public var invoices: [String]
  public var documents: [DocumentFile]
  public var event: Event
}

/// What a plan needs doing on a day (`krav plan follow`, `f` in the plan view).
public enum PlanFollowUp: Hashable, Sendable {
  /// An instalment was missed: record the acceleration and send the notice.
  case accelerate(plan: String)
  /// Paid in full: close the plan's claims that are still open.
  case close(plan: String, invoices: [String])
}

/// The actions on plans, as drafts (events and letters) for the CLI and the TUI to write.
extension Ledger {
  /// The claims a new plan for `customer` may cover by default: open, not disputed, not in a
  /// plan that holds the ladder.
  public func plannableInvoices(customer: String, today: Day) -> [String] {
    claimSummaries(customer: customer, today: today)
      .filter {
        $0.status.isOpen && $0.status != .disputed && $0.balance.outstanding.isPositive
          && planPausing(invoice: $0.claim.invoice, on: today) == nil
      }
      .map(\.claim.invoice)
  }

  /// Builds a plan proposal: the quote, the document (text and .eml) and the event.
  ///
  /// `invoices` nil means every plannable claim of the customer. Refuses (with the reason) an
  /// unknown customer, claims of someone else, closed, paid or disputed claims, claims already
  /// in a plan, a signing deadline before today, and grace days outside 0–5.
  public func draftPlan(
    customer id: String, invoices: [String]? = nil, size: PlanRequest.Size,
    frequency: PlanFrequency = .month, signBy: Day? = nil, graceDays: Int = Plan.defaultGraceDays,
    channel: String? = nil, today: Day, creditor: PlanLetter.Creditor, timestamp: String,
    letterVariant: Int = 1, table: RateTable = .norway
  ) throws -> PlanDraft {
    guard let customer = customers[id] else {
      throw PlanInputError("no customer with id \(id)", norwegian: "ingen kunde med id \(id)")
    }
    guard Plan.graceRange.contains(graceDays) else {
      throw PlanInputError(
        "grace days must be from 0 to 5, got \(graceDays)",
        norwegian: "respittdager må være fra 0 til 5, fikk \(graceDays)")
    }
    let deadline = signBy ?? today.adding(days: Plan.defaultSigningDays)
    guard deadline >= today else {
      throw PlanInputError(
        "the signing deadline \(deadline.iso) is before today \(today.iso)",
        norwegian:
          "signeringsfristen \(LetterText.day(deadline)) er før i dag \(LetterText.day(today))")
    }
    let summaries = claimSummaries(customer: id, today: today)
    let chosen = invoices ?? plannableInvoices(customer: id, today: today)
    guard !chosen.isEmpty else {
      throw PlanInputError(
        "customer \(id) has no open claims that can go in a plan",
        norwegian: "kunde \(id) har ingen åpne krav som kan legges i en avtale")
    }
    var picked: [ClaimSummary] = []
    for inv in chosen {
      guard let s = summaries.first(where: { $0.claim.invoice == inv }) else {
        throw PlanInputError(
          "invoice \(inv) is not a claim of customer \(id)",
          norwegian: "faktura \(inv) er ikke et krav mot kunde \(id)")
      }
      guard s.status.isOpen, s.balance.outstanding.isPositive else {
        throw PlanInputError(
          "invoice \(inv) is \(s.status.rawValue): nothing to put in a plan",
          norwegian:
            "faktura \(inv) er lukket (\(s.status.rawValue)): ingenting å legge i en avtale")
      }
      guard s.status != .disputed else {
        throw PlanInputError(
          "invoice \(inv) is disputed: resolve the objection first",
          norwegian: "faktura \(inv) er bestridt: avgjør innsigelsen først")
      }
      if let other = planPausing(invoice: inv, on: today) {
        throw PlanInputError(
          "invoice \(inv) is already in plan \(other.label)",
          norwegian: "faktura \(inv) er allerede i avtale \(other.label)")
      }
      if !picked.contains(where: { $0.claim.invoice == inv }) { picked.append(s) }
    }
    let quote: PlanQuote
    do {
      var request = PlanRequest(
        claims: picked.map(\.claim), proposedOn: today, signBy: deadline, frequency: frequency,
        size: size)
      request.ladder = rules.ladder
      request.kind = customer.kind
      quote = try PlanSchedule.quote(request, table: table)
    } catch let e as PlanError {
      throw PlanInputError(e.description, norwegian: e.norwegian)
    }
    let number = plans(ofCustomer: id).count + 1
    let docs = PlanLetter.proposal(
      creditor: creditor, customer: customer, claims: picked, quote: quote, signBy: deadline,
      graceDays: graceDays, proposedOn: today, number: number, timestamp: timestamp,
      variant: letterVariant)
    var e = Event.draft(.planProposed, customer: id)
    e.amount = quote.total.ore
    e.date = today
    e.until = deadline
    e.channel = channel
    e.planInvoices = picked.map(\.claim.invoice)
    e.planInstalments = quote.instalments
    e.planFrequency = frequency
    e.planGraceDays = graceDays
    e.planInterest = quote.projectedInterest
    e.planLetter = docs.first?.path
    return PlanDraft(
      quote: quote, signBy: deadline, graceDays: graceDays, number: number,
      invoices: picked.map(\.claim.invoice), documents: docs, event: e)
  }

  /// The channels a signature may come by.
  public static let signatureChannels = ["email", "letter", "in-person"]

  /// The `plan-signed` event recording the customer's signature on `signed` by `channel`.
  public func draftSignature(plan key: String, signed: Day, channel: String, today: Day) throws
    -> Event
  {
    guard let plan = plan(named: key) else {
      throw PlanInputError("no plan \(key)", norwegian: "ingen avtale \(key)")
    }
    guard Ledger.signatureChannels.contains(channel) else {
      throw PlanInputError(
        "channel must be email, letter or in-person, got \(channel)",
        norwegian: "kanal må være email, letter eller in-person, fikk \(channel)")
    }
    guard plan.signedOn == nil else {
      throw PlanInputError(
        "plan \(plan.label) was already signed",
        norwegian: "avtale \(plan.label) er allerede signert")
    }
    guard signed <= today else {
      throw PlanInputError(
        "the signature day \(signed.iso) is after today \(today.iso)",
        norwegian:
          "signaturdatoen \(LetterText.day(signed)) er etter i dag \(LetterText.day(today))")
    }
    guard signed >= plan.proposedOn else {
      throw PlanInputError(
        "the signature day \(signed.iso) is before the plan was proposed",
        norwegian: "signaturdatoen \(LetterText.day(signed)) er før avtalen ble foreslått")
    }
    guard signed <= plan.signBy else {
      throw PlanInputError(
        "plan \(plan.label) had to be signed by \(plan.signBy.iso); it has lapsed: propose a new one",
        norwegian:
          "avtale \(plan.label) måtte signeres innen \(LetterText.day(plan.signBy)); den er bortfalt: "
          + "foreslå en ny")
    }
    var e = Event.draft(.planSigned, customer: plan.customer)
    e.ref = plan.id
    e.date = signed
    e.channel = channel
    return e
  }

  /// The acceleration of a plan in default: the notice (text and .eml) and the event.
  public func draftAcceleration(
    plan key: String, today: Day, creditor: PlanLetter.Creditor, timestamp: String,
    letterVariant: Int = 1
  ) throws -> (documents: [DocumentFile], event: Event) {
    guard let plan = plan(named: key) else {
      throw PlanInputError("no plan \(key)", norwegian: "ingen avtale \(key)")
    }
    let p = progress(of: plan, on: today)
    guard p.state == .defaulted else {
      throw PlanInputError(
        "plan \(plan.label) is \(p.state.rawValue): only a plan in default is accelerated",
        norwegian:
          "avtale \(plan.label) er \(p.state.rawValue): bare en misligholdt avtale kan sies opp")
    }
    guard let customer = customers[plan.customer] else {
      throw PlanInputError(
        "no customer with id \(plan.customer)", norwegian: "ingen kunde med id \(plan.customer)")
    }
    let claims = claimSummaries(customer: plan.customer, today: today)
      .filter { plan.invoices.contains($0.claim.invoice) }
    let docs = PlanLetter.acceleration(
      creditor: creditor, customer: customer, plan: plan, progress: p, claims: claims, on: today,
      timestamp: timestamp, variant: letterVariant)
    var e = Event.draft(.planAccelerated, customer: plan.customer)
    e.ref = plan.id
    e.date = today
    // The figure the notice demands (`owedOnPlan`), not the schedule's remainder.
    e.amount = owedOnPlan(plan, on: today).ore
    e.planLetter = docs.first?.path
    return (docs, e)
  }

  /// What the plans (of one customer, or all) need doing on `today`.
  public func planFollowUps(customer: String? = nil, on today: Day) -> [PlanFollowUp] {
    var result: [PlanFollowUp] = []
    for plan in plans where customer == nil || plan.customer == customer {
      switch progress(of: plan, on: today).state {
      case .defaulted: result.append(.accelerate(plan: plan.id))
      case .completed:
        let open = plan.invoices.filter { claims[$0].map { $0.closed == nil } ?? false }
        if !open.isEmpty { result.append(.close(plan: plan.id, invoices: open)) }
      default: break
      }
    }
    return result
  }

  /// The `case-closed` events (reason `paid`) for a plan paid in full.
  public func closingEvents(plan: Plan, invoices: [String]) -> [Event] {
    invoices.map { inv in
      var e = Event.caseClosed(customer: plan.customer, invoice: inv, reason: .paid)
      e.ref = plan.id
      return e
    }
  }
}
