import Foundation

/// The Norwegian text of every letter Krav writes (domain-norway.md §1 lists what each must
/// contain; Docs/rules.md names the elements and their sources). Letters to debtors are always
/// in Norwegian, whatever the interface language.
public enum LetterText {
  /// The title of a letter for `step`.
  public static func title(_ step: Step, includes418: Bool) -> String {
    switch step {
    case .invoice: return "Faktura"
    case .reminder: return "Purring"
    case .inkassovarsel: return "Inkassovarsel"
    case .betalingsoppfordring:
      return includes418
        ? "Betalingsoppfordring og varsel etter tvangsfullbyrdelsesloven § 4-18"
        : "Betalingsoppfordring"
    case .varsel418: return "Varsel etter tvangsfullbyrdelsesloven § 4-18"
    case .varsel52: return "Varsel om søksmål (tvisteloven § 5-2)"
    case .utlegg: return "Utkast – begjæring om utlegg"
    case .forliksklage: return "Utkast – forliksklage"
    case .agency: return "Oversendelse til inkasso"
    }
  }

  /// A day as letters write it: `15.09.2026`.
  public static func day(_ d: Day) -> String {
    let c = d.components
    return "\(c.day < 10 ? "0" : "")\(c.day).\(c.month < 10 ? "0" : "")\(c.month).\(c.year)"
  }

  static func kr(_ m: Money) -> String { m.formatted(.nb) }

  static func percent(_ bp: Int) -> String {
    let f = bp % 100
    return "\(bp / 100),\(f < 10 ? "0" : "")\(f) %"
  }

  /// Pads or cuts `s` to `n` characters (left- or right-aligned) for the amounts table.
  static func col(_ s: String, _ n: Int, right: Bool = false) -> String {
    let pad = String(repeating: " ", count: max(0, n - s.count))
    return right ? pad + s : s + pad
  }

  /// The whole letter as plain text (lines separated by "\n"), without control characters:
  /// a name or invoice text holding ESC sequences must not reach a terminal or a printer
  /// through the letter (`VisibleText.stripped`).
  public static func render(_ l: LetterDraft, creditor: Creditor) -> String {
    VisibleText.stripped(renderText(l, creditor: creditor))
  }

  static func renderText(_ l: LetterDraft, creditor: Creditor) -> String {
    var out: [String] = []
    // Sender and recipient.
    out.append(creditor.name)
    if let a = creditor.address { out.append(a) }
    out.append("Org.nr. \(OrgNumber.formatted(creditor.orgnr) ?? creditor.orgnr)")
    let contact = [creditor.phone.map { "Telefon \($0)" }, creditor.email.map { "E-post \($0)" }]
      .compactMap { $0 }
    if !contact.isEmpty { out.append(contact.joined(separator: "  ")) }
    out.append("")
    if l.step == .utlegg {
      out.append("Til: \(Court.namsmannen)")
    } else if l.step == .forliksklage {
      out.append("Til: \(Court.forliksraad(address: l.customerAddress))")
    } else if l.step == .agency {
      out.append("Til: \(l.agencyName ?? "Inkassobyrået")")
    } else {
      out.append(l.customerName)
      if let a = l.customerAddress { out.append(a) }
      if l.channel == .email { out.append("Sendt på e-post til \(l.address)") }
    }
    out.append("")
    out.append("Dato: \(day(l.sent))")
    out.append("")
    out.append(title(l.step, includes418: l.includes418).uppercased())
    out.append("")
    out += intro(l, creditor: creditor)
    out.append("")
    out += amounts(l)
    out.append("")
    out += interest(l)
    out.append("")
    out += closing(l, creditor: creditor)
    out.append("")
    out.append("Med vennlig hilsen")
    out.append(creditor.name)
    out.append("")
    out.append("Referanse: \(l.id)")
    return out.joined(separator: "\n") + "\n"
  }

  /// What the letter is about and, for notices, the deadline.
  static func intro(_ l: LetterDraft, creditor: Creditor) -> [String] {
    let lines = introLines(l, creditor: creditor)
    guard let old = l.reissueOf else { return lines }
    return [
      "Dette brevet erstatter brev \(old), som ikke ble sendt. Fristen regnes fra datoen på"
        + " dette brevet."
    ] + lines
  }

