import ArgumentParser
import Foundation
import KravCore
import KravStore

/// `krav`: the terminal case manager and its scriptable commands (see Docs/user-guide.md).
@main
struct Krav: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "krav",
    abstract: "Krav – a case manager for debt collection in Norway.",
    subcommands: [
      TUICommand.self, DemoCommand.self, InitCommand.self, CustomerCommand.self,
      ClaimCommand.self, CustomersCommand.self, ShowCommand.self, NoteCommand.self,
      QueueCommand.self, StepCommand.self, LadderCommand.self, CallsCommand.self,
      CallCommand.self, PromiseCommand.self, DisputeCommand.self, HoldCommand.self,
      PlanCommand.self, PlansCommand.self,
      CheckCommand.self, RatesCommand.self,
      ImportCommand.self, PayCommand.self, PaymentCommand.self, PaymentsCommand.self,
      ExportCommand.self, AccountCommand.self, OutboxCommand.self, ReportCommand.self,
      ManualCommand.self, AssignCommand.self, DayCommand.self, ApprovalsCommand.self,
      ApproveCommand.self, RejectCommand.self, FourEyesCommand.self,
    ],
    defaultSubcommand: TUICommand.self
  )

  /// Runs the command; a `UserError` becomes one line `krav: …` on stderr and exit status 1.
  static func main() {
    quietBacktraces()
    Store.tuneMemory()
    // Past the file-size limit (ulimit -f) a write fails with EFBIG, which Krav reports and
    // undoes; the default SIGXFSZ would kill the process mid-write instead.
    signal(SIGXFSZ, SIG_IGN)
    do {
      var command = try parseAsRoot()
      try command.run()
      // Ends here rather than by returning: the sessions are dropped with the process, not
      // freed one object at a time (see `Session.keptUntilExit`). `exit` flushes stdout.
      Foundation.exit(0)
    } catch let done as AlreadyRecorded {
      // Success: an earlier attempt with this request id was saved; nothing was added now.
      let text = CLIText.alreadyRecorded(done.requestId).text(CLIText.current)
      FileHandle.standardError.write(Data("krav: \(text)\n".utf8))
      Foundation.exit(0)
    } catch let error as UserError {
      let text = VisibleText.escaped(error.description, keepLayout: true)
      FileHandle.standardError.write(Data("krav: \(text)\n".utf8))
      Foundation.exit(1)
    } catch let error as any WordedError {
      // A store, settings or plan error that reached the top: worded in the run's language.
      let text = VisibleText.escaped(error.text(CLIText.current), keepLayout: true)
      FileHandle.standardError.write(Data("krav: \(text)\n".utf8))
      Foundation.exit(1)
    } catch {
      // Errors echo what was typed: shown with control characters escaped (issue 16).
      let code = exitCode(for: error)
      guard code != .success else { exit(withError: error) }
      let message = fullMessage(for: error)
      if !message.isEmpty {
        let text = VisibleText.escaped(message, keepLayout: true)
        FileHandle.standardError.write(Data((text + "\n").utf8))
      }
      Foundation.exit(code.rawValue)
    }
  }
}

/// Makes a crash print its backtrace at once instead of waiting 30 s for a key behind the
/// alternate screen. The Swift runtime reads `SWIFT_BACKTRACE` only at process start, so when
/// it is unset Krav sets it and re-executes itself once.
func quietBacktraces() {
  guard getenv("SWIFT_BACKTRACE") == nil else { return }
  setenv("SWIFT_BACKTRACE", "interactive=no", 1)
  // Exec the resolved path, not /proc/self/exe, so the process keeps its name ("krav").
  var path = [CChar](repeating: 0, count: 4096)
  let n = readlink("/proc/self/exe", &path, path.count - 1)
  guard n > 0 else { return }
  execv(path, CommandLine.unsafeArgv)
  // If exec fails, carry on: only the crash behaviour differs.
}

/// A failure the user can act on: printed as one line on stderr, exit 1.
struct UserError: Error, CustomStringConvertible {
  var description: String
  init(_ d: String) { description = d }
}

/// A command line without a value: an argument that must be present and non-empty.
func required(_ value: String?, _ option: String) throws -> String {
  guard let v = value?.trimmingCharacters(in: .whitespaces), !v.isEmpty else {
    throw CLIText.valueRequired(option: option).invalid
  }
  return v
}
