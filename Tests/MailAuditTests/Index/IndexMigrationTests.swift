import Foundation
import GRDB
import XCTest

@testable import MailAudit

/// An index written by an earlier release opens with this code, migrates,
/// and reports the same findings and incidents with its follow-ups kept.
///
/// `Tests/Fixtures/index/main-dc56180.sqlite` was written by the release at
/// commit dc56180 (`mailaudit audit Sent.mbox` on `Samples/Sent.mbox` in a
/// folder of its own, then one `followup ... deleted`; checkpointed and
/// vacuumed). Every later schema change adds a fixture like it.
final class IndexMigrationTests: XCTestCase {
  func testAnIndexFromReleaseDc56180MigratesAndReportsTheSameFindings() throws {
    try checkMigrates("index/main-dc56180.sqlite")
  }

  /// The last release before the index rebuild (v4-v7): lean exposures,
  /// grouping links, the follow-up trail and owners all migrate onto it.
  func testAnIndexFromRelease88186eaMigratesAndReportsTheSameFindings() throws {
    try checkMigrates("index/main-88186ea.sqlite")
  }

  /// The last release before v8 (an address index a full analysis can drop
  /// and build again; no index of locations by file).
  func testAnIndexFromRelease90d8ab3MigratesAndReportsTheSameFindings() throws {
    try checkMigrates("index/main-90d8ab3.sqlite")
  }

  /// The last release before v9 (severity checks as comparisons).
  func testAnIndexFromRelease9a610c9MigratesAndReportsTheSameFindings() throws {
    try checkMigrates("index/main-9a610c9.sqlite")
  }

  /// The last release before v10 (message keys unique by an index of their
  /// own).
  func testAnIndexFromRelease0dc616fMigratesAndReportsTheSameFindings() throws {
    try checkMigrates("index/main-0dc616f.sqlite")
  }

  /// v10 writes the message table again: every message keeps its id and
  /// row, the next message takes the id after the last one ever given, and
  /// a key stored twice is still refused.
  func testMessageKeysMigrateToAnIndexOfTheirOwnWithIdsAndSequenceKept() throws {
    let folder = try temporaryFolder(self)
    let copy = folder.appendingPathComponent("old.sqlite")
    try FileManager.default.copyItem(
      at: PackagePaths.fixtures.appendingPathComponent("index/main-0dc616f.sqlite"), to: copy)
    func messages(_ db: Database) throws -> [Row] { try Row.fetchAll(db, sql: "SELECT * FROM message ORDER BY id") }
    func sequence(_ db: Database) throws -> Int64? {
      try Int64.fetchOne(db, sql: "SELECT seq FROM sqlite_sequence WHERE name = 'message'")
    }
    let (before, sequenceBefore) = try DatabaseQueue(path: copy.path).write { db in
      // As if the last ids given had been taken back: the sequence, not
      // the last row, says which id comes next.
      try db.execute(sql: "UPDATE sqlite_sequence SET seq = seq + 5 WHERE name = 'message'")
      return (try messages(db), try sequence(db))
    }
    XCTAssertEqual(before.count, 33)
    XCTAssertGreaterThan(try XCTUnwrap(sequenceBefore), try XCTUnwrap(before.map { $0["id"] as Int64 }.max()) + 4)
    let migrated = try AuditIndex(path: copy.path)
    try migrated.writer.writeWithoutTransaction { db in
      XCTAssertEqual(try messages(db), before)
      XCTAssertEqual(try sequence(db), sequenceBefore)
      XCTAssertTrue(try db.indexes(on: "message").contains { $0.name == IndexSchema.messageKeyIndex && $0.isUnique })
      let first = try XCTUnwrap(before.first)
      try db.execute(sql: "PRAGMA foreign_keys = OFF")
      defer { try? db.execute(sql: "PRAGMA foreign_keys = ON") }
      let insert = """
        INSERT INTO message (key, headerSHA256, recipients, visibleCount, bccCount, firstRunId)
        VALUES (?, 'x', '', 0, 0, 1)
        """
      XCTAssertThrowsError(try db.execute(sql: insert, arguments: [first["key"] as String]))
      try db.execute(sql: insert, arguments: ["new@x.example"])
      XCTAssertEqual(db.lastInsertedRowID, try XCTUnwrap(sequenceBefore) + 1)
    }
  }

