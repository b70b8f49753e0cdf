import Foundation
import GRDB

extension IndexSchema {
  /// The schema that ``IndexSchema/migrator`` makes of an empty index,
  /// written out once (`Resources/index-schema.sql`), with the migrations
  /// it stands for.
  ///
  /// A new index is made from it in one transaction instead of running
  /// every migration: nine migrations, each its own transaction with its
  /// foreign-key check and SQLite reading the schema again after each
  /// change, cost about 12 ms of every first scan (a one-message scan into
  /// a new index: 55 ms, 43 ms from the snapshot, in 41 pairs). An existing
  /// index is migrated as before, and any migration the snapshot does not
  /// list runs after it, so a snapshot that fell behind is slower, never
  /// wrong. `IndexSchemaSnapshotTests` checks that it makes what the
  /// migrations make, and says how to write it again when it does not.
  struct Snapshot: Sendable {
    /// The migrations the snapshot stands for, in order.
    var migrations: [String]
    /// The statements that make the schema (`--` comments allowed).
    var sql: String

    /// Marks a line naming one of ``migrations`` in the file.
    static let migrationLine = "-- migration: "

    /// Reads the file's text: its `-- migration: ` lines, and the whole
    /// text as the statements.
    init(text: String) {
      migrations = text.split(separator: "\n").compactMap { line in
        line.hasPrefix(Self.migrationLine) ? String(line.dropFirst(Self.migrationLine.count)) : nil
      }
      sql = text
    }

    /// The snapshot bundled with mailaudit; nil when the file is not in
    /// the bundle or cannot be read (the migrations then make the schema).
    static let bundled: Snapshot? = {
      guard
        let url = Bundle.module.url(forResource: "index-schema", withExtension: "sql", subdirectory: "Resources"),
        let text = try? String(contentsOf: url, encoding: .utf8)
      else { return nil }
      return Snapshot(text: text)
    }()
  }

  /// Makes the schema of `snapshot` in one transaction when the database
  /// is empty (no table, index or view) and the snapshot's migrations are
  /// the first of ``migrator``'s, in order; otherwise does nothing.
  /// ``migrator`` then runs what is left. Two processes opening one new
  /// file: the second finds the first one's schema and leaves it. Returns
  /// whether it made the schema.
  ///
  /// An index that has a schema is told by a read, without the write lock:
  /// opening one must not wait for a scan's write transaction (a report
  /// reads while a scan writes). Only an empty one is locked and looked
  /// at again.
  @discardableResult
  static func createFromSnapshot(_ writer: any DatabaseWriter, snapshot: Snapshot? = Snapshot.bundled) throws -> Bool {
    guard let snapshot, !snapshot.migrations.isEmpty,
      migrator.migrations.starts(with: snapshot.migrations),
      try writer.read({ db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM sqlite_master") }) == 0
    else { return false }
    return try writer.writeWithoutTransaction { db in
      var made = false
      try db.inTransaction(.immediate) {
        guard try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM sqlite_master") == 0 else { return .commit }
        try db.execute(sql: snapshot.sql)
        // What the migrations wrote besides the schema.
        if snapshot.migrations.contains(maskingKeyMigration) { try insertMaskingKey(db) }
        for identifier in snapshot.migrations {
          try db.execute(sql: "INSERT INTO grdb_migrations (identifier) VALUES (?)", arguments: [identifier])
        }
        made = true
        return .commit
      }
      return made
    }
  }
}
