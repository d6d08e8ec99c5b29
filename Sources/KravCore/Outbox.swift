/// Where each document Krav wrote stands: waiting to go by e-mail or on paper, sent, printed,
/// failed, superseded, or for the collector to file (issue 19; Docs/letters.md).
///
/// Built from the journal (every customer's timeline, in order) by `apply`: the documents are
/// the step letters (`step-triggered`/`letter-sent` with a letter id), plan documents and
/// acceleration notices (`plan-proposed`, `plan-accelerated` with their `letter`), and what
/// happened to them (`document-sent`, `document-printed`, `document-failed`,
/// `document-superseded`). The consent to electronic notices is read from the customer events.
public struct Outbox: Sendable {
  public enum Kind: String, Sendable, Hashable {
    /// A step letter to the debtor (reminder, inkassovarsel, betalingsoppfordring, notices).
    case letter
    /// An utleggsbegjæring, forliksklage or hand-over to an agency: never sent to the debtor.
    case filing
    case plan
    case acceleration
  }

  public enum State: String, Sendable, Hashable, CaseIterable {
    case toEmail = "to-email"
    case toPrint = "to-print"
    case sent
    case printed
    case failed
    case superseded
    /// A court draft or hand-over: the collector files it; it never goes to the debtor.
    case forFiling = "for-filing"
  }

  /// How a document left.
  public struct Departure: Hashable, Sendable {
    public var channel: LetterChannel
    public var day: Day
    /// The moment (the event's `at`).
    public var at: String
    public var messageId: String?
    public var answer: String?
    public var to: String?
    public var batch: String?
  }

  public struct Document: Hashable, Sendable {
    /// The letter id, or the path under `letters/` without `.txt` of a plan document.
    public var id: String
    public var customer: String
    public var kind: Kind
    public var step: Step?
    /// The day written on it, and when it was written.
    public var written: Day
    public var writtenAt: String
    public var deadline: Day?
    public var invoices: [String]
    /// The channel chosen when it was written (`letter-sent`), if any.
    public var requested: LetterChannel?
    public var departure: Departure?
    /// The last failure, if it has not left since: when and why.
    public var failure: (at: String, reason: String)? {
      get { failureAt.map { ($0, failureReason ?? "") } }
      set {
        failureAt = newValue?.at
        failureReason = newValue?.reason
      }
    }
    var failureAt: String?
    var failureReason: String?
    public var supersededBy: String?
    public var superseded: Bool

    /// The store-relative path of its files without the extension (`letters/<id>`).
    public var base: String { "letters/" + id }
  }

  /// A customer as the outbox needs them: where to, and the consent to e-mail.
  public struct Recipient: Hashable, Sendable {
    public var name: String
    public var email: String?
    public var address: String?
    /// The day the customer agreed to notices by e-mail (`email_consent`), if they did.
    public var emailConsent: Day?
  }

  public private(set) var documents: [Document] = []
  var index: [String: Int] = [:]
  public private(set) var recipients: [String: Recipient] = [:]

  public init() {}

  public subscript(id: String) -> Document? { index[id].map { documents[$0] } }

  /// Folds one event (events of one customer in journal order).
  public mutating func apply(_ e: Event) {
    let day = e.atDay
    switch e.type {
    case .customerAdded, .customerUpdated:
      guard let c = e.customer else { return }
      var r = recipients[c] ?? Recipient(name: e.name ?? c)
      if let n = e.name { r.name = n }
      if let m = e.email { r.email = m.isEmpty ? nil : m }
      if let a = e.address { r.address = a.isEmpty ? nil : a }
      if let consent = e.emailConsent { r.emailConsent = Day(parsing: consent) }
      recipients[c] = r
    case .stepTriggered:
      guard let id = e.ref, let c = e.customer, let step = e.step.flatMap(Step.init(rawValue:))
      else { return }
      let filing = step == .utlegg || step == .forliksklage || step == .agency
      if let i = index[id] {
        if let inv = e.invoice, !documents[i].invoices.contains(inv) {
          documents[i].invoices.append(inv)
        }
        return
      }
      let written = e.date ?? day ?? Day(ordinal: 0)
      // A letter written before the outbox (no `dispatch`: older journals) counts as left the
      // day it was written, as the fold counts it.
      let legacy =
        filing || e.extra["dispatch"] != nil
        ? nil
        : Departure(
          channel: e.channel.flatMap(LetterChannel.init(rawValue:)) ?? .letter, day: written,
          at: e.at, answer: Outbox.legacyAnswer)
      add(
        Document(
          id: id, customer: c, kind: filing ? .filing : .letter, step: step,
          written: written, writtenAt: e.at, deadline: e.until,
          invoices: e.invoice.map { [$0] } ?? [], requested: nil, departure: legacy,
          supersededBy: nil, superseded: false))
    case .letterSent:
      guard let id = e.ref, let i = index[id] else { return }
      documents[i].requested = e.channel.flatMap(LetterChannel.init(rawValue:))
    case .planProposed, .planAccelerated:
      guard let c = e.customer, let letter = e.planLetter, letter.hasPrefix("letters/"),
        letter.hasSuffix(".txt")
      else { return }
      let id = String(letter.dropFirst(8).dropLast(4))
      guard index[id] == nil else { return }
      let requested: LetterChannel? =
        e.channel.flatMap(LetterChannel.init(rawValue:))
        ?? (recipients[c]?.email != nil ? .email : .letter)
      add(
        Document(
          id: id, customer: c, kind: e.type == .planProposed ? .plan : .acceleration, step: nil,
          written: e.date ?? day ?? Day(ordinal: 0), writtenAt: e.at,
          deadline: e.type == .planProposed ? e.until : nil, invoices: e.planInvoices ?? [],
          requested: requested, departure: nil, supersededBy: nil, superseded: false))
    case .documentSent, .documentPrinted:
      guard let id = e.ref, let i = index[id] else { return }
      documents[i].departure = Departure(
        channel: e.type == .documentSent ? .email : .letter, day: e.date ?? day ?? Day(ordinal: 0),
        at: e.at, messageId: e.extra["message_id"].flatMap(PlanJSON.string), answer: e.text,
        to: e.extra["to"].flatMap(PlanJSON.string), batch: e.extra["batch"].flatMap(PlanJSON.string)
      )
      documents[i].failure = nil
    case .documentFailed:
      guard let id = e.ref, let i = index[id] else { return }
      documents[i].failure = (e.at, e.text ?? "")
    case .documentSuperseded:
      guard let id = e.ref, let i = index[id] else { return }
      documents[i].superseded = true
      documents[i].supersededBy = e.extra["replaced_by"].flatMap(PlanJSON.string)
    default:
      return
    }
  }

