import Foundation
import KravCore
import KravExchange
import KravLetters
import TerminalUI

/// The terminal as the runtime needs it; the ncurses backend conforms, tests use a fake.
public protocol TerminalDevice: AnyObject {
  /// Current size in cells.
  var size: Size { get }
  /// The next key, or nil when none arrived within the timeout.
  func readKey(timeoutMilliseconds: Int?) -> Key?
  /// Shows a frame (the device diffs it against the previous one).
  func draw(_ buffer: Buffer)
  /// Places the visible cursor (text input) or hides it (nil).
  func placeCursor(_ point: Point?)
  /// A signal that asked the app to end (SIGINT, SIGTERM, SIGHUP), if one arrived.
  var pendingSignal: Int32? { get }
  /// Gives the terminal back to the shell (Ctrl-Z in raw mode) until the job is resumed.
  func suspend()
}

/// The store as the runtime needs it: durable appends, new lines from others, reads by ref.
public protocol AppStore: AnyObject {
  /// What a bank file import needs from the store (accounts, stored ids, payment history);
  /// nil where bank files cannot be imported.
  func bankImport() -> BankImportContext?
  /// Appends drafts in one durable write; returns them as stored, with where they live.
  func append(_ drafts: [Event]) throws -> [(Event, EventRef)]
  /// Events other writers appended since the last call.
  func poll() throws -> [(Event, EventRef)]
  /// Everything that changed on disk since the last call: new events, or a whole new fold
  /// when what was read could not be continued, and changed settings (the ~1 s tick).
  func pollChanges() throws -> StoreChanges
  /// Reads events back for a timeline.
  func events(at refs: [EventRef]) throws -> [Event]
  /// Why the store takes no writes, if it does not.
  var readOnlyReason: String? { get }
  /// Writes a new e-mail draft to `letters/` durably; returns its path in the store.
  func writeDraft(named name: String, contents: String) throws -> String
  /// Writes letter files durably (temp, fsync, rename, fsync folder) before their event.
  func saveDocuments(_ files: [DocumentFile]) throws
  /// Whether a letter id is used already in `letters/`.
  func letterExists(_ id: String) -> Bool
  /// A file of the store by its store-relative path (`letters/…`), nil when it is missing.
  func readDocument(_ path: String) -> [UInt8]?
  /// The mail command (sendmail interface) the outbox sends through.
  var mailCommand: String { get }
  /// Writes a letter's text and e-mail durably into `letters/` (never overwriting one); a
  /// court draft has no e-mail (`eml` nil): it goes to the court, not to the debtor.
  func writeLetter(id: String, text: String, eml: String?) throws
  /// The writer's name when the store is synced between machines (letters, documents and
  /// drafts then carry it, so two machines never write the same file name); nil otherwise.
  var documentTag: String? { get }
  /// The actions that need a second person's approval (krav-store.json `four_eyes`).
  var fourEyes: Set<FourEyesAction> { get }
  /// Runs `body` holding the store-wide lock of formal steps (`Store.withStepLock`), so two
  /// sessions never send the same letters; stores without one just run it.
  func withStepLock<T>(_ body: () throws -> T) throws -> T
}

extension AppStore {
  /// `sendmail -t -i` unless the store says otherwise.
  public var mailCommand: String { "sendmail -t -i" }

  /// No lock: an in-memory store has one session.
  public func withStepLock<T>(_ body: () throws -> T) throws -> T { try body() }

  /// Stores on one machine need no tag.
  public var documentTag: String? { nil }

  /// No four-eyes rule unless the store says so.
  public var fourEyes: Set<FourEyesAction> { [] }

  /// Only new events, for stores whose files are never replaced.
  public func pollChanges() throws -> StoreChanges { StoreChanges(events: try poll()) }
}

/// What a poll found changed in the store.
public struct StoreChanges {
  /// Events other writers appended (in merge order among themselves).
  public var events: [(Event, EventRef)]
  /// A new fold of everything, when what was read could not be continued; then `events` is
  /// empty and this replaces the screen's ledger.
  public var reloaded: Ledger?
  /// Why everything was read again.
  public var reloadReason: String?
  /// The creditor, when `krav-store.json` changed.
  public var creditor: Creditor?
  /// The call settings, when `call-settings.json` changed (and is valid).
  public var callSettings: CallSettings?
  /// A changed settings file that could not be used (the old settings stay).
  public var problem: String?

  public init(
    events: [(Event, EventRef)] = [], reloaded: Ledger? = nil, reloadReason: String? = nil,
    creditor: Creditor? = nil, callSettings: CallSettings? = nil, problem: String? = nil
  ) {
    self.events = events
    self.reloaded = reloaded
    self.reloadReason = reloadReason
    self.creditor = creditor
    self.callSettings = callSettings
    self.problem = problem
  }

