/// The kind of an event, past tense and kebab-case (`call-logged`).
///
/// A struct rather than an enum so that a journal written by a newer Krav, with types this
/// version does not know, still loads and round-trips unchanged.
public struct EventType: RawRepresentable, Hashable, Sendable, Codable,
  ExpressibleByStringLiteral, CustomStringConvertible
{
  public var rawValue: String
  public init(rawValue: String) { self.rawValue = rawValue }
  public init(stringLiteral value: String) { self.rawValue = value }
  public var description: String { rawValue }

  public static let storeCreated: EventType = "store-created"
  public static let customerAdded: EventType = "customer-added"
  public static let customerUpdated: EventType = "customer-updated"
  public static let claimAdded: EventType = "claim-added"
  public static let paymentRegistered: EventType = "payment-registered"
  public static let callLogged: EventType = "call-logged"
  public static let noteAdded: EventType = "note-added"
  public static let promiseMade: EventType = "promise-made"
  public static let disputeOpened: EventType = "dispute-opened"
  public static let disputeResolved: EventType = "dispute-resolved"
  public static let holdSet: EventType = "hold-set"
  public static let stepTriggered: EventType = "step-triggered"
  public static let letterSent: EventType = "letter-sent"
  public static let caseClosed: EventType = "case-closed"
  public static let callPreferenceSet: EventType = "call-preference-set"
  public static let rateSet: EventType = "rate-set"
  public static let ladderSet: EventType = "ladder-set"
  public static let claimUpdated: EventType = "claim-updated"
  public static let paymentAssigned: EventType = "payment-assigned"
  public static let paymentReversed: EventType = "payment-reversed"
  /// An utleggsbegjæring or forliksklage was filed with the court (interrupts limitation).
  public static let claimFiled: EventType = "claim-filed"

  /// Every type this version folds; others are kept and shown but change no balance.
  public static let known: [EventType] = [
    .storeCreated, .customerAdded, .customerUpdated, .claimAdded, .paymentRegistered, .callLogged,
    .noteAdded, .promiseMade, .disputeOpened, .disputeResolved, .holdSet, .stepTriggered,
    .letterSent, .caseClosed, .callPreferenceSet, .claimUpdated, .paymentAssigned,
    .paymentReversed, .rateSet, .ladderSet,
    .letterSent, .caseClosed, .claimUpdated, .paymentAssigned, .paymentReversed, .rateSet,
    .ladderSet, .planProposed, .planSigned, .planAccelerated, .claimFiled,
  ]
}

