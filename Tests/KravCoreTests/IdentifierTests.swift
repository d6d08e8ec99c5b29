import Testing

@testable import KravCore

@Suite("Norwegian identifiers")
struct IdentifierTests {
  @Test("computes the KID check digits of domain-norway §8: 1234 → 12344 / 12343")
  func kidExamples() {
    #expect(KID.make(body: "1234", method: .mod10) == "12344")
    #expect(KID.make(body: "1234", method: .mod11) == "12343")
    #expect(KID.isValid("12344", method: .mod10))
    #expect(KID.isValid("12343", method: .mod11))
    #expect(KID.isValid("12344"))
    #expect(!KID.isValid("12345"))
  }

  @Test("gives a MOD11 remainder of 1 the check '-' and never issues it")
  func kidDash() {
    // "6": 6 × 2 = 12, 12 mod 11 = 1 → check 11 − 1 = 10 → "-".
    #expect(KID.checkCharacter(body: "6", method: .mod11) == "-")
    #expect(KID.make(body: "6", method: .mod11) == nil)
    #expect(KID.isValid("6-", method: .mod11))
    // "5": 5 × 2 = 10 → r 10 → check 1; "0": r 0 → check 0.
    #expect(KID.make(body: "5", method: .mod11) == "51")
    #expect(KID.make(body: "0", method: .mod11) == "00")
  }

  @Test("accepts KIDs of 2 to 25 digits and nothing else")
  func kidLengths() {
    let body24 = String(repeating: "7", count: 24)
    let kid25 = KID.make(body: body24)!
    #expect(kid25.count == 25 && KID.isValid(kid25))
    #expect(KID.make(body: body24 + "7") == nil)
    #expect(KID.make(body: "") == nil)
    #expect(!KID.isValid("0"))
    #expect(!KID.isValid("12 344"))
    #expect(!KID.isValid("1234a"))
    // Luhn: "79927398713" is the textbook valid number.
    #expect(KID.isValid("79927398713", method: .mod10))
  }

  @Test("validates and formats account numbers: 8601.11.17947")
  func accounts() {
    #expect(AccountNumber.isValid("86011117947"))
    #expect(AccountNumber.isValid("8601.11.17947"))
    #expect(AccountNumber.formatted("86011117947") == "8601.11.17947")
    #expect(AccountNumber.normalized("8601 11 17947") == "86011117947")
    #expect(!AccountNumber.isValid("86011117948"))
    #expect(!AccountNumber.isValid("8601111794"))
    #expect(!AccountNumber.isValid("8601-11-17947"))
    #expect(AccountNumber.formatted("86011117948") == nil)
  }

  @Test("validates, builds and formats organisation numbers: 123456785")
  func orgNumbers() {
    #expect(OrgNumber.isValid("123456785"))
    #expect(OrgNumber.isValid("123 456 785"))
    #expect(OrgNumber.formatted("123456785") == "123 456 785")
    #expect(OrgNumber.make(body: "12345678") == "123456785")
    #expect(!OrgNumber.isValid("123456784"))
    #expect(!OrgNumber.isValid("12345678"))
    #expect(!OrgNumber.isValid("1234567850"))
    // Body 10000002: 1·3 + 2·2 = 7, 7 mod 11 = 7 → check 11 − 7 = 4.
    // A body whose weighted sum leaves remainder 1 has no valid number: make must refuse it.
    #expect(OrgNumber.make(body: "10000002") == "100000024")
    let noNumber = (0..<100).map { "100000" + ($0 < 10 ? "0" : "") + String($0) }
      .first { body in
        let d = body.utf8.map { Int($0 - 48) }
        return zip(d, [3, 2, 7, 6, 5, 4, 3, 2]).reduce(0) { $0 + $1.0 * $1.1 } % 11 == 1
      }!
    #expect(OrgNumber.make(body: noNumber) == nil)
  }

  @Test("validates fødselsnummer and D-numbers with both check digits")
  func birthNumbers() {
    #expect(BirthNumber.isValid("31129956715"))
    #expect(BirthNumber.birthDate("31129956715") == day("1899-12-31"))  // individual 567, yy 99
    #expect(BirthNumber.isValid("01019012480"))
    #expect(BirthNumber.birthDate("01019012480") == day("1990-01-01"))
    #expect(BirthNumber.isValid("41018512430"))
    #expect(BirthNumber.isDNumber("41018512430"))
    #expect(BirthNumber.birthDate("41018512430") == day("1985-01-01"))
    #expect(!BirthNumber.isDNumber("31129956715"))
    #expect(!BirthNumber.isValid("31129956716"))  // k2 wrong
    #expect(!BirthNumber.isValid("31129956705"))  // k1 wrong
    #expect(!BirthNumber.isValid("3112995671"))  // too short
    #expect(!BirthNumber.isValid("3112995671x"))
  }

  @Test("builds fødselsnummer that validate, and refuses impossible centuries")
  func makesBirthNumbers() {
    let fnr = (0..<500).lazy.compactMap {
      BirthNumber.make(birthDate: day("1978-05-17"), individual: $0)
    }.first!
    #expect(BirthNumber.isValid(fnr) && fnr.hasPrefix("170578"))
    let dnr = (0..<500).lazy.compactMap {
      BirthNumber.make(birthDate: day("1978-05-17"), individual: $0, dNumber: true)
    }.first!
    #expect(BirthNumber.isDNumber(dnr) && dnr.hasPrefix("570578"))
    #expect(BirthNumber.make(birthDate: day("2005-03-01"), individual: 100) == nil)
  }

  @Test("masks a birth number after the date digits and hides malformed input entirely")
  func masks() {
    #expect(BirthNumber.masked("31129956715") == "311299*****")
    #expect(BirthNumber.masked("123") == "***********")
    #expect(!BirthNumber.masked("3112995671").contains("3"))
  }
}
