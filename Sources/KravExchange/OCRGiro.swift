import KravCore

/// Nets OCR giro files (domain-norway.md §9): fixed 80-character records `NY…`.
///
/// Every record type is read (10, 20, 30, 31, 32, 88, 89); the counts and totals in the
/// assignment end (88) and transmission end (89) are checked against the records, and any
/// mismatch or malformed record rejects the whole file.
public enum OCRGiro {
  /// A transmission: one file.
  public struct Transmission: Sendable {
    public var sender = ""
    public var number = ""
    public var recipient = ""
    public var assignments: [Assignment] = []
    public var payments: [BankPayment] {
      assignments.flatMap { a in a.transactions.map { $0.payment(in: a) } }
    }

    /// The transmission as a bank file: one notification per assignment, for its payee
    /// account, in kroner.
    public var bankFile: BankFile {
      BankFile(
        format: .ocrGiro,
        notifications: assignments.map { a in
          var n = BankNotification(line: a.line, accountText: a.account, currency: "NOK")
          n.payments = a.transactions.map { $0.payment(in: a) }
          return n
        })
    }
  }

  /// An assignment (oppdrag): the payments to one payee account.
  public struct Assignment: Sendable {
    public var agreementId = ""
    public var number = ""
    public var account = ""
    /// Line of its record 20.
    public var line = 0
    public var transactions: [Transaction] = []
    /// The counts and total from its record 88.
    public var declaredTransactions = 0
    public var declaredRecords = 0
    public var declaredTotal: Int64 = 0
  }

  /// One payment (records 30, 31 and, for some types, 32).
  public struct Transaction: Sendable {
    public var type = 0
    public var number = ""
    public var settlement = Day(ordinal: 0)
    /// Signed amount in øre (sign `-` in position 32 makes it negative).
    public var amount: Int64 = 0
    public var kid: String?
    public var formNumber = ""
    public var archiveReference = ""
    public var orderDay: Day?
    public var payerAccount = ""
    public var text: String?
    public var line = 0

    /// Types 18 and 20 reverse an earlier payment (as does a negative amount).
    public var isReversal: Bool { type == 18 || type == 20 || amount < 0 }

    func payment(in a: Assignment) -> BankPayment {
      var p = BankPayment(
        id: "bank:ocr/\(a.agreementId)/\(a.number)/\(number)/\(archiveReference)",
        amount: Money(ore: amount < 0 ? -amount : amount), day: settlement, kid: kid, payer: nil,
        text: text?.isEmpty == false ? text : nil, isReversal: isReversal,
        source: PaymentChannel.ocrGiro.rawValue,
        line: line)
      p.account = BankAccount.normalized(a.account) ?? a.account
      return p
    }
  }

