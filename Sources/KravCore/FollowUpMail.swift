import Foundation

/// Who sends Krav's e-mail drafts: the creditor as `krav-store.json` names it.
public struct MailSender: Hashable, Sendable {
  public var name: String
  public var orgnr: String
  public var account: String
  public var email: String?
  public var phone: String?

  public init(name: String, orgnr: String, account: String, email: String?, phone: String?) {
    self.name = name
    self.orgnr = orgnr
    self.account = account
    self.email = email
    self.phone = phone
  }
}

/// What was agreed on a call, for the follow-up e-mail. It holds no summary on purpose: the
/// collector's note is internal and never goes into the customer's e-mail (issue 20).
public struct CallAgreement: Sendable {
  public var outcome: String
  /// A promise to pay: amount and day, and the invoice it is about (nil = the customer's claims).
  public var promise: (amount: Money, day: Day)?
  public var promiseInvoice: String?
  /// An objection recorded on the call: invoice, disputed amount (nil = whole), reason code.
  public var dispute: (invoice: String, amount: Money?, reason: String)?
  /// A hold until a day.
  public var holdUntil: Day?
  /// The collector will propose an instalment plan.
  public var proposePlan: Bool

  public init(
    outcome: String, promise: (amount: Money, day: Day)? = nil, promiseInvoice: String? = nil,
    dispute: (invoice: String, amount: Money?, reason: String)? = nil, holdUntil: Day? = nil,
    proposePlan: Bool = false
  ) {
    self.outcome = outcome
    self.promise = promise
    self.promiseInvoice = promiseInvoice
    self.dispute = dispute
    self.holdUntil = holdUntil
    self.proposePlan = proposePlan
  }
}

/// A drafted e-mail: a file name for `letters/` and the whole RFC 5322 message.
public struct MailDraft: Hashable, Sendable {
  public var fileName: String
  public var subject: String
  /// The body as plain text (what the collector reviews).
  public var body: String
  /// The message with MIME headers, CRLF line ends, the body quoted-printable UTF-8.
  public var eml: String
}

/// The e-mails Krav drafts for the collector's day (always in Norwegian): the summary after a
/// call and the documented answer to a rejected objection.
public enum FollowUpMail {
  /// The follow-up e-mail after a call: `body` is the text the collector edited (from
  /// `callTemplate`); nil takes the template as it is. Never the call's internal summary.
  public static func callSummary(
    sender: MailSender, customer: Customer, agreement a: CallAgreement,
    open: [(invoice: String, kid: String?, outstanding: Money)], at: String, body: String? = nil
  ) -> MailDraft {
    let day = Day(parsing: String(at.prefix(10))) ?? Day(ordinal: 0)
    let text =
      body ?? callTemplate(sender: sender, customer: customer, agreement: a, open: open, at: at)
    var lines = text.replacingOccurrences(of: "\r\n", with: "\n")
      .split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    while lines.last?.isEmpty == true { lines.removeLast() }
    return draft(
      sender: sender, customer: customer, subject: "Oppsummering av samtalen \(nbDay(day))",
      body: lines, at: at, kind: "samtale")
  }

  /// The neutral text the follow-up e-mail starts from: a greeting, what was agreed (a promise
  /// with amount, day and account, an objection received, a hold, a plan to come) and what
  /// happens if an agreement is broken (costs "may" rise — god inkassoskikk forbids "will"),
  /// the open claims, the signature. `open` are the customer's open claims (invoice, KID,
  /// outstanding), so the debtor knows where to pay; `at` is the call's timestamp.
  public static func callTemplate(
    sender: MailSender, customer: Customer, agreement a: CallAgreement,
    open: [(invoice: String, kid: String?, outstanding: Money)], at: String
  ) -> String {
    let day = Day(parsing: String(at.prefix(10))) ?? Day(ordinal: 0)
    var lines = [
      "Hei \(customer.name),", "",
      "Takk for samtalen \(nbDay(day)). Her er en kort oppsummering av det vi avtalte.", "",
    ]
    var agreed: [String] = []
    if let p = a.promise {
      let which = a.promiseInvoice.map { " for faktura \($0)" } ?? ""
      agreed.append(
        "Du betaler \(p.amount.formatted(.nb))\(which) innen \(nbDay(p.day)) til konto "
          + "\(AccountNumber.formatted(sender.account) ?? sender.account).")
      agreed.append(
        "Hvis beløpet ikke er betalt innen fristen, kan saken gå videre til neste steg i "
          + "innkrevingen uten nytt varsel fra oss, og det kan påløpe flere kostnader.")
    }
    if let d = a.dispute {
      let what =
        d.amount.map { "\($0.formatted(.nb)) av faktura \(d.invoice)" }
        ?? "hele faktura \(d.invoice)"
      agreed.append(
        "Vi har mottatt innsigelsen din mot \(what) (\(reasonText(d.reason))). Det omstridte "
          + "beløpet holdes utenfor innkrevingen til saken er avklart"
          + (d.amount == nil ? "." : "; resten av kravet skal betales som vanlig."))
    }
    if let h = a.holdUntil {
      agreed.append("Vi stanser innkrevingen til og med \(nbDay(h)).")
    }
    if a.proposePlan {
      agreed.append("Vi sender deg et forslag til nedbetalingsavtale som du kan signere.")
    }
    if !agreed.isEmpty { lines += ["Dette avtalte vi:"] + agreed.map { "- " + $0 } + [""] }
    if !open.isEmpty {
      lines.append("Åpne krav:")
      for o in open {
        lines.append(
          "- Faktura \(o.invoice): \(o.outstanding.formatted(.nb))"
            + (o.kid.map { ", KID \($0)" } ?? ""))
      }
      lines.append("")
    }
    lines += [
      "Si fra snarest hvis noe i oppsummeringen ikke stemmer.", "", "Vennlig hilsen",
    ]
    lines += signature(sender)
    return lines.joined(separator: "\n") + "\n"
  }

