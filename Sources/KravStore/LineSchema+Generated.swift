// GENERATED from KravCore's `EventSchema.fields` by `LineSchemaGenerator`: do not edit.
// Regenerate with `KRAV_REGENERATE_SCHEMA=1 swift test --filter SchemaTests`.
// swift-format-ignore-file
import KravCore

extension Key {
  // Key numbers in bytewise key order (plain literals, so switches on them are constant).
  static let address = 0
  static let amount = 1
  static let at = 2
  static let birthNumber = 3
  static let by = 4
  static let channel = 5
  static let customer = 6
  static let date = 7
  static let due = 8
  static let email = 9
  static let from = 10
  static let id = 11
  static let invoice = 12
  static let issued = 13
  static let kid = 14
  static let kind = 15
  static let name = 16
  static let orgnr = 17
  static let outcome = 18
  static let phone = 19
  static let prev = 20
  static let reason = 21
  static let ref = 22
  static let seq = 23
  static let step = 24
  static let text = 25
  static let type = 26
  static let until = 27
  static let v = 28
  /// How many keys the schema has (at most `EventSchema.maxKeys`).
  static let count = 29
  /// The keys in bytewise order, by number.
  static let names: [String] = [
    "address",
    "amount",
    "at",
    "birth_number",
    "by",
    "channel",
    "customer",
    "date",
    "due",
    "email",
    "from",
    "id",
    "invoice",
    "issued",
    "kid",
    "kind",
    "name",
    "orgnr",
    "outcome",
    "phone",
    "prev",
    "reason",
    "ref",
    "seq",
    "step",
    "text",
    "type",
    "until",
    "v",
  ]
  /// Keys every line must have.
  static let header = [at, by, id, prev, seq, type, v]
  static let headerMask: UInt64 = 0x14900814

  /// The spelling of key `k` as a compile-time constant (no lazy global on the hot path).
  @inline(__always)
  static func spelling(_ k: Int) -> StaticString {
    switch k {
    case address: return "address"
    case amount: return "amount"
    case at: return "at"
    case birthNumber: return "birth_number"
    case by: return "by"
    case channel: return "channel"
    case customer: return "customer"
    case date: return "date"
    case due: return "due"
    case email: return "email"
    case from: return "from"
    case id: return "id"
    case invoice: return "invoice"
    case issued: return "issued"
    case kid: return "kid"
    case kind: return "kind"
    case name: return "name"
    case orgnr: return "orgnr"
    case outcome: return "outcome"
    case phone: return "phone"
    case prev: return "prev"
    case reason: return "reason"
    case ref: return "ref"
    case seq: return "seq"
    case step: return "step"
    case text: return "text"
    case type: return "type"
    case until: return "until"
    default: return "v"
    }
  }

  /// How the value of key `k` is scanned.
  @inline(__always)
  static func dispatch(_ k: Int) -> Dispatch {
    switch k {
    case address: return .text
    case amount: return .integer
    case at: return .text
    case birthNumber: return .text
    case by: return .text
    case channel: return .text
    case customer: return .text
    case date: return .day
    case due: return .day
    case email: return .text
    case from: return .text
    case id: return .text
    case invoice: return .text
    case issued: return .day
    case kid: return .text
    case kind: return .text
    case name: return .text
    case orgnr: return .text
    case outcome: return .text
    case phone: return .text
    case prev: return .prev
    case reason: return .text
    case ref: return .text
    case seq: return .integer
    case step: return .text
    case text: return .text
    case type: return .type
    case until: return .day
    case v: return .integer
    default: return .text
    }
  }
}

extension LineDecoder {
  /// Sets the body field of key `key` that holds a string (other keys: nothing).
  @inline(__always)
  static func setText(_ key: Int, _ value: consuming String?, _ e: inout Event) {
    switch key {
    case Key.address: e.address = value
    case Key.birthNumber: e.birthNumber = value
    case Key.channel: e.channel = value
    case Key.customer: e.customer = value
    case Key.email: e.email = value
    case Key.from: e.from = value
    case Key.invoice: e.invoice = value
    case Key.kid: e.kid = value
    case Key.kind: e.kind = value
    case Key.name: e.name = value
    case Key.orgnr: e.orgnr = value
    case Key.outcome: e.outcome = value
    case Key.phone: e.phone = value
    case Key.reason: e.reason = value
    case Key.ref: e.ref = value
    case Key.step: e.step = value
    case Key.text: e.text = value
    default: break
    }
  }

  /// Sets the body field of key `key` that holds a day (other keys: nothing).
  @inline(__always)
  static func setDay(_ key: Int, _ value: consuming Day?, _ e: inout Event) {
    switch key {
    case Key.date: e.date = value
    case Key.due: e.due = value
    case Key.issued: e.issued = value
    case Key.until: e.until = value
    default: break
    }
  }

  /// Sets the body field of key `key` that holds an integer (other keys: nothing).
  @inline(__always)
  static func setInteger(_ key: Int, _ value: consuming Int64?, _ e: inout Event) {
    switch key {
    case Key.amount: e.amount = value
    default: break
    }
  }

