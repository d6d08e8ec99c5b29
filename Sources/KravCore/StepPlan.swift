/// The creditor as letters name it: from `krav-store.json` (`krav init`).
public struct Creditor: Hashable, Sendable {
  public var name: String
  /// Organisasjonsnummer, 9 digits.
  public var orgnr: String
  /// Bank account, 11 digits.
  public var account: String
  public var email: String?
  public var phone: String?
  public var address: String?
  /// A PNG logo for the printed letters' letterhead (an absolute path), when the store has one
  /// (`krav letterhead --logo`).
  public var logo: String? = nil

  public init(
    name: String, orgnr: String, account: String, email: String? = nil, phone: String? = nil,
    address: String? = nil
  ) {
    self.name = name
    self.orgnr = orgnr
    self.account = account
    self.email = email
    self.phone = phone
    self.address = address
  }
}

/// How a letter reaches the debtor (recorded with every letter, domain-norway.md §1).
public enum LetterChannel: String, Sendable, Hashable, CaseIterable {
  case email
  case letter
}

/// One claim in a letter, with its amounts on the sending day.
public struct LetterLine: Hashable, Sendable {
  public var invoice: String
  public var kid: String?
  public var issued: Day
  /// The due date as invoiced.
  public var due: Day
  /// The first day interest runs: the day after the (moved) due date.
  public var interestFrom: Day
  /// The step the claim is at before this letter (the precondition of the event).
  public var fromStep: Step
  /// Outstanding principal, interest and earlier fees on the sending day.
  public var principal: Money
  public var interest: Money
  public var earlierFees: Money
  /// The fee this letter adds (compensation included), zero when none is allowed.
  public var fee: Money
  /// The part of `fee` that is B2B standard compensation.
  public var compensation: Money
  /// Why no fee, when `fee` is zero for a step that can carry one.
  public var feeRefusal: Fees.Refusal?
  /// The late-interest rate in force on the sending day, in basis points.
  public var rateBasisPoints: Int
  /// What the invoice was for (`claim-added` `text`: `krav claim add --text`, the import's
  /// text column), filled in from the journal by `LetterDraft.withInvoiceTexts` (the fold does
  /// not carry it).
  public var text: String? = nil
  /// The part of the principal a standing partial objection withholds (the defect's value),
  /// not demanded by this letter; zero when none.
  public var withheld: Money = .zero
  /// Why it is withheld, in Norwegian: the objection's reason and the debtor's words.
  public var withheldReason: String? = nil

  /// Everything the debtor owes on this claim after the letter.
  public var total: Money { principal + interest + earlierFees + fee }
  /// The due date interest runs from: the invoiced one, moved off a weekend or holiday
  /// (gjeldsbrevloven § 5).
  public var movedDue: Day { interestFrom.adding(days: -1) }
}

/// One late-interest rate and the days it applied to, as a letter lists it.
public struct InterestRatePeriod: Hashable, Sendable {
  public var from: Day
  /// The last day of the period (inclusive).
  public var through: Day
  public var basisPoints: Int
}

/// An earlier step on a claim, as a court draft lists it.
public struct LetterHistoryEntry: Hashable, Sendable {
  public var day: Day
  public var step: Step
  public var invoice: String
}

