import Foundation
import KravCore
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
  /// Appends drafts in one durable write; returns them as stored, with where they live.
  func append(_ drafts: [Event]) throws -> [(Event, EventRef)]
  /// Events other writers appended since the last call.
  func poll() throws -> [(Event, EventRef)]
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
  /// Writes a letter's text and e-mail durably into `letters/` (never overwriting one); a
  /// court draft has no e-mail (`eml` nil): it goes to the court, not to the debtor.
  func writeLetter(id: String, text: String, eml: String?) throws
  /// Runs `body` holding the store-wide lock of formal steps (`Store.withStepLock`), so two
  /// sessions never send the same letters; stores without one just run it.
  func withStepLock<T>(_ body: () throws -> T) throws -> T
}

extension AppStore {
  /// No lock: an in-memory store has one session.
  public func withStepLock<T>(_ body: () throws -> T) throws -> T { try body() }
}

/// Sends letters: writes each letter's files durably first, then appends the events of all
/// of them in one write (`step-triggered` per claim, `letter-sent` per letter). The TUI and
/// `krav step next` both go through here.
public func sendLetters(
  _ letters: [LetterDraft], creditor: Creditor, store: AppStore, timestamp: String
) throws -> [(Event, EventRef)] {
  var drafts: [Event] = []
  for var l in letters {
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
    drafts += l.events
  }
  // Stamped in place: a copy of every event was the largest thing in memory when all eligible
  // letters of a large store go at once (160 000 events).
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
    case .loadTimeline(let customer, let refs):
      do {
        return [.timelineLoaded(customer: customer, events: try store.events(at: refs))]
      } catch {
        return [.storeFailed(String(describing: error))]
      }
    }
  }
}

extension EffectRunner {
  /// Carries out one write request: files first, durably, then the events in one append. Only
  /// what the store acknowledged is folded; a failure writes no event.
  func write(_ request: WriteRequest) -> [Msg] {
    let purpose = request.purpose
    func failed(_ error: Any) -> [Msg] { [.writeFailed(purpose, String(describing: error))] }
    let stamp = clock.timestamp()
    var events = request.events
    for i in events.indices where events[i].at.isEmpty { events[i].at = stamp }
    switch request.files {
    case .none:
      do {
        return [.written(WriteAck(purpose: purpose, stored: try store.append(events)))]
      } catch { return failed(error) }
    case .documents(let files):
      // The letter is on disk before the event that names it.
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
      return send(letters, creditor: creditor)
    }
  }

  /// Sends formal-step letters under the store-wide step lock: it reads what others appended
  /// since the preview first, and if another session moved one of these claims meanwhile,
  /// nothing is sent (the queue is refreshed and the collector reviews again), so no letter
  /// goes out twice.
  private func send(_ letters: [LetterDraft], creditor: Creditor) -> [Msg] {
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
            .writeFailed(
              .letters,
              "another session took a step on these claims meanwhile; nothing was sent — "
                + "review the queue again")
          ]
        }
        let stored = try sendLetters(
          letters, creditor: creditor, store: store, timestamp: clock.timestamp())
        // Every document written, court drafts (which have no letter-sent) included.
        var ids: [String] = []
        var seenIds = Set<String>()
        for (e, _) in stored where e.type == .stepTriggered || e.type == .letterSent {
          if let r = e.ref, seenIds.insert(r).inserted { ids.append(r) }
        }
        return seen + [.written(WriteAck(purpose: .letters, stored: stored, letters: ids))]
      }
    } catch {
      return [.writeFailed(.letters, String(describing: error))]
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
  state initial: AppState, terminal: TerminalDevice, runner: EffectRunner
) -> Int32 {
  var state = initial
  state.readOnlyReason = runner.store.readOnlyReason
  if let reason = state.readOnlyReason {
    // The store found damage: say why it takes no writes until `krav check --repair`.
    state.status = StatusLine("\(state.catalogue(.readOnly)): \(reason)", isError: true)
  }
  let keymaps = Keymaps(state.catalogue)
  state.size = terminal.size
  // Another writer's lines (a colleague, a CLI command) appear within a second: the loop wakes
  // at least every 250 ms and looks at the journals every 750 ms.
  let monotonic = ContinuousClock()
  var nextPoll = monotonic.now
  while true {
    if let sig = terminal.pendingSignal { return 128 + sig }
    if monotonic.now >= nextPoll {
      nextPoll = monotonic.now.advanced(by: .milliseconds(750))
      dispatch(&state, .tick(today: runner.clock.today()), keymaps: keymaps, runner: runner)
      let minute = runner.clock.minuteOfDay()
      if minute != state.minuteOfDay {
        dispatch(&state, .clock(minute: minute), keymaps: keymaps, runner: runner)
      }
      do {
        let batch = try runner.store.poll()
        if !batch.isEmpty { dispatch(&state, .external(batch), keymaps: keymaps, runner: runner) }
      } catch {
        dispatch(&state, .storeFailed(String(describing: error)), keymaps: keymaps, runner: runner)
      }
    }
    let frame = render(state, keymaps: keymaps)
    terminal.draw(frame.buffer)
    terminal.placeCursor(frame.cursor)
    guard let key = terminal.readKey(timeoutMilliseconds: 250) else { continue }
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
