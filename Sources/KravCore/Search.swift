/// One search for the TUI and the CLI (issue 20): a query finds a customer by name, customer
/// id, invoice number, KID, phone or organisation number.
///
/// The rules, in one place:
/// - Text is folded before it is compared: lower case; æ → "ae", ø and ö → "o", å and ä → "a",
///   other Latin letters lose their accents (é → "e", ü → "u"), ß → "ss", combining marks are
///   dropped. So `o` finds ø, `a` finds å and æ, `sorensen` finds Sørensen, `k0132` finds K0132.
/// - The query is split on white space; every word must occur somewhere in one of the
///   customer's fields (a substring, so `nord` finds "Nordmann" and `0132` finds K0132).
/// - A phone number is also searched with its digits only, so `91234567` finds
///   "+47 912 34 567" (and the organisation number likewise).
///
/// `Search.matches` is the plain twin: obviously correct and slow. `SearchIndex` is the fast
/// path (folded text kept per customer, narrowed as the query grows); the tests check that the
/// two always agree.
public enum Search {
  /// Text folded for comparison (see the rules above). White space stays one space; control
  /// characters become spaces, so no word can ever span two fields of the index.
  public static func fold(_ text: String) -> String {
    var out = String.UnicodeScalarView()
    for s in text.unicodeScalars { append(s, to: &out) }
    return String(out)
  }

  /// The folded words of a query (empty when the query is blank).
  public static func words(_ query: String) -> [String] {
    fold(query).split(separator: " ").map(String.init)
  }

  /// The texts a customer is found by, unfolded: name, id, phone (and its digits), organisation
  /// number (and its digits), invoice numbers and KIDs.
  public static func texts(_ f: SearchFields) -> [String] {
    var out = [f.name, f.id]
    for extra in [f.phone, f.orgnr] {
      guard let extra, !extra.isEmpty else { continue }
      out.append(extra)
      let digits = String(extra.unicodeScalars.filter { $0.value >= 48 && $0.value <= 57 })
      if !digits.isEmpty, digits != extra { out.append(digits) }
    }
    return out + f.invoices + f.kids
  }

  /// The plain matcher: whether every word of `query` occurs in one of the customer's folded
  /// texts. A blank query matches everyone.
  public static func matches(_ query: String, _ f: SearchFields) -> Bool {
    let folded = texts(f).map { Array(fold($0).utf8) }
    return words(query).allSatisfy { w in
      let word = Array(w.utf8)
      return folded.contains { naiveContains($0, word) }
    }
  }

  /// Whether `needle` occurs in `hay` (bytes; tried at every start).
  static func naiveContains(_ hay: [UInt8], _ needle: [UInt8]) -> Bool {
    guard needle.count <= hay.count else { return false }
    if needle.isEmpty { return true }
    for start in 0...(hay.count - needle.count)
    where hay[start..<start + needle.count].elementsEqual(needle) {
      return true
    }
    return false
  }

  /// Appends the folded form of one scalar.
  static func append(_ s: Unicode.Scalar, to out: inout String.UnicodeScalarView) {
    let v = s.value
    switch v {
    case 0x41...0x5A: out.append(Unicode.Scalar(v + 32)!)
    case 0..<0x20, 0x7F, 0x85, 0xA0: out.append(" ")
    case 0x20...0x7E: out.append(s)
    case 0x300...0x36F: break  // combining marks: "o" + "̈" is found as "o"
    default:
      if s.properties.isWhitespace {
        out.append(" ")
      } else if let mapped = latin[v] {
        out.append(contentsOf: mapped.unicodeScalars)
      } else {
        for l in s.properties.lowercaseMapping.unicodeScalars {
          if let mapped = latin[l.value] {
            out.append(contentsOf: mapped.unicodeScalars)
          } else {
            out.append(l)
          }
        }
      }
    }
  }

