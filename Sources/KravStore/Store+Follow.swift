import KravCore

#if canImport(Glibc)
  import Glibc
#endif

/// Following files that change under an open session (issue 18).
///
/// A file-sync engine (Syncthing, Nextcloud) never appends to a journal in place: it writes
/// the new version beside it and renames it over the old one. A descriptor opened before
/// keeps reading the old file, so `refresh` looks at each journal's path (its identity and
/// size), not only at the descriptor it holds.
extension Store {
  /// Before a refresh: notices journals replaced, truncated or removed since they were read.
  ///
  /// A replaced journal that still starts with what was read (the line ending at the read
  /// length has the crc read there) is simply followed: the descriptor is reopened on the new
  /// file and only the new lines are read. Anything else (the old content is not a prefix, the
  /// journal got shorter or vanished) sets `reloadReason`: the caller replays everything
  /// again, which checks every chain. This writer's own journal changing under the session
  /// means another machine writes under the same name: the session stops writing
  /// (`StoreError.writerClash`).
  func followReplacedJournals() throws {
    for j in journals.indices {
      let file = journals[j].file
      let status = try io.linkStatus(root + "/" + file)
      if j == ownIndex, let fd = ownFd, failure == nil {
        let mine = try io.status(of: fd)
        let known = journals[j].length
        if status?.identity != mine.identity || mine.size != known {
          failure = .writerClash(file: file, writer: writer)
          reloadReason = .changedByAnotherMachine(file)
          return
        }
      }
      guard let status, !status.isSymlink else {
        if journals[j].length > 0 {
          reloadReason = .removed(file)
          return
        }
        continue
      }
      guard let fd = readFds[j], let seen = readIdentities[j] else { continue }
      if status.identity != seen {
        io.close(fd)
        readFds[j] = nil
        readIdentities[j] = nil
        guard try journalStillStarts(with: journals[j]) else {
          reloadReason = .replaced(file)
          return
        }
      } else if try io.size(fd) < journals[j].length {
        reloadReason = .shorter(file)
        return
      }
    }
  }

  /// The settings files (`krav-store.json`, `call-settings.json`) changed since the last call
  /// (the first call only notes them). A changed `krav-store.json` is read again into `info`
  /// (kept as it was when the new one cannot be read).
  public func changedSettingsFiles() -> [String] {
    var changed: [String] = []
    for name in ["krav-store.json", Store.callSettingsFile] {
      let stamp: FileStatus? = (try? io.linkStatus(root + "/" + name)).map {
        FileStatus(
          isDirectory: false, mode: 0, size: $0.size, group: 0, identity: $0.identity,
          modified: $0.modified)
      }
      if let before = settingsSeen[name], before == stamp { continue }
      let first = settingsSeen[name] == nil
      settingsSeen[name] = .some(stamp)
      if first { continue }
      if name == "krav-store.json",
        let bytes = try? io.readAll(root + "/" + name),
        let fresh = try? StoreInfo.decode(bytes),
        fresh.formatVersion <= StoreInfo.currentFormatVersion
      {
        info = fresh
      }
      changed.append(name)
    }
    return changed
  }
}

extension Store {
  /// Files a file-sync engine keeps in the folder it syncs: Syncthing's `.stfolder` marker and
  /// `.stignore` (written by `krav init --sync syncthing`), Dropbox's `.dropbox`, Nextcloud's
  /// and ownCloud's `.sync_*.db` journal.
  static func isSyncMarker(_ name: String) -> Bool {
    [".stfolder", ".stignore", ".dropbox", ".dropbox.cache"].contains(name)
      || (name.hasPrefix(".sync_") && name.hasSuffix(".db"))
      || (name.hasPrefix("._sync_") && name.hasSuffix(".db"))
  }

  /// Whether a file-sync engine carries this store between machines (a marker of one is in
  /// the store folder).
  public var isSynced: Bool {
    ((try? io.list(root)) ?? []).contains(where: Store.isSyncMarker)
  }

  /// The writer's name when the store is synced between machines: letters, plan documents
  /// and drafts then carry it (`DocumentNames`), so two machines never write a file of the
  /// same name. Nil in a store on one machine (the step lock and `letterExists` keep names
  /// apart there).
  public var documentTag: String? { isSynced && !writer.isEmpty ? writer : nil }
}

extension Store {
  /// The `.stignore` written by `krav init --sync syncthing`: what stays on each machine.
  public static let syncIgnore = """
    // Krav store (written by krav init --sync syncthing; Docs/team.md).
    // Snapshots are derived per machine and safe to delete: never synced.
    /cache
    // The step lock only works on one machine (flock); each machine keeps its own.
    /steps.lock
    // Krav's temporary files (.NAME.RANDOM.tmp), renamed into place when complete.
    *.tmp

    """

  /// Writes `.stignore` into the store folder (durably, with the store's file mode).
  public static func writeSyncIgnore(at path: String, io: FileIO = SystemFileIO()) throws {
    let store = try Store(root: path, writer: "", readOnly: true, io: io)
    try io.replaceAtomically(
      path + "/.stignore", bytes: Array(syncIgnore.utf8), permissions: store.permissions)
  }
}
