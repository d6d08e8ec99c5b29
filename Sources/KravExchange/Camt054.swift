import KravCore

/// ISO 20022 camt.054 (BankToCustomerDebitCreditNotification), versions 001.02 to 001.08,
/// domain-norway.md §9 and Docs/import-export.md §2.
///
/// Reads every `Ntfctn` (one per account) and its `Ntry`s. A booked credit entry
/// (`CdtDbtInd` `CRDT`) gives one payment per `NtryDtls/TxDtls` (or one for the entry when it
/// has no details); a booked debit with `RvslInd` true is the bank taking a payment back (a
/// reversal); other debits, credits that reverse a debit and entries not booked are skipped
/// and listed. Amounts keep their currency (`Ccy`); whether they may be registered is decided
/// by `PaymentImport`, not here.
public enum Camt054 {
  /// Parses a file into its payments; throws naming the line of every problem.
  public static func parse(_ bytes: [UInt8], file: String) throws(ImportFailure) -> [BankPayment] {
    try read(bytes, file: file).payments
  }

  /// Parses a file notification by notification; throws naming the line of every problem.
  public static func read(_ bytes: [UInt8], file: String) throws(ImportFailure) -> BankFile {
    // ISO 20022 files are UTF-8; anything else is refused before parsing (FoundationXML, used
    // before, trapped on invalid UTF-8 in element names: found by the fuzz test).
    if let bad = firstInvalidUTF8(bytes) {
      throw ImportFailure([
        ImportIssue(
          file: file, line: 1 + bytes[..<bad].filter { $0 == 0x0A }.count, field: "xml",
          message: "not UTF-8 text (camt.054 files are UTF-8)")
      ])
    }
    // CamtXML reads the file in one pass (no size limit, no DTD, no entities but XML's own).
    let collector = Collector()
    do throws(CamtXML.Failure) {
      try CamtXML.scan(bytes, into: collector)
    } catch {
      throw ImportFailure([
        ImportIssue(file: file, line: error.line, field: "xml", message: error.message)
      ])
    }
    guard collector.sawDocument else {
      throw ImportFailure([
        ImportIssue(
          file: file, line: 1, field: "xml",
          message: "no BkToCstmrDbtCdtNtfctn element: not a camt.054 file")
      ])
    }
    var reader = EntryReader(
      file: file, digest: fingerprint(bytes), messageId: collector.messageId)
    var result = BankFile(format: .camt054)
    for n in collector.notifications { result.notifications.append(reader.notification(n)) }
    if !reader.issues.isEmpty { throw ImportFailure(reader.issues) }
    return result
  }

  /// An amount element as written: its text, `Ccy` attribute and line.
  struct Amount {
    var text: String
    var currency: String?
    var line: Int
  }

  struct Tx {
    var line: Int
    var amount: Amount?
    var instructed: Amount?
    var transactionAmount: Amount?
    var counterValue: Amount?
    var creditDebit: String?
    /// Structured references (`Strd/CdtrRefInf/Ref`), in file order.
    var structuredRefs: [String] = []
    /// Referred document numbers (`Strd/RfrdDocInf/Nb`): invoice numbers.
    var documentNumbers: [String] = []
    var unstructured: [String] = []
    var debtorName: String?
    var accountServicerRef: String?
    var endToEndId: String?
    var charges: [Amount] = []
    var chargesTotal: Amount?
    var chargesIncluded: Bool?
  }

  /// One `NtryDtls`: its batch figures and which transactions it holds.
  struct Details {
    var line: Int
    var batchCount: Int?
    var batchCountText: String?
    var batchTotal: Amount?
    var first: Int
    var count = 0
  }

  struct Entry {
    var line: Int
    var amount: Amount?
    var counterValue: Amount?
    var creditDebit = ""
    var status: String?
    var bookingDay: String?
    var valueDay: String?
    var accountServicerRef: String?
    var entryRef: String?
    var reversal = false
    var transactions: [Tx] = []
    var details: [Details] = []
    var charges: [Amount] = []
    var chargesTotal: Amount?
    var chargesIncluded: Bool?
  }

  struct Notification {
    var line: Int
    var account: String?
    var currency: String?
    var entries: [Entry] = []
  }

  /// SAX-style collector (fed by `CamtXML`): tracks the element path and fills notifications, entries and their
  /// details. Element names are compared without namespace, so every version reads alike.
  final class Collector: CamtXMLHandler {
    var path: [String] = []
    /// The `Ccy` attribute of each open element.
    var currencies: [String?] = []
    var notifications: [Notification] = []
    var notification: Notification?
    var entry: Entry?
    var tx: Tx?
    var messageId: String?
    var sawDocument = false
    var line = 1
    /// Depth of the last element started: an element ending at another depth held elements,
    /// so it has no value of its own to read.
    var leafDepth = 0

    func start(_ local: String, currency: String?, line: Int) {
      path.append(local)
      leafDepth = path.count
      currencies.append(currency)
      self.line = line
      switch local {
      case "BkToCstmrDbtCdtNtfctn": sawDocument = true
      case "Ntfctn" where path.dropLast().last == "BkToCstmrDbtCdtNtfctn":
        notification = Notification(line: line)
      case "Ntry" where path.dropLast().last == "Ntfctn" && notification != nil:
        entry = Entry(line: line)
      case "NtryDtls" where entry != nil && tx == nil:
        entry!.details.append(
          Details(line: line, first: entry!.transactions.count))
      case "TxDtls" where entry != nil:
        tx = Tx(line: line)
      default: break
      }
    }