  /// Latin letters beyond ASCII, folded (both cases).
  static let latin: [UInt32: String] = {
    var m: [UInt32: String] = [:]
    let groups: [(String, String)] = [
      ("ÀÁÂÃÄÅàáâãäåĀāĂăĄą", "a"), ("ÇçĆćČč", "c"), ("ÈÉÊËèéêëĒēĘęĚě", "e"),
      ("ÌÍÎÏìíîïĪī", "i"), ("ÑñŃńŇň", "n"), ("ÒÓÔÕÖØòóôõöøŌōŐő", "o"), ("ÙÚÛÜùúûüŪūŮůŰű", "u"),
      ("ÝýÿŸ", "y"), ("ŠšŚś", "s"), ("ŽžŹźŻż", "z"), ("ÐðĐđĎď", "d"), ("ŁłĽľ", "l"),
      ("ŘřŔŕ", "r"), ("ŤťŢţ", "t"), ("Ğğ", "g"),
    ]
    for (letters, base) in groups {
      for s in letters.unicodeScalars { m[s.value] = base }
    }
    for (s, f) in [
      ("Æ", "ae"), ("æ", "ae"), ("ß", "ss"), ("Þ", "th"), ("þ", "th"), ("Œ", "oe"), ("œ", "oe"),
    ] {
      m[s.unicodeScalars.first!.value] = f
    }
    return m
  }()
}

/// What a customer is found by (see `Search`).
public struct SearchFields: Hashable, Sendable {
  public var name: String
  public var id: String
  public var phone: String?
  public var orgnr: String?
  public var invoices: [String]
  public var kids: [String]

  public init(
    name: String, id: String, phone: String? = nil, orgnr: String? = nil,
    invoices: [String] = [], kids: [String] = []
  ) {
    self.name = name
    self.id = id
    self.phone = phone
    self.orgnr = orgnr
    self.invoices = invoices
    self.kids = kids
  }
}

extension Ledger {
  /// What the customer at position `i` is found by: its own fields and all its claims'
  /// invoice numbers and KIDs (closed claims too: a caller may read an old invoice).
  public func searchFields(customerAt i: Int) -> SearchFields {
    let c = customers.values[i]
    var invoices: [String] = []
    var kids: [String] = []
    var p = Int(customerLastClaim[i])
    while p >= 0 {
      let claim = claims.values[p]
      invoices.append(claim.invoice)
      if let k = claim.kid { kids.append(k) }
      p = Int(claimPrevious[p])
    }
    return SearchFields(
      name: c.name, id: c.id, phone: c.phone, orgnr: c.orgnr, invoices: invoices.reversed(),
      kids: kids.reversed())
  }

  /// What customer `id` is found by (nil for an unknown id).
  public func searchFields(customer id: String) -> SearchFields? {
    customers.position(of: id).map { searchFields(customerAt: $0) }
  }

  /// The position in `customers` of the customer owing a queue row's claim.
  public func ownerPosition(of row: QueueRow) -> Int32 { claimOwner[Int(row.claim)] }

  /// The position in `claims` of invoice `invoice`.
  public func claimPosition(of invoice: String) -> Int? { claims.position(of: invoice) }

  /// The position in `claims` of a queue row's claim.
  public func claimPosition(of row: QueueRow) -> Int32 { row.claim }

  /// Whether a queue row is the claim at position `p` of `claims`.
  public func isClaim(_ row: QueueRow, at p: Int32) -> Bool { row.claim == p }

  /// The position in `customers` of customer `id`.
  public func customerPosition(of id: String) -> Int? { customers.position(of: id) }

  /// Whether each customer (by position) matches `query`: the CLI's `--search`, once per
  /// command, through the fast index (`SearchIndex`, tested against `Search.matches`).
  public func searchMatches(_ query: String) -> [Bool] {
    var m = [Bool](repeating: false, count: customers.count)
    for p in SearchIndex(self).matching(query) { m[Int(p)] = true }
    return m
  }

  /// The customers matching `query`, in the order they were added.
  public func searchCustomers(_ query: String) -> [Customer] {
    SearchIndex(self).matching(query).map { customers.values[Int($0)] }
  }
}
