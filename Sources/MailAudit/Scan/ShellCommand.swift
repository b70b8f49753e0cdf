import Foundation

/// A command line the user configured (`--imap-users-command`,
/// `--imap-token-command`), run by `/bin/sh -c` for its standard output.
/// Standard input and error stay ours, so a helper can show a device code
/// and ask; only an exit status of 0 is success.
struct ShellCommand {
  var command: String

  /// The command's standard output, or why there is none (a reason that
  /// callers put into their own located errors).
  func output() -> Result<String, Failure> {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/bin/sh")
    process.arguments = ["-c", command]
    let output = Pipe()
    process.standardOutput = output
    do {
      try process.run()
    } catch {
      return .failure(Failure(reason: "cannot run /bin/sh: \(error.localizedDescription)"))
    }
    let data = output.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    guard process.terminationReason == .exit else {
      return .failure(Failure(reason: "killed by signal \(process.terminationStatus)"))
    }
    guard process.terminationStatus == 0 else {
      return .failure(Failure(reason: "exit status \(process.terminationStatus)"))
    }
    return .success(String(decoding: data, as: UTF8.self))
  }

  /// Why a command gave no output.
  struct Failure: Error, Equatable {
    var reason: String
  }
}
