import ArgumentParser
import Foundation
import KravCore
import KravExchange
import KravStore

/// `krav init`: create a store for a creditor.
struct InitCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "init", abstract: "Create a store for a creditor.")

  @OptionGroup var global: GlobalOptions
  @Option(help: "The creditor's name.") var creditor: String
  @Option(help: "The creditor's organisasjonsnummer (9 digits).") var orgnr: String
  @Option(
    help: ArgumentHelp(
      "The creditor's bank account (11 digits or a NO IBAN); give it again for further accounts"
        + " bank files may credit (11 digits or any IBAN)."))
  var account: [String]
  @Option(help: "The creditor's e-mail address.") var email: String?
  @Option(help: "The creditor's phone number.") var phone: String?
  @Option(help: "The creditor's postal address.") var address: String?
  @Option(help: "Make a team store shared by this Unix group (setgid folders, 0660 files).")
  var group: String?
  @Option(
    help: ArgumentHelp(
      "Prepare the store for a file-sync engine carrying it between machines: 'syncthing' "
        + "writes .stignore (cache/, lock and temporary files stay on each machine)."))
  var sync: String?

  func validate() throws {
    if let s = sync, s != "syncthing" {
      throw CLIText.expected(option: "--sync", .syncthing, got: s).invalid
    }
    _ = try required(creditor, "--creditor")
    guard OrgNumber.isValid(digitsOnly(orgnr)) else {
      throw CLIText.expected(option: "--orgnr", .orgnr, got: orgnr).invalid
    }
    guard let first = account.first else {
      throw CLIText.valueRequired(option: "--account").invalid
    }
    guard let main = BankAccount.normalized(first), BankAccount.isNorwegian(main) else {
      throw CLIText.expected(option: "--account", .account, got: first).invalid
    }
    for a in account.dropFirst() where BankAccount.normalized(a) == nil {
      throw CLIText.expected(option: "--account", .accountOrIban, got: a).invalid
    }
    if let e = email, !EmailAddress.isValid(e) {
      throw CLIText.notAnEmail(option: "--email").invalid
    }
  }

  func run() throws {
    let accounts = account.compactMap(BankAccount.normalized)
    var info = StoreInfo(
      name: creditor, orgnr: digitsOnly(orgnr), account: accounts[0],
      email: email, phone: phone, address: address, created: try global.timestamp())
    var further: [String] = []
    for a in accounts.dropFirst() where !further.contains(a) && a != accounts[0] {
      further.append(a)
    }
    if !further.isEmpty { info.accounts = further }
    // A team's store: the standard four-eyes actions need a second person (krav four-eyes).
    if group != nil || sync != nil { info.fourEyes = FourEyesAction.standard.map(\.rawValue) }
    try Store.create(at: global.storePath, info: info, group: group)
    if sync == "syncthing" { try Store.writeSyncIgnore(at: global.storePath) }
    if global.json {
      Output.json([
        "store": global.storePath, "creditor": creditor, "created": true,
        "accounts": info.allAccounts,
      ])
    } else {
      Output.line(CLIText.storeCreated(global.storePath, creditor: creditor).text(global.language))
    }
  }
}

/// The digits of an identifier typed with spaces or dots (`8601.11.17947`).
func digitsOnly(_ s: String) -> String { s.filter { $0 != " " && $0 != "." } }

/// `krav account add|list`: the creditor's bank accounts, the ones bank files may credit.
struct AccountCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "account",
    abstract: "The creditor's bank accounts (bank files are checked against them).",
    subcommands: [Add.self, List.self], defaultSubcommand: List.self)

  /// One account as JSON: canonical, as shown, and its IBAN.
  static func json(_ a: String) -> [String: Any] {
    [
      "account": a, "display": BankAccount.display(a),
      "iban": BankAccount.isNorwegian(a) ? BankAccount.norwegianIBAN(a) : a,
    ]
  }

  struct Add: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Add an account of the creditor (11-digit Norwegian number or IBAN).")
    @OptionGroup var global: GlobalOptions
    @Argument(help: "The account: 8601.11.17947, NO93 8601 1117 947 or another IBAN.")
    var account: String

    func validate() throws {
      guard BankAccount.normalized(account) != nil else {
        throw CLIText.expected(option: "ACCOUNT", .accountOrIban, got: account).invalid
      }
    }

    func run() throws {
      let session = try Session.open(global, writing: true)
      let canonical = BankAccount.normalized(account)!
      let known = try session.store.currentAccounts().contains(canonical)
      let info = try session.store.addAccount(canonical)
      if global.json {
        Output.json([
          "added": !known, "account": AccountCommand.json(canonical),
          "accounts": info.allAccounts.map(AccountCommand.json),
        ])
      } else {
        Output.line(
          CLIText.accountAdded(BankAccount.display(canonical), known: known).text(global.language))
      }
    }
  }

  struct List: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "List the creditor's accounts.")
    @OptionGroup var global: GlobalOptions

    func run() throws {
      let session = try Session.open(global, writing: false)
      let accounts = try session.store.currentAccounts()
      if global.json { return Output.json(accounts.map(AccountCommand.json)) }
      for a in accounts { Output.line(BankAccount.display(a)) }
    }
  }
}
