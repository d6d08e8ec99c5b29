/// Typed constructors for the events Krav writes: a draft with empty header fields (the store
/// fills `id`, `seq`, `at` and, when empty, `by`) and the body fields of its type as labelled
/// arguments, so a writer cannot misspell a field or forget one the fold needs. The body
/// fields of each type are listed on `Event`.
extension Event {
  /// A draft of `type` with empty header fields; set body fields afterwards. Prefer the typed
  /// constructors below; this is for the types they do not cover and for generated data.
  public static func draft(
    _ type: EventType, customer: String? = nil, invoice: String? = nil, by: String = "",
    at: String = ""
  ) -> Event {
    Event(id: "", seq: 0, at: at, by: by, type: type, customer: customer, invoice: invoice)
  }

  /// `customer-added`.
  public static func customerAdded(
    customer: String, name: String, kind: CustomerKind, orgnr: String? = nil,
    birthNumber: String? = nil, email: String? = nil, phone: String? = nil,
    address: String? = nil
  ) -> Event {
    var e = draft(.customerAdded, customer: customer)
    e.name = name
    e.kind = kind.rawValue
    e.orgnr = orgnr
    e.birthNumber = birthNumber
    e.email = email
    e.phone = phone
    e.address = address
    return e
  }

  /// `customer-updated`: set the fields to replace afterwards.
  public static func customerUpdated(customer: String? = nil) -> Event {
    draft(.customerUpdated, customer: customer)
  }

  /// `claim-added`.
  public static func claimAdded(
    customer: String, invoice: String, amount: Money, issued: Day?, due: Day?,
    kid: String? = nil, text: String? = nil
  ) -> Event {
    var e = draft(.claimAdded, customer: customer, invoice: invoice)
    e.amount = amount.ore
    e.issued = issued
    e.due = due
    e.kid = kid
    e.text = text
    return e
  }

  /// `claim-updated`: set the fields to replace afterwards.
  public static func claimUpdated(invoice: String) -> Event {
    draft(.claimUpdated, invoice: invoice)
  }

  /// `note-added`.
  public static func noteAdded(customer: String, text: String, reason: NoteReason? = nil)
    -> Event
  {
    var e = draft(.noteAdded, customer: customer)
    e.text = text
    e.reason = reason?.rawValue
    return e
  }

  /// `call-preference-set`.
  public static func callPreferenceSet(
    customer: String, _ preference: CallPreference, text: String? = nil
  ) -> Event {
    var e = draft(.callPreferenceSet, customer: customer)
    e.reason = preference.rawValue
    e.text = text
    return e
  }

  /// `hold-set` (without `invoice`: all of the customer's claims).
  public static func holdSet(customer: String, invoice: String? = nil, until: Day, text: String)
    -> Event
  {
    var e = draft(.holdSet, customer: customer, invoice: invoice)
    e.until = until
    e.text = text
    return e
  }

  /// `promise-made`.
  public static func promiseMade(
    customer: String, invoice: String? = nil, amount: Money, day: Day, channel: String? = nil
  ) -> Event {
    var e = draft(.promiseMade, customer: customer, invoice: invoice)
    e.amount = amount.ore
    e.date = day
    e.channel = channel
    return e
  }

  /// `dispute-opened` (`amount` nil: the whole claim).
  public static func disputeOpened(
    customer: String, invoice: String, amount: Money? = nil, reason: String, text: String,
    date: Day?, channel: String? = nil, name: String? = nil
  ) -> Event {
    var e = draft(.disputeOpened, customer: customer, invoice: invoice)
    e.amount = amount?.ore
    e.reason = reason
    e.text = text
    e.date = date
    e.channel = channel
    e.name = name
    return e
  }

  /// `dispute-resolved`: `ref` is the id of the `dispute-opened` event.
  public static func disputeResolved(
    customer: String, invoice: String, ref: String, outcome: DisputeOutcome,
    credit: Money? = nil, text: String? = nil, date: Day?
  ) -> Event {
    var e = draft(.disputeResolved, customer: customer, invoice: invoice)
    e.ref = ref
    e.outcome = outcome.rawValue
    e.amount = credit?.ore
    e.text = text
    e.date = date
    return e
  }

  /// `case-closed`.
  public static func caseClosed(
    customer: String, invoice: String, reason: ClosureReason, text: String? = nil
  ) -> Event {
    var e = draft(.caseClosed, customer: customer, invoice: invoice)
    e.reason = reason.rawValue
    e.text = text
    return e
  }

  /// `claim-filed`: the court draft for `step` was filed on `date` at `place`.
  public static func claimFiled(
    customer: String, invoice: String, step: String, date: Day, place: String
  ) -> Event {
    var e = draft(.claimFiled, customer: customer, invoice: invoice)
    e.step = step
    e.date = date
    e.text = place
    return e
  }

  /// `rate-set`: `amount` in the kind's unit (øre, basis points or hundredths).
  public static func rateSet(
    kind: String, from: Day?, amount: Int64, source: String, note: String? = nil
  ) -> Event {
    var e = draft(.rateSet)
    e.kind = kind
    e.date = from
    e.amount = amount
    e.text = source
    e.reason = note
    return e
  }

  /// `ladder-set`: set the settings to change (in `extra`) afterwards.
  public static func ladderSet() -> Event { draft(.ladderSet) }

  /// `payment-registered` for a customer (how the demo and plans record a payment).
  public static func paymentRegistered(
    customer: String? = nil, invoice: String? = nil, amount: Money, date: Day,
    channel: String? = nil
  ) -> Event {
    var e = draft(.paymentRegistered, customer: customer, invoice: invoice)
    e.amount = amount.ore
    e.date = date
    e.channel = channel
    return e
  }
}

/// Whether a customer may be called: the `reason` of `call-preference-set`.
///
/// The event keeps the string as written, so a journal from a newer Krav with another value
/// still loads and round-trips; `Event.callPreference` is nil for such a value.
public enum CallPreference: String, Sendable, CaseIterable {
  case doNotCall = "do-not-call"
  case mayCall = "may-call"
}

/// Coded reasons of a `note-added`.
public enum NoteReason: String, Sendable, CaseIterable {
  /// The collector will propose an instalment plan.
  case proposePlan = "propose-plan"
}

/// Coded reasons of a `step-triggered`.
public enum StepReason: String, Sendable, CaseIterable {
  /// Forced past limitation (the text says why).
  case limitationOverride = "limitation-override"
}

extension Event {
  /// The preference a `call-preference-set` records; nil for another type or an unknown value.
  public var callPreference: CallPreference? { reason.flatMap(CallPreference.init(rawValue:)) }
  /// The outcome a `dispute-resolved` records; nil if absent or unknown.
  public var disputeOutcome: DisputeOutcome? { outcome.flatMap(DisputeOutcome.init(rawValue:)) }
}

/// How the debtor was in touch: the `channel` of `promise-made`, `dispute-opened` and
/// `plan-signed` (the event keeps the string; other values load and round-trip).
public enum ContactChannel: String, Sendable, CaseIterable {
  case phone
  case email
  case letter
  case inPerson = "in-person"
}

/// Where a payment came from: the `channel` of `payment-registered` (and a bank payment's
/// `source`); the event keeps the string, so other values load and round-trip.
public enum PaymentChannel: String, Sendable, CaseIterable {
  /// An OCR giro file from the bank.
  case ocrGiro = "ocr-giro"
  /// A camt.054 notification from the bank.
  case camt054 = "camt.054"
  /// Registered by hand.
  case manual
  /// Paid to the bank account (the demo's plan instalments).
  case bank
}
