import KravCore

/// One incoming payment (or reversal) read from a bank file, before matching.
public struct BankPayment: Hashable, Sendable {
  /// Stable id from the bank's references: the event id, so a file imported twice adds nothing.
  public var id: String
  public var amount: Money
  /// Settlement (OCR) or booking (camt.054) day.
  public var day: Day
  public var kid: String?
  public var payer: String?
  /// Free text from the payer (or the bank's description).
  public var text: String?
  /// The bank took this amount back (OCR transaction types 18 and 20, camt.054 `RvslInd`).
  public var isReversal: Bool
  /// `ocr-giro` or `camt.054`.
  public var source: String
  /// Line in the file where the payment's record starts.
  public var line: Int

  public init(
    id: String, amount: Money, day: Day, kid: String? = nil, payer: String? = nil,
    text: String? = nil, isReversal: Bool = false, source: String, line: Int = 0
  ) {
    self.id = id
    self.amount = amount
    self.day = day
    self.kid = kid
    self.payer = payer
    self.text = text
    self.isReversal = isReversal
    self.source = source
    self.line = line
  }
}

/// Bank payment files: which format a file is, read from its content.
public enum PaymentFile {
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

  /// Reads the payments of a bank file of either format.
  public static func read(_ bytes: [UInt8], file: String) throws(ImportFailure) -> [BankPayment] {
    switch detect(bytes) {
    case .ocrGiro: return try OCRGiro.parse(bytes, file: file).payments
    case .camt054: return try Camt054.parse(bytes, file: file)
    case nil:
      throw ImportFailure([
        ImportIssue(
          file: file, line: 1, field: "file",
          message: "not an OCR giro file (lines starting NY) or a camt.054 XML file")
      ])
    }
  }
}
