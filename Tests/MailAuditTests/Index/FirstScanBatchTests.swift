import Foundation
import GRDB
import XCTest

@testable import MailAudit

/// A first scan writes its rows 16 to a statement (``FirstScanBatch``):
/// every row and every id comes out as writing one row a statement makes
/// them.
final class FirstScanBatchTests: XCTestCase {
  /// A Maildir of 40 messages in `cur/` and 15 in `new/`. Ten `new/` files
  /// have the unique names of `cur/` files: five hold other messages (their
  /// location is taken over, the old one kept under a new name) and five
  /// the same message again (the location is known, its file name
  /// updated); five more, between them, are new. Two `cur/` files hold one
  /// message, in one chunk of 16: the second finds the row of the first
  /// before that row is written. In one batch, the third chunk leaves out
  /// its ninth location and inserts the tenth, which is taken back.
  func testAFirstScanWritesEveryRowAndIdAsOneStatementARowWould() throws {
    let folder = try temporaryFolder(self)
    let maildir = try Self.maildirWithLocationsMetTwice(in: folder)

    let chunked = try AuditIndex(path: folder.appendingPathComponent("chunked.sqlite").path)
    let oneByOne = try AuditIndex(path: folder.appendingPathComponent("one-by-one.sqlite").path)
    oneByOne.firstScanKeys.rowsPerStatement = 1
    var counts: [ScanRunCounts] = []
    for index in [chunked, oneByOne] {
      let (scan, _) = try Auditor(index: index, policy: ExposurePolicy(), catalog: try testCatalog())
        .scan(paths: [maildir.path], batchSize: 60)
      counts.append(scan.counts)
      XCTAssertEqual(try index.integrityCheck(), "ok")
      XCTAssertTrue(try FirstScanKeysTests.hasUniqueKeyIndex(index))
    }
    XCTAssertEqual(counts[0].messagesSeen, 55)
    XCTAssertEqual(counts[0].newMessages, 49)
    XCTAssertEqual(counts[0].duplicates, 1)
    XCTAssertEqual(counts[0].alreadyIndexed, 5)
    XCTAssertEqual(counts[0], counts[1])

    let rows = try Self.rowsWithIds(chunked)
    XCTAssertEqual(rows, try Self.rowsWithIds(oneByOne))
    // The five locations taken over are kept under their old names; the
    // message met twice took no id; each location left out burned one.
    XCTAssertEqual(rows.filter { $0.contains("#before-run-") }.count, 5)
    XCTAssertEqual(rows.filter { $0.hasPrefix("m ") }.count, 49)
    XCTAssertTrue(rows.contains("s message 49"))
    XCTAssertTrue(rows.contains("s location 60"))
  }

  /// A first scan's batches are written with foreign keys off (so that a
  /// statement of many rows keeps no statement journal): every row they
  /// write still names rows that exist, and the connection checks foreign
  /// keys again once a batch is over.
  func testAFirstScanLeavesNoBrokenForeignKeyAndChecksThemAgainAfter() throws {
    let folder = try temporaryFolder(self)
    let maildir = try Self.maildirWithLocationsMetTwice(in: folder)
    let index = try AuditIndex(path: folder.appendingPathComponent("index.sqlite").path)
    let traced = TracedStatements()
    try index.writer.writeWithoutTransaction { db in
      db.trace(options: .statement) { event in
        if case .statement(let statement) = event { traced.append(statement.sql) }
      }
    }
    _ = try Auditor(index: index, policy: ExposurePolicy(), catalog: try testCatalog())
      .scan(paths: [maildir.path], batchSize: 20)

    // Every statement of many rows ran with foreign keys off, and each
    // time they were turned off they were turned on again.
    var checksForeignKeys = true
    var manyRows = 0
    for sql in traced.all {
      if sql.hasPrefix("PRAGMA foreign_keys = ") {
        XCTAssertNotEqual(checksForeignKeys, sql.hasSuffix("ON"), "\(sql) twice")
        checksForeignKeys = sql.hasSuffix("ON")
      } else if sql.hasPrefix("INSERT OR IGNORE INTO message") || sql.hasPrefix("INSERT OR IGNORE INTO location") {
        XCTAssertFalse(checksForeignKeys, sql)
        manyRows += 1
      }
    }
    XCTAssertGreaterThan(manyRows, 0)
    XCTAssertTrue(checksForeignKeys)
    try index.writer.writeWithoutTransaction { db in
      XCTAssertEqual(try Row.fetchAll(db, sql: "PRAGMA foreign_key_check"), [])
      XCTAssertEqual(try Int.fetchOne(db, sql: "PRAGMA foreign_keys"), 1)
      XCTAssertThrowsError(
        try db.execute(sql: "INSERT INTO location (messageRowId, format, mailbox, file, offset, firstRunId, identity) VALUES (999, 'maildir', 'x', 'y', 0, 1, 'z')"))
    }
  }

