import Foundation
import Logging
import NIOCore
import NIOPosix
import NIOSSL
import PostgresNIO

/// One connection to the PostgreSQL index, used from one thread at a time:
/// each call blocks until the server has answered, so the store stays a
/// plain sequence of calls as the SQLite one is (MailIMAP talks to its
/// server the same way).
final class PostgresSession: @unchecked Sendable {
  let address: PostgresIndexAddress
  private let connection: PostgresConnection
  private let logger = Logger(label: "mailaudit.postgres")
  /// Statements sent since the connection opened, and the times the client
  /// waited for answers: what a batch or an analysis costs on the wire
  /// (the tests hold these to a bound that does not grow with the rows).
  private(set) var statementsSent = 0
  private(set) var roundTrips = 0

  private init(address: PostgresIndexAddress, connection: PostgresConnection) {
    self.address = address
    self.connection = connection
  }

  /// Connects to `address`, signing in with `password` when the server asks
  /// for one; TLS as its `sslmode` says.
  static func open(_ address: PostgresIndexAddress, password: String?) throws -> PostgresSession {
    var configuration: PostgresConnection.Configuration
    if address.isSocket {
      configuration = PostgresConnection.Configuration(
        unixSocketPath: "\(address.host)/.s.PGSQL.\(address.port)", username: address.user, password: password,
        database: address.database)
    } else {
      configuration = PostgresConnection.Configuration(
        host: address.host, port: address.port, username: address.user, password: password,
        database: address.database, tls: try tls(address))
    }
    configuration.options.connectTimeout = .seconds(30)
    do {
      let connection = try PostgresConnection.connect(
        on: MultiThreadedEventLoopGroup.singleton.any(), configuration: configuration, id: 1,
        logger: Logger(label: "mailaudit.postgres")
      ).wait()
      let session = PostgresSession(address: address, connection: connection)
      // The index's statements are many small ones over a batch's rows, and
      // the planner's estimates for array parameters are coarse: JIT
      // compilation (on by default since PostgreSQL 12) cost a batch of
      // 2,000 messages half a second of compiling to save milliseconds.
      try session.rows("SET jit = off", during: "connecting")
      return session
    } catch let error as PostgresIndexError {
      throw error
    } catch let error as PSQLError where error.code == .authMechanismRequiresPassword && password == nil {
      throw PostgresIndexError.passwordRequired(address.description)
    } catch {
      throw PostgresIndexError.cannotConnect(address.description, reason: Self.describe(error))
    }
  }

  /// libpq's `sslmode` as postgres-nio's TLS setting: `prefer` and
  /// `require` encrypt without checking the certificate, `verify-ca` checks
  /// its CA, `verify-full` its CA and host name.
  static func tls(_ address: PostgresIndexAddress) throws -> PostgresConnection.Configuration.TLS {
    var tls = TLSConfiguration.makeClientConfiguration()
    if let ca = address.sslRootCert { tls.trustRoots = .file(ca) }
    switch address.sslMode {
    case .disable: return .disable
    case .allow, .prefer, .require: tls.certificateVerification = .none
    case .verifyCA: tls.certificateVerification = .noHostnameVerification
    case .verifyFull: tls.certificateVerification = .fullVerification
    }
    let context: NIOSSLContext
    do {
      context = try NIOSSLContext(configuration: tls)
    } catch {
      throw PostgresIndexError.cannotConnect(address.description, reason: "cannot load the CA certificates: \(error)")
    }
    switch address.sslMode {
    case .allow, .prefer: return .prefer(context)
    default: return .require(context)
    }
  }

  /// Runs one statement with `binds` ($1, $2 ...) and gives its rows.
  @discardableResult
  func rows(_ sql: String, _ binds: [PostgresData] = [], during: String) throws -> [PostgresRow] {
    var bindings = PostgresBindings(capacity: binds.count)
    for bind in binds { bindings.append(bind) }
    statementsSent += 1
    roundTrips += 1
    do {
      return Array(try connection.query(PostgresQuery(unsafeSQL: sql, binds: bindings), logger: logger).wait().rows)
    } catch {
      throw PostgresIndexError.failed(address.description, during: during, reason: Self.describe(error))
    }
  }

