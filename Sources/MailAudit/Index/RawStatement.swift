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
    /// Where text parameters' bytes are kept until the run is over.
    fileprivate var texts = TextMemory()

    mutating func bind(_ value: Int64) {
      sqlite3_bind_int64(statement, index, value)
      index += 1
    }

    mutating func bind(_ value: Int) { bind(Int64(value)) }

    mutating func bind(_ value: Bool) { bind(Int64(value ? 1 : 0)) }

    mutating func bind(_ value: String) {
      value.withUTF8Bytes { bindText($0) }
      index += 1
    }

    /// Binds UTF-8 bytes as text (the caller makes sure they are UTF-8).
    mutating func bind(utf8 text: [UInt8]) {
      text.withUnsafeBufferPointer { bindText($0) }
      index += 1
    }

    /// Binds a copy of `utf8` kept in ``texts`` (SQLITE_STATIC): with
    /// SQLITE_TRANSIENT SQLite made its own copy of every text, allocating
    /// and freeing it per parameter per run (the system's SQLite is built
    /// without lookaside memory), 18 of the 137 allocations a message cost
    /// a first scan.
    private mutating func bindText(_ utf8: UnsafeBufferPointer<UInt8>) {
      // An empty text still needs a pointer: a null one binds NULL.
      let bytes = texts.copy(utf8)
      _ = sqlite3_bind_text(statement, index, bytes, Int32(utf8.count), nil)
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
    // No binding may outlive the memory its text lies in.
    defer {
      if parameters.texts.isUsed { sqlite3_clear_bindings(s) }
      parameters.texts.release()
    }
    let code = sqlite3_step(s)
    guard code == SQLITE_DONE else {
      let error = db.stepError(code, sql: statement.sql)
      sqlite3_reset(s)
      throw error
    }
    sqlite3_reset(s)
  }
}

/// The bytes of one run's text parameters, copied into as few allocations
/// as possible (usually one) that stay put until the run is over.
struct TextMemory {
  private var block: UnsafeMutableRawPointer?
  private var capacity = 0
  private var used = 0
  /// Blocks filled before the current one, kept until ``release()``: the
  /// texts bound from them are still read by the run.
  private var filled: [UnsafeMutableRawPointer] = []

  /// True once a text was copied in.
  var isUsed: Bool { block != nil }

  /// A copy of `bytes`, valid until ``release()``.
  mutating func copy(_ bytes: UnsafeBufferPointer<UInt8>) -> UnsafePointer<CChar> {
    if block == nil || used + bytes.count > capacity {
      if let block { filled.append(block) }
      capacity = max(Self.blockSize, bytes.count)
      block = UnsafeMutableRawPointer.allocate(byteCount: capacity, alignment: 1)
      used = 0
    }
    let start = block! + used
    if let base = bytes.baseAddress { start.copyMemory(from: base, byteCount: bytes.count) }
    used += bytes.count
    return UnsafePointer(start.assumingMemoryBound(to: CChar.self))
  }

  /// Frees every block.
  mutating func release() {
    block?.deallocate()
    for earlier in filled { earlier.deallocate() }
    self = TextMemory()
  }

  /// Enough for a stored message's texts but for a long recipient list.
  static let blockSize = 2048
}

extension Database {
  /// The error of a statement stepped through SQLite's C API (``RawStatement``,
  /// ``RawQuery``), with SQLite's message, read before the statement is reset.
  func stepError(_ code: Int32, sql: String) -> DatabaseError {
    DatabaseError(
      resultCode: ResultCode(rawValue: code), message: String(cString: sqlite3_errmsg(sqliteConnection)), sql: sql)
  }
}