  /// The documentation e-mail when an objection is rejected: what was objected, why the
  /// creditor disagrees, the reply window, and that collection resumes after it.
  public static func disputeRejected(
    sender: MailSender, customer: Customer, dispute d: Dispute, answer: String,
    outstanding: Money, resolvedOn: Day, at: String
  ) -> MailDraft {
    let resume = resolvedOn.adding(days: Dispute.replyWindowDays)
    let what =
      d.amount.map { "\($0.formatted(.nb)) av faktura \(d.invoice)" }
      ?? "faktura \(d.invoice)"
    var lines = [
      "Hei \(customer.name),", "",
      "Vi viser til innsigelsen din av \(nbDay(d.openedOn)) mot \(what) "
        + "(\(reasonText(d.reason))).",
    ]
    // `d.text` is the collector's note of the objection (typed on the call), not the
    // customer's words: it is never quoted here (issue 20).
    lines += [
      "",
      "Vi har gått gjennom saken og kan ikke se at innsigelsen gir grunnlag for å endre kravet:",
      answer.trimmingCharacters(in: .whitespacesAndNewlines), "",
      "Utestående på fakturaen er \(outstanding.formatted(.nb)). Hvis du fortsatt er uenig, ber "
        + "vi deg svare oss innen \(nbDay(resume)) og fortelle hvorfor. Hører vi ikke fra deg "
        + "innen da, fortsetter innkrevingen, og det kan påløpe flere kostnader. Står du fast "
        + "ved innsigelsen, kan saken bli brakt inn for forliksrådet.",
      "", "Vennlig hilsen",
    ]
    lines += signature(sender)
    return draft(
      sender: sender, customer: customer, subject: "Svar på innsigelse mot faktura \(d.invoice)",
      body: lines, at: at, kind: "innsigelse")
  }

  /// The Norwegian words for a dispute reason code.
  public static func reasonText(_ code: String) -> String {
    switch code {
    case "defect": return "mangel ved leveransen"
    case "wrong-amount": return "feil beløp"
    case "not-ordered": return "ikke bestilt"
    case "already-paid": return "allerede betalt"
    default: return "annen grunn"
    }
  }

  static func nbDay(_ d: Day) -> String {
    let c = d.components
    func two(_ v: Int) -> String { v < 10 ? "0\(v)" : "\(v)" }
    return "\(two(c.day)).\(two(c.month)).\(c.year)"
  }

  static func signature(_ s: MailSender) -> [String] {
    var l = [s.name]
    if let p = s.phone { l.append("Telefon \(p)") }
    if let e = s.email { l.append("E-post \(e)") }
    l.append("Org.nr. \(OrgNumber.formatted(s.orgnr) ?? s.orgnr)")
    return l
  }

