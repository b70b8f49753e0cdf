import Foundation

// Test support shared by the test targets: running the helper programs and
// scripts the tests stand on (the server harnesses, psql, sha256sum).

/// Runs a helper program and gives its standard output, trimmed. A failure
/// throws with the exit status, what the program wrote to stderr and
/// `failureDetail`'s text (a server's own log, say).
@discardableResult
public func runHelper(
  _ path: String, _ arguments: [String], environment extra: [String: String] = [:],
  failureDetail: () -> String = { "" }
) throws -> String {
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
          + String(String(decoding: errors, as: UTF8.self).suffix(4000)) + failureDetail()
      ])
  }
  return String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
}

/// Tests/Fixtures/imap/dovecot.sh: a private Dovecot for the IMAP tests.
public enum DovecotHarness {
  public static let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .appendingPathComponent("Fixtures/imap/dovecot.sh").path

  public static var installed: Bool {
    ["/usr/sbin/dovecot", "/usr/local/sbin/dovecot"].contains { FileManager.default.isExecutableFile(atPath: $0) }
  }

  /// Runs dovecot.sh with `arguments` and gives what it printed. A start
  /// that fails is stopped and tried once more (another test run on this
  /// machine can take the free port the script picked, and a loaded
  /// machine can be slow to answer); a second failure throws with both
  /// failures: the script's failing line, its errors and the server's log.
  @discardableResult
  public static func run(_ arguments: [String], environment: [String: String] = [:]) throws -> String {
    func once(_ arguments: [String]) throws -> String {
      try runHelper("/bin/bash", [script] + arguments, environment: environment) {
        guard arguments.count > 1 else { return "" }
        return ["dovecot.out", "dovecot.log"].compactMap { log in
          let path = URL(fileURLWithPath: arguments[1]).appendingPathComponent(log).path
          return (try? String(contentsOfFile: path, encoding: .utf8)).map { "\n\(log): " + String($0.suffix(2000)) }
        }.joined()
      }
    }
    do {
      return try once(arguments)
    } catch let first as NSError where arguments.first == "start" && arguments.count > 1 {
      _ = try? once(["stop", arguments[1]])
      do {
        return try once(arguments)
      } catch let second as NSError {
        throw NSError(
          domain: second.domain, code: second.code,
          userInfo: [
            NSLocalizedDescriptionKey:
              "dovecot.sh failed twice; first: \(first.localizedDescription)\nthen: \(second.localizedDescription)"
          ])
      }
    }
  }
}
