import Foundation
import KravCore
import TerminalUI

/// The app's one state transition: applies a message and returns the work for the runtime.
///
/// Pure: no clock, no files, no terminal. "Now" reaches it only through messages, and writes
/// leave it only as `Effect.write`; the fold happens when `.written` comes back, so the
/// screen never shows an event that is not on disk.
public func update(_ state: inout AppState, _ msg: Msg, keymaps: Keymaps) -> [Effect] {
  let before = state.mode
  let effects = updateMessage(&state, msg, keymaps: keymaps)
  state.noteFormOpening(from: before)
  // A call form back from a failed write holds what was typed: Esc asks before losing it.
  if case .writeFailed(.call, _) = msg { state.formPristine = nil }
  // The top screen's search rows follow whatever changed (a fold, a reload, a new screen).
  state.refreshSearch()
  return effects
}

private func updateMessage(_ state: inout AppState, _ msg: Msg, keymaps: Keymaps) -> [Effect] {
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
  case .written(let ack):
    fold(&state, ack.stored)
    return acknowledged(&state, ack)
  case .external(let batch):
    fold(&state, batch)
    return reloadTimeline(state)
  case .reloaded(let ledger, let reason):
    state.ledger = ledger
    state.searchLedgerReplaced()
    state.rederive()
    clampScroll(&state)
    state.status = StatusLine("\(state.catalogue(.storeReread)): \(reason)")
    return reloadTimeline(state)
  case .settingsChanged(let creditor, let settings):
    if let creditor { state.creditor = creditor }
    if let settings {
      state.callSettings = settings
      state.rederive()
      clampScroll(&state)
    }
    return []
  case .readOnlyChanged(let reason):
    state.readOnlyReason = reason
    if let reason {
      state.status = StatusLine("\(state.catalogue(.readOnly)): \(reason)", isError: true)
    }
    return []
  case .writeFailed(let purpose, let message):
    state.status = StatusLine("\(state.catalogue(.saveFailed)): \(message)", isError: true)
    // A call that was not stored: the form comes back with everything typed.
    if case .call(let form) = purpose { state.mode = .callForm(form) }
    return []
  case .storeFailed(let message):
    state.status = StatusLine("\(state.catalogue(.saveFailed)): \(message)", isError: true)
    return []
  case .clock(let minute):
    state.minuteOfDay = minute
    return []
  case .importPreviewed(let preview):
    ImportForm.previewed(&state, preview)
    return []
  case .outbox(let result):
    OutboxScreen.handle(&state, result)
    return []
  case .documentRead(let path, let text):
    let t = state.catalogue
    return state.updateMode(Reader.self) { _, r in
      r.documentRead(path: path, text: text, t)
      return []
    }
  case .timelineLoaded(let customer, let events):
    _ = state.updateMode(StepConfirm.self) { _, c in
      c = c.withTexts(customer: customer, events: events)
      return []
    }
    return state.updateTop(CaseView.self) { _, view in
      if view.customerId == customer { view.timeline = events.reversed() }
      return []
    }
  }
}

