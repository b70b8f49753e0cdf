import GRDB
import XCTest

@testable import MailAudit

/// Rows read straight through SQLite's C API.
final class RawQueryTests: XCTestCase {
  func testRowsComeInTheQuerysOrderWithIntegersTextsAndNulls() throws {
    let db = try DatabaseQueue()
    try db.write { db in
      try db.execute(sql: "CREATE TABLE t (n INTEGER, s TEXT)")
      try db.execute(sql: "INSERT INTO t VALUES (2, '例え.jp'), (1, 'a'), (3, NULL), (4, '')")
      var rows: [String] = []
      try RawQuery(db, sql: "SELECT n, s FROM t ORDER BY n").forEachRow { row in
        rows.append("\(row.int64(0)):\(String(decoding: row.utf8(1), as: UTF8.self))")
      }
      XCTAssertEqual(rows, ["1:a", "2:例え.jp", "3:", "4:"])
      // Stepped to its end and reset, the query runs again whole.
      let query = try RawQuery(db, sql: "SELECT n FROM t")
      var count = 0
      try query.forEachRow { _ in count += 1 }
      try query.forEachRow { _ in count += 1 }
      XCTAssertEqual(count, 8)
    }
  }

  /// An error met while stepping (here SQLite's integer overflow) is thrown
  /// with SQLite's message, after the rows before it.
  func testAnErrorWhileSteppingIsThrownWithSQLitesMessage() throws {
    let db = try DatabaseQueue()
    try db.read { db in
      var seen: [Int64] = []
      let query = try RawQuery(
        db, sql: "SELECT abs(v) FROM (SELECT 1 AS v UNION ALL SELECT -9223372036854775808 UNION ALL SELECT 3)")
      XCTAssertThrowsError(try query.forEachRow { seen.append($0.int64(0)) }) { error in
        XCTAssertEqual((error as? DatabaseError)?.message, "integer overflow")
      }
      XCTAssertEqual(seen, [1])
    }
  }
}
