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
          reloadReason = "\(file) was changed by another machine"
          return
        }
      }
      guard let status, !status.isSymlink else {
        if journals[j].length > 0 {
          reloadReason = "\(file) was removed"
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
          reloadReason = "\(file) was replaced by a file that does not continue it"
          return
        }
      } else if try io.size(fd) < journals[j].length {
        reloadReason = "\(file) got shorter than what was read"
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
