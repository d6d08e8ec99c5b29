import KravCore

/// A bank file's payments, checked, matched and ready to append (`krav import payments`).
///
/// Nothing is registered from a file with a problem: a notification for an account that is
/// not the creditor's (unless `anyAccount`), a payment in another currency without the NOK
/// amount the bank credited, or anything the parsers refuse. Every problem is reported.
public struct PaymentImport: Sendable {
  /// One payment of the file and what became of it.
  public struct Line: Sendable {
    /// The payment as read from the file.
    public var payment: BankPayment
    /// Where it goes (for a reversal: the claim or customer of the payment it takes back).
    public var match: PaymentMatch
    /// False when the store already holds the payment (the file was imported before).
    public var isNew: Bool
    /// For a reversal: how it found the payment it takes back (nil: it found none).
    public var reversal: ReversalRule?
    /// For a reversal: the id of the payment it takes back.
    public var reverses: String?
  }

  /// What an import is allowed to register.
  public struct Options: Sendable {
    /// The creditor's accounts, canonical (`BankAccount.normalized`).
    public var accounts: [String]
    /// Register payments to any account (`--any-account`); each such event records it.
    public var anyAccount: Bool
    /// How a payment naming only a customer is spread over their claims.
    public var order: AllocationOrder
    /// Today, for flagging files dated far in the past or ahead; nil: no flags.
    public var today: Day?

    /// Options for the creditor's `accounts` (canonical).
    public init(
      accounts: [String], anyAccount: Bool = false, order: AllocationOrder = .oldestFirst,
      today: Day? = nil
    ) {
      self.accounts = accounts
      self.anyAccount = anyAccount
      self.order = order
      self.today = today
    }
  }

  /// One notification of the file, as the preview shows it.
  public struct Account: Sendable {
    /// Line where the notification starts.
    public var line: Int
    /// Canonical account (nil when the notification names none).
    public var account: String?
    /// The account's currency (`Acct/Ccy`), if the file says.
    public var currency: String?
    /// Whether it is one of the creditor's accounts.
    public var isCreditors: Bool
    /// How many payments (and reversals) it holds.
    public var payments: Int
    /// Its entries that are not payments (debits, not booked, reversals of debits).
    public var skipped: [SkippedEntry]
  }

  /// Days before today from which a file's dates are flagged as far in the past.
  public static let pastFlagDays = 90

  /// OCR giro or camt.054.
  public var format: PaymentFile.Format
  /// The file's notifications, one per account.
  public var accounts: [Account] = []
  /// Every payment of the file, new or imported before.
  public var lines: [Line] = []
  /// Drafts for the new payments, with ids from the bank's references.
  public var events: [Event] = []
  /// Things the collector should know that do not stop the import: reversals that found no
  /// payment, dates far from today, payments registered for another account.
  public var findings: [ImportIssue] = []

  /// Payments (and reversals) the store does not hold yet.
  public var newCount: Int { lines.filter(\.isNew).count }
  /// Payments the store already holds (the file, or part of it, was imported before).
  public var alreadyImported: Int { lines.count - newCount }
  /// New payments (not reversals) that found no claim.
  public var unmatchedCount: Int {
    lines.filter { $0.isNew && !$0.payment.isReversal && $0.match.rule == .unmatched }.count
  }
  /// The new reversals.
  public var reversalCount: Int { lines.filter { $0.isNew && $0.payment.isReversal }.count }
  /// Sum of the new payments (reversals subtracted).
  public var total: Money {
    lines.filter(\.isNew).reduce(Money.zero) {
      $1.payment.isReversal ? $0 - $1.payment.amount : $0 + $1.payment.amount
    }
  }

