import Foundation

/// Why an IMAP folder could not be read. Each case names the server or
/// folder so the person running the scan knows what to fix; none carries
/// the password.
public enum IMAPError: Error, Equatable, Sendable, LocalizedError {
  /// The `imap://` address cannot be read (no user, no folder, bad port).
  case badURL(String)
  /// No TCP connection (refused, unreachable, unknown host, timed out).
  case cannotConnect(server: String, reason: String)
  /// The TLS handshake failed (untrusted certificate, wrong host name).
  case tlsFailed(server: String, reason: String)
  /// The server refused the user name and password.
  case authenticationFailed(server: String, user: String, serverText: String)
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
}
