import KravCore
import TerminalUI

/// A screen on the back stack.
public enum Screen: Hashable, Sendable {
  case customers(CustomersView)
  case caseView(CaseView)
  /// Today's call list (the start screen).
  case calls(CallsView)
  /// A customer's instalment plans (PlanScreen.swift).
  case planView(PlanView)
  case queue(QueueView)
  /// Payments that matched no claim (UnmatchedScreen.swift).
  case unmatched(UnmatchedView)
  /// Requests waiting for a second person's approval (ApprovalsScreen.swift).
  case approvals(ApprovalsView)
  /// Documents and whether they left (Outbox/OutboxScreen.swift, issue 19).
  case outbox(OutboxView)
  /// The manager's reports (ReportsScreen.swift).
  case reports(ReportsView)
}

/// The screen the app opens on.
public enum StartScreen: Sendable {
  case calls
  case customers
}

/// What the keyboard is currently talking to.
public enum Mode: Hashable, Sendable {
  case normal
  /// The help screen, scrolled to `scroll`.
  case help(scroll: Int)
  /// Typing a search query (`/`) on the call list, customers or queue screen.
  case search(TextInput)
  /// Typing a note for the open case.
  case note(TextInput)
  /// The call log form, over the call list or the case.
  case callForm(CallForm)
  /// Reviewing the follow-up e-mail drafted after a call.
  case review(MailReview)
  /// Resolving an objection from the case.
  case resolveDispute(ResolveForm)
  /// Setting a hold from the case.
  case hold(HoldForm)
  /// Filling in the plan builder (PlanForm.swift).
  case planForm(PlanForm)
  /// Recording a customer's signature on a plan.
  case signForm(SignForm)
  /// Confirming a plan's follow-up (acceleration or closing its claims).
  case confirmFollow(FollowConfirm)
  /// Previewing the letters of a "next step" before confirming it.
  case confirmSteps(StepConfirm)
  /// Typing the invoice or customer an unmatched payment goes to, or searching the customer.
  case assign(AssignSearch)
  /// Registering a payment on the open case (PaymentForm.swift).
  case payment(PaymentForm)
  /// Writing a claim off from the open case (WriteOffForm.swift).
  case writeOff(WriteOffForm)
  /// Approving or rejecting a request on the approvals screen (ApprovalForm.swift).
  case decideApproval(ApprovalForm)
  /// Importing a file: its path, then the preview to confirm (ImportForm.swift).
  case importFile(ImportForm)
  /// Correcting a mistake, or the do-not-call flag, with a reason (CorrectionForm.swift).
  case correction(CorrectionForm)
  /// Changing the customer's details from the case (CustomerEditForm.swift).
  case customerEdit(CustomerEditForm)
  /// Reading a timeline entry or a letter in full (Reader.swift).
  case reader(Reader)
  /// Esc in a form with changes: asks before the form (kept here) is discarded (FormSupport).
  indirect case confirmDiscard(Mode)
}

/// A message on the status bar.
public struct StatusLine: Hashable, Sendable {
  public var text: String
  public var isError: Bool
  public init(_ text: String, isError: Bool = false) {
    self.text = text
    self.isError = isError
  }
}

