import GRDB

/// The index schema, only ever as ordered, named migrations: a released
/// migration is never edited, only followed by a new one.
enum IndexSchema {
  static var migrator: DatabaseMigrator {
    var migrator = DatabaseMigrator()
    migrator.registerMigration("v1: runs, messages, locations, problems, findings") { db in
      try db.create(table: "scanRun") { t in
        t.autoIncrementedPrimaryKey("id")
        t.column("startedAt", .text).notNull()
        t.column("finishedAt", .text)
        // running, completed, interrupted, failed
        t.column("status", .text).notNull()
        t.column("paths", .text).notNull()
        t.column("messagesSeen", .integer).notNull().defaults(to: 0)
        t.column("newMessages", .integer).notNull().defaults(to: 0)
        t.column("duplicates", .integer).notNull().defaults(to: 0)
        t.column("alreadyIndexed", .integer).notNull().defaults(to: 0)
        t.column("bytesRead", .integer).notNull().defaults(to: 0)
        t.column("problems", .integer).notNull().defaults(to: 0)
      }
      // One row per distinct message (Message-ID, or header hash without one).
      try db.create(table: "message") { t in
        t.autoIncrementedPrimaryKey("id")
        t.column("key", .text).notNull().unique()
        t.column("messageID", .text)
        t.column("headerSHA256", .text).notNull()
        t.column("dateEpoch", .integer)
        t.column("dateOffset", .integer)
        t.column("sender", .text)
        t.column("senderName", .text)
        t.column("senderDomain", .text)
        t.column("subject", .text)
        t.column("inReplyTo", .text).notNull().defaults(to: "")
        t.column("referenceIDs", .text).notNull().defaults(to: "")
        // Visible recipients, encoded by RecipientsColumn: one column, not a
        // row per recipient, keeps the scan's writes lean.
        t.column("recipients", .text).notNull()
        t.column("visibleCount", .integer).notNull()
        t.column("bccCount", .integer).notNull()
        t.column("firstRunId", .integer).notNull().references("scanRun")
        // Gmail Takeout labels, one per line, when the export had them.
        t.column("labels", .text)
      }
      // Every place a message was found.
      try db.create(table: "location") { t in
        t.autoIncrementedPrimaryKey("id")
        t.column("messageRowId", .integer).notNull().references("message", onDelete: .cascade)
        t.column("format", .text).notNull()
        t.column("mailbox", .text).notNull()
        t.column("file", .text).notNull()
        t.column("offset", .integer).notNull()
        t.column("length", .integer)
        t.column("firstRunId", .integer).notNull().references("scanRun")
        // MessageLocation.identity: file@offset, or the Maildir unique name,
        // so flag changes and new/ to cur/ moves are not new locations.
        t.column("identity", .text).notNull().unique()
        // Set when a rescan no longer finds the message there; the message
        // itself stays in the index (it is evidence).
        t.column("goneInRun", .integer)
      }
      try db.create(index: "location_on_file", on: "location", columns: ["file"])
      try db.create(index: "location_on_mailbox", on: "location", columns: ["mailbox"])
      // What each scanned file looked like, so the next scan reads only what
      // is new: committed with every batch, so a killed scan resumes.
      try db.create(table: "sourceState") { t in
        t.primaryKey("path", .text)
        t.column("device", .integer).notNull()
        t.column("inode", .integer).notNull()
        t.column("size", .integer).notNull()
        t.column("mtime", .double).notNull()
        // SHA-256 of the file's first bytes: a rewritten file differs there.
        t.column("fingerprint", .text).notNull()
        // Where the next read starts: the end of the last stored message.
        t.column("resumeOffset", .integer).notNull()
        t.column("complete", .boolean).notNull()
        t.column("lastRunId", .integer).notNull()
      }
      try db.create(index: "location_on_messageRowId", on: "location", columns: ["messageRowId"])
      // Problems met while reading; the same problem met again is one row.
      try db.create(table: "problem") { t in
        t.autoIncrementedPrimaryKey("id")
        t.column("kind", .text).notNull()
        t.column("file", .text).notNull()
        t.column("offset", .integer).notNull().defaults(to: -1)
        t.column("field", .text).notNull().defaults(to: "")
        t.column("detail", .text).notNull()
        t.column("firstRunId", .integer).notNull().references("scanRun")
        t.uniqueKey(["kind", "file", "offset", "field", "detail"])
      }
      // Derived by the analysis; rebuilt whenever the policy or the mail changes.
      try db.create(table: "finding") { t in
        t.primaryKey("messageRowId", .integer).references("message", onDelete: .cascade)
        t.column("severity", .text).notNull()
        t.column("reply", .boolean).notNull()
        t.column("visibleRecipients", .integer).notNull()
        t.column("externalRecipients", .integer).notNull()
        t.column("parties", .integer).notNull()
        t.column("personal", .integer).notNull()
        t.column("incidentId", .text).notNull()
      }
      try db.create(table: "exposure") { t in
        t.autoIncrementedPrimaryKey("id")
        t.column("messageRowId", .integer).notNull().references("finding", onDelete: .cascade)
        t.column("address", .text).notNull()
        t.column("displayName", .text)
        t.column("party", .text).notNull()
        t.column("personal", .boolean).notNull()
        t.column("exposedTo", .integer).notNull()
        t.uniqueKey(["messageRowId", "address"])
      }
      try db.create(index: "exposure_on_address", on: "exposure", columns: ["address"])
      try db.create(table: "incident") { t in
        t.primaryKey("id", .text)
        t.column("people", .integer).notNull()
        t.column("personal", .integer).notNull()
        t.column("parties", .integer).notNull()
        t.column("messages", .integer).notNull()
        t.column("firstSent", .integer)
        t.column("lastSent", .integer)
        t.column("severity", .text).notNull()
      }
      try db.create(table: "suppression") { t in
        t.column("messageRowId", .integer).notNull().references("message", onDelete: .cascade)
        t.column("allowedGroup", .text).notNull()
      }
      // When each finding was first seen; survives re-analysis, for --new.
      try db.create(table: "findingFirstSeen") { t in
        t.primaryKey("messageKey", .text)
        t.column("runId", .integer).notNull()
      }
      try db.create(table: "incidentFirstSeen") { t in
        t.primaryKey("id", .text)
        t.column("runId", .integer).notNull()
      }
      // The last analysis: internal domains used and where they came from.
      try db.create(table: "analysisState") { t in
        t.primaryKey("id", .integer).check { $0 == 1 }
        t.column("internalDomains", .text).notNull()
        t.column("inferred", .boolean).notNull()
        t.column("senderCounts", .text).notNull()
        t.column("suffixListSource", .text).notNull()
        t.column("analyzedAt", .text).notNull()
        t.column("runId", .integer)
        // What the analysis depended on: the policy and catalogue (a digest)
        // and the messages (the highest row id). Unchanged, it is not redone.
        t.column("inputsDigest", .text).notNull().defaults(to: "")
        t.column("messageHighWater", .integer).notNull().defaults(to: 0)
      }
    }
    registerReportMigrations(&migrator)
    registerIncidentMigrations(&migrator)
    registerIMAPMigrations(&migrator)
    registerIncrementalMigrations(&migrator)
    registerLeanMigrations(&migrator)
    registerFollowUpTrailMigrations(&migrator)
    registerOwnerMigrations(&migrator)
    registerRebuildableMigrations(&migrator)
    registerCheckMigrations(&migrator)
    registerMessageKeyMigrations(&migrator)
    return migrator
  }
}
