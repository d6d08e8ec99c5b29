/// The collector's day in the demo: holds that end today, customers already called today, and
/// customers who asked not to be called, so that the call list on the demo's `today` shows
/// every kind of row (callable now, callable from a later moment, never).
extension DemoGenerator {
  /// Extra events for the call list, merged into `events` in time order.
  ///
  /// Chosen from the customers with overdue claims on `today`, by position in the customers
  /// list (deterministic): every 17th from the 3rd gets a hold that ends today (every other one
  /// of those was also called this morning without answer: callable again tomorrow); every
  /// 23rd from the 6th asked not to be called, after a promise it then broke.
  func withCollectorsDay(_ events: [Event], excluding: Set<String> = []) -> [Event] {
    var ledger = Ledger()
    for (i, e) in events.enumerated() {
      ledger.apply(e, ref: EventRef(journal: 0, offset: UInt64(i)))
    }
    let overdue = ledger.customerSummaries(today: today, overdueOnly: true)
      .filter { !$0.isDisputed && !$0.isOnHold && !excluding.contains($0.id) }
    // Each customer's own collector, as the generator chose it.
    var collector: [String: String] = [:]
    for e in events where e.type == .customerAdded { collector[e.customer ?? ""] = e.by }
    var extra: [Event] = []
    func event(_ type: EventType, _ s: CustomerSummary, _ day: Day, _ time: Int) -> Event {
      Event.draft(
        type, customer: s.id, by: collector[s.id] ?? collectors[0],
        at: OsloTime.timestamp(day: day, secondsOfDay: time))
    }
    func businessDay(_ offset: Int) -> Day {
      let d = today.adding(days: offset)
      return d.isBusinessDay ? d : d.previousBusinessDay
    }
    for (k, s) in overdue.enumerated() {
      if k % 17 == 2 {
        var hold = event(.holdSet, s, businessDay(-14), 15 * 3_600 + 50 * 60 + k % 60)
        hold.until = today
        hold.text = "Avventer svar fra kundens regnskapsfører"
        extra.append(hold)
        if k % 34 == 2 && today.isBusinessDay && ledger.customers[s.id]?.lastCallOn != today {
          var call = event(.callLogged, s, today, 8 * 3_600 + 5 * 60 + k % 60)
          call.outcome = "no-answer"
          extra.append(call)
        }
      } else if k % 23 == 5 {
        let amount = max(50_000, s.overdue.ore / 5 / 10_000 * 10_000)
        var promise = event(.promiseMade, s, businessDay(-12), 15 * 3_600 + 40 * 60 + k % 60)
        promise.amount = amount
        promise.date = businessDay(-7)
        promise.channel = ContactChannel.email.rawValue
        extra.append(promise)
        var pref = event(.callPreferenceSet, s, businessDay(-5), 15 * 3_600 + 45 * 60 + k % 60)
        pref.reason = CallPreference.doNotCall.rawValue
        pref.text = "Ba om å bli kontaktet kun på e-post"
        extra.append(pref)
      }
    }
    // Merge by timestamp; on a tie the generated event comes first.
    let all =
      events.enumerated().map { ($0.element.at, 0, $0.offset, $0.element) }
      + extra.enumerated().map { ($0.element.at, 1, $0.offset, $0.element) }
    return all.sorted { ($0.0, $0.1, $0.2) < ($1.0, $1.1, $1.2) }.map(\.3)
  }
}
