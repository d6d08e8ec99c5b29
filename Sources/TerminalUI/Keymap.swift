/// One action with its keys and help text: the single place an action is declared.
///
/// Status-bar hints and the help screen are generated from bindings, so help never drifts
/// from behaviour. Help strings are supplied by the app (already localized).
public struct KeyBinding<Action: Hashable>: Hashable {
  /// Keys that trigger the action; the first one is shown in hints.
  public var keys: [Key]
  /// The action the app's update function receives.
  public var action: Action
  /// Short help text, e.g. "open" or "åpne".
  public var help: String
  /// Help-screen group, e.g. "Navigation".
  public var group: String
  /// Whether the binding appears in the status-bar hints.
  public var showInStatusBar: Bool

  /// Creates a binding.
  public init(
    keys: [Key], action: Action, help: String, group: String = "", showInStatusBar: Bool = false
  ) {
    self.keys = keys
    self.action = action
    self.help = help
    self.group = group
    self.showInStatusBar = showInStatusBar
  }

  /// The key label used in hints: joined arrows ("↑↓") or the first key ("Enter").
  public var hintLabel: String {
    guard let first = keys.first else { return "" }
    guard first.isArrow else { return first.description }
    return keys.prefix { $0.isArrow }.map(\.description).joined()
  }

  /// The key label used on the help screen: every key, e.g. "↑/k".
  public var helpLabel: String {
    keys.map(\.description).joined(separator: "/")
  }
}

/// A titled group of entries on the help screen.
public struct HelpSection: Hashable, Sendable {
  /// Group title.
  public var title: String
  /// (keys, help) pairs in binding order.
  public var entries: [HelpEntry]

  /// Creates a section.
  public init(title: String, entries: [HelpEntry]) {
    self.title = title
    self.entries = entries
  }
}

/// One line of the help screen: the keys and what they do.
public struct HelpEntry: Hashable, Sendable {
  /// Key label, e.g. "↑/k".
  public var keys: String
  /// Help text.
  public var help: String

  /// Creates an entry.
  public init(keys: String, help: String) {
    self.keys = keys
    self.help = help
  }
}

/// An ordered list of bindings; the first binding that has a key wins.
///
/// Layers are just concatenation: `Keymap.layered([mode, screen, global])` puts the mode's
/// bindings in front, so they shadow the screen's and the global ones for the same key.
public struct Keymap<Action: Hashable>: Hashable {
  /// Bindings in priority order.
  public var bindings: [KeyBinding<Action>]

  /// Creates a keymap from bindings in priority order.
  public init(_ bindings: [KeyBinding<Action>]) {
    self.bindings = bindings
  }

  /// Combines keymaps; earlier ones take priority (mode → screen → global).
  public static func layered(_ layers: [Keymap]) -> Keymap {
    Keymap(layers.flatMap(\.bindings))
  }

  /// The action bound to `key`, or `nil` if no binding has it.
  public func action(for key: Key) -> Action? {
    bindings.first { $0.keys.contains(key) }?.action
  }

  /// The first binding for `action` (e.g. to name its key in a message).
  public func binding(for action: Action) -> KeyBinding<Action>? {
    bindings.first { $0.action == action }
  }

  /// Keeps only bindings whose action passes `isIncluded` (e.g. drop writes in read-only mode).
  public func filter(_ isIncluded: (Action) -> Bool) -> Keymap {
    Keymap(bindings.filter { isIncluded($0.action) })
  }

  /// Bindings with keys shadowed by an earlier binding removed, and emptied bindings dropped:
  /// what the user can actually press.
  public var effectiveBindings: [KeyBinding<Action>] {
    var seen = Set<Key>()
    var result: [KeyBinding<Action>] = []
    for var binding in bindings {
      binding.keys = binding.keys.filter { !seen.contains($0) }
      seen.formUnion(binding.keys)
      if !binding.keys.isEmpty { result.append(binding) }
    }
    return result
  }

  /// Status-bar hints such as "↑↓ move  Enter open  / search  ? help  q quit".
  ///
  /// Built from bindings marked `showInStatusBar`, in order. Hints that do not fit in
  /// `maxWidth` columns are left out, but later, shorter ones may still fit, so the global
  /// "? help" usually survives on a narrow terminal.
  public func statusHints(maxWidth: Int = Int.max) -> String {
    StatusBar.pack(statusHintItems(), maxWidth: maxWidth)
  }

  /// The individual hint items ("Enter open"), one per action, for `StatusBar(hints:)`.
  public func statusHintItems() -> [String] {
    var seenActions = Set<Action>()
    var items: [String] = []
    for binding in effectiveBindings where binding.showInStatusBar && !binding.help.isEmpty {
      guard seenActions.insert(binding.action).inserted else { continue }
      items.append(binding.hintLabel + " " + binding.help)
    }
    return items
  }

  /// Help-screen sections: one per group in order of first appearance, bindings with empty
  /// help text left out.
  public func helpSections() -> [HelpSection] {
    var sections: [HelpSection] = []
    for binding in effectiveBindings where !binding.help.isEmpty {
      let entry = HelpEntry(keys: binding.helpLabel, help: binding.help)
      if let index = sections.firstIndex(where: { $0.title == binding.group }) {
        sections[index].entries.append(entry)
      } else {
        sections.append(HelpSection(title: binding.group, entries: [entry]))
      }
    }
    return sections
  }
}

extension KeyBinding: Sendable where Action: Sendable {}
extension Keymap: Sendable where Action: Sendable {}
