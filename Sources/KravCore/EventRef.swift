/// Where an event lives in the store: the journal it came from and the byte offset of its line.
///
/// The fold keeps these instead of whole events, so memory grows with customers and claims,
/// not with the length of the history; a timeline is read back from the journal on demand.
public struct EventRef: Hashable, Sendable, Comparable, BitwiseCopyable {
  /// Journal index in the top 16 bits, byte offset in the low 48 (8 bytes per ref: the fold
  /// keeps one ref per event, so this is most of what grows with the history).
  public private(set) var bits: UInt64

  /// Index of the journal in the store's list of journals (in-memory stores use 0).
  public var journal: UInt32 { UInt32(bits >> 48) }
  /// Byte offset of the line in the journal (in-memory stores use the event's index).
  public var offset: UInt64 { bits & 0xFFFF_FFFF_FFFF }

  /// A ref; `journal` must be below 65 536 and `offset` below 2^48.
  public init(journal: UInt32, offset: UInt64) {
    precondition(journal < 1 << 16 && offset < 1 << 48, "event ref out of range")
    bits = UInt64(journal) << 48 | offset
  }

  /// A ref from its `bits` (a snapshot stores refs that way).
  public init(bits: UInt64) { self.bits = bits }

  public static func < (a: EventRef, b: EventRef) -> Bool { a.bits < b.bits }
}

/// The interface language; letters to debtors are always Norwegian.
public enum Language: String, Sendable, CaseIterable {
  case nb
  case en

  /// Picks the language from `--lang`, else from a POSIX locale name such as `nb_NO.UTF-8`.
  public static func resolve(flag: String?, locale: String?) -> Language {
    if let flag, let l = Language(rawValue: flag.lowercased()) { return l }
    let l = (locale ?? "").lowercased()
    if l.hasPrefix("nb") || l.hasPrefix("no") || l.hasPrefix("nn") { return .nb }
    return l.isEmpty || l == "c" || l.hasPrefix("c.") || l == "posix" ? .nb : .en
  }
}

/// The formal steps of the collection ladder (domain-norway.md §1), in order.
public enum Step: String, Sendable, CaseIterable, Comparable, Codable {
  case invoice
  case reminder
  case inkassovarsel
  case betalingsoppfordring
  /// A separate notice under tvangsfullbyrdelsesloven § 4-18 (when not combined with the
  /// betalingsoppfordring).
  case varsel418 = "varsel-4-18"
  /// A notice of action under tvisteloven § 5-2 (on paper, 14 days to answer): what the law
  /// asks before a forliksklage on a claim disputed before any betalingsoppfordring.
  case varsel52 = "varsel-5-2"
  case utlegg
  case forliksklage
  /// Handed over to a collection agency (the ladder of a creditor that does not go to court).
  case agency

  /// Position in the ladder.
  public var rank: Int { Step.allCases.firstIndex(of: self)! }
  public static func < (a: Step, b: Step) -> Bool { a.rank < b.rank }
}