  static func draft(
    sender: MailSender, customer: Customer, subject: String, body: [String], at: String,
    kind: String
  ) -> MailDraft {
    let text = body.joined(separator: "\n") + "\n"
    let stamp = at.filter { $0.isNumber }.prefix(14)
    let safeId = customer.id.filter { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-") }
    let fileName = "\(at.prefix(10))-\(kind)-\(safeId.isEmpty ? "kunde" : safeId).eml"
    let senderEmail = sender.email.flatMap { EmailAddress.isValid($0) ? $0 : nil }
    let domain =
      senderEmail.flatMap { $0.split(separator: "@").last.map(String.init) }
      ?? "krav.invalid"
    var headers: [String] = []
    headers.append("From: \(address(sender.name, senderEmail ?? "post@\(domain)"))")
    if let to = customer.email {
      headers.append("To: \(address(customer.name, to))")
    } else {
      headers.append("To: \(encodedWord(customer.name)):;")
    }
    headers.append("Subject: \(encodedWord(subject))")
    headers.append("Date: \(rfc5322Date(at))")
    headers.append("Message-ID: <krav-\(kind)-\(safeId)-\(stamp)@\(domain)>")
    headers.append("MIME-Version: 1.0")
    headers.append("Content-Type: text/plain; charset=UTF-8")
    headers.append("Content-Transfer-Encoding: quoted-printable")
    headers.append("X-Krav-Draft: review before sending")
    let eml = headers.joined(separator: "\r\n") + "\r\n\r\n" + quotedPrintable(text)
    return MailDraft(fileName: fileName, subject: subject, body: text, eml: eml)
  }

  /// `"Name" <addr>` with the name as an RFC 2047 encoded word when it is not plain ASCII.
  static func address(_ name: String, _ email: String) -> String {
    // Never a raw address that is not an addr-spec: a CR/LF in it would add headers (Bcc:).
    guard EmailAddress.isValid(email) else { return "undisclosed-recipients:;" }
    let word = encodedWord(name)
    let last = word.components(separatedBy: "\r\n").last ?? word
    // "From: " + name + " <address>" folded before the address when the line would be long.
    let fits = 6 + last.utf8.count + email.utf8.count + 3 <= 78
    return fits ? "\(word) <\(email)>" : "\(word)\r\n <\(email)>"
  }

  /// A header text as itself when printable ASCII, else `=?UTF-8?B?…?=` (RFC 2047).
  public static func encodedWord(_ text: String) -> String {
    if text.utf8.allSatisfy({
      $0 >= 32 && $0 < 127 && $0 != UInt8(ascii: "\"") && $0 != UInt8(ascii: "\\")
    }) {
      return text.contains(where: { ",;:<>@()".contains($0) }) ? "\"\(text)\"" : text
    }
    // Each encoded word at most 75 characters (RFC 2047 § 2): up to 45 bytes of UTF-8 each,
    // whole characters only, folded onto continuation lines.
    var words: [[UInt8]] = []
    var chunk: [UInt8] = []
    for ch in text {
      let bytes = Array(String(ch).utf8)
      if chunk.count + bytes.count > 45 {
        words.append(chunk)
        chunk = []
      }
      chunk += bytes
    }
    if !chunk.isEmpty { words.append(chunk) }
    return words.map { "=?UTF-8?B?\(Data($0).base64EncodedString())?=" }.joined(separator: "\r\n ")
  }

  /// RFC 5322 date from an event timestamp `2026-11-30T10:00:00+01:00` (`MailDate`).
  static func rfc5322Date(_ at: String) -> String { MailDate.rfc5322(at) ?? at }

  /// Quoted-printable (RFC 2045) of UTF-8 text with LF line ends: CRLF line ends, lines of at
  /// most 76 characters (soft breaks `=`), every non-ASCII byte and `=` as `=XX`.
  public static func quotedPrintable(_ text: String) -> String {
    let hex = Array("0123456789ABCDEF".utf8)
    var out: [String] = []
    for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
      var current: [UInt8] = []
      let bytes = Array(line.utf8)
      for (i, b) in bytes.enumerated() {
        let last = i == bytes.count - 1
        var token: [UInt8]
        if (b >= 33 && b <= 126 && b != UInt8(ascii: "=")) || ((b == 32 || b == 9) && !last) {
          token = [b]
        } else {
          token = [UInt8(ascii: "="), hex[Int(b >> 4)], hex[Int(b & 15)]]
        }
        if current.count + token.count > 75 {
          out.append(String(decoding: current + [UInt8(ascii: "=")], as: UTF8.self))
          current = []
        }
        current += token
      }
      out.append(String(decoding: current, as: UTF8.self))
    }
    return out.joined(separator: "\r\n")
  }

  /// Decodes quoted-printable back to text (for tests and review of a stored draft).
  public static func decodeQuotedPrintable(_ qp: String) -> String {
    var bytes: [UInt8] = []
    let lines = qp.replacingOccurrences(of: "\r\n", with: "\n").split(
      separator: "\n", omittingEmptySubsequences: false)
    for (n, line) in lines.enumerated() {
      var u = Array(line.utf8)
      let soft = u.last == UInt8(ascii: "=")
      if soft { u.removeLast() }
      var i = 0
      while i < u.count {
        if u[i] == UInt8(ascii: "="), i + 2 < u.count,
          let v = UInt8(String(decoding: u[(i + 1)...(i + 2)], as: UTF8.self), radix: 16)
        {
          bytes.append(v)
          i += 3
        } else {
          bytes.append(u[i])
          i += 1
        }
      }
      if !soft && n < lines.count - 1 { bytes.append(10) }
    }
    return String(decoding: bytes, as: UTF8.self)
  }
}
