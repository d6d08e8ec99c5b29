import Foundation
import KravCore

/// What `krav-store.json` holds: the format version and the creditor the store collects for.
///
/// Written once by `Store.create` (atomically) and read by every open.
public struct StoreInfo: Codable, Sendable, Equatable {
  /// The store format this folder follows; readers refuse versions they do not know.
  public var formatVersion: Int
  /// Creditor name.
  public var name: String
  /// Creditor organisation number (9 digits).
  public var orgnr: String
  /// Creditor bank account (11 digits): the one letters name.
  public var account: String
  /// Further accounts of the creditor that bank files may credit (11-digit Norwegian numbers
  /// or foreign IBANs), added by `krav init --account` given twice or `krav account add`;
  /// absent in stores that have only `account`.
  public var accounts: [String]?
  /// Creditor e-mail, if any.
  public var email: String?
  /// Creditor phone, if any.
  public var phone: String?
  /// Creditor postal address, one line, if any.
  public var address: String?
  /// When the store was created (ISO 8601 with offset), as the caller's clock says.
  public var created: String
  /// The actions that need a second person's approval (`FourEyesAction` raw values); absent
  /// or empty: none. `krav init --group` and `--sync` (a team's store) write
  /// `FourEyesAction.standard` (issue 18).
  public var fourEyes: [String]?
  /// The logo printed letters carry (a PNG; a path inside the store, or absolute), set by
  /// `krav letterhead --logo`; absent for none.
  public var logo: String?
  /// The command e-mail goes out through (the sendmail interface: the message on standard
  /// input, recipients from its headers), set by `krav letterhead --sendmail`; absent for
  /// `KRAV_SENDMAIL` or the default `sendmail -t -i`.
  public var sendmail: String?

  /// The format version this code writes and reads.
  public static let currentFormatVersion = 1

  /// Creates store info for the current format version.
  public init(
    name: String, orgnr: String, account: String, email: String? = nil, phone: String? = nil,
    address: String? = nil, created: String
  ) {
    self.formatVersion = StoreInfo.currentFormatVersion
    self.name = name
    self.orgnr = orgnr
    self.account = account
    self.email = email
    self.phone = phone
    self.address = address
    self.created = created
  }

  enum CodingKeys: String, CodingKey {
    case formatVersion = "format_version"
    case name, orgnr, account, accounts, email, phone, address, created, logo, sendmail
    case fourEyes = "four_eyes"
  }

  /// The actions that need approval in this store.
  public var fourEyesActions: Set<FourEyesAction> {
    Set((fourEyes ?? []).compactMap(FourEyesAction.init(rawValue:)))
  }

  /// Every account of the creditor: `account` first, then `accounts`.
  public var allAccounts: [String] { [account] + (accounts ?? []) }

  /// The JSON bytes written to `krav-store.json` (sorted keys, pretty-printed).
  func encoded() throws -> [UInt8] {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
    return Array(try encoder.encode(self)) + [10]
  }

  /// Parses `krav-store.json`.
  static func decode(_ bytes: [UInt8]) throws -> StoreInfo {
    try JSONDecoder().decode(StoreInfo.self, from: Data(bytes))
  }
}

/// Permission bits and group for new files and folders: private (0600/0700) or team
/// (0660/2770 with a shared group).
struct Permissions: Sendable, Equatable {
  var fileMode: UInt32
  var folderMode: UInt32
  var group: UInt32?

  static let personal = Permissions(fileMode: 0o600, folderMode: 0o700, group: nil)

  static func team(group: UInt32) -> Permissions {
    Permissions(fileMode: 0o660, folderMode: 0o2770, group: group)
  }
}

extension FileIO {
  /// Creates a file that must not exist yet, with exact permissions, writes `bytes`, fsyncs it
  /// and its folder. Used for quarantine copies and new journals.
  func createFile(_ path: String, bytes: [UInt8], permissions: Permissions, flags: Int32 = 0)
    throws -> Int32
  {
    let fd = try open(path, flags: O_CREAT | O_EXCL | O_RDWR | flags, mode: permissions.fileMode)
    do {
      try chmod(fd, mode: permissions.fileMode)  // the umask may have removed bits
      if let g = permissions.group { try chgrp(fd, group: g) }
      try writeAll(fd, bytes, path: path)
      try sync(fd, dataOnly: false)
      try syncFolder(parentFolder(of: path))
      return fd
    } catch {
      close(fd)
      throw error
    }
  }

