import Foundation
import KravCore
import Testing

@testable import KravExchange

/// The real Nets sample (the tests using it are disabled, with the reason shown, when
/// ../shared/testdata is absent).
private func loadNetsSample() -> [UInt8]? {
  FileManager.default.contents(atPath: testdataFolder + "/ocr/nets-ocr-giro-sample.txt")
    .map { [UInt8]($0) }
}

private func parse(_ b: [UInt8]) throws(ImportFailure) -> OCRGiro.Transmission {
  try OCRGiro.parse(b, file: "ocr.txt")
}

/// Replaces positions `from`–`to` (1-based) of line `n` (1-based).
private func patch(_ b: [UInt8], line n: Int, _ from: Int, _ text: String) -> [UInt8] {
  var lines = String(decoding: b, as: UTF8.self).components(separatedBy: "\n")
  var chars = Array(lines[n - 1])
  chars.replaceSubrange((from - 1)..<(from - 1 + text.count), with: Array(text))
  lines[n - 1] = String(chars)
  return Array(lines.joined(separator: "\n").utf8)
}

@Suite("OCR giro (Nets)")
struct OCRGiroTests {
  @Test(
    "the real Nets sample: 20 payments, 51 449.00, totals of records 88/89 agree",
    .enabled(if: hasTestdata, testdataAbsent))
  func netsSample() throws {
    let b = loadNetsSample()!
    #expect(PaymentFile.detect(b) == .ocrGiro)
    let t = try parse(b)
    #expect(t.assignments.count == 1)
    let a = t.assignments[0]
    #expect(AccountNumber.formatted(a.account) == "9999.10.42764")
    #expect(a.transactions.count == 20 && a.declaredTransactions == 20)
    #expect(a.declaredRecords == 43)
    let payments = t.payments
    #expect(payments.count == 20)
    #expect(payments.reduce(Money.zero) { $0 + $1.amount } == Money(ore: 5_144_900))
    #expect(payments.allSatisfy { $0.day == day("1992-01-20") && !$0.isReversal })
    func amount(kid: String) -> Money? { payments.first { $0.kid == kid }?.amount }
    #expect(amount(kid: "0000531") == Money(ore: 102_000))
    #expect(amount(kid: "000149012") == Money(ore: 194_300))
    #expect(amount(kid: "02321291038303") == Money(ore: 2_050_000))
    #expect(Set(payments.compactMap { $0.kid?.count }) == [7, 9, 14])
    #expect(payments.allSatisfy { KID.isValid($0.kid ?? "") }, "MOD10 and MOD11 KIDs alike")
    #expect(
      payments.contains {
        KID.isValid($0.kid!, method: .mod11) && !KID.isValid($0.kid!, method: .mod10)
      })
    #expect(payments.filter { $0.text != nil }.map(\.text) == ["Foo bar baz"])
    #expect(Set(payments.map(\.id)).count == 20, "every payment has its own id")
    #expect(payments[0].id == "bank:ocr/001008566/0000002/0000001/099038562")
  }

  @Test(
    "a wrong total, count or record count in record 88 or 89 rejects the whole file",
    .enabled(if: hasTestdata, testdataAbsent))
  func totalsChecked() throws {
    let b = loadNetsSample()!
    let cases: [([UInt8], String)] = [
      (
        patch(b, line: 44, 25, "00000000005144800"),
        "ocr.txt:44: record 88: says a total of 51448.00, the payments add up to 51449.00"
      ),
      (
        patch(b, line: 44, 9, "00000021"),
        "ocr.txt:44: record 88: says 21 transactions, the assignment has 20"
      ),
      (
        patch(b, line: 44, 17, "00000042"),
        "ocr.txt:44: record 88: says 42 records, the assignment has 43"
      ),
      (
        patch(b, line: 45, 25, "00000000005144901"),
        "ocr.txt:45: record 89: says a total of 51449.01, the payments add up to 51449.00"
      ),
      (
        patch(b, line: 45, 17, "00000046"),
        "ocr.txt:45: record 89: says 46 records, the file has 45"
      ),
      // An amount changed in a payment no longer adds up to the declared total.
      (
        patch(b, line: 3, 33, "00000000000102100"),
        "ocr.txt:44: record 88: says a total of 51449.00, the payments add up to 51450.00"
      ),
    ]
    for (input, message) in cases {
      #expect(throws: ImportFailure.self) { try parse(input) }
      do {
        _ = try parse(input)
      } catch {
        #expect(error.description == message)
      }
    }
  }

  @Test(
    "malformed records are refused with their line: length, prefix, missing 31, bad date",
    .enabled(if: hasTestdata, testdataAbsent))
  func malformed() throws {
    let b = loadNetsSample()!
    let text = String(decoding: b, as: UTF8.self)
    var lines = text.components(separatedBy: "\n")
    var short = lines
    short[5] = String(short[5].dropLast())
    var missing31 = lines
    missing31.remove(at: 6)
    let cases: [(String, String)] = [
      (
        short.joined(separator: "\n"),
        "ocr.txt:6: record: expected a record of exactly 80 characters, got 79"
      ),
      (
        missing31.joined(separator: "\n"),
        "ocr.txt:7: record 30: expected record 31 of the same transaction type"
      ),
      (
        String(decoding: patch(b, line: 3, 16, "320192"), as: UTF8.self),
        "ocr.txt:3: record 30: '320192' is not a date DDMMYY"
      ),
      (
        lines.dropLast(2).joined(separator: "\n"),
        "ocr.txt:44: record 89: the transmission end (record NY000089) is missing"
      ),
      (
        lines.dropLast(3).joined(separator: "\n"),
        "ocr.txt:43: record 88: the assignment end (record 88) is missing"
      ),
      ("", "ocr.txt:1: file: the file is empty"),
    ]
    for (input, message) in cases {
      do {
        _ = try parse(Array(input.utf8))
        Issue.record("accepted: \(message)")
      } catch {
        #expect(error.description == message)
      }
    }
    lines[0] = "XY" + lines[0].dropFirst(2)
    #expect(PaymentFile.detect(Array(lines.joined(separator: "\n").utf8)) == nil)
  }

  @Test("transaction types 18 and 20 are reversals", .enabled(if: hasTestdata, testdataAbsent))
  func reversals() throws {
    let b = loadNetsSample()!
    // Lines 6 and 7 are transaction 2 (type 10); make it a reversal with KID (type 18).
    let reversed = patch(patch(b, line: 6, 5, "18"), line: 7, 5, "18")
    let p = try parse(reversed).payments
    #expect(p.filter(\.isReversal).map(\.kid) == ["0036633"])
    #expect(p.filter(\.isReversal).map(\.amount) == [Money(ore: 102_000)])
  }

  @Test("CR LF line ends and a BOM are accepted", .enabled(if: hasTestdata, testdataAbsent))
  func crlf() throws {
    let b = loadNetsSample()!
    let crlf =
      [0xEF, 0xBB, 0xBF]
      + Array(String(decoding: b, as: UTF8.self).replacingOccurrences(of: "\n", with: "\r\n").utf8)
    #expect(try parse(crlf).payments.count == 20)
  }

  @Test("fuzz: mutated OCR files never crash the parser", .enabled(if: hasTestdata, testdataAbsent))
  func fuzz() {
    let b = loadNetsSample()!
    var g = Fuzz(seed: 11)
    let alphabet = bytes("NY0123456789 -\n\r") + [0xC3, 0xFF]
    var refused = 0
    for _ in 0..<2_000 {
      let input = g.mutate(b, alphabet: alphabet)
      do {
        _ = try parse(input)
      } catch {
        refused += 1
        #expect(error.issues.count == 1 && error.issues[0].line >= 1)
      }
    }
    #expect(refused > 1_000)
  }
}