/// A letter Krav is about to send (or sent): one customer, one step, one or more claims.
public struct LetterDraft: Hashable, Sendable {
  /// Unique in the store: `<day>-<step>-<customer>` (with `-2`, `-3` … if taken); names the
  /// files `letters/<id>.txt` and `.eml`.
  public var id: String
  public var customerId: String
  public var customerName: String
  public var customerKind: CustomerKind
  public var customerAddress: String?
  public var customerEmail: String?
  /// Organisation number, or the birth number masked, for court drafts.
  public var customerIdentity: String?
  public var step: Step
  public var sent: Day
  /// The payment deadline the letter gives (nil for court drafts and the agency hand-over).
  public var deadline: Day?
  public var channel: LetterChannel
  /// The address used: the e-mail address or the postal address.
  public var address: String
  /// Whether the betalingsoppfordring carries the tvfbl. § 4-18 notice.
  public var includes418: Bool
  /// The court fee the filing costs (utlegg 1.21 R, forliksklage 1.1 R), when one applies.
  public var courtFee: Money?
  /// Earlier letters on these claims, oldest first, for the court drafts' account of facts.
  public var history: [LetterHistoryEntry]
  /// The debtor's objection, for a forliksklage.
  public var objection: String?
  public var lines: [LetterLine]
  /// The collector's stated reason for taking this step on a time-barred claim (an
  /// acknowledgment or interruption the ledger does not know of), recorded with each step.
  public var limitationOverride: String? = nil
  /// Every late-interest rate in force from the first day interest runs on any of the claims
  /// to the sending day, merged where the rate did not change.
  public var ratePeriods: [InterestRatePeriod] = []
  /// What the creditor does after the notices (the ladder's `handoff`), for the inkassovarsel's
  /// statement of what follows.
  public var handoff: Handoff = .enforcement
  /// The agency that takes over claims, when the store names one (`krav ladder --agency-name`).
  public var agencyName: String? = nil
  /// The customer's timeline, where the claims' `claim-added` events (and their texts) are.
  public var sources: [EventRef] = []
  /// The letter this one replaces because it did not leave by the day written on it (the
  /// fee was charged with that one: this one adds none).
  public var reissueOf: String? = nil

  /// Whether this is a court draft (utleggsbegjæring, forliksklage): a document the collector
  /// files with namsmannen or the forliksråd, never sent to the debtor.
  public var isCourtDraft: Bool { step == .utlegg || step == .forliksklage }

  /// What the collector must fix before filing a court draft (Norwegian, one line each).
  public var warnings: [String] {
    guard isCourtDraft, customerIdentity == nil else { return [] }
    let business = customerKind == .business
    let who =
      business
      ? "Organisasjonsnummeret til \(customerName) mangler"
      : "Fødselsdatoen (fødselsnummeret) til \(customerName) mangler"
    let it = business ? "det" : "den"
    return [
      who
        + (step == .utlegg
          ? ": namsmannen trenger \(it) for å identifisere saksøkte. Fyll \(it) inn før"
            + " begjæringen sendes."
          : ": forliksrådet trenger \(it) for å identifisere innklagede. Fyll \(it) inn før"
            + " klagen sendes.")
    ]
  }

  /// The fees this letter adds, over all its claims.
  public var fee: Money { lines.reduce(.zero) { $0 + $1.fee } }
  /// What the debtor owes on all its claims after the letter.
  public var total: Money { lines.reduce(.zero) { $0 + $1.total } }
  public var invoices: [String] { lines.map(\.invoice) }
}

/// Which claims to move up the ladder.
public enum StepScope: Hashable, Sendable {
  /// These claims (by invoice number): each must be eligible.
  case invoices([String])
  /// Every eligible claim of one customer.
  case customer(String)
  /// Every eligible claim in the store.
  case allEligible
}

/// A claim asked for that cannot take its next step today, and why.
public struct StepRefusal: Hashable, Sendable {
  public var invoice: String
  /// The next step, when there is one.
  public var step: Step?
  public var reason: Blocker?
  /// The earliest day, when the reason is a running deadline, hold or promise.
  public var from: Day?
  /// The ladder is exhausted or the claim is closed.
  public var noNextStep: Bool { step == nil }
}

/// What taking the next step would do: the letters, and the claims that were asked for but
/// may not move.
public struct StepPlan: Hashable, Sendable {
  public var letters: [LetterDraft]
  public var refused: [StepRefusal]
}

/// Why a plan cannot be made at all.
public enum StepPlanError: WordedError, Hashable, Sendable {
  case unknownInvoice(String)
  case unknownCustomer(String)
  /// The channel needs an address the customer does not have (customer id, channel).
  case noAddress(customer: String, channel: LetterChannel)

  public func text(_ lang: Language) -> String {
    let nb = lang == .nb
    switch self {
    case .unknownInvoice(let i):
      return nb ? "ingen krav med fakturanummer \(i)" : "no claim with invoice number \(i)"
    case .unknownCustomer(let c):
      return nb ? "ingen kunde med id \(c)" : "no customer with id \(c)"
    case .noAddress(let c, let ch):
      if nb {
        return "kunde \(c) har ingen \(ch == .email ? "e-postadresse" : "postadresse")"
          + " for et brev med \(ch == .email ? "e-post" : "post")"
      }
      return "customer \(c) has no \(ch == .email ? "e-mail address" : "postal address")"
        + " for a letter by \(ch.rawValue)"
    }
  }
}

