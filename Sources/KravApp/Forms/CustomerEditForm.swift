import KravCore
import TerminalUI

/// Changing a customer's details from the case (key `E`, issue 20): name, kind, address, phone,
/// e-mail, organisation number, a new birth number (the stored one is never shown) and the
/// consent to e-mail. Saved as the one `customer-updated` of `krav customer edit` (KravCore's
/// `CustomerEditRequest`, the same checks), which keeps the old values for the timeline.
public struct CustomerEditForm: Hashable, Sendable {
  public enum Field: Int, CaseIterable, Sendable {
    case name, kind, address, phone, email, orgnr, birthNumber, consent
  }
  /// What to do with the consent to e-mail.
  public enum ConsentChoice: CaseIterable, Hashable, Sendable { case keep, given, withdrawn }

  public var customerId: String
  public var name: TextInput
  public var kind: CustomerKind
  public var address: TextInput
  public var phone: TextInput
  public var email: TextInput
  public var orgnr: TextInput
  /// Empty: the stored birth number stays (it is never shown in full).
  public var birthNumber = TextInput()
  public var consent: ConsentChoice = .keep
  public var focus: Field = .name
  public var errors: [String] = []

  /// The form filled in with the customer's details now.
  public init(_ c: Customer) {
    customerId = c.id
    name = TextInput(c.name)
    kind = c.kind
    address = TextInput(c.address ?? "")
    phone = TextInput(c.phone ?? "")
    email = TextInput(c.email ?? "")
    orgnr = TextInput(c.orgnr ?? "")
  }
}

extension CustomerEditForm {
  static func open(_ state: inout AppState, customer id: String) {
    guard let c = state.ledger.customers[id] else { return }
    state.mode = .customerEdit(CustomerEditForm(c))
  }

  func keymap(_ k: Keymaps) -> Keymap<Action> {
    let choosing = focus == .kind || focus == .consent
    return k.choiceFormKeys(choosing: choosing)
  }

  static func keymapAll(_ k: Keymaps) -> Keymap<Action> {
    k.choiceFormKeys()
  }

  mutating func perform(_ action: Action, _ state: inout AppState) -> [Effect] {
    switch action {
    case .cancel: state.mode = .normal
    case .save: return save(&state)
    case .nextField: focus = focus.cycled(by: 1)
    case .previousField: focus = focus.cycled(by: -1)
    case .choosePrevious, .chooseNext:
      let d = action == .chooseNext ? 1 : -1
      if focus == .kind { kind = kind == .consumer ? .business : .consumer }
      if focus == .consent { consent = consent.cycled(by: d) }
    default: break
    }
    return []
  }

  mutating func type(_ key: Key) -> [Effect] {
    switch focus {
    case .name: _ = name.handle(key)
    case .address: _ = address.handle(key)
    case .phone: _ = phone.handle(key)
    case .email: _ = email.handle(key)
    case .orgnr: _ = orgnr.handle(key)
    case .birthNumber: _ = birthNumber.handle(key)
    case .kind, .consent: break
    }
    return []
  }

  /// The request: every field as typed (a blank optional field is left as it was).
  func request(_ state: AppState) -> CustomerEditRequest {
    func value(_ i: TextInput) -> String? {
      let s = i.text.trimmingCharacters(in: .whitespaces)
      return s.isEmpty ? nil : s
    }
    let consentChange: CustomerEditRequest.Consent? =
      switch consent {
      case .keep: nil
      case .given: .given(state.today)
      case .withdrawn: .withdrawn
      }
    return CustomerEditRequest(
      customer: customerId, name: name.text, kind: kind.rawValue, address: value(address),
      phone: value(phone), email: value(email), orgnr: value(orgnr),
      birthNumber: value(birthNumber), consent: consentChange)
  }

  /// Checks everything at once; writes the one `customer-updated`.
  mutating func save(_ state: inout AppState) -> [Effect] {
    let t = state.catalogue
    let r = request(state)
    let problems = r.problems(ledger: state.ledger)
    guard problems.isEmpty, let c = state.ledger.customers[customerId] else {
      errors = problems.map { p in
        let label: LFix =
          switch p.field {
          case "name": .editName
          case "kind": .editKind
          case "orgnr": .editOrgnr
          case "birth-number": .editBirthNumber
          case "email": .editEmail
          case "email-consent": .editConsent
          default: .editTitle
          }
        // The e-mail's own explanation is English in KravCore; the form says "not valid".
        return "\(t(label)): \(t.problem(p.code))"
      }
      return []
    }
    state.mode = .normal
    return [.write(WriteRequest(.customerEdited, events: [r.changes(c).event]))]
  }

  func render(_ state: AppState, keymaps: Keymaps, in area: Rect, buffer: inout Buffer) -> Point? {
    let t = state.catalogue
    let rect = area.centered(width: min(area.width, 90), height: min(area.height, 14))
    let inner = drawFormFrame(
      "\(t(.editTitle)) – \(customerId)", in: rect, buffer: &buffer)
    guard inner.height >= 10 else { return nil }
    var y = inner.y
    var cursor: Point?
    func input(_ f: Field, _ label: LFix, _ i: TextInput) {
      cursor =
        drawFormInput(t(label), i, focused: focus == f, in: inner, y: y, buffer: &buffer) ?? cursor
      y += 1
    }
    func choice<C: Equatable>(_ f: Field, _ label: LFix, _ all: [(C, String)], _ chosen: C) {
      var x =
        inner.x + drawFormLabel(t(label), focused: focus == f, in: inner, y: y, buffer: &buffer)
      for (v, name) in all where x < inner.maxX {
        x += buffer.put(
          v == chosen ? "[\(name)]" : " \(name) ", x: x, y: y, style: v == chosen ? .bold : .dim,
          maxWidth: inner.maxX - x)
      }
      y += 1
    }
    input(.name, .editName, name)
    choice(
      .kind, .editKind,
      [(CustomerKind.consumer, t.kind(.consumer)), (.business, t.kind(.business))], kind)
    input(.address, .editAddress, address)
    input(.phone, .editPhone, phone)
    input(.email, .editEmail, email)
    input(.orgnr, .editOrgnr, orgnr)
    input(.birthNumber, .editBirthNumber, birthNumber)
    choice(
      .consent, .editConsent,
      [
        (ConsentChoice.keep, t(.consentKeep)), (.given, t(.consentGiven)),
        (.withdrawn, t(.consentWithdrawn)),
      ],
      consent)
    drawFormFoot(
      errors: errors, hint: formHint(keymap(keymaps)), in: inner, from: y, buffer: &buffer)
    return cursor
  }
}
