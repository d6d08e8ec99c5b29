/// Four-eyes approval (issue 18): actions one collector may only request and a different
/// user must approve before they take effect (the letter written, the claim moved).
public enum FourEyesAction: String, Sendable, CaseIterable, Hashable {
  /// An utleggsbegjæring (a formal step of the ladder).
  case utlegg
  /// A forliksklage (a formal step of the ladder).
  case forliksklage
  /// Writing a claim off.
  case writeOff = "write-off"
  /// An instalment plan longer than 12 months.
  case longPlan = "plan-over-12-months"

  /// What needs approval in a team's store (written by `krav init --group` / `--sync`).
  public static let standard: [FourEyesAction] = [.utlegg, .forliksklage, .writeOff, .longPlan]

  /// The action a formal step is, if it is one of these.
  public init?(step: Step) {
    switch step {
    case .utlegg: self = .utlegg
    case .forliksklage: self = .forliksklage
    default: return nil
    }
  }
}

/// A request waiting for a second person (kept on the customer until decided).
public struct ApprovalRequest: Hashable, Sendable {
  /// The `approval-requested` event's id: what `krav approve ID` names.
  public var id: String
  public var action: String
  public var invoice: String?
  /// The claims a step covers (empty for a write-off: `invoice`).
  public var invoices: [String]
  public var step: String?
  public var requestedBy: String
  public var requestedAt: String
  /// What was asked, for the approver (e.g. the write-off's reason).
  public var text: String
  /// The terms of a plan over 12 months (`longPlan`): the plan is drafted from them when
  /// approved; nil for other actions.
  public var plan: PlanTerms?

  public init(
    id: String, action: String, invoice: String?, invoices: [String], step: String?,
    requestedBy: String, requestedAt: String, text: String, plan: PlanTerms? = nil
  ) {
    self.id = id
    self.action = action
    self.invoice = invoice
    self.invoices = invoices
    self.step = step
    self.requestedBy = requestedBy
    self.requestedAt = requestedAt
    self.text = text
    self.plan = plan
  }

  /// The request an `approval-requested` event makes; nil without an action.
  public init?(_ e: Event) {
    guard e.type == .approvalRequested, let kind = e.kind, !kind.isEmpty else { return nil }
    self.init(
      id: e.id, action: kind, invoice: e.invoice, invoices: e.planInvoices ?? [], step: e.step,
      requestedBy: e.by, requestedAt: e.at, text: e.text ?? "",
      plan: kind == FourEyesAction.longPlan.rawValue ? PlanTerms(e) : nil)
  }
}

/// What a second person approves of a plan over 12 months: its claims, the number and rhythm
/// of its instalments, the grace days, the signing window and the channel. The plan itself
/// (schedule, document, `plan-proposed`) is drafted from these on the day it is approved, so
/// the balances and interest are those of that day (Docs/team.md, "Plans over 12 months").
public struct PlanTerms: Hashable, Sendable {
  public var invoices: [String]
  public var instalments: Int
  public var frequency: PlanFrequency
  public var graceDays: Int
  /// Days from the proposal to the signing deadline; the approved plan gets the same window
  /// from the day of approval.
  public var signingDays: Int
  public var channel: String?

  public init(
    invoices: [String], instalments: Int, frequency: PlanFrequency, graceDays: Int,
    signingDays: Int, channel: String?
  ) {
    self.invoices = invoices
    self.instalments = instalments
    self.frequency = frequency
    self.graceDays = graceDays
    self.signingDays = signingDays
    self.channel = channel
  }

  /// The terms a plan request (or a `plan-proposed` event) carries; nil when incomplete.
  public init?(_ e: Event) {
    guard let invoices = e.planInvoices, !invoices.isEmpty, let schedule = e.planInstalments,
      !schedule.isEmpty, let signBy = e.until, let on = e.date
    else { return nil }
    self.init(
      invoices: invoices, instalments: schedule.count, frequency: e.planFrequency ?? .month,
      graceDays: e.planGraceDays ?? Plan.defaultGraceDays, signingDays: max(0, on.days(to: signBy)),
      channel: e.channel)
  }
}