  /// Sends one statement without waiting for its answer; the caller waits
  /// on the future (statements on a connection run in the order sent).
  func send(_ sql: String, _ binds: [PostgresData]) -> EventLoopFuture<PostgresQueryResult> {
    var bindings = PostgresBindings(capacity: binds.count)
    for bind in binds { bindings.append(bind) }
    statementsSent += 1
    return connection.query(PostgresQuery(unsafeSQL: sql, binds: bindings), logger: logger)
  }

  /// Runs `statements` (with their binds) in order, sending them all before
  /// waiting for the first answer: the server runs them one after the other
  /// as always, but the client pays one round trip, not one each.
  func pipelined(_ statements: [(String, [PostgresData])], during: String) throws -> [[PostgresRow]] {
    let futures = statements.map { sql, binds in send(sql, binds) }
    awaitingAnswers()
    var answers: [[PostgresRow]] = []
    var failure: (any Error)?
    // Every answer is awaited, even after a failure, so none is left in flight.
    for future in futures {
      do {
        let rows = Array(try future.wait().rows)
        if failure == nil { answers.append(rows) }
      } catch {
        if failure == nil { failure = error }
      }
    }
    if let failure {
      throw PostgresIndexError.failed(address.description, during: during, reason: Self.describe(failure))
    }
    return answers
  }

  /// Counts a wait for the answers of statements sent with ``send(_:_:)``.
  func awaitingAnswers() { roundTrips += 1 }

  /// Runs `body` in one transaction: committed when it returns, rolled
  /// back when it throws. `mode` is the statement that begins it.
  func transaction<T>(during: String, mode: String = "BEGIN", _ body: () throws -> T) throws -> T {
    try rows(mode, during: during)
    do {
      let result = try body()
      try rows("COMMIT", during: during)
      return result
    } catch {
      _ = try? rows("ROLLBACK", during: during)
      throw error
    }
  }

  /// Closes the connection; the server then releases its session locks.
  func close() {
    try? connection.close().wait()
  }

  /// The server's own message (`PSQLError` hides it from `description`).
  static func describe(_ error: any Error) -> String {
    if let psql = error as? PSQLError {
      if let message = psql.serverInfo?[.message] {
        return message + (psql.serverInfo?[.sqlState].map { " (SQLSTATE \($0))" } ?? "")
      }
      if let underlying = psql.underlying { return "\(psql.code): \(underlying)" }
      return "\(psql.code)"
    }
    return "\(error)"
  }
}

/// One result row's columns by name. PostgreSQL folds unquoted names to
/// lower case, and postgres-nio stops the process on an unknown name: here
/// names are given as the SQL spells them and a missing or unreadable
/// column is an error naming it.
struct PostgresColumns {
  private let cells: PostgresRandomAccessRow
  private let location: String

  init(_ row: PostgresRow, location: String) {
    cells = row.makeRandomAccess()
    self.location = location
  }

  func callAsFunction<T: PostgresDecodable>(_ name: String, as type: T.Type = T.self) throws -> T {
    let key = name.lowercased()
    guard cells.contains(key) else {
      throw PostgresIndexError.failed(location, during: "reading column \(name)", reason: "no such column")
    }
    do {
      return try cells[key].decode(T.self)
    } catch {
      throw PostgresIndexError.failed(location, during: "reading column \(name)", reason: PostgresSession.describe(error))
    }
  }
}

extension PostgresSession {
  /// ``rows(_:_:during:)`` with each row's columns readable by name.
  func table(_ sql: String, _ binds: [PostgresData] = [], during: String) throws -> [PostgresColumns] {
    try rows(sql, binds, during: during).map { PostgresColumns($0, location: address.description) }
  }
}
