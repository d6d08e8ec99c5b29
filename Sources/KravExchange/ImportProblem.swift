import KravCore

/// What is wrong with one row, record or field of an imported file, as a value the interface
/// words in Norwegian bokmål or English (issue 20). Values from the file are quoted only where
/// they help and are never a fødselsnummer.
public enum ImportProblem: Hashable, Sendable {
  // The file as a whole (CSVInput, FileImport).
  case cannotRead, notUTF8, notCSV, emptyCSV, notAnImportFile, bankFileNotHere
  case notABankFile
  case fieldCount(got: Int, header: Int)
  case columnTwice, columnMissing
  // Customers (AccountingImport).
  case customerAlsoOnLine(String, line: Int)
  case customerDiffers(String, fields: [String])
  case customerIdRequired, nameRequired
  case badKind(String), badOrgnr(String), badBirthNumber, badEmail, badPostcode(String)
  case badConsentDay(String), consentNeedsEmail
  // Invoices.
  /// The row's customer was rejected in the customers file (its first problem's place).
  case customerRowRejected(String, file: String, line: Int, field: String)
  case invoiceRequired, unknownCustomer(String), dueBeforeIssue(due: Day, issued: Day)
  case notAnAmount(String), amount(Money.InputProblem, got: String), amountRequired
  case badKid(String), kidAlsoOnLine(String, line: Int), kidTaken(String, invoice: String)
  case invoiceAlsoOnLine(String, line: Int), invoiceOfOther(String, owner: String, not: String)
  case amountDiffers(String, stored: Money, file: Money), invoiceDiffers(String, fields: [String])
  case dateRequired, notADate(String)
  // Bank files (PaymentImport).
  /// The notification's account (nil: none named) is not one of the creditor's.
  case notCreditorsAccount(String?, creditors: [String])
  /// A payment in another currency with no NOK counter-value (`original`: "EUR 10.00").
  case notNOK(original: String?)
  case paymentAfterToday(Day, today: Day)
  // Findings that do not stop a bank import.
  case reversalNotFound(Money, kid: String?)
  case otherAccount(String?)
  case datedLongAgo(Day, days: Int), datedAhead(Day, days: Int)
  /// A bank file's record-level detail (OCR giro, camt.054 structure), worded in English.
  case detail(String)

