import Foundation
import GRDB
import XCTest

@testable import MailAudit
@testable import MailIMAP

/// Signs in to a real Dovecot on loopback with OAuth 2.0: dovecot.sh with an
/// HS256 key configures Dovecot's oauth2 passdb to validate JWTs locally,
/// and the tests mint their own tokens (Tests/Fixtures/imap/mint-jwt.py),
/// so nothing leaves the machine.
final class IMAPDovecotOAuthTests: XCTestCase {
  static let user = IMAPDovecotTests.user
  /// The signing key Dovecot trusts, base64.
  static let key = Data((0..<32).map { UInt8($0 * 7 % 251) }).base64EncodedString()

  var folder: URL!
  var tlsPort = 0
  var plainPort = 0
  var caFile: String { folder.appendingPathComponent("ca.pem").path }

  override func setUpWithError() throws {
    guard IMAPDovecotTests.dovecotInstalled else {
      throw XCTSkip("dovecot is not installed (apt-get install dovecot-imapd; .ci/run does): IMAP tests skipped")
    }
    folder = try temporaryFolder(self)
    let output = try IMAPDovecotTests.harness([
      "start", folder.path, PackagePaths.sample.path, Self.user, IMAPDovecotTests.password, Self.key,
    ])
    let ports = output.split(separator: " ").compactMap { Int($0.trimmingCharacters(in: .whitespacesAndNewlines)) }
    guard ports.count == 2 else { return XCTFail("dovecot.sh printed no ports: \(output)") }
    tlsPort = ports[0]
    plainPort = ports[1]
    let stopFolder = folder.path
    addTeardownBlock { _ = try? IMAPDovecotTests.harness(["stop", stopFolder]) }
  }

  /// A JWT for `user`, valid for `seconds` (negative: already expired),
  /// signed with `key`.
  static func mint(user: String = user, seconds: Int = 3600, key: String = key) throws -> OAuthToken {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = [
      "python3", PackagePaths.fixtures.appendingPathComponent("imap/mint-jwt.py").path, key, user, String(seconds),
    ]
    let out = Pipe()
    process.standardOutput = out
    try process.run()
    let data = out.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    let text = String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
    return try XCTUnwrap(OAuthToken(text), "mint-jwt.py printed no token")
  }

  func settings(_ token: OAuthToken, _ mechanism: SASLMechanism, startTLS: Bool = false) -> IMAPScanSettings {
    IMAPScanSettings(
      connection: IMAPConnectionOptions(startTLS: startTLS, caFile: caFile, timeoutSeconds: 20),
      credential: { _ in .token(token, mechanism) }, fetchChunkSize: 10)
  }

  func url(port: Int? = nil) -> String { "imap://\(Self.user)@127.0.0.1:\(port ?? tlsPort)/Sent" }

  func testXOAUTH2AndOAUTHBEARERGiveThePasswordLoginsFindings() throws {
    let passwordIndex = try AuditIndex()
    let passwordSettings = IMAPScanSettings(
      connection: IMAPConnectionOptions(caFile: caFile, timeoutSeconds: 20),
      password: { _ in IMAPDovecotTests.password }, fetchChunkSize: 10)
    _ = try Auditor(index: passwordIndex, policy: ExposurePolicy(), catalog: try testCatalog())
      .scan(paths: [url()], imap: passwordSettings)
    let expected = IMAPDovecotTests.comparable(try passwordIndex.report())
    XCTAssertFalse(expected.isEmpty)
    let token = try Self.mint()
    for mechanism in SASLMechanism.allCases {
      let index = try AuditIndex()
      let (result, _) = try Auditor(index: index, policy: ExposurePolicy(), catalog: try testCatalog())
        .scan(paths: [url()], imap: settings(token, mechanism))
      XCTAssertEqual(result.counts.messagesSeen, 34, mechanism.rawValue)
      XCTAssertEqual(IMAPDovecotTests.comparable(try index.report()), expected, mechanism.rawValue)
    }
  }

