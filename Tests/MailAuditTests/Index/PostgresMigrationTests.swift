import Foundation
import XCTest

@testable import MailAudit

/// A PostgreSQL index written by an earlier release opens with this code,
/// migrates, and reports the same findings and incidents.
///
/// `Tests/Fixtures/postgres/main-afa025d.sql` is a `pg_dump` of the index the
/// release at afa025d wrote scanning `Samples/Sent.mbox`: the schema before
/// `pg2-store`, with the foreign keys that migration drops. Every later
/// PostgreSQL schema change adds a dump like it.
final class PostgresMigrationTests: XCTestCase {
  func testAnIndexFromReleaseAfa025dMigratesAndReportsTheSameFindings() throws {
    let cluster = try PostgresCluster.start(for: self)
    try cluster.psql("CREATE DATABASE audit")
    let dump = PackagePaths.fixtures.appendingPathComponent("postgres/main-afa025d.sql").path
    try PostgresCluster.run(
      "/usr/bin/env",
      ["psql", "-X", "-q", "-v", "ON_ERROR_STOP=1", "-h", cluster.socketFolder, "-p", String(cluster.port),
        "-U", "postgres", "-d", "audit", "-f", dump])
    let dropped = "'message_firstrunid_fkey', 'location_firstrunid_fkey', 'location_messagerowid_fkey', 'exposure_addressid_fkey'"
    XCTAssertEqual(try cluster.psql("SELECT count(*) FROM pg_constraint WHERE conname IN (\(dropped))", database: "audit"), "4")

    let old = try PostgresIndex(
      address: try PostgresIndexAddress(
        url: "postgresql://postgres@/audit?host=\(cluster.socketFolder)&port=\(cluster.port)", environment: [:]))
    XCTAssertEqual(
      try cluster.psql("SELECT count(*) FROM schemaMigration WHERE identifier LIKE 'pg2-store%'", database: "audit"), "1")
    XCTAssertEqual(try cluster.psql("SELECT count(*) FROM pg_constraint WHERE conname IN (\(dropped))", database: "audit"), "0")
    // The cascade a full analysis relies on stays.
    XCTAssertEqual(
      try cluster.psql("SELECT count(*) FROM pg_constraint WHERE conname = 'exposure_messagerowid_fkey'", database: "audit"), "1")

    let (oldReport, freshReport) = (try old.report(), try freshSampleIndex().report())
    XCTAssertEqual(oldReport.findings.count, 27)
    XCTAssertEqual(comparableFindings(oldReport), comparableFindings(freshReport))
    XCTAssertEqual(oldReport.incidents.map(\.id).sorted(), freshReport.incidents.map(\.id).sorted())
    XCTAssertEqual(oldReport.exposedAddresses, freshReport.exposedAddresses)
    XCTAssertEqual(oldReport.totals, freshReport.totals)
  }
}