  /// The statements of many rows a first scan writes can neither stop part
  /// way on a constraint nor count foreign keys, with foreign keys off as
  /// the batch has them: either would make SQLite copy every page they
  /// change to a statement journal first (160 MiB for the 50,000-message
  /// benchmark). What they leave out, their caller finds.
  func testAFirstScansStatementsOfManyRowsCannotFailPartWay() throws {
    let folder = try temporaryFolder(self)
    let index = try AuditIndex(path: folder.appendingPathComponent("index.sqlite").path)
    let many = [
      ScannedRows.insertMessages(rows: FirstScanBatch.chunk, withIds: true),
      ScannedRows.insertLocations(rows: FirstScanBatch.chunk),
    ]
    try index.writer.writeWithoutTransaction { db in
      try db.execute(sql: "PRAGMA foreign_keys = OFF")
      defer { try? db.execute(sql: "PRAGMA foreign_keys = ON") }
      for sql in many {
        let program = try Self.program(of: sql, db)
        let aborting = program.filter { op in
          let code: String = op["opcode"]
          return code == "HaltIfNull" || code.hasPrefix("Fk") || (code == "Halt" && (op["p1"] as Int) != 0)
        }
        XCTAssertEqual(aborting.map { $0["opcode"] as String }, [], sql)
      }
      // The same check finds them in a statement that can fail part way.
      let strict = try Self.program(
        of: ScannedRows.insertLocations(rows: 1).replacingOccurrences(of: "?)", with: "?), (?, ?, ?, ?, ?, ?, ?, ?)"), db)
      XCTAssertTrue(strict.contains { ($0["opcode"] as String) == "HaltIfNull" })
    }
  }

  /// The program SQLite compiles `sql` to (`EXPLAIN`), one row an opcode.
  static func program(of sql: String, _ db: Database) throws -> [Row] {
    let parameters = sql.filter { $0 == "?" }.count
    return try Row.fetchAll(
      db, sql: "EXPLAIN " + sql, arguments: StatementArguments(Array(repeating: DatabaseValue.null, count: parameters)))
  }

  /// Every row of `message` and `location` with its id, and the tables'
  /// AUTOINCREMENT sequences.
  static func rowsWithIds(_ index: AuditIndex) throws -> [String] {
    try index.writer.read { db in
      try String.fetchAll(
        db,
        sql: """
          SELECT 'm ' || id || ' ' || key || ' ' || headerSHA256 || ' ' || recipients || ' ' || firstRunId FROM message
          UNION ALL SELECT 'l ' || id || ' ' || messageRowId || ' ' || identity || ' ' || file || ' '
            || IFNULL(goneInRun, '-') || ' ' || firstRunId FROM location
          UNION ALL SELECT 's ' || name || ' ' || seq FROM sqlite_sequence WHERE name IN ('message', 'location')
          ORDER BY 1
          """)
    }
  }

  /// The Maildir of ``testAFirstScanWritesEveryRowAndIdAsOneStatementARowWould()``.
  static func maildirWithLocationsMetTwice(in folder: URL) throws -> URL {
    let maildir = folder.appendingPathComponent("Sent")
    for sub in ["cur", "new", "tmp"] {
      try FileManager.default.createDirectory(
        at: maildir.appendingPathComponent(sub), withIntermediateDirectories: true)
    }
    func message(_ n: Int) -> String {
      """
      From: Sales <sales@example.co.jp>
      To: customer\(n)@one.example, customer\(n)@two.example, buyer\(n)@three.example
      Subject: Offer \(n)
      Message-ID: <offer-\(n)@example.co.jp>
      Date: Mon, 1 Jan 2024 09:00:00 +0900

      Body \(n)

      """
    }
    func unique(_ n: Int) -> String { "17000\(String(format: "%05d", n)).M\(n)P1.host" }
    for n in 0..<40 {
      // Files 3 and 5 hold one message.
      try message(n == 5 ? 3 : n).write(
        to: maildir.appendingPathComponent("cur/\(unique(n)):2,S"), atomically: false, encoding: .utf8)
    }
    for n in 20..<30 {
      // 20-24: other messages under known names; 25-29: the same again.
      try message(n < 25 ? 100 + n : n).write(
        to: maildir.appendingPathComponent("new/\(unique(n))"), atomically: false, encoding: .utf8)
    }
    for n in 20..<25 {
      // New names, each listed right after the known name of its number.
      try message(200 + n).write(
        to: maildir.appendingPathComponent("new/\(unique(n).replacingOccurrences(of: "P1", with: "Q1"))"),
        atomically: false, encoding: .utf8)
    }
    return maildir
  }
}

/// The SQL of the statements a connection ran, gathered by its trace.
private final class TracedStatements: @unchecked Sendable {
  private let lock = NSLock()
  private var statements: [String] = []

  func append(_ sql: String) { lock.withLock { statements.append(sql) } }
  var all: [String] { lock.withLock { statements } }
}
