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
  /// The rows of the call list and the customers list for the last query, while the lists
  /// are those of `lists` (AppState.listEpoch): a frame then takes them as they are instead
  /// of filtering 100 000 rows again.
  var calls: (query: String, lists: Int, rows: [CallEntry])?
  var customers: (query: String, lists: Int, rows: [CustomerSummary])?
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

  /// Looks `query` up and keeps its matches for the frames that follow. Typing one more
  /// letter looks only among the last matches (`Search.narrows`).
  mutating func lookUp(_ query: String) {
    guard !Search.words(query).isEmpty else {
      search.query = nil
      search.found = []
      search.matched = []
      return
    }
    if search.query == query { return }
    ensureSearchIndex()
    let within =
      search.query.flatMap { Search.narrows(from: $0, to: query) ? search.found : nil }
    search.found = search.index!.matching(query, within: within)
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
    let q = search.query
    search.query = nil
    if let q { lookUp(q) }
  }

  /// Customers at `positions` changed (folded events): their index entries are rewritten and
  /// the last query looked up again.
  mutating func searchCustomersChanged(_ positions: [Int]) {
    search.epoch += 1
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
  public func visibleCalls(_ view: CallsView) -> [CallEntry] {
    guard !Search.words(view.query).isEmpty else { return calls }
    if let c = search.calls, c.query == view.query, c.lists == listEpoch { return c.rows }
    let m = searchMatch(view.query)
    return calls.filter { m($0.position) }
  }

  /// The overview rows matching the search query (KravCore's `Search`: name, id, invoice,
  /// KID, phone, organisation number; case-insensitive, æøå folded).
  public func visibleCustomers(_ view: CustomersView) -> [CustomerSummary] {
    guard !Search.words(view.query).isEmpty else { return overview }
    if let c = search.customers, c.query == view.query, c.lists == listEpoch { return c.rows }
    let m = searchMatch(view.query)
    return overview.filter { m($0.position) }
  }

  /// Looks the top screen's query up and keeps its rows, so the frames that follow (and the
  /// selection kept on a match) read them instead of filtering again. Run after every update.
  mutating func refreshSearch() {
    guard let q = topQuery, !Search.words(q).isEmpty else { return }
    lookUp(q)
    switch top {
    case .customers(let v):
      if search.customers.map({ $0.query != q || $0.lists != listEpoch }) ?? true {
        search.customers = nil
        search.customers = (q, listEpoch, visibleCustomers(v))
      }
    case .calls(let v):
      if search.calls.map({ $0.query != q || $0.lists != listEpoch }) ?? true {
        search.calls = nil
        search.calls = (q, listEpoch, visibleCalls(v))
      }
    default: break
    }
  }
}