  /// The messages that show these changes, in order.
  public func messages(readOnlyBefore: String?, readOnlyNow: String?) -> [Msg] {
    var out: [Msg] = []
    if readOnlyNow != readOnlyBefore { out.append(.readOnlyChanged(readOnlyNow)) }
    if let reloaded { out.append(.reloaded(reloaded, reason: reloadReason ?? "")) }
    if !events.isEmpty { out.append(.external(events)) }
    if creditor != nil || callSettings != nil {
      out.append(.settingsChanged(creditor: creditor, callSettings: callSettings))
    }
    if let problem { out.append(.storeFailed(problem)) }
    return out
  }
}

/// Looks at the store once, as the tick does: everything that changed becomes messages.
public func pollMessages(_ state: AppState, store: AppStore) -> [Msg] {
  do {
    let changes = try store.pollChanges()
    return changes.messages(
      readOnlyBefore: state.readOnlyReason, readOnlyNow: store.readOnlyReason)
  } catch {
    return [.storeFailed(errorText(error, state.catalogue.lang))]
  }
}

/// Sends letters: writes each letter's files durably first, then appends the events of all
/// of them in one write (`step-triggered` per claim, `letter-sent` per letter). The TUI and
/// `krav step next` both go through here.
///
/// A letter whose step needs a second person's approval (`AppStore.fourEyes`: utlegg,
/// forliksklage) is not written: an `approval-requested` event is appended instead, and the
/// letter is written when another user approves it (`approved`, with `also`: the
/// `approval-granted` event, in the same write as the step's events).
public func sendLetters(
  _ letters: [LetterDraft], creditor: Creditor, store: AppStore, timestamp: String,
  approved: Bool = false, also: [Event] = []
) throws -> [(Event, EventRef)] {
  var drafts: [Event] = []
  let gated = approved ? [] : store.fourEyes
  for var l in letters {
    if let action = FourEyesAction(step: l.step), gated.contains(action) {
      drafts.append(
        .approvalRequest(
          action: action, customer: l.customerId, invoice: l.invoices.first,
          invoices: l.invoices, step: l.step,
          text: "\(l.step.rawValue) for \(l.customerName): \(l.invoices.joined(separator: ", "))"))
      continue
    }
    // In a store synced between machines the id carries the writer: the same customer's
    // letter written on two machines the same day gets two names, not a sync conflict.
    if let tag = store.documentTag, !l.id.hasSuffix("-" + tag) { l.id += "-" + tag }
    // A letter id already used in the store (a letter sent earlier today, by this session or
    // another writer) gets the next free suffix; letters are never overwritten.
    let base = l.id
    var n = 2
    while store.letterExists(l.id) {
      l.id = "\(base)-\(n)"
      n += 1
    }
    // What each invoice was for is in its `claim-added` event, not in the fold.
    if !l.sources.isEmpty { l = l.withInvoiceTexts(from: try store.events(at: l.sources)) }
    let text = LetterText.render(l, creditor: creditor)
    // A court draft is filed by the collector with namsmannen or the forliksråd: no e-mail to
    // the debtor is written for it.
    let eml =
      l.isCourtDraft
      ? nil : LetterFiles.eml(l, creditor: creditor, text: text, timestamp: timestamp)
    try store.writeLetter(id: l.id, text: text, eml: eml)
    try store.saveDocuments(try OutboxLetters.printedFiles(l, creditor: creditor))
    drafts += OutboxLetters.events(of: l)
  }
  // Stamped in place: a copy of every event was the largest thing in memory when all eligible
  // letters of a large store go at once (160 000 events).
  drafts += also
  for i in drafts.indices where drafts[i].at.isEmpty { drafts[i].at = timestamp }
  return try store.append(drafts)
}

/// Where "now" comes from: injected so `--today`/`--now` and tests pin it.
public struct AppClock: Sendable {
  /// The day in Europe/Oslo.
  public var today: @Sendable () -> Day
  /// The current moment as an event timestamp.
  public var timestamp: @Sendable () -> String
  /// The time of day in Oslo, minutes after midnight (for the call rules).
  public var minuteOfDay: @Sendable () -> Int
  public init(
    today: @escaping @Sendable () -> Day, timestamp: @escaping @Sendable () -> String,
    minuteOfDay: @escaping @Sendable () -> Int = { 9 * 60 }
  ) {
    self.today = today
    self.timestamp = timestamp
    self.minuteOfDay = minuteOfDay
  }
}

