import Foundation
import KravCore

#if canImport(FoundationXML)
  import FoundationXML
#endif

/// ISO 20022 camt.054 (BankToCustomerDebitCreditNotification), domain-norway.md §9.
///
/// Reads every `Ntfctn/Ntry`: credit entries (`CdtDbtInd` = `CRDT`) give one payment per
/// `NtryDtls/TxDtls` (or one for the entry when it has no details); debit entries are
/// ignored. KID from `RmtInf/Strd/CdtrRefInf/Ref`, amount from `AmtDtls/TxAmt/Amt`, `TxDtls/Amt`
/// or (single payment) `Ntry/Amt`, day from `BookgDt/Dt` (or `DtTm`), payer from
/// `RltdPties/Dbtr/Nm` (or `Dbtr/Pty/Nm`), free text from `RmtInf/Ustrd`.
public enum Camt054 {
  /// Parses a file; throws naming the line of the first problem.
  public static func parse(_ bytes: [UInt8], file: String) throws(ImportFailure) -> [BankPayment] {
    // ISO 20022 files are UTF-8; FoundationXML on Linux traps on invalid UTF-8 in element
    // names (found by the fuzz test), so anything else is refused before parsing.
    if let bad = firstInvalidUTF8(bytes) {
      throw ImportFailure([
        ImportIssue(
          file: file, line: 1 + bytes[..<bad].filter { $0 == 0x0A }.count, field: "xml",
          message: "not UTF-8 text (camt.054 files are UTF-8)")
      ])
    }
    let collector = Collector()
    let parser = XMLParser(data: Data(bytes))
    parser.delegate = collector
    parser.shouldProcessNamespaces = true
    let ok = parser.parse()
    if !ok || collector.failure != nil {
      let line = collector.failureLine ?? max(1, parser.lineNumber)
      let what = collector.failure ?? "not well-formed XML"
      throw ImportFailure([
        ImportIssue(file: file, line: line, field: collector.failureField ?? "xml", message: what)
      ])
    }
    guard collector.sawDocument else {
      throw ImportFailure([
        ImportIssue(
          file: file, line: 1, field: "xml",
          message: "no BkToCstmrDbtCdtNtfctn element: not a camt.054 file")
      ])
    }
    let digest = fingerprint(bytes)
    var payments: [BankPayment] = []
    var issues: [ImportIssue] = []
    for (n, entry) in collector.entries.enumerated() {
      func issue(_ line: Int, _ field: String, _ message: String) {
        issues.append(ImportIssue(file: file, line: line, field: field, message: message))
      }
      guard entry.creditDebit == "CRDT" else {
        if entry.creditDebit != "DBIT" {
          issue(entry.line, "Ntry/CdtDbtInd", "expected CRDT or DBIT, got '\(entry.creditDebit)'")
        }
        continue
      }
      guard let day = entry.bookingDay.flatMap({ Day(parsing: String($0.prefix(10))) }) else {
        issue(entry.line, "Ntry/BookgDt", "a booking date (Dt or DtTm) is required")
        continue
      }
      let txs = entry.transactions.isEmpty ? [Tx(line: entry.line)] : entry.transactions
      for (k, tx) in txs.enumerated() {
        if let ind = tx.creditDebit, ind != "CRDT" { continue }
        let amountText = tx.amount ?? (txs.count == 1 ? entry.amount : nil)
        guard let a = amountText else {
          issue(tx.line, "TxDtls/Amt", "no amount for this payment")
          continue
        }
        guard let money = Money(json: a.trimmingCharacters(in: .whitespaces)) ?? Money(parsing: a),
          money.isPositive
        else {
          issue(tx.line, "Amt", "'\(a)' is not a positive amount")
          continue
        }
        let ref: String
        if let r = tx.accountServicerRef {
          ref = "ref/" + r
        } else if let r = entry.accountServicerRef {
          ref = "ref/\(r)/\(k + 1)"
        } else if let r = entry.entryRef {
          ref = "ntry/\(collector.messageId ?? digest)/\(r)/\(k + 1)"
        } else {
          ref = "file/\(digest)/\(n + 1)/\(k + 1)"
        }
        var kid: String? = nil
        if let r = tx.structuredRef?.filter({ $0 != " " }), !r.isEmpty {
          kid = r
        }
        let text = tx.unstructured.isEmpty ? nil : tx.unstructured.joined(separator: " ")
        payments.append(
          BankPayment(
            id: "bank:camt/\(ref)", amount: money, day: day, kid: kid, payer: tx.debtorName,
            text: text, isReversal: entry.reversal || tx.reversal, source: "camt.054", line: tx.line
          ))
      }
    }
    if !issues.isEmpty { throw ImportFailure(issues) }
    return payments
  }