  /// Parses a whole file; throws with the first problem found (file, line, record, what).
  public static func parse(_ bytes: [UInt8], file: String) throws(ImportFailure) -> Transmission {
    var body = bytes[...]
    if body.starts(with: [0xEF, 0xBB, 0xBF]) { body = body.dropFirst(3) }
    var lines: [(Int, [UInt8])] = []
    var n = 0
    for raw in body.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false) {
      n += 1
      var l = Array(raw)
      if l.last == UInt8(ascii: "\r") { l.removeLast() }
      if l.allSatisfy({ $0 == 0x20 }) { continue }
      lines.append((n, l))
    }
    var p = Parser(file: file, lines: lines)
    return try p.transmission()
  }

  struct Parser {
    let file: String
    let lines: [(Int, [UInt8])]
    var i = 0

    func fail(_ line: Int, _ field: String, _ message: String) -> ImportFailure {
      ImportFailure([ImportIssue(file: file, line: line, field: field, message: message)])
    }

    /// The record at `i` after checking its shape: 80 ASCII characters starting `NY`.
    func record(_ k: Int) throws(ImportFailure) -> (line: Int, r: [UInt8], type: String) {
      let (line, r) = lines[k]
      guard r.count == 80, r.allSatisfy({ $0 >= 0x20 && $0 < 0x7F || $0 >= 0x80 }) else {
        throw fail(
          line, "record",
          r.count == 80
            ? "a control character (such as TAB) in the record; only printable characters"
              + " are allowed" : "expected a record of exactly 80 characters, got \(r.count)")
      }
      guard r[0] == UInt8(ascii: "N"), r[1] == UInt8(ascii: "Y") else {
        throw fail(line, "record", "a record must start with NY")
      }
      return (line, r, text(r, 7, 8))
    }

    /// Positions `from`–`to` (1-based, inclusive) as text.
    func text(_ r: [UInt8], _ from: Int, _ to: Int) -> String {
      String(decoding: r[(from - 1)..<to], as: UTF8.self)
    }

    func number(_ r: [UInt8], _ from: Int, _ to: Int, _ line: Int, _ field: String)
      throws(ImportFailure) -> Int64
    {
      var v: Int64 = 0
      for b in r[(from - 1)..<to] {
        guard b >= 48, b <= 57 else {
          throw fail(line, field, "expected digits in positions \(from)–\(to)")
        }
        v = v * 10 + Int64(b - 48)
      }
      return v
    }

    func date(_ r: [UInt8], _ from: Int, _ line: Int, _ field: String) throws(ImportFailure) -> Day
    {
      let d = Int(try number(r, from, from + 1, line, field))
      let m = Int(try number(r, from + 2, from + 3, line, field))
      let y = Int(try number(r, from + 4, from + 5, line, field))
      // Two-digit years: 70–99 are 1970–1999 (the Nets sample is from 1992), the rest 20xx.
      guard let day = Day(year: y >= 70 ? 1900 + y : 2000 + y, month: m, day: d) else {
        throw fail(line, field, "'\(text(r, from, from + 5))' is not a date DDMMYY")
      }
      return day
    }

    mutating func transmission() throws(ImportFailure) -> Transmission {
      guard !lines.isEmpty else { throw fail(1, "file", "the file is empty") }
      let start = try record(0)
      guard text(start.r, 1, 8) == "NY000010" else {
        throw fail(start.line, "record 10", "a transmission must start with record NY000010")
      }
      var t = Transmission()
      t.sender = text(start.r, 9, 16)
      t.number = text(start.r, 17, 23)
      t.recipient = text(start.r, 24, 31)
      i = 1
      var records = 1
      while i < lines.count {
        let rec = try record(i)
        if text(rec.r, 1, 8) == "NY000089" {
          records += 1
          let txs = t.assignments.reduce(0) { $0 + $1.transactions.count }
          let total = try sum(
            t.assignments.flatMap { $0.transactions.map(\.amount) }, rec.line, "record 89")
          let dTx = try number(rec.r, 9, 16, rec.line, "record 89")
          let dRec = try number(rec.r, 17, 24, rec.line, "record 89")
          let dTotal = try number(rec.r, 25, 41, rec.line, "record 89")
          if dTx != txs {
            throw fail(rec.line, "record 89", "says \(dTx) transactions, the file has \(txs)")
          }
          if dRec != records {
            throw fail(rec.line, "record 89", "says \(dRec) records, the file has \(records)")
          }
          if dTotal != total {
            throw fail(
              rec.line, "record 89",
              "says a total of \(Money(ore: dTotal).jsonString), the payments add up to \(Money(ore: total).jsonString)"
            )
          }
          if i + 1 < lines.count {
            throw fail(lines[i + 1].0, "record", "records after the transmission end (record 89)")
          }
          return t
        }
        let a = try assignment()
        records += a.declaredRecords
        t.assignments.append(a)
      }
      throw fail(
        lines[lines.count - 1].0, "record 89", "the transmission end (record NY000089) is missing")
    }

    /// The sum of amounts in øre for a total check; a sum past what 64 bits hold (each amount
    /// may have 17 digits) is refused with the line, never a crash (issue 16, point 2).
    func sum(_ amounts: [Int64], _ line: Int, _ field: String) throws(ImportFailure) -> Int64 {
      var total: Int64 = 0
      for a in amounts {
        let (s, overflow) = total.addingReportingOverflow(a)
        if overflow {
          throw fail(line, field, "the payments add up to more than any bank file can hold")
        }
        total = s
      }
      return total
    }

    mutating func assignment() throws(ImportFailure) -> Assignment {
      let start = try record(i)
      guard text(start.r, 1, 8) == "NY090020" else {
        throw fail(
          start.line, "record \(start.type)", "expected an assignment start (record NY090020)")
      }
      var a = Assignment()
      a.line = start.line
      a.agreementId = text(start.r, 9, 17)
      a.number = text(start.r, 18, 24)
      a.account = text(start.r, 25, 35)
      i += 1
      var records = 1
      while i < lines.count {
        let rec = try record(i)
        let head = text(rec.r, 1, 4)
        guard head == "NY09" else {
          throw fail(rec.line, "record", "expected service code 09 (OCR giro) inside an assignment")
        }
        switch rec.type {
        case "88":
          records += 1
          a.declaredTransactions = Int(try number(rec.r, 9, 16, rec.line, "record 88"))
          a.declaredRecords = Int(try number(rec.r, 17, 24, rec.line, "record 88"))
          a.declaredTotal = try number(rec.r, 25, 41, rec.line, "record 88")
          let total = try sum(a.transactions.map(\.amount), rec.line, "record 88")
          if a.declaredTransactions != a.transactions.count {
            throw fail(
              rec.line, "record 88",
              "says \(a.declaredTransactions) transactions, the assignment has \(a.transactions.count)"
            )
          }
          if a.declaredRecords != records {
            throw fail(
              rec.line, "record 88",
              "says \(a.declaredRecords) records, the assignment has \(records)")
          }
          if a.declaredTotal != total {
            throw fail(
              rec.line, "record 88",
              "says a total of \(Money(ore: a.declaredTotal).jsonString), the payments add up to \(Money(ore: total).jsonString)"
            )
          }
          i += 1
          return a
        case "30":
          a.transactions.append(try transaction())
          records += 2 + (a.transactions.last!.text != nil ? 1 : 0)
        default:
          throw fail(
            rec.line, "record \(rec.type)", "unexpected record type \(rec.type) (expected 30 or 88)"
          )
        }
      }
      throw fail(lines[lines.count - 1].0, "record 88", "the assignment end (record 88) is missing")
    }

    mutating func transaction() throws(ImportFailure) -> Transaction {
      let r30 = try record(i)
      var t = Transaction()
      t.line = r30.line
      t.type = Int(try number(r30.r, 5, 6, r30.line, "record 30"))
      guard (10...21).contains(t.type) else {
        throw fail(r30.line, "record 30", "unknown transaction type \(t.type)")
      }
      t.number = text(r30.r, 9, 15)
      _ = try number(r30.r, 9, 15, r30.line, "record 30")
      t.settlement = try date(r30.r, 16, r30.line, "record 30")
      let sign = r30.r[31]
      let amount = try number(r30.r, 33, 49, r30.line, "record 30")
      t.amount = sign == UInt8(ascii: "-") ? -amount : amount
      let kid = text(r30.r, 50, 74).trimmingCharacters(in: " ")
      if !kid.isEmpty {
        guard kid.allSatisfy({ $0.isASCII && $0.isNumber }) else {
          throw fail(r30.line, "record 30", "the KID in positions 50–74 must be digits")
        }
        t.kid = kid
      }
      i += 1
      guard i < lines.count else {
        throw fail(r30.line, "record 31", "record 31 missing after record 30")
      }
      let r31 = try record(i)
      guard r31.type == "31", text(r31.r, 5, 6) == text(r30.r, 5, 6) else {
        throw fail(
          r31.line, "record \(r31.type)", "expected record 31 of the same transaction type")
      }
      guard text(r31.r, 9, 15) == t.number else {
        throw fail(
          r31.line, "record 31",
          "transaction number \(text(r31.r, 9, 15)) does not match record 30 (\(t.number))")
      }
      t.formNumber = text(r31.r, 16, 25)
      t.archiveReference = text(r31.r, 26, 34)
      let order = text(r31.r, 42, 47)
      if order != "000000" { t.orderDay = try date(r31.r, 42, r31.line, "record 31") }
      t.payerAccount = text(r31.r, 48, 58)
      i += 1
      if i < lines.count {
        let r32 = try record(i)
        if r32.type == "32" {
          guard text(r32.r, 9, 15) == t.number else {
            throw fail(
              r32.line, "record 32", "transaction number does not match record 30 (\(t.number))")
          }
          let txt = text(r32.r, 16, 55).trimmingCharacters(in: " ")
          t.text = txt
          i += 1
        }
      }
      return t
    }
  }
}

extension String {
  /// Trims the given character from both ends.
  func trimmingCharacters(in c: Character) -> String {
    var s = Substring(self)
    while s.first == c { s = s.dropFirst() }
    while s.last == c { s = s.dropLast() }
    return String(s)
  }
}
