import Foundation
import KravCore

/// What an accounting import will write: the drafts, and counts for the report.
public struct ImportPlan: Sendable {
  /// Drafts to append in one write (ids, times and writer filled in by the store).
  public var events: [Event] = []
  public var added = 0
  public var updated = 0
  /// Rows identical to what the store already holds (a re-import): nothing written for them.
  public var unchanged = 0
  public init() {}
}

/// CSV import of customers and invoices from an accounting system (cli.md columns).
///
/// Every row is validated; on any error the import fails as a whole with every bad row listed
/// (`file:line: field: what is wrong`) and nothing is written. A row identical to what the
/// store holds is skipped, so importing the same file again changes nothing. A row that would
/// change a known customer or invoice is an error unless `update` is set; then it becomes a
/// `customer-updated` or `claim-updated` event.
public enum AccountingImport {
  public static let customerColumns = [
    "customer_id", "name", "kind", "orgnr", "birth_number", "email", "phone", "address", "postcode",
    "city", "email_consent",
  ]
  public static let invoiceColumns = [
    "invoice_no", "customer_id", "issue_date", "due_date", "amount", "kid", "description",
  ]

  /// A customer as a CSV row describes it.
  struct CustomerRow {
    var line: Int
    var id: String
    var name: String
    var kind: CustomerKind
    /// Whether the row gave the kind (else it was inferred and is not compared on re-import).
    var kindGiven: Bool
    var orgnr: String?
    var birthNumber: String?
    var email: String?
    var phone: String?
    var address: String?
    /// The day the customer agreed to notices by e-mail (`email_consent`), for a new customer;
    /// a known customer's consent is changed with `krav customer consent`.
    var emailConsent: Day? = nil
  }

  /// Plans a customer import against `ledger`.
  public static func customers(_ table: CSVTable, ledger: Ledger, update: Bool = false)
    throws(ImportFailure) -> ImportPlan
  {
    var issues = table.missing(["customer_id", "name"])
    if !issues.isEmpty { throw ImportFailure(issues) }
    var plan = ImportPlan()
    var firstLine: [String: Int] = [:]
    var valid: Set<String> = []
    var failed: [String: ImportIssue] = [:]
    for r in table.rows {
      var bad = false
      let before = issues.count
      func issue(_ field: String, _ problem: ImportProblem) {
        issues.append(ImportIssue(file: table.file, line: r.line, field: field, problem: problem))
        bad = true
      }
      defer {
        if let id = r["customer_id"] {
          if issues.count > before {
            if failed[id] == nil { failed[id] = issues[before] }
          } else {
            valid.insert(id)
          }
        }
      }
      guard let row = parseCustomer(r, issue: issue), !bad else { continue }
      if let other = firstLine[row.id] {
        issue("customer_id", .customerAlsoOnLine(row.id, line: other))
        continue
      }
      firstLine[row.id] = r.line
      if let known = ledger.customers[row.id] {
        let changes = customerChanges(known, row)
        if changes.fields.isEmpty {
          plan.unchanged += 1
        } else if update {
          var e = changes.event
          e.customer = row.id
          plan.events.append(e)
          plan.updated += 1
        } else {
          issue(changes.fields[0], .customerDiffers(row.id, fields: changes.fields))
        }
        continue
      }
      var e = Event.customerAdded(
        customer: row.id, name: row.name, kind: row.kind, orgnr: row.orgnr,
        birthNumber: row.birthNumber, email: row.email, phone: row.phone, address: row.address)
      if let d = row.emailConsent { e.setEmailConsent(d) }
      plan.events.append(e)
      plan.added += 1
    }
    if !issues.isEmpty {
      var f = ImportFailure(issues)
      f.validKeys = valid.subtracting(failed.keys)
      f.failedKeys = failed
      throw f
    }
    return plan
  }

