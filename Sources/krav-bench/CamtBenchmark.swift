import Glibc
import KravCore
import KravExchange

/// `krav-bench camt [--entries N] [--claims N] [--out FILE]`: writes a camt.054 of N booked
/// credit entries (default 200 000, about 108 MB) for a ledger of generated claims, then times
/// `Camt054.read` (the parse) and `PaymentImport.plan` (parse, checks, matching, drafts) on it.
///
/// Seven entries in ten carry the KID of a claim, two an invoice number in the free text, one
/// only a payer's name. Docs/performance-history.md ("Bank files") has the figures.
struct CamtBenchmark {
  let entries: Int
  let claims: Int
  let out: String?

  init(options: Options) throws {
    entries = try options.int("entries", default: 200_000)
    claims = try options.int("claims", default: 100_000)
    out = options.values["out"]
  }

  static let account = "86011117947"

  /// A ledger of `claims` claims over half as many customers, KIDs from the invoice number.
  func ledger() -> Ledger {
    var l = Ledger()
    var n = 0
    func add(_ e: Event) {
      var e = e
      n += 1
      e.id = "g:\(n)"
      l.apply(e, ref: EventRef(journal: 0, offset: UInt64(n)))
    }
    let customers = max(1, claims / 2)
    for c in 0..<customers {
      var e = Event.customerAdded(customer: "C\(c)", name: "Kunde \(c) Nordmann", kind: .consumer)
      (e.at, e.by) = ("2026-01-01T10:00:00+01:00", "bench")
      add(e)
    }
    for k in 0..<claims {
      var e = Event.claimAdded(
        customer: "C\(k % customers)", invoice: "\(100_000 + k)", amount: Money(ore: 100_000),
        issued: Day(parsing: "2026-01-02"), due: Day(parsing: "2026-02-01"),
        kid: KID.make(body: "\(100_000 + k)"))
      (e.at, e.by) = ("2026-01-02T10:00:00+01:00", "bench")
      add(e)
    }
    return l
  }

  /// The file: one notification, `entries` entries of one payment each.
  func file() -> [UInt8] {
    var s: [UInt8] = []
    s.reserveCapacity(entries * 330 + 1_000)
    func put(_ t: String) { s.append(contentsOf: t.utf8) }
    put(
      """
      <?xml version="1.0" encoding="UTF-8"?>
      <Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.054.001.08">
        <BkToCstmrDbtCdtNtfctn>
          <GrpHdr><MsgId>BENCH-1</MsgId><CreDtTm>2026-11-30T06:00:00</CreDtTm></GrpHdr>
          <Ntfctn>
            <Id>N1</Id>
            <Acct><Id><Othr><Id>\(Self.account)</Id></Othr></Id><Ccy>NOK</Ccy></Acct>

      """)
    var rng: UInt64 = 42
    for i in 0..<entries {
      rng ^= rng << 13
      rng ^= rng >> 7
      rng ^= rng << 17
      let claim = 100_000 + Int(rng % UInt64(max(1, claims)))
      let kroner = 100 + Int(rng >> 20 % 5_000)
      let kind = i % 10
      let ref =
        kind < 7
        ? "<Strd><CdtrRefInf><Ref>\(KID.make(body: "\(claim)")!)</Ref></CdtrRefInf></Strd>"
        : kind < 9 ? "<Ustrd>Faktura \(claim)</Ustrd>" : "<Ustrd>Innbetaling</Ustrd>"
      put(
        """
              <Ntry>
                <Amt Ccy="NOK">\(kroner).00</Amt>
                <CdtDbtInd>CRDT</CdtDbtInd>
                <Sts><Cd>BOOK</Cd></Sts>
                <BookgDt><Dt>2026-11-27</Dt></BookgDt>
                <ValDt><Dt>2026-11-27</Dt></ValDt>
                <NtryDtls><TxDtls>
                  <Refs><AcctSvcrRef>BENCH-\(i)</AcctSvcrRef></Refs>
                  <Amt Ccy="NOK">\(kroner).00</Amt>
                  <RltdPties><Dbtr><Pty><Nm>Kunde \(claim % 1000) Nordmann</Nm></Pty></Dbtr></RltdPties>
                  <RmtInf>\(ref)</RmtInf>
                </TxDtls></NtryDtls>
              </Ntry>

        """)
    }
    put("    </Ntfctn>\n  </BkToCstmrDbtCdtNtfctn>\n</Document>\n")
    return s
  }

  func run() throws {
    let t0 = monotonicSeconds()
    let bytes = file()
    let l = ledger()
    print(
      "generated: \(entries) entries, \(format(Double(bytes.count) / 1e6, decimals: 1)) MB; "
        + "\(l.claims.count) claims in \(format(monotonicSeconds() - t0, decimals: 2)) s")
    if let out {
      let f = fopen(out, "w")
      _ = bytes.withUnsafeBytes { fwrite($0.baseAddress, 1, $0.count, f) }
      fclose(f)
    }
    // The parse alone (its result dropped before the plan reads the file again).
    let t1 = monotonicSeconds()
    let payments: Int
    do {
      payments = try Camt054.read(bytes, file: "bench.xml").notifications.reduce(0) {
        $0 + $1.payments.count
      }
    } catch {
      throw BenchError("parse refused: \(error.issues.prefix(3))")
    }
    let parse = monotonicSeconds() - t1
    print(
      "parse: \(payments) payments in \(format(parse, decimals: 2)) s = "
        + "\(Int(Double(entries) / parse)) entries/s, peak RSS \(peakRSSMiB()) MiB")
    let t2 = monotonicSeconds()
    let plan: PaymentImport
    do {
      plan = try PaymentImport.plan(
        bytes, file: "bench.xml", ledger: l, options: .init(accounts: [Self.account]),
        stored: { _ in false })
    } catch {
      throw BenchError("plan refused: \(error.issues.prefix(3))")
    }
    let planned = monotonicSeconds() - t2
    var rules: [String: Int] = [:]
    for line in plan.lines { rules[line.match.rule.rawValue, default: 0] += 1 }
    print(
      "plan (parse, check, match, drafts): \(plan.events.count) events in "
        + "\(format(planned, decimals: 2)) s = \(Int(Double(entries) / planned)) entries/s, "
        + "peak RSS \(peakRSSMiB()) MiB")
    print(
      "matched: "
        + rules.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }
        .joined(separator: ", "))
  }
}
