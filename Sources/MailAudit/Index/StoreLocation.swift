import Foundation

/// Where an ``AuditStore`` is, as the user names it: the path of a SQLite
/// index file, or a `postgresql://` URL of a PostgreSQL index (see
/// ``PostgresIndexAddress``). The one place that turns that name into a
/// store, so a command never needs to know which kind of store it talks to.
public struct StoreLocation: Sendable, Equatable, CustomStringConvertible {
  public var text: String

  public init(_ text: String) { self.text = text }

  /// `$MAILAUDIT_INDEX`, else `$XDG_DATA_HOME/mailaudit/index.sqlite`, else
  /// `~/.local/share/mailaudit/index.sqlite`.
  public static func `default`(environment: [String: String] = ProcessInfo.processInfo.environment) -> StoreLocation {
    StoreLocation(AuditIndex.defaultPath(environment: environment))
  }

  public var description: String { text }

  /// True when the location names a PostgreSQL index.
  public var isPostgres: Bool { PostgresIndexAddress.isPostgresURL(text) }

  /// True when a store is there already (reading commands never create
  /// one). A PostgreSQL index lives in a server: whether it is reachable is
  /// known only by connecting, which ``open()`` does, saying why it failed.
  public var exists: Bool { isPostgres || FileManager.default.fileExists(atPath: text) }

  /// Opens the store, creating it (and bringing its schema up to date). A
  /// `postgresql://` location is always a PostgreSQL index, never a SQLite
  /// file named after a server's address; its password comes from
  /// `PGPASSWORD` or `~/.pgpass` (``PostgresPassword``), never the URL, and
  /// when the server asks for one that neither holds, from
  /// `passwordPrompt` (given the question to ask; nil when no one can answer).
  ///
  /// With `creatingSchema` false (the commands that only read), a
  /// PostgreSQL database without the index's tables is
  /// ``PostgresIndexError/notInitialised(_:)``; a SQLite file is opened as
  /// before (those commands check ``exists`` first).
  public func open(creatingSchema: Bool = true, passwordPrompt: ((String) -> String?)? = nil) throws
    -> any AuditStore
  {
    guard isPostgres else { return try AuditIndex(path: text) }
    let address = try PostgresIndexAddress(url: text)
    do {
      return try PostgresIndex(address: address, creatingSchema: creatingSchema)
    } catch PostgresIndexError.passwordRequired(let name) {
      guard let typed = passwordPrompt?("Password for \(address.user) at \(name): ") else {
        throw PostgresIndexError.passwordRequired(name)
      }
      return try PostgresIndex(address: address, password: typed, creatingSchema: creatingSchema)
    }
  }
}
