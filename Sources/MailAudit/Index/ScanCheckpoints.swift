import Foundation
import GRDB
import GRDBSQLite

/// The WAL checkpoints of a scan's batches, run on a thread and a
/// connection of their own while the writer stores the next batch.
///
/// A scan's batches are stored by SQLite's one writing connection, and
/// while a scan reads, that connection sets the pace (see
/// `Benchmarks/README.md`, "The store sets the pace of the reading
/// phase"). Its automatic checkpoint ran inside the commit of every batch
/// that took the WAL past 1,000 pages: copying those pages into the
/// database and syncing both files (SQLite's checkpoints were 6.5% of the
/// CPU samples of a first scan of the 50,000-message Maildir under
/// `perf`), while the next batch waited. SQLite lets a checkpoint run
/// beside a writer: a passive one copies what is committed and leaves the
/// rest for the next, and the writer starts the WAL over once everything
/// in it is copied.
///
/// So between ``begin(_:)`` and ``end(_:)`` a commit that takes the WAL
/// past the writer's limit asks for a passive checkpoint here
/// (``committed()``) instead of making one, unless one is already waiting
/// to begin. ``end(_:)`` waits for the last one.
final class ScanCheckpoints: @unchecked Sendable {
  private let path: String
  private let queue = DispatchQueue(label: "mailaudit.checkpoint")
  private let lock = NSLock()
  // Under `lock`: whether a checkpoint is asked for and not yet begun; the
  // writer's own setting while a scan's batches are stored.
  private var asked = false
  private var writersSetting: Int?
  private var made = 0
  // The queue's alone.
  private var connection: OpaquePointer?

  /// Checkpoints made here so far (that SQLite ran, whatever they copied).
  var checkpointsMade: Int { lock.withLock { made } }

  /// Checkpoints for the index at `path`; none for one in memory.
  init?(path: String) {
    guard path != ":memory:" && !path.isEmpty else { return nil }
    self.path = path
  }

  /// Moves the writer's checkpoints (`db` is the writer) here, until
  /// ``end(_:)``: a commit that leaves the WAL at the writer's own limit
  /// (`wal_autocheckpoint`, 1,000 pages) or more asks for one.
  func begin(_ db: Database) throws {
    let setting = try Int.fetchOne(db, sql: "PRAGMA wal_autocheckpoint") ?? 1000
    guard setting > 0, lock.withLock({ writersSetting == nil }) else { return }
    lock.withLock { writersSetting = setting }
    // SQLite's own checkpointing is such a hook: this one replaces it.
    sqlite3_wal_hook(
      db.sqliteConnection,
      { context, _, _, frames in
        let checkpoints = Unmanaged<ScanCheckpoints>.fromOpaque(context!).takeUnretainedValue()
        let limit = checkpoints.lock.withLock { checkpoints.writersSetting ?? Int.max }
        if Int(frames) >= limit { checkpoints.committed() }
        return SQLITE_OK
      },
      // Held until `end(_:)`, which takes the hook away.
      Unmanaged.passRetained(self).toOpaque())
  }

  /// Waits for the checkpoints asked for, closes this object's connection,
  /// and gives the writer (`db`) its own checkpoints back.
  ///
  /// The connection must not outlive the scan: SQLite copies the WAL in
  /// and removes it when the last connection to the index closes, and with
  /// this one left open the index's own closed first and left a WAL behind
  /// (12 MB after the exposure-heavy benchmark's first scan), which the
  /// next command opening the index then read whole.
  func end(_ db: Database) throws {
    guard let setting = lock.withLock({ writersSetting }) else { return }
    // Setting the limit puts SQLite's own hook back in place of this one.
    try db.execute(sql: "PRAGMA wal_autocheckpoint = \(setting)")
    lock.withLock { writersSetting = nil }
    queue.sync {
      if let connection { sqlite3_close_v2(connection) }
      connection = nil
    }
    Unmanaged.passUnretained(self).release()
  }

  /// Asks for a checkpoint of what the writer has committed. One asked
  /// for while another waits to begin is the same checkpoint.
  func committed() {
    let first = lock.withLock {
      defer { asked = true }
      return !asked
    }
    guard first else { return }
    queue.async { [self] in
      lock.withLock { asked = false }
      checkpoint()
    }
  }

  /// A passive checkpoint on this object's connection, opened on first use.
  /// One that cannot run (another checkpoint under way) or fails is left
  /// to the next, or to the writer once the scan's batches are over: the
  /// WAL only grows meanwhile.
  private func checkpoint() {
    if connection == nil {
      var opened: OpaquePointer?
      guard sqlite3_open_v2(path, &opened, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX, nil) == SQLITE_OK else {
        sqlite3_close_v2(opened)
        return
      }
      // As the index's own connections sync: the WAL before a checkpoint,
      // the database after it.
      sqlite3_exec(opened, "PRAGMA synchronous = NORMAL", nil, nil, nil)
      connection = opened
    }
    if sqlite3_wal_checkpoint_v2(connection, nil, SQLITE_CHECKPOINT_PASSIVE, nil, nil) == SQLITE_OK {
      lock.withLock { made += 1 }
    }
  }
}
