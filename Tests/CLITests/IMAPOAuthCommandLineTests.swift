import Foundation
import TestHarness
import XCTest

/// OAuth 2.0 sign-in from the command line: `--imap-auth`, `;AUTH=`,
/// `MAILAUDIT_IMAP_TOKEN` and `--imap-token-command`, against the
/// throwaway Dovecot of Tests/Fixtures/imap/dovecot.sh with local JWT
/// validation. The token must never reach stdout, stderr or the index.
final class IMAPOAuthCommandLineTests: XCTestCase {
  static let fixtures = CommandLineTests.root.appendingPathComponent("Tests/Fixtures/imap")
  static let user = "auditor"
  static let key = Data((0..<32).map { UInt8($0 * 7 % 251) }).base64EncodedString()

  var server: URL!
  var tlsPort = 0
  var caFile: String { server.appendingPathComponent("ca.pem").path }

  /// Starts Dovecot with OAuth on the sample Sent folder.
  func startDovecot() throws {
    guard TestDovecot.installed else {
      throw XCTSkip("dovecot is not installed (apt-get install dovecot-imapd; .ci/run does): IMAP tests skipped")
    }
    server = try temporaryFolder()
    let stopFolder = server.path
    addTeardownBlock { TestDovecot.stop(stopFolder) }
    tlsPort = try TestDovecot.start([server.path, CommandLineTests.sample, Self.user, "unused password", Self.key])
  }

  /// A JWT Dovecot accepts for `seconds` (negative: already expired).
  static func mint(seconds: Int = 3600, key: String = key) throws -> String {
    try runHelper("/usr/bin/env", ["python3", fixtures.appendingPathComponent("mint-jwt.py").path, key, user, String(seconds)])
  }

  /// The index file and its WAL, as bytes.
  static func indexBytes(_ index: String) -> Data {
    ["", "-wal", "-shm"].reduce(into: Data()) { all, suffix in
      all += (try? Data(contentsOf: URL(fileURLWithPath: index + suffix))) ?? Data()
    }
  }

  static func count(_ table: String, in index: String) throws -> String {
    try runHelper("/usr/bin/sqlite3", [index, "SELECT count(*) FROM \(table)"])
  }

  func testTokenCommandRunsOncePerConnectionAndTheTokenIsNowhere() throws {
    try startDovecot()
    let dir = try temporaryFolder()
    let index = dir.appendingPathComponent("index.sqlite").path
    let token = try Self.mint()
    try Data(token.utf8).write(to: dir.appendingPathComponent("token"))
    let runs = dir.appendingPathComponent("runs").path
    // The helper's own message on stderr is passed through.
    let command = "echo run >> '\(runs)'; echo 'helper: token issued' >&2; cat '\(dir.path)/token'"
    let viaAddress = "imap://\(Self.user);AUTH=XOAUTH2@127.0.0.1:\(tlsPort)/Sent"
    let first = try run(["scan", viaAddress, "--index", index, "--imap-ca", caFile, "--imap-token-command", command])
    XCTAssertEqual(first.status, 1, "new findings: \(first.stdout)\(first.stderr)")
    XCTAssertTrue(first.stderr.contains("helper: token issued"), first.stderr)
    XCTAssertEqual(try String(contentsOfFile: runs, encoding: .utf8), "run\n")

    let plain = "imap://\(Self.user)@127.0.0.1:\(tlsPort)/Sent"
    let second = try run([
      "scan", plain, "--index", index, "--imap-ca", caFile, "--imap-auth", "oauthbearer", "--imap-token-command", command,
      "--json",
    ])
    XCTAssertEqual(second.status, 0, "nothing new: \(second.stdout)\(second.stderr)")
    XCTAssertEqual(try String(contentsOfFile: runs, encoding: .utf8), "run\nrun\n", "a fresh token per connection")

    // Evidence and verify read the messages again, each through its own
    // connection, with the same options.
    let incidents = try run(["incidents", "--index", index, "--format", "csv"])
    let incident = String(try XCTUnwrap(incidents.stdout.split(separator: "\n").dropFirst().first).prefix { $0 != "," })
    let set = dir.appendingPathComponent("evidence").path
    let imap = ["--imap-ca", caFile, "--imap-auth", "xoauth2", "--imap-token-command", command]
    let evidence = try run(["evidence", incident, "--index", index, "--out", set] + imap)
    XCTAssertEqual(evidence.status, 0, evidence.stdout + evidence.stderr)
    let verify = try run(["verify", set, "--sources"] + imap)
    XCTAssertEqual(verify.status, 0, verify.stdout + verify.stderr)
    let runCount = try String(contentsOfFile: runs, encoding: .utf8).split(separator: "\n").count
    XCTAssertGreaterThan(runCount, 3, "evidence and verify each connected")

    for output in [first, second, evidence, verify].flatMap({ [$0.stdout, $0.stderr] }) {
      XCTAssertFalse(output.contains(token), output)
    }
    XCTAssertNil(Self.indexBytes(index).range(of: Data(token.utf8)), "the token is in the index")
    XCTAssertNil(Self.indexBytes(index).range(of: Data(token.split(separator: ".")[2].utf8)))
    for name in try FileManager.default.contentsOfDirectory(atPath: set) {
      let bytes = try Data(contentsOf: URL(fileURLWithPath: set).appendingPathComponent(name))
      XCTAssertNil(bytes.range(of: Data(token.utf8)), name)
    }
  }

