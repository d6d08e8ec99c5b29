import KravCore
import TerminalUI

/// Correcting a mistake from the case (key `U`, issue 20), and the do-not-call flag (key `x`):
/// what to correct (a payment, a promise, a hold, an objection the debtor withdrew, the
/// do-not-call flag), which one, for a payment where the money goes, and the reason; then a
/// y/n confirmation that says the consequence. The checks and the one append-only event are
/// KravCore's (`PaymentCorrection`, `PromiseCancellation`, `HoldLift`, `DisputeWithdrawal`,
/// `CallPreferenceRequest`), as `krav payment reverse`, `promise cancel`, `hold lift`,
/// `dispute withdraw` and `call do-not-call`/`may-call` use them.
public struct CorrectionForm: Hashable, Sendable {
  public enum Kind: Hashable, Sendable {
    case payment, promise, hold, objection, doNotCall, mayCall
  }
  public enum Field: Hashable, Sendable { case kind, target, how, reason }

  /// One thing that can be corrected, with its line in the form.
  public enum Target: Hashable, Sendable {
    case payment(Event)
    case promise(String)
    /// nil = the customer's own hold; else the claim's.
    case hold(String?)
    case objection(String)
    case flag
  }

  public var customerId: String
  /// The kinds there is something of, in the order shown.
  public var kinds: [Kind]
  public var kindIndex = 0
  public var targetIndex = 0
  /// For a payment: where the money goes (nil until chosen: nothing is pre-selected).
  public var refunded: Bool?
  public var reason = TextInput()
  public var focus: Field = .kind
  public var errors: [String] = []
  /// The consequence is shown and y/n asked.
  public var confirming = false
  /// The customer's timeline (payments are found in it), as the case read it.
  public var timeline: [Event]
  /// The payments offered, found in the timeline when the form opened.
  public var payments: [Event]
  /// The consequence, worked out once when `F2` asks for the confirmation.
  public var consequenceText = ""

  public var kind: Kind { kinds[kindIndex] }
}

extension CorrectionForm {
  /// Opens the form for the case's customer with what can be corrected, or says there is
  /// nothing. `only` limits it to one kind (the `x` key: the do-not-call flag).
  static func open(
    _ state: inout AppState, customer id: String, timeline: [Event]?, only: Set<Kind>? = nil
  ) {
    guard let c = state.ledger.customers[id] else { return }
    var kinds: [Kind] = []
    let tl = timeline ?? []
    let payments = PaymentCorrection.candidates(timeline: tl, ledger: state.ledger)
    if !payments.isEmpty { kinds.append(.payment) }
    if !c.promises.isEmpty { kinds.append(.promise) }
    if !HoldLift.holds(of: id, ledger: state.ledger, today: state.today).isEmpty {
      kinds.append(.hold)
    }
    if c.disputes.contains(where: \.isOpen) { kinds.append(.objection) }
    kinds.append(c.doNotCall ? .mayCall : .doNotCall)
    if let only { kinds = kinds.filter(only.contains) }
    guard !kinds.isEmpty else {
      state.status = StatusLine(state.catalogue(.nothingToCorrect))
      return
    }
    var f = CorrectionForm(customerId: id, kinds: kinds, timeline: tl, payments: payments)
    if kinds.count == 1 { f.focus = f.targets(state).count > 1 ? .target : .reason }
    if f.kind == .payment { f.focus = .target }
    state.mode = .correction(f)
  }

  /// What the chosen kind offers to correct, newest first.
  func targets(_ state: AppState) -> [Target] {
    let c = state.ledger.customers[customerId]
    switch kind {
    case .payment:
      return payments.map { .payment($0) }
    case .promise: return (c?.promises ?? []).reversed().map { .promise($0.eventId) }
    case .hold:
      return HoldLift.holds(of: customerId, ledger: state.ledger, today: state.today)
        .map { .hold($0) }
    case .objection:
      return (c?.disputes ?? []).filter(\.isOpen).reversed().map { .objection($0.eventId) }
    case .doNotCall, .mayCall: return [.flag]
    }
  }

  /// The fields the chosen kind has, in order.
  var fields: [Field] {
    switch kind {
    case .payment: return [.kind, .target, .how, .reason]
    case .promise, .hold, .objection: return [.kind, .target, .reason]
    case .doNotCall, .mayCall: return [.kind, .reason]
    }
  }

  /// The form's keys: ←/→ choose on the choice fields; y/n once the consequence is shown.
  func keymap(_ k: Keymaps) -> Keymap<Action> {
    if confirming { return k.confirm }
    let choosing = focus != .reason
    return k.choiceFormKeys(choosing: choosing)
  }

  static func keymapAll(_ k: Keymaps) -> Keymap<Action> {
    k.choiceFormKeys()
  }