  func testAuthInTheAddressKeepsTheFolderIdentityOfThePasswordScan() throws {
    let index = try AuditIndex()
    let auditor = Auditor(index: index, policy: ExposurePolicy(), catalog: try testCatalog())
    let passwordSettings = IMAPScanSettings(
      connection: IMAPConnectionOptions(caFile: caFile, timeoutSeconds: 20),
      password: { _ in IMAPDovecotTests.password }, fetchChunkSize: 10)
    _ = try auditor.scan(paths: [url()], imap: passwordSettings)
    // The same folder signed in to with a token: nothing is new.
    let token = try Self.mint()
    var tokenSettings = settings(token, .xoauth2)
    tokenSettings.credential = { address in
      XCTAssertEqual(address.authMethod, .oauthbearer)
      return .token(token, address.authMethod?.mechanism ?? .xoauth2)
    }
    let (again, _) = try auditor.scan(
      paths: ["imap://\(Self.user);AUTH=OAUTHBEARER@127.0.0.1:\(tlsPort)/Sent"], imap: tokenSettings)
    XCTAssertEqual(again.counts.messagesSeen, 0)
    let files = try index.writer.read { db in try String.fetchAll(db, sql: "SELECT DISTINCT file FROM location") }
    XCTAssertFalse(files.contains { $0.uppercased().contains("AUTH=") }, "\(files.prefix(2))")
  }

  func testSTARTTLSThenXOAUTH2ReadsTheFolder() throws {
    let index = try AuditIndex()
    let (result, _) = try Auditor(index: index, policy: ExposurePolicy(), catalog: try testCatalog())
      .scan(paths: [url(port: plainPort)], imap: settings(try Self.mint(), .xoauth2, startTLS: true))
    XCTAssertEqual(result.counts.messagesSeen, 34)
  }

  /// A refused token is a typed error in plain words without the token, and
  /// what an earlier scan indexed stays.
  func assertRefused(
    _ token: OAuthToken, _ mechanism: SASLMechanism, line: UInt = #line, _ check: (OAuthRefusal, String) -> Bool
  ) throws {
    let index = try AuditIndex()
    let auditor = Auditor(index: index, policy: ExposurePolicy(), catalog: try testCatalog())
    _ = try auditor.scan(paths: [PackagePaths.sample.path])
    let before = try index.report().findings.count
    XCTAssertThrowsError(try auditor.scan(paths: [url()], imap: settings(token, mechanism)), line: line) { error in
      guard case .tokenRefused(_, let user, let refusedWith, let reason, _, _) = error as? IMAPError else {
        return XCTFail("not a refused token: \(error)", line: line)
      }
      let text = (error as? IMAPError)?.errorDescription ?? ""
      XCTAssertEqual(user, Self.user, line: line)
      XCTAssertEqual(refusedWith, mechanism, line: line)
      XCTAssertTrue(check(reason, text), "\(reason): \(text)", line: line)
      XCTAssertFalse(text.contains(token.value), line: line)
      XCTAssertFalse("\(error)".contains(token.value), line: line)
    }
    XCTAssertEqual(try index.report().findings.count, before, line: line)
    let status = try index.writer.read { db in try String.fetchOne(db, sql: "SELECT status FROM scanRun ORDER BY id DESC") }
    XCTAssertEqual(status, "failed", line: line)
  }

  func testExpiredTokenIsRefusedAsExpired() throws {
    let expired = try Self.mint(seconds: -600)
    for mechanism in SASLMechanism.allCases {
      try assertRefused(expired, mechanism) { reason, text in
        guard case .expired = reason else { return false }
        return text.contains("the token expired at") && text.contains("get a new one")
      }
    }
  }

  func testBadSignatureIsRefusedAsInvalid() throws {
    let forged = try Self.mint(key: Data(repeating: 0x41, count: 32).base64EncodedString())
    for mechanism in SASLMechanism.allCases {
      try assertRefused(forged, mechanism) { reason, text in
        reason == .invalidToken && text.contains("the token is invalid or expired")
      }
    }
  }

  func testTokenForAnotherUserIsRefused() throws {
    try assertRefused(try Self.mint(user: "someone-else"), .oauthBearer) { reason, _ in reason == .invalidToken }
  }
}
