import Foundation
import XCTest

/// `imap://` paths on the command line: accepted as paths, and every
/// failure is one clear line on stderr with exit status 2.
extension CommandLineTests {
  func testIMAPWithoutPasswordOffATerminalExitsTwoSayingHowToGiveIt() throws {
    guard ProcessInfo.processInfo.environment["MAILAUDIT_IMAP_PASSWORD"] == nil, isatty(STDIN_FILENO) == 0 else {
      throw XCTSkip("a password is in the environment or stdin is a terminal")
    }
    let index = try temporaryFolder().appendingPathComponent("index.sqlite").path
    let result = try run(["scan", "imap://me@127.0.0.1:1/Sent", "--index", index])
    XCTAssertEqual(result.status, 2)
    XCTAssertTrue(result.stderr.contains("MAILAUDIT_IMAP_PASSWORD"), result.stderr)
  }

  func testIMAPServerThatRefusesConnectionsExitsTwoNamingIt() throws {
    let index = try temporaryFolder().appendingPathComponent("index.sqlite").path
    let result = try run(
      ["scan", "imap://me@127.0.0.1:1/Sent", "--index", index], environment: ["MAILAUDIT_IMAP_PASSWORD": "x"])
    XCTAssertEqual(result.status, 2)
    XCTAssertTrue(result.stderr.contains("cannot connect to the IMAP server 127.0.0.1:1"), result.stderr)
    XCTAssertFalse(result.stderr.contains("MAILAUDIT_IMAP_PASSWORD=x"))
  }
}