extension Ledger {
  /// The letters taking the next step for `scope` on `today` would send.
  ///
  /// Claims of the same customer going to the same step share one letter (good collection
  /// practice: merge claims that go to collection on the same day, domain-norway.md §4).
  /// `channel` nil picks e-mail when the customer has an address, else a paper letter.
  /// `isTaken` says whether a letter id is already used in the store.
  ///
  /// `limitationOverride`, for claims asked for by invoice number only, is the collector's
  /// reason to take the step although the claim is time-barred as far as the ledger knows
  /// (the debtor acknowledged it, or it was interrupted, in a way not recorded here); every
  /// other blocker still holds. Without it a time-barred claim is refused (`timeBarred`).
  public func planSteps(
    _ scope: StepScope, today: Day, channel: LetterChannel? = nil,
    isTaken: (String) -> Bool = { _ in false }, limitationOverride: String? = nil
  ) throws -> StepPlan {
    var positions: [Int] = []
    // The queue already knows each eligible claim's next step; asking again per claim (a
    // lookup, a balance and a status each) doubled the time to plan a whole store.
    var known: [Int: NextStep] = [:]
    var explicit = false
    var byInvoice = false
    var refused: [StepRefusal] = []
    switch scope {
    case .invoices(let list):
      explicit = true
      byInvoice = true
      for inv in list {
        guard let p = claims.position(of: inv) else { throw StepPlanError.unknownInvoice(inv) }
        if !positions.contains(p) { positions.append(p) }
      }
    case .customer(let id):
      guard let c = customers.position(of: id) else { throw StepPlanError.unknownCustomer(id) }
      explicit = true
      positions = claimPositions(ofCustomerAt: c).filter { claims.values[$0].closed == nil }
    case .allEligible:
      for row in queue(today: today) {
        if row.isEligible(on: today) {
          positions.append(Int(row.claim))
          known[Int(row.claim)] = row.next
        } else if row.reason(on: today) == .noAddress, let next = row.next {
          // Would go today but for a missing address: skipped, and said so.
          refused.append(
            StepRefusal(invoice: invoice(of: row), step: next.step, reason: .noAddress))
        }
      }
      positions.sort()
    }
    // Groups in the order first met: (customer position, step) → claim positions.
    var groups: [(owner: Int, step: Step, claims: [Int])] = []
    var groupOf: [Int: Int] = [:]  // owner × 16 + step rank → index in `groups`
    for p in positions {
      let claim = claims.values[p]
      var next = known[p] ?? nextStep(invoice: claim.invoice, today: today)
      var overridden = false
      if byInvoice, limitationOverride != nil, next?.blocker == .timeBarred {
        next = nextStep(invoice: claim.invoice, today: today, ignoringLimitation: true)
        overridden = true
      }
      guard let next, next.isEligible(on: today) else {
        // A customer's paid or finished claims were not really asked for: say nothing of them.
        let quiet = !byInvoice && (next == nil || next?.blocker == .paid)
        if explicit && !quiet {
          refused.append(
            StepRefusal(
              invoice: claim.invoice, step: next?.step, reason: next?.reason(on: today),
              from: next?.from))
        }
        continue
      }
      let owner = Int(claimOwner[p])
      // A forced step travels in a letter of its own, so its reason is recorded with it only.
      let key = owner &* 32 &+ next.step.rank &+ (overridden ? 16 : 0)
      if let g = groupOf[key] {
        groups[g].claims.append(p)
      } else {
        groupOf[key] = groups.count
        groups.append((owner, next.step, [p]))
      }
    }
    var used = Set<String>()
    var letters: [LetterDraft] = []
    let curve = InterestCurve(table: rateTable, through: today)
    groupLoop: for g in groups {
      let customer = customers.values[g.owner]
      // A channel the customer has no address for skips this letter (listed, with why) and
      // the rest of the batch still goes: one bad customer never blocks a whole run.
      func skip() {
        for p in g.claims {
          refused.append(
            StepRefusal(invoice: claims.values[p].invoice, step: g.step, reason: .noAddress))
        }
      }
      let forced =
        limitationOverride != nil
        && g.claims.contains {
          Limitation.cannotBeExpired(interestDue: claims.values[$0].interestDue, today: today)
            == false && isTimeBarred(claimAt: $0, today: today)
        }
      var chosen = channel ?? (customer.email == nil ? .letter : .email)
      let address: String
      // A court draft goes to namsmannen or the forliksråd, filed by the collector: on paper,
      // addressed to the court, whatever channel the debtor's letters use.
      if g.step == .utlegg || g.step == .forliksklage { chosen = .letter }
      // Tvisteloven § 5-2 (3): the notice of action goes on paper to a private party.
      if g.step == .varsel52 && customer.kind == .consumer { chosen = .letter }
      switch chosen {
      case _ where g.step == .utlegg:
        address = Court.namsmannen
      case _ where g.step == .forliksklage:
        address = Court.forliksraad(address: customer.address)
      case .email:
        guard let e = customer.email, !e.isEmpty else {
          skip()
          continue groupLoop
        }
        address = e
      case .letter:
        guard let a = customer.address, !a.isEmpty else {
          skip()
          continue groupLoop
        }
        address = a
      }
      let base = "\(today.iso)-\(g.step.rawValue)-\(LetterFiles.safe(customer.id))"
      var id = base
      var n = 2
      while used.contains(id) || isTaken(id) {
        id = "\(base)-\(n)"
        n += 1
      }
      used.insert(id)
      var draft = letter(
        id: id, customer: customer, step: g.step, claims: g.claims, today: today,
        channel: chosen, address: address, curve: curve)
      if forced { draft.limitationOverride = limitationOverride }
      draft.sources = timeline(of: customer.id)
      letters.append(draft)
    }
    return StepPlan(letters: letters, refused: refused)
  }

