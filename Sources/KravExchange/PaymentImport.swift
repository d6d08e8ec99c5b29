import KravCore

/// A bank file's payments, matched and ready to append (`krav import payments`).
public struct PaymentImport: Sendable {
  /// One payment of the file and what became of it.
  public struct Line: Sendable {
    public var payment: BankPayment
    public var match: PaymentMatch
    /// False when the store already holds the payment (the file was imported before).
    public var isNew: Bool
  }

  public var format: PaymentFile.Format
  public var lines: [Line] = []
  /// Drafts for the new payments, with ids from the bank's references.
  public var events: [Event] = []

  public var newCount: Int { lines.filter(\.isNew).count }
  public var alreadyImported: Int { lines.count - newCount }
  public var unmatchedCount: Int { lines.filter { $0.isNew && $0.match.rule == .unmatched }.count }
  /// Sum of the new payments (reversals subtracted).
  public var total: Money {
    lines.filter(\.isNew).reduce(Money.zero) {
      $1.payment.isReversal ? $0 - $1.payment.amount : $0 + $1.payment.amount
    }
  }

  /// Reads, matches and plans a bank file. `stored` says whether the store already holds an
  /// event id; such payments are reported and skipped, so a second import adds nothing.
  public static func plan(
    _ bytes: [UInt8], file: String, ledger: Ledger, order: AllocationOrder = .oldestFirst,
    stored: (String) -> Bool
  ) throws(ImportFailure) -> PaymentImport {
    var payments = try PaymentFile.read(bytes, file: file)
    // The one place bank files meet the amount bound (Money.maximumAmount): a payment above
    // it refuses the whole file, naming the payment's line, before anything is matched.
    let tooLarge = payments.filter { !$0.amount.isWithinBound }
    if !tooLarge.isEmpty {
      throw ImportFailure(
        tooLarge.map {
          ImportIssue(
            file: file, line: $0.line, field: "amount",
            message: Money.InputProblem.tooLarge.description)
        })
    }
    // `read` throws for a file of neither format, so the format is known here.
    let format = PaymentFile.detect(bytes) ?? .ocrGiro
    // Two payments of one file with the same reference still need distinct ids.
    var seen: [String: Int] = [:]
    for k in payments.indices {
      let n = seen[payments[k].id, default: 0] + 1
      seen[payments[k].id] = n
      if n > 1 { payments[k].id += "/\(n)" }
    }
    var result = PaymentImport(format: format)
    var matcher = PaymentMatcher(ledger: ledger, order: order)
    for p in payments {
      let m = matcher.match(p)
      let isNew = !stored(p.id)
      result.lines.append(Line(payment: p, match: m, isNew: isNew))
      guard isNew else { continue }
      let drafts = matcher.drafts(for: p, match: m)
      matcher.apply(drafts)
      result.events += drafts
    }
    return result
  }
}
