import Foundation
import MailIMAP
import MailParsing

/// How a scan reaches the IMAP folders named as `imap://` paths.
public struct IMAPScanSettings: Sendable {
  /// TLS or STARTTLS, the CA to trust, timeouts.
  public var connection: IMAPConnectionOptions
  /// Gives what to sign in to a folder with (a password, or a token and its
  /// SASL mechanism). Called once per connection, when the connection is
  /// made, so a token command runs fresh each time. Never stored.
  public var credential: @Sendable (IMAPFolderAddress) throws -> IMAPCredential
  /// Messages asked for per `UID FETCH` (at most the driver's batch size).
  public var fetchChunkSize: Int
  /// Set to read every listed user's Sent folder through a master user:
  /// each `imap://host[:port]` path then names a server, not a folder.
  public var masterScan: IMAPMasterScan?

  /// TLS to port 993, the credential from the environment, 500 messages per fetch.
  public init(
    connection: IMAPConnectionOptions = IMAPConnectionOptions(),
    credential: @escaping @Sendable (IMAPFolderAddress) throws -> IMAPCredential =
      IMAPScanSettings.credentialFromEnvironment,
    fetchChunkSize: Int = 500
  ) {
    self.connection = connection
    self.credential = credential
    self.fetchChunkSize = fetchChunkSize
  }

  /// Password login, the password from `password`.
  public init(
    connection: IMAPConnectionOptions = IMAPConnectionOptions(),
    password: @escaping @Sendable (IMAPFolderAddress) throws -> String,
    fetchChunkSize: Int = 500
  ) {
    self.init(connection: connection, credential: { .password(try password($0)) }, fetchChunkSize: fetchChunkSize)
  }

  /// The variable that holds the IMAP password for unattended scans.
  public static let passwordVariable = "MAILAUDIT_IMAP_PASSWORD"
  /// The variable that holds an OAuth 2.0 access token.
  public static let tokenVariable = "MAILAUDIT_IMAP_TOKEN"

  /// The password from `MAILAUDIT_IMAP_PASSWORD`, or an error saying to set it.
  @Sendable public static func passwordFromEnvironment(_ address: IMAPFolderAddress) throws -> String {
    guard let password = ProcessInfo.processInfo.environment[passwordVariable] else {
      throw IMAPScanError.noPassword(account: address.account)
    }
    return password
  }

  /// What the address's `;AUTH=` asks for, from the environment: the token
  /// from `MAILAUDIT_IMAP_TOKEN`, else the password.
  @Sendable public static func credentialFromEnvironment(_ address: IMAPFolderAddress) throws -> IMAPCredential {
    guard let mechanism = address.authMethod?.mechanism else { return .password(try passwordFromEnvironment(address)) }
    return .token(try TokenSource.environment(tokenVariable).token(for: address), mechanism)
  }

  /// The sources at `path`: an IMAP folder for an `imap://` address, else
  /// what mailbox discovery finds in the file system.
  func sources(
    at path: String, outlookFolders: PSTReader.FolderSelection = .sentItems
  ) throws -> (sources: [any MailboxSource], problems: [Problem], skipped: [SkippedFile]) {
    guard IMAPFolderAddress.isIMAPURL(path) else {
      return MailboxDiscovery.sources(at: path, outlookFolders: outlookFolders)
    }
    if let masterScan {
      let server = try IMAPServerAddress(url: path, startTLS: connection.startTLS)
      return ([IMAPUsersTarget(server: server, scan: masterScan, settings: self)], [], [])
    }
    let address = try IMAPFolderAddress(url: path, startTLS: connection.startTLS)
    return ([IMAPFolderTarget(address: address, settings: self)], [], [])
  }
}

/// Why an IMAP scan could not start.
public enum IMAPScanError: Error, Equatable, LocalizedError {
  /// No password in the environment and no terminal to ask on.
  case noPassword(account: String)
  /// No token from a command, the environment or a terminal.
  case noToken(account: String)
  /// The token command could not be started, or ended with this status.
  case tokenCommandFailed(account: String, reason: String)
  /// The token file cannot be read.
  case tokenFileUnreadable(account: String, path: String)
  /// The token command, file or variable gave something that is not a token.
  case notAToken(account: String, source: String)

  /// What to set, for the person running the scan.
  public var errorDescription: String? {
    switch self {
    case .noPassword(let account):
      return "no IMAP password for \(account): set \(IMAPScanSettings.passwordVariable) or run on a terminal to be asked"
    case .noToken(let account):
      return "no OAuth token for \(account): give --imap-token-command or --imap-token-file, set \(IMAPScanSettings.tokenVariable), or run on a terminal to be asked"
    case .tokenCommandFailed(let account, let reason):
      return "the --imap-token-command for \(account) failed: \(reason); its own messages, if any, are above"
    case .tokenFileUnreadable(let account, let path):
      return "cannot read the --imap-token-file \(path) for \(account)"
    case .notAToken(let account, let source):
      return "\(source) gave no usable OAuth token for \(account) (expected one line of printable ASCII)"
    }
  }
}

/// An IMAP folder the scan driver reads incrementally. Read as a plain
/// source (without an index) it yields the whole folder.
struct IMAPFolderTarget: IncrementalSource {
  let address: IMAPFolderAddress
  let settings: IMAPScanSettings

  var mailbox: String { address.folderURL }

  func forEachEvent(_ body: (MailboxEvent) throws -> Void) throws {
    let source = IMAPFolderSource(
      address: address, credential: try settings.credential(address), options: settings.connection,
      chunkSize: settings.fetchChunkSize)
    try source.forEachEvent(body)
  }
}

extension IMAPFolderTarget {
  /// An IMAP folder: only UIDs above the highest one indexed under the
  /// folder's current UIDVALIDITY are fetched; a new UIDVALIDITY means the
  /// server renumbered the folder, so it is read again (messages already
  /// known by Message-ID count as duplicates, not new). Each fetched chunk
  /// is committed before the next is asked for, so a dropped connection
  /// keeps everything before it.
  func read(into run: inout ScanRun) throws {
    let session = try IMAPFolderSession(
      address: address, credential: try settings.credential(address), options: settings.connection)
    defer { session.close() }
    let status = try session.examine()
    let highest = try run.index.imapHighestUID(account: address.account, folder: address.folder, uidValidity: status.uidValidity)
    if highest == nil {
      try run.index.markIMAPLocationsGone(
        folderURL: address.folderURL, keepingUIDValidity: status.uidValidity, runId: run.runId)
    }
    let uids = try session.uids(after: highest ?? 0)
    let chunkSize = max(1, min(run.driver.batchSize, settings.fetchChunkSize))
    var start = 0
    while start < uids.count {
      let chunk = Array(uids[start..<min(start + chunkSize, uids.count)])
      start += chunkSize
      for event in try session.fetchHeaders(uids: chunk) { run.add(event) }
      try run.flush()
      if let last = chunk.last {
        try run.index.saveIMAPHighestUID(
          last, account: address.account, folder: address.folder, uidValidity: status.uidValidity, runId: run.runId)
      }
      if run.shouldStop() { throw ScanStop() }
    }
  }
}
