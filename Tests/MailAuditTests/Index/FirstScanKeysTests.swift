import Foundation
import GRDB
import XCTest

@testable import MailAudit

/// A first scan stores without the unique index of message keys, keeping
/// keys unique itself, and builds the index at its end: what it stores is
/// what a scan with the index stores.
final class FirstScanKeysTests: XCTestCase {
  /// The sample twice in one first scan, in batches of 5, so that copies
  /// meet in other batches: each message is stored once, the second copy is
  /// a location of it, as when the second mailbox comes in a later scan,
  /// which the index's own key index decides.
  func testAMessageMetTwiceInAFirstScanIsStoredOnceAsWithTheKeyIndex() throws {
    let folder = try temporaryFolder(self)
    let copy = folder.appendingPathComponent("Copy.mbox")
    try FileManager.default.copyItem(at: PackagePaths.sample, to: copy)
    let paths = [PackagePaths.sample.path, copy.path]

    let together = try AuditIndex(path: folder.appendingPathComponent("together.sqlite").path)
    let (scan, _) = try Auditor(index: together, policy: ExposurePolicy(), catalog: try testCatalog())
      .scan(paths: paths, batchSize: 5)
    XCTAssertEqual(scan.counts.messagesSeen, 68)
    XCTAssertEqual(scan.counts.newMessages, 33)
    XCTAssertEqual(scan.counts.duplicates, 35)

    let apart = try AuditIndex(path: folder.appendingPathComponent("apart.sqlite").path)
    let auditor = Auditor(index: apart, policy: ExposurePolicy(), catalog: try testCatalog())
    let (first, _) = try auditor.scan(paths: [paths[0]], batchSize: 5)
    let (second, _) = try auditor.scan(paths: [paths[1]], batchSize: 5)
    XCTAssertEqual(first.counts.duplicates + second.counts.duplicates, 35)

    XCTAssertEqual(try Self.messagesAndLocations(together), try Self.messagesAndLocations(apart))
    for index in [together, apart] {
      XCTAssertTrue(try Self.hasUniqueKeyIndex(index))
      XCTAssertEqual(try index.integrityCheck(), "ok")
    }
    XCTAssertEqual(try together.report().findings.count, try apart.report().findings.count)
  }

  /// Past its limit of keys, a first scan builds the index in the batch
  /// that would cross it and stores the rest as any later scan does, with
  /// the same rows as a scan that held every key. (The batches are stored
  /// one after another here: a scan's progress is told once a batch is
  /// counted, when the next may already be stored.)
  func testAFirstScanPastItsKeyLimitBuildsTheIndexAndStoresTheSameRows() throws {
    let folder = try temporaryFolder(self)
    let limited = try AuditIndex(path: folder.appendingPathComponent("limited.sqlite").path)
    limited.firstScanKeys.limit = 10
    let runId = try limited.beginRun(paths: [PackagePaths.sample.path])
    var indexAfterBatch: [Bool] = []
    var newMessages = 0
    for batch in try PostgresIndexScanTests.sampleBatches(size: 4) {
      newMessages += try limited.store(batch, problems: [], runId: runId).newMessages
      indexAfterBatch.append(try Self.hasUniqueKeyIndex(limited))
    }
    try limited.finishRun(runId, status: "completed", counts: ScanRunCounts())
    XCTAssertEqual(newMessages, 33)
    // Three batches of 4 would hold 12 keys: the third builds the index.
    XCTAssertEqual(indexAfterBatch.prefix(3), [false, false, true])

    let unlimited = try AuditIndex(path: folder.appendingPathComponent("unlimited.sqlite").path)
    let (scan, _) = try Auditor(index: unlimited, policy: ExposurePolicy(), catalog: try testCatalog())
      .scan(paths: [PackagePaths.sample.path], batchSize: 4)
    XCTAssertEqual(scan.counts.newMessages, 33)
    for index in [limited, unlimited] { XCTAssertTrue(try Self.hasUniqueKeyIndex(index)) }
    XCTAssertEqual(try Self.messagesAndLocations(limited), try Self.messagesAndLocations(unlimited))
  }

