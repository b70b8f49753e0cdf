import GRDB

extension IndexSchema {
  /// Whose mail each mailbox is, appended last by `IndexSchema.migrator`.
  static func registerOwnerMigrations(_ migrator: inout DatabaseMigrator) {
    // One owner per mailbox (the location's `mailbox` string: a path as
    // scanned, or an imap:// folder), written when the mailbox is scanned.
    // A table of its own: owners are an organisation's concern, and the
    // message and location rows stay as a one-person scan writes them.
    migrator.registerMigration("v7-org: mailbox owners") { db in
      try db.create(table: "mailboxOwner") { t in
        t.primaryKey("mailbox", .text)
        t.column("owner", .text).notNull()
        t.column("firstRunId", .integer).references("scanRun")
      }
      try db.create(index: "mailboxOwner_on_owner", on: "mailboxOwner", columns: ["owner"])
    }
  }
}
