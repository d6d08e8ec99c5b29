/// A letter as it is laid out on paper (the PDF): who sends it, who receives it (the lines
/// that show in the envelope window), its date, references, title and body.
///
/// Built from a step letter's draft (`init(draft:creditor:)`) or from the text of a plan
/// document or notice (`init(id:text:...)`). Stored beside the letter as
/// `letters/<id>.layout.json`, frozen like the `.txt`, so a print batch renders every letter
/// again from exactly what was decided when it was written (KravLetters.LetterPDF).
public struct PrintedLetter: Codable, Hashable, Sendable {
  public struct Sender: Codable, Hashable, Sendable {
    public var name: String
    /// Address lines (the one-line address split at commas).
    public var address: [String]
    public var orgnr: String
    public var account: String
    public var email: String?
    public var phone: String?
  }

  public struct Reference: Codable, Hashable, Sendable {
    public var label: String
    public var value: String
    public init(_ label: String, _ value: String) {
      self.label = label
      self.value = value
    }
  }

  /// One part of the body.
  public enum Block: Codable, Hashable, Sendable {
    /// Running text, wrapped.
    case paragraph(String)
    /// A line in bold.
    case heading(String)
    /// Text whose columns line up (a plan's instalment table written as text): monospaced.
    case preformatted(String)
    /// A table: column titles, which columns are right-aligned (amounts), rows, sum rows.
    case table(columns: [String], rightAligned: [Bool], rows: [[String]], footer: [[String]])
  }

  public var id: String
  public var sender: Sender
  /// Name and address lines, as they show in the envelope window.
  public var recipient: [String]
  /// The day written on the letter.
  public var date: Day
  public var references: [Reference]
  public var title: String
  public var blocks: [Block]

  public init(
    id: String, sender: Sender, recipient: [String], date: Day, references: [Reference],
    title: String, blocks: [Block]
  ) {
    self.id = id
    self.sender = sender
    self.recipient = recipient
    self.date = date
    self.references = references
    self.title = title
    self.blocks = blocks
  }

  /// A one-line address as lines: `Storgata 1, 0155 Oslo` → `Storgata 1` / `0155 Oslo`.
  public static func addressLines(_ address: String?) -> [String] {
    guard let address else { return [] }
    return address.split(separator: ",").map { String($0).trimmingSpaces }.filter { !$0.isEmpty }
  }

  public static func sender(_ c: Creditor) -> Sender {
    Sender(
      name: c.name, address: addressLines(c.address),
      orgnr: OrgNumber.formatted(c.orgnr) ?? c.orgnr,
      account: AccountNumber.formatted(c.account) ?? c.account, email: c.email, phone: c.phone)
  }

  /// An amount as a printed letter writes it: thin spaces (U+2009) between the thousands,
  /// a decimal comma, `kr` after a no-break space: `12 345,50 kr`.
  public static func kr(_ m: Money) -> String {
    let plain = m.formatted(.nb)  // "12 345,50 kr"
    guard plain.hasSuffix(" kr") else { return plain }
    let number = plain.dropLast(3).replacingOccurrences(of: " ", with: "\u{2009}")
    return number + "\u{00A0}kr"
  }
}