/// Runs the effects `update` asks for; shared by the terminal loop and the headless driver.
public struct EffectRunner {
  public var store: AppStore
  public var clock: AppClock
  /// The language of status lines the runner words itself (the outbox's).
  public var language: Language = .nb

  public init(store: AppStore, clock: AppClock) {
    self.store = store
    self.clock = clock
  }

  /// Carries out one effect and returns the messages it produced.
  public func run(_ effect: Effect) -> [Msg] {
    switch effect {
    case .quit:
      return []
    case .write(let request):
      return write(request)
    case .outbox(let request, let ledger, let creditor):
      return OutboxRunner.run(
        request, ledger: ledger.ledger, creditor: creditor, store: store, clock: clock,
        language: language)
    case .previewImport(let path, let ledger, let today, let options):
      guard let data = FileManager.default.contents(atPath: path) else {
        var p = FilePreview(file: path, kind: nil)
        p.issues = [
          ImportIssue(file: path, line: 0, field: "file", problem: .cannotRead)
        ]
        return [.importPreviewed(p)]
      }
      return [
        .importPreviewed(
          FileImport.preview(
            [UInt8](data), file: path, ledger: ledger.ledger, today: today,
            bank: store.bankImport(), options: options))
      ]
    case .readDocument(let path):
      return [
        .documentRead(
          path: path, text: store.readDocument(path).map { String(decoding: $0, as: UTF8.self) })
      ]
    case .loadTimeline(let customer, let refs):
      do {
        return [.timelineLoaded(customer: customer, events: try store.events(at: refs))]
      } catch {
        return [.storeFailed(errorText(error, language))]
      }
    }
  }
}

extension EffectRunner {
  /// Carries out one write request: files first, durably, then the events in one append. Only
  /// what the store acknowledged is folded; a failure writes no event.
  func write(_ request: WriteRequest) -> [Msg] {
    let purpose = request.purpose
    func failed(_ error: any Error) -> [Msg] {
      [.writeFailed(purpose, errorText(error, language))]
    }
    let stamp = clock.timestamp()
    // A write-off needs a second person's approval where the store says so (issue 18).
    var events = request.events.map { FourEyesGate.requestIfNeeded($0, fourEyes: store.fourEyes) }
    for i in events.indices where events[i].at.isEmpty { events[i].at = stamp }
    // A plan over 12 months that became a request writes no letter: nothing goes to the
    // debtor before a second person approved it.
    let planGated = zip(request.events, events).contains {
      $0.type == .planProposed && $1.type == .approvalRequested
    }
    switch planGated ? WriteRequest.Files.none : request.files {
    case .none:
      do {
        return [.written(WriteAck(purpose: purpose, stored: try store.append(events)))]
      } catch { return failed(error) }
    case .documents(let files):
      // The letter is on disk before the event that names it. In a synced store the names
      // carry the writer, so two machines never write the same file (issue 18).
      let (files, tagged) = DocumentNames.tagged(files, events, tag: store.documentTag)
      events = tagged
      do {
        try store.saveDocuments(files.map { PlanMail.stamped($0, timestamp: stamp) })
        return [.written(WriteAck(purpose: purpose, stored: try store.append(events)))]
      } catch { return failed(error) }
    case .draft(let mail, let link):
      // The draft first, durably: an acknowledged call never names a missing draft. (If the
      // append then fails, the draft stays in letters/ unreferenced and the form reopens.)
      do {
        let path = try store.writeDraft(named: mail.fileName, contents: mail.eml)
        if !events.isEmpty {
          switch link {
          case .ref: events[0].ref = path
          case .letter: events[0].planLetter = path
          }
        }
        let stored = try store.append(events)
        return [.written(WriteAck(purpose: purpose, stored: stored, draft: (path, mail.body)))]
      } catch { return failed(error) }
    case .letters(let letters, let creditor):
      return send(letters, creditor: creditor, purpose: purpose, also: events)
    }
  }