  /// The problem in `lang`.
  // swiftlint:disable:next cyclomatic_complexity function_body_length
  public func text(_ lang: Language) -> String {
    let nb = lang == .nb
    switch self {
    case .cannotRead: return nb ? "kan ikke lese filen" : "cannot read the file"
    case .notUTF8:
      return nb
        ? "ikke UTF-8-tekst (lagre filen som UTF-8)" : "not UTF-8 text (save the file as UTF-8)"
    case .notCSV: return nb ? "kan ikke lese filen som CSV" : "cannot read the file as CSV"
    case .emptyCSV:
      return nb
        ? "filen er tom (en overskriftsrad er påkrevd)"
        : "the file is empty (a header row is required)"
    case .notAnImportFile:
      return nb
        ? "ikke en CSV med kunder eller fakturaer (ingen customer_id/invoice_no i overskriften) og ikke en bankfil (camt.054 eller OCR giro)"
        : "not a customers or invoices CSV (no customer_id/invoice_no header) nor a bank file (camt.054 or OCR giro)"
    case .bankFileNotHere:
      return nb
        ? "bankfiler kan ikke importeres her; bruk 'krav import payments'"
        : "bank files cannot be imported here; use 'krav import payments'"
    case .notABankFile:
      return nb
        ? "ikke en OCR giro-fil (linjer som starter med NY) eller en camt.054 XML-fil"
        : "not an OCR giro file (lines starting NY) or a camt.054 XML file"
    case .fieldCount(let got, let header):
      return nb
        ? "\(got) felt, men overskriften har \(header) (et skilletegn inne i en verdi må stå i anførselstegn)"
        : "\(got) fields but the header has \(header) (a separator inside a value needs quotes)"
    case .columnTwice: return nb ? "kolonnen står to ganger" : "column appears twice"
    case .columnMissing:
      return nb
        ? "en påkrevd kolonne mangler i overskriften" : "required column is missing from the header"
    case .customerAlsoOnLine(let id, let line):
      return nb
        ? "kunde \(id) står også på linje \(line)" : "customer \(id) is also on line \(line)"
    case .customerDiffers(let id, let fields):
      let f = fields.joined(separator: ", ")
      return nb
        ? "kunde \(id) er allerede registrert med annen \(f) (bruk --update for å endre)"
        : "customer \(id) is already registered with other \(f) (use --update to change it)"
    case .customerIdRequired: return nb ? "en kunde-id er påkrevd" : "a customer id is required"
    case .nameRequired: return nb ? "et navn er påkrevd" : "a name is required"
    case .badKind(let k):
      return nb
        ? "forventet consumer/person eller business/company, fikk '\(k)'"
        : "expected consumer/person or business/company, got '\(k)'"
    case .badOrgnr(let o):
      return nb
        ? "'\(o)' er ikke et gyldig organisasjonsnummer (9 sifre, kontrollsiffer etter MOD11)"
        : "'\(o)' is not a valid organisasjonsnummer (9 digits, MOD11 check digit)"
    case .badBirthNumber:
      return nb
        ? "ikke et gyldig fødselsnummer (11 sifre, to kontrollsifre)"
        : "not a valid fødselsnummer (11 digits, two check digits)"
    case .badEmail:
      return nb
        ? "ikke en e-postadresse (forventet navn@eksempel.no: uten mellomrom, anførselstegn eller kontrolltegn)"
        : EmailAddress.problem
    case .badPostcode(let p):
      return nb
        ? "forventet et norsk postnummer på 4 sifre, fikk '\(p)'"
        : "expected a 4-digit Norwegian postcode, got '\(p)'"
    case .badConsentDay(let c):
      return nb
        ? "forventet samtykkedagen som YYYY-MM-DD eller DD.MM.YYYY, fikk '\(c)'"
        : "expected the day of consent as YYYY-MM-DD or DD.MM.YYYY, got '\(c)'"
    case .consentNeedsEmail:
      return nb
        ? "samtykke til varsler på e-post krever en e-postadresse (email)"
        : "consent to notices by e-mail needs an email"
    case .customerRowRejected(let id, let file, let line, let field):
      return nb
        ? "kunde \(id) har en feil i \(file):\(line) (\(field)); denne raden ble ikke sjekket videre"
        : "customer \(id) has an error in \(file):\(line) (\(field)); this row was not checked further"
    case .invoiceRequired:
      return nb ? "et fakturanummer er påkrevd" : "an invoice number is required"
    case .unknownCustomer(let id):
      return nb
        ? "ingen kunde med id \(id) (importer kundene først)"
        : "no customer with id \(id) (import the customers first)"
    case .dueBeforeIssue(let due, let issued):
      return nb
        ? "forfallsdatoen \(due.iso) er før fakturadatoen \(issued.iso)"
        : "the due date \(due.iso) is before the issue date \(issued.iso)"
    case .notAnAmount(let a):
      return nb
        ? "'\(a)' er ikke et beløp (1234.50, 1234,50 eller 1 234,50)"
        : "'\(a)' is not an amount (1234.50, 1234,50 or 1 234,50)"
    case .amount(let p, let got):
      guard nb else { return "\(p), got '\(got)'" }
      switch p {
      case .notAnAmount: return "forventet et beløp som 1234,50 eller 1 234,50, fikk '\(got)'"
      case .notPositive: return "må være mer enn 0, fikk '\(got)'"
      case .tooLarge:
        return
          "over det største beløpet Krav godtar (\(Money.maximumAmount.jsonString)), fikk '\(got)'"
      }
    case .amountRequired: return nb ? "et beløp er påkrevd" : "an amount is required"
    case .badKid(let k):
      return nb
        ? "'\(k)' er ikke en gyldig KID (2–25 sifre, kontrollsiffer etter MOD10 eller MOD11)"
        : "'\(k)' is not a valid KID (2–25 digits, MOD10 or MOD11 check digit)"
    case .kidAlsoOnLine(let k, let line):
      return nb ? "KID \(k) står også på linje \(line)" : "KID \(k) is also on line \(line)"
    case .kidTaken(let k, let inv):
      return nb
        ? "KID \(k) hører allerede til faktura \(inv)"
        : "KID \(k) already belongs to invoice \(inv)"
    case .invoiceAlsoOnLine(let inv, let line):
      return nb
        ? "faktura \(inv) står også på linje \(line)" : "invoice \(inv) is also on line \(line)"
    case .invoiceOfOther(let inv, let owner, let not):
      return nb
        ? "faktura \(inv) hører til kunde \(owner), ikke \(not)"
        : "invoice \(inv) belongs to customer \(owner), not \(not)"
    case .amountDiffers(let inv, let stored, let file):
      return nb
        ? "faktura \(inv) er registrert med \(stored.jsonString), filen sier \(file.jsonString) (bruk --update for å endre)"
        : "invoice \(inv) is registered with \(stored.jsonString), the file says \(file.jsonString) (use --update to change it)"
    case .invoiceDiffers(let inv, let fields):
      let f = fields.joined(separator: ", ")
      return nb
        ? "faktura \(inv) er registrert med annen \(f) (bruk --update for å endre)"
        : "invoice \(inv) is registered with another \(f) (use --update to change it)"
    case .dateRequired: return nb ? "en dato er påkrevd" : "a date is required"
    case .notADate(let d):
      return nb
        ? "'\(d)' er ikke en dato (YYYY-MM-DD eller DD.MM.YYYY)"
        : "'\(d)' is not a date (YYYY-MM-DD or DD.MM.YYYY)"
    case .notCreditorsAccount(let account, let creditors):
      let list = creditors.isEmpty ? (nb ? "ingen" : "none") : creditors.joined(separator: ", ")
      if nb {
        return
          (account.map { "kontoen \($0) er ikke" } ?? "meldingen nevner ingen konto, så den er ikke")
          + " en av kreditors kontoer (\(list)); sjekk filen, legg til kontoen med 'krav account add',"
          + " eller gi --any-account"
      }
      return
        (account.map { "the account \($0) is not" } ?? "the notification names no account, so it")
        + " one of the creditor's accounts (\(list));"
        + " check the file, add the account with 'krav account add', or pass --any-account"
    case .notNOK(let original):
      return nb
        ? "\(original ?? "beløpet") er ikke i NOK og posten oppgir ikke noe NOK-beløp (AmtDtls/CntrValAmt); bare innbetalinger i NOK registreres"
        : "\(original ?? "the amount") is not in NOK and the entry gives no NOK amount (AmtDtls/CntrValAmt); only NOK payments are registered"
    case .paymentAfterToday(let day, let today):
      return nb
        ? "innbetalingsdatoen \(day.iso) er etter i dag (\(today.iso)); en innbetaling kan ikke registreres før den er gjort"
        : PaymentDate.problem(day, today: today) ?? "after today"
    case .reversalNotFound(let amount, let kid):
      let k = kid.map { " (KID \($0))" } ?? ""
      return nb
        ? "banken tok tilbake \(amount.jsonString)\(k), men ingen innbetaling den tilbakefører ble funnet; ført som en uplassert innbetaling på -\(amount.jsonString) for saksbehandleren"
        : "the bank took back \(amount.jsonString)\(k) but no payment it reverses was found; kept as an unmatched payment of -\(amount.jsonString) for the collector"
    case .otherAccount(let account):
      return nb
        ? "registrert for \(account ?? "ingen konto"), ikke en av kreditors kontoer (--any-account)"
        : "registered for \(account ?? "no account"), not one of the creditor's accounts (--any-account)"
    case .datedLongAgo(let day, let days):
      return nb
        ? "datert \(day.iso), \(days) dager før i dag: er dette riktig fil?"
        : "dated \(day.iso), \(days) days before today: is this the right file?"
    case .datedAhead(let day, let days):
      return nb
        ? "datert \(day.iso), \(days) dager etter i dag"
        : "dated \(day.iso), \(days) days ahead of today"
    case .detail(let d): return d
    }
  }
}
