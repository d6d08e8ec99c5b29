import CKravScan
import KravCore

#if canImport(Glibc)
  import Glibc
#endif

/// Reads one journal's lines and checks them: crc and parse (per line), chain and seq (against
/// the line before). Owns its `JournalState` while it runs, so it can run on another thread.
struct JournalDecoder {
  var state: JournalState
  let reader: LineReader
  /// The partial last line, if the journal ended without `\n`.
  var torn: (line: Int, offset: UInt64, length: Int)?
  /// Types whose `text` is checked but not kept (`LineDecoder.typeMask`).
  var dropText: UInt32 = 0
  /// The writer's name as bytes, to recognise canonical ids while parsing.
  let writerBytes: [UInt8]

  init(state: JournalState, reader: LineReader) {
    self.state = state
    self.reader = reader
    writerBytes = Array(state.writer.utf8)
  }

  /// Decodes the next good line into `head`; notes findings for lines skipped or out of chain
  /// on the way. False at the end of the journal.
  mutating func next(
    into head: inout DecodedLine, line: inout Int, offset: inout UInt64,
    note: (Finding) -> Void
  ) throws -> Bool {
    while true {
      switch try reader.next() {
      case .end: return false
      case .partial(let start, let length):
        torn = (state.lines + 1, start, length)
        return false
      case .line(let start, let bytes):
        state.lines += 1
        state.length = start + UInt64(bytes.count) + 1
        let problem = writerBytes.withUnsafeBufferPointer {
          LineDecoder.decode(bytes, into: &head, dropText: dropText, writer: $0)
        }
        if let problem {
          note(
            Finding(
              kind: problem.kind, file: state.file, line: state.lines, byteOffset: start,
              problem: problem.problem))
          state.chainKnown = false
          continue
        }
        let seq = head.event.seq
        if state.chainKnown && head.prev != state.lastCrc {
          note(
            Finding(
              kind: .brokenChain, file: state.file, line: state.lines, byteOffset: start,
              problem: .chainBroken(seq: Int(seq), after: Int(state.lastSeq))))
        } else if state.chainKnown && seq != state.lastSeq + 1 {
          note(
            Finding(
              kind: .badSeq, file: state.file, line: state.lines, byteOffset: start,
              problem: .seqGap(seq: Int(seq), after: Int(state.lastSeq))))
        }
        // `head.canonicalId` was checked while parsing, on the decoding thread, with the id's
        // bytes at hand: on the merge's thread each id read was a cache miss (the string was
        // made here).
        state.lastCrc = head.crc
        state.lastSeq = seq
        state.chainKnown = true
        line = state.lines
        offset = start
        return true
      }
    }
  }
}

/// One journal in a merge: the next event (the head), decoded either here or by a
/// `DecoderThread` ahead of the merge.
final class JournalStream {
  let journal: Int
  /// Set when decoding here; nil while a thread decodes (it owns the decoder until joined).
  var decoder: JournalDecoder?
  let thread: DecoderThread?
  /// The next event (valid while `hasHead`), in a slot of `batch` or, inline, of `own`.
  private(set) var head: UnsafeMutablePointer<EventSlot>
  var hasHead = false
  /// A one-event batch that inline decoding reuses for every line.
  private let own: EventBatch
  /// The batch being read (threaded), the index of its next event and of its next finding.
  private var batch: EventBatch?
  private var nextEvent = 0
  private var nextFinding = 0
  /// The batch's slots, event count and the event index its next finding comes before
  /// (`Int.max` when none is left), kept here so that moving to the next event touches no
  /// reference count: each retain of the batch was an atomic operation per event.
  private var slots: UnsafeMutablePointer<EventSlot>?
  private var slotCount = 0
  private var nextFindingBefore = Int.max
  /// The first bytes of a slot that the merge and the fold read for most events: the line's
  /// small fields, the event's header and its often-read body fields (Event.swift declares
  /// them first), up to `channel`; about two thirds of a slot.
  private let hotBytes =
    MemoryLayout<EventSlot>.offset(of: \.line)! + MemoryLayout<DecodedLine>.offset(of: \.event)!
    + (MemoryLayout<Event>.offset(of: \.channel) ?? MemoryLayout<Event>.size)

