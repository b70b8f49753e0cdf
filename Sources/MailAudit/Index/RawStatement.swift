import GRDB
import GRDBSQLite

/// A cached GRDB statement run straight through SQLite's C API, for the
/// analysis' per-finding and per-exposure inserts: GRDB boxes every
/// argument into a `DatabaseValue` array and notifies its observers per
/// statement, which cost more than SQLite's own work for rows of a few
/// integers.
///
/// Only for statements that return no rows and that nothing else runs
/// through GRDB's `execute`, so GRDB's view of the statement stays valid.
struct RawStatement {
  private let statement: Statement
  private let db: Database

  init(_ db: Database, sql: String) throws {
    self.db = db
    statement = try db.cachedStatement(sql: sql)
  }

  /// The parameters of one run, bound in order from the first.
  struct Parameters {
    fileprivate let statement: SQLiteStatement
    fileprivate var index: Int32 = 1

    mutating func bind(_ value: Int64) {
      sqlite3_bind_int64(statement, index, value)
      index += 1
    }

    mutating func bind(_ value: Int) { bind(Int64(value)) }

    mutating func bind(_ value: Bool) { bind(Int64(value ? 1 : 0)) }

    mutating func bind(_ value: String) {
      // A native string's bytes are read in place; `withUTF8` alone
      // needs a mutable copy of the string.
      if value.utf8.withContiguousStorageIfAvailable({ bindText($0) }) == nil {
        var value = value
        value.withUTF8 { bindText($0) }
      }
      index += 1
    }

    /// Binds UTF-8 bytes as text (the caller makes sure they are UTF-8).
    mutating func bind(utf8 text: [UInt8]) {
      text.withUnsafeBufferPointer { bindText($0) }
      index += 1
    }

    private func bindText(_ utf8: UnsafeBufferPointer<UInt8>) {
      // SQLITE_TRANSIENT: SQLite copies the bytes before this returns.
      let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)
      if let bytes = utf8.baseAddress {
        _ = sqlite3_bind_text(statement, index, bytes, Int32(utf8.count), transient)
      } else {
        // No bytes at all (an empty array): a null pointer would bind NULL.
        _ = sqlite3_bind_text(statement, index, "", 0, transient)
      }
    }

    mutating func bind(_ value: String?) {
      guard let value else { return bindNull() }
      bind(value)
    }

    mutating func bind(_ value: Int64?) {
      guard let value else { return bindNull() }
      bind(value)
    }

    mutating func bind(_ value: Int?) { bind(value.map(Int64.init)) }

    mutating func bindNull() {
      sqlite3_bind_null(statement, index)
      index += 1
    }
  }

  /// Runs the statement with the parameters `bind` sets.
  func run(_ bind: (inout Parameters) -> Void) throws {
    var parameters = Parameters(statement: statement.sqliteStatement)
    bind(&parameters)
    let s = statement.sqliteStatement
    let code = sqlite3_step(s)
    guard code == SQLITE_DONE else {
      let error = db.stepError(code, sql: statement.sql)
      sqlite3_reset(s)
      throw error
    }
    sqlite3_reset(s)
  }
}

extension Database {
  /// The error of a statement stepped through SQLite's C API (``RawStatement``,
  /// ``RawQuery``), with SQLite's message, read before the statement is reset.
  func stepError(_ code: Int32, sql: String) -> DatabaseError {
    DatabaseError(
      resultCode: ResultCode(rawValue: code), message: String(cString: sqlite3_errmsg(sqliteConnection)), sql: sql)
  }
}