    /// Whether the element path ends with `suffix`.
    func at(_ suffix: String...) -> Bool {
      let n = suffix.count
      guard path.count >= n else { return false }
      let base = path.count - n
      for k in 0..<n where path[base + k] != suffix[k] { return false }
      return true
    }

    /// Whether the path (without its last element) passes through `element`.
    func inside(_ element: String) -> Bool { path.dropLast().contains(element) }

    func end(_ value: String) {
      let amount = Amount(text: value, currency: currencies.last ?? nil, line: line)
      if at("GrpHdr", "MsgId") { messageId = value }
      let isLeaf = path.count == leafDepth
      // Mutated in place (`&tx!`): a copy out and back would copy the arrays it holds.
      if let t = tx, at("TxDtls") {
        tx = nil
        entry?.transactions.append(t)
        if let k = entry?.details.indices.last { entry!.details[k].count += 1 }
      } else if tx != nil {
        if isLeaf { readTransaction(&tx!, value, amount) }
      } else if let e = entry, at("Ntfctn", "Ntry") {
        entry = nil
        notification?.entries.append(e)
      } else if entry != nil {
        if isLeaf { readEntry(&entry!, value, amount) }
      } else if let n = notification, at("BkToCstmrDbtCdtNtfctn", "Ntfctn") {
        notification = nil
        notifications.append(n)
      } else if notification != nil {
        if at("Ntfctn", "Acct", "Id", "IBAN") || at("Ntfctn", "Acct", "Id", "BBAN")
          || at("Ntfctn", "Acct", "Id", "Othr", "Id")
        {
          notification!.account = value
        } else if at("Ntfctn", "Acct", "Ccy") {
          notification!.currency = value
        }
      }
      path.removeLast()
      currencies.removeLast()
    }

    func readTransaction(_ t: inout Tx, _ value: String, _ amount: Amount) {
      if inside("Chrgs") {
        readCharges(&t.charges, &t.chargesTotal, &t.chargesIncluded, value, amount)
      } else if at("TxDtls", "Amt") {
        t.amount = amount
      } else if at("TxDtls", "AmtDtls", "TxAmt", "Amt") {
        t.transactionAmount = amount
      } else if at("TxDtls", "AmtDtls", "InstdAmt", "Amt") {
        t.instructed = amount
      } else if at("TxDtls", "AmtDtls", "CntrValAmt", "Amt") {
        t.counterValue = amount
      } else if at("TxDtls", "CdtDbtInd") {
        t.creditDebit = value
      } else if at("RmtInf", "Strd", "CdtrRefInf", "Ref") {
        if !value.isEmpty { t.structuredRefs.append(value) }
      } else if at("RmtInf", "Strd", "RfrdDocInf", "Nb") {
        if !value.isEmpty { t.documentNumbers.append(value) }
      } else if at("RmtInf", "Ustrd") || at("RmtInf", "Strd", "AddtlRmtInf") {
        if !value.isEmpty { t.unstructured.append(value) }
      } else if at("RltdPties", "Dbtr", "Nm") || at("RltdPties", "Dbtr", "Pty", "Nm") {
        t.debtorName = value
      } else if at("TxDtls", "Refs", "AcctSvcrRef") {
        t.accountServicerRef = value
      } else if at("TxDtls", "Refs", "EndToEndId") {
        t.endToEndId = value
      }
    }

    func readEntry(_ e: inout Entry, _ value: String, _ amount: Amount) {
      if inside("Chrgs") {
        readCharges(&e.charges, &e.chargesTotal, &e.chargesIncluded, value, amount)
      } else if at("Ntry", "Amt") {
        e.amount = amount
      } else if at("Ntry", "AmtDtls", "CntrValAmt", "Amt") {
        e.counterValue = amount
      } else if at("Ntry", "CdtDbtInd") {
        e.creditDebit = value
      } else if at("Ntry", "Sts") || at("Ntry", "Sts", "Cd") {
        // v02–v07 write the status as text, v08 as `Sts/Cd`.
        if !value.isEmpty { e.status = value }
      } else if at("Ntry", "BookgDt", "Dt") || at("Ntry", "BookgDt", "DtTm") {
        e.bookingDay = value
      } else if at("Ntry", "ValDt", "Dt") || at("Ntry", "ValDt", "DtTm") {
        e.valueDay = value
      } else if at("Ntry", "AcctSvcrRef") {
        e.accountServicerRef = value
      } else if at("Ntry", "NtryRef") {
        e.entryRef = value
      } else if at("Ntry", "RvslInd") {
        e.reversal = value == "true" || value == "1"
      } else if at("NtryDtls", "Btch", "NbOfTxs"), let k = e.details.indices.last {
        e.details[k].batchCountText = value
        e.details[k].batchCount = Int(value)
      } else if at("NtryDtls", "Btch", "TtlAmt"), let k = e.details.indices.last {
        e.details[k].batchTotal = amount
      }
    }

    /// `Chrgs` as v02 writes it (`Chrgs/Amt`, repeated) and as v04+ do
    /// (`Chrgs/TtlChrgsAndTaxAmt`, `Chrgs/Rcrd/Amt`, `Rcrd/ChrgInclInd`).
    func readCharges(
      _ list: inout [Amount], _ total: inout Amount?, _ included: inout Bool?, _ value: String,
      _ amount: Amount
    ) {
      if at("Chrgs", "Amt") || at("Chrgs", "Rcrd", "Amt") {
        list.append(amount)
      } else if at("Chrgs", "TtlChrgsAndTaxAmt") {
        total = amount
      } else if at("ChrgInclInd") {
        let yes = value == "true" || value == "1"
        included = (included ?? false) || yes
      }
    }
  }
}
