import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// Copies files between two store folders the way a file-sync engine does (Syncthing writes
/// `.syncthing.NAME.tmp` beside the file and renames it over the old one): a reader holding
/// the old file open keeps seeing the old content, only the path shows the new one.
public enum SyncCopy {
  /// Carries `relative` (e.g. `journal/ola.jsonl`) from store `from` to store `to` by a new
  /// file renamed over the old one (mode 0600).
  public static func carry(_ relative: String, from: String, to: String) throws {
    try replace(to + "/" + relative, with: try read(from + "/" + relative))
  }

  /// Writes `bytes` to a temporary file beside `path` and renames it over `path`.
  public static func replace(_ path: String, with bytes: [UInt8]) throws {
    let url = URL(fileURLWithPath: path)
    let tmp =
      url.deletingLastPathComponent().appendingPathComponent(
        ".syncthing.\(url.lastPathComponent).tmp"
      ).path
    let fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
    guard fd >= 0 else { throw CocoaError(.fileWriteUnknown) }
    _ = bytes.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
    close(fd)
    guard rename(tmp, path) == 0 else { throw CocoaError(.fileWriteUnknown) }
  }

  /// A file's bytes.
  public static func read(_ path: String) throws -> [UInt8] {
    Array(try Data(contentsOf: URL(fileURLWithPath: path)))
  }
}
