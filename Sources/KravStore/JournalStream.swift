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
        if let problem = LineDecoder.decode(bytes, into: &head) {
          note(
            Finding(
              kind: problem.kind, file: state.file, line: state.lines, byteOffset: start,
              message: problem.message))
          state.chainKnown = false
          continue
        }
        let seq = head.event.seq
        if state.chainKnown && head.prev != state.lastCrc {
          note(
            Finding(
              kind: .brokenChain, file: state.file, line: state.lines, byteOffset: start,
              message: "field prev: does not match the line before (seq \(seq) "
                + "after \(state.lastSeq)): a line was removed, added, repeated or moved"))
        } else if state.chainKnown && seq != state.lastSeq + 1 {
          note(
            Finding(
              kind: .badSeq, file: state.file, line: state.lines, byteOffset: start,
              message: "field seq: \(seq) follows \(state.lastSeq)"))
        }
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
  /// The next event, decoded in place (valid while `hasHead`). Only the replay loop touches
  /// it, so the runtime exclusivity check is skipped on this hot path.
  @exclusivity(unchecked) var head = DecodedLine(
    event: LineDecoder.blank, prev: 0, crc: 0, atKey: 0)
  var hasHead = false
  var headRef = EventRef(journal: 0, offset: 0)
  var headLine = 0
  private var batch: ItemBatch?

  init(journal: Int, decoder: JournalDecoder, threaded: Bool) {
    self.journal = journal
    thread = threaded ? DecoderThread.start(decoder) : nil
    self.decoder = thread == nil ? decoder : nil
  }

  /// Moves to the next good event of this journal, passing on findings met on the way.
  func advance(_ note: (Finding) -> Void) throws {
    hasHead = false
    var offset: UInt64 = 0
    if decoder != nil {
      hasHead = try decoder!.next(into: &head, line: &headLine, offset: &offset, note: note)
      headRef = EventRef(journal: UInt32(journal), offset: offset)
      return
    }
    guard let thread else { return }
    while true {
      guard let item = batch?.take() else {
        guard let more = try thread.take() else { return }
        batch = more
        continue
      }
      switch consume item {
      case .finding(let f): note(f)
      case .event(let d, let line, let start):
        head = d
        headLine = line
        headRef = EventRef(journal: UInt32(journal), offset: start)
        hasHead = true
        return
      }
    }
  }

  /// Waits for the thread (if any) and returns the decoder with the journal's final state.
  func finish() -> JournalDecoder {
    if let thread { return thread.join() }
    return decoder!
  }
}

/// What a decoder thread hands to the merge, in journal order.
enum DecodedItem {
  case event(DecodedLine, line: Int, offset: UInt64)
  case finding(Finding)
}