  /// One letter's draft: amounts on `today`, the fee each claim may carry, deadline, history.
  func letter(
    id: String, customer: Customer, step: Step, claims positions: [Int], today: Day,
    channel: LetterChannel, address: String, curve: InterestCurve
  ) -> LetterDraft {
    let table = rateTable
    let rate = table.lateInterestBasisPoints(on: today) ?? 0
    var history: [LetterHistoryEntry] = []
    let lines = positions.map { p -> LetterLine in
      let claim = claims.values[p]
      let b = claim.balance(asOf: today, curve: curve)
      // A whole-claim objection: no step and no fee but a forliksklage. A partial one (the
      // defect's value) leaves the claim on the ladder for the undisputed remainder: the letter
      // demands the principal less the disputed part, and the fee is charged as usual.
      let objection = openDispute(on: claim, today: today)
      let split = objection?.split(of: b)
      let disputed = split.map { !$0.isPartial } ?? false
      let withheld = split?.isPartial == true ? split!.disputed : .zero
      let decision = Fees.charge(
        step: step, sent: today, due: claim.interestDue, history: Fees.history(of: claim),
        kind: customer.kind, disputed: disputed && step != .forliksklage, table: table)
      for f in claim.fees {
        history.append(LetterHistoryEntry(day: f.day, step: f.step, invoice: claim.invoice))
      }
      if let on = claim.stepOn,
        !claim.fees.contains(where: { $0.day == on && $0.step == claim.step })
      {
        history.append(LetterHistoryEntry(day: on, step: claim.step, invoice: claim.invoice))
      }
      var line = LetterLine(
        invoice: claim.invoice, kid: claim.kid, issued: claim.issued, due: claim.due,
        interestFrom: claim.interestDue.adding(days: 1), fromStep: claim.step,
        principal: b.principal - b.principalPaid - withheld,
        interest: b.interest - b.interestPaid,
        earlierFees: b.fees - b.feesPaid, fee: decision.fee, compensation: decision.compensation,
        feeRefusal: decision.fee.isPositive ? nil : decision.refusal, rateBasisPoints: rate)
      if withheld.isPositive, let d = objection {
        line.withheld = withheld
        let words = d.text.trimmingCharacters(in: .whitespacesAndNewlines)
        line.withheldReason =
          FollowUpMail.reasonText(d.reason) + (words.isEmpty ? "" : ": «\(words)»")
      }
      return line
    }
    let identity =
      customer.orgnr.flatMap { OrgNumber.formatted($0) ?? $0 }
      ?? customer.birthNumber.map(BirthNumber.masked)
    let objection = positions.compactMap { openDispute(on: claims.values[$0], today: today) }
      .map { d in
        let part = d.amount.map { "\($0.formatted(.nb)) bestridt, " } ?? ""
        return "\(d.invoice): \(part)\(d.text.isEmpty ? d.reason : d.text)"
      }
    let deadline: Day? =
      switch step {
      case .reminder, .inkassovarsel, .betalingsoppfordring, .varsel418, .varsel52:
        today.adding(days: Ladder.noticeDays)
      default: nil
      }
    return LetterDraft(
      id: id, customerId: customer.id, customerName: customer.name, customerKind: customer.kind,
      customerAddress: customer.address, customerEmail: customer.email,
      customerIdentity: identity, step: step, sent: today, deadline: deadline, channel: channel,
      address: address, includes418: step == .betalingsoppfordring && rules.ladder.combines418,
      courtFee: Fees.courtFee(for: step, on: today, table: table),
      history: history.sorted { ($0.day, $0.invoice) < ($1.day, $1.invoice) },
      objection: objection.isEmpty ? nil : objection.joined(separator: "; "), lines: lines,
      ratePeriods: Ledger.ratePeriods(
        from: lines.map(\.interestFrom).min() ?? today, through: today, table: table),
      handoff: rules.ladder.handoff, agencyName: rules.ladder.agencyName)
  }