/// What follows a stored write: the status line its purpose names, then the review of its
/// e-mail draft, the next customer after a call, or the open case's timeline read again.
private func acknowledged(_ state: inout AppState, _ ack: WriteAck) -> [Effect] {
  let t = state.catalogue
  let said: String
  switch ack.purpose {
  case .note: said = t(.noteSaved)
  case .payment: said = t(.paymentSaved)
  case .paymentAssigned: said = t(.paymentAssigned)
  case .hold: said = t(.holdSaved)
  case .writeOff:
    // On a four-eyes store the write-off became a request (`FourEyesGate`): say so.
    let requested = ack.stored.contains { e, _ in e.type == .approvalRequested }
    said = requested ? t(.awaitingApproval) : t(.writeOffSaved)
  case .disputeResolved: said = t(.disputeResolvedSaved)
  case .correction: said = t(.correctionSaved)
  case .customerEdited: said = t(.editSaved)
  case .doNotCall(let on): said = t(on ? .doNotCallOn : .doNotCallOff)
  case .planProposed:
    // A plan over 12 months on a four-eyes store became a request (`FourEyesGate`).
    let requested = ack.stored.contains { e, _ in e.type == .approvalRequested }
    said = requested ? t(.awaitingApproval) : t.plan(.planSaved)
  case .planSigned: said = t.plan(.signSaved)
  case .planFollowUp: said = t.plan(.followSaved)
  case .call: said = t(.callSaved)
  case .letters:
    QueueScreen.lettersWereSent(&state, ids: ack.letters)
    return reloadTimeline(state)
  case .imported(let file):
    said = "\(t(LLayout.importDone)): \(file) (\(ack.stored.count))"
  case .approval:
    if !ack.letters.isEmpty {
      QueueScreen.lettersWereSent(&state, ids: ack.letters)
      return reloadTimeline(state)
    }
    said = t(.approved)
  case .approvalRejected: said = t(.rejected)
  }
  state.status = StatusLine(said)
  let call: CallForm? = if case .call(let f) = ack.purpose { f } else { nil }
  if let draft = ack.draft {
    // The e-mail is on disk: show it for review; what follows the call comes after it.
    let shown: String = if case .caseView(let v) = state.top { v.customerId } else { "" }
    state.mode = .review(
      MailReview(path: draft.path, body: draft.body, after: call, customer: shown))
    state.status = StatusLine("\(call == nil ? t(.reviewSavedAs) : t(.callSaved)) – \(draft.path)")
    return call == nil ? reloadTimeline(state) : []
  }
  if let call { return CallsScreen.afterTheCall(&state, call) }
  return reloadTimeline(state)
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
func reloadTimeline(_ state: AppState) -> [Effect] {
  guard case .caseView(let view) = state.top else { return [] }
  return [
    .loadTimeline(customer: view.customerId, refs: state.ledger.timeline(of: view.customerId))
  ]
}

/// Every key goes through the keymaps of the mode and screen (`Keymaps.layers`); a key no
/// binding has reaches the focused text field, if there is one.
private func handleKey(_ state: inout AppState, _ key: Key, keymaps: Keymaps) -> [Effect] {
  if key == .resize { return [] }
  let keymap = Keymap.layered(keymaps.layers(for: state))
  guard let action = keymap.action(for: key) else { return typed(&state, key) }
  if action.writes, state.refusedReadOnly() { return [] }
  if case .normal = state.mode { state.status = nil }
  if case .help = state.mode { state.status = nil }
  if case .confirmSteps = state.mode { state.status = nil }
  return perform(&state, action)
}

/// A key no binding has: text for the focused field of a form or prompt; else nothing.
private func typed(_ state: inout AppState, _ key: Key) -> [Effect] {
  switch state.mode {
  case .search(var input):
    return SearchPrompt.type(&state, &input, key)
  case .note(var input):
    _ = input.handle(key)
    state.mode = .note(input)
  case .assign(var a):
    UnmatchedScreen.type(&state, &a, key)
  case .callForm: return state.updateMode(CallForm.self) { s, f in f.type(key, s) }
  case .resolveDispute: return state.updateMode(ResolveForm.self) { _, f in f.type(key) }
  case .hold: return state.updateMode(HoldForm.self) { _, f in f.type(key) }
  case .planForm: return state.updateMode(PlanForm.self) { _, f in f.type(key) }
  case .signForm: return state.updateMode(SignForm.self) { _, f in f.type(key) }
  case .payment: return state.updateMode(PaymentForm.self) { _, f in f.type(key) }
  case .writeOff: return state.updateMode(WriteOffForm.self) { s, f in f.type(key, &s) }
  case .decideApproval:
    return state.updateMode(ApprovalForm.self) { s, f in f.type(key, &s) }
  case .importFile: return state.updateMode(ImportForm.self) { _, f in f.type(key) }
  case .correction: return state.updateMode(CorrectionForm.self) { _, f in f.type(key) }
  case .customerEdit: return state.updateMode(CustomerEditForm.self) { _, f in f.type(key) }
  case .normal, .help, .review, .confirmFollow, .confirmSteps, .reader, .confirmDiscard: break
  }
  return []
}

/// Carries out a bound action: the mode's (a form, a prompt, a confirmation) or the screen's.
func perform(_ state: inout AppState, _ action: Action) -> [Effect] {
  switch action {
  case .forceQuit, .quit:
    state.isQuitting = true
    return [.quit]
  case .help:
    state.mode = .help(scroll: 0)
    return []
  case .importFile:
    if case .normal = state.mode {
      ImportForm.open(&state)
      return []
    }
  default:
    break
  }
  // Esc on a form with changes asks first (FormSupport: nothing typed is lost).
  if state.askBeforeDiscarding(action) { return [] }
  switch state.mode {
  case .normal:
    break
  case .confirmDiscard(let form): return discardConfirm(&state, form: form, action)
  case .help(let scroll):
    state.mode = HelpScreen.update(scroll, action, page: pageSize(state))
    return []
  case .search(let input): return SearchPrompt.perform(&state, input, action)
  case .note(let input): return CaseScreen.note(&state, input, action)
  case .assign(let input): return UnmatchedScreen.assign(&state, input, action)
  case .callForm: return state.updateMode(CallForm.self) { s, f in f.perform(action, &s) }
  case .review: return state.updateMode(MailReview.self) { s, r in r.perform(action, &s) }
  case .resolveDispute:
    return state.updateMode(ResolveForm.self) { s, f in f.perform(action, &s) }
  case .hold: return state.updateMode(HoldForm.self) { s, f in f.perform(action, &s) }
  case .planForm: return state.updateMode(PlanForm.self) { s, f in f.perform(action, &s) }
  case .importFile: return state.updateMode(ImportForm.self) { s, f in f.perform(action, &s) }
  case .signForm: return state.updateMode(SignForm.self) { s, f in f.perform(action, &s) }
  case .confirmFollow:
    return state.updateMode(FollowConfirm.self) { s, c in c.perform(action, &s) }
  case .confirmSteps:
    return state.updateMode(StepConfirm.self) { s, c in c.perform(action, &s) }
  case .payment: return state.updateMode(PaymentForm.self) { s, f in f.perform(action, &s) }
  case .writeOff: return state.updateMode(WriteOffForm.self) { s, f in f.perform(action, &s) }
  case .decideApproval:
    return state.updateMode(ApprovalForm.self) { s, f in f.perform(action, &s) }
  case .correction:
    return state.updateMode(CorrectionForm.self) { s, f in f.perform(action, &s) }
  case .customerEdit:
    return state.updateMode(CustomerEditForm.self) { s, f in f.perform(action, &s) }
  case .reader: return state.updateMode(Reader.self) { s, r in r.perform(action, &s) }
  }
  if action == .openReports {
    ReportsScreen.open(&state)
    return []
  }
  switch state.top {
  case .customers:
    return state.updateTop(CustomersView.self) { CustomersScreen.update(&$0, &$1, action) }
  case .caseView: return state.updateTop(CaseView.self) { CaseScreen.update(&$0, &$1, action) }
  case .calls: return state.updateTop(CallsView.self) { CallsScreen.update(&$0, &$1, action) }
  case .planView: return state.updateTop(PlanView.self) { PlanScreen.update(&$0, &$1, action) }
  case .queue: return state.updateTop(QueueView.self) { QueueScreen.update(&$0, &$1, action) }
  case .unmatched:
    return state.updateTop(UnmatchedView.self) { UnmatchedScreen.update(&$0, &$1, action) }
  case .approvals:
    return state.updateTop(ApprovalsView.self) { ApprovalsScreen.update(&$0, &$1, action) }
  case .outbox:
    return state.updateTop(OutboxView.self) { OutboxScreen.update(&$0, &$1, action) }
  case .reports:
    return state.updateTop(ReportsView.self) { ReportsScreen.update(&$0, &$1, action) }
  }
}

/// Rows a page key moves by: the body height less title, header and status rows.
func pageSize(_ state: AppState) -> Int { max(1, state.size.height - 4) }

/// The help screen: a scrolled list of the keys of what is under it.
enum HelpScreen {
  static func update(_ scroll: Int, _ action: Action, page: Int) -> Mode {
    switch action {
    case .back: return .normal
    case .up: return .help(scroll: max(0, scroll - 1))
    case .down: return .help(scroll: scroll + 1)
    case .pageUp: return .help(scroll: max(0, scroll - page))
    case .pageDown: return .help(scroll: scroll + page)
    case .home: return .help(scroll: 0)
    default: return .help(scroll: scroll)
    }
  }
}

/// Keeps scroll offsets inside their lists after a resize or reload.
private func clampScroll(_ state: inout AppState) {
  state.updateAll(CaseView.self) { v in
    v.scroll = min(v.scroll, max(0, (v.timeline?.count ?? 0) - 1))
    v.selected = min(v.selected, max(0, (v.timeline?.count ?? 0) - 1))
  }
}