  static func parseCustomer(_ r: CSVRecord, issue: (String, ImportProblem) -> Void) -> CustomerRow?
  {
    let id = r["customer_id"]
    if id == nil { issue("customer_id", .customerIdRequired) }
    let name = r["name"]
    if name == nil { issue("name", .nameRequired) }
    var kind: CustomerKind? = nil
    if let k = r["kind"] {
      kind = CustomerKind(parsing: k)
      if kind == nil { issue("kind", .badKind(k)) }
    }
    var orgnr: String? = nil
    if let o = r["orgnr"] {
      let digits = o.filter { $0 != " " && $0 != "." }
      if OrgNumber.isValid(digits) {
        orgnr = digits
      } else {
        issue("orgnr", .badOrgnr(o))
      }
    }
    var birth: String? = nil
    if let b = r["birth_number"] {
      let digits = b.filter { $0 != " " && $0 != "." }
      if BirthNumber.isValid(digits) {
        birth = digits
      } else {
        // Never echo an identity number, not even an invalid one.
        issue("birth_number", .badBirthNumber)
      }
    }
    let email = r["email"]
    if let e = email, !EmailAddress.isValid(e) {
      issue("email", .badEmail)
    }
    var address = r["address"]
    let postcode = r["postcode"]
    if let p = postcode, !(p.count == 4 && p.allSatisfy(\.isASCII) && p.allSatisfy(\.isNumber)) {
      issue("postcode", .badPostcode(p))
    }
    let place = [postcode, r["city"]].compactMap { $0 }.joined(separator: " ")
    if !place.isEmpty { address = [address, place].compactMap { $0 }.joined(separator: ", ") }
    var consent: Day? = nil
    if let c = r["email_consent"] {
      consent = Day(parsing: c)
      if consent == nil {
        issue("email_consent", .badConsentDay(c))
      } else if email == nil {
        issue("email_consent", .consentNeedsEmail)
      }
    }
    guard let id, let name else { return nil }
    var row = CustomerRow(
      line: r.line, id: id, name: name, kind: kind ?? (orgnr != nil ? .business : .consumer),
      kindGiven: kind != nil, orgnr: orgnr, birthNumber: birth, email: email, phone: r["phone"],
      address: address)
    row.emailConsent = consent
    return row
  }

  /// The fields in which a row differs from the stored customer, and the update event.
  static func customerChanges(_ c: Customer, _ row: CustomerRow) -> (fields: [String], event: Event)
  {
    var e = Event.customerUpdated()
    var fields: [String] = []
    if c.name != row.name {
      fields.append("name")
      e.name = row.name
    }
    if row.kindGiven, c.kind != row.kind {
      fields.append("kind")
      e.kind = row.kind.rawValue
    }
    func compare(_ field: String, _ old: String?, _ new: String?, _ set: (String) -> Void) {
      guard let new, new != old else { return }
      fields.append(field)
      set(new)
    }
    compare("orgnr", c.orgnr, row.orgnr) { e.orgnr = $0 }
    compare("birth_number", c.birthNumber, row.birthNumber) { e.birthNumber = $0 }
    compare("email", c.email, row.email) { e.email = $0 }
    compare("phone", c.phone, row.phone) { e.phone = $0 }
    compare("address", c.address, row.address) { e.address = $0 }
    return (fields, e)
  }

