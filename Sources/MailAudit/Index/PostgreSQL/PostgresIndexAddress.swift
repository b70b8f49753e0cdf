import Foundation

/// Where a PostgreSQL index is: `postgresql://user@host[:port]/database`,
/// with libpq's query parameters `sslmode`, `sslrootcert` and `host` (a
/// unix-socket folder, `?host=/run/postgresql`). A password in the address
/// is refused: it would sit in the shell history and in `ps` (see
/// ``PostgresPassword``).
public struct PostgresIndexAddress: Sendable, Equatable, CustomStringConvertible {
  /// How TLS is used, as libpq's `sslmode` says (default `prefer`).
  public enum SSLMode: String, Sendable, Equatable, CaseIterable {
    /// Plain text only.
    case disable
    /// TLS when the server offers it, without checking its certificate.
    case allow, prefer
    /// TLS always, without checking the certificate.
    case require
    /// TLS, the certificate signed by a trusted CA.
    case verifyCA = "verify-ca"
    /// TLS, the certificate signed by a trusted CA and naming the host.
    case verifyFull = "verify-full"
  }

  public var user: String
  /// A host name or address, or a folder holding the server's unix socket.
  public var host: String
  public var port: Int
  public var database: String
  public var sslMode: SSLMode
  /// A PEM file of CAs to trust instead of the system's.
  public var sslRootCert: String?

  /// True for `postgresql://` and `postgres://` addresses.
  public static func isPostgresURL(_ text: String) -> Bool {
    let lower = text.lowercased()
    return lower.hasPrefix("postgresql://") || lower.hasPrefix("postgres://")
  }

  /// True when ``host`` is a unix-socket folder.
  public var isSocket: Bool { host.hasPrefix("/") }

  /// Reads an address; a missing user is `$PGUSER` or the login name, a
  /// missing database the user's name, as libpq does.
  public init(url text: String, environment: [String: String] = ProcessInfo.processInfo.environment) throws {
    guard Self.isPostgresURL(text), let components = URLComponents(string: text) else {
      throw PostgresIndexError.badAddress(Self.redacted(text), reason: "expected postgresql://user@host[:port]/database")
    }
    var query: [String: String] = [:]
    for item in components.queryItems ?? [] { query[item.name] = item.value ?? "" }
    // libpq also takes the password as a parameter (`?password=`).
    guard components.password == nil, query["password"] == nil else {
      throw PostgresIndexError.badAddress(
        Self.redacted(text), reason: "a password in the address is refused; use PGPASSWORD, ~/.pgpass or the prompt")
    }
    for name in query.keys where !["sslmode", "sslrootcert", "host", "port", "user", "dbname"].contains(name) {
      throw PostgresIndexError.badAddress(Self.redacted(text), reason: "unknown parameter '\(name)'")
    }
    // An empty value is no value, as libpq reads it (`?dbname=` is the default database).
    query = query.filter { !$0.value.isEmpty }
    let mode = query["sslmode"] ?? environment["PGSSLMODE"] ?? SSLMode.prefer.rawValue
    guard let sslMode = SSLMode(rawValue: mode) else {
      throw PostgresIndexError.badAddress(
        Self.redacted(text), reason: "sslmode '\(mode)' is not one of \(SSLMode.allCases.map(\.rawValue).joined(separator: ", "))")
    }
    let portText = query["port"] ?? components.port.map(String.init) ?? environment["PGPORT"] ?? "5432"
    guard let port = Int(portText), (1...65535).contains(port) else {
      throw PostgresIndexError.badAddress(Self.redacted(text), reason: "bad port '\(portText)'")
    }
    // `postgresql://@host` names no user, as libpq reads it.
    let named = components.user?.removingPercentEncoding.flatMap { $0.isEmpty ? nil : $0 }
    let user = query["user"] ?? named ?? environment["PGUSER"] ?? NSUserName()
    let path = String(components.path.drop { $0 == "/" }).removingPercentEncoding ?? ""
    self.user = user
    self.host = query["host"] ?? components.host.flatMap { $0.isEmpty ? nil : $0 } ?? environment["PGHOST"] ?? "localhost"
    self.port = port
    self.database = query["dbname"] ?? (path.isEmpty ? user : path)
    self.sslMode = sslMode
    self.sslRootCert = query["sslrootcert"]
  }

  /// The address without any secret, for messages and summaries.
  public var description: String {
    let hostPart = isSocket ? "" : (host.contains(":") ? "[\(host)]" : host) + ":\(port)"
    var text = "postgresql://\(user)@\(hostPart)/\(database)"
    // A socket's port names its file (.s.PGSQL.PORT): two servers in one
    // folder differ only by it.
    if isSocket { text += "?host=\(host)" + (port == 5432 ? "" : "&port=\(port)") }
    return text
  }

