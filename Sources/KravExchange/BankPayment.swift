import KravCore

/// One incoming payment (or reversal) read from a bank file, before matching.
public struct BankPayment: Hashable, Sendable {
  /// Stable id from the bank's references: the event id, so a file imported twice adds nothing.
  public var id: String
  /// The amount in kroner (for a payment in another currency, the NOK amount the bank
  /// credited for it; zero when the file gives none, see `hasKroner`).
  public var amount: Money
  /// Value day (camt.054 `ValDt`, else the booking day; OCR: the settlement day): the day the
  /// payment counts from.
  public var day: Day
  /// The bank's booking day (camt.054 `BookgDt`), when the file gives one.
  public var bookingDay: Day?
  /// The payment reference: a KID, or an ISO 11649 creditor reference (`RF…`).
  public var kid: String?
  /// Other structured references (Finnish, Swiss QR, a referred invoice number, a KID with a
  /// wrong check digit), kept as text for matching by invoice number; never used as a KID.
  public var references: [String]
  /// The payer's name (camt.054 `RltdPties/Dbtr`), when the bank gives one.
  public var payer: String?
  /// Free text from the payer (or the bank's description).
  public var text: String?
  /// The bank took this amount back (OCR transaction types 18 and 20, camt.054 `RvslInd`).
  public var isReversal: Bool
  /// `ocr-giro` or `camt.054` (`manual` for `krav pay`).
  public var source: String
  /// Line in the file where the payment's record starts.
  public var line: Int
  /// Line of the amount element the payment's amount was read from (`line` for OCR giro).
  public var amountLine: Int
  /// The amount as the file gives it, when that is not in kroner (`EUR 147.00`).
  public var original: CurrencyAmount?
  /// False when the payment is in another currency and the file gives no NOK amount for it:
  /// such a payment is never registered.
  public var hasKroner: Bool
  /// The payer's end-to-end id (camt.054 `Refs/EndToEndId`, unless `NOTPROVIDED`).
  public var endToEndId: String?
  /// The bank's reference (camt.054 `TxDtls/Refs/AcctSvcrRef`, else the entry's).
  public var bankReference: String?
  /// The creditor account credited (canonical, see `BankAccount.normalized`).
  public var account: String?
  /// Charges the bank reported for this payment; reported, never deducted from `amount`.
  public var charges: CurrencyAmount?

  /// A payment in kroner; the bank file's other fields are set afterwards.
  public init(
    id: String, amount: Money, day: Day, kid: String? = nil, payer: String? = nil,
    text: String? = nil, isReversal: Bool = false, source: String, line: Int = 0
  ) {
    self.id = id
    self.amount = amount
    self.day = day
    self.kid = kid
    self.references = []
    self.payer = payer
    self.text = text
    self.isReversal = isReversal
    self.source = source
    self.line = line
    self.amountLine = line
    self.hasKroner = true
  }
}

/// A bank file read whole: its notifications (camt.054 `Ntfctn`, OCR giro assignments), each
/// for one account, and what was read but not taken as a payment.
public struct BankFile: Sendable {
  /// OCR giro or camt.054.
  public var format: PaymentFile.Format
  /// The file's notifications (camt.054 `Ntfctn`, OCR giro assignments), in file order.
  public var notifications: [BankNotification] = []

  /// Every payment of every notification, in file order.
  public var payments: [BankPayment] { notifications.flatMap(\.payments) }
}

/// One account's part of a bank file.
public struct BankNotification: Sendable {
  /// Line where the notification (camt.054 `Ntfctn`, OCR record 20) starts.
  public var line: Int
  /// The account as the file writes it (`Acct/Id/IBAN`, `Acct/Id/Othr/Id`, OCR positions
  /// 25–35 of record 20), nil when it names none.
  public var accountText: String?
  /// The account in canonical form when it is a valid one, else `accountText` compacted.
  public var account: String?
  /// The account's currency (`Acct/Ccy`; OCR giro is always NOK).
  public var currency: String?
  /// The payments (and reversals) to register, in file order.
  public var payments: [BankPayment] = []
  /// Entries read and deliberately not registered, with why (a debit, not booked, …).
  public var skipped: [SkippedEntry] = []

  /// A notification for the account as written (its canonical form is worked out here).
  public init(line: Int, accountText: String?, currency: String?) {
    self.line = line
    self.accountText = accountText
    self.currency = currency
    if let t = accountText {
      account =
        BankAccount.normalized(t) ?? String(t.filter { $0 != " " && $0 != "." }).uppercased()
    }
  }
}

/// An entry of a bank file that is not a payment to register.
public struct SkippedEntry: Hashable, Sendable {
  /// Line where the entry starts.
  public var line: Int
  /// Why: `debit`, `not booked (PDNG)`, `reversal of a debit`.
  public var reason: String
  /// The entry's amount as written, with its currency.
  public var amount: CurrencyAmount?
}

/// Bank payment files: which format a file is, read from its content.
public enum PaymentFile {
  /// A bank file format, named as `krav import payments` reports it.
  public enum Format: String, Sendable { case ocrGiro = "ocr-giro", camt054 = "camt.054" }

  /// The format of `bytes`: OCR giro starts with `NY`, camt.054 is XML with a
  /// `BkToCstmrDbtCdtNtfctn` element; nil for anything else.
  public static func detect(_ bytes: [UInt8]) -> Format? {
    var body = bytes[...]
    if body.starts(with: [0xEF, 0xBB, 0xBF]) { body = body.dropFirst(3) }
    let start = body.drop(while: { $0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09 })
    if start.starts(with: Array("NY".utf8)) { return .ocrGiro }
    if start.first == UInt8(ascii: "<") {
      let head = String(decoding: start.prefix(4096), as: UTF8.self)
      if head.contains("BkToCstmrDbtCdtNtfctn") || head.contains("camt.054") { return .camt054 }
    }
    return nil
  }

  /// Reads a bank file of either format, notification by notification.
  public static func read(_ bytes: [UInt8], file: String) throws(ImportFailure) -> BankFile {
    switch detect(bytes) {
    case .ocrGiro: return try OCRGiro.parse(bytes, file: file).bankFile
    case .camt054: return try Camt054.read(bytes, file: file)
    case nil:
      throw ImportFailure([
        ImportIssue(
          file: file, line: 1, field: "file",
          problem: .notABankFile)
      ])
    }
  }
}
