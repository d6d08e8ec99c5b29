import Foundation
import KravCore
import TerminalUI

/// The app's one state transition: applies a message and returns the work for the runtime.
///
/// Pure: no clock, no files, no terminal. "Now" reaches it only through messages, and writes
/// leave it only as `Effect.append`; the fold happens when `.appended` comes back, so the
/// screen never shows an event that is not on disk.
public func update(_ state: inout AppState, _ msg: Msg, keymaps: Keymaps) -> [Effect] {
  switch msg {
  case .key(let key):
    return handleKey(&state, key, keymaps: keymaps)
  case .resized(let size):
    state.size = size
    clampScroll(&state)
    return []
  case .tick(let today):
    guard today != state.today else { return [] }
    state.today = today
    state.rederive()
    if case .reports = state.top { ReportsScreen.refresh(&state) }
    return []
  case .appended(let batch):
    fold(&state, batch)
    state.status = StatusLine(
      planSavedMessage(batch, state.catalogue) ?? state.catalogue(savedMessage(batch)))
    return callAppended(&state) ?? reloadTimeline(state)
  case .lettersSent(let ids, let batch):
    fold(&state, batch)
    lettersWereSent(&state, ids: ids)
    return reloadTimeline(state)
  case .external(let batch):
    fold(&state, batch)
    return reloadTimeline(state)
  case .storeFailed(let message):
    state.status = StatusLine("\(state.catalogue(.saveFailed)): \(message)", isError: true)
    callFailed(&state)
    return []
  case .clock(let minute):
    state.minuteOfDay = minute
    return []
  case .draftWritten(let path, let body):
    return draftWritten(&state, path: path, body: body)
  case .timelineLoaded(let customer, let events):
    if case .confirmSteps(let c) = state.mode {
      state.mode = .confirmSteps(withTexts(c, customer: customer, events: events))
    }
    if case .caseView(var view) = state.top, view.customerId == customer {
      view.timeline = events.reversed()
      state.top = .caseView(view)
    }
    return []
  }
}

/// What the status bar says once this session's events are on disk.
private func savedMessage(_ batch: [(Event, EventRef)]) -> L {
  switch batch.first?.0.type {
  case .paymentAssigned?: return .paymentAssigned
  case .paymentRegistered?: return .paymentSaved
  case .callPreferenceSet?:
    return batch.first?.0.reason == "do-not-call" ? .doNotCallOn : .doNotCallOff
  case .holdSet?: return .holdSaved
  case .caseClosed?: return .writeOffSaved
  case .disputeResolved?: return .disputeResolvedSaved
  default: return .noteSaved
  }
}

/// Folds events into the ledger and re-derives the rows; the selection stays on its id.
private func fold(_ state: inout AppState, _ batch: [(Event, EventRef)]) {
  var touched = Set<String>()
  for (event, ref) in batch {
    state.ledger.apply(event, ref: ref)
    if let id = state.ledger.customerId(of: event) { touched.insert(id) }
  }
  state.rederive(customers: touched)
  clampScroll(&state)
  if case .reports = state.top { ReportsScreen.refresh(&state) }
}

/// Asks for the open case's timeline again (its events changed).
private func reloadTimeline(_ state: AppState) -> [Effect] {
  guard case .caseView(let view) = state.top else { return [] }
  return [
    .loadTimeline(customer: view.customerId, refs: state.ledger.timeline(of: view.customerId))
  ]
}