  /// `text` as an error may show it: without a password after `user:` or
  /// in a `password` parameter. Read from the text itself, since an
  /// address too broken to parse (a space, `postgresq://`) is shown too.
  static func redacted(_ text: String) -> String {
    // Bytes, not Characters: `//` followed by a combining mark is no `//`
    // to Character comparison.
    var shown = text
    let bytes = Array(text.utf8)
    if let slashes = bytes.indices.dropLast().first(where: { bytes[$0] == 0x2F && bytes[$0 + 1] == 0x2F }) {
      let start = slashes + 2
      let end = bytes[start...].firstIndex { $0 == 0x2F || $0 == 0x3F || $0 == 0x23 } ?? bytes.endIndex
      if let at = bytes[start..<end].lastIndex(of: 0x40), let colon = bytes[start..<at].firstIndex(of: 0x3A) {
        shown = String(decoding: bytes[..<colon] + bytes[at...], as: UTF8.self)
      }
    }
    return shown.replacingOccurrences(of: "([?&])password=[^&#]*", with: "$1password=…", options: .regularExpression)
  }
}

/// The password for a PostgreSQL index, found as libpq finds it:
/// `PGPASSWORD`, else the first matching line of `PGPASSFILE` or
/// `~/.pgpass` (`host:port:database:user:password`, `*` matching anything,
/// `\` escaping `:` and `\`), a file readable by its owner only (libpq
/// ignores one that others can read, and so does this), else none (the
/// server may trust the connection, or ask: then the caller prompts).
public enum PostgresPassword {
  public static func find(
    for address: PostgresIndexAddress, environment: [String: String] = ProcessInfo.processInfo.environment
  ) -> String? {
    if let password = environment["PGPASSWORD"] { return password }
    let file = environment["PGPASSFILE"] ?? (NSHomeDirectory() as NSString).appendingPathComponent(".pgpass")
    guard let attributes = try? FileManager.default.attributesOfItem(atPath: file),
      let mode = attributes[.posixPermissions] as? Int, mode & 0o077 == 0,
      let text = try? String(contentsOfFile: file, encoding: .utf8)
    else { return nil }
    return lookup(in: text, for: address)
  }

  /// The password of the first line of a pgpass file matching `address`.
  static func lookup(in text: String, for address: PostgresIndexAddress) -> String? {
    // A socket connection matches the host "localhost" (libpq's rule).
    let host = address.isSocket ? "localhost" : address.host
    let wanted = [host, String(address.port), address.database, address.user]
    for line in text.split(whereSeparator: \.isNewline) where line.unicodeScalars.first != "#" {
      let fields = split(line)
      guard fields.count == 5 else { continue }
      if zip(fields.prefix(4), wanted).allSatisfy({ $0 == "*" || $0 == $1 }) { return fields[4] }
    }
    return nil
  }

  /// A line's fields at unescaped `:`, with `\:` and `\\` unescaped. Read
  /// by Unicode scalar, as libpq reads bytes: a `:` followed by a combining
  /// mark is one Character, and the field after it was lost.
  private static func split(_ line: Substring) -> [String] {
    var fields = [""]
    var escaped = false
    for scalar in line.unicodeScalars {
      if escaped {
        fields[fields.count - 1].unicodeScalars.append(scalar)
        escaped = false
      } else if scalar == "\\" {
        escaped = true
      } else if scalar == ":" && fields.count < 5 {
        fields.append("")
      } else {
        fields[fields.count - 1].unicodeScalars.append(scalar)
      }
    }
    return fields
  }
}

/// Why the PostgreSQL index cannot be used. Never carries a password.
public enum PostgresIndexError: Error, Equatable, LocalizedError {
  case badAddress(String, reason: String)
  case cannotConnect(String, reason: String)
  /// The server asks for a password and none was found (nor typed).
  case passwordRequired(String)
  case failed(String, during: String, reason: String)
  /// The database has no mailaudit tables, and the command only reads: a
  /// scan, or an administrator's first connection, creates them.
  case notInitialised(String)

  public var errorDescription: String? {
    switch self {
    case .badAddress(let address, let reason): "cannot read the index address \(address): \(reason)"
    case .cannotConnect(let address, let reason): "cannot connect to the PostgreSQL index \(address): \(reason)"
    case .passwordRequired(let address):
      "the PostgreSQL index \(address) asks for a password: set PGPASSWORD, add a line to ~/.pgpass (mode 0600), or run the command in a terminal to be asked"
    case .failed(let address, let during, let reason): "the PostgreSQL index \(address) failed during \(during): \(reason)"
    case .notInitialised(let address):
      "the PostgreSQL database \(address) holds no mailaudit index yet: run `mailaudit scan` (or `audit`) on it first, "
        + "or have an administrator connect once to create its tables"
    }
  }
}
