import Foundation
import GRDB
import MailIMAP
import TestHarness
import XCTest

@testable import MailAudit

/// Scans a real Dovecot on loopback over TLS: the Sent folder holds the
/// sample mailbox split into a Maildir. The server is started per test by
/// Tests/Fixtures/imap/dovecot.sh under a temporary folder, with its own CA.
final class IMAPDovecotTests: XCTestCase {
  static let user = "auditor"
  /// A quote and a non-ASCII letter: sent as a literal, not a quoted string.
  static let password = "pa\"ss wörd"

  var folder: URL!
  var tlsPort = 0
  var plainPort = 0
  var sentFolder: URL { folder.appendingPathComponent("home/\(Self.user)/Maildir/.Sent/cur") }
  var caFile: String { folder.appendingPathComponent("ca.pem").path }

  override func setUpWithError() throws {
    guard Self.dovecotInstalled else {
      throw XCTSkip("dovecot is not installed (apt-get install dovecot-imapd; .ci/run does): IMAP tests skipped")
    }
    folder = try temporaryFolder(self)
    let output = try Self.harness(["start", folder.path, PackagePaths.sample.path, Self.user, Self.password])
    let ports = output.split(separator: " ").compactMap { Int($0.trimmingCharacters(in: .whitespacesAndNewlines)) }
    guard ports.count == 2 else { return XCTFail("dovecot.sh printed no ports: \(output)") }
    tlsPort = ports[0]
    plainPort = ports[1]
    let stopFolder = folder.path
    addTeardownBlock { _ = try? Self.harness(["stop", stopFolder]) }
  }

  static var dovecotInstalled: Bool { DovecotHarness.installed }

  /// Runs Tests/Fixtures/imap/dovecot.sh (see ``DovecotHarness/run(_:environment:)``).
  @discardableResult
  static func harness(_ arguments: [String], environment extra: [String: String] = [:]) throws -> String {
    try DovecotHarness.run(arguments, environment: extra)
  }

  func settings(password: String = IMAPDovecotTests.password, startTLS: Bool = false, ca: Bool = true)
    -> IMAPScanSettings
  {
    IMAPScanSettings(
      connection: IMAPConnectionOptions(startTLS: startTLS, caFile: ca ? caFile : nil, timeoutSeconds: 20),
      password: { _ in password }, fetchChunkSize: 10)
  }

  func url(folder name: String = "Sent", port: Int? = nil) -> String {
    "imap://\(Self.user)@127.0.0.1:\(port ?? tlsPort)/\(name)"
  }

  /// A finding as text. A message without Message-ID is keyed by the hash
  /// of its header block, and IMAP fetches only the audited fields, so that
  /// key (and the incident id made from it) differs by source: such
  /// messages are compared by everything else.
  static func comparable(_ report: AuditReport) -> [String] {
    report.findings.map {
      let hashed = $0.messageKey.hasPrefix("sha256:")
      return [hashed ? "sha256:…" : $0.messageKey, $0.date ?? "", $0.severity.rawValue, "\($0.reply)",
        "\($0.externalRecipients)", "\($0.parties)", "\($0.personal)", $0.exposedAddresses.joined(separator: ";"),
        hashed ? "INC-…" : $0.incidentID].joined(separator: "|")
    }.sorted()
  }

  func fileNamesWithSeenFlag() throws -> [String] {
    try FileManager.default.contentsOfDirectory(atPath: sentFolder.path).filter {
      ($0.components(separatedBy: ":2,").last ?? "").contains("S")
    }
  }

  func testTLSScanGivesTheMboxFindingsAndMarksNothingSeen() throws {
    let mboxIndex = try AuditIndex()
    _ = try Auditor(index: mboxIndex, policy: ExposurePolicy(), catalog: try testCatalog())
      .scan(paths: [PackagePaths.sample.path])
    let imapIndex = try AuditIndex()
    let (result, _) = try Auditor(index: imapIndex, policy: ExposurePolicy(), catalog: try testCatalog())
      .scan(paths: [url()], imap: settings())
    let fromMbox = try mboxIndex.report()
    let fromIMAP = try imapIndex.report()
    XCTAssertEqual(result.counts.messagesSeen, 34)
    XCTAssertFalse(fromMbox.findings.isEmpty)
    XCTAssertEqual(Self.comparable(fromIMAP), Self.comparable(fromMbox))
    XCTAssertEqual(try fileNamesWithSeenFlag(), [])
    let files = try imapIndex.writer.read { db in try String.fetchAll(db, sql: "SELECT file FROM location") }
    XCTAssertEqual(files.count, 34)
    XCTAssertTrue(files.allSatisfy { $0.hasPrefix(url() + ";UIDVALIDITY=") && $0.contains("/;UID=") }, "\(files.prefix(2))")
  }

