import Foundation
import GRDB
import XCTest

@testable import MailAudit

/// A new index is made from `Resources/index-schema.sql` in one
/// transaction; it must be exactly what the migrations make.
final class IndexSchemaSnapshotTests: XCTestCase {
  /// Fails when a migration changed or was added without the snapshot
  /// being written again, and writes the snapshot the migrations make now
  /// for the failure to name.
  func testANewIndexMadeFromTheSnapshotIsWhatTheMigrationsMake() throws {
    let migrated = try DatabaseQueue()
    try IndexSchema.migrator.migrate(migrated)
    let snapshot = try XCTUnwrap(IndexSchema.Snapshot.bundled, "Resources/index-schema.sql is not in the bundle")
    let made = try DatabaseQueue()
    XCTAssertTrue(try IndexSchema.createFromSnapshot(made, snapshot: snapshot))
    if try Self.schema(made) != Self.schema(migrated) || Self.rows(made) != Self.rows(migrated)
      || snapshot.migrations != IndexSchema.migrator.migrations
    {
      let url = FileManager.default.temporaryDirectory.appendingPathComponent("index-schema.sql")
      try Self.render(migrated).write(to: url, atomically: true, encoding: .utf8)
      XCTFail("Sources/MailAudit/Resources/index-schema.sql is not what the migrations make: replace it with "
        + url.path)
    }
    try IndexSchema.migrator.migrate(made)
    XCTAssertEqual(try Self.schema(made), try Self.schema(migrated))
    XCTAssertEqual(try Self.rows(made), try Self.rows(migrated))
    XCTAssertEqual(try Self.applied(made), IndexSchema.migrator.migrations)
  }

  /// A snapshot that stands for the first migrations only (one that fell
  /// behind) is made, and the migrations after it run as on any index.
  func testASnapshotBehindTheMigrationsIsFollowedByTheRest() throws {
    let upTo = "v4-index: grouping links and run lookups"
    let old = try DatabaseQueue()
    try IndexSchema.migrator.migrate(old, upTo: upTo)
    let snapshot = IndexSchema.Snapshot(text: try Self.render(old))
    XCTAssertEqual(snapshot.migrations.last, upTo)
    XCTAssertLessThan(snapshot.migrations.count, IndexSchema.migrator.migrations.count)

    let made = try DatabaseQueue()
    XCTAssertTrue(try IndexSchema.createFromSnapshot(made, snapshot: snapshot))
    try IndexSchema.migrator.migrate(made)
    let migrated = try DatabaseQueue()
    try IndexSchema.migrator.migrate(migrated)
    XCTAssertEqual(try Self.schema(made), try Self.schema(migrated))
    XCTAssertEqual(try Self.rows(made), try Self.rows(migrated))
  }

  /// Only an empty database is made from the snapshot: an index that has
  /// a schema (an older release's, or another process's that made it
  /// first) is left to the migrations. So is a snapshot whose migrations
  /// are not the migrator's first.
  func testOnlyAnEmptyDatabaseIsMadeFromASnapshotOfTheseMigrations() throws {
    let snapshot = try XCTUnwrap(IndexSchema.Snapshot.bundled)
    let existing = try DatabaseQueue()
    try IndexSchema.migrator.migrate(existing, upTo: "v1: runs, messages, locations, problems, findings")
    let before = try Self.schema(existing)
    XCTAssertFalse(try IndexSchema.createFromSnapshot(existing, snapshot: snapshot))
    XCTAssertEqual(try Self.schema(existing), before)

    var foreign = snapshot
    foreign.migrations[0] = "v1: something else"
    let empty = try DatabaseQueue()
    XCTAssertFalse(try IndexSchema.createFromSnapshot(empty, snapshot: foreign))
    XCTAssertEqual(try Self.schema(empty), [])
  }