/// One change a collector (or an import) made, as one journal line.
///
/// Body fields by type (the contract between writers and the fold):
/// - `customer-added`: customer, name, kind, orgnr?, birth_number?, email?, phone?, address?
/// - `customer-updated`: customer and any of the customer fields to replace
/// - `claim-added`: customer, invoice, amount (principal), issued, due, kid?, text?
/// - `claim-updated`: invoice and any of amount (principal), issued, due, kid to replace
///   (`krav import invoices --update`)
/// - `payment-registered`: amount, date, and invoice or kid or customer; channel? (`ocr-giro`,
///   `camt.054`, `manual`), reason? (how it was matched: `kid`, `invoice-in-text`,
///   `customer-amount`, `manual`), text?, name? (the payer, from a bank file); none of invoice/kid/customer (or none that matches)
///   = an unmatched payment, kept in `Ledger.unmatchedPayments` until assigned; bank keys in
///   `extra` (account, booked, end_to_end, bank_ref, original amount: Event+Bank.swift)
/// - `payment-assigned`: ref (id of the unmatched `payment-registered`), invoice or customer,
///   amount, date: the collector placed an unmatched payment by hand
/// - `payment-reversed`: amount, date, invoice or kid or customer (or none); ref? (the payment,
///   or part, reversed), channel?, text?, reason? (`not-found`: kept as a negative unmatched
///   payment), extra `paid_on`? (Event+Bank.swift): the bank took a payment back (OCR giro
///   types 18 and 20, camt.054 `RvslInd`); cancels that payment
/// - `call-logged`: customer, outcome, text? (summary), invoice?, reason? (why a call outside
///   the call rules was made), ref? (the follow-up e-mail draft in `letters/`)
/// - `call-preference-set`: customer, reason (`do-not-call`|`may-call`), text?
/// - `note-added`: customer, text, reason? (`propose-plan`: the collector will propose a plan)
/// - `promise-made`: customer, amount, date (pay-by day), invoice?
/// - `dispute-opened`: customer, invoice, amount? (disputed part; absent = whole claim), reason,
///   text, date? (when the debtor objected), channel?, name? (who objected)
/// - `dispute-resolved`: customer, invoice, ref (id of the dispute-opened event),
///   outcome (`accepted`|`rejected`|`forliksrad`), amount? (credit granted), text?, date?,
///   extra key `letter`? (the answer e-mail draft in `letters/`, for a rejection)
/// - `hold-set`: customer, invoice? (absent = all the customer's claims), until, text
/// - `step-triggered`: customer, invoice, from, step, date, amount? (fee), channel?,
///   ref? (letter id, the file `letters/<ref>.txt`/`.eml`), until? (deadline given); a court
///   draft (utlegg, forliksklage) has no channel and only the `.txt`
/// - `letter-sent`: customer, invoice?, step, channel, ref (letter id), text? (address used);
///   never for a court draft, which goes to the court, not the debtor
/// - `rate-set`: kind (a `RateTable.Kind`), date (first day), amount (øre, basis points or
///   hundredths by kind), text (source URL), reason? (note)
/// - `ladder-set`: extra keys `reminder` (true/false), `notice_4_18` (`combined`|`separate`),
///   `handoff` (`enforcement`|`agency`), `agency_name` (a string; "" clears it); absent keys
///   keep their setting
/// - `case-closed`: customer, invoice, reason (`paid`|`written-off`|`sent-to-agency`|`withdrawn`),
///   text? (why: required for a write-off, `krav claim write-off`)
/// - `claim-filed`: customer, invoice, step (`utlegg`|`forliksklage`), date (filing day), text
///   (where: the namsmann or forliksråd): the court draft was filed; interrupts limitation
/// - `step-triggered` forced past limitation: reason `limitation-override`, text (why: an
///   acknowledgment or interruption the ledger does not know of)
/// - `plan-proposed`: customer, amount (total), date (day proposed), until (signing deadline),
///   channel? (how the document goes out), text?; and in `extra` (Event+Plan.swift): invoices,
///   instalments, every, grace, interest, letter. The plan's id is this event's id.
/// - `plan-signed`: customer, ref (plan id), date (the customer's signature day), channel
///   (`email`|`letter`|`in-person`); `by` is the collector who signed it off
/// - `plan-accelerated`: customer, ref (plan id), date, amount (remainder due at once),
///   extra letter (the notice). Lapse and default are derived, not events (Plan+Follow.swift).
///
/// The schema is flat on purpose: every event has the header fields and a subset of the
/// optional body fields below, each with one fixed JSON key. That keeps the line format easy to
/// read by hand and lets the store parse it with a scanner instead of a generic JSON decoder.
/// Keys the schema does not know are kept verbatim in `extra` so nothing is lost on rewrite.
public struct Event: Hashable, Sendable {
  // MARK: Header (always present)
  /// Unique id: `<writer>:<seq>`, e.g. `kari@pc1:123`. A draft may bring its own id (an import
  /// keyed by the bank's archive reference, say): the store refuses a second event with an id
  /// it already holds, and a replay skips and reports a repeated id, so a retried write can
  /// never count a payment twice.
  public var id: String
  /// Position in the writer's journal, starting at 1 and increasing by one.
  public var seq: Int
  /// When it happened: ISO 8601 with offset in Europe/Oslo, to the millisecond when read from
  /// the clock (`2026-11-30T09:12:44.318+01:00`), whole seconds when pinned (`--now`).
  ///
  /// Kept packed in 64 bits when it has the whole-second form (`EventTime`), else as written.
  public var at: String {
    get { atText ?? EventTime.format(atPacked) }
    set {
      if let packed = EventTime.pack(newValue) {
        atPacked = packed
        atText = nil
      } else {
        atPacked = 0
        atText = newValue
      }
    }
  }
  /// `at` packed (0 when it is kept as text).
  @usableFromInline var atPacked: UInt64 = 0
  /// `at` as written when it is not in the packed form.
  @usableFromInline var atText: String? = nil
  /// The collector who did it (`--as`).
  public var by: String
  /// What happened.
  public var type: EventType
  /// Schema version of this event type.
  public var v: Int

