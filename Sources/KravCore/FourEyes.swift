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

  public init(
    id: String, action: String, invoice: String?, invoices: [String], step: String?,
    requestedBy: String, requestedAt: String, text: String
  ) {
    self.id = id
    self.action = action
    self.invoice = invoice
    self.invoices = invoices
    self.step = step
    self.requestedBy = requestedBy
    self.requestedAt = requestedAt
    self.text = text
  }

  /// The request an `approval-requested` event makes; nil without an action.
  public init?(_ e: Event) {
    guard e.type == .approvalRequested, let kind = e.kind, !kind.isEmpty else { return nil }
    self.init(
      id: e.id, action: kind, invoice: e.invoice, invoices: e.planInvoices ?? [], step: e.step,
      requestedBy: e.by, requestedAt: e.at, text: e.text ?? "")
  }
}

extension Event {
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