  /// Sets to nil the body fields of `e` whose keys are in `keys`, and empties `extra`.
  static func clear(_ e: inout Event, keys: UInt64) {
    var rest = keys & ~Key.headerMask
    while rest != 0 {
      let key = rest.trailingZeroBitCount
      rest &= rest - 1
      switch key {
      case Key.address: e.address = nil
      case Key.amount: e.amount = nil
      case Key.birthNumber: e.birthNumber = nil
      case Key.channel: e.channel = nil
      case Key.customer: e.customer = nil
      case Key.date: e.date = nil
      case Key.due: e.due = nil
      case Key.email: e.email = nil
      case Key.from: e.from = nil
      case Key.invoice: e.invoice = nil
      case Key.issued: e.issued = nil
      case Key.kid: e.kid = nil
      case Key.kind: e.kind = nil
      case Key.name: e.name = nil
      case Key.orgnr: e.orgnr = nil
      case Key.outcome: e.outcome = nil
      case Key.phone: e.phone = nil
      case Key.reason: e.reason = nil
      case Key.ref: e.ref = nil
      case Key.step: e.step = nil
      case Key.text: e.text = nil
      case Key.until: e.until = nil
      default: break
      }
    }
    if !e.extra.isEmpty { e.extra = [:] }
  }

  /// The index of a known key spelled without escapes, or -1: a switch on length and bytes
  /// picks the one candidate, and a comparison confirms it.
  @inline(__always)
  static func keyIndex(_ p: UnsafeBufferPointer<UInt8>, _ s: Int, _ e: Int) -> Int {
    let n = e - s
    guard n > 0 else { return -1 }
    let candidate: Int
    switch n {
    case 1:
      candidate = Key.v
    case 2:
      switch p[s + 0] {
      case 97:  // a
        candidate = Key.at
      case 98:  // b
        candidate = Key.by
      case 105:  // i
        candidate = Key.id
      default: return -1
      }
    case 3:
      switch p[s + 0] {
      case 100:  // d
        candidate = Key.due
      case 107:  // k
        candidate = Key.kid
      case 114:  // r
        candidate = Key.ref
      case 115:  // s
        candidate = Key.seq
      default: return -1
      }
    case 4:
      switch p[s + 0] {
      case 100:  // d
        candidate = Key.date
      case 102:  // f
        candidate = Key.from
      case 107:  // k
        candidate = Key.kind
      case 110:  // n
        candidate = Key.name
      case 112:  // p
        candidate = Key.prev
      case 115:  // s
        candidate = Key.step
      case 116:  // t
        switch p[s + 1] {
        case 101:  // e
          candidate = Key.text
        case 121:  // y
          candidate = Key.type
        default: return -1
        }
      default: return -1
      }
    case 5:
      switch p[s + 0] {
      case 101:  // e
        candidate = Key.email
      case 111:  // o
        candidate = Key.orgnr
      case 112:  // p
        candidate = Key.phone
      case 117:  // u
        candidate = Key.until
      default: return -1
      }
    case 6:
      switch p[s + 0] {
      case 97:  // a
        candidate = Key.amount
      case 105:  // i
        candidate = Key.issued
      case 114:  // r
        candidate = Key.reason
      default: return -1
      }
    case 7:
      switch p[s + 0] {
      case 97:  // a
        candidate = Key.address
      case 99:  // c
        candidate = Key.channel
      case 105:  // i
        candidate = Key.invoice
      case 111:  // o
        candidate = Key.outcome
      default: return -1
      }
    case 8:
      candidate = Key.customer
    case 12:
      candidate = Key.birthNumber
    default: return -1
    }
    let spelling = Key.spelling(candidate)
    guard spelling.utf8CodeUnitCount == n else { return -1 }
    // Inline rather than `memcmp`: keys are short, and a call per key of every line cost
    // more than the comparison.
    let want = spelling.utf8Start
    let have = p.baseAddress! + s
    for i in 0..<n where want[i] != have[i] { return -1 }
    return candidate
  }
}

extension LineEncoder {
  /// The known keys of `e` (and `prev`) in bytewise order, as key and value bytes.
  static func knownFields(
    _ e: Event, prev: UInt32, into fields: inout [(key: String, value: [UInt8])]
  ) {
    if let v = e.address { fields.append(("address", quoted(v))) }
    if let v = e.amount { fields.append(("amount", Array(String(v).utf8))) }
    fields.append(("at", quoted(e.at)))
    if let v = e.birthNumber { fields.append(("birth_number", quoted(v))) }
    fields.append(("by", quoted(e.by)))
    if let v = e.channel { fields.append(("channel", quoted(v))) }
    if let v = e.customer { fields.append(("customer", quoted(v))) }
    if let v = e.date { fields.append(("date", quoted(v.iso))) }
    if let v = e.due { fields.append(("due", quoted(v.iso))) }
    if let v = e.email { fields.append(("email", quoted(v))) }
    if let v = e.from { fields.append(("from", quoted(v))) }
    fields.append(("id", quoted(e.id)))
    if let v = e.invoice { fields.append(("invoice", quoted(v))) }
    if let v = e.issued { fields.append(("issued", quoted(v.iso))) }
    if let v = e.kid { fields.append(("kid", quoted(v))) }
    if let v = e.kind { fields.append(("kind", quoted(v))) }
    if let v = e.name { fields.append(("name", quoted(v))) }
    if let v = e.orgnr { fields.append(("orgnr", quoted(v))) }
    if let v = e.outcome { fields.append(("outcome", quoted(v))) }
    if let v = e.phone { fields.append(("phone", quoted(v))) }
    fields.append(("prev", [34] + CRC32C.hex(prev) + [34]))
    if let v = e.reason { fields.append(("reason", quoted(v))) }
    if let v = e.ref { fields.append(("ref", quoted(v))) }
    fields.append(("seq", Array(String(e.seq).utf8)))
    if let v = e.step { fields.append(("step", quoted(v))) }
    if let v = e.text { fields.append(("text", quoted(v))) }
    fields.append(("type", quoted(e.type.rawValue)))
    if let v = e.until { fields.append(("until", quoted(v.iso))) }
    fields.append(("v", Array(String(e.v).utf8)))
  }
}
