import GRDB

extension IndexSchema {
  /// Incremental analysis, appended after the IMAP migrations by
  /// `IndexSchema.migrator`.
  static func registerIncrementalMigrations(_ migrator: inout DatabaseMigrator) {
    // What links a finding to others when incidents are grouped (thread ids,
    // base subject, sender and subject), as 64-bit hashes: a new finding
    // regroups only the findings it shares a link with, not the whole index
    // (a hash collision only regroups a few findings more).
    migrator.registerMigration("v4-index: grouping links and run lookups") { db in
      try db.create(table: "findingLink", options: .withoutRowID) { t in
        t.column("link", .integer).notNull()
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

extension IndexSchema {
  /// The lean schema, appended after the incremental-analysis migration.
  static func registerLeanMigrations(_ migrator: inout DatabaseMigrator) {
    // Exposures were the index's largest table: the address, its display
    // name and party as text on every row, under two text indexes. Now each
    // address is stored once, an exposure is four integers in its message's
    // B-tree, and the display name is read from the message's recipients.
    // Enumerated columns are checked, run ids are references, and a count is
    // named as one (`personalCount`).
    migrator.registerMigration("v5-index: addresses once, integer exposures, checked values") { db in
      try db.execute(
        sql: """
          CREATE TABLE address (
            id INTEGER PRIMARY KEY,
            address TEXT NOT NULL UNIQUE,
            party TEXT NOT NULL,
            personal BOOLEAN NOT NULL CHECK (personal IN (0, 1)));
          INSERT INTO address (address, party, personal)
            SELECT address, MIN(party), MAX(personal) FROM exposure GROUP BY address ORDER BY MIN(id);

          CREATE TABLE newFinding (
            messageRowId INTEGER PRIMARY KEY REFERENCES message(id) ON DELETE CASCADE,
            severity TEXT NOT NULL CHECK (severity IN ('low', 'medium', 'high', 'critical')),
            reply BOOLEAN NOT NULL CHECK (reply IN (0, 1)),
            visibleRecipients INTEGER NOT NULL CHECK (visibleRecipients >= 0),
            externalRecipients INTEGER NOT NULL CHECK (externalRecipients >= 0),
            parties INTEGER NOT NULL CHECK (parties >= 0),
            personalCount INTEGER NOT NULL CHECK (personalCount >= 0),
            incidentId TEXT NOT NULL);
          INSERT INTO newFinding
            SELECT messageRowId, severity, reply, visibleRecipients, externalRecipients, parties, personal, incidentId
            FROM finding;

          -- The recipient index is unknown for old rows: minus their position
          -- among the exposures stands in (a negative index means "find the
          -- address among the recipients"), until the next analysis (forced
          -- below) writes every exposure with the real one.
          CREATE TABLE newExposure (
            messageRowId INTEGER NOT NULL REFERENCES finding(messageRowId) ON DELETE CASCADE,
            recipientIndex INTEGER NOT NULL,
            addressId INTEGER NOT NULL REFERENCES address(id),
            exposedTo INTEGER NOT NULL CHECK (exposedTo >= 0),
            PRIMARY KEY (messageRowId, recipientIndex)) WITHOUT ROWID;
          INSERT INTO newExposure
            SELECT e.messageRowId, -ROW_NUMBER() OVER (PARTITION BY e.messageRowId ORDER BY e.id), a.id, e.exposedTo
            FROM exposure e JOIN address a ON a.address = e.address;

          DROP TABLE exposure;
          DROP TABLE finding;
          ALTER TABLE newFinding RENAME TO finding;
          ALTER TABLE newExposure RENAME TO exposure;
          CREATE INDEX exposure_on_addressId ON exposure(addressId);
          CREATE INDEX finding_on_incidentId ON finding(incidentId);

          CREATE TABLE newIncident (
            id TEXT PRIMARY KEY NOT NULL,
            people INTEGER NOT NULL CHECK (people >= 0),
            personalCount INTEGER NOT NULL CHECK (personalCount >= 0),
            parties INTEGER NOT NULL CHECK (parties >= 0),
            messages INTEGER NOT NULL CHECK (messages >= 1),
            firstSent INTEGER,
            lastSent INTEGER,
            severity TEXT NOT NULL CHECK (severity IN ('low', 'medium', 'high', 'critical')));
          INSERT INTO newIncident SELECT id, people, personal, parties, messages, firstSent, lastSent, severity FROM incident;
          DROP TABLE incident;
          ALTER TABLE newIncident RENAME TO incident;

          CREATE TABLE newFindingFirstSeen (
            messageKey TEXT PRIMARY KEY NOT NULL,
            runId INTEGER NOT NULL REFERENCES scanRun(id));
          INSERT INTO newFindingFirstSeen SELECT messageKey, runId FROM findingFirstSeen;
          DROP TABLE findingFirstSeen;
          ALTER TABLE newFindingFirstSeen RENAME TO findingFirstSeen;
          CREATE INDEX findingFirstSeen_on_runId ON findingFirstSeen(runId);

          CREATE TABLE newIncidentFirstSeen (
            id TEXT PRIMARY KEY NOT NULL,
            runId INTEGER NOT NULL REFERENCES scanRun(id));
          INSERT INTO newIncidentFirstSeen SELECT id, runId FROM incidentFirstSeen;
          DROP TABLE incidentFirstSeen;
          ALTER TABLE newIncidentFirstSeen RENAME TO incidentFirstSeen;
          CREATE INDEX incidentFirstSeen_on_runId ON incidentFirstSeen(runId);

          CREATE TABLE newSourceState (
            path TEXT PRIMARY KEY NOT NULL,
            device INTEGER NOT NULL,
            inode INTEGER NOT NULL,
            size INTEGER NOT NULL,
            mtime DOUBLE NOT NULL,
            fingerprint TEXT NOT NULL,
            resumeOffset INTEGER NOT NULL CHECK (resumeOffset >= 0),
            complete BOOLEAN NOT NULL CHECK (complete IN (0, 1)),
            lastRunId INTEGER NOT NULL REFERENCES scanRun(id));
          INSERT INTO newSourceState SELECT path, device, inode, size, mtime, fingerprint, resumeOffset, complete, lastRunId
            FROM sourceState;
          DROP TABLE sourceState;
          ALTER TABLE newSourceState RENAME TO sourceState;

          CREATE TABLE newIMAPFolderState (
            account TEXT NOT NULL,
            folder TEXT NOT NULL,
            uidValidity INTEGER NOT NULL,
            highestUID INTEGER NOT NULL,
            lastRunId INTEGER NOT NULL REFERENCES scanRun(id),
            PRIMARY KEY (account, folder, uidValidity));
          INSERT INTO newIMAPFolderState SELECT account, folder, uidValidity, highestUID, lastRunId FROM imapFolderState;
          DROP TABLE imapFolderState;
          ALTER TABLE newIMAPFolderState RENAME TO imapFolderState;

          CREATE TABLE newFollowUp (
            incidentId TEXT NOT NULL,
            address TEXT NOT NULL,
            status TEXT NOT NULL CHECK (status IN ('asked', 'deleted', 'no-answer')),
            note TEXT,
            updatedAt TEXT NOT NULL,
            PRIMARY KEY (incidentId, address));
          INSERT INTO newFollowUp SELECT incidentId, address, status, note, updatedAt FROM followUp;
          DROP TABLE followUp;
          ALTER TABLE newFollowUp RENAME TO followUp;

          CREATE TABLE newAnalysisState (
            id INTEGER PRIMARY KEY CHECK (id = 1),
            internalDomains TEXT NOT NULL,
            inferred BOOLEAN NOT NULL CHECK (inferred IN (0, 1)),
            senderCounts TEXT NOT NULL,
            suffixListSource TEXT NOT NULL,
            analyzedAt TEXT NOT NULL,
            runId INTEGER REFERENCES scanRun(id),
            inputsDigest TEXT NOT NULL DEFAULT '',
            messageHighWater INTEGER NOT NULL DEFAULT 0);
          INSERT INTO newAnalysisState
            SELECT id, internalDomains, inferred, senderCounts, suffixListSource, analyzedAt, runId, '', messageHighWater
            FROM analysisState;
          DROP TABLE analysisState;
          ALTER TABLE newAnalysisState RENAME TO analysisState;

          CREATE TABLE newScanRun (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            startedAt TEXT NOT NULL,
            finishedAt TEXT,
            status TEXT NOT NULL CHECK (status IN ('running', 'completed', 'interrupted', 'failed')),
            paths TEXT NOT NULL,
            messagesSeen INTEGER NOT NULL DEFAULT 0,
            newMessages INTEGER NOT NULL DEFAULT 0,
            duplicates INTEGER NOT NULL DEFAULT 0,
            alreadyIndexed INTEGER NOT NULL DEFAULT 0,
            bytesRead INTEGER NOT NULL DEFAULT 0,
            problems INTEGER NOT NULL DEFAULT 0);
          INSERT INTO newScanRun SELECT id, startedAt, finishedAt, status, paths, messagesSeen, newMessages, duplicates,
            alreadyIndexed, bytesRead, problems FROM scanRun;
          DROP TABLE scanRun;
          ALTER TABLE newScanRun RENAME TO scanRun;
          """)
    }
  }
}
