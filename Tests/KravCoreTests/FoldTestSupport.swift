@testable import KravCore

/// An event for a fold test: on `day` at 10:00 (+01:00) by kari, for customer K1 unless told;
/// `set` fills in the rest. The id is left empty for `foldNumbered` to give.
func foldEvent(
  _ type: EventType, _ day: String, customer: String? = "K1", invoice: String? = nil,
  _ set: (inout Event) -> Void = { _ in }
) -> Event {
  var e = Event(
    id: "", seq: 0, at: "\(day)T10:00:00+01:00", by: "kari", type: type, customer: customer,
    invoice: invoice)
  set(&e)
  return e
}

/// Folds `events` in order into a new ledger; an event without an id gets `kari@pc:N` (its
/// place, from 1), as a journal would give it.
func foldNumbered(_ events: [Event]) -> Ledger {
  var l = Ledger()
  for (i, var e) in events.enumerated() {
    if e.id.isEmpty { e.id = "kari@pc:\(i + 1)" }
    l.apply(e, ref: EventRef(journal: 0, offset: UInt64(i)))
  }
  return l
}
