import GRDB

extension IndexSchema {
  /// The incident sizing migrations, appended after the report ones by
  /// `IndexSchema.migrator`.
  static func registerIncidentMigrations(_ migrator: inout DatabaseMigrator) {
    // Recipient-side follow-up: what each receiving recipient of an incident
    // was asked and answered. Keyed by the incident's stable id and the
    // normalised address, not by row ids, because findings and incidents are
    // rebuilt on every analysis while this is a record people keep.
    migrator.registerMigration("v3-incidents: recipient follow-up") { db in
      try db.create(table: "followUp") { t in
        t.column("incidentId", .text).notNull()
        t.column("address", .text).notNull()
        // asked, deleted, no-answer (FollowUpStatus)
        t.column("status", .text).notNull()
        t.column("note", .text)
        t.column("updatedAt", .text).notNull()
        t.primaryKey(["incidentId", "address"])
      }
    }
  }
}