extension PrintedLetter {
  /// The printed form of a step letter: the same words as the `.txt` (LetterText), with the
  /// amounts as a table and the references in the info block.
  public init(draft l: LetterDraft, creditor: Creditor) {
    let clean = { (s: String) in VisibleText.stripped(s) }
    var recipient: [String]
    switch l.step {
    case .utlegg: recipient = [Court.namsmannen]
    case .forliksklage: recipient = [Court.forliksraad(address: l.customerAddress)]
    case .agency: recipient = [l.agencyName ?? "Inkassobyrået"]
    default: recipient = [l.customerName] + PrintedLetter.addressLines(l.customerAddress)
    }
    var refs = [Reference("Dato", LetterText.day(l.sent)), Reference("Kundenr.", l.customerId)]
    refs.append(
      Reference(l.lines.count > 1 ? "Fakturaer" : "Faktura", l.invoices.joined(separator: ", ")))
    let kids = l.lines.compactMap(\.kid)
    if !kids.isEmpty { refs.append(Reference("KID", kids.joined(separator: ", "))) }
    if let d = l.deadline { refs.append(Reference("Betalingsfrist", LetterText.day(d))) }
    refs.append(Reference("Vår ref.", l.id))
    var blocks: [Block] = []
    for p in LetterText.intro(l, creditor: creditor) where !p.isEmpty {
      blocks.append(.paragraph(clean(p)))
    }
    // The claims, then the amounts as a table.
    for line in l.lines {
      let moved =
        line.movedDue != line.due ? " (opprinnelig forfall \(LetterText.day(line.due)))" : ""
      var s =
        "Faktura \(line.invoice) datert \(LetterText.day(line.issued)), forfall"
        + " \(LetterText.day(line.movedDue))" + moved + (line.kid.map { ", KID \($0)" } ?? "")
      if let text = line.text?.trimmingSpaces, !text.isEmpty { s += ". Gjelder: \(text)" }
      if line.withheld.isPositive {
        s +=
          ". Delvis bestridt: \(PrintedLetter.kr(line.withheld)) av hovedstolen holdes tilbake"
          + (line.withheldReason.map { " (\($0))" } ?? "")
          + " og kreves ikke nå. Beløpene nedenfor gjelder den ubestridte delen."
      }
      blocks.append(.paragraph(clean(s)))
    }
    var principal = Money.zero
    var interest = Money.zero
    var fees = Money.zero
    var rows: [[String]] = []
    for line in l.lines {
      principal += line.principal
      interest += line.interest
      fees += line.earlierFees + line.fee
      rows.append([
        clean(line.invoice), PrintedLetter.kr(line.principal), PrintedLetter.kr(line.interest),
        PrintedLetter.kr(line.earlierFees + line.fee), PrintedLetter.kr(line.total),
      ])
    }
    blocks.append(
      .table(
        columns: ["Faktura", "Hovedstol", "Renter", "Gebyr", "Å betale"],
        rightAligned: [false, true, true, true, true], rows: rows,
        footer: [
          [
            "Sum", PrintedLetter.kr(principal), PrintedLetter.kr(interest), PrintedLetter.kr(fees),
            PrintedLetter.kr(l.total),
          ]
        ]))
    // The fee lines and the interest account, as the text letter has them (after its table).
    let amountLines = LetterText.amounts(l)
    if let sumIndex = amountLines.firstIndex(where: { $0.hasPrefix("Hovedstol:") }) {
      let notes = amountLines[sumIndex...].filter {
        !$0.hasPrefix("Hovedstol:") && !$0.hasPrefix("Renter:")
      }
      blocks.append(.paragraph(clean(notes.joined(separator: "\n"))))
    }
    blocks.append(
      .paragraph(clean(LetterText.interest(l).map { $0.trimmingSpaces }.joined(separator: "\n"))))
    blocks.append(
      .paragraph(
        clean(
          LetterText.closing(l, creditor: creditor).map { $0.trimmingSpaces }.joined(
            separator: "\n"))))
    blocks.append(.paragraph("Med vennlig hilsen\n\(clean(creditor.name))"))
    self.init(
      id: l.id, sender: PrintedLetter.sender(creditor), recipient: recipient.map(clean),
      date: l.sent, references: refs,
      title: LetterText.title(l.step, includes418: l.includes418), blocks: blocks)
  }

  /// The printed form of a document written as text (a plan, an acceleration notice, a call
  /// follow-up): the text's own letterhead and address (everything before the date line) are
  /// left out, as the letter's letterhead and window show them; lines indented by spaces (the
  /// text's tables) are set monospaced so their columns line up.
  public init(
    id: String, text: String, creditor: Creditor, recipient: [String], date: Day,
    references: [Reference], title: String
  ) {
    var body = VisibleText.stripped(text)
    let dateLine = "\n" + LetterText.day(date) + "\n\n"
    if let r = body.range(of: dateLine) { body = String(body[r.upperBound...]) }
    var blocks: [Block] = []
    for chunk in body.components(separatedBy: "\n\n") {
      let lines = chunk.split(separator: "\n", omittingEmptySubsequences: true).map(String.init)
      guard !lines.isEmpty else { continue }
      var plain: [String] = []
      var mono: [String] = []
      func flush() {
        if !plain.isEmpty { blocks.append(.paragraph(plain.joined(separator: "\n"))) }
        if !mono.isEmpty { blocks.append(.preformatted(mono.joined(separator: "\n"))) }
        plain = []
        mono = []
      }
      for line in lines {
        if line.hasPrefix("  ") {
          if !plain.isEmpty { flush() }
          mono.append(line)
        } else {
          if !mono.isEmpty { flush() }
          plain.append(line)
        }
      }
      flush()
    }
    // The text's first line is its title when it is written in capitals (the plan's
    // "NEDBETALINGSAVTALE nr. …"): the printed letter sets it as the title instead.
    if case .paragraph(let p)? = blocks.first, p.hasPrefix(title) || title.isEmpty {
      let first = p.split(separator: "\n", maxSplits: 1).map(String.init)
      blocks[0] = first.count > 1 ? .paragraph(first[1]) : .paragraph("")
      if first.count == 1 { blocks.removeFirst() }
      self.init(
        id: id, sender: PrintedLetter.sender(creditor), recipient: recipient, date: date,
        references: references, title: first[0], blocks: blocks)
      return
    }
    self.init(
      id: id, sender: PrintedLetter.sender(creditor), recipient: recipient, date: date,
      references: references, title: title, blocks: blocks)
  }
}