  static func introLines(_ l: LetterDraft, creditor: Creditor) -> [String] {
    let deadline = l.deadline.map(day) ?? ""
    let many = l.lines.count > 1
    let what = many ? "fakturaene nedenfor" : "faktura \(l.lines[0].invoice)"
    switch l.step {
    case .invoice:
      return []
    case .reminder:
      return [
        "Vi kan ikke se å ha mottatt betaling for \(what) fra \(creditor.name), som er forfalt.",
        "Vi ber deg betale det samlede beløpet innen \(deadline) (betalingsfrist).",
        "Har du betalt i løpet av de siste dagene, kan du se bort fra denne purringen.",
      ]
    case .inkassovarsel:
      return [
        "Inkassovarsel etter inkassoloven § 9.",
        "Vi har ikke mottatt betaling for \(what) fra \(creditor.name).",
        "Betalingsfristen er \(deadline), 14 dager fra dette varselet ble sendt \(day(l.sent)).",
        afterInkassovarsel(l, creditor: creditor),
      ]
    case .betalingsoppfordring:
      var lines = [
        "Betalingsoppfordring etter inkassoloven § 10.",
        "Kreditor: \(creditor.name), org.nr. \(OrgNumber.formatted(creditor.orgnr) ?? creditor.orgnr).",
        "Kravet gjelder \(what), som ikke er betalt etter tidligere varsel.",
        "Vi oppfordrer deg til å betale det samlede beløpet innen \(deadline)"
          + " (14 dager fra \(day(l.sent))), eller innen samme frist gi oss beskjed"
          + " om hvorfor du mener kravet ikke er riktig.",
      ]
      if l.includes418 { lines += [""] + notice418(l, creditor: creditor) }
      return lines
    case .varsel418:
      return notice418(l, creditor: creditor)
    case .varsel52:
      // Tvisteloven § 5-2 (1): the claim, its basis, and a call to take a position on both;
      // § 5-2 (3): on paper to a private party (Krav sends it by letter).
      return [
        "Varsel om søksmål etter tvisteloven § 5-2.",
        "\(creditor.name), org.nr. \(OrgNumber.formatted(creditor.orgnr) ?? creditor.orgnr),"
          + " krever betaling av \(what), som du har bestridt.",
        "Din innsigelse: \(l.objection ?? "kravet er bestridt").",
        "Grunnlaget for kravet er leveransen og avtalen som fakturaen gjelder; beløpene og"
          + " tidligere varsler står nedenfor. Vi mener innsigelsen ikke gir grunnlag for å"
          + " holde betalingen tilbake.",
        "Vi ber deg ta stilling til kravet og grunnlaget for det innen \(deadline)"
          + " (14 dager fra \(day(l.sent))): betal, eller svar oss og begrunn hvorfor du mener"
          + " kravet helt eller delvis ikke er riktig (tvisteloven § 5-2 annet ledd).",
        "Hører vi ikke fra deg, eller blir vi ikke enige, vil \(creditor.name) bringe saken inn"
          + " for forliksrådet med forliksklage. Det kan føre til ytterligere kostnader.",
        "Tidligere varsler: " + historyText(l) + ".",
      ]
    case .utlegg:
      return l.warnings.map { "ADVARSEL: \($0)" } + [
        "Saksøker: \(creditor.name), org.nr. \(OrgNumber.formatted(creditor.orgnr) ?? creditor.orgnr)"
          + (creditor.address.map { ", \($0)" } ?? ""),
        "Saksøkte: \(l.customerName)" + (l.customerIdentity.map { ", \($0)" } ?? "")
          + (l.customerAddress.map { ", \($0)" } ?? ""),
        "Saksøker begjærer utlegg for kravet nedenfor.",
        "Tvangsgrunnlag: faktura som særlig tvangsgrunnlag etter tvangsfullbyrdelsesloven"
          + " § 7-2 bokstav f. Varsel etter § 4-18 er sendt, og fristen på to uker er ute.",
        "Kravet er ikke bestridt.",
        "Tidligere varsler: "
          + historyText(l),
      ]
    case .forliksklage:
      return l.warnings.map { "ADVARSEL: \($0)" } + [
        forliksraadNote(l),
        "Klager: \(creditor.name), org.nr. \(OrgNumber.formatted(creditor.orgnr) ?? creditor.orgnr)"
          + (creditor.address.map { ", \($0)" } ?? ""),
        "Innklaget: \(l.customerName)" + (l.customerIdentity.map { ", \($0)" } ?? "")
          + (l.customerAddress.map { ", \($0)" } ?? ""),
        "Saken gjelder: krav på betaling for \(what).",
        "Innklagedes innsigelse: \(l.objection ?? "innklagede har bestridt kravet")",
        "Faktum: kravet er fakturert og varslet uten at det er betalt. Tidligere varsler: "
          + historyText(l) + ".",
        "Påstand: \(l.customerName) dømmes til å betale \(creditor.name)"
          + " \(kr(l.lines.reduce(.zero) { $0 + $1.principal })) med tillegg av"
          + " forsinkelsesrente etter forsinkelsesrenteloven § 3 fra dagen etter forfall til"
          + " betaling skjer (påløpt til \(day(l.sent)): \(kr(l.lines.reduce(.zero) { $0 + $1.interest }))),"
          + " \(kr(l.lines.reduce(.zero) { $0 + $1.earlierFees })) i gebyrer, samt sakskostnader.",
        "Bevis: fakturaene, varslene og korrespondansen om innsigelsen (vedlegg).",
      ]
    case .agency:
      return [
        "Vi oversender kravene nedenfor mot \(l.customerName)"
          + (l.customerIdentity.map { " (\($0))" } ?? "")
          + (l.agencyName.map { " til \($0) for inndriving." } ?? " til inkasso."),
        "Skyldnerens adresse: \(l.customerAddress ?? "ukjent")"
          + (l.customerEmail.map { ", e-post \($0)" } ?? ""),
        "Inkassovarsel er sendt og fristen er ute. Tidligere varsler: "
          + historyText(l) + ".",
      ]
    }
  }