private func handleKey(_ state: inout AppState, _ key: Key, keymaps: Keymaps) -> [Effect] {
  if key == .resize { return [] }
  switch state.mode {
  case .search(var input):
    return editSearch(&state, &input, key, keymaps: keymaps)
  case .note(var input):
    return editNote(&state, &input, key)
  case .callForm(var form):
    return editCallForm(&state, &form, key)
  case .review(var review):
    return reviewKey(&state, &review, key)
  case .resolveDispute(var form):
    return editResolveForm(&state, &form, key)
  case .hold(var form):
    return editHoldForm(&state, &form, key)
  case .planForm(var form):
    return editPlanForm(&state, &form, key)
  case .signForm(var form):
    return editSignForm(&state, &form, key)
  case .confirmFollow(let confirm):
    return answerFollow(&state, confirm, key)
  case .assign(var input):
    return editAssign(&state, &input, key)
  case .payment(var form):
    return editPayment(&state, &form, key)
  case .writeOff(var form):
    return editWriteOff(&state, &form, key)
  case .normal, .help, .confirmSteps:
    break
  }
  let keymap = Keymap.layered(keymaps.layers(for: state))
  guard let action = keymap.action(for: key) else { return [] }
  state.status = nil
  return perform(&state, action)
}

/// Carries out a bound action in normal or help mode.
func perform(_ state: inout AppState, _ action: Action) -> [Effect] {
  switch action {
  case .forceQuit:
    state.isQuitting = true
    return [.quit]
  case .help:
    state.mode = .help(scroll: 0)
    return []
  case .quit:
    state.isQuitting = true
    return [.quit]
  default:
    break
  }
  if case .confirmSteps(let c) = state.mode { return confirmAction(&state, c, action) }
  if action == .openReports, case .normal = state.mode {
    ReportsScreen.open(&state)
    return []
  }
  if case .help(let scroll) = state.mode {
    switch action {
    case .back: state.mode = .normal
    case .up: state.mode = .help(scroll: max(0, scroll - 1))
    case .down: state.mode = .help(scroll: scroll + 1)
    case .pageUp: state.mode = .help(scroll: max(0, scroll - pageSize(state)))
    case .pageDown: state.mode = .help(scroll: scroll + pageSize(state))
    case .home: state.mode = .help(scroll: 0)
    default: break
    }
    return []
  }
  switch state.top {
  case .customers(var view):
    let effects = customersAction(&state, &view, action)
    if case .customers = state.top { state.top = .customers(view) }
    return effects
  case .caseView(var view):
    return caseAction(&state, &view, action)
  case .calls(var view):
    let effects = callsAction(&state, &view, action)
    if case .calls = state.top { state.top = .calls(view) }
    return effects
  case .planView(var view):
    return planViewAction(&state, &view, action)
  case .queue(var view):
    let effects = queueAction(&state, &view, action)
    if case .queue = state.top { state.top = .queue(view) }
    return effects
  case .unmatched(var view):
    return unmatchedAction(&state, &view, action)
  case .reports(var view):
    return ReportsScreen.update(&state, &view, action)
  }
}

/// Rows a page key moves by: the body height less title, header and status rows.
func pageSize(_ state: AppState) -> Int { max(1, state.size.height - 4) }

private func customersAction(
  _ state: inout AppState, _ view: inout CustomersView, _ action: Action
) -> [Effect] {
  let rows = state.visibleCustomers(view)
  let index = rows.firstIndex { $0.id == view.selectedId } ?? 0
  func select(_ i: Int) { moveSelection(state, &view, rows: rows, to: i) }
  switch action {
  case .up, .down, .pageUp, .pageDown, .home, .end:
    select(
      listTarget(
        action, from: index, count: rows.count, page: pageSize(state),
        hasSelection: view.selectedId != nil))
  case .search:
    state.mode = .search(TextInput(view.query))
  case .back where state.stack.count > 1:
    state.stack.removeLast()
    return []
  case .openQueue:
    state.top = .customers(view)
    openQueue(&state)
  case .unmatchedPayments:
    state.stack.append(.unmatched(UnmatchedView()))
  case .open:
    guard !rows.isEmpty else { return [] }
    let id = rows[index].id
    view.selectedId = id
    state.top = .customers(view)
    state.stack.append(.caseView(CaseView(customerId: id)))
    return reloadTimeline(state)
  default: break
  }
  return []
}

