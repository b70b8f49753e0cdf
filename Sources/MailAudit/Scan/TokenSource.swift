import Foundation
import MailIMAP

/// Where an OAuth 2.0 access token comes from. It is asked for once per
/// connection and never kept: access tokens live about an hour, so a scan
/// that outlives one gets a fresh token for its next connection.
public enum TokenSource: Sendable, Equatable {
  /// A shell command (`az account get-access-token ...`), run through
  /// `/bin/sh -c` for each connection: its standard output, trimmed, is the
  /// token; its standard error goes to ours, so its prompts and errors are
  /// seen; a non-zero exit is an error.
  case command(String)
  /// A file holding the token, read again for each connection, so a helper
  /// that refreshes it in the background is followed.
  case file(String)
  /// An environment variable holding the token.
  case environment(String)

  /// A token for signing in to `address`.
  public func token(for address: IMAPFolderAddress) throws -> OAuthToken {
    switch self {
    case .environment(let variable):
      guard let text = ProcessInfo.processInfo.environment[variable] else {
        throw IMAPScanError.noToken(account: address.account)
      }
      guard let token = OAuthToken(text.trimmingCharacters(in: .whitespacesAndNewlines)) else {
        throw IMAPScanError.notAToken(account: address.account, source: variable)
      }
      return token
    case .file(let path):
      let text: String
      do {
        text = try String(contentsOfFile: path, encoding: .utf8)
      } catch {
        throw IMAPScanError.tokenFileUnreadable(account: address.account, path: path)
      }
      guard let token = OAuthToken(text.trimmingCharacters(in: .whitespacesAndNewlines)) else {
        throw IMAPScanError.notAToken(account: address.account, source: "the --imap-token-file \(path)")
      }
      return token
    case .command(let command):
      let output = try Self.run(command, account: address.account)
      guard let token = OAuthToken(output.trimmingCharacters(in: .whitespacesAndNewlines)) else {
        throw IMAPScanError.notAToken(account: address.account, source: "the --imap-token-command")
      }
      return token
    }
  }

  private static func run(_ command: String, account: String) throws -> String {
    switch ShellCommand(command: command).output() {
    case .success(let text): return text
    case .failure(let failure): throw IMAPScanError.tokenCommandFailed(account: account, reason: failure.reason)
    }
  }
}