  /// A step's name in a letter.
  static func stepName(_ s: Step) -> String {
    switch s {
    case .invoice: return "faktura"
    case .reminder: return "purring"
    case .inkassovarsel: return "inkassovarsel"
    case .betalingsoppfordring: return "betalingsoppfordring"
    case .varsel418: return "varsel etter tvangsfullbyrdelsesloven § 4-18"
    case .varsel52: return "varsel om søksmål etter tvisteloven § 5-2"
    case .utlegg: return "utleggsbegjæring"
    case .forliksklage: return "forliksklage"
    case .agency: return "oversendelse til inkasso"
    }
  }

  /// Earlier letters, oldest first: `purring 02.02.2026 (faktura 1001), …`.
  static func historyText(_ l: LetterDraft) -> String {
    guard !l.history.isEmpty else { return "se vedlegg" }
    return l.history.map { "\(stepName($0.step)) \(day($0.day)) (faktura \($0.invoice))" }
      .joined(separator: ", ")
  }

  /// The tvangsfullbyrdelsesloven § 4-18 notice.
  static func notice418(_ l: LetterDraft, creditor: Creditor) -> [String] {
    [
      "Varsel etter tvangsfullbyrdelsesloven § 4-18:",
      "Dersom kravet ikke er betalt innen to uker etter at dette varselet er sendt (sendt"
        + " \(day(l.sent)), fristen går ut \(day(l.sent.adding(days: Ladder.noticeDays)))), kan"
        + " \(creditor.name) begjære tvangsfullbyrdelse (utlegg) hos namsmannen uten nytt varsel."
        + " Det kan føre til ytterligere kostnader for deg.",
    ]
  }

  /// What follows an unpaid inkassovarsel, as the creditor's ladder has it (inkl. § 9 asks for
  /// a clear statement that the claim goes to collection; god inkassoskikk forbids naming a
  /// step that will not be taken): the creditor's own legal collection, or the hand-over to an
  /// agency (by name when the store gives one).
  static func afterInkassovarsel(_ l: LetterDraft, creditor: Creditor) -> String {
    let lead = "Dersom kravet ikke er betalt innen fristen, "
    switch l.handoff {
    case .agency:
      return lead + "vil kravet bli overlevert til "
        + (l.agencyName.map { "inkassobyrået \($0)" } ?? "et inkassobyrå") + " for inndriving."
    case .enforcement:
      return lead + "vil \(creditor.name) selv inndrive kravet rettslig (inkasso): først med en"
        + " betalingsoppfordring, og deretter kan det bli begjært utlegg hos namsmannen."
    }
  }

