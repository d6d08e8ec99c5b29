/// The journal schema of `Event`: every JSON key a journal line may hold, what kind of value
/// it has and which property of `Event` holds it. This table is the single source: the store's
/// line encoder (key order), line decoder (key numbers, key lookup, field assignment) and the
/// key bitsets are generated from it (`Sources/KravStore/LineSchema+Generated.swift`, checked
/// by `SchemaTests`, which fails when the generated file is stale; Docs/store-format.md).
///
/// To add a body field: declare the property on `Event`, add one row here, and regenerate.
public enum EventSchema {
  /// How a key's value is written on a line.
  public enum Kind: Sendable, Equatable {
    /// A JSON string held in a `String?` property.
    case text(WritableKeyPath<Event, String?> & Sendable)
    /// A `"YYYY-MM-DD"` string held in a `Day?` property.
    case day(WritableKeyPath<Event, Day?> & Sendable)
    /// A JSON integer held in an `Int64?` property.
    case integer(WritableKeyPath<Event, Int64?> & Sendable)
    /// A header key every line has (`id`, `seq`, `at`, `by`, `type`, `v`, and the store's
    /// `prev`), read and written by hand in the line codec because each has its own form.
    case header

    /// The kind's name in the generated code (`text`, `day`, `integer`, `header`).
    public var name: String {
      switch self {
      case .text: "text"
      case .day: "day"
      case .integer: "integer"
      case .header: "header"
      }
    }

    public static func == (a: Kind, b: Kind) -> Bool {
      switch (a, b) {
      case (.text(let x), .text(let y)): x == y
      case (.day(let x), .day(let y)): x == y
      case (.integer(let x), .integer(let y)): x == y
      case (.header, .header): true
      default: false
      }
    }
  }

  /// One key of the schema.
  public struct Field: Sendable {
    /// The JSON key on a line.
    public let key: String
    /// What its value is and where it is held.
    public let kind: Kind
    /// The `Event` property's name, spelled as in Swift (for the generated code; `SchemaTests`
    /// checks it names the same property as the key path).
    public let property: String

    public init(_ key: String, _ kind: Kind, _ property: String) {
      self.key = key
      self.kind = kind
      self.property = property
    }
  }

  /// Every key, header keys first, then the body fields in `Event`'s declaration order (the
  /// order of this table does not matter to the line format: lines are written in bytewise
  /// key order, derived from it).
  public static let fields: [Field] = [
    Field("id", .header, "id"),
    Field("seq", .header, "seq"),
    Field("at", .header, "at"),
    Field("by", .header, "by"),
    Field("type", .header, "type"),
    Field("v", .header, "v"),
    // The crc of the line before; a property of the line, not of the event (KravStore).
    Field("prev", .header, "prev"),
    Field("customer", .text(\.customer), "customer"),
    Field("invoice", .text(\.invoice), "invoice"),
    Field("amount", .integer(\.amount), "amount"),
    Field("kid", .text(\.kid), "kid"),
    Field("date", .day(\.date), "date"),
    Field("due", .day(\.due), "due"),
    Field("issued", .day(\.issued), "issued"),
    Field("until", .day(\.until), "until"),
    Field("outcome", .text(\.outcome), "outcome"),
    Field("step", .text(\.step), "step"),
    Field("from", .text(\.from), "from"),
    Field("reason", .text(\.reason), "reason"),
    Field("ref", .text(\.ref), "ref"),
    Field("channel", .text(\.channel), "channel"),
    Field("name", .text(\.name), "name"),
    Field("kind", .text(\.kind), "kind"),
    Field("orgnr", .text(\.orgnr), "orgnr"),
    Field("birth_number", .text(\.birthNumber), "birthNumber"),
    Field("email", .text(\.email), "email"),
    Field("phone", .text(\.phone), "phone"),
    Field("address", .text(\.address), "address"),
    Field("text", .text(\.text), "text"),
  ]

  /// The most keys the line codec's key bitsets (`UInt64`) can hold. The generator refuses
  /// a table with more, and `SchemaTests` checks the count, so a key past the limit can never
  /// silently switch off the duplicate-key check.
  public static let maxKeys = 64

  /// The keys in bytewise order: the order of a journal line (`crc` always comes last).
  public static var sortedKeys: [String] {
    fields.map(\.key).sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
  }

  /// The field of `key`, if the schema has it.
  public static func field(_ key: String) -> Field? { fields.first { $0.key == key } }
}
