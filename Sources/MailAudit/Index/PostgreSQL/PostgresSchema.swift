import Crypto
import Foundation
import PostgresNIO

/// The PostgreSQL index schema: the SQLite index's tables and columns as
/// they stand after its `v7-org` migration, in PostgreSQL's words (bigserial
/// ids, boolean, bytea; `"offset"` quoted, being a keyword). Applied names
/// are kept in `schemaMigration`; each migration runs in its own transaction
/// under an advisory lock, so scanners starting together migrate once.
///
/// No PostgreSQL index was ever made before this schema, so it starts at
/// SQLite's end state rather than replaying SQLite's history: one migration
/// per concern, each released one never edited, only followed.
enum PostgresSchema {
  /// A constant of the advisory-lock space that names migrations.
  static let migrationLock: Int64 = 0x6D61_696C_6175_6469  // "mailaudi"

  /// The migration that makes the masking key (in Swift, not by the server).
  static let maskingKeyMigration = "pg1-reports: masking key"

  static let migrations: [(name: String, statements: [String])] = [
    (
      "pg1: runs, messages, locations, problems, sources",
      [
        """
        CREATE TABLE scanRun (id bigserial PRIMARY KEY, startedAt text NOT NULL, finishedAt text,
          status text NOT NULL CHECK (status IN ('running', 'completed', 'interrupted', 'failed')),
          paths text NOT NULL, messagesSeen bigint NOT NULL DEFAULT 0,
          newMessages bigint NOT NULL DEFAULT 0, duplicates bigint NOT NULL DEFAULT 0,
          alreadyIndexed bigint NOT NULL DEFAULT 0, bytesRead bigint NOT NULL DEFAULT 0,
          problems bigint NOT NULL DEFAULT 0)
        """,
        """
        CREATE TABLE message (id bigserial PRIMARY KEY, key text NOT NULL UNIQUE, messageID text,
          headerSHA256 text NOT NULL, dateEpoch bigint, dateOffset integer, sender text, senderName text,
          senderDomain text, subject text, inReplyTo text NOT NULL DEFAULT '', referenceIDs text NOT NULL DEFAULT '',
          recipients text NOT NULL, visibleCount integer NOT NULL, bccCount integer NOT NULL,
          firstRunId bigint NOT NULL REFERENCES scanRun, labels text)
        """,
        """
        CREATE TABLE location (id bigserial PRIMARY KEY,
          messageRowId bigint NOT NULL REFERENCES message ON DELETE CASCADE, format text NOT NULL,
          mailbox text NOT NULL, file text NOT NULL, "offset" bigint NOT NULL, length bigint,
          firstRunId bigint NOT NULL REFERENCES scanRun, identity text NOT NULL UNIQUE, goneInRun bigint)
        """,
        "CREATE INDEX location_on_file ON location (file)",
        "CREATE INDEX location_on_mailbox ON location (mailbox)",
        "CREATE INDEX location_on_messageRowId ON location (messageRowId)",
        """
        CREATE TABLE sourceState (path text PRIMARY KEY, device bigint NOT NULL, inode bigint NOT NULL,
          size bigint NOT NULL, mtime double precision NOT NULL, fingerprint text NOT NULL,
          resumeOffset bigint NOT NULL CHECK (resumeOffset >= 0), complete boolean NOT NULL,
          lastRunId bigint NOT NULL REFERENCES scanRun)
        """,
        """
        CREATE TABLE problem (id bigserial PRIMARY KEY, kind text NOT NULL, file text NOT NULL,
          "offset" bigint NOT NULL DEFAULT -1, field text NOT NULL DEFAULT '', detail text NOT NULL,
          firstRunId bigint NOT NULL REFERENCES scanRun, UNIQUE (kind, file, "offset", field, detail))
        """,
        """
        CREATE TABLE imapFolderState (account text NOT NULL, folder text NOT NULL, uidValidity bigint NOT NULL,
          highestUID bigint NOT NULL, lastRunId bigint NOT NULL REFERENCES scanRun,
          PRIMARY KEY (account, folder, uidValidity))
        """,
      ]
    ),
    (
      "pg1-analysis: addresses once, integer exposures, grouping links, incidents",
      [
        // As SQLite's v5-index: each address once; an exposure is integers,
        // its display name read back from the message's recipients.
        """
        CREATE TABLE address (id bigserial PRIMARY KEY, address text NOT NULL UNIQUE, party text NOT NULL,
          personal boolean NOT NULL)
        """,
        """
        CREATE TABLE finding (messageRowId bigint PRIMARY KEY REFERENCES message ON DELETE CASCADE,
          severity text NOT NULL CHECK (severity IN ('low', 'medium', 'high', 'critical')),
          reply boolean NOT NULL, visibleRecipients integer NOT NULL CHECK (visibleRecipients >= 0),
          externalRecipients integer NOT NULL CHECK (externalRecipients >= 0),
          parties integer NOT NULL CHECK (parties >= 0), personalCount integer NOT NULL CHECK (personalCount >= 0),
          incidentId text NOT NULL)
        """,
        "CREATE INDEX finding_on_incidentId ON finding (incidentId)",
        """
        CREATE TABLE exposure (messageRowId bigint NOT NULL REFERENCES finding ON DELETE CASCADE,
          recipientIndex integer NOT NULL, addressId bigint NOT NULL REFERENCES address,
          exposedTo integer NOT NULL CHECK (exposedTo >= 0), PRIMARY KEY (messageRowId, recipientIndex))
        """,
        "CREATE INDEX exposure_on_addressId ON exposure (addressId)",
        """
        CREATE TABLE findingLink (link bigint NOT NULL,
          messageRowId bigint NOT NULL REFERENCES finding ON DELETE CASCADE, PRIMARY KEY (link, messageRowId))
        """,
        "CREATE INDEX findingLink_on_messageRowId ON findingLink (messageRowId)",
        """
        CREATE TABLE incident (id text PRIMARY KEY, people integer NOT NULL CHECK (people >= 0),
          personalCount integer NOT NULL CHECK (personalCount >= 0), parties integer NOT NULL CHECK (parties >= 0),
          messages integer NOT NULL CHECK (messages >= 1), firstSent bigint, lastSent bigint,
          severity text NOT NULL CHECK (severity IN ('low', 'medium', 'high', 'critical')))
        """,
        """
        CREATE TABLE suppression (messageRowId bigint NOT NULL REFERENCES message ON DELETE CASCADE,
          allowedGroup text NOT NULL)
        """,
        "CREATE TABLE findingFirstSeen (messageKey text PRIMARY KEY, runId bigint NOT NULL REFERENCES scanRun)",
        "CREATE INDEX findingFirstSeen_on_runId ON findingFirstSeen (runId)",
        "CREATE TABLE incidentFirstSeen (id text PRIMARY KEY, runId bigint NOT NULL REFERENCES scanRun)",
        "CREATE INDEX incidentFirstSeen_on_runId ON incidentFirstSeen (runId)",
        """
        CREATE TABLE analysisState (id integer PRIMARY KEY CHECK (id = 1), internalDomains text NOT NULL,
          inferred boolean NOT NULL, senderCounts text NOT NULL, suffixListSource text NOT NULL,
          analyzedAt text NOT NULL, runId bigint REFERENCES scanRun, inputsDigest text NOT NULL DEFAULT '',
          messageHighWater bigint NOT NULL DEFAULT 0)
        """,
      ]
    ),
    (
      maskingKeyMigration,
      [
        """
        CREATE TABLE maskingKey (id integer PRIMARY KEY CHECK (id = 1), key bytea NOT NULL,
          createdAt text NOT NULL)
        """
        // The key itself is inserted by `migrate`, made here, never by the server.
      ]
    ),
    (
      "pg1-incidents: follow-ups and their trail",
      [
        """
        CREATE TABLE followUp (incidentId text NOT NULL, address text NOT NULL,
          status text NOT NULL CHECK (status IN ('asked', 'deleted', 'no-answer')),
          note text, updatedAt text NOT NULL, PRIMARY KEY (incidentId, address))
        """,
        // Only ever inserted: who changed what and when (SQLite's v6-console).
        """
        CREATE TABLE followUpTrail (id bigserial PRIMARY KEY, incidentId text NOT NULL, address text NOT NULL,
          oldStatus text CHECK (oldStatus IS NULL OR oldStatus IN ('asked', 'deleted', 'no-answer')),
          newStatus text NOT NULL CHECK (newStatus IN ('asked', 'deleted', 'no-answer')), note text,
          changedBy text NOT NULL, changedAt text NOT NULL, source text NOT NULL CHECK (source IN ('cli', 'console')))
        """,
        "CREATE INDEX followUpTrail_on_incidentId ON followUpTrail (incidentId)",
      ]
    ),
    (
      "pg1-org: mailbox owners",
      [
        "CREATE TABLE mailboxOwner (mailbox text PRIMARY KEY, owner text NOT NULL, firstRunId bigint REFERENCES scanRun)",
        "CREATE INDEX mailboxOwner_on_owner ON mailboxOwner (owner)",
      ]
    ),
    (
      // Each stored message and location paid the server a foreign-key
      // check per constraint, a query of its own locking the referenced row:
      // these three were a quarter of the server's CPU per stored message
      // (measured on 100,000 messages: 53 µs a message with them, 40 µs
      // without). They guard nothing the store does not already ensure:
      // every firstRunId is the id `beginRun` returned on the same
      // connection, every location's messageRowId the id the same statement
      // inserted or found, and no row of scanRun, message or location is
      // ever deleted (the cascade never ran).
      //
      // Likewise each exposure the analysis writes checked its address
      // (52,303 exposures: 1.08 s with it, 0.69 s without): the analysis
      // writes the address rows before their exposures in the same
      // transaction, under its lock, and deletes addresses only after the
      // findings whose deletion cascades to every exposure. The foreign
      // keys that cascade (exposure and findingLink to finding) stay, so
      // a scanner of an earlier version on this database still clears a
      // finding's exposures with it.
      "pg2-store: no per-row foreign-key checks on message, location and exposure's address",
      [
        "ALTER TABLE message DROP CONSTRAINT IF EXISTS message_firstrunid_fkey",
        "ALTER TABLE location DROP CONSTRAINT IF EXISTS location_firstrunid_fkey",
        "ALTER TABLE location DROP CONSTRAINT IF EXISTS location_messagerowid_fkey",
        "ALTER TABLE exposure DROP CONSTRAINT IF EXISTS exposure_addressid_fkey",
      ]
    ),
    (
      // The cascades from exposure and findingLink to finding made every
      // row the analysis wrote check its finding, a query of its own that
      // locks and dirties the finding's row: on 1,000,000 messages, 108,081
      // exposures and 61,162 links, about a second of the server's 4.7 s
      // analysis. The analysis writes each finding before its exposures and
      // links, in the same transaction and under its lock, so the check
      // guards nothing. What the cascade did on a delete, one statement
      // trigger now does for the whole statement, so any client deleting
      // findings (a scanner of an earlier version too) still clears their
      // exposures and links with them.
      "pg3-analysis: a finding's exposures and links cleared by a statement trigger, not checked row by row",
      [
        """
        CREATE FUNCTION mailaudit_finding_deleted() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
          DELETE FROM exposure e USING gone g WHERE e.messageRowId = g.messageRowId;
          DELETE FROM findingLink l USING gone g WHERE l.messageRowId = g.messageRowId;
          RETURN NULL;
        END
        $$
        """,
        """
        CREATE TRIGGER finding_deleted AFTER DELETE ON finding REFERENCING OLD TABLE AS gone
        FOR EACH STATEMENT EXECUTE FUNCTION mailaudit_finding_deleted()
        """,
        "ALTER TABLE exposure DROP CONSTRAINT IF EXISTS exposure_messagerowid_fkey",
        "ALTER TABLE findingLink DROP CONSTRAINT IF EXISTS findinglink_messagerowid_fkey",
      ]
    ),
  ]

