import Foundation
import GRDB
import XCTest

@testable import MailAudit

/// A scan's WAL checkpoints run beside the writer (``ScanCheckpoints``):
/// the writer makes none while the scan's batches are stored, and has its
/// own back once they are.
final class ScanCheckpointsTests: XCTestCase {
  /// With the writer's limit at one page, every batch's commit passes it:
  /// each asks for a checkpoint here, and the index comes out whole.
  func testAScansBatchesAreCheckpointedBesideTheWriterWhichGetsItsOwnBack() throws {
    let folder = try temporaryFolder(self)
    let maildir = try FirstScanBatchTests.maildirWithLocationsMetTwice(in: folder)
    let path = folder.appendingPathComponent("index.sqlite").path
    do {
      let index = try AuditIndex(path: path)
      let checkpoints = try XCTUnwrap(index.scanCheckpoints)
      try index.writer.writeWithoutTransaction { db in try db.execute(sql: "PRAGMA wal_autocheckpoint = 1") }

      let (scan, _) = try Auditor(index: index, policy: ExposurePolicy(), catalog: try testCatalog())
        .scan(paths: [maildir.path], batchSize: 10)

      XCTAssertEqual(scan.counts.messagesSeen, 55)
      XCTAssertGreaterThan(checkpoints.checkpointsMade, 0)
      XCTAssertEqual(try index.integrityCheck(), "ok")
      try index.writer.writeWithoutTransaction { db in
        XCTAssertEqual(try Int.fetchOne(db, sql: "PRAGMA wal_autocheckpoint"), 1)
      }
      // The same rows as a scan whose writer checkpointed itself: an index
      // in memory has no WAL, and so no checkpoints beside it.
      let inMemory = try AuditIndex()
      XCTAssertNil(inMemory.scanCheckpoints)
      _ = try Auditor(index: inMemory, policy: ExposurePolicy(), catalog: try testCatalog())
        .scan(paths: [maildir.path], batchSize: 10)
      XCTAssertEqual(try FirstScanBatchTests.rowsWithIds(index), try FirstScanBatchTests.rowsWithIds(inMemory))
    }
    // Closed, the index leaves no WAL behind for the next command to read.
    XCTAssertFalse(FileManager.default.fileExists(atPath: path + "-wal"))
  }

  /// A checkpoint asked for while none runs is made; the writer's
  /// checkpoints are given back however often the scan ends.
  func testEndingTwiceOrWithoutABeginningChangesNothing() throws {
    let folder = try temporaryFolder(self)
    let index = try AuditIndex(path: folder.appendingPathComponent("index.sqlite").path)
    let checkpoints = try XCTUnwrap(index.scanCheckpoints)
    try index.writer.writeWithoutTransaction { db in
      try checkpoints.end(db)
      try checkpoints.begin(db)
      try checkpoints.begin(db)
      checkpoints.committed()
      try checkpoints.end(db)
      try checkpoints.end(db)
      XCTAssertEqual(try Int.fetchOne(db, sql: "PRAGMA wal_autocheckpoint"), 1000)
    }
    XCTAssertEqual(checkpoints.checkpointsMade, 1)
  }
}
