import Foundation
import KravExchange
import Testing

@testable import KravCore

/// A day from `YYYY-MM-DD`.
func day(_ s: String) -> Day { Day(parsing: s)! }

/// A draft event as a collector or import would write it, on a day.
func ev(
  _ type: EventType, _ on: String, customer: String? = nil, invoice: String? = nil,
  id: String = "", _ configure: (inout Event) -> Void = { _ in }
) -> Event {
  var e = Event(
    id: id, seq: 0, at: "\(on)T10:00:00+01:00", by: "kari", type: type, customer: customer,
    invoice: invoice)
  configure(&e)
  return e
}

/// Folds events (ids filled in as `t:<n>` when empty) into a ledger.
func fold(_ events: [Event], into start: Ledger = Ledger()) -> Ledger {
  var l = start
  for (i, var e) in events.enumerated() {
    if e.id.isEmpty { e.id = "t:\(l.eventCount + 1)" }
    l.apply(e, ref: EventRef(journal: 0, offset: UInt64(i)))
  }
  return l
}

/// Two customers with claims (amounts in øre), the base of most tests here.
///
/// K1 Bjørn Løvås: 1001 (10 000.00, due 2026-06-01, KID 10013) and 1002 (2 500.50, due
/// 2026-08-01). K2 Ærlig Økonomi AS: 2001 (50 000.00, due 2026-09-01, KID 20018).
func baseLedger() -> Ledger {
  fold([
    ev(.customerAdded, "2026-05-01", customer: "K1") {
      $0.name = "Bjørn Løvås"
      $0.kind = "consumer"
    },
    ev(.customerAdded, "2026-05-01", customer: "K2") {
      $0.name = "Ærlig Økonomi AS"
      $0.kind = "business"
      $0.orgnr = "123456785"
    },
    ev(.claimAdded, "2026-05-01", customer: "K1", invoice: "1001") {
      $0.amount = 1_000_000
      $0.issued = day("2026-05-01")
      $0.due = day("2026-06-01")
      $0.kid = KID.make(body: "1001")
    },
    ev(.claimAdded, "2026-07-01", customer: "K1", invoice: "1002") {
      $0.amount = 250_050
      $0.issued = day("2026-07-01")
      $0.due = day("2026-08-01")
    },
    ev(.claimAdded, "2026-08-01", customer: "K2", invoice: "2001") {
      $0.amount = 5_000_000
      $0.issued = day("2026-08-01")
      $0.due = day("2026-09-01")
      $0.kid = KID.make(body: "2001")
    },
  ])
}

/// The folder of real outside test files (`../shared/testdata` from the package root).
let testdataFolder: String = {
  let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent()
  return root.deletingLastPathComponent().appendingPathComponent("shared/testdata").path
}()

/// Whether the shared outside test files are there (`../shared/testdata`).
let hasTestdata = FileManager.default.fileExists(atPath: testdataFolder + "/README.md")

/// Why a test of the outside files is disabled when they are absent.
let testdataAbsent: Comment = "../shared/testdata is absent (outside test files not next to Krav)"

/// The bytes of a hand-made bank file in `Tests/KravExchangeTests/Fixtures`.
func fixture(_ name: String) -> [UInt8] {
  let path = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .appendingPathComponent("Fixtures/" + name).path
  return [UInt8](FileManager.default.contents(atPath: path)!)
}

/// The store's account in these tests (8601.11.17947, IBAN NO93 8601 1117 947).
let storeAccount = "86011117947"

/// A journal in memory: events folded in order with distinct refs, so a ledger's timeline
/// can be read back as events (what `krav import payments` does with the store).
struct MemoryJournal {
  var events: [Event] = []
  var ledger: Ledger

  init(_ ledger: Ledger = baseLedger()) { self.ledger = ledger }

  /// Appends drafts (ids filled in when empty) and folds them.
  mutating func append(_ drafts: [Event]) {
    for var e in drafts {
      if e.id.isEmpty { e.id = "t:\(ledger.eventCount + 1)" }
      if e.at.isEmpty { e.at = "2026-12-01T10:00:00+01:00" }
      if e.by.isEmpty { e.by = "kari" }
      ledger.apply(e, ref: EventRef(journal: 1, offset: UInt64(events.count)))
      events.append(e)
    }
  }

  /// Where reversals look for payments: the customer's timeline, then every event.
  var history: PaymentHistory {
    let all = events
    let ledger = ledger
    return PaymentHistory(
      ofCustomer: { id in
        ledger.timeline(of: id).filter { $0.journal == 1 }.map { all[Int($0.offset)] }
      },
      all: { keep in all.filter(keep) })
  }

  /// Plans an import of `bytes` against this journal (payments already held are skipped).
  func plan(
    _ bytes: [UInt8], file: String = "bank.xml", accounts: [String] = [storeAccount],
    anyAccount: Bool = false, today: Day? = nil
  ) throws(ImportFailure) -> PaymentImport {
    let ids = Set(events.map(\.id))
    return try PaymentImport.plan(
      bytes, file: file, ledger: ledger,
      options: PaymentImport.Options(accounts: accounts, anyAccount: anyAccount, today: today),
      stored: ids.contains, history: history)
  }

  /// Plans and appends an import; returns the plan.
  @discardableResult
  mutating func importFile(_ bytes: [UInt8], file: String = "bank.xml", anyAccount: Bool = false)
    throws(ImportFailure) -> PaymentImport
  {
    let p = try plan(bytes, file: file, anyAccount: anyAccount)
    append(p.events)
    return p
  }
}

/// The issues of a refused import as `file:line: field: message` lines (empty if accepted).
func refusal(_ body: () throws(ImportFailure) -> Void) -> [String] {
  switch Result(catching: body) {
  case .success: return []
  case .failure(let f): return f.issues.map(\.description)
  }
}

/// Bytes of a string.
func bytes(_ s: String) -> [UInt8] { Array(s.utf8) }

/// A small deterministic generator for the fuzz tests (SplitMix64).
struct Fuzz: RandomNumberGenerator {
  var mix: SplitMix64
  init(seed: UInt64) { mix = SplitMix64(state: seed) }
  mutating func next() -> UInt64 { mix.next() }

  /// `base` with a few random bytes changed, inserted or deleted (or cut short).
  mutating func mutate(_ base: [UInt8], alphabet: [UInt8]) -> [UInt8] {
    var b = base
    for _ in 0..<Int.random(in: 1...6, using: &self) {
      let pick = alphabet.randomElement(using: &self)!
      switch Int.random(in: 0..<4, using: &self) {
      case 0 where !b.isEmpty: b[Int.random(in: 0..<b.count, using: &self)] = pick
      case 1: b.insert(pick, at: Int.random(in: 0...b.count, using: &self))
      case 2 where !b.isEmpty: b.remove(at: Int.random(in: 0..<b.count, using: &self))
      case 3 where !b.isEmpty: b = Array(b.prefix(Int.random(in: 0..<b.count, using: &self)))
      default: break
      }
    }
    return b
  }
}
