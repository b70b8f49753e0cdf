import Foundation
import TestHarness
import XCTest

/// `mailaudit evidence` and `mailaudit verify`, from the built binary: an
/// evidence set round-trips, and one changed byte (in a copy, or in the
/// source mailbox with --sources) is reported for exactly that message.
final class EvidenceCommandTests: XCTestCase {
  struct Fixture {
    var folder: URL
    var mbox: URL
    var index: String
    var incident: String
  }

  /// The sample copied to a temporary folder, audited; the largest incident.
  func audited() throws -> Fixture {
    let folder = try temporaryFolder()
    let mbox = folder.appendingPathComponent("Sent.mbox")
    let sample = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
      .deletingLastPathComponent().appendingPathComponent("Samples/Sent.mbox")
    try FileManager.default.copyItem(at: sample, to: mbox)
    let index = folder.appendingPathComponent("index.sqlite").path
    let audit = try run(["audit", mbox.path, "--index", index, "--out", folder.appendingPathComponent("reports").path, "--quiet"])
    XCTAssertEqual(audit.status, 1, audit.stderr)
    let incidents = try run(["incidents", "--index", index, "--format", "csv"])
    // Largest first; several messages make the round trip worth having.
    let rows = incidents.stdout.split(separator: "\n").dropFirst()
    let multi = rows.first { row in
      let cells = row.split(separator: ",", omittingEmptySubsequences: false)
      return cells.count > 5 && (Int(cells[5]) ?? 0) > 1
    } ?? rows.first
    let id = String(try XCTUnwrap(multi).split(separator: ",").first ?? "")
    return Fixture(folder: folder, mbox: mbox, index: index, incident: id)
  }

  /// The system's sha256sum of a file: what an auditor without mailaudit runs.
  func sha256(_ url: URL) throws -> String {
    String(try runHelper("/usr/bin/sha256sum", [url.path]).prefix(64))
  }

  func testEvidenceSetRoundTripsAndACopyChangedByOneByteIsReportedAlone() throws {
    let f = try audited()
    let mailboxBefore = try sha256(f.mbox)
    let set = f.folder.appendingPathComponent("evidence")
    let made = try run(["evidence", f.incident, "--index", f.index, "--out", set.path])
    XCTAssertEqual(made.status, 0, made.stderr)

    let manifestData = try Data(contentsOf: set.appendingPathComponent("manifest.json"))
    let manifest = try XCTUnwrap(try JSONSerialization.jsonObject(with: manifestData) as? [String: Any])
    let messages = try XCTUnwrap(manifest["messages"] as? [[String: Any]])
    XCTAssertGreaterThan(messages.count, 1)
    XCTAssertEqual(manifest["incident"] as? String, f.incident)
    XCTAssertNotNil(manifest["mailauditVersion"] as? String)
    XCTAssertNotNil(manifest["host"] as? String)
    // The manifest's own hash, in sha256sum's format.
    let recorded = try String(contentsOf: set.appendingPathComponent("manifest.json.sha256"), encoding: .utf8)
    XCTAssertEqual(recorded, "\(try sha256(set.appendingPathComponent("manifest.json")))  manifest.json\n")
    // Each copy holds the bytes its hash names, readable by the owner only.
    for message in messages {
      let file = set.appendingPathComponent(try XCTUnwrap(message["file"] as? String))
      XCTAssertEqual(try sha256(file), message["sha256"] as? String)
      let mode = try FileManager.default.attributesOfItem(atPath: file.path)[.posixPermissions] as? Int
      XCTAssertEqual(mode, 0o600)
      let locations = try XCTUnwrap(message["locations"] as? [[String: Any]])
      XCTAssertEqual(locations.first?["sha256"] as? String, message["sha256"] as? String)
    }
    let folderMode = try FileManager.default.attributesOfItem(atPath: set.path)[.posixPermissions] as? Int
    XCTAssertEqual(folderMode, 0o700)

    let clean = try run(["verify", set.path, "--sources"])
    XCTAssertEqual(clean.status, 0, clean.stdout + clean.stderr)
    let locationCount = messages.map { ($0["locations"] as? [Any])?.count ?? 0 }.reduce(0, +)
    XCTAssertTrue(clean.stdout.contains("All \(1 + messages.count + locationCount) checks match."), clean.stdout)

    // One byte of one copy changed: that copy, and nothing else, fails.
    let victim = try XCTUnwrap(messages[1]["file"] as? String)
    let victimURL = set.appendingPathComponent(victim)
    var bytes = try Data(contentsOf: victimURL)
    bytes[bytes.count / 2] ^= 0x20
    try bytes.write(to: victimURL)
    let changed = try run(["verify", set.path])
    XCTAssertEqual(changed.status, 1)
    let failing = changed.stdout.split(separator: "\n").filter { !$0.hasPrefix("OK") && !$0.contains("checks do not match") }
    XCTAssertEqual(failing.count, 1, changed.stdout)
    XCTAssertTrue(failing.first?.hasPrefix("CHANGED") ?? false)
    XCTAssertTrue(failing.first?.contains("copy \(victim)") ?? false, changed.stdout)
    XCTAssertEqual(try sha256(f.mbox), mailboxBefore, "evidence or verify changed the mailbox")
  }

