import Foundation
import XCTest

/// What a run of the built command printed and returned.
struct CommandRun {
  var status: Int32
  var stdout: String
  var stderr: String
}

extension XCTestCase {
  /// The executable SwiftPM built next to the test bundle.
  var mailauditExecutable: URL {
    // Linux runs the .xctest as a program; macOS loads it as a bundle.
    let candidates = [
      URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent(),
      Bundle(for: Self.self).bundleURL.deletingLastPathComponent(),
      Bundle(for: Self.self).bundleURL,
    ]
    for folder in candidates {
      let url = folder.appendingPathComponent("mailaudit")
      if FileManager.default.isExecutableFile(atPath: url.path) { return url }
    }
    return candidates[0].appendingPathComponent("mailaudit")
  }

  func run(_ arguments: [String], environment: [String: String] = [:], in folder: URL? = nil) throws -> CommandRun {
    let process = Process()
    process.executableURL = mailauditExecutable
    process.arguments = arguments
    if let folder { process.currentDirectoryURL = folder }
    var env = ProcessInfo.processInfo.environment
    // A fixed locale and zone: the machine's must not decide what a test
    // reads (the language and zone options are tested on their own).
    for name in ["LC_ALL", "LC_MESSAGES", "LANG"] { env[name] = nil }
    env["TZ"] = "UTC"
    // A command run without --index must not touch the tester's own index
    // (~/.local/share/mailaudit): the default goes to a throwaway folder.
    env["MAILAUDIT_INDEX"] = nil
    env["XDG_DATA_HOME"] = FileManager.default.temporaryDirectory
      .appendingPathComponent("mailaudit-cli-data-\(ProcessInfo.processInfo.processIdentifier)").path
    env.merge(environment) { $1 }
    process.environment = env
    let out = Pipe()
    let err = Pipe()
    process.standardOutput = out
    process.standardError = err
    try process.run()
    let outData = out.fileHandleForReading.readDataToEndOfFile()
    let errData = err.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return CommandRun(
      status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self),
      stderr: String(decoding: errData, as: UTF8.self))
  }

  func temporaryFolder() throws -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("mailaudit-cli-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    addTeardownBlock { try? FileManager.default.removeItem(at: url) }
    return url
  }

}

/// Runs a helper program and gives its standard output, trimmed. A failure
/// throws with the exit status and what the program wrote to stderr.
@discardableResult
func runHelper(_ path: String, _ arguments: [String], environment extra: [String: String] = [:]) throws -> String {
  let process = Process()
  process.executableURL = URL(fileURLWithPath: path)
  process.arguments = arguments
  var environment = ProcessInfo.processInfo.environment.merging(extra) { $1 }
  environment["PATH"] = (environment["PATH"] ?? "/usr/bin:/bin") + ":/usr/sbin:/sbin"
  process.environment = environment
  let out = Pipe()
  let err = Pipe()
  process.standardOutput = out
  process.standardError = err
  try process.run()
  let data = out.fileHandleForReading.readDataToEndOfFile()
  let errors = err.fileHandleForReading.readDataToEndOfFile()
  process.waitUntilExit()
  guard process.terminationStatus == 0 else {
    let how = process.terminationReason == .exit ? "exit" : "signal"
    throw NSError(
      domain: (path as NSString).lastPathComponent, code: Int(process.terminationStatus),
      userInfo: [
        NSLocalizedDescriptionKey:
          "\(arguments.first ?? path): \(how) \(process.terminationStatus); stderr: "
          + String(String(decoding: errors, as: UTF8.self).suffix(4000))
      ])
  }
  return String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
}

/// The throwaway Dovecot of Tests/Fixtures/imap/dovecot.sh, as the
/// command-line tests start it (the library tests' IMAPDovecotTests.harness
/// does the same in its own test target).
enum TestDovecot {
  static let script = CommandLineTests.root.appendingPathComponent("Tests/Fixtures/imap/dovecot.sh").path

  static var installed: Bool {
    ["/usr/sbin/dovecot", "/usr/local/sbin/dovecot"].contains { FileManager.default.isExecutableFile(atPath: $0) }
  }

  /// Starts a server under `arguments[0]` (dovecot.sh's `start` arguments)
  /// and gives its TLS port. A start that fails is stopped and tried once
  /// more; a second failure throws with both failures' errors, which carry
  /// the failing line of the script and Dovecot's own log.
  static func start(_ arguments: [String], environment: [String: String] = [:]) throws -> Int {
    let output: String
    do {
      output = try runHelper("/bin/bash", [script, "start"] + arguments, environment: environment)
    } catch let first as NSError {
      stop(arguments[0])
      do {
        output = try runHelper("/bin/bash", [script, "start"] + arguments, environment: environment)
      } catch let second as NSError {
        throw NSError(
          domain: second.domain, code: second.code,
          userInfo: [
            NSLocalizedDescriptionKey:
              "dovecot.sh failed twice; first: \(first.localizedDescription)\nthen: \(second.localizedDescription)"
          ])
      }
    }
    guard let port = output.split(separator: " ").first.flatMap({ Int($0) }) else {
      throw NSError(
        domain: "dovecot.sh", code: 0, userInfo: [NSLocalizedDescriptionKey: "printed no ports: \(output)"])
    }
    return port
  }

  static func stop(_ folder: String) {
    _ = try? runHelper("/bin/bash", [script, "stop", folder])
  }
}