private func caseAction(_ state: inout AppState, _ view: inout CaseView, _ action: Action)
  -> [Effect]
{
  let count = view.timeline?.count ?? 0
  switch action {
  case .back:
    state.stack.removeLast()
    return []
  case .up: view.scroll = max(0, view.scroll - 1)
  case .down: view.scroll = min(max(0, count - 1), view.scroll + 1)
  case .pageUp: view.scroll = max(0, view.scroll - pageSize(state) / 2)
  case .pageDown: view.scroll = min(max(0, count - 1), view.scroll + pageSize(state) / 2)
  case .home: view.scroll = 0
  case .end: view.scroll = max(0, count - 1)
  case .logCall:
    state.top = .caseView(view)
    openCallForm(&state, customer: view.customerId)
    return []
  case .doNotCall:
    state.top = .caseView(view)
    return toggleDoNotCall(&state, customer: view.customerId)
  case .resolveDispute:
    state.top = .caseView(view)
    openResolveForm(&state, customer: view.customerId)
    return []
  case .setHold:
    state.top = .caseView(view)
    openHoldForm(&state, customer: view.customerId)
    return []
  case .proposePlan:
    state.top = .caseView(view)
    openPlanForm(&state, customer: view.customerId)
    return []
  case .viewPlans:
    state.top = .caseView(view)
    state.stack.append(.planView(PlanView(customerId: view.customerId)))
    return []
  case .addNote:
    if !state.refusedReadOnly() { state.mode = .note(TextInput()) }
  case .registerPayment:
    if !state.refusedReadOnly() {
      state.mode = .payment(PaymentForm(today: state.today, catalogue: state.catalogue))
    }
  case .writeOff:
    if !state.refusedReadOnly() {
      state.mode = .writeOff(
        WriteOffForm(invoice: writeOffCandidate(state, customer: view.customerId)))
    }
  default: break
  }
  state.top = .caseView(view)
  return []
}

private func editSearch(
  _ state: inout AppState, _ input: inout TextInput, _ key: Key, keymaps: Keymaps
) -> [Effect] {
  guard case .customers(var view) = state.top else {
    state.mode = .normal
    return []
  }
  switch key {
  case .escape:
    view.query = ""
    state.mode = .normal
  case .enter:
    state.mode = .normal
  case .up, .down, .pageUp, .pageDown:
    // Moving while searching keeps the query and moves among the matches.
    let action: Action =
      key == .up ? .up : key == .down ? .down : key == .pageUp ? .pageUp : .pageDown
    let effects = customersAction(&state, &view, action)
    state.top = .customers(view)
    return effects
  case .ctrl("c"):
    state.isQuitting = true
    return [.quit]
  default:
    _ = input.handle(key)
    view.query = input.text
    state.mode = .search(input)
  }
  // Incremental: keep the selection if it still matches, else jump to the first match.
  let rows = state.visibleCustomers(view)
  if !rows.contains(where: { $0.id == view.selectedId }) { view.offset = 0 }
  moveSelection(state, &view, rows: rows, to: rows.firstIndex { $0.id == view.selectedId } ?? 0)
  state.top = .customers(view)
  return []
}

private func editNote(_ state: inout AppState, _ input: inout TextInput, _ key: Key) -> [Effect] {
  guard case .caseView(let view) = state.top else {
    state.mode = .normal
    return []
  }
  if let effects = closeOrQuit(&state, key) { return effects }
  switch key {
  case .enter:
    state.mode = .normal
    let text = input.text.trimmingCharacters(in: .whitespaces)
    guard !text.isEmpty else { return [] }
    var draft = Event(id: "", seq: 0, at: "", by: "", type: .noteAdded, customer: view.customerId)
    draft.text = text
    return [.append([draft])]
  default:
    _ = input.handle(key)
    state.mode = .note(input)
    return []
  }
}

/// Keeps scroll offsets inside their lists after a resize or reload.
private func clampScroll(_ state: inout AppState) {
  for i in state.stack.indices {
    if case .caseView(var v) = state.stack[i] {
      v.scroll = min(v.scroll, max(0, (v.timeline?.count ?? 0) - 1))
      state.stack[i] = .caseView(v)
    }
  }
}