/// Everything the interface shows: the fold plus what the collector is looking at.
public struct AppState: Sendable {
  public var ledger: Ledger
  public var today: Day
  public var catalogue: Catalogue
  public var size: Size
  /// Back stack; the last screen is on top.
  public var stack: [Screen]
  public var mode: Mode = .normal
  /// The open form as it was when it opened: Esc closes a form at once when nothing changed
  /// since, and asks first otherwise (nil with a form open: treat as changed). FormSupport.
  public var formPristine: Mode?
  public var status: StatusLine?
  /// Why the store takes no writes, when it does not (shown in the title bar).
  public var readOnlyReason: String?
  /// Whether the app should end after this update.
  public var isQuitting = false
  /// Customers with overdue claims on `today`, derived from the ledger (see `rederive`).
  public private(set) var overview: [CustomerSummary] = [] { didSet { listEpoch &+= 1 } }
  /// Today's call list, derived from the ledger (see `rederive`).
  public private(set) var calls: [CallEntry] = [] { didSet { listEpoch &+= 1 } }
  /// Counts changes of `overview` and `calls` (the search keeps their matching rows).
  public private(set) var listEpoch = 0
  /// Where each customer's row is in `calls` and in `overview` (rebuilt by `rederive`).
  private(set) var callsIndex = RowIndex()
  private(set) var overviewIndex = RowIndex()
  /// The `listEpoch` the two were built for.
  private(set) var indexedLists = -1
  /// Whether `overview` is still to be built (see `init(deferOverview:)`); it is empty meanwhile.
  public private(set) var overviewPending = false
  /// The creditor's call rules (office hours, limits, weights).
  public var callSettings: CallSettings = .standard {
    didSet { if callSettings != oldValue { rederive() } }
  }
  /// The time of day now, minutes after midnight in Oslo (the call rules need it).
  public var minuteOfDay: Int = 9 * 60
  /// The creditor as sender of follow-up e-mails; nil = no drafts are written.
  public var sender: MailSender?
  /// Every open claim's place in the ladder on `today`, while a queue screen is open.
  public internal(set) var queue: [QueueRow] = [] { didSet { queueEpoch &+= 1 } }
  /// Counts changes of `queue` (the search keeps its matching rows).
  public private(set) var queueEpoch = 0
  /// The queue rows of the ledger of `epoch` (`search.epoch`) on `day` (see `rederiveQueue`),
  /// with their `QueueIndex` once made.
  var queueCache: (epoch: Int, day: Day, rows: [QueueRow], index: QueueIndex?)?
  /// Each row's owner, each claim's row and the ready count of `queue`, for the `queueEpoch`
  /// it was made for (`queueRowIndex` gives it only while it is current).
  var queueIndex: (epoch: Int, index: QueueIndex)?
  /// The creditor the letters name (from `krav-store.json`); nil disables sending letters.
  public var creditor: Creditor?
  /// The collector using the app (`--as`): the call list shows their customers and the
  /// unassigned ones; nil shows everyone (issue 18).
  public var user: String?
  /// The call list shows the whole team's customers instead of the user's own (key T).
  public var callsWholeTeam = false
  /// Whether the terminal shows colours (false under `NO_COLOR`): states are then drawn with
  /// attributes and markers instead (`RowState`).
  public var colors = true
  /// What the reports screen computed for this ledger state (ReportsScreen.swift).
  public internal(set) var reportCache = ReportCache()
  /// The search index and the last query's matches (AppState+Search.swift).
  public internal(set) var search = SearchState()

  /// Creates the state shown at start: the call list (or the Customers screen).
  /// `deferOverview`: the customers list (balances of every customer, half a second at
  /// 100 000 customers) is left to be built after the first screen (`overviewPending`): by
  /// the runtime in the background (`adoptOverview`), or when a screen first needs it
  /// (`ensureOverview`). The call list is built at once: it is the first screen.
  /// `user` and `callSettings` are set before anything is derived, so the first call list is
  /// the user's own, weighed by the store's settings, and is built once (setting them later
  /// derives everything again, the customers list included).
  public init(
    ledger: Ledger, today: Day, language: Language, size: Size, start: StartScreen = .calls,
    user: String? = nil, callSettings: CallSettings = .standard, deferOverview: Bool = false
  ) {
    self.ledger = ledger
    self.today = today
    self.catalogue = Catalogue(language)
    self.size = size
    self.user = user
    self.callSettings = callSettings
    self.stack = start == .calls ? [.calls(CallsView())] : [.customers(CustomersView())]
    rederive(deferOverview: deferOverview && start == .calls)
  }

  /// Now, as the call rules see it.
  public var now: LocalMoment { LocalMoment(day: today, minute: minuteOfDay) }

  /// The screen on top of the stack.
  public var top: Screen {
    get { stack[stack.count - 1] }
    set { stack[stack.count - 1] = newValue }
  }

  /// Recomputes derived rows after the ledger or the day changed.
  public mutating func rederive() { rederive(deferOverview: false) }

  private mutating func rederive(deferOverview: Bool) {
    overviewPending = deferOverview
    overview = deferOverview ? [] : ledger.customerSummaries(today: today, overdueOnly: true)
    calls = ledger.callList(today: today, settings: callSettings).filter(onCallList)
    reindexLists()
    rederiveQueue()
  }

  /// Builds the customers list now if it was left for later (`deferOverview`).
  public mutating func ensureOverview() {
    guard overviewPending else { return }
    overviewPending = false
    overview = ledger.customerSummaries(today: today, overdueOnly: true)
    reindexLists()
  }

