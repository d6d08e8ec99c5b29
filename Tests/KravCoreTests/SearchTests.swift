import Testing

@testable import KravCore

/// The one search of the TUI and the CLI (issue 20): the plain matcher's rules by example, and
/// the fast index against it.
@Suite("Search")
struct SearchTests {
  static let solveig = SearchFields(
    name: "Solveig Sørensen-Ærø", id: "K0132", phone: "+47 912 34 567", orgnr: nil,
    invoices: ["F-2026-0017", "20011"], kids: ["0000200117"])
  static let bakeri = SearchFields(
    name: "Åsane Bakeri AS", id: "K0200", phone: "55 10 20 30", orgnr: "987 654 321",
    invoices: ["F-2026-0099"], kids: ["0000990012"])
  static let muller = SearchFields(name: "Jürgen Müller Öberg Ländli", id: "k7")

  @Test("folding: lower case, æ → ae, ø/ö → o, å/ä → a, accents dropped, ß → ss")
  func folding() {
    #expect(Search.fold("Sørensen-ÆRØ") == "sorensen-aero")
    #expect(Search.fold("Åsane Öberg Ländli") == "asane oberg landli")
    #expect(Search.fold("Jürgen Müller Éclair Straße") == "jurgen muller eclair strasse")
    #expect(Search.fold("o\u{308}ra") == "ora", "a combining mark is dropped")
    #expect(Search.fold("tab\there\nline") == "tab here line")
    #expect(Search.words("  Sør   K0132 ") == ["sor", "k0132"])
    #expect(Search.words("   ").isEmpty)
  }

  @Test("typing without æøå finds names with them, and with them too")
  func lettersWithoutAccents() {
    let s = SearchTests.solveig
    for q in ["sorensen", "Sørensen", "SØRENSEN", "soren", "aero", "ærø", "ÆRØ", "ae", "o"] {
      #expect(Search.matches(q, s), "\(q)")
    }
    // `a` finds å and æ.
    #expect(Search.matches("asane", SearchTests.bakeri))
    #expect(Search.matches("ÅSANE", SearchTests.bakeri))
    #expect(Search.matches("oberg", SearchTests.muller))
    #expect(Search.matches("landli", SearchTests.muller))
    #expect(Search.matches("muller jurgen", SearchTests.muller), "every word, in any order")
    #expect(!Search.matches("sorensen hansen", s), "every word must occur")
    #expect(!Search.matches("bakeri", s))
    #expect(!Search.matches("soerensen", s), "ø is o, not oe")
  }

  @Test("ids, invoices, KIDs, phone and organisation numbers, case-insensitive")
  func identifiers() {
    let s = SearchTests.solveig
    let b = SearchTests.bakeri
    #expect(Search.matches("k0132", s))
    #expect(Search.matches("0132", s))
    #expect(Search.matches("K7", SearchTests.muller))
    #expect(Search.matches("f-2026-0017", s))
    #expect(Search.matches("20011", s))
    #expect(Search.matches("0000200117", s), "KID")
    #expect(Search.matches("91234567", s), "phone digits only")
    #expect(Search.matches("+47 912 34 567", s), "phone as written")
    #expect(Search.matches("4791234567", s))
    #expect(Search.matches("987654321", b), "organisation number digits")
    #expect(Search.matches("987 654 321", b))
    #expect(!Search.matches("987654321", s))
    #expect(!Search.matches("F-2026-0099", s))
    #expect(Search.matches("", s) && Search.matches("   ", b), "a blank query matches all")
  }

  @Test("a customer is found by the invoices and KIDs of the ledger")
  func ledgerFields() throws {
    let l = foldNumbered([
      foldEvent(.customerAdded, "2026-10-01", customer: "K0132") {
        $0.name = "Solveig Sørensen"
        $0.kind = "consumer"
        $0.phone = "+47 912 34 567"
        $0.orgnr = "912345678"
      },
      foldEvent(.claimAdded, "2026-10-01", customer: "K0132", invoice: "20011") {
        $0.kid = "0000200117"
        $0.amount = 100_000
        $0.issued = Day(ordinal: 20_000)
        $0.due = Day(ordinal: 20_014)
      },
      foldEvent(.customerAdded, "2026-10-01", customer: "K0133") {
        $0.name = "Per Ås"
        $0.kind = "consumer"
      },
    ])
    let f = try #require(l.searchFields(customer: "K0132"))
    #expect(f.invoices == ["20011"])
    #expect(f.kids == ["0000200117"])
    #expect(f.orgnr == "912345678")
    #expect(l.searchCustomers("0000200117").map(\.id) == ["K0132"])
    #expect(l.searchCustomers("as").map(\.id) == ["K0133"])
    #expect(l.searchCustomers("k013").map(\.id) == ["K0132", "K0133"])
    #expect(SearchIndex(l).matching("per as") == [1])
  }

