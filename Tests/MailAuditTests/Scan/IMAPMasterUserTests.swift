import Foundation
import GRDB
import MailIMAP
import MailParsing
import XCTest

@testable import MailAudit

/// Every user's Sent folder on a real Dovecot, read through its master
/// user: alice's `Sent` (the sample), hanako's `送信済みアイテム` and dave's
/// `Sent`, all marked `\Sent` by SPECIAL-USE; bob's `Sent Items`, unmarked
/// (found by its name); carol without a Sent folder; mallory unknown to the
/// server. Tests/Fixtures/imap/dovecot.sh sets it up per test.
final class IMAPMasterUserTests: XCTestCase {
  static let master = "admin"
  static let masterPassword = "master sécret"
  static let users = ["alice", "hanako", "bob", "carol", "dave", "mallory"]
  /// Messages per user with a Sent folder.
  static let counts = ["alice": 34, "hanako": 3, "bob": 2, "dave": 2]

  var folder: URL!
  var tlsPort = 0

  override func setUpWithError() throws {
    guard IMAPDovecotTests.dovecotInstalled else {
      throw XCTSkip("dovecot is not installed (apt-get install dovecot-imapd; .ci/run does): IMAP tests skipped")
    }
    folder = try temporaryFolder(self)
    let mail = folder.appendingPathComponent("mail")
    try FileManager.default.createDirectory(at: mail, withIntermediateDirectories: true)
    var lines: [String] = []
    for (user, box, special) in [("hanako", "送信済みアイテム", "\\Sent"), ("bob", "Sent%20Items", "-"), ("dave", "Sent", "\\Sent")] {
      let mbox = mail.appendingPathComponent("\(user).mbox")
      try Data(Self.mbox(user: user, count: Self.counts[user] ?? 0).utf8).write(to: mbox)
      lines.append("\(user) \(user)-own-password \(box) \(special) \(mbox.path)")
    }
    lines.append("carol carol-own-password - - -")
    let usersFile = folder.appendingPathComponent("users.txt")
    try Data((lines.joined(separator: "\n") + "\n").utf8).write(to: usersFile)
    let server = folder.appendingPathComponent("server")
    let output = try Self.harness(
      ["start", server.path, PackagePaths.sample.path, "alice", "alice-own-password"],
      environment: ["DOVECOT_MASTER": "\(Self.master):\(Self.masterPassword)", "DOVECOT_USERS": usersFile.path])
    guard let port = output.split(separator: " ").first.flatMap({ Int($0) }) else {
      return XCTFail("dovecot.sh printed no ports: \(output)")
    }
    tlsPort = port
    addTeardownBlock { _ = try? Self.harness(["stop", server.path]) }
  }

  /// `count` messages from `user@corp.example`, each showing addresses of
  /// two outside companies to each other.
  static func mbox(user: String, count: Int) -> String {
    (1...count).map { n in
      """
      From \(user)@corp.example Mon Nov 30 09:00:00 2026
      From: \(user) <\(user)@corp.example>
      To: buyer\(n)@one.example, partner\(n)@two.example, friend\(n)@gmail.com
      Subject: \(user)'s message \(n)
      Date: Mon, 30 Nov 2026 09:0\(n):00 +0900
      Message-ID: <\(user)-\(n)@corp.example>

      body

      """
    }.joined()
  }

  static func harness(_ arguments: [String], environment extra: [String: String] = [:]) throws -> String {
    try IMAPDovecotTests.harness(arguments, environment: extra)
  }

  var server: String { "imap://127.0.0.1:\(tlsPort)" }

  func settings(users: [String] = IMAPMasterUserTests.users, jobs: Int = 1, password: String = masterPassword)
    -> IMAPScanSettings
  {
    var settings = IMAPScanSettings(
      connection: IMAPConnectionOptions(caFile: folder.appendingPathComponent("server/ca.pem").path, timeoutSeconds: 20),
      credential: { _ in .master(Self.master, password: password) }, fetchChunkSize: 10)
    settings.masterScan = IMAPMasterScan(users: .list(users), jobs: jobs)
    return settings
  }

  func scan(_ index: any AuditStore, jobs: Int = 1) throws -> ScanResult {
    try Auditor(index: index, policy: ExposurePolicy(), catalog: try testCatalog())
      .scan(paths: [server], imap: settings(jobs: jobs)).0
  }

  func url(_ user: String, _ folder: String) -> String {
    "imap://\(user)@127.0.0.1:\(tlsPort)/\(folder.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed) ?? folder)"
  }

  func filesMarkedSeen() throws -> [String] {
    let home = folder.appendingPathComponent("server/home")
    let files = FileManager.default.enumerator(atPath: home.path)?.compactMap { $0 as? String } ?? []
    return files.filter { $0.contains("/cur/") && ($0.components(separatedBy: ":2,").last ?? "").contains("S") }
  }