  init(journal: Int, decoder: JournalDecoder, threaded: Bool) {
    self.journal = journal
    own = EventBatch(capacity: 1)
    head = own.slot(0)
    thread = threaded ? DecoderThread.start(decoder) : nil
    self.decoder = thread == nil ? decoder : nil
  }

  /// Where the head's line starts.
  var headRef: EventRef { EventRef(journal: UInt32(journal), offset: head.pointee.offset) }
  /// The head's line number.
  var headLine: Int { head.pointee.lineNumber }

  /// Moves to the next good event of this journal, passing on findings met on the way.
  func advance(_ note: (Finding) -> Void, _ lookahead: (UnsafePointer<Event>, Lookahead) -> Void)
    throws
  {
    hasHead = false
    if decoder != nil {
      own.reset()
      hasHead = try own.decodeNext(&decoder!)
      for f in own.findings { note(f.finding) }
      head = own.slot(0)
      return
    }
    // The usual case first: the next event of the batch in hand, with no finding before it.
    if let slots, nextEvent < slotCount, nextEvent < nextFindingBefore {
      moveHead(to: slots, nextEvent, lookahead)
      return
    }
    guard let thread else { return }
    while true {
      guard let b = batch else {
        guard let more = try thread.take() else { return }
        batch = more
        slots = more.slot(0)
        slotCount = more.count
        nextEvent = 0
        nextFinding = 0
        nextFindingBefore = more.findings.first?.before ?? Int.max
        continue
      }
      while nextFinding < b.findings.count && b.findings[nextFinding].before <= nextEvent {
        note(b.findings[nextFinding].finding)
        nextFinding += 1
      }
      nextFindingBefore =
        nextFinding < b.findings.count ? b.findings[nextFinding].before : Int.max
      if nextEvent < slotCount, let slots {
        moveHead(to: slots, nextEvent, lookahead)
        return
      }
      batch = nil
      slots = nil
      slotCount = 0
      thread.recycle(b)
    }
  }

  /// Makes event `k` of the batch whose slots start at `slots` the head.
  @inline(__always)
  private func moveHead(
    to slots: UnsafeMutablePointer<EventSlot>, _ k: Int,
    _ lookahead: (UnsafePointer<Event>, Lookahead) -> Void
  ) {
    head = slots + k
    nextEvent = k + 1
    hasHead = true
    // The events were written on the decoder's core: each is fetched three steps before it
    // is merged, a step before its first reads (by `.far` below); only the lines the merge
    // and the fold read for most events (`hotBytes`).
    if nextEvent + 2 < slotCount {
      krav_prefetch(slots + nextEvent + 2, hotBytes)
    }
    // The event after next is shown `.far` (its index slots are fetched), the next one
    // `.near`: its slots were fetched a step ago, so what they point at can be fetched now.
    // (A step of this journal is about as many events as there are journals.)
    if nextEvent + 1 < slotCount {
      withUnsafePointer(to: &slots[nextEvent + 1].line.event) { lookahead($0, .far) }
    }
    if nextEvent < slotCount {
      withUnsafePointer(to: &slots[nextEvent].line.event) { lookahead($0, .near) }
    }
    // The head itself was shown `.near` a step ago: what the records fetched then hold.
    withUnsafePointer(to: &slots[k].line.event) { lookahead($0, .arrays) }
  }

  /// Waits for the thread (if any) and returns the decoder with the journal's final state.
  func finish() -> JournalDecoder {
    if let thread {
      defer { batch = nil }
      return thread.join(handingBack: batch)
    }
    return decoder!
  }
}

/// The three stages in which a replay shows an event to its state before folding it (see
/// `SnapshotState.lookahead`).
public enum Lookahead: Sendable {
  /// A few events ahead: what can be found from the event alone (index slots).
  case far
  /// One step ahead, after `.far`: what the slots fetched then point at.
  case near
  /// When the event becomes its journal's next to merge, a step after `.near`: what the
  /// records fetched then hold (the buffers of arrays the fold appends to).
  case arrays
}