  func testTokenFileIsReadAgainForEachConnection() throws {
    try startDovecot()
    let dir = try temporaryFolder()
    let index = dir.appendingPathComponent("index.sqlite").path
    let file = dir.appendingPathComponent("token")
    let url = "imap://\(Self.user);AUTH=OAUTHBEARER@127.0.0.1:\(tlsPort)/Sent"
    let options = ["--index", index, "--imap-ca", caFile, "--imap-token-file", file.path]
    try Data(try Self.mint().utf8).write(to: file)
    XCTAssertEqual(try run(["scan", url] + options).status, 1)
    // An expired token written over it is what the next connection sends.
    try Data(try Self.mint(seconds: -600).utf8).write(to: file)
    let expired = try run(["scan", url] + options)
    XCTAssertEqual(expired.status, 2)
    XCTAssertTrue(expired.stderr.contains("the token expired at"), expired.stderr)

    try FileManager.default.removeItem(at: file)
    let missing = try run(["scan", url] + options)
    XCTAssertEqual(missing.status, 2)
    XCTAssertTrue(missing.stderr.contains("cannot read the --imap-token-file \(file.path)"), missing.stderr)

    let both = try run(["scan", url, "--index", index, "--imap-token-file", file.path, "--imap-token-command", "true"])
    XCTAssertEqual(both.status, 64)
  }

  func testFailingTokenCommandExitsTwoAndItsMessageShows() throws {
    let index = try temporaryFolder().appendingPathComponent("index.sqlite").path
    let result = try run([
      "scan", "imap://me;AUTH=XOAUTH2@127.0.0.1:1/Sent", "--index", index,
      "--imap-token-command", "echo 'helper: not signed in, run az login' >&2; exit 3",
    ])
    XCTAssertEqual(result.status, 2)
    XCTAssertTrue(result.stderr.contains("helper: not signed in, run az login"), result.stderr)
    XCTAssertTrue(result.stderr.contains("--imap-token-command for me@127.0.0.1:1 failed: exit status 3"), result.stderr)

    let empty = try run([
      "scan", "imap://me@127.0.0.1:1/Sent", "--index", index, "--imap-auth", "xoauth2", "--imap-token-command", "true",
    ])
    XCTAssertEqual(empty.status, 2)
    XCTAssertTrue(empty.stderr.contains("gave no usable OAuth token"), empty.stderr)
  }

  func testRefusedTokensExitTwoInPlainWordsAndKeepTheFindings() throws {
    try startDovecot()
    let sqlite = "/usr/bin/sqlite3"
    guard FileManager.default.isExecutableFile(atPath: sqlite) else {
      throw XCTSkip("sqlite3 is needed to count what the index keeps (apt-get install sqlite3; .ci/run does)")
    }
    let index = try temporaryFolder().appendingPathComponent("index.sqlite").path
    XCTAssertEqual(try run(["scan", CommandLineTests.sample, "--index", index]).status, 1)
    let findings = try Self.count("finding", in: index)
    let messages = try Self.count("message", in: index)
    let cases = [
      ("expired", try Self.mint(seconds: -600), "oauthbearer", "the token expired at"),
      ("bad signature", try Self.mint(key: Data(repeating: 0x41, count: 32).base64EncodedString()), "xoauth2",
        "the token is invalid or expired"),
    ]
    for (name, token, method, words) in cases {
      let result = try run(
        ["scan", "imap://\(Self.user)@127.0.0.1:\(tlsPort)/Sent", "--index", index, "--imap-ca", caFile,
          "--imap-auth", method],
        environment: ["MAILAUDIT_IMAP_TOKEN": token])
      XCTAssertEqual(result.status, 2, name)
      XCTAssertTrue(result.stderr.contains("refused the OAuth token for \(Self.user)"), "\(name): \(result.stderr)")
      XCTAssertTrue(result.stderr.contains(words), "\(name): \(result.stderr)")
      XCTAssertFalse(result.stderr.contains(token) || result.stdout.contains(token), name)
      XCTAssertNil(Self.indexBytes(index).range(of: Data(token.utf8)), name)
      XCTAssertEqual(try Self.count("finding", in: index), findings, name)
      XCTAssertEqual(try Self.count("message", in: index), messages, name)
    }
  }

  func testTokenMethodWithoutTokenOffATerminalSaysHowToGiveOne() throws {
    guard ProcessInfo.processInfo.environment["MAILAUDIT_IMAP_TOKEN"] == nil, isatty(STDIN_FILENO) == 0 else {
      throw XCTSkip("a token is in the environment or stdin is a terminal")
    }
    let index = try temporaryFolder().appendingPathComponent("index.sqlite").path
    let result = try run(["scan", "imap://me;AUTH=OAUTHBEARER@127.0.0.1:1/Sent", "--index", index])
    XCTAssertEqual(result.status, 2)
    XCTAssertTrue(result.stderr.contains("MAILAUDIT_IMAP_TOKEN"), result.stderr)
    XCTAssertTrue(result.stderr.contains("--imap-token-command"), result.stderr)

    let bad = try run(["scan", "imap://me@127.0.0.1:1/Sent", "--index", index, "--imap-auth", "kerberos"])
    XCTAssertEqual(bad.status, 64)
    XCTAssertTrue(bad.stderr.contains("'kerberos' is invalid for '--imap-auth <method>'"), bad.stderr)
    XCTAssertTrue(bad.stderr.contains("'password', 'xoauth2' or 'oauthbearer'"), bad.stderr)
  }
}
