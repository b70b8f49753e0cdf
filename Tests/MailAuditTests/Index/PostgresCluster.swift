import Foundation
import TestHarness
import XCTest

/// A throwaway PostgreSQL server for a test, started by
/// Tests/Fixtures/postgres/cluster.sh under a temporary folder and stopped
/// (its data removed) when the test ends, as the IMAP tests do with Dovecot.
struct PostgresCluster {
  /// The loopback port it listens on.
  var port: Int
  /// The folder holding its unix socket.
  var socketFolder: String

  static let script = PackagePaths.fixtures.appendingPathComponent("postgres/cluster.sh")

  /// The server binaries the script would use, if any.
  static var installed: Bool {
    if let bin = ProcessInfo.processInfo.environment["PG_BIN"] {
      return FileManager.default.isExecutableFile(atPath: bin + "/initdb")
    }
    let root = "/usr/lib/postgresql"
    let versions = (try? FileManager.default.contentsOfDirectory(atPath: root)) ?? []
    return versions.contains { FileManager.default.isExecutableFile(atPath: "\(root)/\($0)/bin/initdb") }
  }

  /// Starts a cluster for `test`, or skips the test saying why when the
  /// server is not installed.
  static func start(for test: XCTestCase) throws -> PostgresCluster {
    guard installed else {
      // CI installs the server (.ci/run), so there a missing one is a failure, not a skip.
      if ProcessInfo.processInfo.environment["CI"] == "true" {
        throw NSError(
          domain: "cluster.sh", code: 3, userInfo: [NSLocalizedDescriptionKey: "CI has no PostgreSQL server: .ci/run must install it"])
      }
      throw XCTSkip("the PostgreSQL server is not installed (apt-get install postgresql; .ci/run does): PostgreSQL tests skipped")
    }
    let folder = try temporaryFolder(test)
    let output = try run("/bin/bash", [script.path, "start", folder.path])
    let parts = output.split(separator: " ").map(String.init)
    guard parts.count == 2, let port = Int(parts[0]) else {
      throw NSError(domain: "cluster.sh", code: 0, userInfo: [NSLocalizedDescriptionKey: "no port and socket: \(output)"])
    }
    test.addTeardownBlock { _ = try? run("/bin/bash", [script.path, "stop", folder.path]) }
    return PostgresCluster(port: port, socketFolder: parts[1])
  }

  /// Runs `sql` with psql as `user` over the socket (or loopback TCP) and
  /// gives its unaligned, tuples-only output.
  @discardableResult
  func psql(_ sql: String, user: String = "postgres", database: String = "postgres", overTCP: Bool = false)
    throws -> String
  {
    try Self.run(
      "/usr/bin/env",
      ["psql", "-X", "-q", "-v", "ON_ERROR_STOP=1", "-At", "-h", overTCP ? "127.0.0.1" : socketFolder, "-p", String(port),
        "-U", user, "-d", database, "-c", sql])
  }

  /// Runs a program and gives its standard output, trimmed; a failure
  /// throws with its standard error (see ``runHelper(_:_:environment:failureDetail:)``).
  @discardableResult
  static func run(_ path: String, _ arguments: [String]) throws -> String {
    try runHelper(path, arguments)
  }
}

/// The harness the PostgreSQL index tests stand on: a real server, private
/// to the test, reachable on its socket and on loopback, gone afterwards.
final class PostgresClusterTests: XCTestCase {
  func testAThrowawayClusterServesOnItsSocketAndLoopbackAndTakesALeastRightsRole() throws {
    let cluster = try PostgresCluster.start(for: self)
    XCTAssertTrue(try cluster.psql("SHOW server_version").hasPrefix("1"))
    XCTAssertEqual(try cluster.psql("SELECT 1", overTCP: true), "1")
    XCTAssertEqual(try cluster.psql("SHOW fsync"), "off")
    // The README's set-up: a database owned by an administrator, and a role
    // that can only write the index's tables.
    try cluster.psql("CREATE DATABASE audit")
    try cluster.psql("CREATE ROLE scanner LOGIN")
    try cluster.psql(
      "CREATE TABLE finding (id bigint PRIMARY KEY); GRANT SELECT, INSERT ON finding TO scanner", database: "audit")
    XCTAssertEqual(try cluster.psql("INSERT INTO finding VALUES (1) RETURNING id", user: "scanner", database: "audit"), "1")
    XCTAssertThrowsError(try cluster.psql("DROP TABLE finding", user: "scanner", database: "audit"))
  }

  func testStoppingRemovesTheServerAndItsData() throws {
    let cluster = try PostgresCluster.start(for: self)
    let data = URL(fileURLWithPath: cluster.socketFolder).deletingLastPathComponent().appendingPathComponent("data")
    XCTAssertTrue(FileManager.default.fileExists(atPath: data.path))
    try PostgresCluster.run("/bin/bash", [PostgresCluster.script.path, "stop", data.deletingLastPathComponent().path])
    XCTAssertFalse(FileManager.default.fileExists(atPath: data.path))
    XCTAssertThrowsError(try cluster.psql("SELECT 1", overTCP: true))
  }
}