  /// A first scan that never reaches its end (killed, here left without
  /// its run finished) leaves the key index away; opening the index again
  /// builds it, and the next scan stores only what is new.
  func testAnIndexLeftWithoutItsKeyIndexGetsItBackWhenOpened() throws {
    let folder = try temporaryFolder(self)
    let path = folder.appendingPathComponent("index.sqlite").path
    do {
      let index = try AuditIndex(path: path)
      let runId = try index.beginRun(paths: [PackagePaths.sample.path])
      XCTAssertFalse(try Self.hasUniqueKeyIndex(index))
      let batch = try XCTUnwrap(PostgresIndexScanTests.sampleBatches(size: 1).first)
      let outcome = try index.store(batch, problems: [], runId: runId)
      XCTAssertEqual(outcome.newMessages, 1)
    }
    let reopened = try AuditIndex(path: path)
    XCTAssertTrue(try Self.hasUniqueKeyIndex(reopened))
    let (scan, _) = try Auditor(index: reopened, policy: ExposurePolicy(), catalog: try testCatalog())
      .scan(paths: [PackagePaths.sample.path])
    XCTAssertEqual(scan.counts.newMessages, 32)
    XCTAssertEqual(try reopened.integrityCheck(), "ok")
  }

  static func hasUniqueKeyIndex(_ index: AuditIndex) throws -> Bool {
    try index.writer.read { db in
      try db.indexes(on: "message").contains { $0.name == IndexSchema.messageKeyIndex && $0.isUnique }
    }
  }

  /// Every message row, and every location by message and identity.
  static func messagesAndLocations(_ index: AuditIndex) throws -> [String] {
    try index.writer.read { db in
      try String.fetchAll(
        db,
        sql: """
          SELECT id || ' ' || key || ' ' || headerSHA256 || ' ' || recipients FROM message
          UNION ALL SELECT messageRowId || ' ' || identity || ' ' || offset FROM location
          ORDER BY 1
          """)
    }
  }
}

/// The table of keys a first scan keeps instead of the index.
final class MessageKeyRowsTests: XCTestCase {
  /// Keys behind one hash are told apart by reading each candidate's key
  /// back; a row no longer there (a failed batch's) is passed over; keys
  /// are compared byte for byte, as SQLite compares them, so é written as
  /// one scalar or as two are two keys.
  func testKeysAreFoundByTheirRowsAndComparedByteForByte() throws {
    var stored: [Int64: String] = [:]
    var table = MessageKeyRows()
    let keys = ["a@x.example", "caf\u{E9}@x.example", "cafe\u{301}@x.example", "b@x.example"]
    for (i, key) in keys.enumerated() {
      XCTAssertNil(table.row(of: key, hash: 7) { stored[$0] })
      stored[Int64(i + 1)] = key
      table.insert(hash: 7, row: Int64(i + 1))
    }
    for (i, key) in keys.enumerated() { XCTAssertEqual(table.row(of: key, hash: 7) { stored[$0] }, Int64(i + 1)) }
    stored[1] = nil
    XCTAssertNil(table.row(of: "a@x.example", hash: 7) { stored[$0] })
    XCTAssertEqual(table.count, 4)
  }

  /// 100,000 keys: the table grows many times and finds each by its own hash.
  func testEveryKeyIsFoundThroughTheTablesGrowth() {
    var table = MessageKeyRows()
    func key(_ i: Int) -> String { "message-\(i)@x.example" }
    for i in 1...100_000 { table.insert(hash: MessageKeyRows.hash(key(i)), row: Int64(i)) }
    for i in stride(from: 100_000, through: 1, by: -7) {
      XCTAssertEqual(table.row(of: key(i), hash: MessageKeyRows.hash(key(i))) { key(Int($0)) }, Int64(i))
    }
    XCTAssertNil(table.row(of: key(0), hash: MessageKeyRows.hash(key(0))) { key(Int($0)) })
  }
}
