import GRDB
import MailParsing
import XCTest

@testable import MailAudit

/// Batches parsed and stored behind the reader (``ScanRun/flush(state:overlapping:)``)
/// commit in the order read, and none commits after one that failed.
final class BatchPipelineTests: XCTestCase {
  /// The sample's message keys in the order the mbox holds them, each
  /// once (its last message repeats an earlier one).
  func sampleKeys() throws -> [String] {
    var keys: [String] = []
    try MboxReader(path: PackagePaths.sample.path).forEachEvent { event in
      if case .message(let raw) = event {
        let key = ScanDriver.read(raw).0.message.key
        if !keys.contains(key) { keys.append(key) }
      }
    }
    return keys
  }

  /// Where each of the sample's messages ends in the file, in order.
  func sampleEnds() throws -> [UInt64] {
    var ends: [UInt64] = []
    try MboxReader(path: PackagePaths.sample.path).forEachEvent { event in
      if case .message(let raw) = event { ends.append(raw.location.offset + (raw.location.length ?? 0)) }
    }
    return ends
  }

  func storedKeys(_ index: AuditIndex) throws -> [String] {
    try index.writer.read { db in try String.fetchAll(db, sql: "SELECT key FROM message ORDER BY id") }
  }

  /// Two messages a batch: up to two batches are parsed and stored while
  /// the reader reads the next, and the rows come out numbered in the
  /// order read, as one batch numbers them.
  func testBatchesStoredBehindTheReaderCommitInTheOrderRead() throws {
    let folder = try temporaryFolder(self)
    let keys = try sampleKeys()
    XCTAssertEqual(keys.count, 33)
    var stored: [[String]] = []
    for batchSize in [2, 3, 10_000] {
      let index = try AuditIndex(path: folder.appendingPathComponent("batches-\(batchSize).sqlite").path)
      let result = try ScanDriver(index: index, catalog: try testCatalog(), batchSize: batchSize)
        .scan(paths: [PackagePaths.sample.path])
      XCTAssertEqual(result.counts.newMessages, 33)
      stored.append(try storedKeys(index))
    }
    XCTAssertEqual(stored[0], keys)
    XCTAssertEqual(stored[1], keys)
    XCTAssertEqual(stored[2], keys)
  }

  /// The fourth batch fails to commit while the fifth is already handed
  /// to a worker behind it: the scan fails with that batch's error, the
  /// three batches before it stay committed with the state that says where
  /// the third ended, the run counts their messages, and nothing read
  /// after them is stored.
  func testABatchThatFailsEndsTheScanAndNoLaterBatchIsStored() throws {
    let folder = try temporaryFolder(self)
    let keys = try sampleKeys()
    let index = try AuditIndex(path: folder.appendingPathComponent("failing.sqlite").path)
    // A trigger takes no bound values; the key is plain text of the sample.
    XCTAssertFalse(keys[6].contains("'"))
    try index.writer.write { db in
      try db.execute(
        sql: """
          CREATE TEMP TRIGGER fail_seventh BEFORE INSERT ON main.message WHEN NEW.key = '\(keys[6])'
          BEGIN SELECT RAISE(ABORT, 'the disk is full (test)'); END
          """)
    }
    XCTAssertThrowsError(
      try ScanDriver(index: index, catalog: try testCatalog(), batchSize: 2).scan(paths: [PackagePaths.sample.path])
    ) { error in
      XCTAssertTrue("\(error)".contains("the disk is full (test)"), "\(error)")
    }
    XCTAssertEqual(try storedKeys(index), Array(keys[0..<6]))
    XCTAssertEqual(try index.scanRuns().map(\.status), ["failed"])
    XCTAssertEqual(try index.scanRuns().map(\.newMessages), [6])
    let state = try XCTUnwrap(try index.sourceState(path: PackagePaths.sample.path))
    XCTAssertEqual(state.resumeOffset, try sampleEnds()[5])
    XCTAssertFalse(state.complete)
  }
}
