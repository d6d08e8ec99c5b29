import KravCore

/// Interface text of the list layout and states (issue 20): the id column, state words the
/// screens share with the CLI (nb, en).
public enum LLayout: CaseIterable, Sendable {
  case colId, stateConflict, stateInPlan, alreadySigned
  case keyImport, importPrompt, importTitle, importFile, importCustomers, importInvoices
  case importPayments, importNew, importUpdated, importUnchanged, importUnmatched, importMore
  case importProblems, importNothing, importConfirm, importDone
  case importUpdate, importAnyAccount, keyImportOption
}

extension Catalogue {
  /// The text for a `LLayout` key in this catalogue's language.
  public func callAsFunction(_ key: LLayout) -> String {
    let (nb, en) = Catalogue.layoutPair(key)
    return lang == .nb ? nb : en
  }

  /// Where an open claim stands, as every list and the CLI say it: "forfalt" (overdue) before
  /// the first notice, else the step taken ("purring", "inkassovarsel", …). `step(_:)` names
  /// the step itself ("faktura" in the ladder).
  public func standing(_ s: Step) -> String {
    s == .invoice ? self(.stepOverdue) : step(s)
  }

  /// A claim's state in one phrase, the same in the case view and `krav show`: the step for
  /// an open claim on the ladder ("purring"), "forfalt" or "ikke forfalt" before the first
  /// step, else the state with the step reached ("bestridt (purring)", "betalt (purring)").
  public func claimState(step: Step, status: ClaimStatus) -> String {
    switch status {
    case .overdue, .notDue:
      return step == .invoice ? self.status(status) : self.step(step)
    default:
      return self.status(status) + (step == .invoice ? "" : " (\(self.step(step)))")
    }
  }

  /// A letter channel's name: "e-post", "brev" (nb) or "e-mail", "letter" (en).
  public func letterChannel(_ c: LetterChannel) -> String {
    switch c {
    case .email: return lang == .nb ? "e-post" : "e-mail"
    case .letter: return lang == .nb ? "brev" : "letter"
    }
  }

  /// The texts of `LLayout` (nb, en): one exhaustive switch, no `default:`.
  static func layoutPair(_ key: LLayout) -> (String, String) {
    switch key {
    case .colId: return ("Id", "Id")
    case .stateConflict: return ("konflikt", "conflict")
    case .stateInPlan: return ("i plan", "in plan")
    case .alreadySigned: return ("allerede signert", "already signed on")
    case .keyImport: return ("importer fil", "import a file")
    case .importPrompt: return ("Fil å importere: ", "File to import: ")
    case .importTitle: return ("Importere?", "Import?")
    case .importFile: return ("Fil", "File")
    case .importCustomers: return ("kunder", "customers")
    case .importInvoices: return ("fakturaer", "invoices")
    case .importPayments: return ("bankfil med innbetalinger", "bank file of payments")
    case .importNew: return ("nye", "new")
    case .importUpdated: return ("endret", "updated")
    case .importUnchanged: return ("finnes fra før", "already there")
    case .importUnmatched: return ("uten treff", "unmatched")
    case .importMore: return ("til", "more")
    case .importProblems:
      return ("feil; rett filen og prøv igjen", "problems; fix the file and try again")
    case .importNothing: return ("Ingenting ble importert", "Nothing was imported")
    case .importConfirm:
      return (
        "Ingenting er skrevet ennå: y/j importerer alt.",
        "Nothing is written yet: y imports it all."
      )
    case .importDone: return ("Importert", "Imported")
    case .importUpdate:
      return (
        "Endre kjente kunder og fakturaer som er annerledes i filen (--update)",
        "Change known customers and invoices that differ in the file (--update)"
      )
    case .importAnyAccount:
      return (
        "Registrer innbetalinger til en konto som ikke er kreditors (--any-account)",
        "Register payments to an account that is not the creditor's (--any-account)"
      )
    case .keyImportOption: return ("kryss av valget", "tick the option")
    }
  }
}
