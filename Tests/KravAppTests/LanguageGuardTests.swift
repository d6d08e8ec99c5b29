import Foundation
import KravApp
import KravCore
import KravExchange
import KravStore
import KravTestSupport
import TerminalUI
import Testing

/// A mechanical guard on the interface languages (issue 20): a Norwegian text equal to its
/// English twin is a text someone forgot to translate, unless it is a name or a code.
@Suite("Language guard")
struct LanguageGuardTests {
  /// Keys whose two texts are rightly the same: names, codes, abbreviations, formats.
  static let sameInBoth: Set<String> = [
    "L.appTitle", "LPay.colKid", "LLayout.colId", "RL.cei",
    // The Norwegian legal names of the steps stay Norwegian in English too.
    "L.stepInkassovarsel", "L.stepBetalingsoppfordring", "L.stepUtlegg", "L.stepForliksklage",
    // The same word in both languages.
    "LQueue.keyConfirm", "LTeam.mine",
  ]

  /// Every catalogue entry as (area.key, nb, en).
  static func entries() -> [(String, String, String)] {
    let nb = Catalogue(.nb)
    let en = Catalogue(.en)
    var all: [(String, String, String)] = []
    func add<K>(_ area: String, _ keys: [K], _ text: (Catalogue, K) -> String) {
      for k in keys { all.append(("\(area).\(k)", text(nb, k), text(en, k))) }
    }
    add("L", L.allCases) { $0($1) }
    add("LCall", LCall.allCases) { $0($1) }
    add("LQueue", LQueue.allCases) { $0($1) }
    add("LPay", LPay.allCases) { $0($1) }
    add("LTeam", LTeam.allCases) { $0($1) }
    add("LLayout", LLayout.allCases) { $0($1) }
    add("LFix", LFix.allCases) { $0($1) }
    add("PL", PL.allCases) { $0.plan($1) }
    add("RL", RL.allCases) { $0.report($1) }
    return all
  }

  @Test("no Norwegian catalogue text equals its English one, except names and codes")
  func catalogueTranslated() {
    let equal = Self.entries().filter { key, nb, en in nb == en && !Self.sameInBoth.contains(key) }
    #expect(equal.isEmpty, "untranslated: \(equal.map { "\($0.0)=\"\($0.1)\"" })")
    // The allow-list holds only keys that exist and are still equal.
    let entries = Dictionary(uniqueKeysWithValues: Self.entries().map { ($0.0, ($0.1, $0.2)) })
    for key in Self.sameInBoth {
      #expect(entries[key].map { $0.0 == $0.1 } == true, "\(key) is no longer the same")
    }
  }

  /// Pairs written in place in the sources (`nb ? "…" : "…"`, `text(t, "…", "…")`,
  /// `("…", "…")` in a catalogue switch): an identical pair is an untranslated text.
  @Test("no Norwegian text written in place in the sources equals its English one")
  func sourcePairsTranslated() throws {
    let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
      .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Sources")
    let patterns = [
      #"\bnb\s*\?\s*("(?:[^"\\]|\\.)*")\s*:\s*("(?:[^"\\]|\\.)*")"#,
      #"text\(t,\s*("(?:[^"\\]|\\.)*"),\s*("(?:[^"\\]|\\.)*")\)"#,
      #"return \(("(?:[^"\\]|\\.)*"),\s*("(?:[^"\\]|\\.)*")\)"#,
    ].map { try! NSRegularExpression(pattern: $0) }
    // Pairs rightly the same in both languages (names, codes).
    let allowed: Set<String> = [
      #""Krav""#, #""KID""#, #""Id""#, #""CEI %""#, #""inkassovarsel""#,
      #""betalingsoppfordring""#, #""utlegg""#, #""forliksklage""#, #""send""#, #""mine""#,
      #""Filter: ""#,
    ]
    var found: [String] = []
    var files = 0
    // The error texts of the store, the core and the imports are worded in place too.
    for folder in ["krav", "KravApp", "KravCore", "KravStore", "KravExchange"] {
      let dir = root.appendingPathComponent(folder)
      let walker = FileManager.default.enumerator(at: dir, includingPropertiesForKeys: nil)
      while let url = walker?.nextObject() as? URL {
        guard url.pathExtension == "swift" else { continue }
        files += 1
        let text = try String(contentsOf: url, encoding: .utf8)
        let ns = text as NSString
        for re in patterns {
          for m in re.matches(in: text, range: NSRange(location: 0, length: ns.length)) {
            let a = ns.substring(with: m.range(at: 1))
            let b = ns.substring(with: m.range(at: 2))
            if a == b, !allowed.contains(a) { found.append("\(url.lastPathComponent): \(a)") }
          }
        }
      }
    }
    #expect(files > 20, "the sources were found")
    #expect(found.isEmpty, "untranslated: \(found)")
  }