  /// How the forliksråd was chosen (Court.swift): from the postcode and place of the address,
  /// to be checked against the municipality where the debtor lives.
  static func forliksraadNote(_ l: LetterDraft) -> String {
    guard let p = Court.postPlace(in: l.customerAddress) else {
      return "Merk: innklagedes adresse har ikke postnummer og poststed. Send klagen til"
        + " forliksrådet i kommunen der innklagede bor."
    }
    return "Merk: forliksrådet er valgt etter poststedet i innklagedes adresse (\(p.code)"
      + " \(p.place)). Kontroller at det er forliksrådet i kommunen der innklagede bor."
  }

  /// The amounts table: principal, interest and fees shown separately, per claim and in sum.
  static func amounts(_ l: LetterDraft) -> [String] {
    var out = ["Kravet gjelder:"]
    for line in l.lines {
      // The due date interest runs from (moved off a weekend or holiday, gjeldsbrevloven § 5),
      // with the invoiced one in brackets when it moved.
      let moved = line.movedDue != line.due ? " (opprinnelig forfall \(day(line.due)))" : ""
      out.append(
        "  Faktura \(line.invoice) datert \(day(line.issued)), forfall \(day(line.movedDue))"
          + moved + (line.kid.map { ", KID \($0)" } ?? ""))
      if let text = line.text?.trimmingCharacters(in: .whitespacesAndNewlines), !text.isEmpty {
        out.append("    Gjelder: \(text)")
      }
      // A partial objection (domain-norway.md §5): the debtor may withhold what the defect is
      // worth, so the letter says what is held back, why, and that it is not demanded now.
      if line.withheld.isPositive {
        out.append(
          "    Delvis bestridt: \(kr(line.withheld)) av hovedstolen holdes tilbake"
            + (line.withheldReason.map { " (\($0))" } ?? "")
            + " og kreves ikke nå. Beløpene nedenfor gjelder den ubestridte delen.")
      }
    }
    out.append("")
    out.append(
      "  " + col("Faktura", 12) + col("Hovedstol", 14, right: true)
        + col("Renter", 12, right: true) + col("Gebyr", 12, right: true)
        + col("Å betale", 15, right: true))
    var principal = Money.zero
    var interest = Money.zero
    var fees = Money.zero
    for line in l.lines {
      principal += line.principal
      interest += line.interest
      fees += line.earlierFees + line.fee
      out.append(
        "  " + col(line.invoice, 12) + col(kr(line.principal), 14, right: true)
          + col(kr(line.interest), 12, right: true)
          + col(kr(line.earlierFees + line.fee), 12, right: true)
          + col(kr(line.total), 15, right: true))
    }
    out.append(
      "  " + col("Sum", 12) + col(kr(principal), 14, right: true)
        + col(kr(interest), 12, right: true) + col(kr(fees), 12, right: true)
        + col(kr(l.total), 15, right: true))
    out.append("")
    out.append("Hovedstol: \(kr(principal))")
    out.append("Renter: \(kr(interest))")
    let compensation = l.lines.reduce(Money.zero) { $0 + $1.compensation }
    let newFee = l.fee - compensation
    let earlier = l.lines.reduce(Money.zero) { $0 + $1.earlierFees }
    if earlier.isPositive { out.append("Gebyr fra tidligere varsler: \(kr(earlier))") }
    if newFee.isPositive {
      out.append("\(feeName(l.step)): \(kr(newFee)) (inkassoforskriften §§ 1-2 og 1-3)")
    } else if [.reminder, .inkassovarsel, .betalingsoppfordring].contains(l.step),
      !compensation.isPositive, l.reissueOf == nil
    {
      out.append("\(feeName(l.step)): 0,00 kr (ikke krevd)")
    }
    if compensation.isPositive {
      out.append(
        "Standardkompensasjon for inndrivingskostnader (forsinkelsesrenteloven § 3a):"
          + " \(kr(compensation)); purregebyr som alt er krevd er trukket fra.")
    }
    out.append("Gebyr i alt: \(kr(fees))")
    out.append("Sum å betale: \(kr(l.total))")
    if let fee = l.courtFee {
      out.append(
        "Rettsgebyr for \(l.step == .utlegg ? "utleggsbegjæringen (1,21 R)" : "forliksklagen")"
          + ": \(kr(fee)), betalt av \(l.step == .utlegg ? "saksøker" : "klager") og krevd dekket.")
    }
    return out
  }

