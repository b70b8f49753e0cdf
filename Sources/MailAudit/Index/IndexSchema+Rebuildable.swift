import GRDB

extension IndexSchema {
  /// v8: indexes a full analysis can drop and build again, and one index
  /// less to write per message.
  static func registerRebuildableMigrations(_ migrator: inout DatabaseMigrator) {
    // The address table's uniqueness was a column constraint, whose index
    // SQLite will not drop: a full analysis, which writes every address
    // anew, paid for placing each one in it (0.1 s of an analysis of 80,000
    // addresses). As an index of its own it is dropped and built once at
    // the end (see SQLiteAnalysisSession.rebuiltTables). Ids are kept:
    // exposures point at them.
    //
    // `location_on_file` served no query: locations are found by identity,
    // mailbox or message.
    migrator.registerMigration("v8-index: rebuildable address index, no location index by file") { db in
      try db.execute(
        sql: """
          CREATE TABLE newAddress (
            id INTEGER PRIMARY KEY,
            address TEXT NOT NULL,
            party TEXT NOT NULL,
            personal BOOLEAN NOT NULL CHECK (personal IN (0, 1)));
          INSERT INTO newAddress (id, address, party, personal) SELECT id, address, party, personal FROM address;
          DROP TABLE address;
          ALTER TABLE newAddress RENAME TO address;
          CREATE UNIQUE INDEX address_on_address ON address(address);
          DROP INDEX location_on_file;
          """)
    }
  }
}