  /// v9: migrated or new, findings and incidents check their severity by
  /// comparison (an `IN` list of four built a temporary B-tree for every
  /// row inserted), and still refuse a severity that is not one.
  func testSeverityChecksCompareWithoutATemporaryTableAndStillRefuseUnknownValues() throws {
    let folder = try temporaryFolder(self)
    let copy = folder.appendingPathComponent("old.sqlite")
    try FileManager.default.copyItem(
      at: PackagePaths.fixtures.appendingPathComponent("index/main-9a610c9.sqlite"), to: copy)
    let migrated = try AuditIndex(path: copy.path)
    let fresh = try AuditIndex(path: folder.appendingPathComponent("new.sqlite").path)
    func definitions(_ index: AuditIndex) throws -> [String] {
      try index.writer.read { db in
        try String.fetchAll(db, sql: "SELECT sql FROM sqlite_master WHERE name IN ('finding', 'incident') ORDER BY name")
      }
    }
    XCTAssertEqual(try definitions(migrated), try definitions(fresh))
    for index in [migrated, fresh] {
      XCTAssertFalse(try definitions(index).joined().contains("IN ('low'"))
      // Rows without their message: the checks under test are not the
      // foreign keys, which cannot be turned off inside a transaction.
      try index.writer.writeWithoutTransaction { db in
        let inserts = [
          "INSERT INTO finding (messageRowId, severity, reply, visibleRecipients, externalRecipients, parties, "
            + "personalCount, incidentId) VALUES (?, ?, 0, 2, 2, 2, 0, 'INC-x')",
          "INSERT INTO incident (id, people, personalCount, parties, messages, severity) VALUES (?, 2, 0, 2, 1, ?)",
        ]
        for sql in inserts {
          let opcodes = try Row.fetchAll(db, sql: "EXPLAIN " + sql, arguments: [1, "low"]).map { $0["opcode"] as String }
          XCTAssertFalse(opcodes.contains("OpenEphemeral"), sql)
        }
        try db.execute(sql: "PRAGMA foreign_keys = OFF")
        defer { try? db.execute(sql: "PRAGMA foreign_keys = ON") }
        for (row, severity) in ["low", "medium", "high", "critical"].enumerated() {
          try db.execute(sql: inserts[0], arguments: [1_000 + row, severity])
          try db.execute(sql: inserts[1], arguments: ["INC-check-\(row)", severity])
        }
        XCTAssertThrowsError(try db.execute(sql: inserts[0], arguments: [2_000, "severe"]))
        XCTAssertThrowsError(try db.execute(sql: inserts[1], arguments: ["INC-check-x", "Low"]))
      }
    }
  }

  /// A new index is made of 8 KiB pages; one made of 4 KiB pages by an
  /// earlier release keeps them (SQLite changes the size only of an empty
  /// file) and is read and written as before.
  func testANewIndexHasEightKibibytePagesAndAnOldOneKeepsItsOwn() throws {
    func pageSize(_ index: AuditIndex) throws -> Int {
      try index.writer.read { db in try Int.fetchOne(db, sql: "PRAGMA page_size") ?? 0 }
    }
    let folder = try temporaryFolder(self)
    let new = try AuditIndex(path: folder.appendingPathComponent("new.sqlite").path)
    _ = try Auditor(index: new, policy: ExposurePolicy(), catalog: try testCatalog()).scan(paths: [PackagePaths.sample.path])
    XCTAssertEqual(try pageSize(new), 8192)

    let copy = folder.appendingPathComponent("old.sqlite")
    try FileManager.default.copyItem(at: PackagePaths.fixtures.appendingPathComponent("index/main-90d8ab3.sqlite"), to: copy)
    let old = try AuditIndex(path: copy.path)
    XCTAssertEqual(try pageSize(old), 4096)
    _ = try Auditor(index: old, policy: ExposurePolicy(), catalog: try testCatalog()).analyze(full: true)
    XCTAssertEqual(try pageSize(old), 4096)
    XCTAssertEqual(comparableFindings(try old.report()), comparableFindings(try new.report()))
  }