  static func feeName(_ step: Step) -> String {
    switch step {
    case .reminder: return "Purregebyr"
    case .inkassovarsel: return "Gebyr for inkassovarsel"
    case .betalingsoppfordring: return "Gebyr for betalingsoppfordring"
    default: return "Gebyr"
    }
  }

  /// Every interest rate used, each with its period, and from which day interest runs.
  static func interest(_ l: LetterDraft) -> [String] {
    let from = l.lines.map(\.interestFrom).min() ?? l.sent
    var out = [
      "Renter: forsinkelsesrente etter forsinkelsesrenteloven § 3, beregnet fra \(day(from))"
        + " (dagen etter forfall) til \(day(l.sent))"
        + (l.ratePeriods.isEmpty ? "." : ", med disse satsene:")
    ]
    for p in l.ratePeriods {
      out.append("  \(percent(p.basisPoints)) per år fra \(day(p.from)) til \(day(p.through))")
    }
    let now = l.ratePeriods.last?.basisPoints ?? l.lines.first?.rateBasisPoints ?? 0
    out.append(
      "Rentene løper videre til kravet er betalt, med den satsen som gjelder til enhver tid"
        + " (nå \(percent(now)) per år).")
    if l.lines.count > 1 {
      out.append(
        "Renter for hver faktura løper fra dagen etter dens forfall: "
          + l.lines.map { "\($0.invoice) fra \(day($0.interestFrom))" }.joined(separator: ", ")
          + ".")
    }
    return out
  }

  /// How to pay, what happens next, and how to object.
  static func closing(_ l: LetterDraft, creditor: Creditor) -> [String] {
    let account = AccountNumber.formatted(creditor.account) ?? creditor.account
    var out: [String] = []
    switch l.step {
    case .utlegg, .forliksklage, .agency:
      out.append("Betaling til kreditors konto \(account).")
      let kids = l.lines.compactMap { line in line.kid.map { "\(line.invoice): KID \($0)" } }
      if !kids.isEmpty { out.append(kids.joined(separator: ", ")) }
      return out
    default:
      break
    }
    out.append("Betal til kontonummer \(account).")
    let kids = l.lines.compactMap { line in line.kid.map { (line.invoice, $0) } }
    if kids.count == 1 && l.lines.count == 1 {
      out.append("Bruk KID \(kids[0].1).")
    } else if !kids.isEmpty {
      out.append("Bruk KID for hver faktura:")
      for (inv, kid) in kids { out.append("  Faktura \(inv): KID \(kid)") }
    }
    if let d = l.deadline { out.append("Betalingsfrist: \(day(d))") }
    out.append(
      "Betalingen er i tide når du har gitt banken betalingsoppdrag innen fristen.")
    switch l.step {
    case .reminder:
      out.append(
        "Betales ikke kravet, kan det bli sendt inkassovarsel, som kan gi"
          + " ytterligere kostnader.")
    case .inkassovarsel:
      out.append("Inndriving kan føre til ytterligere kostnader for deg.")
    case .betalingsoppfordring, .varsel418:
      out.append(
        "Betales ikke kravet innen fristen, kan det føre til ytterligere kostnader, og"
          + " kravet kan bli inndrevet rettslig.")
    default: break
    }
    let contact = [creditor.email, creditor.phone].compactMap { $0 }.joined(separator: " eller ")
    out.append(
      "Mener du at kravet ikke er riktig, ber vi deg gi oss beskjed snarest"
        + (contact.isEmpty ? "." : " på \(contact)."))
    return out
  }
}