  // MARK: Body (JSON key in brackets)
  // The fields the fold reads for most events come first, so a replay's merge, which reads
  // events that a decoder thread wrote, fetches fewer cache lines of each (see JournalStream).
  /// The customer id [`customer`].
  public var customer: String?
  /// The invoice number of the claim [`invoice`].
  public var invoice: String?
  /// An amount in øre [`amount`, a JSON integer].
  public var amount: Int64?
  /// Payment reference [`kid`].
  public var kid: String?
  /// The day the event refers to (payment date, promised date, signing date) [`date`].
  public var date: Day?
  /// Due date [`due`].
  public var due: Day?
  /// Issue date [`issued`].
  public var issued: Day?
  /// End of a hold [`until`].
  public var until: Day?
  /// Call outcome (`reached`, `no-answer`, …) [`outcome`].
  public var outcome: String?
  /// The formal step moved to [`step`].
  public var step: String?
  /// The formal step moved from: the precondition of `step-triggered` [`from`].
  public var from: String?
  /// A coded reason (dispute reason, hold reason) [`reason`].
  public var reason: String?
  /// Id of another event this one refers to (e.g. the dispute resolved) [`ref`].
  public var ref: String?
  /// Channel used (`email`, `letter`, `phone`, `in-person`) [`channel`].
  public var channel: String?
  /// Customer name or creditor name [`name`].
  public var name: String?
  /// `consumer` or `business` [`kind`].
  public var kind: String?
  /// Organisation number [`orgnr`].
  public var orgnr: String?
  /// Fødselsnummer; stored only when needed, never shown in full [`birth_number`].
  public var birthNumber: String?
  /// E-mail address [`email`].
  public var email: String?
  /// Phone number [`phone`].
  public var phone: String?
  /// Postal address, one line [`address`].
  public var address: String?
  /// Free text: note, claim description, call summary, dispute text [`text`].
  public var text: String?
  /// Unknown keys, with their raw JSON value text, kept so a rewrite loses nothing.
  public var extra: [String: String]

  /// Creates an event with the header fields; set body fields afterwards.
  ///
  /// Inlinable: the store's line decoder builds a fresh event per line, and the out-of-line
  /// version of this initialiser copied the whole struct through its value witness.
  @inlinable public init(
    id: String, seq: Int, at: String, by: String, type: EventType, v: Int = 1,
    customer: String? = nil, invoice: String? = nil
  ) {
    self.id = id
    self.seq = seq
    self.by = by
    self.type = type
    self.v = v
    self.customer = customer
    self.invoice = invoice
    self.extra = [:]
    self.at = at
  }

  /// The calendar day part of `at` (its first ten characters), if well-formed.
  public var atDay: Day? {
    if atText == nil { return EventTime.day(atPacked) }
    return Day(parsing: String(at.prefix(10)))
  }

  /// Sets `at` from the UTF-8 bytes of a journal line when they are in Krav's own form and
  /// name a real time, and returns that instant in milliseconds since 1970 UTC, both from one
  /// pass over the bytes; nil (and `at` unchanged) otherwise, for the general parsers.
  package mutating func setAtGivingInstant(utf8 bytes: UnsafeBufferPointer<UInt8>) -> Int64? {
    guard let (packed, instant) = EventTime.packWithInstant(bytes) else { return nil }
    atPacked = packed
    atText = nil
    return instant
  }

  /// Sets `at` from the UTF-8 bytes of a journal line (packed without making a string when it
  /// is in Krav's form); false if the bytes are not valid UTF-8.
  package mutating func setAt(utf8 bytes: UnsafeBufferPointer<UInt8>) -> Bool {
    if let packed = EventTime.pack(bytes) {
      atPacked = packed
      atText = nil
      return true
    }
    guard let text = String(validating: bytes, as: UTF8.self) else { return false }
    atPacked = 0
    atText = text
    return true
  }
}
