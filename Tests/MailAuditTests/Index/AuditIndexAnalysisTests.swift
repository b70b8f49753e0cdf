import Foundation
import GRDB
import XCTest

@testable import MailAudit

/// The SQLite analysis session writes with foreign-key checks off and, for a
/// full analysis, without the secondary indexes of the tables it rewrites:
/// what it leaves must be what the checks and the migrations would have.
final class AuditIndexAnalysisTests: XCTestCase {
  /// The schema as the migrations made it: every table, index and trigger
  /// with its SQL.
  static func schema(_ index: AuditIndex) throws -> [String] {
    try index.writer.read { db in
      try String.fetchAll(
        db,
        sql: """
          SELECT type || ' ' || name || ' ' || tbl_name || ' ' || COALESCE(sql, '') FROM sqlite_master
          WHERE name NOT LIKE 'sqlite_%' ORDER BY type, name
          """)
    }
  }

  /// Rows whose reference points nowhere, as `PRAGMA foreign_key_check` lists them.
  static func brokenReferences(_ index: AuditIndex) throws -> [String] {
    try index.writer.read { db in
      try Row.fetchAll(db, sql: "PRAGMA foreign_key_check").map { "\($0)" }
    }
  }

  /// Checks the references and the schema of `index` against a new one's.
  static func assertAsTheMigrationsLeftIt(
    _ index: AuditIndex, _ message: String, file: StaticString = #filePath, line: UInt = #line
  ) throws {
    XCTAssertEqual(try brokenReferences(index), [], message, file: file, line: line)
    XCTAssertEqual(try schema(index), try schema(try AuditIndex()), message, file: file, line: line)
  }

  func testFirstFullAndIncrementalAnalysesLeaveEveryReferenceAndIndexInPlace() throws {
    let folder = try temporaryFolder(self)
    let index = try AuditIndex(path: folder.appendingPathComponent("index.sqlite").path)
    let auditor = Auditor(index: index, policy: ExposurePolicy(), catalog: try testCatalog())
    let messages = try StoreAnalysisTests.messages(of: PackagePaths.sample)
    let first = folder.appendingPathComponent("first.mbox")
    try Data(messages[..<20].joined().utf8).write(to: first)
    let (_, firstOutcome) = try auditor.scan(paths: [first.path])
    XCTAssertEqual(firstOutcome.mode, .full(.first))
    try Self.assertAsTheMigrationsLeftIt(index, "after the first analysis")

    let rest = folder.appendingPathComponent("rest.mbox")
    try Data(messages[20...].joined().utf8).write(to: rest)
    let (_, restOutcome) = try auditor.scan(paths: [first.path, rest.path])
    guard case .incremental = restOutcome.mode else { return XCTFail("expected incremental, got \(restOutcome.mode)") }
    try Self.assertAsTheMigrationsLeftIt(index, "after an incremental analysis")
    let incremental = try StoreAnalysisTests.analysisRows(index)

    // A full analysis over stored findings clears their exposures and
    // links by hand: left behind, they would clash with the new rows or
    // outlive their findings.
    let full = try auditor.analyze(full: true)
    XCTAssertEqual(full.mode, .full(.first))
    XCTAssertEqual(full.findings, 27)
    try Self.assertAsTheMigrationsLeftIt(index, "after a full analysis over stored findings")
    XCTAssertEqual(try StoreAnalysisTests.analysisRows(index), incremental)
    let orphans = try index.writer.read { db in
      try Int.fetchOne(
        db,
        sql: """
          SELECT (SELECT COUNT(*) FROM exposure WHERE messageRowId NOT IN (SELECT messageRowId FROM finding))
            + (SELECT COUNT(*) FROM findingLink WHERE messageRowId NOT IN (SELECT messageRowId FROM finding))
            + (SELECT COUNT(*) FROM address WHERE id NOT IN (SELECT addressId FROM exposure))
          """)
    }
    XCTAssertEqual(orphans, 0)
  }

