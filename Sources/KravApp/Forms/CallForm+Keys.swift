import Foundation
import KravCore
import TerminalUI

extension CallForm {
  /// Opens the call log form for a customer, with the call rules checked at this moment.
  static func open(_ state: inout AppState, customer id: String) {
    guard let c = state.ledger.customers[id] else { return }
    let permission = CallGuard.check(
      settings: state.callSettings, callDays: c.callDays, doNotCall: c.doNotCall,
      hasPhone: !(c.phone ?? "").isEmpty, at: state.now)
    var form = CallForm(
      customerId: id, outside: permission.blocks,
      nextCustomer: CallsScreen.nextCustomer(state, after: id))
    form.summaryWidth = textWidth(state)
    state.mode = .callForm(form)
  }

  /// The width of the summary editor: the body less the form's border and margins.
  static func textWidth(_ state: AppState) -> Int { max(10, state.size.width - 4) }

  /// The form's keys for the focused field: save, next, previous, cancel everywhere; Enter and
  /// the arrows move on except in the summary (which they edit); a choice takes ←/→/Space. On
  /// the e-mail step: save, back to the call's fields, cancel (Enter and the arrows edit).
  func keymap(_ k: Keymaps, allFields: Bool = false) -> Keymap<Action> {
    let t = k.catalogue
    if writingEmail && !allFields { return CallForm.emailKeys(k) }
    var b: [KeyBinding<Action>] = []
    if allFields || focus == .outcome {
      b += (1...5).map { n in
        KeyBinding(
          keys: [.char(Character(String(n)))], action: .choose(n),
          help: n == 1 ? t(.keyChooseOutcome) : "", group: t(.groupForm))
      }
    }
    if allFields || focus == .outcome || focus == .disputeReason { b += k.chooseKeys() }
    if allFields || focus == .proposePlan { b.append(k.toggleKey()) }
    b += k.formKeys(enterMovesOn: allFields || focus != .summary)
    return Keymap(b)
  }

  /// The e-mail step's keys: F2/Ctrl-S saves the call and the e-mail, Shift-Tab goes back to
  /// the call's fields, Esc cancels (asking first); everything else edits the text.
  static func emailKeys(_ k: Keymaps) -> Keymap<Action> {
    let t = k.catalogue
    let f = t(.groupForm)
    return Keymap([
      KeyBinding(
        keys: [.function(2), .ctrl("s")], action: .save, help: t(.keySave), group: f,
        showInStatusBar: true),
      KeyBinding(
        keys: [.backTab], action: .previousField, help: t(LForm.keyBackToCall), group: f,
        showInStatusBar: true),
      KeyBinding(
        keys: [.escape], action: .cancel, help: t(.keyCancel), group: f, showInStatusBar: true),
    ])
  }

  /// A bound key.
  mutating func perform(_ action: Action, _ state: inout AppState) -> [Effect] {
    if writingEmail {
      switch action {
      case .cancel: state.mode = .normal
      case .save: return save(&state)
      case .previousField:
        writingEmail = false
        errors = []
      default: break
      }
      return []
    }
    switch action {
    case .cancel: state.mode = .normal
    case .save: return save(&state)
    case .nextField: move(by: 1)
    case .previousField: move(by: -1)
    case .choosePrevious, .chooseNext:
      let d = action == .chooseNext ? 1 : -1
      if focus == .outcome { outcome = outcome.cycled(by: d) }
      if focus == .disputeReason { disputeReason = disputeReason.cycled(by: d) }
    case .choose(let n) where focus == .outcome && (1...5).contains(n):
      outcome = CallOutcome.allCases[n - 1]
    case .toggle where focus == .proposePlan: proposePlan.toggle()
    default: break
    }
    return []
  }

  /// An unbound key: text for the focused field (or the e-mail).
  mutating func type(_ key: Key, _ state: AppState) -> [Effect] {
    if writingEmail {
      email.handle(key, width: CallForm.textWidth(state))
    } else if focus == .summary {
      summaryWidth = CallForm.textWidth(state)
      summary.handle(key, width: summaryWidth)
    } else if var input = self[input: focus] {
      _ = input.handle(key)
      self[input: focus] = input
    }
    return []
  }

