import GRDB
import GRDBSQLite
import XCTest

@testable import MailAudit

/// Statements run straight through SQLite's C API, their texts bound from
/// memory of the run's own (``TextMemory``).
final class RawStatementTests: XCTestCase {
  /// Texts of every length, more of them than one block holds and one
  /// longer than a block, inline and heap strings, byte arrays, empty texts
  /// and NULLs: each row holds exactly what was bound, run after run.
  func testEveryTextIsStoredAsBoundWhateverItsLengthAndNumber() throws {
    let db = try DatabaseQueue()
    let columns = (0..<24).map { "c\($0)" }
    try db.write { db in
      try db.execute(sql: "CREATE TABLE t (run INTEGER, \(columns.joined(separator: ", ")), bytes TEXT)")
      let insert = try RawStatement(
        db,
        sql: "INSERT INTO t VALUES (?, \(columns.map { _ in "?" }.joined(separator: ", ")), ?)")
      var expected: [[String?]] = []
      for run in 0..<5 {
        // Per column: empty, short (inline), a few hundred bytes (they fill
        // a block), and in one column of the last runs 5,000 (over a block).
        let texts: [String?] = columns.indices.map { column in
          switch (column + run) % 5 {
          case 0: return ""
          case 1: return "é\(run)"
          case 2: return nil
          case 3 where column == 7 && run >= 3: return String(repeating: "長い", count: 2_500)
          default: return String(repeating: "\(column)-\(run)/", count: 60)
          }
        }
        let bytes = Array("bytes of run \(run) 例え".utf8)
        try insert.run {
          $0.bind(run)
          for text in texts { $0.bind(text) }
          $0.bind(utf8: bytes)
        }
        expected.append(texts + [String(decoding: bytes, as: UTF8.self)])
      }
      let rows = try Row.fetchAll(db, sql: "SELECT * FROM t ORDER BY run")
      XCTAssertEqual(rows.count, 5)
      for (run, row) in rows.enumerated() {
        let stored: [String?] = (1..<row.count).map { row[$0] }
        XCTAssertEqual(stored, expected[run], "run \(run)")
        // An empty text is text, not NULL.
        XCTAssertEqual(try String.fetchOne(db, sql: "SELECT typeof(c\((5 - run) % 5)) FROM t WHERE run = ?", arguments: [run]), "text")
      }
    }
  }

  /// Once a run is over (done or failed) no parameter still points at its
  /// texts' memory: the statement stepped again unbound inserts NULLs.
  func testNoBindingOutlivesItsRun() throws {
    let db = try DatabaseQueue()
    try db.write { db in
      try db.execute(sql: "CREATE TABLE t (a TEXT UNIQUE, b TEXT)")
      let sql = "INSERT INTO t VALUES (?, ?)"
      let insert = try RawStatement(db, sql: sql)
      try insert.run {
        $0.bind("a stored text longer than fifteen bytes")
        $0.bind(utf8: Array("b".utf8))
      }
      // The same row again breaks the unique constraint.
      XCTAssertThrowsError(
        try insert.run {
          $0.bind("a stored text longer than fifteen bytes")
          $0.bind("another")
        })
      let statement = try db.cachedStatement(sql: sql).sqliteStatement
      XCTAssertEqual(sqlite3_step(statement), SQLITE_DONE)
      sqlite3_reset(statement)
      let rows = try Row.fetchAll(db, sql: "SELECT a, b FROM t ORDER BY rowid")
      XCTAssertEqual(rows.map { [$0["a"] as String?, $0["b"] as String?] }, [
        ["a stored text longer than fifteen bytes", "b"], [nil, nil],
      ])
    }
  }
}
