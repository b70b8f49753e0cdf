import Foundation
import TestHarness
import XCTest

/// The whole organisation from the command line: `--imap-users`,
/// `--imap-master`, `--jobs`, `--owner`, against the throwaway Dovecot of
/// Tests/Fixtures/imap/dovecot.sh with a master user. alice's `Sent` holds
/// the sample, hanako's `送信済みアイテム` two messages, carol has no Sent folder.
final class IMAPUsersCommandLineTests: XCTestCase {
  static let masterPassword = "the master's pässword"

  var server: URL!
  var tlsPort = 0
  var caFile: String { server.appendingPathComponent("ca.pem").path }
  var serverURL: String { "imap://127.0.0.1:\(tlsPort)" }

  func startDovecot() throws {
    guard TestDovecot.installed else {
      throw XCTSkip("dovecot is not installed (apt-get install dovecot-imapd; .ci/run does): IMAP tests skipped")
    }
    let work = try temporaryFolder()
    server = work.appendingPathComponent("server")
    let hanako = work.appendingPathComponent("hanako.mbox")
    try Data(
      (1...2).map { n in
        """
        From hanako@corp.example Mon Nov 30 09:00:00 2026
        From: Hanako <hanako@corp.example>
        To: buyer\(n)@one.example, partner\(n)@two.example
        Subject: 見積り \(n)
        Date: Mon, 30 Nov 2026 09:0\(n):00 +0900
        Message-ID: <hanako-\(n)@corp.example>

        body

        """
      }.joined().utf8
    ).write(to: hanako)
    let users = work.appendingPathComponent("dovecot-users")
    try Data("hanako own-password 送信済みアイテム \\Sent \(hanako.path)\ncarol own-password - - -\n".utf8).write(to: users)
    let stopFolder = server.path
    addTeardownBlock { TestDovecot.stop(stopFolder) }
    tlsPort = try TestDovecot.start(
      [server.path, CommandLineTests.sample, "alice", "own-password"],
      environment: ["DOVECOT_MASTER": "admin:\(Self.masterPassword)", "DOVECOT_USERS": users.path])
  }

  func testEveryUsersSentFolderIsScannedAndReportsCanBeLimitedToOneOwner() throws {
    try startDovecot()
    let dir = try temporaryFolder()
    let index = dir.appendingPathComponent("index.sqlite").path
    let list = dir.appendingPathComponent("users.txt")
    try Data("# every mailbox on the server\nalice\nhanako\ncarol\n".utf8).write(to: list)
    let scan = try run(
      ["scan", serverURL, "--imap-users", list.path, "--imap-master", "admin", "--jobs", "2", "--imap-ca", caFile,
        "--index", index, "--json"],
      environment: ["MAILAUDIT_IMAP_PASSWORD": Self.masterPassword])
    XCTAssertEqual(scan.status, 1, "new findings: \(scan.stdout)\(scan.stderr)")
    XCTAssertFalse((scan.stdout + scan.stderr).contains(Self.masterPassword))
    let summary = try XCTUnwrap(
      try JSONSerialization.jsonObject(with: Data(scan.stdout.utf8)) as? [String: Any], scan.stdout)
    XCTAssertEqual(summary["messages_seen"] as? Int, 36)
    let owners = try XCTUnwrap(summary["findings_by_owner"] as? [[String: Any]])
    XCTAssertEqual(Set(owners.compactMap { $0["owner"] as? String }), ["alice", "hanako"])
    XCTAssertEqual(owners.first { $0["owner"] as? String == "hanako" }?["findings"] as? Int, 2)
    // carol has no Sent folder; the sample holds an unreadable address.
    XCTAssertEqual(summary["new_problems"] as? Int, 2)

    let hanako = try run(["incidents", "--index", index, "--owner", "hanako", "--format", "json"])
    let all = try run(["incidents", "--index", index, "--format", "json"])
    XCTAssertEqual(hanako.status, 0, hanako.stderr)
    let hanakoLines = hanako.stdout.split(separator: "\n")
    XCTAssertFalse(hanakoLines.isEmpty)
    XCTAssertLessThan(hanakoLines.count, all.stdout.split(separator: "\n").count)
    XCTAssertTrue(hanakoLines.allSatisfy { all.stdout.contains($0) })

    let out = dir.appendingPathComponent("hanako-reports")
    let report = try run(
      ["report", "--index", index, "--owner", "hanako", "--format", "json", "--out", out.path, "--quiet"])
    XCTAssertEqual(report.status, 0, report.stderr)
    let findings = try String(contentsOf: out.appendingPathComponent("findings.jsonl"), encoding: .utf8)
    XCTAssertEqual(findings.split(separator: "\n").count, 2)
    XCTAssertTrue(findings.contains("hanako-1@corp.example"), findings)

    // Evidence of hanako's incident is read again through the master user.
    let id = try XCTUnwrap(
      (try JSONSerialization.jsonObject(with: Data((hanakoLines.first ?? "").utf8)) as? [String: Any])?["id"] as? String)
    let evidence = dir.appendingPathComponent("evidence")
    let password = ["MAILAUDIT_IMAP_PASSWORD": Self.masterPassword]
    let written = try run(
      ["evidence", id, "--index", index, "--out", evidence.path, "--imap-master", "admin", "--imap-ca", caFile],
      environment: password)
    XCTAssertEqual(written.status, 0, written.stdout + written.stderr)
    let verified = try run(
      ["verify", evidence.path, "--sources", "--imap-master", "admin", "--imap-ca", caFile, "--lang", "en"],
      environment: password)
    XCTAssertEqual(verified.status, 0, verified.stdout + verified.stderr)
    XCTAssertTrue(verified.stdout.contains("All"), verified.stdout)

    let unknown = try run(["report", "--index", index, "--owner", "mallory", "--out", out.path])
    XCTAssertEqual(unknown.status, 2)
    XCTAssertTrue(unknown.stderr.contains("owners: alice, hanako"), unknown.stderr)
  }