  /// The late-interest rates in force from `from` through `through`, one period per rate
  /// (neighbouring rows with the same rate are merged). Empty when `from` is after `through`.
  public static func ratePeriods(from: Day, through: Day, table: RateTable)
    -> [InterestRatePeriod]
  {
    guard from <= through else { return [] }
    let starts =
      [from]
      + table.changeDays(of: .lateInterest, in: from...through).filter {
        $0 > from
      }
    var out: [InterestRatePeriod] = []
    for (i, start) in starts.enumerated() {
      guard let bp = table.lateInterestBasisPoints(on: start) else { continue }
      let end = i + 1 < starts.count ? starts[i + 1].adding(days: -1) : through
      if let last = out.last, last.basisPoints == bp, last.through.adding(days: 1) == start {
        out[out.count - 1].through = end
      } else {
        out.append(InterestRatePeriod(from: start, through: end, basisPoints: bp))
      }
    }
    return out
  }
}

extension LetterDraft {
  /// The events that record this letter: one `step-triggered` per claim (with the fee, the
  /// deadline and the letter id) and one `letter-sent` with the channel and address.
  ///
  /// A court draft is not sent to the debtor: its steps carry the draft's id but no channel,
  /// and there is no `letter-sent` (filing it with the court is the collector's act).
  public var events: [Event] {
    var out: [Event] = lines.map { line in
      var e = Event.draft(.stepTriggered, customer: customerId, invoice: line.invoice)
      e.from = line.fromStep.rawValue
      e.step = step.rawValue
      e.date = sent
      if line.fee.isPositive { e.amount = line.fee.ore }
      if !isCourtDraft { e.channel = channel.rawValue }
      e.ref = id
      e.until = deadline
      if let why = limitationOverride {
        e.reason = StepReason.limitationOverride.rawValue
        e.text = why
      }
      return e
    }
    if isCourtDraft { return out }
    var sentEvent = Event.draft(
      .letterSent, customer: customerId, invoice: lines.count == 1 ? lines[0].invoice : nil)
    sentEvent.step = step.rawValue
    sentEvent.channel = channel.rawValue
    sentEvent.ref = id
    sentEvent.text = address
    out.append(sentEvent)
    return out
  }
}

extension LetterDraft {
  /// The draft with each claim's invoice text taken from its `claim-added` event among
  /// `events` (the customer's timeline, read back from the journal: the fold keeps no texts).
  public func withInvoiceTexts(from events: [Event]) -> LetterDraft {
    var texts: [String: String] = [:]
    for e in events where e.type == .claimAdded {
      if let inv = e.invoice, let t = e.text, !t.isEmpty { texts[inv] = t }
    }
    var l = self
    for i in l.lines.indices where l.lines[i].text == nil {
      l.lines[i].text = texts[l.lines[i].invoice]
    }
    return l
  }
}

extension Event {
  /// A `ladder-set` event's agency name (`agency_name`, a JSON string; "" clears it).
  public var ladderAgencyName: String? {
    get { extra["agency_name"].flatMap(PlanJSON.string) }
    set { extra["agency_name"] = newValue.map(PlanJSON.quote) }
  }
}