  /// One value of every error kind that reaches the user from the store and the core.
  static let errors: [any WordedError] = [
    StoreError.io(op: "open", path: "journal/kari.jsonl", errno: 28),
    StoreError.notAStore(path: "/x"), StoreError.newerFormat(version: 9),
    StoreError.alreadyExists(path: "/x"),
    StoreError.journalInUse(file: "journal/kari.jsonl", writer: "kari"),
    StoreError.invalidWriter("a b"), StoreError.readOnly(reason: .openedReadOnly),
    StoreError.readOnly(reason: .readOnlyFileSystem),
    StoreError.readOnly(reason: .noWritePermission), StoreError.notLoaded,
    StoreError.invalidEvent("x"), StoreError.idTaken,
    StoreError.writeFailed(file: "journal/kari.jsonl", errno: 28),
    StoreError.syncFailed(file: "journal/kari.jsonl", errno: 5),
    StoreError.journalChanged(file: "journal/kari.jsonl"),
    StoreError.badRef(file: "journal/kari.jsonl", offset: 10, reason: .noCompleteLine),
    StoreError.stalePlan(file: "journal/kari.jsonl"),
    StoreError.writerClash(file: "journal/kari.jsonl", writer: "kari"),
    CallSettingsError(file: "call-settings.json", problem: .notJSON),
    CallSettingsError(file: "call-settings.json", problem: .wrongType(field: "max_per_day")),
    CallSettingsError(file: "call-settings.json", problem: .badValue(field: "weights")),
    CallSettingsError(
      file: "call-settings.json",
      problem: .value(.init(field: "weights", got: "x", expectedTimeSpan: false))),
    StepPlanError.unknownInvoice("F1"), StepPlanError.unknownCustomer("K1"),
    StepPlanError.noAddress(customer: "K1", channel: .email), PlanError.tooManyInstalments(120),
    KravConfig.Problem(file: "cfg", line: 1, kind: .notKeyValue),
    KravConfig.Problem(file: "cfg", line: 1, kind: .unknownKey("x")),
    KravConfig.Problem(file: "cfg", line: 1, kind: .setTwice("user")),
    KravConfig.Problem(file: "cfg", line: 1, kind: .valueRequired("user")),
    KravConfig.Problem(file: "cfg", line: 1, kind: .storePath("x")),
    KravConfig.Problem(file: "cfg", line: 1, kind: .userName("a b")),
    KravConfig.Problem(file: "cfg", line: 1, kind: .lang("de")),
    KravConfig.Problem(file: "cfg", line: 1, kind: .notUTF8),
  ]

  /// Every finding problem (the decoder's, the replay's, check's).
  static let findings: [FindingProblem] = [
    .noCrc, .checksumMismatch, .noFields, .malformedKey, .missingColon, .fieldTwice("id"),
    .expectedInteger("seq"), .prevNotHex, .expectedDate("due"), .typeNotString, .badUTF8("text"),
    .expectedString("name"), .badTimestamp, .unknownFieldMalformed, .unknownFieldTwice,
    .unknownFieldUTF8, .missingComma, .fieldMissing("id"), .emptyHeader, .seqOutOfRange,
    .chainBroken(seq: 3, after: 1), .seqGap(seq: 3, after: 1), .shorterThanRead, .duplicateId,
    .tornTailRemoved(length: 5, movedTo: "quarantine/x"), .tornTailOpen(length: 5),
    .noSuchJournal, .noCompleteLine, .newerFormat(version: 9), .storeFileMissing,
    .openToOthers(mode: 0o644), .aboveBound(field: "amount"),
    .journalConflictCopy(
      original: "journal/kari.jsonl", missing: ["kari:6 (note-added)"], count: 1),
    .journalConflictCopy(original: "journal/kari.jsonl", missing: [], count: 0), .symlink,
    .temporaryFile, .conflictCopy, .unknownRootFile, .notAJournal, .notASnapshot, .notALetter,
    .orphanLetter,
  ]

