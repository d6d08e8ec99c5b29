import KravCore

/// The one search of the call list, the customers and the queue screens (issue 20), as the
/// app keeps it: KravCore's `SearchIndex` over every customer, and the last query's matches,
/// so a frame asks "does this row match" with one array read.
public struct SearchState: Sendable {
  /// Every customer's folded texts; nil until the first search (or the runtime's background
  /// build, `SearchBuild`) made it.
  var index: SearchIndex?
  /// The last query looked up, its matching customer positions (ascending) and the same as a
  /// flag per customer position.
  var query: String?
  var found: [Int32] = []
  var matched: [Bool] = []
  /// The queries looked up lately (the last `recentLimit`, the last one last) and their
  /// matches: Backspace back to a query typed a moment ago takes its matches as they are, and
  /// a new query is looked for among the fewest matches of one it narrows (`Search.narrows`).
  /// Emptied whenever the ledger changes.
  var recent: [(query: String, found: [Int32])] = []
  static let recentLimit = 12
  /// The rows (indexes, ascending) of the call list and the customers list matching the last
  /// query, while the lists are those of `lists` (AppState.listEpoch): a frame then takes
  /// them as they are instead of filtering 100 000 rows again.
  var calls: (query: String, lists: Int, rows: [Int32])?
  var customers: (query: String, lists: Int, rows: [Int32])?
  /// The queue rows the last query shows, with the view's filter and grouping, while the
  /// queue is that of `rows` (AppState.queueEpoch).
  var queue:
    (query: String, filter: QueueFilter, grouped: Bool, rows: Int, visible: ListRows<QueueRow>)?
  /// Counts every change of the ledger, so an index built in the background from an older
  /// ledger is never taken (`adopt`).
  public internal(set) var epoch = 0

  public init() {}
}

/// Which customer positions a query matches: all (a blank query) or those flagged.
struct SearchMatch {
  var matched: [Bool]?
  func callAsFunction(_ position: Int32) -> Bool {
    guard let matched else { return true }
    return position >= 0 && Int(position) < matched.count && matched[Int(position)]
  }
}

extension AppState {
  /// The matcher for `query`: the cached one when it is the last query looked up (every frame
  /// of a search), else one scan of the index, else (no index yet) the plain matcher.
  func searchMatch(_ query: String) -> SearchMatch {
    guard !Search.words(query).isEmpty else { return SearchMatch(matched: nil) }
    if search.query == query { return SearchMatch(matched: search.matched) }
    return SearchMatch(matched: flags(searchFound(query)))
  }

  /// The customer positions (ascending) matching `query`: the cached ones for the last query.
  func searchFound(_ query: String) -> [Int32] {
    if search.query == query { return search.found }
    if let index = search.index { return index.matching(query) }
    return ledger.customers.values.indices.filter {
      Search.matches(query, ledger.searchFields(customerAt: $0))
    }.map { Int32($0) }
  }

  private func flags(_ found: [Int32]) -> [Bool] {
    var m = [Bool](repeating: false, count: ledger.customers.count)
    for p in found where Int(p) < m.count { m[Int(p)] = true }
    return m
  }

  /// Looks `query` up and keeps its matches for the frames that follow. A query looked up a
  /// moment ago (Backspace) takes its kept matches; typing one more letter looks only among
  /// the matches of a query it narrows (`Search.narrows`), the fewest there are.
  mutating func lookUp(_ query: String) {
    guard !Search.words(query).isEmpty else {
      search.query = nil
      search.found = []
      search.matched = []
      return
    }
    if search.query == query { return }
    ensureSearchIndex()
    if let k = search.recent.firstIndex(where: { $0.query == query }) {
      let kept = search.recent.remove(at: k)
      search.recent.append(kept)
      search.found = kept.found
    } else {
      let within = search.recent.lazy.filter { Search.narrows(from: $0.query, to: query) }
        .min { $0.found.count < $1.found.count }?.found
      search.found = search.index!.matching(query, within: within)
      search.recent.append((query, search.found))
      if search.recent.count > SearchState.recentLimit { search.recent.removeFirst() }
    }
    LatencyTrace.phase("index")
    search.matched = flags(search.found)
    search.query = query
  }

  /// Builds the index now if the background build has not delivered it.
  mutating func ensureSearchIndex() {
    if search.index == nil { search.index = SearchIndex(ledger) }
  }

  /// Takes an index built in the background from the ledger of `epoch`, unless the ledger
  /// changed since (then the next search builds its own).
  public mutating func adopt(_ index: SearchIndex, epoch: Int) {
    guard search.index == nil, epoch == search.epoch else { return }
    search.index = index
  }

  /// The ledger was replaced (read again): the index is built again when next needed.
  mutating func searchLedgerReplaced() {
    search.epoch += 1
    search.index = nil
    search.recent = []
    let q = search.query
    search.query = nil
    if let q { lookUp(q) }
  }

  /// Customers at `positions` changed (folded events): their index entries are rewritten and
  /// the last query looked up again.
  mutating func searchCustomersChanged(_ positions: [Int]) {
    search.epoch += 1
    search.recent = []
    guard search.index != nil else { return }
    search.index!.update(ledger, positions: positions)
    let q = search.query
    search.query = nil
    if let q { lookUp(q) }
  }

  /// The query of the screen on top (the call list, customers or queue), if it has one.
  public var topQuery: String? {
    switch top {
    case .customers(let v): return v.query
    case .calls(let v): return v.query
    case .queue(let v): return v.query
    default: return nil
    }
  }