  func testAnAnalysisThatFailsLeavesTheRowsTheIndexesAndTheChecksAsTheyWere() throws {
    struct Stop: Error {}
    let index = try AuditIndex()
    _ = try Auditor(index: index, policy: ExposurePolicy(), catalog: try testCatalog())
      .scan(paths: [PackagePaths.sample.path])
    let rows = try StoreAnalysisTests.analysisRows(index)
    XCTAssertFalse(rows.isEmpty)
    XCTAssertThrowsError(
      try index.withAnalysisSession { session in
        try session.clearFindings()
        throw Stop()
      })
    XCTAssertEqual(try StoreAnalysisTests.analysisRows(index), rows)
    try Self.assertAsTheMigrationsLeftIt(index, "after a failed analysis")
    // The connection checks foreign keys again once the session is over.
    XCTAssertThrowsError(
      try index.writer.write { db in
        try db.execute(
          sql: "INSERT INTO exposure (messageRowId, recipientIndex, addressId, exposedTo) VALUES (999999, 0, 999999, 1)")
      })
  }

  /// The analysis runs with a page cache of 512 KiB (it reads each
  /// message once and appends its rows) and gives the connection its own
  /// cache back, whether it commits or fails.
  func testAnAnalysisRunsWithASmallPageCacheAndGivesTheConnectionItsOwnBack() throws {
    struct Stop: Error {}
    let index = try AuditIndex(path: try temporaryFolder(self).appendingPathComponent("index.sqlite").path)
    func cacheSize() throws -> Int { try index.writer.write { db in try Int.fetchOne(db, sql: "PRAGMA cache_size") ?? 0 } }
    let own = try cacheSize()
    XCTAssertNotEqual(own, -512)
    var during = 0
    try index.withAnalysisSession { session in
      during = try Int.fetchOne(try XCTUnwrap(session as? SQLiteAnalysisSession).db, sql: "PRAGMA cache_size") ?? 0
    }
    XCTAssertEqual(during, -512)
    XCTAssertEqual(try cacheSize(), own)
    XCTAssertThrowsError(try index.withAnalysisSession { _ in throw Stop() })
    XCTAssertEqual(try cacheSize(), own)
  }

  /// The analysis' commit does not checkpoint (the checkpoint is queued
  /// behind it, so the run's next reads go on beside it): automatic
  /// checkpoints are off during the transaction and back after it,
  /// whether it commits or fails.
  func testAnAnalysisCommitsWithoutCheckpointingAndGivesTheConnectionItsCheckpointsBack() throws {
    struct Stop: Error {}
    let index = try AuditIndex(path: try temporaryFolder(self).appendingPathComponent("index.sqlite").path)
    func autocheckpoint() throws -> Int {
      try index.writer.write { db in try Int.fetchOne(db, sql: "PRAGMA wal_autocheckpoint") ?? 0 }
    }
    let own = try autocheckpoint()
    XCTAssertGreaterThan(own, 0)
    var during = -1
    try index.withAnalysisSession { session in
      let db = try XCTUnwrap(session as? SQLiteAnalysisSession).db
      during = try Int.fetchOne(db, sql: "PRAGMA wal_autocheckpoint") ?? -1
    }
    XCTAssertEqual(during, 0)
    XCTAssertEqual(try autocheckpoint(), own)
    XCTAssertThrowsError(try index.withAnalysisSession { _ in throw Stop() })
    XCTAssertEqual(try autocheckpoint(), own)
  }

  /// Letting an index go waits for the writes left on its writer's queue
  /// (the checkpoint after an analysis): then it closes whole, its WAL
  /// copied in and removed, and opens again with every finding.
  func testAnIndexLetGoWaitsForItsQueuedWritesAndClosesWithItsWALRemoved() throws {
    final class Holder: @unchecked Sendable { var index: AuditIndex? }
    let path = try temporaryFolder(self).appendingPathComponent("index.sqlite").path
    let holder = Holder()
    holder.index = try AuditIndex(path: path)
    let findings = try Auditor(index: XCTUnwrap(holder.index), policy: ExposurePolicy(), catalog: testCatalog())
      .scan(paths: [PackagePaths.sample.path]).1.findings
    XCTAssertGreaterThan(findings, 0)
    XCTAssertTrue(FileManager.default.fileExists(atPath: path + "-wal"), "open, the index writes ahead")
    // A write held on the writer's queue, as the analysis' checkpoint may be
    // when the run ends.
    let gate = DispatchSemaphore(value: 0)
    try XCTUnwrap(holder.index).writer.asyncWriteWithoutTransaction { _ in gate.wait() }
    let letGo = DispatchSemaphore(value: 0)
    DispatchQueue.global().async {
      holder.index = nil
      letGo.signal()
    }
    XCTAssertEqual(letGo.wait(timeout: .now() + 0.3), .timedOut, "letting go waits for the queued write")
    gate.signal()
    XCTAssertEqual(letGo.wait(timeout: .now() + 30), .success)
    XCTAssertFalse(FileManager.default.fileExists(atPath: path + "-wal"))
    XCTAssertFalse(FileManager.default.fileExists(atPath: path + "-shm"))
    XCTAssertEqual(try AuditIndex(path: path).totals().findings, findings)
  }

