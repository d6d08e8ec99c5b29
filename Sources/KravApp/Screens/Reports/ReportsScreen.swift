import KravCore
import TerminalUI

/// The reports screen (issue 21): one report at a time as a bar chart with a table under it;
/// the period and grouping switch by key, and a bar drills down to the claims or customers
/// behind it. Its state, keys, update and rendering live in this namespace
/// (ReportsScreen*.swift); the app hooks it in with `Screen.reports`, `Action.openReports`
/// and the cache in `AppState.reportCache`.
public struct ReportsView: Hashable, Sendable {
  public var kind: ReportKind = .ageing
  public var grouping: ReportGrouping = .month
  /// The last day shown (nil: today).
  public var end: Day?
  /// The selected bar.
  public var selected: Int = 0
  /// The drill-down list under the selected bar, when open.
  public var drill: Bool = false
  public var drillSelected: Int = 0
  public var drillOffset: Int = 0
  public init() {}
}

/// What the reports screen keeps between keys, so that switching report or period does not
/// recompute what the fold state already determines: the report facts, ageing (it does not
/// depend on the period) and DSO over three years (sliced to the months shown), computed once
/// per ledger state and day, and every view built so far.
public struct ReportCache: Sendable {
  /// The ledger state and day the cache was built for (events folded, today).
  var stamp: (events: Int, today: Day)?
  var facts: ReportFacts?
  var ageing: AgeingReport?
  var dso: DSOReport?
  var views: [ViewKey: ReportView] = [:]

  struct ViewKey: Hashable {
    var kind: ReportKind
    var grouping: ReportGrouping
    var end: Day
  }

  public init() {}
}

public enum ReportsScreen {
  /// Months of DSO kept (the window shown is sliced from them).
  static let dsoMonths = 36

  /// Opens the screen on top of the stack and fills the cache.
  static func open(_ state: inout AppState) {
    state.stack.append(.reports(ReportsView()))
    refresh(&state)
  }

  /// Makes the cache current for the ledger and the day, and builds the view on top.
  static func refresh(_ state: inout AppState) {
    let stamp = (state.ledger.eventCount, state.today)
    if state.reportCache.stamp.map({ $0.events != stamp.0 || $0.today != stamp.1 }) ?? true {
      var cache = ReportCache()
      cache.stamp = stamp
      let facts = ReportFacts(state.ledger)
      cache.facts = facts
      cache.ageing = state.ledger.ageingReport(today: state.today)
      cache.dso = state.ledger.dsoReport(
        from: ReportGrouping.month.start(of: state.today).adding(months: -(dsoMonths - 1)),
        to: state.today, facts: facts)
      state.reportCache = cache
    }
    if case .reports(let view) = state.top { _ = currentView(&state, view) }
  }

  /// The last day a view shows.
  /// DSO always ends on a month's last day (or today): its months are sliced from the cache.
  static func end(_ view: ReportsView, today: Day) -> Day {
    let e = min(view.end ?? today, today)
    guard view.kind == .dso else { return e }
    return min(
      today, ReportGrouping.month.next(after: ReportGrouping.month.start(of: e)).adding(days: -1))
  }

  /// The periods a view shows: DSO always by month.
  static func periods(_ view: ReportsView, today: Day) -> ReportPeriods {
    ReportPeriods.standard(
      today: end(view, today: today), grouping: view.kind == .dso ? .month : view.grouping)
  }

  /// The view shown, from the cache or built now (and kept).
  @discardableResult
  static func currentView(_ state: inout AppState, _ view: ReportsView) -> ReportView {
    let key = ReportCache.ViewKey(
      kind: view.kind, grouping: view.kind == .dso ? .month : view.grouping,
      end: end(view, today: state.today))
    if let v = state.reportCache.views[key] { return v }
    let facts = state.reportCache.facts ?? ReportFacts(state.ledger)
    let v = ReportViews.view(
      view.kind, ledger: state.ledger, facts: facts, periods: periods(view, today: state.today),
      today: state.today, state.catalogue, ageing: state.reportCache.ageing,
      dso: state.reportCache.dso)
    state.reportCache.views[key] = v
    return v
  }

  /// The view shown, without building (rendering is pure: `update` built it already).
  static func cachedView(_ state: AppState, _ view: ReportsView) -> ReportView? {
    state.reportCache.views[
      ReportCache.ViewKey(
        kind: view.kind, grouping: view.kind == .dso ? .month : view.grouping,
        end: end(view, today: state.today))]
  }

