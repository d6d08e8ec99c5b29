import Glibc
import KravCore
import KravStore

/// `krav-bench generate`: a synthetic store with a realistic event mix over several writers,
/// and optionally the equivalent hledger journal (one 2-posting transaction per money event).
///
/// The mix puts half the events on money (claims, payments, fees), so N events give about N
/// hledger postings. Deterministic for a given `--seed`.
struct Generator {
  let events: Int
  let customers: Int
  let out: String
  let hledger: String?
  var rng: UInt64

  static let writers = ["kari@pc1", "ola@pc2", "per@laptop", "import@server"]

  init(options: Options) throws {
    events = try options.int("events", default: 1_000_000)
    customers = try options.int("customers", default: 100_000)
    out = try options.string("out")
    hledger = options.values["hledger"]
    rng = UInt64(try options.int("seed", default: 42)) | 1
  }

  mutating func next(_ bound: Int) -> Int {
    rng ^= rng << 13
    rng ^= rng >> 7
    rng ^= rng << 17
    return Int(rng % UInt64(bound))
  }

  /// `2020-01-01T08:00:00+01:00` plus `minute` minutes within 08–18 each day (offset kept
  /// fixed for simplicity).
  static func timestamp(minute: Int) -> String {
    let day = Day(year: 2020, month: 1, day: 1)!.adding(days: minute / 600)
    let m = 8 * 60 + minute % 600
    func two(_ v: Int) -> String { v < 10 ? "0\(v)" : "\(v)" }
    return "\(day.iso)T\(two(m / 60)):\(two(m % 60)):00+01:00"
  }

  mutating func run() throws {
    let started = monotonicSeconds()
    try Store.create(
      at: out,
      info: StoreInfo(
        name: "Benchmark Kreditor AS", orgnr: "987654321", account: "12345678903",
        created: Generator.timestamp(minute: 0)))
    let stores = try Generator.writers.map { w -> Store in
      let s = try Store.open(at: out, writer: w)
      _ = try s.replay { _, _ in }
      return s
    }
    var pending = [[Event]](repeating: [], count: stores.count)
    var ledger: UnsafeMutablePointer<FILE>? = nil
    if let hledger { ledger = fopen(hledger, "w") }
    defer { if let ledger { fclose(ledger) } }
    var added = 0
    var claims: [(customer: Int, invoice: Int, step: Int)] = []
    claims.reserveCapacity(events / 4)
    var postings = 0
    let collectors = ["kari", "ola", "per", "import"]
    for i in 0..<events {
      let w = next(100) < 40 ? 0 : next(3) + 1
      let minute = i  // one event a minute, so the merge order is the generation order
      var e = Event.draft(
        .noteAdded, by: collectors[w], at: Generator.timestamp(minute: minute))
      let roll = next(100)
      let needCustomer = added == 0 || (added < customers && roll < 12)
      var money: (debit: String, credit: String, text: String)? = nil
      if needCustomer {
        added += 1
        e.type = .customerAdded
        e.customer = Generator.customerID(added - 1)
        e.name = "Kunde \(added) Nordmann"
        e.kind = next(5) == 0 ? "business" : "consumer"
        e.phone = "+47 9\(1_000_000 + next(8_999_999))"
        e.email = "kunde\(added)@example.no"
        e.address = "Storgata \(next(200) + 1), 0155 Oslo"
      } else if roll < 32 || claims.isEmpty {
        let c = next(added)
        claims.append((c, claims.count + 10_000, 0))
        e.type = .claimAdded
        e.customer = Generator.customerID(c)
        e.invoice = String(claims.last!.invoice)
        e.amount = Int64(10_000 + next(2_000_000))
        e.issued = e.atDay!.adding(days: -30)
        e.due = e.issued!.adding(days: 14)
        e.kid = String(claims.last!.invoice) + "7"
        e.text = "Faktura for varer og tjenester"
        money = ("assets:receivable:\(e.customer!)", "income:sales", "invoice \(e.invoice!)")
      } else {
        let pick = next(claims.count)
        let claim = claims[pick]
        e.customer = Generator.customerID(claim.customer)
        e.invoice = String(claim.invoice)
        switch roll {
        case 32..<54:
          e.type = .paymentRegistered
          e.amount = Int64(5_000 + next(500_000))
          e.date = e.atDay
          e.channel = "ocr"
          money = ("assets:bank", "assets:receivable:\(e.customer!)", "payment \(e.invoice!)")
        case 54..<62 where claim.step < 3:
          // One rung up the ladder, naming the rung it moves from (the fold's precondition).
          e.type = .stepTriggered
          e.from = Step.allCases[claim.step].rawValue
          e.step = Step.allCases[claim.step + 1].rawValue
          claims[pick].step += 1
          e.date = e.atDay
          e.amount = 3_500
          e.channel = "letter"
          money = ("assets:receivable:\(e.customer!)", "income:fees", "fee \(e.invoice!)")
        case 54..<80:
          e.type = .callLogged
          e.outcome = ["reached", "no-answer", "voicemail"][next(3)]
          e.text = "Ringte kunden om forfalt faktura"
        case 80..<88:
          e.type = .promiseMade
          e.amount = Int64(5_000 + next(200_000))
          e.date = e.atDay?.adding(days: 14)
        case 88..<92:
          e.type = .letterSent
          e.step = "inkassovarsel"
          e.channel = "email"
          e.ref = "letter-\(i)"
        default:
          e.type = .noteAdded
          e.invoice = nil
          e.text = "Kunden ba om utsettelse til neste måned; sendte e-post med oversikt."
        }
      }
      pending[w].append(e)
      if pending[w].count == 5_000 {
        _ = try stores[w].append(pending[w])
        pending[w] = []
      }
      if let ledger, let m = money, let amount = e.amount {
        let line =
          "\(e.atDay!.iso) \(m.text)\n    \(m.debit)  \(Generator.kroner(amount))\n"
          + "    \(m.credit)\n\n"
        fputs(line, ledger)
        postings += 2
      }
    }
    for (w, batch) in pending.enumerated() where !batch.isEmpty { _ = try stores[w].append(batch) }
    let seconds = monotonicSeconds() - started
    print(
      "generated \(events) events for \(added) customers in \(Generator.writers.count) "
        + "journals at \(out) in \(format(seconds)) s")
    if let hledger { print("hledger journal \(hledger): \(postings) postings") }
  }

  static func customerID(_ n: Int) -> String {
    let s = String(n)
    return "C" + String(repeating: "0", count: max(0, 6 - s.count)) + s
  }

  static func kroner(_ ore: Int64) -> String {
    let f = ore % 100
    return "\(ore / 100).\(f < 10 ? "0" : "")\(f)"
  }
}

/// Seconds on the monotonic clock.
func monotonicSeconds() -> Double {
  var t = timespec()
  clock_gettime(CLOCK_MONOTONIC, &t)
  return Double(t.tv_sec) + Double(t.tv_nsec) / 1e9
}

/// A number with three decimals.
func format(_ v: Double, decimals: Int = 3) -> String {
  var scale = 1.0
  for _ in 0..<decimals { scale *= 10 }
  let r = (v * scale).rounded() / scale
  return "\(r)"
}