  /// A full analysis writes address rows under the numbers its grouping
  /// gave them; a number that skips the next new row would put exposures
  /// on the wrong address, with the unique index away, so it stops the
  /// analysis and leaves the index as it was.
  func testAnAddressNumberedOutOfOrderStopsAFullAnalysis() throws {
    let index = try AuditIndex()
    _ = try Auditor(index: index, policy: ExposurePolicy(), catalog: try testCatalog())
      .scan(paths: [PackagePaths.sample.path])
    let rows = try StoreAnalysisTests.analysisRows(index)
    func exposed(_ address: String, at index: Int) -> ExposedAddress {
      ExposedAddress(
        address: address, displayName: nil, party: "acme.example", personal: false, exposedTo: 1, recipientIndex: index)
    }
    let finding = ExposureFinding(
      messageKey: "k", severity: .low, reply: false, visibleRecipients: 3,
      exposed: [exposed("a@acme.example", at: 0), exposed("b@acme.example", at: 1)], parties: 1)
    XCTAssertThrowsError(
      try index.withAnalysisSession { session in
        try session.clearFindings()
        try session.insertFinding(rowId: 1, finding, incidentId: "", links: [], addressRows: [1, 3])
      }
    ) { error in
      guard case IndexError.corrupt(table: "address", row: 3, _) = error else { return XCTFail("\(error)") }
    }
    XCTAssertEqual(try StoreAnalysisTests.analysisRows(index), rows)
    // In order, the same rows go in, each address once.
    try index.withAnalysisSession { session in
      try session.clearFindings()
      try session.insertFinding(rowId: 1, finding, incidentId: "", links: [], addressRows: [1, 2])
      try session.insertFinding(rowId: 2, finding, incidentId: "", links: [], addressRows: [1, 2])
    }
    let addresses = try index.writer.read { db in
      try Row.fetchAll(db, sql: "SELECT id, address FROM address ORDER BY id").map { "\($0["id"] as Int64) \($0["address"] as String)" }
    }
    XCTAssertEqual(addresses, ["1 a@acme.example", "2 b@acme.example"])
    try Self.assertAsTheMigrationsLeftIt(index, "after a full analysis with numbered addresses")
  }

  /// A full analysis' bulk writes end before its incidents are stored:
  /// finishing them builds the dropped indexes there and then (while the
  /// grouping runs on another thread), the incidents are written beside
  /// the built indexes, and the session's end has nothing left to build.
  func testFinishingTheBulkWritesBuildsTheDroppedIndexesOnceBeforeTheIncidents() throws {
    let index = try AuditIndex()
    _ = try Auditor(index: index, policy: ExposurePolicy(), catalog: try testCatalog())
      .scan(paths: [PackagePaths.sample.path])
    let complete = try Self.schema(index)
    func indexes(_ db: Database) throws -> [String] {
      try String.fetchAll(
        db, sql: "SELECT name FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL ORDER BY name")
    }
    var cleared: [String] = []
    var finished: [String] = []
    try index.withAnalysisSession { session in
      let db = try XCTUnwrap(session as? SQLiteAnalysisSession).db
      try session.clearFindings()
      cleared = try indexes(db)
      try session.finishBulkWrites()
      finished = try indexes(db)
      try session.finishBulkWrites()
      XCTAssertEqual(try indexes(db), finished)
    }
    let rebuilt = [
      "address_on_address", "exposure_on_addressId", "findingLink_on_messageRowId", "finding_on_incidentId",
    ]
    for dropped in rebuilt {
      XCTAssertFalse(cleared.contains(dropped), dropped)
      XCTAssertTrue(finished.contains(dropped), dropped)
    }
    XCTAssertEqual(try Self.schema(index), complete)
    XCTAssertEqual(try Self.brokenReferences(index), [])
  }
}
