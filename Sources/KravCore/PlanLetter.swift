import Foundation

/// A file Krav writes to the store's `letters/` folder before the event that refers to it.
public struct DocumentFile: Hashable, Sendable {
  /// Store-relative path, e.g. `letters/2026/plan-K0001-1.txt`.
  public var path: String
  public var bytes: [UInt8]

  public init(path: String, bytes: [UInt8]) {
    self.path = path
    self.bytes = bytes
  }
}

/// The plan document and the acceleration notice, in Norwegian, as text and as an e-mail
/// (.eml) file (domain-norway.md §6; Docs/plans.md lists what each must contain).
public enum PlanLetter {
  /// The creditor as the letters name it (from `krav-store.json`): the same value the step
  /// letters use.
  public typealias Creditor = KravCore.Creditor

  /// The base of a plan's file names: `letters/<year>/plan-<customer>-<n>` (customer id made
  /// safe for a file name). Unique per plan; a clash means someone else wrote it first, and the
  /// write is refused rather than overwriting a sent document.
  public static func basePath(customer: String, number: Int, on day: Day, variant: Int = 1)
    -> String
  {
    let safe = String(
      customer.unicodeScalars.map {
        ($0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0)) || $0 == "-"
          || $0 == "_") ? Character($0) : "_"
      })
    return "letters/\(day.year)/plan-\(safe)-\(number)" + (variant > 1 ? "-\(variant)" : "")
  }

  // MARK: The plan document

  /// The plan document: text and .eml, written before the `plan-proposed` event.
  public static func proposal(
    creditor: Creditor, customer: Customer, claims: [ClaimSummary], quote: PlanQuote,
    signBy: Day, graceDays: Int, proposedOn: Day, number: Int, timestamp: String, variant: Int = 1
  ) -> [DocumentFile] {
    let kid = kidLine(claims.map(\.claim))
    var t = header(creditor, customer, day: proposedOn)
    t += "NEDBETALINGSAVTALE nr. \(number) – \(customer.name) (kundenr. \(customer.id))\n\n"
    t += "Avtalen gjelder disse kravene, slik de står per \(day(proposedOn)):\n"
    for s in claims {
      let b = s.balance
      t +=
        "  Faktura \(s.claim.invoice), forfall \(day(s.claim.due)): hovedstol "
        + "\(kr(b.principal - b.principalPaid)), renter \(kr(b.interest - b.interestPaid)), "
        + "gebyrer \(kr(b.fees - b.feesPaid)), utestående \(kr(b.outstanding))\n"
    }
    t += "Sum utestående per \(day(proposedOn)): \(kr(quote.outstanding))\n"
    let rate = quote.rateBasisPoints.map { " (forsinkelsesrente \(percent($0)) per år)" } ?? ""
    t += "Beregnede forsinkelsesrenter til siste avdrag: \(kr(quote.projectedInterest))\(rate)\n"
    t += "Totalt å betale etter avtalen: \(kr(quote.total))\n\n"
    t += "Nedbetalingsplan (\(quote.instalments.count) avdrag):\n"
    t += "  Nr.  Forfall        Beløp\n"
    for (i, inst) in quote.instalments.enumerated() {
      let note = i == 0 ? "   (betales når avtalen inngås)" : ""
      t += "  \(pad(String(i + 1), 3))  \(day(inst.due))  \(pad(kr(inst.amount), 16))\(note)\n"
    }
    t += "  Sum              \(pad(kr(quote.total), 16))\n\n"
    t += "Betal til kontonummer \(account(creditor.account)) og merk betalingen med \(kid).\n\n"
    t += "Vilkår\n"
    t +=
      "1. Avtalen må være signert og returnert til oss senest \(day(signBy)). Første avdrag, "
      + "\(kr(quote.instalments[0].amount)), forfaller samme dag. Avtalen gjelder først når den "
      + "er signert og første avdrag er betalt. Er den ikke signert innen fristen, bortfaller "
      + "tilbudet og innfordringen fortsetter.\n"
    t +=
      "2. Hvis et avdrag ikke er betalt innen forfall (med \(graceDays) dagers frist), "
      + "forfaller hele restbeløpet til betaling straks, uten nytt varsel.\n"
    t +=
      "3. Forsinkelsesrente etter forsinkelsesrenteloven løper på den til enhver tid "
      + "utestående hovedstolen til alt er betalt. Rentene i planen er beregnet ut fra at hvert "
      + "avdrag betales på forfallsdagen.\n"
    t += "4. Vi tar ikke gebyr for denne avtalen."
    if quote.defaultCosts.contains(where: { $0.fee.isPositive }) {
      t +=
        " Hvis avtalen misligholdes, fortsetter innfordringen med de neste stegene for hvert "
        + "krav, og disse kostnadene kan komme i tillegg:\n"
      t += defaultCostLines(quote.defaultCosts)
    } else {
      t += " Hvis avtalen misligholdes, fortsetter innfordringen.\n"
    }
    t +=
      "5. Innbetalinger og signert avtale er en erkjennelse av kravet og avbryter foreldelse "
      + "(foreldelsesloven § 14).\n\n"
    t += "Jeg godtar nedbetalingsavtalen over.\n\n"
    t += "Sted og dato: ______________________   Underskrift: ______________________\n"
    t += "Navn: \(customer.name)\n\n"
    t += footer(creditor)
    let base = basePath(customer: customer.id, number: number, on: proposedOn, variant: variant)
    let subject = "Nedbetalingsavtale nr. \(number) – signer innen \(day(signBy))"
    return files(
      base: base, text: t, subject: subject, creditor: creditor, customer: customer,
      timestamp: timestamp, messageId: "plan-\(customer.id)-\(number)")
  }

  // MARK: The acceleration notice

  /// The notice that the whole remainder is due at once, written before `plan-accelerated`.
  public static func acceleration(
    creditor: Creditor, customer: Customer, plan: Plan, progress: PlanProgress,
    claims: [ClaimSummary], on today: Day, timestamp: String, variant: Int = 1
  ) -> [DocumentFile] {
    let kid = kidLine(claims.map(\.claim))
    var t = header(creditor, customer, day: today)
    t += "VARSEL: HELE RESTBELØPET ER FORFALT – nedbetalingsavtale nr. \(plan.number)\n\n"
    if let n = progress.missedInstalment {
      let r = progress.instalments[n - 1]
      t +=
        "Avdrag nr. \(n) på \(kr(r.amount)) med forfall \(day(r.due)) er ikke betalt innen "
        + "fristen \(day(r.deadline)).\n"
    }
    t +=
      "Etter vilkårene i nedbetalingsavtalen av \(day(plan.proposedOn)) forfaller derfor hele "
      + "restbeløpet til betaling straks.\n\n"
    // One figure: what the claims owe today, which is what falls due now. (The schedule's own
    // remainder counted interest to the last instalment and was a second, different total.)
    t += "Restbeløpet som forfaller nå, utestående per \(day(today)):\n"
    var sum = Money.zero
    for s in claims where s.status.isOpen && plan.invoices.contains(s.claim.invoice) {
      let b = s.balance
      sum += b.outstanding
      t +=
        "  Faktura \(s.claim.invoice): hovedstol \(kr(b.principal - b.principalPaid)), "
        + "renter \(kr(b.interest - b.interestPaid)), gebyrer \(kr(b.fees - b.feesPaid)), "
        + "utestående \(kr(b.outstanding))\n"
    }
    t += "  Sum som forfaller nå: \(kr(sum))\n\n"
    t += "Forsinkelsesrente løper videre til alt er betalt.\n"
    t += "Betal til kontonummer \(account(creditor.account)) og merk betalingen med \(kid).\n\n"
    t +=
      "Hvis beløpet ikke blir betalt, vil innfordringen fortsette med neste steg, og det kan "
      + "komme flere kostnader i tillegg. Har du innsigelser mot kravet, ber vi deg kontakte oss "
      + "straks.\n\n"
    t += footer(creditor)
    let base = basePath(
      customer: customer.id, number: plan.number, on: plan.proposedOn, variant: variant)
    return files(
      base: base + "-mislighold", text: t,
      subject: "Nedbetalingsavtale nr. \(plan.number): hele restbeløpet er forfalt",
      creditor: creditor, customer: customer, timestamp: timestamp,
      messageId: "plan-\(customer.id)-\(plan.number)-mislighold")
  }

  // MARK: Parts

  /// Every cost a default leads to, per claim in ladder order, with the sum of the fees the
  /// claim would carry (the court fee named apart: it is paid to the court and claimed back).
  static func defaultCostLines(_ costs: [DefaultCost]) -> String {
    var t = ""
    var invoices: [String] = []
    for c in costs where !invoices.contains(c.invoice) { invoices.append(c.invoice) }
    for inv in invoices {
      let mine = costs.filter { $0.invoice == inv && $0.fee.isPositive }
      guard !mine.isEmpty else { continue }
      let fees = mine.filter { $0.step != .utlegg && $0.step != .forliksklage }
      var line =
        "   – faktura \(inv): "
        + mine.map { "\(stepName($0.step)) \(kr($0.fee))" }.joined(separator: ", ")
      if fees.count > 1 {
        line += " (gebyrer i alt \(kr(fees.reduce(Money.zero) { $0 + $1.fee })))"
      }
      t += line + "\n"
    }
    return t
  }

  static func header(_ c: Creditor, _ customer: Customer, day d: Day) -> String {
    var t = "\(c.name)\n"
    if let a = c.address { t += "\(a)\n" }
    t += "Org.nr. \(OrgNumber.formatted(c.orgnr) ?? c.orgnr)"
    if let p = c.phone { t += "   Telefon \(p)" }
    if let e = c.email { t += "   E-post \(e)" }
    t += "\n\n\(customer.name)\n"
    if let a = customer.address { t += "\(a)\n" }
    t += "\n\(day(d))\n\n"
    return t
  }

  static func footer(_ c: Creditor) -> String {
    var t = "Med vennlig hilsen\n\(c.name)\n"
    let contact = [c.phone.map { "telefon \($0)" }, c.email.map { "e-post \($0)" }]
      .compactMap { $0 }
    if !contact.isEmpty {
      t += "Spørsmål? Kontakt oss på \(contact.joined(separator: " eller ")).\n"
    }
    return t
  }

  /// "KID 123…" for the oldest claim with a KID, else the invoice numbers.
  static func kidLine(_ claims: [Claim]) -> String {
    let sorted = claims.sorted { ($0.due, $0.invoice) < ($1.due, $1.invoice) }
    if let kid = sorted.first(where: { $0.kid != nil })?.kid { return "KID \(kid)" }
    return "fakturanummer " + sorted.map(\.invoice).joined(separator: ", ")
  }

  /// A step's name in the list of fees: the step letters' name, the court steps with their fee
  /// named.
  static func stepName(_ s: Step) -> String {
    switch s {
    case .utlegg, .forliksklage: return LetterText.stepName(s) + " (rettsgebyr)"
    case .agency: return "overlevering til inkassobyrå"
    default: return LetterText.stepName(s)
    }
  }

  static func kr(_ m: Money) -> String { LetterText.kr(m) }

  static func day(_ d: Day) -> String { LetterText.day(d) }

  static func percent(_ bp: Int) -> String {
    "\(bp / 100),\(bp % 100 < 10 ? "0" : "")\(bp % 100) %"
  }

  static func account(_ a: String) -> String { AccountNumber.formatted(a) ?? a }

  static func pad(_ s: String, _ width: Int) -> String {
    let n = s.count
    return n >= width ? s : String(repeating: " ", count: width - n) + s
  }

  /// The text file and the e-mail file of a letter.
  static func files(
    base: String, text: String, subject: String, creditor: Creditor, customer: Customer,
    timestamp: String, messageId: String
  ) -> [DocumentFile] {
    // A plan letter never carries control characters (a name may hold ESC sequences).
    let text = VisibleText.stripped(text)
    let eml = PlanMail.message(
      from: (creditor.name, creditor.email ?? "post@invalid"),
      to: (customer.name, customer.email ?? "ukjent@invalid"), subject: subject,
      timestamp: timestamp, messageId: messageId, body: text)
    return [
      DocumentFile(path: base + ".txt", bytes: Array(text.utf8)),
      DocumentFile(path: base + ".eml", bytes: Array(eml.utf8)),
    ]
  }
}

