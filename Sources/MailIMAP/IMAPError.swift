import Foundation

/// Why an IMAP folder could not be read. Each case names the server or
/// folder so the person running the scan knows what to fix; none carries
/// the password or the token.
public enum IMAPError: Error, Equatable, Sendable, LocalizedError {
  /// The `imap://` address cannot be read (no user, no folder, bad port).
  case badURL(String)
  /// No TCP connection (refused, unreachable, unknown host, timed out).
  case cannotConnect(server: String, reason: String)
  /// The TLS handshake failed (untrusted certificate, wrong host name).
  case tlsFailed(server: String, reason: String)
  /// The server refused the user name and password.
  case authenticationFailed(server: String, user: String, serverText: String)
  /// The server refused the OAuth 2.0 token: why, as its error challenge
  /// said, and the scope it asked for when it named one.
  case tokenRefused(
    server: String, user: String, mechanism: SASLMechanism, reason: OAuthRefusal, scope: String?, serverText: String)
  /// The server does not offer the SASL mechanism asked for.
  case mechanismNotOffered(server: String, mechanism: SASLMechanism, offered: [String])
  /// The folder does not exist or cannot be opened.
  case noSuchFolder(server: String, folder: String, serverText: String)
  /// The server closed the connection, or it broke, before a command ended.
  case connectionDropped(server: String, during: String)
  /// The server sent something this client cannot read, or refused a command.
  case protocolError(server: String, detail: String)
  /// The server did not answer in time.
  case timedOut(server: String, during: String)

  /// One line for the person running the scan: what failed, where, and what to try.
  public var errorDescription: String? {
    switch self {
    case .badURL(let text):
      return "cannot read the IMAP address: \(text) (expected imap://user@host[:port]/Folder)"
    case .cannotConnect(let server, let reason):
      return "cannot connect to the IMAP server \(server): \(reason)"
    case .tlsFailed(let server, let reason):
      return "TLS with the IMAP server \(server) failed: \(reason) (a private CA can be trusted with --imap-ca)"
    case .authenticationFailed(let server, let user, let serverText):
      return "the IMAP server \(server) refused the login of \(user): \(serverText)"
    case .tokenRefused(let server, let user, let mechanism, let reason, let scope, let serverText):
      let why: String
      switch reason {
      case .expired(let date):
        why = "the token expired at \(Self.utc(date)); get a new one"
      case .invalidToken:
        why = "the token is invalid or expired (a bad signature, revoked, or issued for another service or tenant); get a new one"
      case .insufficientScope:
        why = "the token was issued without the scope IMAP needs; ask for \(scope.map { "'\($0)'" } ?? "the IMAP scope")"
      case .invalidRequest:
        why = "the server could not read the sign-in; check that \(user) is the account the token was issued for"
      case .unexplained:
        why = "no reason given: the token may be expired or invalid, lack the IMAP scope, or the account may not be allowed IMAP"
      }
      let wanted = reason == .insufficientScope ? "" : scope.map { " (the server wants scope '\($0)')" } ?? ""
      return "the IMAP server \(server) refused the OAuth token for \(user) (\(mechanism.rawValue)): \(why)\(wanted). Server: \(serverText)"
    case .mechanismNotOffered(let server, let mechanism, let offered):
      let list = offered.isEmpty ? "none" : offered.joined(separator: ", ")
      return "the IMAP server \(server) does not offer \(mechanism.rawValue) sign-in (it offers: \(list)); choose another with --imap-auth"
    case .noSuchFolder(let server, let folder, let serverText):
      return "the IMAP server \(server) has no folder '\(folder)' that can be opened: \(serverText)"
    case .connectionDropped(let server, let during):
      return "the IMAP server \(server) dropped the connection during \(during); what was indexed before is kept"
    case .protocolError(let server, let detail):
      return "unexpected answer from the IMAP server \(server): \(detail)"
    case .timedOut(let server, let during):
      return "the IMAP server \(server) did not answer in time during \(during)"
    }
  }

  private static func utc(_ date: Date) -> String {
    let format = DateFormatter()
    format.locale = Locale(identifier: "en_US_POSIX")
    format.timeZone = TimeZone(identifier: "UTC")
    format.dateFormat = "yyyy-MM-dd HH:mm:ss 'UTC'"
    return format.string(from: date)
  }
}
