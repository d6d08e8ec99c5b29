import KravCore
import KravStore

extension Store {
  /// What changed on disk since the last call, for an open screen (issue 18): new events of
  /// other writers; or, when a journal was replaced by one that does not continue what was
  /// read (or was truncated or removed), a new fold of everything; and changed settings.
  public func followChanges(_ lang: Language = .en) throws -> StoreChanges {
    var out = StoreChanges()
    _ = try refresh { e, r in out.events.append((e, r)) }
    if let why = reloadReason {
      let (ledger, _) = try loadLedger()
      out.events = []
      out.reloaded = ledger
      out.reloadReason = why.text(lang)
    }
    for name in changedSettingsFiles() {
      if name == Store.callSettingsFile {
        do {
          out.callSettings = try callSettings()
        } catch {
          out.problem = errorText(error, lang)
        }
      } else {
        out.creditor = Creditor(
          name: info.name, orgnr: info.orgnr, account: info.account, email: info.email,
          phone: info.phone, address: info.address)
      }
    }
    return out
  }
}