/// The two files of a letter: the text and an e-mail (RFC 5322 with MIME, UTF-8).
public enum LetterFiles {
  /// `s` reduced to characters safe in a file name (letters, digits, `-`, `_`).
  public static func safe(_ s: String) -> String {
    let mapped = s.map { c -> Character in
      c.isASCII && (c.isLetter || c.isNumber || c == "-" || c == "_") ? c : "_"
    }
    return String(mapped.prefix(40))
  }

  /// The e-mail of a letter: headers (Subject as RFC 2047 encoded-words), a UTF-8 text body
  /// sent as 8bit, CRLF line ends. `timestamp` is the ISO 8601 moment of sending.
  public static func eml(_ l: LetterDraft, creditor: Creditor, text: String, timestamp: String)
    -> String
  {
    // Addresses only when they are a valid addr-spec (a CR/LF in one would add headers).
    let sender = creditor.email.flatMap { EmailAddress.isValid($0) ? $0 : nil }
    let from = "\(encodedWord(creditor.name)) <\(sender ?? "krav@localhost.invalid")>"
    let to: String
    if let email = l.customerEmail, EmailAddress.isValid(email) {
      to = "\(encodedWord(l.customerName)) <\(email)>"
    } else {
      to = "undisclosed-recipients:;"
    }
    let subject =
      "\(LetterText.title(l.step, includes418: l.includes418)) – "
      + l.invoices.map { "faktura \($0)" }.joined(separator: ", ")
    var headers = [
      "From: \(from)",
      "To: \(to)",
      "Subject: \(encodedWord(subject))",
      "Date: \(rfc5322Date(timestamp) ?? timestamp)",
      "Message-ID: <\(MailHeader.token(l.id))@krav.invalid>",
      "MIME-Version: 1.0",
      "Content-Type: text/plain; charset=UTF-8",
      "Content-Transfer-Encoding: 8bit",
      "X-Krav-Letter: \(MailHeader.token(l.id))",
      "X-Krav-Channel: \(l.channel.rawValue)",
    ]
    let body = text.split(separator: "\n", omittingEmptySubsequences: false).joined(
      separator: "\r\n")
    return headers.joined(separator: "\r\n") + "\r\n\r\n" + body
  }

  /// `s` as RFC 2047 encoded-words (`=?UTF-8?B?…?=`), each at most 75 characters and cut at
  /// character boundaries, joined by folding white space. Plain ASCII without specials stays.
  public static func encodedWord(_ s: String) -> String {
    let plain = s.unicodeScalars.allSatisfy {
      $0.isASCII && $0.value >= 0x20 && $0.value != 0x7F
        && !"=?\"<>,;:()@[]\\".unicodeScalars.contains($0)
    }
    if plain { return s }
    var words: [String] = []
    var chunk: [UInt8] = []
    // 45 bytes of UTF-8 give 60 base64 characters, 72 with the `=?UTF-8?B?` and `?=`.
    for c in s {
      let bytes = Array(String(c).utf8)
      if chunk.count + bytes.count > 45 {
        words.append("=?UTF-8?B?\(base64(chunk))?=")
        chunk = []
      }
      chunk += bytes
    }
    if !chunk.isEmpty { words.append("=?UTF-8?B?\(base64(chunk))?=") }
    return words.joined(separator: "\r\n ")
  }

  static let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/")

  /// Standard base64 with padding.
  public static func base64(_ bytes: [UInt8]) -> String {
    var out = ""
    var i = 0
    while i < bytes.count {
      let b0 = Int(bytes[i])
      let b1 = i + 1 < bytes.count ? Int(bytes[i + 1]) : 0
      let b2 = i + 2 < bytes.count ? Int(bytes[i + 2]) : 0
      out.append(alphabet[b0 >> 2])
      out.append(alphabet[((b0 & 3) << 4) | (b1 >> 4)])
      out.append(i + 1 < bytes.count ? alphabet[((b1 & 15) << 2) | (b2 >> 6)] : "=")
      out.append(i + 2 < bytes.count ? alphabet[b2 & 63] : "=")
      i += 3
    }
    return out
  }

  /// `2026-11-30T09:12:44+01:00` (or with milliseconds) as `Mon, 30 Nov 2026 09:12:44 +0100`.
  public static func rfc5322Date(_ iso: String) -> String? { MailDate.rfc5322(iso) }
}