extension FourEyesAction {
  /// Whether a proposed plan (a `plan-proposed` draft) runs longer than 12 months: its last
  /// instalment falls due more than 12 months after the day it is proposed.
  public static func isLongPlan(_ e: Event) -> Bool {
    guard e.type == .planProposed, let on = e.date, let last = e.planInstalments?.last?.due
    else { return false }
    return last > on.adding(months: 12)
  }
}

extension Event {
  /// The request a plan over 12 months becomes where such plans need approval: the proposal's
  /// terms and schedule (for the record and the approver), without its letter. Nothing is
  /// sent to the debtor and the ladder is not held until a different user approves.
  public static func planApprovalRequest(_ proposal: Event) -> Event {
    let invoices = proposal.planInvoices ?? []
    let schedule = proposal.planInstalments ?? []
    var e = Event.approvalRequest(
      action: .longPlan, customer: proposal.customer ?? "", invoice: invoices.first,
      invoices: invoices,
      text: "plan: \(schedule.count) × \(proposal.planFrequency?.rawValue ?? "month"), "
        + "total \(Money(ore: proposal.amount ?? 0).jsonString), last due "
        + "\(schedule.last?.due.iso ?? "–")")
    e.amount = proposal.amount
    e.date = proposal.date
    e.until = proposal.until
    e.channel = proposal.channel
    e.planInstalments = proposal.planInstalments
    e.planFrequency = proposal.planFrequency
    e.planGraceDays = proposal.planGraceDays
    e.planInterest = proposal.planInterest
    e.at = proposal.at
    return e
  }

  /// An `approval-requested` draft.
  public static func approvalRequest(
    action: FourEyesAction, customer: String, invoice: String?, invoices: [String] = [],
    step: Step? = nil, text: String
  ) -> Event {
    var e = Event.draft(.approvalRequested, customer: customer, invoice: invoice)
    e.kind = action.rawValue
    e.step = step?.rawValue
    e.text = text
    if !invoices.isEmpty { e.planInvoices = invoices }
    return e
  }

  /// An `approval-granted` or `approval-rejected` draft for `request`.
  public static func approvalDecision(
    _ request: ApprovalRequest, customer: String, granted: Bool, reason: String? = nil
  ) -> Event {
    var e = Event.draft(
      granted ? .approvalGranted : .approvalRejected, customer: customer, invoice: request.invoice)
    e.ref = request.id
    e.reason = reason
    return e
  }
}

extension Ledger {
  /// Every pending request, oldest first, with its customer's id.
  public var pendingApprovals: [(customer: String, request: ApprovalRequest)] {
    var out: [(customer: String, request: ApprovalRequest)] = []
    for c in customers.values { for r in c.approvals { out.append((c.id, r)) } }
    return out.sorted {
      ($0.request.requestedAt, $0.request.id) < ($1.request.requestedAt, $1.request.id)
    }
  }

  /// The pending request with this id, and its customer.
  public func pendingApproval(id: String) -> (customer: String, request: ApprovalRequest)? {
    pendingApprovals.first { $0.request.id == id }
  }

  /// Whether a claim has a request waiting for approval.
  public func awaitsApproval(invoice: String) -> Bool {
    guard let c = claims[invoice].flatMap({ customers[$0.customer] }) else { return false }
    return c.approvals.contains { $0.invoice == invoice || $0.invoices.contains(invoice) }
  }
}

extension Ledger {
  /// The plan an approved `longPlan` request becomes: drafted from its terms on `today` (the
  /// signing window counted from today), its `plan-proposed` naming the request (`ref`), so
  /// the four-eyes gate lets it through.
  public func draftApprovedPlan(
    _ r: ApprovalRequest, customer: String, today: Day, creditor: PlanLetter.Creditor,
    timestamp: String, letterVariant: Int = 1
  ) throws -> PlanDraft {
    guard let terms = r.plan else { throw PlanInputError(
        "request \(r.id) names no plan", norwegian: "forespørsel \(r.id) nevner ingen avtale") }
    var d = try draftPlan(
      customer: customer, invoices: terms.invoices, size: .instalments(terms.instalments),
      frequency: terms.frequency, signBy: today.adding(days: terms.signingDays),
      graceDays: terms.graceDays, channel: terms.channel, today: today, creditor: creditor,
      timestamp: timestamp, letterVariant: letterVariant)
    d.event.ref = r.id
    return d
  }
}
