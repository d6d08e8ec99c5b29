import KravCore
import TerminalUI

/// The one search (`/`) of the call list, the customers and the queue screens (issue 20): the
/// query is kept in the screen's view and the list follows each keystroke. What matches is
/// KravCore's `Search` (name, customer id, invoice number, KID, phone, organisation number;
/// case-insensitive, æøå folded), looked up through the app's `SearchIndex`.
enum SearchPrompt {
  /// The keys while typing a search: the arrows move among the matches, Enter keeps the query,
  /// Esc clears it; anything else is text.
  static func keys(_ k: Keymaps) -> Keymap<Action> {
    let t = k.catalogue
    let f = t(.groupForm)
    return Keymap([
      KeyBinding(keys: [.enter], action: .save, help: t(.keyDone), group: f, showInStatusBar: true),
      KeyBinding(
        keys: [.escape], action: .cancel, help: t(.keyClear), group: f,
        showInStatusBar: true),
      KeyBinding(keys: [.up], action: .up, help: t(.keyUp), group: f),
      KeyBinding(keys: [.down], action: .down, help: t(.keyDown), group: f),
      KeyBinding(keys: [.pageUp], action: .pageUp, help: t(.keyPageUp), group: f),
      KeyBinding(keys: [.pageDown], action: .pageDown, help: t(.keyPageDown), group: f),
    ])
  }

  /// The `/` binding of a screen that searches.
  static func binding(_ t: Catalogue, shown: Bool = true) -> KeyBinding<Action> {
    KeyBinding(
      keys: [.char("/")], action: .search, help: t(.keySearch), group: t(.groupActions),
      showInStatusBar: shown)
  }

  /// Starts typing a search on the screen on top, from its current query.
  static func open(_ state: inout AppState) {
    guard let query = state.topQuery else { return }
    state.ensureSearchIndex()
    state.mode = .search(TextInput(query))
  }

  /// A bound key while searching.
  static func perform(_ state: inout AppState, _ input: TextInput, _ action: Action) -> [Effect] {
    switch action {
    case .cancel:
      setQuery(&state, "")
      state.mode = .normal
    case .save:
      state.mode = .normal
    case .up, .down, .pageUp, .pageDown:
      // Moving while searching keeps the query and moves among the matches.
      switch state.top {
      case .customers:
        return state.updateTop(CustomersView.self) { s, v in CustomersScreen.update(&s, &v, action)
        }
      case .calls:
        return state.updateTop(CallsView.self) { s, v in CallsScreen.update(&s, &v, action) }
      case .queue:
        return state.updateTop(QueueView.self) { s, v in QueueScreen.update(&s, &v, action) }
      default: return []
      }
    default: break
    }
    return []
  }

  /// A typed key while searching: the query changes, the list follows at once.
  static func type(_ state: inout AppState, _ input: inout TextInput, _ key: Key) -> [Effect] {
    guard state.topQuery != nil else {
      state.mode = .normal
      return []
    }
    _ = input.handle(key)
    state.mode = .search(input)
    setQuery(&state, input.text)
    return []
  }

  /// Sets the top screen's query, looks it up once, and keeps the selection on a match.
  static func setQuery(_ state: inout AppState, _ query: String) {
    switch state.top {
    case .customers(var v):
      v.query = query
      state.top = .customers(v)
      state.refreshSearch()
      CustomersScreen.keepSelection(state, &v)
      state.top = .customers(v)
    case .calls(var v):
      v.query = query
      state.top = .calls(v)
      state.refreshSearch()
      CallsScreen.keepSelection(state, &v)
      state.top = .calls(v)
    case .queue(var v):
      v.query = query
      state.top = .queue(v)
      state.refreshSearch()
      QueueScreen.keepSelection(state, &v)
      LatencyTrace.phase("selection")
      state.top = .queue(v)
    default: break
    }
  }
}
