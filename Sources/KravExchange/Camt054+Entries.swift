import KravCore

extension Camt054 {
  /// Turns the collected notifications into payments, collecting every problem with its line.
  struct EntryReader {
    let file: String
    let digest: String
    let messageId: String?
    var issues: [ImportIssue] = []
    /// Entries read so far in the file (the last resort of a payment's id counts them).
    var entriesRead = 0

    mutating func issue(_ line: Int, _ field: String, _ message: String) {
      issues.append(ImportIssue(file: file, line: line, field: field, message: message))
    }

    /// The amount with its currency (the element's `Ccy`, else the account's), or nil after
    /// recording what is wrong with it.
    mutating func money(_ a: Amount, _ field: String, accountCurrency: String?)
      -> CurrencyAmount?
    {
      guard let minor = CurrencyAmount.minorUnits(a.text) else {
        issue(a.line, field, "'\(a.text)' is not an amount (digits, a dot, at most two decimals)")
        return nil
      }
      guard let ccy = a.currency ?? accountCurrency, !ccy.isEmpty else {
        issue(a.line, field, "the amount names no currency (Ccy) and neither does Acct/Ccy")
        return nil
      }
      return CurrencyAmount(currency: ccy.uppercased(), minor: minor)
    }

    /// Quiet variant for amounts that only serve a cross-check.
    func quietMoney(_ a: Amount?, accountCurrency: String?) -> CurrencyAmount? {
      guard let a, let minor = CurrencyAmount.minorUnits(a.text),
        let ccy = a.currency ?? accountCurrency
      else { return nil }
      return CurrencyAmount(currency: ccy.uppercased(), minor: minor)
    }

    mutating func notification(_ n: Notification) -> BankNotification {
      var result = BankNotification(line: n.line, accountText: n.account, currency: n.currency)
      // KIDs are Norwegian: a reference is read as one only on a payment to a Norwegian account
      // (or, when the file names no account, in a file in kroner).
      let norwegian =
        result.account.map(BankAccount.isNorwegian) ?? (n.currency.map { $0 == "NOK" } ?? true)
      for entry in n.entries {
        entryPayments(entry, index: entriesRead, in: n, norwegian: norwegian, into: &result)
        entriesRead += 1
      }
      return result
    }

    mutating func entryPayments(
      _ entry: Entry, index: Int, in n: Notification, norwegian: Bool,
      into result: inout BankNotification
    ) {
      let ccy = n.currency
      let entryAmount = quietMoney(entry.amount, accountCurrency: ccy)
      func skip(_ reason: String) {
        result.skipped.append(SkippedEntry(line: entry.line, reason: reason, amount: entryAmount))
      }
      if let s = entry.status, s.uppercased() != "BOOK" {
        return skip("not booked (\(s))")
      }
      let isReversal: Bool
      switch entry.creditDebit {
      case "CRDT" where entry.reversal: return skip("reversal of a debit")
      case "CRDT": isReversal = false
      case "DBIT" where entry.reversal: isReversal = true
      case "DBIT": return skip("debit")
      default:
        return issue(
          entry.line, "Ntry/CdtDbtInd", "expected CRDT or DBIT, got '\(entry.creditDebit)'")
      }
      let booking = entry.bookingDay.flatMap { Day(parsing: String($0.prefix(10))) }
      let value = entry.valueDay.flatMap { Day(parsing: String($0.prefix(10))) }
      guard let day = value ?? booking else {
        return issue(
          entry.line, "Ntry/BookgDt", "a booking or value date (Dt or DtTm) is required")
      }
      checkBatches(entry, entryAmount: entryAmount, accountCurrency: ccy)
      let txs = entry.transactions.isEmpty ? [Tx(line: entry.line)] : entry.transactions
      let single = txs.count == 1
      for (k, tx) in txs.enumerated() {
        if let ind = tx.creditDebit, ind != entry.creditDebit { continue }
        // The payment's own amount: TxDtls/Amt (v04+), else AmtDtls/TxAmt (v02) or InstdAmt,
        // else, for the entry's only payment, the entry amount.
        let own =
          [tx.amount, tx.transactionAmount, tx.instructed]
          + (single ? [entry.amount] : [])
        guard let first = own.compactMap({ $0 }).first else {
          issue(tx.line, "TxDtls/Amt", "no amount for this payment")
          continue
        }
        guard let stated = money(first, "Amt", accountCurrency: ccy) else { continue }
        guard stated.minor > 0 else {
          issue(first.line, "Amt", "'\(first.text)' is not a positive amount")
          continue
        }
        var p = BankPayment(
          id: "", amount: .zero, day: day, payer: tx.debtorName, isReversal: isReversal,
          source: PaymentChannel.camt054.rawValue, line: tx.line)
        p.bookingDay = booking
        p.amountLine = first.line
        if let nok = stated.nok {
          p.amount = nok
        } else {
          // In another currency: the NOK amount the bank credited for it, if the file gives
          // one (the counter value, or the booked amount in a NOK account).
          p.original = stated
          let alternatives =
            [tx.counterValue, tx.amount, tx.transactionAmount, tx.instructed]
            + (single ? [entry.counterValue, entry.amount] : [])
          let nok = alternatives.compactMap { quietMoney($0, accountCurrency: ccy) }
            .first { $0.currency == "NOK" && $0.minor > 0 }
          if let nok {
            p.amount = Money(ore: nok.minor)
          } else {
            p.hasKroner = false
          }
        }
        p.id = "bank:camt/" + (isReversal ? "rvsl/" : "") + reference(entry, tx, k, index)
        for raw in tx.structuredRefs {
          switch StructuredReference.classify(raw, norwegianAccount: norwegian) {
          case .kid(let s)?, .creditor(let s)?:
            if p.kid == nil { p.kid = s } else { p.references.append(s) }
          case .other(let s)?: p.references.append(s)
          case nil: break
          }
        }
        p.references += tx.documentNumbers
        p.text = tx.unstructured.isEmpty ? nil : tx.unstructured.joined(separator: " ")
        if let e2e = tx.endToEndId, !e2e.isEmpty, e2e.uppercased() != "NOTPROVIDED" {
          p.endToEndId = e2e
        }
        p.bankReference = tx.accountServicerRef ?? entry.accountServicerRef
        p.account = result.account
        p.charges = charges(tx.charges, tx.chargesTotal, accountCurrency: ccy)
        if single, p.charges == nil {
          p.charges = charges(entry.charges, entry.chargesTotal, accountCurrency: ccy)
        }
        result.payments.append(p)
      }
    }