  /// The call list rows matching the view's search.
  public func visibleCalls(_ view: CallsView) -> ListRows<CallEntry> {
    guard !Search.words(view.query).isEmpty else { return ListRows(calls) }
    if let c = search.calls, c.query == view.query, c.lists == listEpoch {
      return ListRows(calls, picked: c.rows)
    }
    let positions = indexedLists == listEpoch ? callsIndex.positions : calls.map { $0.position }
    return ListRows(calls, picked: picks(positions, searchMatch(view.query)))
  }

  /// The overview rows matching the search query (KravCore's `Search`: name, id, invoice,
  /// KID, phone, organisation number; case-insensitive, æøå folded).
  public func visibleCustomers(_ view: CustomersView) -> ListRows<CustomerSummary> {
    guard !Search.words(view.query).isEmpty else { return ListRows(overview) }
    if let c = search.customers, c.query == view.query, c.lists == listEpoch {
      return ListRows(overview, picked: c.rows)
    }
    let positions =
      indexedLists == listEpoch ? overviewIndex.positions : overview.map { $0.position }
    return ListRows(overview, picked: picks(positions, searchMatch(view.query)))
  }

  /// The indexes of the rows whose customer (`positions`, a customer position per row)
  /// matches, ascending: one pass over two small arrays, not over the rows themselves.
  func picks(_ positions: [Int32], _ m: SearchMatch) -> [Int32] {
    guard let matched = m.matched else { return (0..<Int32(positions.count)).map { $0 } }
    var out: [Int32] = []
    matched.withUnsafeBufferPointer { flag in
      for (row, p) in positions.enumerated() where p >= 0 && Int(p) < flag.count && flag[Int(p)] {
        out.append(Int32(row))
      }
    }
    return out
  }

  /// Where the call list row of customer `id` is among `rows`; nil when it is not there. Found
  /// by the customer's position (`callsIndex`), not by comparing ids row by row; the plain
  /// twin is `rows.firstIndex { $0.customer == id }` (SearchAppTests checks them alike).
  public func callRow(_ id: String?, in rows: ListRows<CallEntry>) -> Int? {
    guard let id else { return nil }
    // The index is of these lists and this ledger: a customer without a row is not there.
    if callsIndex.customers == ledger.customers.count,
      let r = callsIndex.row(ledger.customerPosition(of: id))
    {
      if r < 0 { return nil }
      if r < calls.count, calls[r].customer == id { return rows.index(ofBase: r) }
    }
    return rows.firstIndex { $0.customer == id }
  }

  /// Where the customers list row of customer `id` is among `rows` (as `callRow`).
  public func customerRow(_ id: String?, in rows: ListRows<CustomerSummary>) -> Int? {
    guard let id else { return nil }
    // The index is of these lists and this ledger: a customer without a row is not there.
    if overviewIndex.customers == ledger.customers.count,
      let r = overviewIndex.row(ledger.customerPosition(of: id))
    {
      if r < 0 { return nil }
      if r < overview.count, overview[r].id == id { return rows.index(ofBase: r) }
    }
    return rows.firstIndex { $0.id == id }
  }

  /// Looks the top screen's query up and keeps its rows, so the frames that follow (and the
  /// selection kept on a match) read them instead of filtering again. Run after every update.
  mutating func refreshSearch() {
    guard let q = topQuery, !Search.words(q).isEmpty else { return }
    lookUp(q)
    LatencyTrace.phase("lookup")
    switch top {
    case .customers(let v):
      if search.customers.map({ $0.query != q || $0.lists != listEpoch }) ?? true {
        search.customers = nil
        search.customers = (q, listEpoch, visibleCustomers(v).picked ?? [])
      }
    case .calls(let v):
      if search.calls.map({ $0.query != q || $0.lists != listEpoch }) ?? true {
        search.calls = nil
        search.calls = (q, listEpoch, visibleCalls(v).picked ?? [])
      }
    case .queue(let v):
      if search.queue.map({
        $0.query != q || $0.filter != v.filter || $0.grouped != v.grouped || $0.rows != queueEpoch
      }) ?? true {
        search.queue = nil
        search.queue = (q, v.filter, v.grouped, queueEpoch, visibleQueue(v))
      }
      LatencyTrace.phase("queue rows")
    default: break
    }
  }
}

/// What the queue screen reads from its rows often, made once per queue (`AppState.queue`,
/// 220 000 rows at 1 M events): each row's customer position (a search picks rows by it, in
/// order, instead of looking every row's claim up), each claim's row (the selection is found
/// by it) and how many rows are ready on `day` (the title).
struct QueueIndex: Sendable {
  /// The customer position of each row's claim.
  let owners: [Int32]
  /// Claim position → row.
  let rowOfClaim: RowIndex
  /// Rows whose next step may be taken on `day`.
  let eligible: Int
  let day: Day

  init(_ rows: [QueueRow], ledger: Ledger, day: Day) {
    owners = rows.map { ledger.ownerPosition(of: $0) }
    rowOfClaim = RowIndex(
      positions: rows.map { ledger.claimPosition(of: $0) }, customers: ledger.claims.count)
    eligible = rows.lazy.filter { $0.isEligible(on: day) }.count
    self.day = day
  }
}

extension AppState {
  /// The queue's `QueueIndex`, while it is of the current `queue` and day.
  var queueRowIndex: QueueIndex? {
    guard let q = queueIndex, q.epoch == queueEpoch, q.index.day == today,
      q.index.owners.count == queue.count
    else { return nil }
    return q.index
  }
}
