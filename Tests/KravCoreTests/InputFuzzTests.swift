import Foundation
import Testing

@testable import KravCore

/// How many fuzz cases a run makes: a fixed number in CI, more with `KRAV_FUZZ_ITERATIONS`
/// (Docs/security.md: the longer run).
func fuzzIterations(_ ci: Int) -> Int {
  ProcessInfo.processInfo.environment["KRAV_FUZZ_ITERATIONS"].flatMap(Int.init) ?? ci
}

/// A deterministic generator (xorshift64*) so every CI run sees the same cases.
struct FuzzRandom: RandomNumberGenerator {
  var state: UInt64
  init(seed: UInt64) { state = seed == 0 ? 0x9E37_79B9_7F4A_7C15 : seed }
  mutating func next() -> UInt64 {
    state ^= state >> 12
    state ^= state << 25
    state ^= state >> 27
    return state &* 0x2545_F491_4F6C_DD1D
  }
}

/// Fuzzing of the values the command line, the forms and the CSV import parse (issue 16).
@Suite("Input value fuzz")
struct InputFuzzTests {
  /// Pieces hostile and ordinary input is made of.
  static let pieces: [String] = [
    "0", "1", "9", "12", "345", "000", " ", "\u{00A0}", ",", ".", "-", "+", "kr", "NOK", "e",
    "@", "a", "Z", "ø", "Å", "\r", "\n", "\t", "\u{1B}", "\u{1B}]0;x\u{07}", "\u{7F}",
    "\u{85}", "\u{202E}", "\"", "'", "=", "<", ">", "(", ")", "/", "..", "2026", "12", "31",
    "99999999999", "92233720368547758", "07", "-", "\u{0}", "😀", "e\u{301}",
  ]

  static func text(_ g: inout FuzzRandom) -> String {
    (0..<Int.random(in: 0...8, using: &g)).map { _ in pieces.randomElement(using: &g)! }.joined()
  }

  @Test("money, days, identifiers, e-mail and header values: no crash, invariants hold")
  func values() {
    var g = FuzzRandom(seed: 16)
    for _ in 0..<fuzzIterations(20_000) {
      let s = Self.text(&g)
      if let m = Money(parsing: s) {
        #expect(m.isWithinBound, "\(s.debugDescription)")
        #expect(Money(json: m.jsonString) == m)
        #expect(Money(parsing: m.formatted(.nb)) == m)
      }
      switch Money.parsePositive(s) {
      case .success(let m): #expect(m.isPositive && m.isWithinBound)
      case .failure: break
      }
      if let d = Day(parsing: s) { #expect(Day(parsing: d.iso) == d) }
      _ = KID.isValid(s)
      _ = OrgNumber.isValid(s)
      if BirthNumber.isValid(s) { #expect(!BirthNumber.masked(s).contains(s)) }
      if EmailAddress.isValid(s) {
        #expect(!s.unicodeScalars.contains { $0.value < 0x20 || $0 == " " || $0.value == 0x7F })
      }
      let shown = VisibleText.escaped(s)
      #expect(!VisibleText.hasControls(shown))
      #expect(!VisibleText.hasControls(VisibleText.stripped(s, keepLines: false)))
      let header = MailHeader.mailbox(field: "To", name: s, address: s)
      // Only folding (CRLF followed by a space) may break a header line.
      #expect(!header.replacingOccurrences(of: "\r\n ", with: "").contains { $0.isNewline })
      #expect(
        !MailHeader.unstructured(s).replacingOccurrences(of: "\r\n ", with: "")
          .contains { $0.isNewline })
    }
  }
}
