import KravCore

/// Letters in `letters/`: written once, durably, before the event that refers to them.
extension Store {
  /// The paths of a letter's two files, relative to the store.
  public static func letterFiles(id: String) -> (text: String, eml: String) {
    ("letters/\(id).txt", "letters/\(id).eml")
  }

  /// Whether a letter id is used already (either of its files exists).
  public func letterExists(_ id: String) -> Bool {
    let (t, e) = Store.letterFiles(id: id)
    return ((try? io.status(root + "/" + t)) ?? nil) != nil
      || ((try? io.status(root + "/" + e)) ?? nil) != nil
  }

  /// Writes `letters/<id>.txt` and `letters/<id>.eml`, each durably: a temp file with the
  /// store's file mode (0600, or 0660 in a team store), fsync, rename, fsync of the folder.
  /// A letter is frozen: an id already used is refused, nothing is overwritten. Call this
  /// before appending the events that refer to the letter, so an acknowledged event never
  /// points at a missing file. A court draft has no e-mail (`eml` nil): only the text is
  /// written.
  public func writeLetter(id: String, text: String, eml: String?) throws {
    if let failure { throw failure }
    if openedReadOnly { throw StoreError.readOnly(reason: readOnlyReason ?? .openedReadOnly) }
    guard !id.isEmpty, !id.contains("/"), !id.hasPrefix(".") else {
      throw StoreError.invalidEvent("letter id '\(id)' is not a file name")
    }
    // Both names are checked before either is written, so a refused letter leaves nothing.
    guard !letterExists(id) else {
      throw StoreError.alreadyExists(path: Store.letterFiles(id: id).text)
    }
    let (t, e) = Store.letterFiles(id: id)
    var files = [DocumentFile(path: t, bytes: Array(text.utf8))]
    if let eml { files.append(DocumentFile(path: e, bytes: Array(eml.utf8))) }
    try writeDocuments(files)
  }
}

extension Store {
  /// Whether an event with this preset (non-canonical) id, such as a `req:<key>` request id,
  /// is already in the store: a retried command checks it before writing files of its own.
  public func holdsPresetId(_ id: String) -> Bool { ids.others.contains(id) }
}
