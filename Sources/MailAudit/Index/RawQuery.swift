import GRDB
import GRDBSQLite

/// A query stepped straight through SQLite's C API, each row's values read
/// in place, for reads of tens of thousands of rows whose values are only
/// counted: GRDB makes a `Row` and a Swift value of every column read.
///
/// Its statement is GRDB's, made for this query alone and not cached, so no
/// other use of it can see the rows half stepped.
struct RawQuery {
  private let statement: Statement
  private let db: Database

  init(_ db: Database, sql: String) throws {
    self.db = db
    statement = try db.makeStatement(sql: sql)
  }

  /// One row, valid only inside the body it is given to.
  struct Row {
    fileprivate let statement: SQLiteStatement

    func int64(_ column: Int32) -> Int64 { sqlite3_column_int64(statement, column) }

    /// A text column's UTF-8 bytes, in SQLite's memory: valid until the next
    /// row. Empty for NULL.
    func utf8(_ column: Int32) -> UnsafeBufferPointer<UInt8> {
      // Text first, then its length: SQLite's documented order.
      let text = sqlite3_column_text(statement, column)
      let count = Int(sqlite3_column_bytes(statement, column))
      return UnsafeBufferPointer(start: text, count: text == nil ? 0 : count)
    }
  }

  /// Runs `body` on every row, in the query's order.
  func forEachRow(_ body: (Row) throws -> Void) throws {
    let s = statement.sqliteStatement
    defer { sqlite3_reset(s) }
    while true {
      let code = sqlite3_step(s)
      if code == SQLITE_DONE { return }
      guard code == SQLITE_ROW else { throw db.stepError(code, sql: statement.sql) }
      try body(Row(statement: s))
    }
  }
}
