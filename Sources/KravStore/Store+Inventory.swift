import KravCore

extension Store {
  /// Names Krav itself keeps in the store's root folder (sync engines' own markers too).
  static let knownRootNames: Set<String> = [
    "krav-store.json", "journal", "letters", "cache", "quarantine", "call-settings.json",
    stepLockFile, ".stfolder", ".stignore", ".stversions", ".dropbox", ".git", ".gitignore",
  ]

  /// A file a sync engine writes while it brings a new version (`.syncthing.NAME.tmp`,
  /// `~syncthing~NAME.tmp` on Windows).
  static func isSyncEngineTemp(_ name: String) -> Bool {
    (name.hasPrefix(".syncthing.") || name.hasPrefix("~syncthing~")) && name.hasSuffix(".tmp")
  }

  /// What `check` finds among the files themselves (issue 16): symbolic links where store
  /// files should be, leftover temporary files (`*.tmp`, from a crash mid-write), letters no
  /// event names (a crash between writing a letter and appending its event), and files Krav
  /// does not know. `named` holds every letter reference the journals make (`ref` values
  /// and store-relative `letters/…` paths).
  func inventoryFindings(named: Set<String>) throws -> [Finding] {
    var findings: [Finding] = []
    func note(_ file: String, _ problem: FindingProblem) {
      findings.append(
        Finding(kind: .unknownFile, file: file, line: 0, byteOffset: 0, problem: problem))
    }
    /// Reports a symlink or a temporary file; true when the entry was dealt with.
    func special(_ rel: String, _ name: String) throws -> FileStatus? {
      guard let st = try io.linkStatus(root + "/" + rel) else { return nil }
      if st.isSymlink {
        note(rel, .symlink)
        return nil
      }
      if Store.isSyncEngineTemp(name) {
        // Syncthing's copy in flight (it renames it over the file, or removes it): not Krav's.
        return nil
      }
      if name.hasSuffix(".tmp") && !st.isDirectory {
        note(rel, .temporaryFile)
        return nil
      }
      if name.contains(".sync-conflict-") && !rel.hasPrefix("journal/")
        && !rel.hasPrefix("quarantine/")
      {
        note(rel, .conflictCopy)
        return nil
      }
      return st
    }
    for name in try io.list(root).sorted() {
      guard try special(name, name) != nil else { continue }
      if !Store.knownRootNames.contains(name) { note(name, .unknownRootFile) }
    }
    if try io.status(root + "/journal") != nil {
      for name in try io.list(root + "/journal").sorted() {
        let rel = "journal/" + name
        guard try special(rel, name) != nil, ConflictCopy.original(of: name) == nil else {
          continue
        }
        let isJournal = name.hasSuffix(".jsonl") && WriterName.isValid(String(name.dropLast(6)))
        if !isJournal { note(rel, .notAJournal) }
      }
    }
    if try io.status(root + "/cache") != nil {
      for name in try io.list(root + "/cache").sorted() {
        let rel = "cache/" + name
        guard try special(rel, name) != nil else { continue }
        if !(name.hasPrefix("snapshot-") && name.hasSuffix(".bin")) {
          note(rel, .notASnapshot)
        }
      }
    }
    if try io.status(root + "/quarantine") != nil {
      for name in try io.list(root + "/quarantine").sorted() {
        _ = try special("quarantine/" + name, name)
      }
    }
    // Letters, at any depth (letters/<year>/plan-…).
    var folders = ["letters"]
    while let folder = folders.popLast() {
      guard try io.status(root + "/" + folder) != nil else { continue }
      for name in try io.list(root + "/" + folder).sorted() {
        let rel = folder + "/" + name
        guard let st = try special(rel, name) else { continue }
        if st.isDirectory {
          folders.append(rel)
          continue
        }
        // A letter's files: its text, its e-mail draft, its PDF and the PDF's layout (issue 19).
        let suffixes = [".txt", ".eml", ".pdf", ".layout.json"]
        guard let suffix = suffixes.first(where: { name.hasSuffix($0) }) else {
          note(rel, .notALetter)
          continue
        }
        let stem = String(rel.dropLast(suffix.count))
        let id = String(name.dropLast(suffix.count))
        let siblings = suffixes.map { stem + $0 }
        if !named.contains(id) && !named.contains(rel) && !siblings.contains(where: named.contains)
        {
          note(rel, .orphanLetter)
        }
      }
    }
    return findings
  }

  /// The letter references one event makes: its `ref`, and any `letters/…` path in an
  /// unknown key (plan events' `letter`, call events' e-mail draft).
  static func letterReferences(of e: Event, into set: inout Set<String>) {
    if let r = e.ref { set.insert(r) }
    for (_, v) in e.extra where v.hasPrefix("\"letters/") && v.hasSuffix("\"") {
      set.insert(String(v.dropFirst().dropLast()).replacingOccurrences(of: "\\/", with: "/"))
    }
  }
}
