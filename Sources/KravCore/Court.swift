import Foundation

/// Where a court draft is filed: namsmannen for an utleggsbegjæring, the forliksråd of the
/// debtor's municipality for a forliksklage (tvisteloven § 6-2 with § 4-4: the defendant's
/// general venue is where they live).
///
/// Krav has no postcode-to-municipality table: it names the forliksråd after the *poststed* of
/// the debtor's address (`5003 Bergen` → "Forliksrådet i Bergen"), and the draft asks the
/// collector to check it. The poststed is often the municipality, but not always (`1337
/// Sandvika` lies in Bærum, many small poststeder share a municipality), which is why it is
/// a draft the collector files, never sent by Krav itself.
public enum Court {
  /// The recipient of an utleggsbegjæring.
  public static let namsmannen = "Namsmannen (Politiet, sivile gjøremål)"

  /// The postcode and poststed at the end of a Norwegian address (`Fjellveien 2, 5003 Bergen`
  /// → `("5003", "Bergen")`), nil when the address does not end in four digits and a place.
  public static func postPlace(in address: String?) -> (code: String, place: String)? {
    guard let address else { return nil }
    let last = address.split(whereSeparator: { $0 == "," || $0 == "\n" }).last.map {
      $0.trimmingCharacters(in: .whitespaces)
    }
    guard let last, last.count > 5 else { return nil }
    let chars = Array(last)
    // Four digits, at least one space, then the place.
    guard chars.prefix(4).allSatisfy({ $0.isASCII && $0.isNumber }), chars[4] == " " else {
      return nil
    }
    let place = String(chars.dropFirst(5)).trimmingCharacters(in: .whitespaces)
    guard !place.isEmpty, !place.contains(where: \.isNumber) else { return nil }
    return (String(chars.prefix(4)), titleCased(place))
  }

  /// The forliksråd a forliksklage goes to: "Forliksrådet i <poststed>", or the general
  /// wording when the address has no postcode and place.
  public static func forliksraad(address: String?) -> String {
    guard let p = postPlace(in: address) else { return "Forliksrådet i innklagedes bostedskommune" }
    return "Forliksrådet i \(p.place)"
  }

  /// `BERGEN` or `bergen` → `Bergen`, `MO I RANA` → `Mo i Rana` (addresses often come in
  /// capitals; each word gets a capital letter but the small words of place names).
  static func titleCased(_ s: String) -> String {
    guard s == s.uppercased() || s == s.lowercased() else { return s }
    let small: Set<String> = ["i", "på", "og"]
    return s.lowercased().split(separator: " ", omittingEmptySubsequences: false).enumerated()
      .map { i, w in
        i > 0 && small.contains(String(w)) ? String(w) : w.prefix(1).uppercased() + w.dropFirst()
      }
      .joined(separator: " ")
  }
}
