import Foundation
import XCTest

@testable import MailAudit

/// A PostgreSQL index written by an earlier release opens with this code,
/// migrates, and reports the same findings and incidents.
///
/// `Tests/Fixtures/postgres/main-afa025d.sql` is a `pg_dump` of the index the
/// release at afa025d wrote scanning `Samples/Sent.mbox`: the schema before
/// `pg2-store`, with the foreign keys that migration drops;
/// `main-b009b90.sql` the same before `pg3-analysis`. Every later
/// PostgreSQL schema change adds a dump like them.
final class PostgresMigrationTests: XCTestCase {
  /// Loads a dump from Tests/Fixtures/postgres into a new database `audit`.
  private func load(_ dump: String, into cluster: PostgresCluster) throws -> PostgresIndexAddress {
    try cluster.psql("CREATE DATABASE audit")
    try PostgresCluster.run(
      "/usr/bin/env",
      ["psql", "-X", "-q", "-v", "ON_ERROR_STOP=1", "-h", cluster.socketFolder, "-p", String(cluster.port),
        "-U", "postgres", "-d", "audit", "-f", PackagePaths.fixtures.appendingPathComponent("postgres/\(dump)").path])
    return try PostgresIndexAddress(
      url: "postgresql://postgres@/audit?host=\(cluster.socketFolder)&port=\(cluster.port)", environment: [:])
  }

  func testAnIndexFromReleaseB009b90MigratesAndDeletedFindingsStillTakeTheirExposuresAndLinks() throws {
    let cluster = try PostgresCluster.start(for: self)
    let address = try load("main-b009b90.sql", into: cluster)
    let cascades = "'exposure_messagerowid_fkey', 'findinglink_messagerowid_fkey'"
    XCTAssertEqual(try cluster.psql("SELECT count(*) FROM pg_constraint WHERE conname IN (\(cascades))", database: "audit"), "2")

    let old = try PostgresIndex(address: address)
    XCTAssertEqual(
      try cluster.psql("SELECT count(*) FROM schemaMigration WHERE identifier LIKE 'pg3-analysis%'", database: "audit"), "1")
    XCTAssertEqual(try cluster.psql("SELECT count(*) FROM pg_constraint WHERE conname IN (\(cascades))", database: "audit"), "0")
    let fresh = try freshSampleIndex().report()
    XCTAssertEqual(comparableFindings(try old.report()), comparableFindings(fresh))

    // What the cascade did, the trigger does: a finding deleted by any
    // client takes its exposures and its links with it, and no other's.
    let linked = try cluster.psql(
      "SELECT messageRowId FROM findingLink WHERE messageRowId IN (SELECT messageRowId FROM exposure) LIMIT 1",
      database: "audit")
    XCTAssertFalse(linked.isEmpty)
    let counts = "SELECT (SELECT count(*) FROM exposure) || ' ' || (SELECT count(*) FROM findingLink)"
    let before = try cluster.psql(counts, database: "audit").split(separator: " ").compactMap { Int($0) }
    let own = try cluster.psql(
      """
      SELECT (SELECT count(*) FROM exposure WHERE messageRowId = \(linked)) || ' ' ||
        (SELECT count(*) FROM findingLink WHERE messageRowId = \(linked))
      """, database: "audit"
    ).split(separator: " ").compactMap { Int($0) }
    XCTAssertTrue(own.allSatisfy { $0 > 0 }, "\(own)")
    try cluster.psql("DELETE FROM finding WHERE messageRowId = \(linked)", database: "audit")
    let after = try cluster.psql(counts, database: "audit").split(separator: " ").compactMap { Int($0) }
    XCTAssertEqual(after, zip(before, own).map { $0 - $1 })

    // A full analysis clears every finding first: with an exposure left
    // behind, writing it again would break its primary key.
    let runId = try old.beginRun(paths: [])
    _ = try StoreAnalysis(policy: ExposurePolicy(), catalog: try testCatalog()).run(on: old, runId: runId, full: true)
    XCTAssertEqual(comparableFindings(try old.report()), comparableFindings(fresh))
    XCTAssertEqual(try cluster.psql(counts, database: "audit"), before.map(String.init).joined(separator: " "))
  }

  func testAnIndexFromReleaseAfa025dMigratesAndReportsTheSameFindings() throws {
    let cluster = try PostgresCluster.start(for: self)
    let address = try load("main-afa025d.sql", into: cluster)
    let dropped = "'message_firstrunid_fkey', 'location_firstrunid_fkey', 'location_messagerowid_fkey', 'exposure_addressid_fkey'"
    XCTAssertEqual(try cluster.psql("SELECT count(*) FROM pg_constraint WHERE conname IN (\(dropped))", database: "audit"), "4")

    let old = try PostgresIndex(address: address)
    XCTAssertEqual(
      try cluster.psql("SELECT count(*) FROM schemaMigration WHERE identifier LIKE 'pg2-store%'", database: "audit"), "1")
    XCTAssertEqual(try cluster.psql("SELECT count(*) FROM pg_constraint WHERE conname IN (\(dropped))", database: "audit"), "0")
    // The cascade a full analysis relies on stays, as a statement trigger
    // since pg3-analysis.
    XCTAssertEqual(
      try cluster.psql("SELECT count(*) FROM pg_trigger WHERE tgname = 'finding_deleted'", database: "audit"), "1")

    let (oldReport, freshReport) = (try old.report(), try freshSampleIndex().report())
    XCTAssertEqual(oldReport.findings.count, 27)
    XCTAssertEqual(comparableFindings(oldReport), comparableFindings(freshReport))
    XCTAssertEqual(oldReport.incidents.map(\.id).sorted(), freshReport.incidents.map(\.id).sorted())
    XCTAssertEqual(oldReport.exposedAddresses, freshReport.exposedAddresses)
    XCTAssertEqual(oldReport.totals, freshReport.totals)
  }

  /// An index a newer release migrated holds migrations this build does
  /// not know: it is refused, with their names, and nothing in it changes.
  func testAnIndexFromANewerReleaseIsRefusedAndLeftAsItWas() throws {
    let cluster = try PostgresCluster.start(for: self)
    let address = try load("main-afa025d.sql", into: cluster)
    _ = try PostgresIndex(address: address)
    try cluster.psql(
      "INSERT INTO schemaMigration (identifier, appliedAt) VALUES ('pg99-from-a-later-release', 'x')", database: "audit")
    let tables = "(SELECT count(*) FROM schemaMigration) || ' ' || (SELECT count(*) FROM finding) || ' ' || (SELECT count(*) FROM message)"
    let before = try cluster.psql("SELECT \(tables)", database: "audit")
    for creatingSchema in [true, false] {
      XCTAssertThrowsError(try PostgresIndex(address: address, creatingSchema: creatingSchema)) { error in
        XCTAssertEqual(
          error as? IndexError, .newerSchema(path: address.description, unknown: ["pg99-from-a-later-release"]))
      }
    }
    XCTAssertEqual(try cluster.psql("SELECT \(tables)", database: "audit"), before)
  }
}