  /// The call's timestamp: today at the app's minute.
  static func timestamp(_ state: AppState) -> String {
    OsloTime.timestamp(day: state.today, secondsOfDay: state.minuteOfDay * 60)
  }

  /// Checks the form (every problem at once) and, when the call gets a follow-up e-mail, goes
  /// on to the e-mail step; from there (or when there is no e-mail) writes the call.
  mutating func save(_ state: inout AppState) -> [Effect] {
    let t = state.catalogue
    let input: CallLogInput
    switch check(state) {
    case .failure(let p):
      errors = p.messages
      if writingEmail { writingEmail = false }
      if p.outsideRules { focus = .outsideReason }
      return []
    case .success(let i): input = i
    }
    errors = []
    let at = CallForm.timestamp(state)
    let template = state.sender.flatMap {
      CallLog.followUpTemplate(
        input, ledger: state.ledger, sender: $0, today: state.today, at: at)
    }
    if let template, !writingEmail {
      // The e-mail is its own text: from the template of what was agreed, unless the
      // collector already edited it (then their text stays).
      if email.text.isEmpty || email.text == emailTemplate {
        email = TextArea(template)
        email.moveToStart()
      }
      emailTemplate = template
      writingEmail = true
      return []
    }
    if template != nil, email.text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
      errors = ["\(t(LForm.emailLabel)): \(t(.formRequired))"]
      return []
    }
    state.mode = .normal
    let events = CallLog.events(input, today: state.today)
    if let sender = state.sender, template != nil,
      let mail = CallLog.followUp(
        input, ledger: state.ledger, sender: sender, today: state.today, at: at, body: email.text)
    {
      return [.write(WriteRequest(.call(self), events: events, files: .draft(mail, link: .ref)))]
    }
    return [.write(WriteRequest(.call(self), events: events))]
  }

  /// A call log problem in the catalogue's language.
  static func problemText(_ c: CallLogProblem.Code, _ t: Catalogue) -> String {
    switch c {
    case .badAmount: return t(.formBadAmount)
    case .badDay: return t(.formBadDay)
    case .tooLarge: return t(L.amountTooLarge)
    default: return t(problemKey(c))
    }
  }

  /// The catalogue key for a call log problem.
  static func problemKey(_ c: CallLogProblem.Code) -> LCall {
    switch c {
    case .outsideRules: return .probOutside
    case .notPositive: return .probNotPositive
    case .beforeToday: return .probBeforeToday
    case .unknownInvoice, .unknownCustomer: return .probUnknownInvoice
    case .alreadyOpen: return .probAlreadyOpen
    case .abovePrincipal: return .probAbovePrincipal
    case .required: return .formRequired
    case .onlyWhenAccepted: return .resolveCreditOnlyAccepted
    case .unknownDispute, .alreadyResolved: return .noOpenDisputes
    case .badAmount: return .formBadAmount
    case .badDay: return .formBadDay
    case .tooLarge: return .formBadAmount
    // Not a call's problems: the correction and edit forms word them (`Catalogue.problem`).
    case .notAPayment, .alreadyCorrected, .unknownPromise, .noHold, .invalid, .nothingChanged:
      return .formRequired
    }
  }

  /// The call log form over the body; returns where the cursor goes.
  func render(_ state: AppState, keymaps: Keymaps, in area: Rect, buffer: inout Buffer)
    -> Point?
  {
    let form = self
    let t = state.catalogue
    let c = state.ledger.customers[form.customerId]
    let title = form.writingEmail ? t(LForm.emailTitle) : t(.formTitle)
    let inner = drawFormFrame(
      "\(title) – \(c?.name ?? form.customerId)", in: area, buffer: &buffer)
    guard inner.height >= 8 else { return nil }
    var y = inner.y
    var cursor: Point?
    let focusStyle = Style(bold: true, reverse: true)
    func label(_ f: CallForm.Field, x: Int, width: Int) -> Int {
      let text = CallForm.labelText(f, t) + ": "
      return buffer.put(
        text, x: x, y: y, style: form.focus == f ? focusStyle : .bold, maxWidth: width)
    }
    func input(_ f: CallForm.Field, x: Int, width: Int) {
      let used = label(f, x: x, width: width)
      guard let i = form[input: f] else { return }
      let field = Rect(x: x + used, y: y, width: max(0, width - used - 1), height: 1)
      let p = i.draw(in: field, buffer: &buffer, style: .underline)
      if form.focus == f { cursor = p }
    }
    func choice<T: Equatable>(
      _ f: CallForm.Field, _ all: [T], _ current: T, _ name: (T) -> String, x: Int, width: Int
    ) {
      var cx = x + label(f, x: x, width: width)
      for v in all where cx < x + width {
        let text = v == current ? "[\(name(v))]" : " \(name(v)) "
        cx += buffer.put(
          text, x: cx, y: y, style: v == current ? .bold : .dim, maxWidth: x + width - cx)
      }
    }
    let half = inner.width / 2
    // Who and the call rules.
    let contact = [
      c?.phone,
      state.calls.first { $0.customer == form.customerId }.map {
        t.money($0.amount)
      },
    ].compactMap { $0 }.joined(separator: "   ")
    buffer.put(contact, x: inner.x, y: y, maxWidth: inner.width)
    y += 1
    if form.writingEmail {
      // The e-mail step: the customer's text, edited before it is saved.
      buffer.put(
        t(LForm.emailLabel) + ":", x: inner.x, y: y, style: Style(bold: true, reverse: true),
        maxWidth: inner.width)
      y += 1
      let height = max(2, inner.maxY - y - form.errors.count - 1)
      let area = Rect(x: inner.x, y: y, width: inner.width, height: height)
      cursor = form.email.draw(in: area, buffer: &buffer, style: .plain)
      drawFormFoot(
        errors: form.errors, hint: formHint(keymap(keymaps)), in: inner, from: y + height,
        buffer: &buffer)
      return cursor
    }
    if !form.outside.isEmpty {
      let why = form.outside.map { CallText.block($0, t) }.joined(separator: ", ")
      buffer.put(
        "\(t(.formOutside)): \(why)", x: inner.x, y: y, style: .error, maxWidth: inner.width)
      y += 1
    }
    choice(
      .outcome, CallOutcome.allCases, form.outcome, { CallText.outcome($0, t) }, x: inner.x,
      width: inner.width)
    y += 1
    _ = label(.summary, x: inner.x, width: inner.width)
    y += 1
    // The rows under the summary: 6 field rows, plan, outside reason, errors, hint.
    let below = 7 + (form.outside.isEmpty ? 0 : 1) + form.errors.count + 1
    let textHeight = max(2, inner.maxY - y - below)
    let textArea = Rect(x: inner.x, y: y, width: inner.width, height: textHeight)
    let p = form.summary.draw(in: textArea, buffer: &buffer, style: .underline)
    if form.focus == .summary { cursor = p }
    y += textHeight
    let third = inner.width / 3
    input(.promiseAmount, x: inner.x, width: third)
    input(.promiseDate, x: inner.x + third, width: third)
    input(.promiseInvoice, x: inner.x + 2 * third, width: inner.width - 2 * third)
    y += 1
    input(.disputeInvoice, x: inner.x, width: half)
    input(.disputeAmount, x: inner.x + half, width: inner.width - half)
    y += 1
    choice(
      .disputeReason, DisputeReason.allCases, form.disputeReason,
      { CallText.disputeReason($0, t) }, x: inner.x, width: inner.width)
    y += 1
    let whoWidth = inner.width / 3
    input(.disputeText, x: inner.x, width: inner.width - whoWidth)
    input(.disputeWho, x: inner.x + inner.width - whoWidth, width: whoWidth)
    y += 1
    input(.holdUntil, x: inner.x, width: half)
    input(.holdReason, x: inner.x + half, width: inner.width - half)
    y += 1
    let used = label(.proposePlan, x: inner.x, width: inner.width)
    buffer.put(form.proposePlan ? "[x]" : "[ ]", x: inner.x + used, y: y, maxWidth: 3)
    y += 1
    if !form.outside.isEmpty {
      input(.outsideReason, x: inner.x, width: inner.width)
      y += 1
    }
    drawFormFoot(
      errors: form.errors, hint: formHint(keymap(keymaps), width: inner.width), in: inner, from: y,
      buffer: &buffer)
    return cursor
  }
}
