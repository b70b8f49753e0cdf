import GRDB

extension IndexSchema {
  /// The follow-up audit trail, appended last by `IndexSchema.migrator`.
  static func registerFollowUpTrailMigrations(_ migrator: inout DatabaseMigrator) {
    // Every follow-up change as it was made: `followUp` keeps only the
    // latest state, while a regulator or an auditor asks who changed what
    // and when. Rows are only ever inserted. Keyed like `followUp`, by the
    // incident's stable id and the normalised address, not by row ids.
    migrator.registerMigration("v6-console: follow-up trail") { db in
      try db.create(table: "followUpTrail") { t in
        t.autoIncrementedPrimaryKey("id")
        t.column("incidentId", .text).notNull()
        t.column("address", .text).notNull()
        // nil when nothing was recorded before.
        t.column("oldStatus", .text).check { $0 == nil || ["asked", "deleted", "no-answer"].contains($0) }
        t.column("newStatus", .text).notNull().check { ["asked", "deleted", "no-answer"].contains($0) }
        t.column("note", .text)
        // The OS user who made the change.
        t.column("changedBy", .text).notNull()
        // ISO 8601, UTC.
        t.column("changedAt", .text).notNull()
        // cli, console (FollowUpSource)
        t.column("source", .text).notNull().check { ["cli", "console"].contains($0) }
      }
      try db.create(index: "followUpTrail_on_incidentId", on: "followUpTrail", columns: ["incidentId"])
    }
  }
}