  /// What a reader of the index sees, without row ids (they follow the
  /// order in which parallel users arrive).
  func contents(_ index: String) throws -> String {
    try [
      "SELECT key, headerSHA256 FROM message ORDER BY key",
      "SELECT l.file, m.key, l.goneInRun IS NULL FROM location l JOIN message m ON m.id = l.messageRowId ORDER BY l.file",
      "SELECT m.key, f.severity, f.incidentId FROM finding f JOIN message m ON m.id = f.messageRowId ORDER BY m.key",
      "SELECT id, people, messages FROM incident ORDER BY id",
      "SELECT mailbox, owner FROM mailboxOwner ORDER BY mailbox",
      "SELECT account, folder, highestUID FROM imapFolderState ORDER BY account, folder",
    ].map { try runHelper("/usr/bin/sqlite3", [index, $0]) }.joined(separator: "\n--\n")
  }

  func testAScanKilledMidBatchLeavesAnIndexTheNextRunCompletesIdentically() throws {
    try startDovecot()
    let dir = try temporaryFolder()
    let list = dir.appendingPathComponent("users.txt")
    try Data("alice\nhanako\n".utf8).write(to: list)
    func scan(_ index: String, killAt batch: Int? = nil) throws -> CommandRun {
      var environment = ["MAILAUDIT_IMAP_PASSWORD": Self.masterPassword]
      if let batch { environment["MAILAUDIT_TEST_KILL_AT_BATCH"] = String(batch) }
      return try run(
        ["scan", serverURL, "--imap-users", list.path, "--imap-master", "admin", "--jobs", "2", "--imap-ca", caFile,
          "--batch-size", "5", "--index", index, "--quiet"],
        environment: environment)
    }
    let whole = dir.appendingPathComponent("whole.sqlite").path
    XCTAssertEqual(try scan(whole).status, 1)
    let expected = try contents(whole)
    XCTAssertTrue(expected.contains("hanako-2@corp.example"), expected)
    for batch in [1, 4, 7] {
      let index = dir.appendingPathComponent("killed-\(batch).sqlite").path
      let killed = try scan(index, killAt: batch)
      XCTAssertEqual(killed.status, SIGKILL, "batch \(batch): \(killed.stderr)")
      let again = try scan(index)
      XCTAssertNotEqual(again.status, 2, again.stderr)
      XCTAssertEqual(try contents(index), expected, "killed after batch \(batch)")
    }
  }

  func testUsersFromACommandAndTheSecondScanReadsNothingOld() throws {
    try startDovecot()
    let index = try temporaryFolder().appendingPathComponent("index.sqlite").path
    let arguments = [
      "scan", serverURL, "--imap-users-command", "printf 'hanako\\n'", "--imap-master", "admin", "--imap-ca", caFile,
      "--index", index, "--json",
    ]
    let first = try run(arguments, environment: ["MAILAUDIT_IMAP_PASSWORD": Self.masterPassword])
    XCTAssertTrue(first.stdout.contains(#""messages_seen":2"#), first.stdout + first.stderr)
    let second = try run(arguments, environment: ["MAILAUDIT_IMAP_PASSWORD": Self.masterPassword])
    XCTAssertEqual(second.status, 0, second.stderr)
    XCTAssertTrue(second.stdout.contains(#""messages_seen":0"#), second.stdout)
  }

  func testUserListsNeedAMasterAndAServerAndJobsNeedAList() throws {
    let index = try temporaryFolder().appendingPathComponent("index.sqlite").path
    let noMaster = try run(["scan", "imap://127.0.0.1:1", "--imap-users", "/dev/null", "--index", index])
    XCTAssertEqual(noMaster.status, 64)
    XCTAssertTrue(noMaster.stderr.contains("--imap-master"), noMaster.stderr)
    let withUser = try run(
      ["scan", "imap://admin@127.0.0.1:1", "--imap-users", "/dev/null", "--imap-master", "admin", "--index", index])
    XCTAssertEqual(withUser.status, 64)
    XCTAssertTrue(withUser.stderr.contains("must name a server only"), withUser.stderr)
    let jobs = try run(["scan", CommandLineTests.sample, "--jobs", "2", "--index", index])
    XCTAssertEqual(jobs.status, 64)
    let empty = try run(
      ["scan", "imap://127.0.0.1:1", "--imap-users", "/dev/null", "--imap-master", "admin", "--index", index],
      environment: ["MAILAUDIT_IMAP_PASSWORD": "x"])
    XCTAssertEqual(empty.status, 2)
    XCTAssertTrue(empty.stderr.contains("lists no IMAP user"), empty.stderr)
  }

  func testOwnerOfAScannedPathLimitsItsIncidents() throws {
    let index = try temporaryFolder().appendingPathComponent("index.sqlite").path
    let scan = try run(["scan", CommandLineTests.sample, "--owner", "kato", "--index", index, "--json"])
    XCTAssertTrue(scan.stdout.contains(#""findings_by_owner":[{"findings":"#), scan.stdout)
    let kato = try run(["incidents", "--index", index, "--owner", "kato", "--format", "json"])
    let all = try run(["incidents", "--index", index, "--format", "json"])
    XCTAssertEqual(kato.stdout, all.stdout)
    XCTAssertFalse(all.stdout.isEmpty)
  }
}
