import Foundation
import TestHarness
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

enum TestDovecot {
  static var installed: Bool { DovecotHarness.installed }

  /// Starts a server under `arguments[0]` (dovecot.sh's `start` arguments)
  /// and gives its TLS port (a failed start is tried once more, see
  /// ``DovecotHarness/run(_:environment:)``).
  static func start(_ arguments: [String], environment: [String: String] = [:]) throws -> Int {
    let output = try DovecotHarness.run(["start"] + arguments, environment: environment)
    guard let port = output.split(separator: " ").first.flatMap({ Int($0) }) else {
      throw NSError(
        domain: "dovecot.sh", code: 0, userInfo: [NSLocalizedDescriptionKey: "printed no ports: \(output)"])
    }
    return port
  }

  static func stop(_ folder: String) {
    _ = try? DovecotHarness.run(["stop", folder])
  }
}