  @Test("every store, settings, check and step-plan error has its own bokmål text")
  func errorsTranslated() {
    for e in Self.errors {
      #expect(e.text(.nb) != e.text(.en), "untranslated: \(e.text(.en))")
      #expect(e.description == e.text(.en))
    }
    for f in Self.findings {
      #expect(f.text(.nb) != f.text(.en), "untranslated: \(f.text(.en))")
    }
    for r in CallSettings.RuleProblem.allSamples {
      #expect(r.text(.nb) != r.text(.en), "untranslated: \(r.text(.en))")
    }
    for r in [
      ReloadReason.removed("f"), .replaced("f"), .shorter("f"), .changedByAnotherMachine("f"),
    ] {
      #expect(r.text(.nb) != r.text(.en))
    }
    // The common errno values are worded in bokmål, not the C library's English.
    #expect(
      StoreError.writeFailed(file: "f", errno: 28).text(.nb).contains("ingen plass igjen på disken")
    )
  }

  @Test("the TUI shows a store error in the same words as the CLI: a failed note in Norwegian")
  func tuiShowsStoreErrorInLanguage() {
    let today = Day(parsing: "2026-11-30")!
    let store = MemoryStore(events: Fixtures.threeCustomers(today: today))
    var d = AppDriver(
      store: store, today: today, language: .nb, size: Size(width: 120, height: 30),
      start: .customers)
    d.press(.enter)
    d.press(.char("n"))
    d.type("Ringte, ingen svar")
    let failure = StoreError.writeFailed(file: "journal/kari.jsonl", errno: 28)
    store.failNextAppendError = failure
    d.press(.enter)
    #expect(d.screenText.contains(failure.text(.nb)), "\(d.screenText)")
    #expect(d.screenText.contains("ingen plass igjen på disken"))
    #expect(!d.screenText.contains("No space left"))
  }

  /// Every import problem but the bank files' record-level details.
  static let importProblems: [ImportProblem] = [
    .cannotRead, .notUTF8, .notCSV, .emptyCSV, .notAnImportFile, .bankFileNotHere, .notABankFile,
    .fieldCount(got: 3, header: 2), .columnTwice, .columnMissing,
    .customerAlsoOnLine("K1", line: 2), .customerDiffers("K1", fields: ["name"]),
    .customerIdRequired, .nameRequired, .badKind("x"), .badOrgnr("1"), .badBirthNumber, .badEmail,
    .badPostcode("1"), .badConsentDay("x"), .consentNeedsEmail,
    .customerRowRejected("K1", file: "c.csv", line: 2, field: "email"), .invoiceRequired,
    .unknownCustomer("K9"),
    .dueBeforeIssue(due: Day(parsing: "2026-01-01")!, issued: Day(parsing: "2026-02-01")!),
    .notAnAmount("x"), .amount(.notAnAmount, got: "x"), .amount(.notPositive, got: "0"),
    .amount(.tooLarge, got: "1e20"), .amountRequired, .badKid("1"), .kidAlsoOnLine("18", line: 2),
    .kidTaken("18", invoice: "F1"), .invoiceAlsoOnLine("F1", line: 2),
    .invoiceOfOther("F1", owner: "K1", not: "K2"),
    .amountDiffers("F1", stored: Money(ore: 100), file: Money(ore: 200)),
    .invoiceDiffers("F1", fields: ["due_date"]), .dateRequired, .notADate("x"),
    .notCreditorsAccount("1234.56.78903", creditors: []),
    .notCreditorsAccount(nil, creditors: ["x"]),
    .notNOK(original: nil),
    .paymentAfterToday(Day(parsing: "2026-02-01")!, today: Day(parsing: "2026-01-01")!),
    .reversalNotFound(Money(ore: 100), kid: nil), .otherAccount(nil),
    .datedLongAgo(Day(parsing: "2026-01-01")!, days: 400),
    .datedAhead(Day(parsing: "2026-01-01")!, days: 2),
  ]

  @Test("every import line problem has its own bokmål text; the issue keeps file, line and field")
  func importProblemsTranslated() {
    for p in Self.importProblems {
      #expect(p.text(.nb) != p.text(.en), "untranslated: \(p.text(.en))")
    }
    let issue = ImportIssue(file: "f.csv", line: 3, field: "amount", problem: .amountRequired)
    #expect(issue.text(.nb) == "f.csv:3: amount: et beløp er påkrevd")
    #expect(issue.text(.en) == "f.csv:3: amount: an amount is required")
    #expect(issue.description == issue.text(.en))
  }
}
