import Foundation
import XCTest

/// Runs the built `mailaudit` as a user would and checks output, files and
/// exit statuses.
final class CommandLineTests: XCTestCase {
  static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent()
  static let sample = root.appendingPathComponent("Samples/Sent.mbox").path

  func testAuditOnTheSampleWritesReportsAndExitsOneThenZero() throws {
    let dir = try temporaryFolder()
    let index = dir.appendingPathComponent("index.sqlite").path
    let out = dir.appendingPathComponent("reports").path
    let first = try run(["audit", Self.sample, "--index", index, "--out", out])
    XCTAssertEqual(first.status, 1, "new findings: \(first.stdout)\(first.stderr)")
    XCTAssertTrue(first.stdout.contains("27 exposures (critical 3, high 3, medium 10, low 11)"), first.stdout)
    XCTAssertTrue(first.stdout.contains("Internal domains (inferred from senders): corp.example."), first.stdout)
    for name in ["findings.csv", "exposed-addresses.csv", "summary.html"] {
      let path = out + "/" + name
      XCTAssertTrue(FileManager.default.fileExists(atPath: path), name)
      let mode = try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int
      XCTAssertEqual(mode, 0o600, name)
    }
    let dirMode = try FileManager.default.attributesOfItem(atPath: out)[.posixPermissions] as? Int
    XCTAssertEqual(dirMode, 0o700)
    let indexMode = try FileManager.default.attributesOfItem(atPath: index)[.posixPermissions] as? Int
    XCTAssertEqual(indexMode, 0o600)
    let header = try String(contentsOfFile: out + "/findings.csv", encoding: .utf8).split(separator: "\n").first
    XCTAssertTrue(header?.hasPrefix(
      "message_id,date,sender,subject,severity,reply,visible_recipients,external_recipients,parties,personal,exposed_addresses,mailbox,location") == true)

    let second = try run(["audit", Self.sample, "--index", index, "--out", out])
    XCTAssertEqual(second.status, 0, "nothing new on the second run: \(second.stdout)")
    XCTAssertTrue(second.stdout.contains("0 new"), second.stdout)
  }

  func testJSONSummaryLineHasTheKeysSchedulersRead() throws {
    let dir = try temporaryFolder()
    let result = try run(["scan", Self.sample, "--index", dir.appendingPathComponent("i.sqlite").path, "--json"])
    XCTAssertEqual(result.status, 1)
    let line = try XCTUnwrap(result.stdout.split(separator: "\n").last)
    let object = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
    for key in ["messages_seen", "new_messages", "bytes_read", "new_findings", "new_incidents", "problems", "index", "reports"] {
      XCTAssertNotNil(object[key], key)
    }
    XCTAssertEqual(object["messages_seen"] as? Int, 34)
    XCTAssertEqual(object["new_findings"] as? Int, 27)
  }

  func testFailOnRaisesTheBarForExitOne() throws {
    let dir = try temporaryFolder()
    let index = dir.appendingPathComponent("i.sqlite").path
    // The sample's worst finding is critical, so only a bar above it... there is none; use a
    // mailbox whose worst finding is low.
    let mbox = dir.appendingPathComponent("low.mbox")
    try Data("""
      From a@corp.example Mon Jan  1 00:00:00 2024
      From: a@corp.example
      To: x@acme.example, y@globex.example
      Subject: hello
      Message-ID: <low@corp.example>

      body

      """.utf8).write(to: mbox)
    XCTAssertEqual(try run(["scan", mbox.path, "--index", index, "--fail-on", "medium", "--quiet"]).status, 0)
    let other = dir.appendingPathComponent("j.sqlite").path
    XCTAssertEqual(try run(["scan", mbox.path, "--index", other, "--quiet"]).status, 1)
  }

  func testUsageErrorsExitSixtyFour() throws {
    XCTAssertEqual(try run(["audit", "/no/such/mailbox"]).status, 64)
    XCTAssertEqual(try run(["scan", Self.sample, "--fail-on", "severe"]).status, 64)
    XCTAssertEqual(try run(["frobnicate"]).status, 64)
  }

  func testAnIndexThatCannotBeOpenedExitsTwoWithAClearMessage() throws {
    let dir = try temporaryFolder()
    let notADatabase = dir.appendingPathComponent("junk.sqlite")
    try Data(repeating: 0x41, count: 4096).write(to: notADatabase)
    let result = try run(["scan", Self.sample, "--index", notADatabase.path])
    XCTAssertEqual(result.status, 2)
    XCTAssertTrue(result.stderr.contains("mailaudit:"), result.stderr)
  }
}