  /// The answer recorded for a document written before the outbox existed.
  public static let legacyAnswer =
    "written before the outbox (issue 19): counted as left the day it was written"

  /// Marks `id` as left the day it was written (a document from before the outbox: a plan
  /// document with no printed layout beside it).
  public mutating func markLegacy(_ id: String) {
    guard let i = index[id], documents[i].departure == nil else { return }
    let d = documents[i]
    documents[i].departure = Departure(
      channel: d.requested ?? .letter, day: d.written, at: d.writtenAt, answer: Outbox.legacyAnswer)
  }

  mutating func add(_ d: Document) {
    index[d.id] = documents.count
    documents.append(d)
  }

  /// Where `d` stands.
  public func state(of d: Document) -> State {
    if d.superseded { return .superseded }
    if let dep = d.departure { return dep.channel == .email ? .sent : .printed }
    if d.kind == .filing { return .forFiling }
    if d.failure != nil { return .failed }
    return channel(for: d) == .email ? .toEmail : .toPrint
  }

  /// How `d` goes out: by e-mail only when it was meant to and the customer has a valid
  /// address and consented to electronic notices on or before the day it was written
  /// (Docs/rules.md: ehandelsloven § 11 and god inkassoskikk); otherwise on paper.
  public func channel(for d: Document) -> LetterChannel {
    guard d.requested == .email, let r = recipients[d.customer], let email = r.email,
      EmailAddress.isValid(email), let consent = r.emailConsent, consent <= d.written
    else { return .letter }
    return .email
  }

  /// Why `d` cannot go by e-mail although it was meant to (nil when it can, or was not).
  public func paperReason(for d: Document) -> String? {
    paperCause(for: d)?.english
  }

  /// Why an e-mail document goes on paper, as a value the interface words in its language.
  public func paperCause(for d: Document) -> PaperCause? {
    guard d.requested == .email, channel(for: d) == .letter else { return nil }
    guard let r = recipients[d.customer], let email = r.email, EmailAddress.isValid(email) else {
      return .noValidEmail
    }
    guard let consent = r.emailConsent else { return .noConsent }
    return .consentAfterLetter(consent)
  }

  /// Why a document asked for by e-mail goes on paper (`paperCause(for:)`).
  public enum PaperCause: Hashable, Sendable {
    /// The customer has no (valid) e-mail address.
    case noValidEmail
    /// The customer has not consented to notices by e-mail.
    case noConsent
    /// Consent was given on this day, after the letter was written.
    case consentAfterLetter(Day)

    /// The English wording, as `paper_reason` in JSON has always said it.
    public var english: String {
      switch self {
      case .noValidEmail: return "no valid e-mail address"
      case .noConsent: return "no consent to electronic notices"
      case .consentAfterLetter(let d):
        return "consent to electronic notices given \(d.iso), after the letter was written"
      }
    }
  }

  /// Whether `d`, not yet left, is out of date on `today`: a step letter with a deadline that
  /// did not leave on the day written on it, so the debtor would get less than the lawful
  /// 14 days; it must be written again (Ledger.reissue) rather than sent.
  public func isStale(_ d: Document, today: Day) -> Bool {
    d.kind == .letter && d.departure == nil && !d.superseded && d.deadline != nil
      && d.written < today
  }
}

extension Event {
  /// The day a customer consented to notices by e-mail, as written (`email_consent`, a JSON
  /// string `"YYYY-MM-DD"` on `customer-added`/`customer-updated`; `""` withdraws it).
  public var emailConsent: String? {
    extra["email_consent"].flatMap(PlanJSON.string)
  }

  /// Sets or withdraws (nil) the consent.
  public mutating func setEmailConsent(_ day: Day?) {
    extra["email_consent"] = PlanJSON.quote(day?.iso ?? "")
  }
}

extension Event {
  /// The claims a `document-sent`/`document-printed` starts the deadline of (`invoices`).
  public var outboxInvoices: [String]? {
    get { extra["invoices"].flatMap(PlanJSON.strings) }
    set { extra["invoices"] = newValue.map(PlanJSON.encode) }
  }
}

/// JSON string literals for `Event.extra` values written outside KravCore.
public enum PlanJSONText {
  public static func quote(_ s: String) -> String { PlanJSON.quote(s) }
}
