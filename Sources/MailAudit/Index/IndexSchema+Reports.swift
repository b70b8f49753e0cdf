import Crypto
import Foundation
import GRDB

extension IndexSchema {
  /// The reports' migrations, appended after the core ones by
  /// `IndexSchema.migrator`.
  static func registerReportMigrations(_ migrator: inout DatabaseMigrator) {
    // The masking key is made once, when the index is created or first
    // upgraded, and never changes: masked reports written months apart then
    // name the same person with the same token.
    migrator.registerMigration(maskingKeyMigration) { db in
      try db.create(table: "maskingKey") { t in
        t.primaryKey("id", .integer).check { $0 == 1 }
        t.column("key", .blob).notNull()
        t.column("createdAt", .text).notNull()
      }
      try insertMaskingKey(db)
    }
  }

  static let maskingKeyMigration = "v2-reports: masking key"

  /// Makes the index's masking key (in its migration, or in a new index
  /// made from the schema's snapshot).
  static func insertMaskingKey(_ db: Database) throws {
    let key = SymmetricKey(size: .bits256).withUnsafeBytes { Data($0) }
    try db.execute(
      sql: "INSERT INTO maskingKey (id, key, createdAt) VALUES (1, ?, ?)", arguments: [key, ISO8601.now()])
  }
}
