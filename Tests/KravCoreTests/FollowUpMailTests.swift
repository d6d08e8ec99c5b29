import Foundation
import Testing

@testable import KravCore

private let sender = MailSender(
  name: "Fjordkraft Rørleggerservice AS", orgnr: "123456785", account: "86011117947",
  email: "regnskap@fjord.example", phone: "+47 55 00 00 00")

private func debtor() -> Customer {
  var c = Customer(id: "K1", name: "Bjørn Løvås", kind: .consumer)
  c.email = "bjorn@example.no"
  return c
}

@Test("the follow-up e-mail: MIME headers, UTF-8 quoted-printable, what was agreed")
func callSummaryMail() {
  let agreement = CallAgreement(
    outcome: "reached",
    promise: (Money(kroner: 2_000), Day(parsing: "2026-12-04")!))
  let mail = FollowUpMail.callSummary(
    sender: sender, customer: debtor(), agreement: agreement,
    open: [(invoice: "1001", kid: "10019", outstanding: Money(ore: 1_275_828))],
    at: "2026-11-30T10:15:00+01:00")
  #expect(mail.fileName == "2026-11-30-samtale-K1.eml")
  let (head, body) = split(mail.eml)
  #expect(head.contains("MIME-Version: 1.0"))
  #expect(head.contains("Content-Type: text/plain; charset=UTF-8"))
  #expect(head.contains("Content-Transfer-Encoding: quoted-printable"))
  #expect(head.contains("Date: Mon, 30 Nov 2026 10:15:00 +0100"))
  #expect(
    head.contains(
      "To: =?UTF-8?B?\(Data("Bjørn Løvås".utf8).base64EncodedString())?= <bjorn@example.no>"))
  #expect(head.contains("Subject: Oppsummering av samtalen 30.11.2026"))
  #expect(mail.eml.utf8.allSatisfy { $0 < 128 }, "7-bit on the wire")
  for line in head.components(separatedBy: "\r\n") { #expect(line.utf8.count <= 78, "\(line)") }
  #expect(head.contains("From: =?UTF-8?B?"), "the creditor's name has ø: encoded, folded")
  for line in body.components(separatedBy: "\r\n") { #expect(line.utf8.count <= 76) }
  let text = FollowUpMail.decodeQuotedPrintable(body)
  #expect(text == mail.body)
  #expect(text.contains("Hei Bjørn Løvås,"))
  #expect(text.contains("Du betaler 2 000,00 kr innen 04.12.2026 til konto 8601.11.17947."))
  #expect(text.contains("kan påløpe flere kostnader"), "costs may rise (god inkassoskikk)")
  #expect(!text.contains("vil påløpe"))
  #expect(text.contains("Faktura 1001: 12 758,28 kr, KID 10019"))
  #expect(text.contains("Takk for samtalen 30.11.2026"))
}

@Test("the rejection e-mail names the objection, the answer and the reply window")
func disputeRejectedMail() {
  let d = Dispute(
    eventId: "kari:7", invoice: "1001", openedOn: Day(parsing: "2026-11-10")!,
    amount: Money(kroner: 2_500), reason: "defect", text: "Riper i lakken")
  let mail = FollowUpMail.disputeRejected(
    sender: sender, customer: debtor(), dispute: d, answer: "Bildene viser ingen riper.",
    outstanding: Money(kroner: 10_000), resolvedOn: Day(parsing: "2026-11-30")!,
    at: "2026-11-30T11:00:00+01:00")
  let text = FollowUpMail.decodeQuotedPrintable(split(mail.eml).1)
  #expect(text.contains("innsigelsen din av 10.11.2026 mot 2 500,00 kr av faktura 1001"))
  #expect(text.contains("mangel ved leveransen"))
  #expect(text.contains("Bildene viser ingen riper."))
  #expect(text.contains("svare oss innen 14.12.2026"))
  #expect(text.contains("forliksrådet"))
  #expect(mail.fileName == "2026-11-30-innsigelse-K1.eml")
}

@Test("quoted-printable round-trips æøå, '=', trailing spaces and long lines")
func quotedPrintableRoundTrip() {
  let text =
    "Blåbærsyltetøy = godt \nÆØÅ æøå \t\n" + String(repeating: "ø", count: 80) + "\nslutt"
  let qp = FollowUpMail.quotedPrintable(text)
  #expect(qp.utf8.allSatisfy { $0 < 128 })
  #expect(qp.components(separatedBy: "\r\n").allSatisfy { $0.utf8.count <= 76 })
  #expect(FollowUpMail.decodeQuotedPrintable(qp) == text)
  #expect(FollowUpMail.encodedWord("Plain") == "Plain")
  #expect(FollowUpMail.encodedWord("Løvås").hasPrefix("=?UTF-8?B?"))
}

@Test("the call log input becomes the call, a promise, an objection, a hold and a plan marker")
func callLogEvents() {
  let input = CallLogInput(
    customer: "K1", outcome: .reached, summary: "Avtalt\n", outsideReason: " Kunden ba om det ",
    promise: .init(amount: Money(kroner: 500), day: Day(parsing: "2026-12-04")!),
    dispute: .init(invoice: "1002", amount: Money(kroner: 100), reason: .defect, text: "Bulk"),
    hold: .init(until: Day(parsing: "2026-12-10")!, reason: "Sykehus"), proposePlan: true)
  let events = CallLog.events(input, today: Day(parsing: "2026-11-30")!, letter: "letters/x.eml")
  #expect(events.map(\.type) == [.callLogged, .promiseMade, .disputeOpened, .holdSet, .noteAdded])
  #expect(events[0].text == "Avtalt")
  #expect(events[0].reason == "Kunden ba om det")
  #expect(events[0].ref == "letters/x.eml")
  #expect(events[1].amount == 50_000 && events[1].date == Day(parsing: "2026-12-04"))
  #expect(events[2].invoice == "1002" && events[2].amount == 10_000 && events[2].channel == "phone")
  #expect(events[3].until == Day(parsing: "2026-12-10") && events[3].text == "Sykehus")
  #expect(events[4].reason == "propose-plan")
}

private func split(_ eml: String) -> (String, String) {
  let parts = eml.components(separatedBy: "\r\n\r\n")
  return (parts[0], parts.dropFirst().joined(separator: "\r\n\r\n"))
}

// MARK: - Issue 20: the e-mail is its own text; every problem at once

/// K1 Bjørn Løvås with an e-mail address and two open claims (1001 and 1002).
private func ledgerWithTwoClaims() -> Ledger {
  foldNumbered([
    foldEvent(.customerAdded, "2026-09-01") {
      $0.name = "Bjørn Løvås"
      $0.kind = "consumer"
      $0.email = "bjorn@example.no"
      $0.phone = "+47 400 00 000"
    },
    foldEvent(.claimAdded, "2026-09-01", invoice: "1001") {
      $0.amount = 500_000
      $0.issued = Day(parsing: "2026-09-01")
      $0.due = Day(parsing: "2026-09-15")
    },
    foldEvent(.claimAdded, "2026-09-01", invoice: "1002") {
      $0.amount = 200_000
      $0.issued = Day(parsing: "2026-09-01")
      $0.due = Day(parsing: "2026-09-15")
    },
  ])
}

@Test(
  "the follow-up e-mail never carries the call's internal summary; the template says what was agreed"
)
func followUpNeverTheSummary() {
  let ledger = ledgerWithTwoClaims()
  let today = Day(parsing: "2026-11-30")!
  let note = "Snakket med Solveig – virket stresset, sjekk lønn fredag"
  let input = CallLogInput(
    customer: "K1", outcome: .reached, summary: note,
    promise: .init(amount: Money(kroner: 1_500), day: Day(parsing: "2026-12-04")!, invoice: "1002"),
    dispute: .init(
      invoice: "1001", amount: nil, reason: .defect, text: "Kunden sier lakken flasser"),
    proposePlan: true)
  let at = "2026-11-30T10:15:00+01:00"
  let template = CallLog.followUpTemplate(
    input, ledger: ledger, sender: sender, today: today, at: at)!
  #expect(!template.contains("Solveig") && !template.contains("stresset"))
  #expect(!template.contains("lakken flasser"), "the collector's note of the objection is no quote")
  #expect(template.contains("Du betaler 1 500,00 kr for faktura 1002 innen 04.12.2026"))
  #expect(template.contains("Vi har mottatt innsigelsen din mot hele faktura 1001"))
  #expect(template.contains("forslag til nedbetalingsavtale"))
  // Without an edited text the draft is the template; with one, exactly that text.
  let plain = CallLog.followUp(input, ledger: ledger, sender: sender, today: today, at: at)!
  #expect(plain.body == template)
  let edited = CallLog.followUp(
    input, ledger: ledger, sender: sender, today: today, at: at,
    body: "Hei Bjørn,\n\nTakk for praten.\n\nVennlig hilsen\nFjord")!
  #expect(edited.body == "Hei Bjørn,\n\nTakk for praten.\n\nVennlig hilsen\nFjord\n")
  #expect(FollowUpMail.decodeQuotedPrintable(split(edited.eml).1) == edited.body)
  #expect(!edited.body.contains("Solveig"))
}

@Test(
  "the rejection e-mail does not quote the collector's note of the objection as the customer's words"
)
func rejectionDoesNotQuoteTheNote() {
  let d = Dispute(
    eventId: "kari:7", invoice: "1001", openedOn: Day(parsing: "2026-11-10")!,
    amount: nil, reason: "defect", text: "Snakket med Solveig, hun mener lakken flasser")
  let mail = FollowUpMail.disputeRejected(
    sender: sender, customer: debtor(), dispute: d, answer: "Bildene viser ingen riper.",
    outstanding: Money(kroner: 10_000), resolvedOn: Day(parsing: "2026-11-30")!,
    at: "2026-11-30T11:00:00+01:00")
  #expect(!mail.body.contains("Solveig"))
  #expect(!mail.body.contains("Du skrev"))
  #expect(mail.body.contains("mangel ved leveransen"))
}

@Test(
  "a typed call log reports every problem at once: bad amount, bad day, missing summary, hold reason"
)
func callLogCheckFindsEverythingAtOnce() {
  let ledger = ledgerWithTwoClaims()
  let today = Day(parsing: "2026-11-30")!
  var text = CallLogText(customer: "K1", outcome: .reached)
  text.promiseAmount = "tusen"
  text.promiseDate = "32.13.2026"
  text.disputeText = "Sier varen var skadet"  // no invoice
  text.holdUntil = "2026-11-01"  // before today, and no reason
  let (input, problems) = CallLog.check(
    text, ledger: ledger, today: today, now: LocalMoment(day: today, minute: 600),
    settings: CallSettings())
  #expect(input == nil)
  let found = Set(problems.map { "\($0.field) \($0.code.rawValue)" })
  #expect(
    found == [
      "promise amount bad-amount", "promise date bad-day", "dispute invoice required",
      "summary required", "hold until before-today", "hold reason required",
    ])
  // Fixed: no problems, and the promise keeps its invoice.
  text.summary = "Snakket med Bjørn"
  text.promiseAmount = "1 000"
  text.promiseDate = "04.12.2026"
  text.promiseInvoice = "1002"
  text.disputeText = ""
  text.holdUntil = ""
  let fixed = CallLog.check(
    text, ledger: ledger, today: today, now: LocalMoment(day: today, minute: 600),
    settings: CallSettings())
  #expect(fixed.problems.isEmpty)
  #expect(fixed.input?.promise?.invoice == "1002")
  // A no-answer call needs no summary.
  let quiet = CallLog.check(
    CallLogText(customer: "K1", outcome: .noAnswer), ledger: ledger, today: today,
    now: LocalMoment(day: today, minute: 600), settings: CallSettings())
  #expect(quiet.problems.isEmpty)
}