  func testSecondScanFetchesNothingOldAndANewMessageOnly() throws {
    let index = try AuditIndex()
    let auditor = Auditor(index: index, policy: ExposurePolicy(), catalog: try testCatalog())
    _ = try auditor.scan(paths: [url()], imap: settings())
    let (again, _) = try auditor.scan(paths: [url()], imap: settings())
    XCTAssertEqual(again.counts.messagesSeen, 0)
    let message = """
      From: Suzuki Kenji <suzuki.kenji@corp.example>\r
      To: a@one.example, b@two.example\r
      Subject: new after the first scan\r
      Message-ID: <new-after-first-scan@corp.example>\r
      \r
      body\r

      """
    try Data(message.utf8).write(to: sentFolder.appendingPathComponent("1800000000.M99P1.test:2,"))
    let (third, _) = try auditor.scan(paths: [url()], imap: settings())
    XCTAssertEqual(third.counts.messagesSeen, 1)
    XCTAssertEqual(third.counts.newMessages, 1)
    XCTAssertEqual(try fileNamesWithSeenFlag(), [])
  }

  func testSTARTTLSOnThePlainPortReadsTheFolder() throws {
    let index = try AuditIndex()
    let (result, _) = try Auditor(index: index, policy: ExposurePolicy(), catalog: try testCatalog())
      .scan(paths: [url(port: plainPort)], imap: settings(startTLS: true))
    XCTAssertEqual(result.counts.messagesSeen, 34)
  }

  /// Each failure is a typed error with a clear text, and what an earlier
  /// scan indexed stays.
  func assertFailure(
    paths: [String], settings: IMAPScanSettings, line: UInt = #line, _ check: (IMAPError) -> Bool
  ) throws {
    let index = try AuditIndex()
    let auditor = Auditor(index: index, policy: ExposurePolicy(), catalog: try testCatalog())
    _ = try auditor.scan(paths: [PackagePaths.sample.path])
    let before = try index.report().findings.count
    XCTAssertThrowsError(try auditor.scan(paths: paths, imap: settings), line: line) { error in
      guard let imapError = error as? IMAPError else { return XCTFail("not an IMAPError: \(error)", line: line) }
      XCTAssertTrue(check(imapError), "\(imapError)", line: line)
      XCTAssertFalse((imapError.errorDescription ?? "").isEmpty, line: line)
      XCTAssertFalse((imapError.errorDescription ?? "").contains(Self.password), line: line)
    }
    XCTAssertEqual(try index.report().findings.count, before, line: line)
    let status = try index.writer.read { db in try String.fetchOne(db, sql: "SELECT status FROM scanRun ORDER BY id DESC") }
    XCTAssertEqual(status, "failed", line: line)
  }

  func testWrongPasswordIsAuthenticationFailed() throws {
    try assertFailure(paths: [url()], settings: settings(password: "wrong")) {
      if case .authenticationFailed(_, let user, _) = $0 { return user == Self.user }
      return false
    }
  }

  func testMissingFolderIsNoSuchFolder() throws {
    try assertFailure(paths: [url(folder: "Nowhere")], settings: settings()) {
      if case .noSuchFolder(_, let folder, _) = $0 { return folder == "Nowhere" }
      return false
    }
  }

  func testUntrustedCertificateIsTLSFailure() throws {
    try assertFailure(paths: [url()], settings: settings(ca: false)) {
      if case .tlsFailed(_, let reason) = $0 { return reason.contains("not signed by a trusted CA") }
      return false
    }
  }

  func testTokenForAServerWithoutOAuthSaysWhatItOffers() throws {
    let token = try XCTUnwrap(OAuthToken("not-looked-at"))
    var tokenSettings = settings()
    tokenSettings.credential = { _ in .token(token, .xoauth2) }
    try assertFailure(paths: [url()], settings: tokenSettings) {
      if case .mechanismNotOffered(_, .xoauth2, let offered) = $0 { return offered == ["PLAIN"] }
      return false
    }
  }

  func testClosedPortIsCannotConnect() throws {
    // The harness's plain port speaks IMAP; a port just stopped is closed.
    _ = try Self.harness(["stop", folder.path])
    Thread.sleep(forTimeInterval: 0.5)
    try assertFailure(paths: [url()], settings: settings()) {
      if case .cannotConnect = $0 { return true }
      return false
    }
  }
}