  /// An index a newer release migrated holds migrations this build does
  /// not know. GRDB would migrate around them; the index is refused, with
  /// their names, and its schema and rows are left as they were. (Not its
  /// bytes: opening any index in WAL mode, GRDB creates and drops a table
  /// to make sure the WAL exists.)
  func testAnIndexFromANewerReleaseIsRefusedAndLeftAsItWas() throws {
    let folder = try temporaryFolder(self)
    let path = folder.appendingPathComponent("newer.sqlite").path
    _ = try Auditor(index: try AuditIndex(path: path), policy: ExposurePolicy(), catalog: try testCatalog())
      .scan(paths: [PackagePaths.sample.path])
    try AuditIndex(path: path).writer.write { db in
      try db.execute(sql: "INSERT INTO grdb_migrations (identifier) VALUES ('v99: from a later release')")
    }
    func contents() throws -> [String] {
      let queue = try DatabaseQueue(path: path)
      return try queue.read { db in
        try String.fetchAll(db, sql: "SELECT identifier FROM grdb_migrations ORDER BY identifier")
          + String.fetchAll(db, sql: "SELECT type || ' ' || name || ' ' || COALESCE(sql, '') FROM sqlite_master ORDER BY name")
          + String.fetchAll(db, sql: "SELECT count(*) || ' ' || group_concat(key) FROM message")
          + String.fetchAll(db, sql: "SELECT count(*) || ' ' || sum(externalRecipients) FROM finding")
      }
    }
    let before = try contents()
    XCTAssertTrue(before.contains("v99: from a later release"))
    XCTAssertThrowsError(try AuditIndex(path: path)) { error in
      XCTAssertEqual(error as? IndexError, .newerSchema(path: path, unknown: ["v99: from a later release"]))
      XCTAssertEqual(
        (error as? LocalizedError)?.errorDescription,
        "the index \(path) was written by a newer mailaudit (schema changes this version does not know: "
          + "v99: from a later release); open it with that version or a later one")
    }
    XCTAssertEqual(try contents(), before)
  }

  /// Opens a copy of `fixture` (the sample audited, then one follow-up
  /// recorded as deleted in the largest incident) and compares it with a
  /// fresh index of the sample.
  func checkMigrates(_ fixture: String) throws {
    let folder = try temporaryFolder(self)
    let copy = folder.appendingPathComponent("old.sqlite")
    try FileManager.default.copyItem(at: PackagePaths.fixtures.appendingPathComponent(fixture), to: copy)
    let old = try AuditIndex(path: copy.path)
    let migrations = try old.writer.read { db in try String.fetchAll(db, sql: "SELECT identifier FROM grdb_migrations") }
    XCTAssertTrue(migrations.contains("v1: runs, messages, locations, problems, findings"))
    let oldReport = try old.report()

    let fresh = try freshSampleIndex()
    let freshReport = try fresh.report()
    XCTAssertEqual(oldReport.findings.count, 27)
    XCTAssertEqual(comparableFindings(oldReport), comparableFindings(freshReport))
    XCTAssertEqual(oldReport.incidents.map(\.id).sorted(), freshReport.incidents.map(\.id).sorted())

    // Migrated to the lean schema (addresses once, display names read from
    // the recipients) and not yet analysed again, the notification list and
    // the people of an incident are as a fresh index gives them.
    XCTAssertEqual(oldReport.exposedAddresses, freshReport.exposedAddresses)
    XCTAssertEqual(oldReport.totals, freshReport.totals)
    let largest = try XCTUnwrap(freshReport.incidents.first?.id)
    XCTAssertEqual(try old.incidentDetail(id: largest)?.persons.map(\.displayName),
                   try fresh.incidentDetail(id: largest)?.persons.map(\.displayName))
    XCTAssertGreaterThan(oldReport.exposedAddresses.filter { $0.displayName != nil }.count, 100)

    // The follow-up recorded by the old release still counts.
    let detail = try XCTUnwrap(try old.incidentDetail(id: "INC-a85b194396"))
    XCTAssertEqual(detail.followUps.deleted, 1)
    XCTAssertEqual(detail.people, 120)

    // Migrated, it has the tables and indexes of a new index, and a full
    // analysis (which drops and rebuilds some of them) leaves it so.
    XCTAssertEqual(try Self.tablesAndIndexes(old), try Self.tablesAndIndexes(fresh))
    let reanalysed = try Auditor(index: old, policy: ExposurePolicy(), catalog: try testCatalog()).analyze(full: true)
    XCTAssertEqual(reanalysed.findings, 27)
    XCTAssertEqual(try Self.tablesAndIndexes(old), try Self.tablesAndIndexes(fresh))
    XCTAssertEqual(try AuditIndexAnalysisTests.brokenReferences(old), [])
    XCTAssertEqual(comparableFindings(try old.report()), comparableFindings(freshReport))
  }

  /// Every table and index by type, name and table (SQLite's own indexes
  /// for UNIQUE constraints included).
  static func tablesAndIndexes(_ index: AuditIndex) throws -> [String] {
    try index.writer.read { db in
      try String.fetchAll(
        db,
        sql: """
          SELECT type || ' ' || name || ' ' || tbl_name FROM sqlite_master
          WHERE name != 'sqlite_sequence' AND name != 'sqlite_stat1' ORDER BY type, name
          """)
    }
  }
}
