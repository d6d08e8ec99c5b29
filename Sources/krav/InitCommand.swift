import ArgumentParser
import Foundation
import KravCore
import KravStore

/// `krav init`: create a store for a creditor.
struct InitCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "init", abstract: "Create a store for a creditor.")

  @OptionGroup var global: GlobalOptions
  @Option(help: "The creditor's name.") var creditor: String
  @Option(help: "The creditor's organisasjonsnummer (9 digits).") var orgnr: String
  @Option(help: "The creditor's bank account (11 digits).") var account: String
  @Option(help: "The creditor's e-mail address.") var email: String?
  @Option(help: "The creditor's phone number.") var phone: String?
  @Option(help: "The creditor's postal address.") var address: String?
  @Option(help: "Make a team store shared by this Unix group (setgid folders, 0660 files).")
  var group: String?

  func validate() throws {
    _ = try required(creditor, "--creditor")
    guard OrgNumber.isValid(digitsOnly(orgnr)) else {
      throw ValidationError("--orgnr: expected a valid 9-digit organisasjonsnummer, got '\(orgnr)'")
    }
    guard AccountNumber.isValid(digitsOnly(account)) else {
      throw ValidationError("--account: expected a valid 11-digit account number, got '\(account)'")
    }
    if let e = email, !EmailAddress.isValid(e) {
      throw ValidationError("--email: \(EmailAddress.problem)")
    }
  }

  func run() throws {
    let info = StoreInfo(
      name: creditor, orgnr: digitsOnly(orgnr), account: digitsOnly(account),
      email: email, phone: phone, address: address, created: try global.timestamp())
    try Store.create(at: global.storePath, info: info, group: group)
    if global.json {
      Output.json(["store": global.storePath, "creditor": creditor, "created": true])
    } else {
      Output.line("Created store \(global.storePath) for \(creditor)")
    }
  }
}

/// The digits of an identifier typed with spaces or dots (`8601.11.17947`).
func digitsOnly(_ s: String) -> String { s.filter { $0 != " " && $0 != "." } }