  /// True when the database holds the index's tables (its migration list).
  static func exists(_ session: PostgresSession) throws -> Bool {
    try session.rows("SELECT to_regclass('schemamigration') IS NOT NULL", during: "looking for the index's tables")
      .first?.decode(Bool.self) ?? false
  }

  /// Brings the schema up to date; returns the names applied now. An index
  /// that holds migrations this build does not know (a newer mailaudit
  /// migrated it) is ``IndexError/newerSchema(path:unknown:)``, named by
  /// `location`, and left as it is.
  @discardableResult
  static func migrate(_ session: PostgresSession, location: String = "") throws -> [String] {
    // Under the lock too: two CREATE TABLE IF NOT EXISTS at once can both
    // miss the table and one then fails on the catalogue's unique index.
    try session.transaction(during: "migration") {
      try session.rows("SELECT pg_advisory_xact_lock($1)", [PostgresData(int64: migrationLock)], during: "migration")
      // Looked up first: CREATE TABLE IF NOT EXISTS asks for the right to
      // create in the schema even when the table is there, which a
      // scanner's least-rights role does not have.
      let exists = try session.rows("SELECT to_regclass('schemamigration') IS NOT NULL", during: "migration")
        .first?.decode(Bool.self) ?? false
      if !exists {
        try session.rows(
          "CREATE TABLE schemaMigration (identifier text PRIMARY KEY, appliedAt text NOT NULL)", during: "migration")
      }
      let known = Set(migrations.map(\.name))
      let unknown = try session.rows("SELECT identifier FROM schemaMigration", during: "migration")
        .map { try $0.decode(String.self) }.filter { !known.contains($0) }.sorted()
      guard unknown.isEmpty else { throw IndexError.newerSchema(path: location, unknown: unknown) }
    }
    var applied: [String] = []
    for migration in migrations {
      let done = try session.transaction(during: "migration \(migration.name)") { () -> Bool in
        // Another scanner may be migrating: wait for it, then look again.
        try session.rows("SELECT pg_advisory_xact_lock($1)", [PostgresData(int64: migrationLock)], during: "migration")
        let known = try session.rows(
          "SELECT 1 FROM schemaMigration WHERE identifier = $1", [PostgresData(string: migration.name)],
          during: "migration")
        guard known.isEmpty else { return true }
        for statement in migration.statements { try session.rows(statement, during: "migration \(migration.name)") }
        if migration.name == maskingKeyMigration {
          let key = SymmetricKey(size: .bits256).withUnsafeBytes { Data($0) }
          try session.rows(
            "INSERT INTO maskingKey (id, key, createdAt) VALUES (1, $1, $2)",
            [PostgresData(bytes: [UInt8](key)), PostgresData(string: ISO8601.now())], during: "migration")
        }
        try session.rows(
          "INSERT INTO schemaMigration (identifier, appliedAt) VALUES ($1, $2)",
          [PostgresData(string: migration.name), PostgresData(string: ISO8601.now())], during: "migration")
        return false
      }
      if !done { applied.append(migration.name) }
    }
    return applied
  }
}

extension PostgresSession {
  /// Takes the session lock of one source (a path or an `imap://` folder)
  /// without waiting: true when this session now holds it, false when
  /// another scanner reads that source. Each source has its own lock, so
  /// scanners of different sources never wait for each other; the lock ends
  /// with ``unlockSource(_:)`` or the connection.
  func tryLockSource(_ source: String) throws -> Bool {
    let rows = try rows(
      "SELECT pg_try_advisory_lock(\(PostgresSchema.sourceLockSpace), hashtext($1))", [PostgresData(string: source)],
      during: "locking \(source)")
    return try rows.first?.decode(Bool.self) ?? false
  }

  /// Releases the lock ``tryLockSource(_:)`` took.
  func unlockSource(_ source: String) throws {
    try rows(
      "SELECT pg_advisory_unlock(\(PostgresSchema.sourceLockSpace), hashtext($1))", [PostgresData(string: source)],
      during: "unlocking \(source)")
  }
}

extension PostgresSchema {
  /// The first key of the two-key advisory locks that name sources.
  static let sourceLockSpace: Int32 = 0x6D61_6973  // "mais"
  /// The first key of the two-key advisory locks that name scan runs.
  static let runLockSpace: Int32 = 0x6D61_6972  // "mair"
}
