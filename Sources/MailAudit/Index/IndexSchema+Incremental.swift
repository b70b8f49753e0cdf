import GRDB

extension IndexSchema {
  /// Incremental analysis, appended after the IMAP migrations by
  /// `IndexSchema.migrator`.
  static func registerIncrementalMigrations(_ migrator: inout DatabaseMigrator) {
    // What links a finding to others when incidents are grouped (thread ids,
    // base subject, sender and subject): a new finding regroups only the
    // findings it shares a link with, not the whole index.
    migrator.registerMigration("v4-index: grouping links and run lookups") { db in
      try db.create(table: "findingLink", options: .withoutRowID) { t in
        t.column("link", .text).notNull()
        t.column("messageRowId", .integer).notNull().references("finding", onDelete: .cascade)
        t.primaryKey(["link", "messageRowId"])
      }
      try db.create(index: "findingLink_on_messageRowId", on: "findingLink", columns: ["messageRowId"])
      try db.create(index: "finding_on_incidentId", on: "finding", columns: ["incidentId"])
      // `--new` and the run summary ask what one run saw first.
      try db.create(index: "findingFirstSeen_on_runId", on: "findingFirstSeen", columns: ["runId"])
      try db.create(index: "incidentFirstSeen_on_runId", on: "incidentFirstSeen", columns: ["runId"])
      // Findings made before this migration have no links: the next
      // analysis must be a full one.
      try db.execute(sql: "UPDATE analysisState SET inputsDigest = ''")
    }
  }
}