  /// Replaces `path` atomically: temp file (exact mode), write, fsync, rename, fsync folder.
  func replaceAtomically(_ path: String, bytes: [UInt8], permissions: Permissions) throws {
    try replaceAtomically(path, chunks: [bytes], permissions: permissions)
  }

  /// `replaceAtomically` with the content in parts, so large payloads are not concatenated.
  ///
  /// The temporary file has an unpredictable name (`.<name>.<16 random hex>.tmp`) and is
  /// created with `O_EXCL`: nobody can plant a link or a file there in advance.
  func replaceAtomically(_ path: String, chunks: [[UInt8]], permissions: Permissions) throws {
    let temp = temporaryName(for: path)
    let fd = try open(temp, flags: O_CREAT | O_EXCL | O_WRONLY, mode: permissions.fileMode)
    defer { close(fd) }
    try chmod(fd, mode: permissions.fileMode)
    if let g = permissions.group { try chgrp(fd, group: g) }
    for chunk in chunks { try writeAll(fd, chunk, path: temp) }
    try sync(fd, dataOnly: false)
    try rename(temp, to: path)
    try syncFolder(parentFolder(of: path))
  }

  /// An unpredictable temporary name beside `path`: `<folder>/.<name>.<16 hex>.tmp`.
  func temporaryName(for path: String) -> String {
    let folder = parentFolder(of: path)
    let name = path.split(separator: "/").last.map(String.init) ?? path
    let hex = String(UInt64.random(in: 0...UInt64.max), radix: 16)
    return folder + "/." + name + "." + String(repeating: "0", count: 16 - hex.count) + hex
      + ".tmp"
  }

  /// Writes all of `bytes`, looping over short writes (for files no one else sees yet).
  func writeAll(_ fd: Int32, _ bytes: [UInt8], path: String) throws {
    var done = 0
    while done < bytes.count {
      let n = try bytes.withUnsafeBytes {
        try write(fd, UnsafeRawBufferPointer(rebasing: $0[done...]))
      }
      if n <= 0 { throw StoreError.io(op: "write", path: path, errno: ENOSPC) }
      done += n
    }
  }

  /// Creates a folder with exact permissions (and group), then fsyncs it.
  func createFolder(_ path: String, permissions: Permissions) throws {
    try makeDirectory(path, mode: permissions.folderMode)
    let fd = try open(path, flags: O_RDONLY | O_DIRECTORY, mode: 0)
    defer { close(fd) }
    if let g = permissions.group { try chgrp(fd, group: g) }
    try chmod(fd, mode: permissions.folderMode)  // after chgrp, which may clear setgid
    try sync(fd, dataOnly: false)
  }

  /// fsyncs a folder so entries created or renamed in it survive a power cut.
  func syncFolder(_ path: String) throws {
    let fd = try open(path, flags: O_RDONLY | O_DIRECTORY, mode: 0)
    defer { close(fd) }
    try sync(fd, dataOnly: false)
  }

  /// Reads a whole (small) file.
  func readAll(_ path: String) throws -> [UInt8] {
    let fd = try open(path, flags: O_RDONLY, mode: 0)
    defer { close(fd) }
    let size = Int(try size(fd))
    var bytes = [UInt8](repeating: 0, count: size)
    var done = 0
    while done < size {
      let n = try bytes.withUnsafeMutableBytes {
        try read(fd, into: UnsafeMutableRawBufferPointer(rebasing: $0[done...]), at: UInt64(done))
      }
      if n == 0 { break }
      done += n
    }
    return Array(bytes[0..<done])
  }
}

/// The folder part of a path (`.` when there is none).
func parentFolder(of path: String) -> String {
  guard let slash = path.lastIndex(of: "/") else { return "." }
  return slash == path.startIndex ? "/" : String(path[..<slash])
}