  @Test("narrowing: typing on narrows, deleting or changing a word does not")
  func narrowing() {
    #expect(Search.narrows(from: "sor", to: "sore"))
    #expect(Search.narrows(from: "sor", to: "sor k01"))
    #expect(Search.narrows(from: "", to: "x"))
    #expect(Search.narrows(from: "ør", to: "sor"), "folded")
    #expect(!Search.narrows(from: "sore", to: "sor"))
    #expect(!Search.narrows(from: "sor k", to: "sor"))
    #expect(!Search.narrows(from: "sor", to: "per"))
  }

  /// Random fields over a small alphabet, so that queries often match.
  static func randomFields(_ rng: inout FuzzRandom) -> SearchFields {
    // "Жж€": letters that fold to more than one byte (looked for in the bytes, not decided by
    // the per-byte maps alone).
    let letters = Array("abeøåæoÆØÅöäÖKk01 -\u{308}éЖж€")
    func text(_ max: Int) -> String {
      String(
        (0..<Int.random(in: 0...max, using: &rng)).map { _ in letters.randomElement(using: &rng)! })
    }
    return SearchFields(
      name: text(12), id: text(5), phone: Bool.random(using: &rng) ? text(8) : nil,
      orgnr: Bool.random(using: &rng) ? text(9) : nil,
      invoices: (0..<Int.random(in: 0...3, using: &rng)).map { _ in text(6) },
      kids: (0..<Int.random(in: 0...2, using: &rng)).map { _ in text(6) })
  }

  @Test("the fast index finds exactly what the plain matcher finds, narrowing and updated")
  func fastEqualsPlain() {
    var rng = FuzzRandom(seed: 20)
    var fields = (0..<250).map { _ in SearchTests.randomFields(&rng) }
    var index = SearchIndex(fields)
    let alphabet = Array("aoeøåæÆØÖkK01 -éЖ€")
    for round in 0..<80 {
      // Change a few entries now and then (a customer edited, a claim added, a new customer).
      if round % 10 == 9 {
        for _ in 0..<5 {
          let i = Int.random(in: 0..<fields.count, using: &rng)
          fields[i] = SearchTests.randomFields(&rng)
          index.update(i, fields[i])
        }
        fields.append(SearchTests.randomFields(&rng))
        index.update(fields.count - 1, fields.last!)
      }
      // Once, every entry rewritten: the dead bytes outgrow the live ones and are compacted.
      if round == 40 {
        for i in fields.indices.reversed() {
          fields[i] = SearchTests.randomFields(&rng)
          index.update(i, fields[i])
        }
      }
      // A query typed letter by letter, each keystroke narrowed from the one before when it
      // may be, as the TUI does.
      var query = ""
      var previous: (query: String, found: [Int32])?
      for _ in 0..<Int.random(in: 1...5, using: &rng) {
        query.append(alphabet.randomElement(using: &rng)!)
        let plain = fields.indices.filter { Search.matches(query, fields[$0]) }.map { Int32($0) }
        let within = previous.flatMap { Search.narrows(from: $0.query, to: query) ? $0.found : nil }
        let fast = index.matching(query, within: within)
        #expect(fast == plain, "query '\(query)' round \(round)")
        #expect(index.matching(query) == plain)
        previous = (query, fast)
      }
    }
  }

  @Test("the index's word finder finds a word where the plain search does, at every place")
  func wordFinderEqualsPlain() {
    var rng = FuzzRandom(seed: 2020)
    // Few byte values, so words of 1–5 bytes often occur, and whole and partial matches lie
    // across the 16-byte steps, at the span's ends and at the end of the buffer.
    let values: [UInt8] = [0, 49, 50, 107, 111]
    for _ in 0..<300 {
      let hay = (0..<Int.random(in: 0...70, using: &rng)).map { _ in
        values.randomElement(using: &rng)!
      }
      let word = (0..<Int.random(in: 1...5, using: &rng)).map { _ in
        values.dropFirst().randomElement(using: &rng)!
      }
      for from in 0...hay.count {
        for to in from...hay.count {
          let plain = Search.naiveContains(Array(hay[from..<to]), word)
          let fast = hay.withUnsafeBufferPointer { h in
            word.withUnsafeBufferPointer { w in
              SearchIndex.contains(w, in: h, from: from, to: to)
            }
          }
          #expect(fast == plain, "\(word) in \(hay)[\(from)..<\(to)]")
        }
      }
    }
  }
}
