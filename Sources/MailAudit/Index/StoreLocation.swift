import Foundation

/// Where an ``AuditStore`` is, as the user names it: the path of a SQLite
/// index file. The one place that turns that name into a store, so a
/// command never needs to know which kind of store it talks to.
public struct StoreLocation: Sendable, Equatable, CustomStringConvertible {
  public var text: String

  public init(_ text: String) { self.text = text }

  /// `$MAILAUDIT_INDEX`, else `$XDG_DATA_HOME/mailaudit/index.sqlite`, else
  /// `~/.local/share/mailaudit/index.sqlite`.
  public static func `default`(environment: [String: String] = ProcessInfo.processInfo.environment) -> StoreLocation {
    StoreLocation(AuditIndex.defaultPath(environment: environment))
  }

  public var description: String { text }

  /// True when a store is there already (reading commands never create one).
  public var exists: Bool { FileManager.default.fileExists(atPath: text) }

  /// Opens the store, creating it (and bringing its schema up to date).
  public func open() throws -> any AuditStore {
    // Never a SQLite file named after a server's address.
    if PostgresIndexAddress.isPostgresURL(text) {
      throw PostgresIndexError.notAStoreYet(try PostgresIndexAddress(url: text).description)
    }
    return try AuditIndex(path: text)
  }
}