    /// The id part from the bank's references (Docs/import-export.md §2, "The same file twice").
    func reference(_ entry: Entry, _ tx: Tx, _ k: Int, _ n: Int) -> String {
      if let r = tx.accountServicerRef, !r.isEmpty { return "ref/" + r }
      if let r = entry.accountServicerRef, !r.isEmpty { return "ref/\(r)/\(k + 1)" }
      if let r = entry.entryRef, !r.isEmpty { return "ntry/\(messageId ?? digest)/\(r)/\(k + 1)" }
      return "file/\(digest)/\(n + 1)/\(k + 1)"
    }

    /// The charges reported: the total if given, else the sum of the records (same currency).
    func charges(_ list: [Amount], _ total: Amount?, accountCurrency: String?) -> CurrencyAmount? {
      if let t = quietMoney(total, accountCurrency: accountCurrency) { return t }
      let parts = list.compactMap { quietMoney($0, accountCurrency: accountCurrency) }
      guard let c = parts.first?.currency, parts.allSatisfy({ $0.currency == c }) else {
        return nil
      }
      return CurrencyAmount(currency: c, minor: parts.reduce(0) { $0 + $1.minor })
    }

    /// A batch's payments must be all there and add up to the entry: `Btch/NbOfTxs` against
    /// the `TxDtls` listed, `Btch/TtlAmt` and `Ntry/Amt` against their sum (charges the bank
    /// included in the entry amount, `ChrgInclInd`, may make up the difference).
    mutating func checkBatches(
      _ entry: Entry, entryAmount: CurrencyAmount?, accountCurrency: String?
    ) {
      for d in entry.details {
        if let text = d.batchCountText, d.batchCount == nil {
          issue(d.line, "Btch/NbOfTxs", "'\(text)' is not a number")
        } else if let n = d.batchCount, n != d.count {
          issue(
            d.line, "Btch/NbOfTxs",
            "says \(n) payments, the entry lists \(d.count) (TxDtls)")
        }
        let txs = entry.transactions[d.first..<(d.first + d.count)]
        if let total = quietMoney(d.batchTotal, accountCurrency: accountCurrency),
          let sum = sum(txs, currency: total.currency, accountCurrency: accountCurrency),
          sum != total.minor
        {
          issue(
            d.line, "Btch/TtlAmt",
            "says \(total), the payments add up to \(total.currency) \(Money(ore: sum).jsonString)"
          )
        }
      }
      guard !entry.transactions.isEmpty, let booked = entryAmount,
        let sum = sum(
          entry.transactions[...], currency: booked.currency,
          accountCurrency: accountCurrency)
      else { return }
      let included =
        (entry.chargesIncluded ?? false)
        || entry.transactions.contains { $0.chargesIncluded ?? false }
      var deducted: Int64 = 0
      if included {
        let all =
          [charges(entry.charges, entry.chargesTotal, accountCurrency: accountCurrency)]
          + entry.transactions.map {
            charges($0.charges, $0.chargesTotal, accountCurrency: accountCurrency)
          }
        deducted = all.compactMap { $0 }.filter { $0.currency == booked.currency }
          .reduce(0) { $0 + $1.minor }
      }
      if sum != booked.minor && sum - deducted != booked.minor {
        issue(
          entry.line, "Ntry/Amt",
          "says \(booked), "
            + (entry.transactions.count == 1
              ? "its payment says " : "the \(entry.transactions.count) payments add up to ")
            + "\(booked.currency) \(Money(ore: sum).jsonString)")
      }
    }

    /// The sum of the payments' amounts in `currency`; nil when one has none in it.
    func sum(_ txs: ArraySlice<Tx>, currency: String, accountCurrency: String?) -> Int64? {
      var total: Int64 = 0
      for t in txs {
        let inCurrency = [t.amount, t.transactionAmount, t.counterValue, t.instructed]
          .compactMap { quietMoney($0, accountCurrency: accountCurrency) }
          .first { $0.currency == currency }
        guard let a = inCurrency else { return nil }
        let (next, overflow) = total.addingReportingOverflow(a.minor)
        if overflow { return nil }
        total = next
      }
      return total
    }
  }
}