  /// Reads, checks, matches and plans a bank file. `stored` says whether the store already
  /// holds an event id; such payments are reported and skipped, so a second import adds
  /// nothing. `history` is where reversals look for the payments they take back.
  public static func plan(
    _ bytes: [UInt8], file: String, ledger: Ledger, options: Options,
    stored: (String) -> Bool, history: PaymentHistory = .none
  ) throws(ImportFailure) -> PaymentImport {
    let bank = try PaymentFile.read(bytes, file: file)
    var result = PaymentImport(format: bank.format)
    var issues: [ImportIssue] = []
    let accountField = bank.format == .ocrGiro ? "record 20" : "Ntfctn/Acct"
    let creditors = options.accounts.map(BankAccount.display)
    for n in bank.notifications {
      let mine = n.account.map(options.accounts.contains) ?? false
      result.accounts.append(
        Account(
          line: n.line, account: n.account, currency: n.currency, isCreditors: mine,
          payments: n.payments.count, skipped: n.skipped))
      if !mine && !options.anyAccount && !n.payments.isEmpty {
        issues.append(
          ImportIssue(
            file: file, line: n.line, field: accountField,
            problem: .notCreditorsAccount(
              n.account.map(BankAccount.display), creditors: creditors)))
      }
      for p in n.payments where !p.hasKroner {
        issues.append(
          ImportIssue(
            file: file, line: p.amountLine, field: "Amt",
            problem: .notNOK(original: p.original.map(\.description))))
      }
    }
    if !issues.isEmpty { throw ImportFailure(issues) }
    var payments: [BankPayment] = []
    /// Whether each payment is for an account that is not the creditor's (`--any-account`).
    var foreign: [Bool] = []
    for n in bank.notifications {
      payments += n.payments
      let mine = n.account.map(options.accounts.contains) ?? false
      foreign += n.payments.map { _ in !mine }
    }
    // The one place bank files meet the amount bound (Money.maximumAmount): a payment above
    // it refuses the whole file, naming the payment's line, before anything is matched.
    let tooLarge = payments.filter { !$0.amount.isWithinBound }
    if !tooLarge.isEmpty {
      throw ImportFailure(
        tooLarge.map {
          ImportIssue(
            file: file, line: $0.line, field: "amount",
            problem: .amount(.tooLarge, got: $0.amount.jsonString))
        })
    }
    // Two payments of one file with the same reference still need distinct ids.
    var seen: [String: Int] = [:]
    for k in payments.indices {
      let n = seen[payments[k].id, default: 0] + 1
      seen[payments[k].id] = n
      if n > 1 { payments[k].id += "/\(n)" }
    }
    var matcher = PaymentMatcher(ledger: ledger, order: options.order)
    var everything: [Event]? = nil
    for (index, p) in payments.enumerated() {
      let m = matcher.match(p)
      let isNew = !stored(p.id)
      var line = Line(payment: p, match: m, isNew: isNew)
      guard isNew else {
        result.lines.append(line)
        continue
      }
      var drafts: [Event]
      if p.isReversal {
        let owner = m.invoice.flatMap { matcher.ledger.claims[$0]?.customer } ?? m.customer
        var candidates = result.events
        if let owner { candidates = history.ofCustomer(owner) + candidates }
        var found = matcher.reversalDrafts(
          for: p, candidates: candidates, unmatched: matcher.ledger.unmatchedPayments)
        if found.rule == nil {
          if everything == nil {
            let reversals = payments.filter(\.isReversal)
            let invoices = Set(
              reversals.compactMap { r in
                r.kid.flatMap { matcher.ledger.claimPosition(kid: $0) }.map {
                  matcher.ledger.claims.values[$0].invoice
                }
              })
            everything = history.all {
              PaymentMatcher.mayConcern($0, reversals, invoices: invoices)
            }
          }
          found = matcher.reversalDrafts(
            for: p, candidates: everything! + result.events,
            unmatched: matcher.ledger.unmatchedPayments)
        }
        drafts = found.drafts
        line.reversal = found.rule
        line.reverses = found.rule == nil ? nil : found.drafts.first?.ref
        line.match = PaymentMatch(
          rule: found.rule == nil ? .unmatched : m.rule,
          invoice: found.drafts.count == 1 ? found.drafts[0].invoice : nil,
          customer: found.drafts.first?.customer)
        if found.rule == nil {
          result.findings.append(
            ImportIssue(
              file: file, line: p.line, field: "reversal",
              problem: .reversalNotFound(p.amount, kid: p.kid)))
        }
      } else {
        drafts = matcher.drafts(for: p, match: m)
      }
      if foreign[index] {
        for k in drafts.indices { drafts[k].anyAccount = true }
        result.findings.append(
          ImportIssue(
            file: file, line: p.line, field: accountField,
            problem: .otherAccount(p.account.map(BankAccount.display))))
      }
      matcher.apply(drafts)
      result.events += drafts
      result.lines.append(line)
    }
    if let today = options.today { result.flagDates(file: file, today: today) }
    return result
  }

  /// Flags payments dated ahead of today or more than `pastFlagDays` before it (one finding
  /// for the earliest and one for the latest).
  mutating func flagDates(file: String, today: Day) {
    let new = lines.filter(\.isNew).map(\.payment)
    if let p = new.min(by: { $0.day < $1.day }),
      p.day.days(to: today) > PaymentImport.pastFlagDays
    {
      findings.append(
        ImportIssue(
          file: file, line: p.line, field: "date",
          problem: .datedLongAgo(p.day, days: p.day.days(to: today))))
    }
    if let p = new.max(by: { $0.day < $1.day }), p.day > today {
      findings.append(
        ImportIssue(
          file: file, line: p.line, field: "date",
          problem: .datedAhead(p.day, days: today.days(to: p.day))))
    }
  }
}