  /// A bound key.
  mutating func perform(_ action: Action, _ state: inout AppState) -> [Effect] {
    if confirming { return answerConfirmation(action, &state) }
    switch action {
    case .cancel: state.mode = .normal
    case .save:
      errors = problems(state)
      confirming = errors.isEmpty
      if confirming { consequenceText = consequence(state) }
    case .nextField, .previousField:
      let all = fields
      let i = all.firstIndex(of: focus) ?? 0
      focus = all[(i + (action == .nextField ? 1 : all.count - 1)) % all.count]
    case .choosePrevious, .chooseNext:
      let d = action == .chooseNext ? 1 : -1
      switch focus {
      case .kind:
        kindIndex = (kindIndex + d + kinds.count) % kinds.count
        targetIndex = 0
        refunded = nil
      case .target:
        let n = max(1, targets(state).count)
        targetIndex = (targetIndex + d + n) % n
      case .how: refunded = refunded.map { !$0 } ?? (d < 0)
      case .reason: break
      }
      errors = []
    default: break
    }
    return []
  }

  /// An unbound key: text for the reason.
  mutating func type(_ key: Key) -> [Effect] {
    if focus == .reason, !confirming { _ = reason.handle(key) }
    return []
  }

  /// The chosen target, if any.
  func target(_ state: AppState) -> Target? {
    let all = targets(state)
    return all.indices.contains(targetIndex) ? all[targetIndex] : nil
  }

  /// Every problem at once: the request's, and a payment's destination not chosen.
  func problems(_ state: AppState) -> [String] {
    let t = state.catalogue
    var out: [String] = []
    if target(state) == nil { out.append("\(t(.correctWhich)): \(t(.chooseOne))") }
    if kind == .payment && refunded == nil { out.append("\(t(.correctHow)): \(t(.chooseOne))") }
    for p in requestProblems(state) {
      let label = p.field == "reason" ? t(.correctReason) : t(.correctWhich)
      out.append("\(label): \(t.problem(p.code))")
    }
    return out
  }

  private func requestProblems(_ state: AppState) -> [CallLogProblem] {
    let text = reason.text
    switch target(state) {
    case .payment(let p):
      return PaymentCorrection(
        payment: p, refunded: refunded ?? false, reason: text, today: state.today
      ).problems(ledger: state.ledger, timeline: timeline)
    case .promise(let id):
      return PromiseCancellation(promise: id, reason: text).problems(ledger: state.ledger)
    case .hold(let inv):
      return HoldLift(customer: customerId, invoice: inv, reason: text, today: state.today)
        .problems(ledger: state.ledger)
    case .objection(let id):
      return DisputeWithdrawal(dispute: id, reason: text, today: state.today)
        .problems(ledger: state.ledger)
    case .flag?:
      return CallPreferenceRequest(customer: customerId, doNotCall: kind == .doNotCall, text: text)
        .problems(ledger: state.ledger)
    case nil: return []
    }
  }

  /// The one event of the correction (after the problems came back empty).
  func event(_ state: AppState) -> Event? {
    let text = reason.text.trimmingCharacters(in: .whitespaces)
    switch target(state) {
    case .payment(let p):
      return PaymentCorrection(
        payment: p, refunded: refunded ?? false, reason: text, today: state.today
      ).event(ledger: state.ledger)
    case .promise(let id):
      return PromiseCancellation(promise: id, reason: text).event(ledger: state.ledger)
    case .hold(let inv):
      return HoldLift(customer: customerId, invoice: inv, reason: text, today: state.today)
        .event()
    case .objection(let id):
      return DisputeWithdrawal(dispute: id, reason: text, today: state.today)
        .event(ledger: state.ledger)
    case .flag?:
      return CallPreferenceRequest(customer: customerId, doNotCall: kind == .doNotCall, text: text)
        .event()
    case nil: return nil
    }
  }

  /// Writes the correction (checked again: the ledger may have moved since the form opened).
  mutating func save(_ state: inout AppState) -> [Effect] {
    confirming = false
    errors = problems(state)
    guard errors.isEmpty, let e = event(state) else { return [] }
    state.mode = .normal
    let purpose: WritePurpose =
      kind == .doNotCall || kind == .mayCall ? .doNotCall(on: kind == .doNotCall) : .correction
    return [.write(WriteRequest(purpose, events: [e]))]
  }