  /// Sends formal-step letters under the store-wide step lock: it reads what others appended
  /// since the preview first, and if another session moved one of these claims meanwhile,
  /// nothing is sent (the queue is refreshed and the collector reviews again), so no letter
  /// goes out twice. `also` goes into the same append; under `.approval` (a colleague's
  /// four-eyes request approved) the letters are written though their step needs approval.
  private func send(
    _ letters: [LetterDraft], creditor: Creditor, purpose: WritePurpose, also: [Event]
  ) -> [Msg] {
    do {
      return try store.withStepLock { () throws -> [Msg] in
        let fresh = try store.poll()
        let invoices = Set(letters.flatMap(\.invoices))
        let moved = fresh.contains { e, _ in
          e.type == .stepTriggered && e.invoice.map(invoices.contains) == true
        }
        let seen: [Msg] = fresh.isEmpty ? [] : [.external(fresh)]
        if moved {
          return seen + [
            .writeFailed(purpose, Catalogue(language)(LQueue.stepRaced))
          ]
        }
        let stored = try sendLetters(
          letters, creditor: creditor, store: store, timestamp: clock.timestamp(),
          approved: purpose == .approval, also: also)
        // Every document written, court drafts (which have no letter-sent) included.
        var ids: [String] = []
        var seenIds = Set<String>()
        for (e, _) in stored where e.type == .stepTriggered || e.type == .letterSent {
          if let r = e.ref, seenIds.insert(r).inserted { ids.append(r) }
        }
        return seen + [.written(WriteAck(purpose: purpose, stored: stored, letters: ids))]
      }
    } catch {
      return [.writeFailed(purpose, errorText(error, language))]
    }
  }
}

/// Feeds a message through `update` and runs the resulting effects until none are left.
public func dispatch(
  _ state: inout AppState, _ msg: Msg, keymaps: Keymaps, runner: EffectRunner
) {
  var queue = [msg]
  while !queue.isEmpty {
    let m = queue.removeFirst()
    for effect in update(&state, m, keymaps: keymaps) { queue += runner.run(effect) }
  }
}

/// The interactive loop: one thread, woken by a key or a ~1 s tick.
///
/// Returns the process exit status: 0 on quit, 128 + signal when a signal ended the session.
public func runInteractive(
  state initial: AppState, terminal: TerminalDevice, runner: EffectRunner,
  trace: LatencyTrace? = nil
) -> Int32 {
  var state = initial
  state.readOnlyReason = runner.store.readOnlyReason
  if let reason = state.readOnlyReason {
    // The store found damage: say why it takes no writes until `krav check --repair`.
    state.status = StatusLine("\(state.catalogue(.readOnly)): \(reason)", isError: true)
  }
  let keymaps = Keymaps(state.catalogue)
  state.size = terminal.size
  // Another writer's lines (a colleague, a CLI command, a file-sync engine's copy) appear
  // within a second: the loop wakes at least every 250 ms and looks at the journals (their
  // paths, so a file renamed over one is seen) and the settings every 750 ms.
  let monotonic = ContinuousClock()
  // The first screen is drawn before anything else: the first poll waits one interval.
  var nextPoll = monotonic.now.advanced(by: .milliseconds(750))
  var searchBuild: SearchBuild?
  var overviewBuild: BackgroundBuild<(rows: [CustomerSummary], epoch: Int, day: Day)>?
  var queueBuild: BackgroundBuild<(rows: [QueueRow], epoch: Int, day: Day)>?
  while true {
    if let sig = terminal.pendingSignal { return 128 + sig }
    if monotonic.now >= nextPoll {
      nextPoll = monotonic.now.advanced(by: .milliseconds(750))
      dispatch(&state, .tick(today: runner.clock.today()), keymaps: keymaps, runner: runner)
      let minute = runner.clock.minuteOfDay()
      if minute != state.minuteOfDay {
        dispatch(&state, .clock(minute: minute), keymaps: keymaps, runner: runner)
      }
      for msg in pollMessages(state, store: runner.store) {
        dispatch(&state, msg, keymaps: keymaps, runner: runner)
      }
    }
    if let built = searchBuild?.take() {
      state.adopt(built.index, epoch: built.epoch)
      trace?.mark("search index adopted")
    }
    if let built = overviewBuild?.take() {
      state.adoptOverview(built.rows, epoch: built.epoch, day: built.day)
      trace?.mark("customers list adopted")
    }
    if let built = queueBuild?.take() {
      state.adoptQueue(built.rows, epoch: built.epoch, day: built.day)
      trace?.mark("queue adopted")
    }
    trace?.mark("update")
    let frame = render(state, keymaps: keymaps)
    trace?.mark("render")
    terminal.draw(frame.buffer)
    terminal.placeCursor(frame.cursor)
    trace?.mark("draw")
    trace?.flush()
    // Once the first screen is up, the search index is built on another thread, so the first
    // `/` and its keystrokes find it ready (100 000 customers: about 0.1 s of work).
    if searchBuild == nil { searchBuild = SearchBuild(state) }
    // Likewise the customers list, when it was left for later (`deferOverview`).
    if overviewBuild == nil, state.overviewPending {
      let (ledger, epoch, day) = (state.ledger, state.search.epoch, state.today)
      overviewBuild = BackgroundBuild {
        (ledger.customerSummaries(today: day, overdueOnly: true), epoch, day)
      }
    }
    // And the queue's rows, so opening the queue takes them ready (`rederiveQueue`).
    if queueBuild == nil {
      let (ledger, epoch, day) = (state.ledger, state.search.epoch, state.today)
      queueBuild = BackgroundBuild { (ledger.queue(today: day), epoch, day) }
    }
    guard let key = terminal.readKey(timeoutMilliseconds: 250) else { continue }
    trace?.start("key \(key)")
    if key == .ctrl("z") {
      terminal.suspend()
    } else if key == .resize {
      dispatch(&state, .resized(terminal.size), keymaps: keymaps, runner: runner)
    } else {
      dispatch(&state, .key(key), keymaps: keymaps, runner: runner)
    }
    if state.isQuitting { return 0 }
  }
}

