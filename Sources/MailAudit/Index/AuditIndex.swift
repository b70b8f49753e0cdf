import CSQLiteSettings
import Foundation
import GRDB
import GRDBSQLite

/// The SQLite index: scan runs, messages with every location, problems, and
/// the findings derived from them. The only place that knows SQL.
///
/// The file holds personal data: it is created readable by its owner only
/// (0600, its folder 0700), and runs in WAL mode so reports can read while
/// a scan writes.
public final class AuditIndex: AuditStore {
  /// Where the index lives (`:memory:` for an in-memory index).
  public let path: String
  let writer: any DatabaseWriter
  /// The keys of the messages a first scan on this index has stored, while
  /// the unique index of keys is away (see ``beginRun(paths:)``).
  let firstScanKeys = FirstScanKeys()
  /// The WAL checkpoints of a scan's batches, beside the writer (nil in
  /// memory).
  let scanCheckpoints: ScanCheckpoints?

  /// Opens (creating if needed) the index at `path` and brings its schema up
  /// to date.
  public init(path: String) throws {
    self.path = path
    scanCheckpoints = ScanCheckpoints(path: path)
    let url = URL(fileURLWithPath: path)
    try PrivateFiles.createDirectory(url.deletingLastPathComponent())
    try PrivateFiles.touch(url)
    _ = Self.sqliteSettings
    var config = Configuration()
    // A second scan waits for the first's batch to commit rather than failing.
    config.busyMode = .timeout(Double(Self.busyTimeoutMilliseconds) / 1000)
    config.prepareDatabase { db in
      try db.execute(sql: "PRAGMA foreign_keys = ON")
      // In WAL mode NORMAL keeps the index consistent through any crash; a
      // power cut may undo the last batches, which the next scan reads again.
      try db.execute(sql: "PRAGMA synchronous = NORMAL")
      // Pages of 8 KiB in a new index (an existing one keeps its own):
      // half the pages to write, split and checkpoint per row stored. A
      // first scan took 0.90-0.96 of its time with 4 KiB pages, peaking
      // about 3 MiB higher (Benchmarks/README).
      try db.execute(sql: "PRAGMA page_size = \(Self.newIndexPageSize)")
    }
    do {
      writer = try DatabasePool(path: path, configuration: config)
      // GRDB migrates an index that holds migrations it does not know as
      // if they were not there; this build would then write rows a newer
      // schema does not expect, and read its rows by rules it never had.
      let unknown = try writer.read { db in
        try IndexSchema.migrator.appliedIdentifiers(db).subtracting(IndexSchema.migrator.migrations).sorted()
      }
      guard unknown.isEmpty else { throw IndexError.newerSchema(path: path, unknown: unknown) }
      try IndexSchema.createFromSnapshot(writer)
      try IndexSchema.migrator.migrate(writer)
      try Self.restoreMessageKeyIndex(writer)
    } catch let error as DatabaseError {
      throw IndexError.cannotOpen(path: path, reason: error.message ?? "\(error.resultCode)")
    }
  }

  /// Waits for writes left on the writer's queue (the checkpoint after an
  /// analysis, see ``withAnalysisSession(_:)``), so that the index is
  /// closed whole, its WAL copied in and removed, before the process goes.
  deinit {
    // Reentrant: let go inside one of its own writes, it must not wait
    // for itself.
    writer.unsafeReentrantWrite { _ in }
  }

  /// The page size an index is created with.
  static let newIndexPageSize = 8192

  /// SQLite's settings for the whole process, made once, as the first index
  /// (on disk or in memory) is opened: SQLite takes them only before its
  /// first use, and no other thread may use SQLite meanwhile, which holds
  /// here (nothing opens a database beside the first index).
  ///
  /// Its memory statistics are turned off. They took a lock around every
  /// allocation SQLite made (3% of a first scan's CPU samples under
  /// `perf`, 0.976 of its time in pairs), and nothing here reads them
  /// (they serve `sqlite3_memory_used` and a soft heap limit). In a process
  /// that used SQLite before (a test's own database), SQLite refuses the
  /// call (`SQLITE_MISUSE`) and the index works as before.
  private static let sqliteSettings: Void = {
    let code = csqlite_disable_memory_statistics()
    assert(code == SQLITE_OK || code == SQLITE_MISUSE, "sqlite3_config answered \(code)")
  }()