  func testEveryUsersSentFolderIsFoundAndEveryFindingHasItsOwner() throws {
    let index = try AuditIndex()
    let result = try scan(index)
    XCTAssertEqual(result.counts.messagesSeen, Self.counts.values.reduce(0, +))
    XCTAssertEqual(
      try index.mailboxOwners(),
      [
        url("alice", "Sent"): "alice", url("hanako", "送信済みアイテム"): "hanako", url("bob", "Sent Items"): "bob",
        url("dave", "Sent"): "dave",
      ])
    let report = try index.report()
    XCTAssertFalse(report.findings.isEmpty)
    let owners = try index.mailboxOwners()
    for finding in report.findings {
      // The generated messages say whose they are; the sample is alice's.
      let expected = Self.counts.keys.first { finding.messageKey.hasPrefix("\($0)-") } ?? "alice"
      XCTAssertEqual(owners[finding.mailbox], expected, finding.messageKey)
    }
    let totals = try XCTUnwrap(try index.organisationTotals())
    XCTAssertEqual(totals.owners.map(\.owner).sorted(), ["alice", "bob", "dave", "hanako"])
    XCTAssertEqual(totals.owners.first { $0.owner == "hanako" }?.findings, 3)
    XCTAssertEqual(totals.owners.first { $0.owner == "hanako" }?.messages, 3)
    XCTAssertEqual(totals.messagesWithoutOwner, 0)
    XCTAssertEqual(
      try index.report(owner: "hanako").findings.map(\.messageKey).sorted(),
      ["hanako-1@corp.example", "hanako-2@corp.example", "hanako-3@corp.example"])
    XCTAssertEqual(try filesMarkedSeen(), [])
  }

  func testAFailingUserIsALocatedProblemAndTheOthersAreRead() throws {
    let index = try AuditIndex()
    let result = try scan(index, jobs: 2)
    XCTAssertEqual(result.counts.messagesSeen, 41)
    // (The sample itself holds an unreadable address: a problem of alice's mail.)
    let problems = try index.report().problems.filter { $0.file.hasPrefix("imap://") && !$0.file.contains(";UID=") }
      .map { "\($0.kind) \($0.file)" }.sorted()
    XCTAssertEqual(
      problems,
      [
        "mailboxUnavailable imap://mallory@127.0.0.1:\(tlsPort)", "noSentFolder imap://carol@127.0.0.1:\(tlsPort)",
      ])
    let refusal = try XCTUnwrap(try index.report().problems.first { $0.kind == "mailboxUnavailable" })
    XCTAssertTrue(refusal.detail.contains("mallory*admin"), refusal.detail)
  }

  func testAWrongMasterPasswordFailsEachUserWithoutEndingTheRun() throws {
    let index = try AuditIndex()
    // Two users: Dovecot slows each refusal from the same address down.
    var settings = settings(users: ["alice", "hanako"], password: "wrong")
    settings.masterScan?.jobs = 2
    let (result, _) = try Auditor(index: index, policy: ExposurePolicy(), catalog: try testCatalog())
      .scan(paths: [server], imap: settings)
    XCTAssertEqual(result.counts.messagesSeen, 0)
    XCTAssertFalse(result.interrupted)
    let problems = try index.report().problems
    XCTAssertEqual(problems.map(\.file).sorted(), ["imap://alice@127.0.0.1:\(tlsPort)", "imap://hanako@127.0.0.1:\(tlsPort)"])
    XCTAssertTrue(problems.allSatisfy { $0.kind == "mailboxUnavailable" })
    XCTAssertFalse(problems.contains { $0.detail.contains("wrong") })
  }

  /// Every table a reader sees, as sorted text; row ids left out (they
  /// follow the order in which parallel users arrive).
  func contents(_ index: AuditIndex) throws -> [String: [String]] {
    let queries = [
      "message": "SELECT key, messageID, headerSHA256, sender, recipients, visibleCount, bccCount FROM message",
      "location": "SELECT m.key, l.format, l.mailbox, l.file, l.offset, l.length, l.identity, l.goneInRun FROM location l JOIN message m ON m.id = l.messageRowId",
      "finding": "SELECT m.key, f.severity, f.reply, f.parties, f.personalCount, f.incidentId FROM finding f JOIN message m ON m.id = f.messageRowId",
      "exposure": "SELECT m.key, e.recipientIndex, a.address, a.party, a.personal, e.exposedTo FROM exposure e JOIN message m ON m.id = e.messageRowId JOIN address a ON a.id = e.addressId",
      "incident": "SELECT id, people, personalCount, parties, messages, severity FROM incident",
      "problem": "SELECT kind, file, detail FROM problem",
      "mailboxOwner": "SELECT mailbox, owner, firstRunId FROM mailboxOwner",
      "imapFolderState": "SELECT account, folder, uidValidity, highestUID FROM imapFolderState",
    ]
    return try index.writer.read { db in
      try queries.mapValues { sql in
        try Row.fetchAll(db, sql: sql).map { row in row.databaseValues.map(\.description).joined(separator: "|") }.sorted()
      }
    }
  }