  func testVerifyWithSourcesReportsTheMessageWhoseMailboxBytesChanged() throws {
    let f = try audited()
    let set = f.folder.appendingPathComponent("evidence")
    XCTAssertEqual(try run(["evidence", f.incident, "--index", f.index, "--out", set.path]).status, 0)
    let manifest = try XCTUnwrap(
      try JSONSerialization.jsonObject(with: Data(contentsOf: set.appendingPathComponent("manifest.json"))) as? [String: Any])
    let messages = try XCTUnwrap(manifest["messages"] as? [[String: Any]])
    let target = try XCTUnwrap(messages.last)
    let location = try XCTUnwrap((target["locations"] as? [[String: Any]])?.first?["location"] as? [String: Any])
    let offset = try XCTUnwrap(location["offset"] as? Int)
    let size = try XCTUnwrap(target["size"] as? Int)

    // Someone edits one byte in the middle of that message in the mailbox.
    var mailbox = try Data(contentsOf: f.mbox)
    let at = offset + 60 + size / 2
    mailbox[at] = mailbox[at] == 0x61 ? 0x62 : 0x61
    try mailbox.write(to: f.mbox)

    let copiesOnly = try run(["verify", set.path])
    XCTAssertEqual(copiesOnly.status, 0, copiesOnly.stdout)
    let withSources = try run(["verify", set.path, "--sources"])
    XCTAssertEqual(withSources.status, 1)
    let failing = withSources.stdout.split(separator: "\n").filter { $0.hasPrefix("CHANGED") || $0.hasPrefix("GONE") }
    XCTAssertEqual(failing.count, 1, withSources.stdout)
    XCTAssertTrue(failing.first?.contains("source \(f.mbox.path)@\(offset)") ?? false, withSources.stdout)

    // The mailbox gone: its messages are reported gone, exit 1.
    try FileManager.default.removeItem(at: f.mbox)
    let gone = try run(["verify", set.path, "--sources"])
    XCTAssertEqual(gone.status, 1)
    let locationCount = messages.map { ($0["locations"] as? [Any])?.count ?? 0 }.reduce(0, +)
    XCTAssertEqual(gone.stdout.split(separator: "\n").filter { $0.hasPrefix("GONE") }.count, locationCount, gone.stdout)
  }

  func testEvidenceRefusesAFolderThatIsNotEmptyAndVerifyRefusesWhatIsNotASet() throws {
    let f = try audited()
    let busy = f.folder.appendingPathComponent("busy")
    try FileManager.default.createDirectory(at: busy, withIntermediateDirectories: true)
    try Data("mine".utf8).write(to: busy.appendingPathComponent("notes.txt"))
    let refused = try run(["evidence", f.incident, "--index", f.index, "--out", busy.path])
    XCTAssertEqual(refused.status, 2)
    XCTAssertTrue(refused.stderr.contains("is not empty"), refused.stderr)
    let notASet = try run(["verify", busy.path])
    XCTAssertEqual(notASet.status, 2)
    XCTAssertTrue(notASet.stderr.contains("not an evidence set"), notASet.stderr)
  }
}
