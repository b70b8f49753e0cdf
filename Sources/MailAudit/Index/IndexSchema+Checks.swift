import GRDB

extension IndexSchema {
  /// v9: the severity checks of findings and incidents as comparisons.
  static func registerCheckMigrations(_ migrator: inout DatabaseMigrator) {
    // `severity IN ('low', 'medium', 'high', 'critical')` made SQLite build
    // a temporary B-tree of the four values for every row it checked (an
    // `IN` list of more than two values is looked up, not compared): a page
    // allocated and cleared for each finding and each incident (`EXPLAIN`
    // shows its `OpenEphemeral`). 100,000 inserts through Python's sqlite3
    // took 3.0 to 3.8 µs a row with it, 2.1 to 2.2 µs with comparisons; a
    // first scan of exposure-heavy mail runs 1.6% fewer instructions
    // without it, not counting the clearing (callgrind).
    // The same values, compared one by one, accept and refuse the same
    // rows. A check is part of its table's definition, so both tables are
    // written again, rows, ids and indexes kept; exposures and grouping
    // links point at findings by message row, which stays.
    migrator.registerMigration("v9-index: severity checks without a temporary table per row") { db in
      try db.execute(
        sql: """
          CREATE TABLE newFinding (
            messageRowId INTEGER PRIMARY KEY REFERENCES message(id) ON DELETE CASCADE,
            severity TEXT NOT NULL CHECK (\(severityCheck)),
            reply BOOLEAN NOT NULL CHECK (reply IN (0, 1)),
            visibleRecipients INTEGER NOT NULL CHECK (visibleRecipients >= 0),
            externalRecipients INTEGER NOT NULL CHECK (externalRecipients >= 0),
            parties INTEGER NOT NULL CHECK (parties >= 0),
            personalCount INTEGER NOT NULL CHECK (personalCount >= 0),
            incidentId TEXT NOT NULL);
          INSERT INTO newFinding SELECT messageRowId, severity, reply, visibleRecipients, externalRecipients,
            parties, personalCount, incidentId FROM finding;
          DROP TABLE finding;
          ALTER TABLE newFinding RENAME TO finding;
          CREATE INDEX finding_on_incidentId ON finding(incidentId);
          CREATE TABLE newIncident (
            id TEXT PRIMARY KEY NOT NULL,
            people INTEGER NOT NULL CHECK (people >= 0),
            personalCount INTEGER NOT NULL CHECK (personalCount >= 0),
            parties INTEGER NOT NULL CHECK (parties >= 0),
            messages INTEGER NOT NULL CHECK (messages >= 1),
            firstSent INTEGER,
            lastSent INTEGER,
            severity TEXT NOT NULL CHECK (\(severityCheck)));
          INSERT INTO newIncident SELECT id, people, personalCount, parties, messages, firstSent, lastSent, severity
            FROM incident;
          DROP TABLE incident;
          ALTER TABLE newIncident RENAME TO incident;
          """)
    }
  }

  /// The severities a row may hold, compared one by one.
  static let severityCheck = "severity = 'low' OR severity = 'medium' OR severity = 'high' OR severity = 'critical'"
}
