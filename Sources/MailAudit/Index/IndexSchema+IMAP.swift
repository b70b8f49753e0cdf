import GRDB

extension IndexSchema {
  /// IMAP folders' incremental state, appended by `IndexSchema.migrator`.
  static func registerIMAPMigrations(_ migrator: inout DatabaseMigrator) {
    // The highest UID indexed per folder and UIDVALIDITY: the next scan asks
    // only for UIDs above it; a new UIDVALIDITY has no row, so the folder is
    // read again from the start.
    migrator.registerMigration("v3-imap: folder state") { db in
      try db.create(table: "imapFolderState") { t in
        // user@host:port
        t.column("account", .text).notNull()
        t.column("folder", .text).notNull()
        t.column("uidValidity", .integer).notNull()
        t.column("highestUID", .integer).notNull()
        t.column("lastRunId", .integer).notNull()
        t.primaryKey(["account", "folder", "uidValidity"])
      }
    }
  }
}