/// A plain-text e-mail (RFC 5322 + MIME): UTF-8 body sent 8-bit, non-ASCII header text as
/// RFC 2047 encoded words, CRLF line ends.
public enum PlanMail {
  /// The whole message.
  public static func message(
    from: (name: String, address: String), to: (name: String, address: String),
    subject: String, timestamp: String, messageId: String, body: String
  ) -> String {
    let safeId = messageId.filter { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-") }
    var lines = [
      "From: \(MailHeader.mailbox(field: "From", name: from.name, address: from.address))",
      "To: \(MailHeader.mailbox(field: "To", name: to.name, address: to.address))",
      "Subject: \(encodedWord(subject))",
      timestamp.isEmpty ? datePlaceholder : "Date: \(rfc5322Date(timestamp))",
      "Message-ID: <\(safeId)@krav.invalid>",
      "MIME-Version: 1.0",
      "Content-Type: text/plain; charset=UTF-8",
      "Content-Transfer-Encoding: 8bit",
      "",
    ]
    lines += body.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    return lines.joined(separator: "\r\n")
  }

  /// The Date line of a message drafted without a clock (the TUI's pure update); the runtime
  /// replaces it with the real time when it writes the file (`stamped`).
  public static let datePlaceholder = "Date: (set when written)"

  /// The file with its Date placeholder replaced by `timestamp` (other files unchanged).
  public static func stamped(_ file: DocumentFile, timestamp: String) -> DocumentFile {
    guard file.path.hasSuffix(".eml") else { return file }
    let text = String(decoding: file.bytes, as: UTF8.self)
    let dated = text.replacingOccurrences(
      of: "\r\n" + datePlaceholder + "\r\n", with: "\r\nDate: \(rfc5322Date(timestamp))\r\n")
    return DocumentFile(path: file.path, bytes: Array(dated.utf8))
  }

  /// ASCII text as it is; anything else as `=?UTF-8?B?…?=` words of at most 64 characters,
  /// split between characters (never inside one), folded onto continuation lines.
  public static func encodedWord(_ text: String) -> String {
    let plain = text.unicodeScalars.allSatisfy {
      $0.isASCII && $0.value >= 0x20 && $0.value != 0x7F && $0 != "=" && $0 != "?"
    }
    if plain { return text }
    var words: [String] = []
    var chunk: [UInt8] = []
    for ch in text {
      let bytes = Array(String(ch).utf8)
      // 39 bytes → 52 base64 characters + 12 of `=?UTF-8?B?` and `?=` = 64, so even after
      // `Subject: ` a header line stays within the 78 characters RFC 5322 recommends.
      if chunk.count + bytes.count > 39 {
        words.append("=?UTF-8?B?" + Data(chunk).base64EncodedString() + "?=")
        chunk = []
      }
      chunk += bytes
    }
    if !chunk.isEmpty { words.append("=?UTF-8?B?" + Data(chunk).base64EncodedString() + "?=") }
    return words.joined(separator: "\r\n ")
  }

  /// `2026-11-30T10:00:00+01:00` → `Mon, 30 Nov 2026 10:00:00 +0100` (`MailDate`).
  static func rfc5322Date(_ at: String) -> String { MailDate.rfc5322(at) ?? at }
}