  /// The day a view ends on after moving one period back (`step` -1) or forward (+1); never
  /// after today.
  static func moved(_ view: ReportsView, by step: Int, today: Day) -> Day {
    let e = end(view, today: today)
    let g = view.kind == .dso ? ReportGrouping.month : view.grouping
    let start = g.start(of: e)
    if step < 0 { return start.adding(days: -1) }
    let next = g.next(after: start)
    return min(today, g.next(after: next).adding(days: -1))
  }

  /// Carries out an action on the reports screen.
  static func update(_ state: inout AppState, _ view: inout ReportsView, _ action: Action)
    -> [Effect]
  {
    refresh(&state)
    if view.drill { return drillAction(&state, &view, action) }
    let kinds = ReportKind.allCases
    switch action {
    case .back:
      state.stack.removeLast()
      return []
    case .nextReport, .previousReport:
      let i = kinds.firstIndex(of: view.kind)!
      view.kind = kinds[(i + (action == .nextReport ? 1 : kinds.count - 1)) % kinds.count]
      view.selected = 0
    case .earlier: view.end = moved(view, by: -1, today: state.today)
    case .later: view.end = moved(view, by: 1, today: state.today)
    case .byDay, .byWeek, .byMonth:
      view.grouping = action == .byDay ? .day : action == .byWeek ? .week : .month
      view.selected = 0
    case .up: view.selected = max(0, view.selected - 1)
    case .down: view.selected += 1
    case .home: view.selected = 0
    case .end: view.selected = Int.max / 2
    case .open:
      let v = currentView(&state, view)
      guard v.targets.indices.contains(view.selected), v.targets[view.selected] != .none
      else { break }
      view.drill = true
      view.drillSelected = 0
      view.drillOffset = 0
    default: break
    }
    let v = currentView(&state, view)
    view.selected = min(view.selected, max(0, v.bars.count - 1))
    return []
  }

  /// Rows of the drill-down list that fit on the screen (as `render` lays it out).
  static func drillHeight(_ state: AppState) -> Int {
    let body = max(0, state.size.height - 2 - 3)
    return max(1, body - min(12, max(1, body / 2)) - 3)
  }

  /// Keys while the drill-down list is open: move, open a customer's case, close the list.
  static func drillAction(_ state: inout AppState, _ view: inout ReportsView, _ action: Action)
    -> [Effect]
  {
    let targets = drillTargets(state, view)
    let count = drillCount(targets)
    switch action {
    case .back: view.drill = false
    case .up, .down, .pageUp, .pageDown, .home, .end:
      let i = listTarget(
        action, from: view.drillSelected, count: count, page: pageSize(state),
        hasSelection: true)
      view.drillSelected = min(max(0, i), max(0, count - 1))
      var scroll = TableScroll(selected: view.drillSelected, offset: view.drillOffset)
      scroll.keepVisible(rowCount: count, visibleHeight: drillHeight(state))
      view.drillOffset = scroll.offset
    case .open:
      guard let row = drillRow(state, targets, view.drillSelected) else { break }
      let customer = row.customer
      state.stack.append(.caseView(CaseView(customerId: customer)))
      return [.loadTimeline(customer: customer, refs: state.ledger.timeline(of: customer))]
    default: break
    }
    return []
  }

  /// One row of a drill-down list.
  struct DrillRow: Hashable {
    var customer: String
    var invoice: String?
    /// Position of the claim (balance shown) or -1.
    var claim: Int
  }

  /// The claims or customers behind the selected bar (positions, in fold order).
  static func drillTargets(_ state: AppState, _ view: ReportsView) -> ReportTargets {
    guard let v = cachedView(state, view), v.targets.indices.contains(view.selected) else {
      return .none
    }
    return v.targets[view.selected]
  }

  /// How many rows the drill-down list has.
  static func drillCount(_ targets: ReportTargets) -> Int {
    switch targets {
    case .claims(let p), .customers(let p): return p.count
    case .none: return 0
    }
  }

  /// Row `i` of the drill-down list (built only for the rows shown: a bucket may hold
  /// 100 000 claims).
  static func drillRow(_ state: AppState, _ targets: ReportTargets, _ i: Int) -> DrillRow? {
    let l = state.ledger
    switch targets {
    case .claims(let p) where p.indices.contains(i):
      let c = l.claims.values[Int(p[i])]
      return DrillRow(customer: c.customer, invoice: c.invoice, claim: Int(p[i]))
    case .customers(let p) where p.indices.contains(i):
      return DrillRow(customer: l.customers.values[Int(p[i])].id, invoice: nil, claim: -1)
    default: return nil
    }
  }
}