  struct Tx {
    var line: Int
    var amount: String?
    var creditDebit: String?
    var structuredRef: String?
    var unstructured: [String] = []
    var debtorName: String?
    var accountServicerRef: String?
    var reversal = false
  }

  struct Entry {
    var line: Int
    var amount: String?
    var creditDebit = ""
    var bookingDay: String?
    var accountServicerRef: String?
    var entryRef: String?
    var reversal = false
    var transactions: [Tx] = []
  }

  /// SAX-style collector: tracks the element path and fills entries and their details.
  final class Collector: NSObject, XMLParserDelegate {
    var path: [String] = []
    var textBuffer = ""
    var entries: [Entry] = []
    var entry: Entry?
    var tx: Tx?
    var messageId: String?
    var sawDocument = false
    var failure: String?
    var failureLine: Int?
    var failureField: String?

    func parser(
      _ parser: XMLParser, didStartElement name: String, namespaceURI: String?,
      qualifiedName: String?, attributes: [String: String] = [:]
    ) {
      let local = name.split(separator: ":").last.map(String.init) ?? name
      path.append(local)
      textBuffer = ""
      switch local {
      case "BkToCstmrDbtCdtNtfctn": sawDocument = true
      case "Ntry" where path.dropLast().last == "Ntfctn":
        entry = Entry(line: parser.lineNumber)
      case "TxDtls" where entry != nil:
        tx = Tx(line: parser.lineNumber)
      default: break
      }
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) { textBuffer += string }

    /// Whether the element path ends with `suffix`.
    func at(_ suffix: String...) -> Bool {
      path.count >= suffix.count && Array(path.suffix(suffix.count)) == suffix
    }

    func parser(
      _ parser: XMLParser, didEndElement name: String, namespaceURI: String?,
      qualifiedName: String?
    ) {
      let value = textBuffer.trimmingCharacters(in: .whitespacesAndNewlines)
      if at("GrpHdr", "MsgId") { messageId = value }
      if var t = tx {
        if at("TxDtls", "AmtDtls", "TxAmt", "Amt") || (at("TxDtls", "Amt") && t.amount == nil) {
          t.amount = value
        } else if at("TxDtls", "CdtDbtInd") {
          t.creditDebit = value
        } else if at("RmtInf", "Strd", "CdtrRefInf", "Ref") {
          t.structuredRef = value
        } else if at("RmtInf", "Ustrd") {
          if !value.isEmpty { t.unstructured.append(value) }
        } else if at("RltdPties", "Dbtr", "Nm") || at("RltdPties", "Dbtr", "Pty", "Nm") {
          t.debtorName = value
        } else if at("TxDtls", "Refs", "AcctSvcrRef") {
          t.accountServicerRef = value
        } else if at("TxDtls", "RvslInd") {
          t.reversal = value == "true" || value == "1"
        } else if at("TxDtls") {
          entry?.transactions.append(t)
          tx = nil
          path.removeLast()
          return
        }
        if tx != nil { tx = t }
      } else if var e = entry {
        if at("Ntry", "Amt") {
          e.amount = value
        } else if at("Ntry", "CdtDbtInd") {
          e.creditDebit = value
        } else if at("Ntry", "BookgDt", "Dt") || at("Ntry", "BookgDt", "DtTm") {
          e.bookingDay = value
        } else if at("Ntry", "AcctSvcrRef") {
          e.accountServicerRef = value
        } else if at("Ntry", "NtryRef") {
          e.entryRef = value
        } else if at("Ntry", "RvslInd") {
          e.reversal = value == "true" || value == "1"
        } else if at("Ntfctn", "Ntry") {
          entries.append(e)
          entry = nil
          path.removeLast()
          return
        }
        entry = e
      }
      path.removeLast()
      textBuffer = ""
    }

    func parser(_ parser: XMLParser, parseErrorOccurred parseError: Error) {
      if failure == nil {
        failure = "not well-formed XML"
        failureLine = max(1, parser.lineNumber)
      }
    }
  }
}