  /// Takes a customers list built in the background from the ledger of `epoch` on `day`,
  /// unless it is no longer pending or the ledger or the day changed since (then the first
  /// screen that needs it builds it).
  public mutating func adoptOverview(_ rows: [CustomerSummary], epoch: Int, day: Day) {
    guard overviewPending, epoch == search.epoch, day == today else { return }
    overviewPending = false
    overview = rows
    reindexLists()
  }

  /// Rebuilds where each customer's row is, after `calls` or `overview` changed.
  private mutating func reindexLists() {
    let n = ledger.customers.count
    // Plain arrays made by closures: a lazy key-path map here took 100 ms at 100 000 rows.
    callsIndex = RowIndex(positions: calls.map { $0.position }, customers: n)
    overviewIndex = RowIndex(positions: overview.map { $0.position }, customers: n)
    indexedLists = listEpoch
  }

  /// Recomputes the queue rows if a queue screen is open (they cost a pass over all claims:
  /// 0.1 s at 220 000 claims). The rows are kept for the ledger and day they were made from
  /// (`queueCache`, also filled in the background after the first screen): opening the queue
  /// again on an unchanged ledger takes them as they are.
  mutating func rederiveQueue() {
    let open = stack.contains { if case .queue = $0 { return true } else { return false } }
    guard open else {
      queue = []
      queueIndex = nil
      return
    }
    if let c = queueCache, c.epoch == search.epoch, c.day == today {
      queue = c.rows
      let index = c.index ?? QueueIndex(c.rows, ledger: ledger, day: today)
      queueCache?.index = index
      queueIndex = (queueEpoch, index)
      return
    }
    queue = ledger.queue(today: today)
    let index = QueueIndex(queue, ledger: ledger, day: today)
    queueCache = (search.epoch, today, queue, index)
    queueIndex = (queueEpoch, index)
  }

  /// Takes queue rows built in the background from the ledger of `epoch` on `day`, unless
  /// the ledger or the day changed since.
  public mutating func adoptQueue(_ rows: [QueueRow], epoch: Int, day: Day) {
    adoptQueue(rows, epoch: epoch, day: day, index: nil)
  }

  /// The same, with the rows' `QueueIndex` made in the background too.
  mutating func adoptQueue(_ rows: [QueueRow], epoch: Int, day: Day, index: QueueIndex?) {
    guard epoch == search.epoch, day == today else { return }
    if queueCache.map({ $0.epoch == epoch && $0.day == day }) ?? false { return }
    queueCache = (epoch, day, rows, index)
  }

  /// Recomputes only the rows of customers whose events were just folded: with a large store a
  /// colleague's note must not cost a full recomputation of every customer's balance.
  public mutating func rederive(customers ids: Set<String>) {
    guard !ids.isEmpty else { return }
    searchCustomersChanged(ids.compactMap { ledger.customerPosition(of: $0) })
    // Both lists stay in their order: the touched rows are taken out and put back where they
    // belong (a binary search each), not the whole list sorted again — on 100 000 customers a
    // colleague's note cost 80 ms of sorting before it reached the screen.
    overview.removeAll { ids.contains($0.id) }
    for id in ids where !overviewPending {
      if let s = ledger.summary(customer: id, today: today), s.overdue.isPositive {
        overview.insert(s, at: overview.insertionPoint(of: s, by: CustomerSummary.listOrder))
      }
    }
    // The call list: a logged call takes its customer off (or re-ranks it) at once.
    calls.removeAll { ids.contains($0.customer) }
    for id in ids {
      if let e = ledger.callEntry(customer: id, today: today, settings: callSettings),
        onCallList(e)
      {
        calls.insert(e, at: calls.insertionPoint(of: e, by: CallEntry.rankOrder))
      }
    }
    reindexLists()
    rederiveQueue()
  }

  /// Whether an entry is shown on the call list: the collector's own ("mine": assigned to
  /// `user` or to no one) unless the whole team's list is shown (issue 18).
  func onCallList(_ e: CallEntry) -> Bool {
    guard let user, !callsWholeTeam else { return true }
    return e.isMine(user)
  }

}

extension Array {
  /// Where `element` goes in this array, sorted by `order`: after every element that comes
  /// before it (a binary search).
  func insertionPoint(of element: Element, by order: (Element, Element) -> Bool) -> Int {
    var low = 0
    var high = count
    while low < high {
      let mid = (low + high) / 2
      if order(self[mid], element) { low = mid + 1 } else { high = mid }
    }
    return low
  }
}