  /// Plans an invoice import against `ledger`; `customers` is a customer import planned in the
  /// same run (its customers count as known); `failedCustomers` is that import's failure when
  /// it failed: its correct rows count as known, and a row naming a customer whose own row is
  /// bad gets one issue naming that root error, and is not checked further (issue 20: an
  /// error no longer cascades into a misleading "no customer" on every dependent row).
  public static func invoices(
    _ table: CSVTable, ledger: Ledger, update: Bool = false, customers: ImportPlan? = nil,
    failedCustomers: ImportFailure? = nil
  ) throws(ImportFailure) -> ImportPlan {
    var issues = table.missing(["invoice_no", "customer_id", "issue_date", "due_date", "amount"])
    if !issues.isEmpty { throw ImportFailure(issues) }
    let newCustomers = Set(
      (customers?.events ?? []).filter { $0.type == .customerAdded }.compactMap(\.customer)
    ).union(failedCustomers?.validKeys ?? [])
    let badCustomers = failedCustomers?.failedKeys ?? [:]
    var plan = ImportPlan()
    var firstLine: [String: Int] = [:]
    var kidLine: [String: Int] = [:]
    for r in table.rows {
      func issue(_ field: String, _ problem: ImportProblem) {
        issues.append(ImportIssue(file: table.file, line: r.line, field: field, problem: problem))
      }
      let before = issues.count
      if let cid = r["customer_id"], ledger.customers[cid] == nil, let root = badCustomers[cid] {
        issue(
          "customer_id",
          .customerRowRejected(cid, file: root.file, line: root.line, field: root.field))
        continue
      }
      let invoice = r["invoice_no"]
      if invoice == nil { issue("invoice_no", .invoiceRequired) }
      let cid = r["customer_id"]
      if let cid {
        if ledger.customers[cid] == nil && !newCustomers.contains(cid) {
          issue("customer_id", .unknownCustomer(cid))
        }
      } else {
        issue("customer_id", .customerIdRequired)
      }
      let issued = day(r["issue_date"], "issue_date", issue)
      let due = day(r["due_date"], "due_date", issue)
      if let i = issued, let d = due, d < i {
        issue("due_date", .dueBeforeIssue(due: d, issued: i))
      }
      var amount: Money? = nil
      if let a = r["amount"] {
        switch Money.parsePositive(a) {
        case .success(let m): amount = m
        case .failure(.notAnAmount):
          issue("amount", .notAnAmount(VisibleText.escaped(a)))
        case .failure(let problem): issue("amount", .amount(problem, got: VisibleText.escaped(a)))
        }
      } else {
        issue("amount", .amountRequired)
      }
      let given = r["kid"].map { $0.filter { $0 != " " } }
      // A KID, or an ISO 11649 creditor reference (`RF…`, kept in capitals).
      let kid = given.map { PaymentReference.normalized($0) ?? $0 }
      if let k = kid {
        if PaymentReference.normalized(k) == nil {
          issue("kid", .badKid(k))
        } else if let other = kidLine[k] {
          issue("kid", .kidAlsoOnLine(k, line: other))
        } else if let p = ledger.claimPosition(kid: k), ledger.claims.values[p].invoice != invoice {
          issue("kid", .kidTaken(k, invoice: ledger.claims.values[p].invoice))
        }
        kidLine[k] = kidLine[k] ?? r.line
      }
      if let inv = invoice {
        if let other = firstLine[inv] {
          issue("invoice_no", .invoiceAlsoOnLine(inv, line: other))
        }
        firstLine[inv] = firstLine[inv] ?? r.line
      }
      guard issues.count == before, let inv = invoice, let cid, let issued, let due, let amount
      else { continue }
      if let known = ledger.claims[inv] {
        guard known.customer == cid else {
          issue("customer_id", .invoiceOfOther(inv, owner: known.customer, not: cid))
          continue
        }
        var e = Event.claimUpdated(invoice: inv)
        var fields: [String] = []
        if known.principal != amount {
          fields.append("amount")
          e.amount = amount.ore
        }
        if known.issued != issued {
          fields.append("issue_date")
          e.issued = issued
        }
        if known.due != due {
          fields.append("due_date")
          e.due = due
        }
        if let k = kid, k != known.kid {
          fields.append("kid")
          e.kid = k
        }
        if fields.isEmpty {
          plan.unchanged += 1
        } else if update {
          plan.events.append(e)
          plan.updated += 1
        } else if fields.contains("amount") {
          issue("amount", .amountDiffers(inv, stored: known.principal, file: amount))
        } else {
          issue(fields[0], .invoiceDiffers(inv, fields: fields))
        }
        continue
      }
      plan.events.append(
        .claimAdded(
          customer: cid, invoice: inv, amount: amount, issued: issued, due: due, kid: kid,
          text: r["description"]))
      plan.added += 1
    }
    if !issues.isEmpty { throw ImportFailure(issues) }
    return plan
  }

  static func day(_ text: String?, _ field: String, _ issue: (String, ImportProblem) -> Void)
    -> Day?
  {
    guard let text else {
      issue(field, .dateRequired)
      return nil
    }
    guard let d = Day(parsing: text) else {
      issue(field, .notADate(text))
      return nil
    }
    return d
  }
}
