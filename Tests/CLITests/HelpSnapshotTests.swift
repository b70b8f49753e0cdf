import Foundation
import XCTest

/// The help of every command, as a person reads it, is kept in
/// Tests/Fixtures/help/: a change to an option shows in review as a change to
/// these files. Re-record with `RECORD_SNAPSHOTS=1 swift test --filter HelpSnapshotTests`.
final class HelpSnapshotTests: XCTestCase {
  static let commands = [
    "", "audit", "scan", "report", "incidents", "incident", "followup", "lookup", "notify", "evidence", "verify", "init",
    "serve",
  ]
  static let folder = CommandLineTests.root.appendingPathComponent("Tests/Fixtures/help")

  func testEveryCommandsHelpMatchesItsSnapshot() throws {
    for command in Self.commands {
      let arguments = command.isEmpty ? ["--help"] : [command, "--help"]
      // A fixed width: help is wrapped to the terminal, and tests have none.
      let result = try run(arguments, environment: ["COLUMNS": "80"])
      XCTAssertEqual(result.status, 0, "\(command): \(result.stderr)")
      let file = Self.folder.appendingPathComponent((command.isEmpty ? "mailaudit" : command) + ".txt")
      if ProcessInfo.processInfo.environment["RECORD_SNAPSHOTS"] != nil {
        try FileManager.default.createDirectory(at: Self.folder, withIntermediateDirectories: true)
        try Data(result.stdout.utf8).write(to: file)
        continue
      }
      let expected = try String(contentsOf: file, encoding: .utf8)
      XCTAssertEqual(result.stdout, expected, "mailaudit \(arguments.joined(separator: " ")) differs from \(file.lastPathComponent)")
    }
  }
}