  /// A target as one line: what it is, its amount and day, its id.
  func describe(_ target: Target, _ state: AppState) -> String {
    let t = state.catalogue
    let c = state.ledger.customers[customerId]
    switch target {
    case .payment(let p):
      let day = (p.date ?? p.atDay).map(t.day) ?? ""
      let amount = p.amount.map { t.money(Money(ore: $0)) } ?? ""
      return [day, amount, p.invoice ?? p.kid ?? "", p.id].filter { !$0.isEmpty }
        .joined(separator: "  ")
    case .promise(let id):
      guard let pr = c?.promises.first(where: { $0.eventId == id }) else { return id }
      return "\(t.money(pr.amount)) \(t.day(pr.due))  \(pr.invoice ?? "")  \(id)"
    case .hold(let inv):
      let until = HoldLift(customer: customerId, invoice: inv, reason: "", today: state.today)
        .until(ledger: state.ledger)
      return "\(inv ?? t(.holdOfCustomer))  → \(until.map(t.day) ?? "")"
    case .objection(let id):
      guard let d = c?.disputes.first(where: { $0.eventId == id }) else { return id }
      return "\(d.invoice) \(d.amount.map(t.money) ?? "") – \(d.text)"
    case .flag: return ""
    }
  }

  static func kindName(_ k: Kind, _ t: Catalogue) -> String {
    switch k {
    case .payment: return t(.kindPayment)
    case .promise: return t(.kindPromise)
    case .hold: return t(.kindHold)
    case .objection: return t(.kindObjection)
    case .doNotCall: return t(.kindDoNotCall)
    case .mayCall: return t(.kindMayCall)
    }
  }

  /// The consequence of saving, in words.
  func consequence(_ state: AppState) -> String {
    var amount: Money?
    var invoice: String?
    switch target(state) {
    case .payment(let p): amount = p.amount.map { Money(ore: $0) }
    case .objection(let id):
      invoice = state.ledger.customers[customerId]?.disputes.first { $0.eventId == id }?.invoice
    default: break
    }
    return state.catalogue.correctionConsequence(
      kind, refunded: refunded ?? false, amount: amount, invoice: invoice)
  }

  /// The form, centred over the screen; returns where the cursor goes.
  func render(_ state: AppState, keymaps: Keymaps, in area: Rect, buffer: inout Buffer) -> Point? {
    let t = state.catalogue
    let name = state.ledger.customers[customerId]?.name ?? customerId
    let rect = area.centered(width: min(area.width, 90), height: min(area.height, 12))
    let inner = drawFormFrame("\(t(.correctTitle)) – \(name)", in: rect, buffer: &buffer)
    guard inner.height >= 6 else { return nil }
    var y = inner.y
    var cursor: Point?
    func choice(_ f: Field, _ label: LFix, _ text: String) {
      let x =
        inner.x + drawFormLabel(t(label), focused: focus == f, in: inner, y: y, buffer: &buffer)
      buffer.put(text, x: x, y: y, maxWidth: inner.maxX - x)
      y += 1
    }
    let kindText =
      "‹ \(CorrectionForm.kindName(kind, t)) ›"
      + (kinds.count > 1 ? " (\(kindIndex + 1)/\(kinds.count))" : "")
    choice(.kind, .correctWhat, kindText)
    if fields.contains(.target) {
      let all = targets(state)
      let text = target(state).map { "‹ \(describe($0, state)) ›" } ?? t(.noPaymentsLoaded)
      choice(
        .target, .correctWhich, text + (all.count > 1 ? " (\(targetIndex + 1)/\(all.count))" : ""))
    }
    if fields.contains(.how) {
      var x =
        inner.x
        + drawFormLabel(t(.correctHow), focused: focus == .how, in: inner, y: y, buffer: &buffer)
      for (value, label) in [(false, LFix.backToUnmatched), (true, .refunded)] where x < inner.maxX
      {
        let chosen = refunded == value
        x += buffer.put(
          chosen ? "[\(t(label))]" : " \(t(label)) ", x: x, y: y, style: chosen ? .bold : .dim,
          maxWidth: inner.maxX - x)
      }
      y += 1
    }
    cursor = drawFormInput(
      t(.correctReason), reason, focused: focus == .reason && !confirming, in: inner, y: y,
      buffer: &buffer)
    y += 1
    if confirming {
      // The consequence, then y/n (the one confirm keymap).
      y += 1
      for line in TextWidth.wrap("\(t(.consequence)): \(consequenceText)", to: inner.width)
      where y < inner.maxY - 1 {
        buffer.put(line, x: inner.x, y: y, style: .bold, maxWidth: inner.width)
        y += 1
      }
      buffer.put(
        "\(t(.confirmQuestion))  \(keymaps.confirmHint) · \(keymaps.cancelHint)", x: inner.x,
        y: inner.maxY - 1, style: .bold, maxWidth: inner.width)
      return nil
    }
    drawFormFoot(
      errors: errors, hint: formHint(keymap(keymaps)), in: inner, from: y + 1, buffer: &buffer)
    return cursor
  }
}

extension CorrectionForm: ConfirmingForm {
  /// Yes to the consequence shown: the form's event is written.
  mutating func confirmed(_ state: inout AppState) -> [Effect] { save(&state) }
}