  func testTwoJobsGiveTheSameIndexAsOne() throws {
    let one = try AuditIndex()
    let two = try AuditIndex()
    _ = try scan(one, jobs: 1)
    _ = try scan(two, jobs: 2)
    let expected = try contents(one)
    XCTAssertEqual(expected["mailboxOwner"]?.count, 4)
    // 41 copies; the sample holds one message twice.
    XCTAssertEqual(expected["message"]?.count, 40)
    XCTAssertEqual(try contents(two), expected)
  }

  /// The organisation's mail server read by two jobs into a shared
  /// PostgreSQL index gives the owners, findings, incidents and totals by
  /// owner that one job gives into SQLite.
  func testTwoJobsIntoPostgreSQLGiveWhatOneGivesIntoSQLite() throws {
    let cluster = try PostgresCluster.start(for: self)
    let postgres = try XCTUnwrap(
      try StoreLocation("postgresql://postgres@/postgres?host=\(cluster.socketFolder)&port=\(cluster.port)").open()
        as? PostgresIndex)
    let sqlite = try AuditIndex()
    _ = try scan(sqlite, jobs: 1)
    _ = try scan(postgres, jobs: 2)
    XCTAssertEqual(try postgres.mailboxOwners(), try sqlite.mailboxOwners())
    XCTAssertEqual(try postgres.mailboxOwners().count, 4)
    let (expected, actual) = (try sqlite.report(zone: .utc), try postgres.report(zone: .utc))
    XCTAssertFalse(expected.findings.isEmpty)
    XCTAssertEqual(actual.findings, expected.findings)
    XCTAssertEqual(actual.exposedAddresses, expected.exposedAddresses)
    XCTAssertEqual(actual.incidents, expected.incidents)
    XCTAssertEqual(actual.totals, expected.totals)
    XCTAssertEqual(try postgres.organisationTotals(), try sqlite.organisationTotals())
    XCTAssertEqual(try postgres.report(owner: "hanako").findings, try sqlite.report(owner: "hanako").findings)
    XCTAssertEqual(try filesMarkedSeen(), [])
  }

  func testASecondScanFetchesNothingOld() throws {
    let index = try AuditIndex()
    _ = try scan(index, jobs: 2)
    let before = try contents(index)
    let again = try scan(index, jobs: 2)
    XCTAssertEqual(again.counts.messagesSeen, 0)
    XCTAssertEqual(try contents(index)["finding"], before["finding"])
    XCTAssertEqual(try contents(index)["location"], before["location"])
    XCTAssertEqual(try filesMarkedSeen(), [])
  }

  func testAFolderNamedOnTheServerAddressIsReadForEveryUser() throws {
    let index = try AuditIndex()
    var settings = settings(users: ["alice", "dave", "hanako"])
    settings.masterScan?.jobs = 2
    _ = try Auditor(index: index, policy: ExposurePolicy(), catalog: try testCatalog())
      .scan(paths: [server + "/Sent"], imap: settings)
    XCTAssertEqual(Set(try index.mailboxOwners().values), ["alice", "dave"])
    // hanako has no folder of that name: the server says so, located.
    XCTAssertEqual(
      try index.report().problems.filter { $0.kind == "mailboxUnavailable" }.map(\.file),
      ["imap://hanako@127.0.0.1:\(tlsPort)"])
  }
}

/// Reading the list of users, without a server.
final class IMAPUserListTests: XCTestCase {
  func testUserListsSkipCommentsBlankLinesAndRepeats() throws {
    XCTAssertEqual(
      IMAPMasterScan.logins(in: "# staff\nalice\n\n  bob   # on leave\nalice\r\nhanako extra words\n#carol\n"),
      ["alice", "bob", "hanako"])
    XCTAssertEqual(
      try IMAPMasterScan(users: .command("printf 'a\\nb\\n'")).logins(), ["a", "b"])
    XCTAssertThrowsError(try IMAPMasterScan(users: .command("exit 3")).logins()) { error in
      XCTAssertEqual(error as? IMAPUsersError, .commandFailed(command: "exit 3", reason: "exit status 3"))
    }
    XCTAssertThrowsError(try IMAPMasterScan(users: .file("/nonexistent/users")).logins())
    XCTAssertThrowsError(try IMAPMasterScan(users: .file(NSTemporaryDirectory())).logins()) { error in
      XCTAssertEqual(error as? IMAPUsersError, .unreadableFile(NSTemporaryDirectory()))
    }
  }
}
