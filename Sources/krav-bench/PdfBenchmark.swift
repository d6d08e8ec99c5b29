import Foundation
import KravCore
import KravLetters

/// `krav-bench pdf [--letters N] [--claims-per-letter N] [--out DIR]`: renders N step letters
/// (reminders planned from a generated ledger, as `krav step next --all-eligible` plans them)
/// as PDFs, one file each as the store writes them, then all of them again as one print batch
/// with odd-page starts. Prints pages per second for both. Docs/performance.md has figures.
struct PdfBenchmark {
  let letters: Int
  let claimsPerLetter: Int
  let out: String?

  init(options: Options) throws {
    letters = try options.int("letters", default: 1_000)
    claimsPerLetter = try options.int("claims-per-letter", default: 2)
    out = options.values["out"]
  }

  func ledger() -> Ledger {
    var l = Ledger()
    var n = 0
    func add(_ e: Event) {
      var e = e
      n += 1
      e.id = "g:\(n)"
      l.apply(e, ref: EventRef(journal: 0, offset: UInt64(n)))
    }
    for c in 0..<letters {
      var e = Event.draft(
        .customerAdded, customer: "K\(c)", by: "bench", at: "2026-01-01T10:00:00+01:00")
      e.name = "Åse Ødegård \(c)"
      e.kind = "consumer"
      e.address = "Løvåsveien \(c % 200 + 1), 0763 Oslo"
      add(e)
      for k in 0..<claimsPerLetter {
        let inv = "\(100_000 + c * claimsPerLetter + k)"
        var e = Event.draft(
          .claimAdded, customer: "K\(c)", invoice: inv, by: "bench",
          at: "2026-01-02T10:00:00+01:00")
        e.amount = Int64(125_050 + 1_000 * k)
        e.issued = Day(parsing: "2026-01-02")
        e.due = Day(parsing: "2026-02-01")
        e.kid = KID.make(body: inv)
        add(e)
      }
    }
    return l
  }

  func run() throws {
    let creditor = Creditor(
      name: "Fjordkraft Bøker AS", orgnr: "923609016", account: "12345678903",
      email: "post@fjordbok.no", address: "Strandgata 5, 5013 Bergen")
    let today = Day(parsing: "2026-03-02")!
    let plan = try ledger().planSteps(.allEligible, today: today, channel: .letter)
    let printed = plan.letters.map { PrintedLetter(draft: $0, creditor: creditor) }
    var pages = 0
    var bytes = 0
    let start = Date()
    for (i, p) in printed.enumerated() {
      let (pdf, n) = try LetterPDF.renderCounting([p])
      pages += n
      bytes += pdf.count
      if let out, i < 3 {
        try Data(pdf).write(to: URL(fileURLWithPath: "\(out)/\(p.id).pdf"))
      }
    }
    let one = Date().timeIntervalSince(start)
    let batchStart = Date()
    let (batch, batchPages) = try LetterPDF.renderCounting(printed, oddPageStarts: true)
    let all = Date().timeIntervalSince(batchStart)
    func f(_ x: Double) -> String { String(format: "%.1f", x) }
    print("letters: \(printed.count), claims per letter: \(claimsPerLetter)")
    print(
      "one PDF per letter: \(pages) pages in \(f(one)) s = \(f(Double(pages) / one)) pages/s,"
        + " \(bytes / max(1, printed.count)) bytes per letter")
    print(
      "print batch: \(batchPages) pages (blank ones included) in \(f(all)) s ="
        + " \(f(Double(batchPages) / all)) pages/s, \(batch.count / 1_000_000) MB")
  }
}