/// Where the time of each frame goes (`KRAV_TRACE=FILE`, issue 20): one line per frame with
/// the milliseconds of each phase since the key was read (or since start for the first).
public final class LatencyTrace {
  private let file: UnsafeMutablePointer<FILE>
  private let clock = ContinuousClock()
  private var began: ContinuousClock.Instant
  private var line = ""

  /// A trace appended to `path`; nil when it cannot be opened.
  public init?(path: String, label: String = "start") {
    guard let f = fopen(path, "a") else { return nil }
    file = f
    began = clock.now
    line = label
  }

  deinit { fclose(file) }

  /// Starts a new line (a key was read).
  public func start(_ label: String) {
    flush()
    began = clock.now
    line = label
  }

  /// Notes the time of a phase.
  public func mark(_ phase: String) {
    let d = clock.now - began
    let ms = Double(d.components.seconds) * 1000 + Double(d.components.attoseconds) / 1e15
    line += "\t\(phase) \((ms * 100).rounded() / 100)"
  }

  /// Writes the line so far.
  public func flush() {
    guard !line.isEmpty else { return }
    fputs(line + "\n", file)
    fflush(file)
    line = ""
  }
}

/// The search index built on a thread of its own from the ledger of one moment (its epoch);
/// `take` hands it over once, when it is done.
final class SearchBuild: @unchecked Sendable {
  private let lock = NSLock()
  private var result: (index: SearchIndex, epoch: Int)?
  private var taken = false

  init(_ state: AppState) {
    let ledger = state.ledger
    let epoch = state.search.epoch
    let thread = Thread { [self] in
      let index = SearchIndex(ledger)
      lock.withLock { result = (index, epoch) }
    }
    thread.qualityOfService = .utility
    thread.start()
  }

  /// The index, the first time it is asked for after it is built; nil before and after.
  func take() -> (index: SearchIndex, epoch: Int)? {
    lock.withLock {
      guard !taken, let r = result else { return nil }
      taken = true
      result = nil
      return r
    }
  }
}

/// Work done on a thread of its own (the customers list and the queue after the first
/// screen); `take` hands the result over once, when it is done.
final class BackgroundBuild<T: Sendable>: @unchecked Sendable {
  private let lock = NSLock()
  private var result: T?
  private var taken = false

  init(_ work: @escaping @Sendable () -> T) {
    let thread = Thread { [self] in
      let r = work()
      lock.withLock { result = r }
    }
    thread.qualityOfService = .utility
    thread.start()
  }

  /// The result, the first time it is asked for after it is done; nil before and after.
  func take() -> T? {
    lock.withLock {
      guard !taken, let r = result else { return nil }
      taken = true
      result = nil
      return r
    }
  }
}

/// Turns an action that needs approval into its request (issue 18).
public enum FourEyesGate {
  /// A write-off (`case-closed` with reason `written-off`) becomes an `approval-requested`
  /// when write-offs need approval; anything else is returned as it is.
  /// A plan over 12 months (`plan-proposed`, not yet approved: no `ref`) becomes its
  /// request when such plans need approval (`Event.planApprovalRequest`).
  public static func requestIfNeeded(_ d: Event, fourEyes: Set<FourEyesAction>) -> Event {
    if d.type == .planProposed {
      guard fourEyes.contains(.longPlan), d.ref == nil, FourEyesAction.isLongPlan(d) else {
        return d
      }
      return .planApprovalRequest(d)
    }
    // An approved write-off names its request (`ref`): it goes through.
    guard fourEyes.contains(.writeOff), d.type == .caseClosed, d.ref == nil,
      d.reason == ClosureReason.writtenOff.rawValue, let customer = d.customer
    else { return d }
    var r = Event.approvalRequest(
      action: .writeOff, customer: customer, invoice: d.invoice, text: d.text ?? "")
    r.at = d.at
    return r
  }
}
