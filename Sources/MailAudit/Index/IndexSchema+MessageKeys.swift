import GRDB

extension IndexSchema {
  /// v10: the messages' keys unique by an index of their own.
  static func registerMessageKeyMigrations(_ migrator: inout DatabaseMigrator) {
    // The key's uniqueness was a column constraint, whose index SQLite will
    // not drop. Keys are Message-IDs, in no order: every batch of a first
    // scan placed its keys all over that index and wrote most of its pages
    // again at the commit. As an index of its own, a first scan drops it
    // and builds it once at its end, keeping its keys unique meanwhile by
    // itself (see `MessageKeyRows`): 0.943 and 0.948 of the time of a
    // first scan of 50,000 messages, mbox and Maildir (16 pairs each); the
    // same on 10,000, whose key index is small. As v8 did for addresses.
    // Ids and the AUTOINCREMENT sequence are kept: every other table points
    // at messages by id.
    migrator.registerMigration("v10-index: message keys in an index a first scan builds at its end") { db in
      try db.execute(
        sql: """
          CREATE TABLE newMessage (
            "id" INTEGER PRIMARY KEY AUTOINCREMENT,
            "key" TEXT NOT NULL,
            "messageID" TEXT,
            "headerSHA256" TEXT NOT NULL,
            "dateEpoch" INTEGER,
            "dateOffset" INTEGER,
            "sender" TEXT,
            "senderName" TEXT,
            "senderDomain" TEXT,
            "subject" TEXT,
            "inReplyTo" TEXT NOT NULL DEFAULT '',
            "referenceIDs" TEXT NOT NULL DEFAULT '',
            "recipients" TEXT NOT NULL,
            "visibleCount" INTEGER NOT NULL,
            "bccCount" INTEGER NOT NULL,
            "firstRunId" INTEGER NOT NULL REFERENCES "scanRun"("id"),
            "labels" TEXT);
          INSERT INTO newMessage (id, key, messageID, headerSHA256, dateEpoch, dateOffset, sender, senderName,
            senderDomain, subject, inReplyTo, referenceIDs, recipients, visibleCount, bccCount, firstRunId, labels)
            SELECT id, key, messageID, headerSHA256, dateEpoch, dateOffset, sender, senderName,
              senderDomain, subject, inReplyTo, referenceIDs, recipients, visibleCount, bccCount, firstRunId, labels
            FROM message;
          DELETE FROM sqlite_sequence WHERE name = 'newMessage';
          INSERT INTO sqlite_sequence (name, seq) SELECT 'newMessage', seq FROM sqlite_sequence WHERE name = 'message';
          DROP TABLE message;
          ALTER TABLE newMessage RENAME TO message;
          CREATE UNIQUE INDEX \(messageKeyIndex) ON message(key);
          """)
    }
  }

  /// The unique index of message keys, which a first scan builds at its end.
  static let messageKeyIndex = "message_on_key"

  /// Whether ``messageKeyIndex`` is there (a first scan drops it until its end).
  static func hasMessageKeyIndex(_ db: Database) throws -> Bool {
    try Bool.fetchOne(
      db, sql: "SELECT EXISTS (SELECT 1 FROM sqlite_master WHERE type = 'index' AND name = ?)",
      arguments: [messageKeyIndex])!
  }

  /// `CREATE UNIQUE INDEX` of ``messageKeyIndex`` unless it is there: after
  /// a first scan, and on opening an index whose first scan was killed.
  static let createMessageKeyIndex = "CREATE UNIQUE INDEX IF NOT EXISTS \(messageKeyIndex) ON message(key)"
}