  /// An index opened at a new path is made from the snapshot: its schema
  /// rows are numbered without a gap, where the migrations leave gaps for
  /// the tables they rebuilt and dropped.
  func testANewIndexOnDiskIsMadeFromTheSnapshot() throws {
    let folder = try temporaryFolder(self)
    let index = try AuditIndex(path: folder.appendingPathComponent("new.sqlite").path)
    let (count, last) = try index.writer.read { db in
      (try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM sqlite_master") ?? 0,
       try Int.fetchOne(db, sql: "SELECT MAX(rowid) FROM sqlite_master") ?? 0)
    }
    XCTAssertEqual(count, last)
    let migrated = try DatabaseQueue()
    try IndexSchema.migrator.migrate(migrated)
    let gapped = try migrated.read { db in
      (try Int.fetchOne(db, sql: "SELECT MAX(rowid) - COUNT(*) FROM sqlite_master") ?? 0)
    }
    XCTAssertGreaterThan(gapped, 0, "the migrations no longer leave gaps: this test no longer tells the paths apart")
    XCTAssertEqual(try index.writer.read { db in try Self.schemaRows(db) }, try Self.schema(migrated))
    XCTAssertEqual(try index.writer.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM maskingKey") }, 1)
  }

  /// An index that has its schema opens while another connection holds
  /// the write lock (a scan's analysis): telling it from a new one takes
  /// no lock. Before, every open waited for the lock, and failed after the
  /// busy timeout.
  func testAnExistingIndexOpensWhileAnotherConnectionWrites() throws {
    let path = try temporaryFolder(self).appendingPathComponent("index.sqlite").path
    _ = try AuditIndex(path: path)
    let other = try DatabaseQueue(path: path)
    try other.writeWithoutTransaction { db in
      // A write first, as a scan's batches are: GRDB's own open takes the
      // lock to write once when the write-ahead log is empty.
      try db.execute(sql: "CREATE TABLE scratch (x); DROP TABLE scratch")
      try db.execute(sql: "BEGIN IMMEDIATE")
      defer { try? db.execute(sql: "ROLLBACK") }
      let started = Date()
      let index = try AuditIndex(path: path)
      XCTAssertLessThan(Date().timeIntervalSince(started), 2, "opening waited for the write lock")
      XCTAssertEqual(try index.writer.read { db in try IndexSchema.migrator.appliedIdentifiers(db) }.count,
        IndexSchema.migrator.migrations.count)
    }
  }

  // MARK: Reading a schema

  /// Every table, index, view and trigger, by type and name.
  static func schema(_ db: some DatabaseReader) throws -> [[String?]] {
    try db.read { db in try schemaRows(db) }
  }

  static func schemaRows(_ db: Database) throws -> [[String?]] {
    try Row.fetchAll(db, sql: "SELECT type, name, tbl_name, sql FROM sqlite_master ORDER BY type, name").map {
      [$0[0], $0[1], $0[2], $0[3]]
    }
  }

  /// The rows of every table, by table; the masking key counted, not
  /// compared (it is random).
  static func rows(_ db: some DatabaseReader) throws -> [String: [String]] {
    try db.read { db in
      var rows: [String: [String]] = [:]
      let tables = try String.fetchAll(
        db, sql: "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
      for table in tables {
        rows[table] =
          table == "maskingKey"
          ? ["\(try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM maskingKey") ?? 0) key(s)"]
          : try Row.fetchAll(db, sql: "SELECT * FROM \"\(table)\" ORDER BY 1").map(\.description)
      }
      return rows
    }
  }

  /// The migrations recorded as applied, in the order applied.
  static func applied(_ db: some DatabaseReader) throws -> [String] {
    try db.read { db in try String.fetchAll(db, sql: "SELECT identifier FROM grdb_migrations ORDER BY rowid") }
  }

  /// The snapshot file for the schema of `db` (made by the migrations).
  static func render(_ db: some DatabaseReader) throws -> String {
    let migrations = try applied(db)
    let statements = try db.read { db in
      try String.fetchAll(
        db,
        sql: """
          SELECT sql FROM sqlite_master WHERE sql IS NOT NULL AND name NOT LIKE 'sqlite%' ORDER BY rowid
          """)
    }
    let header = [
      "-- The schema IndexSchema.migrator makes of an empty index, written out so that a",
      "-- new index is made in one transaction (IndexSchema+Snapshot.swift). It stands",
      "-- for these migrations, in order:",
    ]
    let footer = [
      "--",
      "-- Do not edit by hand: IndexSchemaSnapshotTests writes it again when the",
      "-- migrations change, and fails until it is replaced.",
      "",
    ]
    // The migrations' table rebuilds leave AUTOINCREMENT counters (at 0
    // in an empty index); made alike, the two are equal row for row.
    let counters = try db.read { db in
      try Row.fetchAll(db, sql: "SELECT name, seq FROM sqlite_sequence ORDER BY rowid").map { row in
        "INSERT INTO sqlite_sequence (name, seq) VALUES ('\(row[0] as String)', \(row[1] as Int64))"
      }
    }
    let lines = header + migrations.map { IndexSchema.Snapshot.migrationLine + $0 } + footer
    return (lines + (statements + counters).map { $0 + ";" }).joined(separator: "\n") + "\n"
  }
}
