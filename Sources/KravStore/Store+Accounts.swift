import KravCore
/// The creditor's accounts in `krav-store.json` (issue 22).
///
/// Bank files are imported only for these accounts. They live with the creditor's name and
/// organisation number rather than in the journal: they say who the store collects for, not
/// something that happened, and every command reads them before folding anything.
extension Store {
  /// Adds an account (canonical form, checked by the caller) to `krav-store.json`, replacing
  /// the file atomically, and returns the new info. An account already there is not added
  /// twice. The file is read again first, so an account another session added is kept.
  @discardableResult
  public func addAccount(_ account: String) throws -> StoreInfo {
    if let reason = readOnlyReason { throw StoreError.readOnly(reason: reason) }
    let path = root + "/krav-store.json"
    var current = try StoreInfo.decode(try io.readAll(path))
    guard !current.allAccounts.contains(account) else { return current }
    current.accounts = (current.accounts ?? []) + [account]
    try io.replaceAtomically(path, bytes: try current.encoded(), permissions: permissions)
    return current
  }

  /// Sets the actions that need a second person's approval (`four_eyes` in krav-store.json,
  /// replaced atomically like `addAccount`).
  public func setFourEyes(_ actions: [FourEyesAction]) throws -> StoreInfo {
    if let reason = readOnlyReason { throw StoreError.readOnly(reason: reason) }
    let path = root + "/krav-store.json"
    var current = try StoreInfo.decode(try io.readAll(path))
    current.fourEyes = FourEyesAction.allCases.filter(actions.contains).map(\.rawValue)
    try io.replaceAtomically(path, bytes: try current.encoded(), permissions: permissions)
    info = current
    return current
  }

  /// The creditor's accounts as `krav-store.json` holds them now (read again, not cached).
  public func currentAccounts() throws -> [String] {
    try StoreInfo.decode(try io.readAll(root + "/krav-store.json")).allAccounts
  }
}

/// The letterhead and mailer settings in `krav-store.json` (issue 19).
extension Store {
  /// Sets the logo and/or the mail command (nil leaves one as it is, "" clears it), replacing
  /// `krav-store.json` atomically after reading it again; returns the new info.
  @discardableResult
  public func setLetterSettings(logo: String?, sendmail: String?) throws -> StoreInfo {
    if let reason = readOnlyReason { throw StoreError.readOnly(reason: reason) }
    let path = root + "/krav-store.json"
    var current = try StoreInfo.decode(try io.readAll(path))
    if let logo { current.logo = logo.isEmpty ? nil : logo }
    if let sendmail { current.sendmail = sendmail.isEmpty ? nil : sendmail }
    try io.replaceAtomically(path, bytes: try current.encoded(), permissions: permissions)
    info = current
    return current
  }
}