  /// An index in memory, for tests.
  public init() throws {
    path = ":memory:"
    scanCheckpoints = nil
    _ = Self.sqliteSettings
    writer = try DatabaseQueue()
    try IndexSchema.createFromSnapshot(writer)
    try IndexSchema.migrator.migrate(writer)
  }

  /// Builds the unique index of message keys if a first scan killed before
  /// its end left it away. Looked for first, so that opening an index does
  /// not wait for a scan's write lock.
  static func restoreMessageKeyIndex(_ writer: any DatabaseWriter) throws {
    if try !writer.read(IndexSchema.hasMessageKeyIndex) {
      try writer.write { db in try db.execute(sql: IndexSchema.createMessageKeyIndex) }
    }
  }

  /// The default index location: `$MAILAUDIT_INDEX`, else
  /// `$XDG_DATA_HOME/mailaudit/index.sqlite`, else
  /// `~/.local/share/mailaudit/index.sqlite`.
  public static func defaultPath(environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
    if let path = environment["MAILAUDIT_INDEX"], !path.isEmpty { return path }
    let data = environment["XDG_DATA_HOME"].flatMap { $0.isEmpty ? nil : $0 }
      ?? (NSHomeDirectory() as NSString).appendingPathComponent(".local/share")
    return ((data as NSString).appendingPathComponent("mailaudit") as NSString).appendingPathComponent("index.sqlite")
  }

  public var location: String { path }

  /// A batch is written on another thread while the scan reads and parses
  /// the next: reading an mbox is one thread's work and SQLite's writing
  /// another's, so done in turn they left the second core idle most of
  /// the scan (50,000 messages with nothing to analyse: 2.9-3.2 s in turn,
  /// 2.1-2.5 s side by side).
  public var storesWhileReading: Bool { true }

  public func lockForScan() throws -> ScanLease {
    // An index in memory belongs to one process: nothing to lock against.
    path == ":memory:" ? InProcessLease() : try ScanLock(indexPath: path)
  }

  /// `PRAGMA integrity_check`'s answer (`ok` when sound).
  public func integrityCheck() throws -> String {
    try writer.read { db in try String.fetchOne(db, sql: "PRAGMA integrity_check") ?? "" }
  }
}

/// Errors that stop work on the index.
public enum IndexError: LocalizedError, Equatable {
  case cannotOpen(path: String, reason: String)
  case unknownRun(Int64)
  case busy(path: String)
  /// A stored value the code cannot read back: corruption, or a newer
  /// program's index.
  case corrupt(table: String, row: Int64, detail: String)
  /// The index holds schema changes (migrations, by name) this build does
  /// not know: a newer mailaudit wrote it.
  case newerSchema(path: String, unknown: [String])

  public var errorDescription: String? {
    switch self {
    case .cannotOpen(let path, let reason): "cannot open the index \(path): \(reason)"
    case .unknownRun(let id): "no scan run \(id) in the index"
    case .busy(let path): "another scan is running on the index \(path); try again when it has finished"
    case .corrupt(let table, let row, let detail): "the index is damaged: \(table) row \(row): \(detail)"
    case .newerSchema(let path, let unknown):
      "the index \(path) was written by a newer mailaudit (schema changes this version does not know: "
        + "\(unknown.joined(separator: ", "))); open it with that version or a later one"
    }
  }
}

extension Severity {
  /// A severity read back from the index: a value the code does not know is
  /// corruption (or a newer program's index) and stops the read, rather
  /// than turning into some default severity.
  static func stored(_ text: String, table: String, row: Int64) throws -> Severity {
    guard let severity = Severity(rawValue: text) else {
      throw IndexError.corrupt(table: table, row: row, detail: "unknown severity '\(text)'")
    }
    return severity
  }
}
